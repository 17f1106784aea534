#!/usr/bin/env python3
"""Independent reference for tt_f2_bootstrap (tests/test_profile.c).

The bootstrap as METHODS.md defines it, with the same random draws as tt:
resample b (0-based) belongs to chunk b // 1024, whose generator is the
seeded xoshiro256** (rng_reference.py) jumped `chunk` times; a resample
draws n_ref source lots, then n_test receiving lots, each with
uniform_index(n).  BCa as in Efron and Tibshirani (1993), ch. 14:
z0 = Phi^-1(#(f2* < f2) / B), acceleration from the jackknife over all lots,
percentiles interpolated as R's quantile type 7.

Everything else is written afresh here (means of the resampled lots,
sorting, Phi from Python's statistics module).  The means are summed lot
by lot in table order, as tt does, so that a resample that draws every lot
once ties exactly with the observed f2 and "f2* < f2" is decided the same
way.  Run:
python3 f2_bootstrap_reference.py > f2_bootstrap_reference.out
"""
import math
from statistics import NormalDist

from rng_reference import Xoshiro

CHUNK = 1024

PROF_REF = [[38.1, 61.2, 76.5, 84.0], [41.3, 63.8, 79.1, 86.2], [36.4, 58.9, 74.0, 82.5],
            [40.2, 62.5, 78.2, 85.1], [39.0, 60.1, 75.8, 83.9], [42.5, 65.0, 80.3, 87.0]]
PROF_TEST = [[34.2, 57.9, 73.1, 82.2], [37.8, 60.4, 76.0, 84.1], [33.0, 55.2, 71.8, 80.9],
             [36.1, 59.7, 75.2, 83.3], [38.9, 61.8, 77.4, 85.0], [35.5, 58.1, 74.3, 82.7]]


def f2(r, t):
    p = len(r)
    return 50 * math.log10(100 / math.sqrt(1 + sum((a - b) ** 2 for a, b in zip(r, t)) / p))


def col_means(rows):
    n = len(rows)
    return [sum(col) / n for col in zip(*rows)]


def weighted_means(rows, counts):
    """Means of the resampled lots, summed lot by lot in table order (a lot
    drawn k times counts k times), so that a resample drawing every lot once
    gives exactly the observed means."""
    n = sum(counts)
    sums = [0.0] * len(rows[0])
    for row, c in zip(rows, counts):
        if c:
            sums = [s + c * x for s, x in zip(sums, row)]
    return [s / n for s in sums]


def quantile7(sorted_x, q):
    h = (len(sorted_x) - 1) * q
    lo = math.floor(h)
    if lo >= len(sorted_x) - 1:
        return sorted_x[-1]
    return sorted_x[lo] + (h - lo) * (sorted_x[lo + 1] - sorted_x[lo])


def bootstrap(ref, test, B, seed, level=0.90):
    nr, nt = len(ref), len(test)
    theta = f2(col_means(ref), col_means(test))
    stars = []
    g = None
    for b in range(B):
        if b % CHUNK == 0:
            g = Xoshiro(seed=seed)
            for _ in range(b // CHUNK):
                g.jump()
        cr, ct = [0] * nr, [0] * nt
        for _ in range(nr):
            cr[g.uniform_index(nr)] += 1
        for _ in range(nt):
            ct[g.uniform_index(nt)] += 1
        stars.append(f2(weighted_means(ref, cr), weighted_means(test, ct)))
    below = sum(1 for s in stars if s < theta)
    jack = [f2(col_means(ref[:i] + ref[i + 1:]), col_means(test)) for i in range(nr)]
    jack += [f2(col_means(ref), col_means(test[:i] + test[i + 1:])) for i in range(nt)]
    m = sum(jack) / len(jack)
    s2 = sum((m - x) ** 2 for x in jack)
    s3 = sum((m - x) ** 3 for x in jack)
    a = s3 / (6 * s2 ** 1.5)
    N = NormalDist()
    z0 = N.inv_cdf(below / B)
    out = []
    for tail in ((1 - level) / 2, (1 + level) / 2):
        z = N.inv_cdf(tail)
        out.append(N.cdf(z0 + (z0 + z) / (1 - a * (z0 + z))))
    stars.sort()
    return dict(f2=theta, below=below, z0=z0, a=a, alpha_lower=out[0], alpha_upper=out[1],
                lower=quantile7(stars, out[0]), upper=quantile7(stars, out[1]))


def main():
    for B, seed in ((10000, 20240917), (2500, 1), (3000, 2)):
        r = bootstrap(PROF_REF, PROF_TEST, B, seed)
        print("profile B %d seed %d:" % (B, seed),
              " ".join("%s %r" % (k, v) for k, v in r.items()))


if __name__ == "__main__":
    main()
