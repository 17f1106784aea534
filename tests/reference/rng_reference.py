#!/usr/bin/env python3
"""Independent reference values for tt/base/rng.c (tests/test_rng.c).

Written from the published algorithms, not from tt's C source:
  xoshiro256** 1.0 and its jump polynomials: Blackman and Vigna,
    https://prng.di.unimi.it/xoshiro256starstar.c
  SplitMix64: https://prng.di.unimi.it/splitmix64.c
  Unbiased integers in [0, n): Lemire (2019), ACM TOMACS 29(1), algorithm 5.
  Normal deviates: Marsaglia and Bray (1964) polar method, two per pair,
    the first returned first.
Python integers are exact, and Python floats are IEEE doubles, so the same
float operations in the same order give the same bits as C.

The script first checks itself against the published vectors, then prints
the values that test_rng.c expects.  Run: python3 rng_reference.py
Output committed beside it as rng_reference.out.
"""
import math

M64 = (1 << 64) - 1


def splitmix64(state):
    """Returns (new_state, output)."""
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Xoshiro:
    def __init__(self, seed=None, state=None):
        if state is not None:
            self.s = list(state)
        else:
            sm = seed & M64
            self.s = []
            for _ in range(4):
                sm, out = splitmix64(sm)
                self.s.append(out)
        self.spare = None

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def _jump(self, poly):
        acc = [0, 0, 0, 0]
        for word in poly:
            for b in range(64):
                if (word >> b) & 1:
                    acc = [a ^ x for a, x in zip(acc, self.s)]
                self.next()
        self.s = acc
        self.spare = None

    def jump(self):
        self._jump([0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C,
                    0xA9582618E03FC9AA, 0x39ABDC4529B1661C])

    def long_jump(self):
        self._jump([0x76E15D3EFEFDCBBF, 0xC5004E441C522FB3,
                    0x77710069854EE241, 0x39109BB02ACBE635])

    def uniform_index(self, n):
        """Lemire: the high word of x n, rejecting low words below 2^64 mod n."""
        m = self.next() * n
        lo = m & M64
        if lo < n:
            threshold = (1 << 64) % n
            while lo < threshold:
                m = self.next() * n
                lo = m & M64
        return m >> 64

    def uniform01(self):
        return float(self.next() >> 11) * 2.0 ** -53

    def normal(self, log=None):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        log = log or portable_log
        while True:
            u = 2.0 * self.uniform01() - 1.0
            v = 2.0 * self.uniform01() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        factor = math.sqrt(-2.0 * log(s) / s)
        self.spare = v * factor
        return u * factor


def portable_log(x):
    """ln x from +, -, *, /: x = m 2^e, m in [sqrt(1/2), sqrt(2)),
    ln m = 2 atanh((m-1)/(m+1)) by its series to the s^11/23 term,
    ln 2 split as in fdlibm (the same steps as tt/base/rng.c, so the same bits)."""
    ln2_hi = 6.93147180369123816490e-01
    ln2_lo = 1.90821492927058770002e-10
    m, e = math.frexp(x)
    if m < 0.70710678118654752440:
        m *= 2.0
        e -= 1
    f = (m - 1.0) / (m + 1.0)
    s = f * f
    acc = 0.0
    for k in range(11, 0, -1):
        acc = (acc + 1.0 / (2 * k + 1)) * s
    log_m = 2.0 * f + 2.0 * f * acc
    return e * ln2_hi + (log_m + e * ln2_lo)


def self_check():
    # rand_xoshiro (rust-random/rngs), xoshiro256starstar.rs, test `reference`.
    g = Xoshiro(state=[1, 2, 3, 4])
    assert [g.next() for _ in range(10)] == [
        11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
        607988272756665600, 16172922978634559625, 8476171486693032832,
        10595114339597558777, 2904607092377533576]
    # rand_xoshiro, splitmix64.rs, test `reference`.
    sm, outs = 1477776061723855037, []
    for _ in range(5):
        sm, o = splitmix64(sm)
        outs.append(o)
    assert outs == [1985237415132408290, 2979275885539914483, 13511426838097143398,
                    8488337342461049707, 15141737807933549159]
    # php-src ext/random/tests/02_engine/xoshiro256starstar_value.phpt: seed 1234
    # (SplitMix64), 10000 draws, jump, long jump, one draw printed as
    # little-endian bytes 1f197e9ca7969123.
    g = Xoshiro(seed=1234)
    for _ in range(10000):
        g.next()
    g.jump()
    g.long_jump()
    assert g.next().to_bytes(8, "little").hex() == "1f197e9ca7969123"
    # The portable logarithm against the C library's, over many arguments.
    worst = 0.0
    x = 1.0
    for i in range(1, 200001):
        x = i / 200001.0
        a, b = portable_log(x), math.log(x)
        if b != 0.0:
            worst = max(worst, abs(a - b) / (abs(b) * 2.0 ** -52))
    for x in (1e-300, 5e-324, 0.5, 0.9999999999999999, 0.7071067811865476, 1.0):
        a, b = portable_log(x), math.log(x)
        assert a == b or abs(a - b) <= 4 * 2.0 ** -52 * abs(b), (x, a, b)
    assert worst <= 4.0, worst
    return worst


def main():
    worst = self_check()
    print("# self-check against published vectors passed")
    print("# portable_log worst error against math.log: %.3f ulp (of 2^-52 |ln x|)" % worst)

    seed = 20240917
    g = Xoshiro(seed=seed)
    print("seed %d state %s" % (seed, " ".join("0x%016x" % w for w in g.s)))
    print("seed %d next %s" % (seed, " ".join("0x%016x" % g.next() for _ in range(5))))

    g = Xoshiro(seed=0)
    print("seed 0 next %s" % " ".join("0x%016x" % g.next() for _ in range(3)))

    g = Xoshiro(seed=seed)
    print("seed %d uniform_index(10) %s" % (seed, " ".join(str(g.uniform_index(10)) for _ in range(20))))
    n = 3 << 62
    print("seed %d uniform_index(3*2^62) %s" % (seed, " ".join(str(g.uniform_index(n)) for _ in range(5))))

    g = Xoshiro(seed=seed)
    print("seed %d uniform01 %s" % (seed, " ".join(float.hex(g.uniform01()) for _ in range(3))))

    g = Xoshiro(seed=seed)
    print("seed %d normal %s" % (seed, " ".join(float.hex(g.normal()) for _ in range(6))))
    g = Xoshiro(seed=seed)
    ref = [g.normal(log=math.log) for _ in range(6)]
    print("# the same normals with math.log: %s" % " ".join(repr(v) for v in ref))

    for index in (1, 3):
        g = Xoshiro(seed=seed)
        for _ in range(index):
            g.jump()
        print("seed %d stream %d next %s" % (seed, index,
              " ".join("0x%016x" % g.next() for _ in range(3))))
    g = Xoshiro(seed=seed)
    g.long_jump()
    print("seed %d long_jump next %s" % (seed, " ".join("0x%016x" % g.next() for _ in range(3))))


if __name__ == "__main__":
    main()
