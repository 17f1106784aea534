#!/usr/bin/env python3
"""Independent reference values for tt/plan/plan_normal.c (tests/test_plan.c).

1. The ziggurat constants (Marsaglia and Tsang 2000, 256 layers): r is the
   root of the closing condition (the top layer [0, x_255] x [f(x_255), 1]
   has the same area v as every other), v = r f(r) + int_r^inf f, with
   f(x) = exp(-x^2/2); solved with mpmath at 50 digits when mpmath is
   installed.
2. The generator replayed in Python from the algorithm (layer from bits
   0-7, a signed abscissa u in [-1, 1) from bits 11-63; wedge and tail as
   Marsaglia and Tsang), with the same exp and log built from +, -, *, /,
   floor, frexp and ldexp.  Python floats are IEEE doubles and these
   operations are exact or correctly rounded, so the same steps give the
   same bits as C.  The bit source is the xoshiro256** of rng_reference.py,
   itself checked there against published vectors.

Run: python3 plan_reference.py  (output committed as plan_reference.out)
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rng_reference import Xoshiro, portable_log  # noqa: E402

R = 3.6541528853610088
V = 4.928673233974655e-3
LAYERS = 256


def constants():
    try:
        from mpmath import mp, mpf, exp, log, sqrt, erfc, findroot, pi
    except ImportError:
        return None
    mp.dps = 50

    def f(x):
        return exp(-x * x / 2)

    def area(r):
        return r * f(r) + sqrt(pi / 2) * erfc(r / sqrt(2))

    def closure(r):
        v = area(r)
        x = r
        for _ in range(1, LAYERS - 1):
            x = sqrt(-2 * log(v / x + f(x)))
        return x * (1 - f(x)) - v

    r = findroot(closure, mpf("3.6541528853610088"))
    return r, area(r)


COEF = [1.0 / math.factorial(j) for j in range(14)]  # correctly rounded, as C's hex literals


def portable_exp(x):
    ln2_hi = 6.93147180369123816490e-01
    ln2_lo = 1.90821492927058770002e-10
    inv_ln2 = 1.44269504088896338700e+00
    kd = float(math.floor(x * inv_ln2 + 0.5))
    t = (x - kd * ln2_hi) - kd * ln2_lo
    p = COEF[13]
    for j in range(12, -1, -1):
        p = p * t + COEF[j]
    return math.ldexp(p, int(kd))


def tables():
    fr = portable_exp(-0.5 * R * R)
    zx = [0.0] * (LAYERS + 1)
    zf = [0.0] * (LAYERS + 1)
    zx[0] = V / fr
    zf[0] = 0.0
    zx[1] = R
    zf[1] = fr
    for i in range(1, LAYERS - 1):
        zx[i + 1] = math.sqrt(-2.0 * portable_log(V / zx[i] + zf[i]))
        zf[i + 1] = portable_exp(-0.5 * zx[i + 1] * zx[i + 1])
    zx[LAYERS] = 0.0
    zf[LAYERS] = 1.0
    return zx, zf


ZX, ZF = tables()
COUNTS = {"fast": 0, "wedge": 0, "tail": 0}


def uniform_open(g):
    return float((g.next() >> 11) + 1) * 2.0 ** -53


def normal(g):
    while True:
        bits = g.next()
        i = bits & 0xFF
        top = (bits >> 11) - ((bits >> 63) << 53)  # bits 11-63, signed
        u = float(top) * 2.0 ** -52
        x = u * ZX[i]
        if abs(x) < ZX[i + 1]:
            COUNTS["fast"] += 1
            return x
        if i == 0:
            while True:
                a = -portable_log(uniform_open(g)) / R
                b = -portable_log(uniform_open(g))
                if not (b + b < a * a):
                    break
            COUNTS["tail"] += 1
            t = R + a
            return -t if u < 0.0 else t
        y = ZF[i] + g.uniform01() * (ZF[i + 1] - ZF[i])
        if y < portable_exp(-0.5 * x * x):
            COUNTS["wedge"] += 1
            return x


def main():
    # The coefficients are the hexadecimal literals of tt/plan/plan_normal.c.
    assert [float.hex(c) for c in COEF[:3]] == ["0x1.0000000000000p+0", "0x1.0000000000000p+0",
                                                 "0x1.0000000000000p-1"]
    assert float.hex(COEF[13]) == "0x1.6124613a86d09p-33"
    c = constants()
    if c is not None:
        r, v = c
        print("# r = %s (double %r), v = %s (double %r)" % (r, float(r), v, float(v)))
        assert float(r) == R and float(v) == V
    worst = 0.0
    for i in range(1, 2001):
        x = -7.0 * i / 2000.0
        a, b = portable_exp(x), math.exp(x)
        worst = max(worst, abs(a - b) / (b * 2.0 ** -52))
    print("# portable_exp worst error on [-7, 0] against math.exp: %.3f ulp" % worst)
    assert worst <= 2.0
    # The top layer closes: its area against v.
    print("# top layer area / v - 1 = %.3e" % (ZX[255] * (1.0 - ZF[255]) / V - 1.0))

    g = Xoshiro(seed=1)
    print("seed 1 normal %s" % " ".join(float.hex(normal(g)) for _ in range(8)))
    g = Xoshiro(seed=20240917)
    g.jump()
    g.jump()
    print("seed 20240917 stream 2 normal %s" % " ".join(float.hex(normal(g)) for _ in range(4)))
    # Deep in a stream, past wedges and tails: the sum and the last value.
    g = Xoshiro(seed=7)
    COUNTS.update(fast=0, wedge=0, tail=0)
    s = 0.0
    last = 0.0
    for _ in range(200000):
        last = normal(g)
        s += last
    print("seed 7 200000 normals sum %s last %s" % (float.hex(s), float.hex(last)))
    print("# paths taken: %s" % COUNTS)


if __name__ == "__main__":
    main()
