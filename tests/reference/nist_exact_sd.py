#!/usr/bin/env python3
# The exact sample sd of the NIST StRD univariate data sets as the binary
# doubles they become when read, computed in rational arithmetic.  The
# certified values describe the decimal data; the difference (largest for
# NumAcc3 and NumAcc4, whose values 1000000.2 and 10000000.2 are not exact in
# binary) is what no algorithm working on doubles can recover, so the tests
# check the certified values to that limit and these values tightly.
# The printed sds are the exact_sd column of tt/validate/refdata/refdata_describe.c,
# which scripts/gen-refdata.py writes from them and nist_sd_tolerance.tsv.
#
# Usage, from the project root:
#   python3 tests/reference/nist_exact_sd.py > tests/reference/nist_exact_sd.out
#   python3 scripts/gen-refdata.py
import csv
from collections import OrderedDict
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 40
data = OrderedDict()
with open("tests/resources/reference/nist-strd-univariate.csv") as f:
    for row in csv.DictReader(f):
        data.setdefault(row["dataset"], []).append(float(row["value"]))
for name, xs in data.items():
    n = len(xs)
    mean = sum(Fraction(x) for x in xs) / n
    var = sum((Fraction(x) - mean) ** 2 for x in xs) / (n - 1)
    sd = (Decimal(var.numerator) / Decimal(var.denominator)).sqrt()
    print('{ "%s", %.17g, %s },' % (name, float(mean), format(sd, ".20e")))
