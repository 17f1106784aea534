#!/usr/bin/env python3
"""Writes every table of tt/validate/refdata/ from committed source files.

The unit tests and `tt validate` check tt against reference values that
independent tools computed (R 4.2.2, exact rational arithmetic) or that are
published (NIST, papers, tables, PowerTOST).  Each value has one home, a file
under tests/, and this script turns those files into the C that both compile,
so that the suite runs without the source tree and no table is ever edited
by hand:

  tt/validate/refdata/   written from (under tests/)
  refdata_nist.c         resources/reference/nist-strd-univariate.csv and
                         nist-strd-certified.csv (NIST StRD, as published)
  refdata_golden.c       resources/studies/golden/* (the files themselves)
                         and reference/engine_golden.out (engine_golden.R)
  refdata_tost.c         reference/stats_core.out (stats_core.R: t.test)
  refdata_varratio.c     reference/stats_core.out (var.test)
  refdata_normality.c    reference/stats_core.out (shapiro.test)
  refdata_ranges.c       reference/stats_core.out (mean and sd)
  refdata_nct.c          reference/nct.out (nct.R: pt, qt, dchisq)
  refdata_power.c        reference/power.out (power.R: integrate())
  refdata_tolerance.c    reference/tolerance.out (tolerance.R)
  refdata_describe.c     reference/nist_exact_sd.out (nist_exact_sd.py) and
                         reference/nist_sd_tolerance.tsv
  refdata_published.c    reference/published.tsv (values as printed: tolerance
                         factors, TOST power, the f2 and MSD examples)

refdata.h (the types and tolerances) and refdata_sw_generate.c (the
generator of the large Shapiro-Wilk samples) are code, written by hand.

Every number is copied as the decimal text of its source; a C compiler rounds
such a literal to the nearest double exactly as strtod does, so the arrays
hold the doubles that R printed (tests/test_validate.c also checks that the
NIST arrays and the embedded golden files equal the files the tests read).
The .out files are what the scripts print, unedited; most already print C
rows, which are copied verbatim once each number in them is checked.

Usage, from anywhere:
  python3 scripts/gen-refdata.py          write each file that differs
  python3 scripts/gen-refdata.py --check  write nothing; exit 1 naming each
                                          file that differs from what its
                                          sources give (ctest refdata_fresh)

After rerunning a reference script (tests/reference/README.md), e.g.
  Rscript tests/reference/nct.R > tests/reference/nct.out
or editing published.tsv, run this script and commit the source and the .c
files together.
"""
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFDATA = os.path.join("tt", "validate", "refdata")
REFERENCE = os.path.join("tests", "reference")
NIST_DATA = os.path.join("tests", "resources", "reference", "nist-strd-univariate.csv")
NIST_CERT = os.path.join("tests", "resources", "reference", "nist-strd-certified.csv")
GOLDEN_DIR = os.path.join("tests", "resources", "studies", "golden")
GOLDEN_FILES = ["comparable.yaml", "not-comparable.yaml", "paired.yaml", "curves.yaml",
                "source-spec.yaml", "receiving-spec.yaml", "source-lots.csv", "receiving-lots.csv",
                "source-lysis.csv", "receiving-lysis.csv", "source-release.csv",
                "receiving-release.csv", "source-stability.csv", "receiving-stability.csv"]
# The files of tt/validate/refdata/ that are code, not tables.
HAND_WRITTEN = ["refdata.h", "refdata_sw_generate.c"]
# ISO C requires compilers to take string literals of at least 4095 bytes.
MAX_STRING = 4000

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
# The pieces of a C row that an R script prints: numbers, quoted labels,
# enum constants, booleans.
ROW_TOKEN = re.compile(r'"[^"\\]*"|[^\s,{}]+')
IDENT = re.compile(r"^(TT_[A-Z0-9_]+|true|false)$")
INCLUDE = '#include "tt/validate/refdata/refdata.h"\n\n'


class SourceError(Exception):
    """A source file that does not read as expected, with FILE:LINE."""


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def literal(text, where):
    """The number as a C double literal, exactly as written."""
    if not NUMBER.match(text):
        raise SourceError("%s: not a plain decimal number: %r" % (where, text))
    if "." not in text and "e" not in text.lower():
        return text + ".0"
    return text


def check_row(line, where):
    """Checks that a printed C row holds only numbers, labels and constants."""
    if not line.startswith("\t") or not line.rstrip().endswith(","):
        raise SourceError("%s: not a C row: %r" % (where, line))
    for token in ROW_TOKEN.findall(line):
        if token.startswith('"') or IDENT.match(token):
            continue
        literal(token, where)


def header(what, sources):
    """The opening comment: what the file holds, then where it comes from."""
    out = ["/*\n"]
    out += [" * %s\n" % line for line in what]
    out.append(" *\n")
    out += [" * %s\n" % line for line in sources]
    out.append(" */\n")
    return "".join(out)


def count(name, array):
    return "const size_t %s =\n\tsizeof %s / sizeof %s[0];\n" % (name, array, array)


def c_escape(text):
    """The text as the inside of a C string literal."""
    s = ""
    for ch in text.encode("utf-8"):
        c = chr(ch)
        if c == "\\":
            s += "\\\\"
        elif c == '"':
            s += '\\"'
        elif c == "\n":
            s += "\\n"
        elif c == "\t":
            s += "\\t"
        elif 32 <= ch < 127:
            s += c
        else:
            s += "\\%03o" % ch
    return s


def c_string(text):
    """The text as C string literal lines, one per line of the text."""
    return "\n".join('\t  "%s"' % c_escape(line) for line in text.splitlines(keepends=True))


# ---- NIST StRD and the golden studies ----

def nist():
    sets = {}
    order = []
    with open(os.path.join(ROOT, NIST_DATA), newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            name = row["dataset"]
            if name not in sets:
                sets[name] = []
                order.append(name)
            sets[name].append(literal(row["value"], "%s:%d" % (NIST_DATA, i + 2)))
    cert = {}
    with open(os.path.join(ROOT, NIST_CERT), newline="") as f:
        for row in csv.DictReader(f):
            cert[row["dataset"]] = row
    if sorted(cert) != sorted(order):
        raise SourceError("%s: data sets %s but certified values for %s"
                          % (NIST_CERT, order, sorted(cert)))

    out = []
    out.append("/*\n")
    out.append(" * refdata_nist.c - the NIST StRD univariate data sets and their certified\n")
    out.append(" * mean and sd (refdata.h).\n")
    out.append(" *\n")
    out.append(" * Generated by scripts/gen-refdata.py from\n")
    out.append(" * tests/resources/reference/nist-strd-univariate.csv and\n")
    out.append(" * nist-strd-certified.csv; do not edit, run the script again.\n")
    out.append(" * source: NIST Statistical Reference Datasets, univariate summary\n")
    out.append(" * statistics, https://www.itl.nist.gov/div898/strd/univ/homepage.html\n")
    out.append(" */\n")
    out.append(INCLUDE)
    out.append("/* clang-format off */\n")
    for name in order:
        ident = "nist_" + name.lower()
        out.append("static const double %s[%d] = {\n" % (ident, len(sets[name])))
        values = sets[name]
        for i in range(0, len(values), 6):
            out.append("\t" + ", ".join(values[i:i + 6]) + ",\n")
        out.append("};\n\n")
    out.append("const tt_refdata_nist_set tt_refdata_nist_sets[] = {\n")
    for name in order:
        c = cert[name]
        n = int(c["n"])
        if n != len(sets[name]):
            raise SourceError("%s: %s has %d values, certified n %d"
                              % (NIST_CERT, name, len(sets[name]), n))
        out.append('\t{ "%s", %d, nist_%s, %s, %s },\n'
                   % (name, n, name.lower(), literal(c["mean"], NIST_CERT),
                      literal(c["sd"], NIST_CERT)))
    out.append("};\n")
    out.append("/* clang-format on */\n\n")
    out.append(count("tt_refdata_nist_set_count", "tt_refdata_nist_sets"))
    return "".join(out)


def golden():
    expected = os.path.join(REFERENCE, "engine_golden.out")
    out = []
    out.append("/*\n")
    out.append(" * refdata_golden.c - the golden studies of tests/resources/studies/golden/\n")
    out.append(" * and R's values for them (refdata.h).\n")
    out.append(" *\n")
    out.append(" * Generated by scripts/gen-refdata.py; do not edit, run the script again.\n")
    out.append(" * source: R 4.2.2 t.test, shapiro.test, mean, sd, integrate(), cov, qf,\n")
    out.append(" * lm, anova, predict and uniroot (tests/reference/curves_lib.R),\n")
    out.append(" * tests/reference/engine_golden.R (its output engine_golden.out)\n")
    out.append(" */\n")
    out.append(INCLUDE)
    out.append("/* clang-format off */\n")
    out.append("const tt_refdata_file tt_refdata_golden_files[] = {\n")
    for name in GOLDEN_FILES:
        text = read(os.path.join(GOLDEN_DIR, name))
        if len(text.encode("utf-8")) > MAX_STRING:
            raise SourceError("%s: too long for one C string" % os.path.join(GOLDEN_DIR, name))
        out.append('\t{ "%s",\n%s },\n' % (name, c_string(text)))
    out.append("};\n\n")
    out.append("const tt_refdata_value tt_refdata_golden_expected[] = {\n")
    for i, line in enumerate(read(expected).splitlines()):
        where = "%s:%d" % (expected, i + 1)
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 2 or not re.match(r"^[a-z0-9_.]+$", fields[0]):
            raise SourceError("%s: not LABEL VALUE: %r" % (where, line))
        out.append('\t{ "%s", %s },\n' % (fields[0], literal(fields[1], where)))
    out.append("};\n")
    out.append("/* clang-format on */\n\n")
    out.append(count("tt_refdata_golden_file_count", "tt_refdata_golden_files"))
    out.append(count("tt_refdata_golden_expected_count", "tt_refdata_golden_expected"))
    return "".join(out)


# ---- stats_core.out: whole C declarations ----

STATS_CORE = os.path.join(REFERENCE, "stats_core.out")
DECLARATION = re.compile(r"^const (\w+) (\w+)\[\] = \{$")


def stats_core_groups():
    """The output of stats_core.R: one group per "/* source: ... */" line,
    each a list of declarations (type, name, row lines), keyed by the name
    of the group's last declaration."""
    groups = {}
    group = None
    decl = None
    for i, line in enumerate(read(STATS_CORE).splitlines()):
        where = "%s:%d" % (STATS_CORE, i + 1)
        if decl is not None:
            if line == "};":
                decl = None
            else:
                check_row(line, where)
                decl[2].append(line)
        elif not line:
            continue
        elif line.startswith("/* source: ") and line.endswith(" */"):
            group = (line, [])
        elif DECLARATION.match(line) and group is not None:
            m = DECLARATION.match(line)
            decl = (m.group(1), m.group(2), [])
            group[1].append(decl)
            groups[m.group(2)] = group
        else:
            raise SourceError("%s: unexpected line %r" % (where, line))
    if decl is not None:
        raise SourceError("%s: the last table is not closed" % STATS_CORE)
    return groups


def stats_core_file(what, cases_names):
    """A file of one or more stats_core.R groups, each ending in a table of
    cases whose length is its _count."""
    groups = stats_core_groups()
    out = [header(what, [
        "Generated by scripts/gen-refdata.py from tests/reference/stats_core.out,",
        "the output of tests/reference/stats_core.R; do not edit, run the script",
        "again."])]
    out.append(INCLUDE)
    for i, cases in enumerate(cases_names):
        if cases not in groups or groups[cases][1][-1][1] != cases:
            raise SourceError("%s: no group ending in table %s" % (STATS_CORE, cases))
        source, decls = groups[cases]
        if i > 0:
            out.append("\n")
        out.append("/* clang-format off */\n")
        out.append(source + "\n")
        for j, (ctype, name, rows) in enumerate(decls):
            if j > 0:
                out.append("\n")
            out.append("const %s %s[] = {\n" % (ctype, name))
            out += [row + "\n" for row in rows]
            out.append("};\n")
        out.append("/* clang-format on */\n\n")
        out.append(count(cases.replace("_cases", "_count"), cases))
    return "".join(out)


def tost():
    return stats_core_file([
        "refdata_tost.c - the TOST cases of R's t.test.  The types and tolerances",
        "are in refdata.h."], ["tt_refdata_tost_cases"])


def varratio():
    return stats_core_file([
        "refdata_varratio.c - the variance-ratio cases of R's var.test.  The types",
        "and tolerances are in refdata.h."], ["tt_refdata_vr_cases"])


def normality():
    return stats_core_file([
        "refdata_normality.c - the Shapiro-Wilk cases of R's shapiro.test. The",
        "types and tolerances are in refdata.h; tt_refdata_sw_generate, which",
        "builds the large samples, is in refdata_sw_generate.c."],
        ["tt_refdata_sw_cases", "tt_refdata_sw_gen_cases"])


def ranges():
    return stats_core_file([
        "refdata_ranges.c - the quality-range and min-max cases from R's mean and",
        "sd.  The types and tolerances are in refdata.h."], ["tt_refdata_qr_cases"])


# ---- nct.out, power.out, tolerance.out: rows under a heading ----

def sections(rel):
    """An R script's output as its "/* source: ... */" line and a dict from
    each "/* heading */" to the lines below it."""
    source = None
    found = {}
    lines = None
    for i, line in enumerate(read(rel).splitlines()):
        where = "%s:%d" % (rel, i + 1)
        m = re.match(r"^/\* (.*) \*/$", line)
        if m and source is None:
            if not m.group(1).startswith("source: "):
                raise SourceError("%s: expected the /* source: ... */ line" % where)
            source = line
        elif m:
            lines = found.setdefault(m.group(1), [])
        elif lines is None:
            raise SourceError("%s: a line before the first heading: %r" % (where, line))
        else:
            lines.append((line, where))
    if source is None:
        raise SourceError("%s: no /* source: ... */ line" % rel)
    return source, found


def double_table(comment, name, rows):
    """A const double NAME[][K] table of numeric rows, K their width."""
    width = None
    for line, where in rows:
        check_row(line, where)
        w = len(ROW_TOKEN.findall(line))
        if width is not None and w != width:
            raise SourceError("%s: %d numbers where the rows above have %d" % (where, w, width))
        width = w
    if width is None:
        raise SourceError("no rows for %s" % name)
    out = ["%s\n" % comment, "const double %s[][%d] = {\n" % (name, width)]
    out += [line + "\n" for line, _ in rows]
    out.append("};\n")
    out.append(count(name + "_count", name))
    return "".join(out)


def tables_file(what, sources, source, tables):
    """A file of tables in one clang-format off block, after a source line."""
    out = [header(what, sources), INCLUDE, "/* clang-format off */\n"]
    if source is not None:
        out.append(source + "\n\n")
    out.append("\n".join(tables))
    out.append("/* clang-format on */\n")
    return "".join(out)


def r_tables_file(script, what, tables, unused):
    """A file of the tables that SCRIPT printed, one per heading: tables is a
    list of (heading, C name, C comment); unused names the headings that no
    table takes (the tests check them by hand) and why."""
    rel = os.path.join(REFERENCE, os.path.splitext(script)[0] + ".out")
    source, found = sections(rel)
    for heading in found:
        if heading not in [t[0] for t in tables] and heading not in unused:
            raise SourceError("%s: a heading no table takes: %r" % (rel, heading))
    c_tables = []
    for heading, name, comment in tables:
        if heading not in found:
            raise SourceError("%s: no heading %r (for %s)" % (rel, heading, name))
        c_tables.append(double_table("/* %s */" % comment, name, found[heading]))
    return tables_file(what, [
        "Generated by scripts/gen-refdata.py from %s, the" % rel,
        "output of %s; do not edit, run the script again." % os.path.join(REFERENCE, script)],
        source, c_tables)


def nct():
    return r_tables_file("nct.R", [
        "refdata_nct.c - the noncentral t and scaled chi cases from R.  The types",
        "and tolerances are in refdata.h."], [
        ("t, df, ncp, pt(t, df, ncp)", "tt_refdata_nct_cdf",
         "t, df, ncp, pt(t, df, ncp) from tests/reference/nct.R"),
        ("p, df, ncp, qt(p, df, ncp)", "tt_refdata_nct_quantile",
         "p, df, ncp, qt(p, df, ncp) from tests/reference/nct.R"),
        ("s, df, density of S", "tt_refdata_scaled_chi_pdf",
         "s, df, dchisq(df s^2, df) 2 df s from tests/reference/nct.R")], {})


def power():
    return r_tables_file("power.R", [
        "refdata_power.c - the power and sample-size cases from R.  The types and",
        "tolerances are in refdata.h."], [
        ("n_ref, n_test, sd, lower, upper, delta, alpha, power", "tt_refdata_power",
         "n_ref, n_test, sd, lower, upper, delta, alpha, power: R integrate()"),
        ("sd, margin D, delta, alpha, target, n, power at n, power at n - 1",
         "tt_refdata_sample_size",
         "sd, margin D, delta, alpha, target, n, power at n, power at n - 1: R")], {})


def tolerance():
    return r_tables_file("tolerance.R", [
        "refdata_tolerance.c - tolerance factors and nonparametric orders from R.",
        "The types and tolerances are in refdata.h."], [
        ("n, P, g, exact two-sided k", "tt_refdata_ti_exact2",
         "n, P, g, exact two-sided k: R integrate() and uniroot()"),
        ("n, P, g, Howe k", "tt_refdata_ti_howe", "n, P, g, Howe k: R qnorm and qchisq"),
        ("n, P, g, one-sided k", "tt_refdata_ti_one_sided",
         "n, P, g, one-sided k: R qt(g, n - 1, qnorm(P) sqrt(n)) / sqrt(n)"),
        ("n, P, g, Wilks r two-sided, r one-sided", "tt_refdata_ti_wilks",
         "n, P, g, two-sided r, one-sided r (0: none): R pbinom"),
        ("P, g, n needed two-sided, one-sided", "tt_refdata_ti_needed",
         "P, g, smallest n two-sided, one-sided: R pbinom")],
        {"NIST 7.2.6.3 Howe and exact intervals":
         "tests/test_tolerance.c checks the e-Handbook example with these numbers"})


# ---- nist_exact_sd.out and nist_sd_tolerance.tsv ----

def describe():
    exact = os.path.join(REFERENCE, "nist_exact_sd.out")
    tols = os.path.join(REFERENCE, "nist_sd_tolerance.tsv")
    tol = {}
    rows = [line for line in read(tols).splitlines() if line and not line.startswith("#")]
    if not rows or rows[0].split("\t")[:2] != ["dataset", "cert_tol"]:
        raise SourceError("%s: the first row is not the heading dataset, cert_tol" % tols)
    for row in rows[1:]:
        fields = row.split("\t")
        tol[fields[0]] = literal(fields[1], tols)
    out = []
    for i, line in enumerate(read(exact).splitlines()):
        where = "%s:%d" % (exact, i + 1)
        m = re.match(r'^\{ "(\w+)", (\S+), (\S+) \},$', line)
        if not m:
            raise SourceError("%s: not { \"NAME\", MEAN, SD }: %r" % (where, line))
        name = m.group(1)
        if name not in tol:
            raise SourceError("%s: no tolerance for %s in %s" % (where, name, tols))
        row = '\t{ "%s", %s, %s },' % (name, tol.pop(name), literal(m.group(3), where))
        check_row(row, where)
        out.append(row + "\n")
    if tol:
        raise SourceError("%s: tolerances for %s, which have no sd" % (tols, sorted(tol)))
    comment = "\n".join([
        "/* Per data set: the relative tolerance against the certified sd, and the",
        " * exact sd of the data as binary doubles (rational arithmetic, source:",
        " * tests/reference/nist_exact_sd.py, output in nist_exact_sd.out).  The",
        " * certified values (15 significant digits, NIST StRD; METHODS.md) describe",
        " * the decimal data; values such as 1000000.2 and 10000000.2 are not exact in",
        " * binary, and their representation error alone moves the sd by 3.5e-10",
        " * (NumAcc3) and 5.6e-9 (NumAcc4) relative, Mavro's by 7.5e-14.  So the",
        " * certified sd is checked to 1e-13 relative, 1e-9 for NumAcc3 and 1e-8 for",
        " * NumAcc4 (METHODS.md asks 7 digits there), and the exact-binary sd, which is",
        " * what the algorithm can reach, to 1e-15 (a few ulps) for every set. */"])
    name = "tt_refdata_nist_sd_cases"
    table = "".join(["%s\n" % comment, "const tt_refdata_nist_sd %s[] = {\n" % name]
                    + out
                    + ["};\n", count("tt_refdata_nist_sd_count", name)])
    return tables_file([
        "refdata_describe.c - the NIST StRD sd checks: certified and exact-binary.",
        "The types and tolerances are in refdata.h."], [
        "Generated by scripts/gen-refdata.py from tests/reference/nist_exact_sd.out,",
        "the output of tests/reference/nist_exact_sd.py, and the tolerances of",
        "tests/reference/nist_sd_tolerance.tsv; do not edit, run the script again."],
        None, [table])


# ---- published.tsv: values as printed, with where ----

PUBLISHED = os.path.join(REFERENCE, "published.tsv")
# The tables of published.tsv and their columns, in order.
PUBLISHED_TABLES = {
    "factors": ["id", "n", "P", "g", "sides", "method", "k", "half_unit", "source"],
    "intervals": ["id", "n", "mean", "s", "P", "g", "method", "k", "lower", "upper",
                  "half_unit", "source"],
    "needs": ["P", "g", "n", "source"],
    "power": ["n_ref", "n_test", "margin", "delta", "alpha", "power", "half_unit", "source"],
    "f2": ["id", "f2", "half_unit", "source"],
    "f2 profiles": ["id", "minute", "reference", "test"],
    "msd": ["id", "level", "limit", "f_quantile", "msd", "k", "msd_limit", "msd_upper",
            "half_unit", "conclusion", "source"],
    "msd units": None,  # id, site, minute, then one column per unit
}
TI_METHODS = {"exact": "TT_TI_EXACT", "howe": "TT_TI_HOWE"}
CONCLUSIONS = {"similar": "true", "not similar": "false"}


def published_tables():
    """published.tsv as a dict from each table's name to its rows, each row a
    dict from column name to text plus "where", its FILE:LINE."""
    tables = {}
    rows = columns = None
    for i, line in enumerate(read(PUBLISHED).splitlines()):
        where = "%s:%d" % (PUBLISHED, i + 1)
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\[([a-z0-9 ]+)\]$", line)
        if m:
            name = m.group(1)
            if name not in PUBLISHED_TABLES or name in tables:
                raise SourceError("%s: an unknown or repeated table [%s]" % (where, name))
            rows = tables[name] = []
            columns = None
        elif rows is None:
            raise SourceError("%s: a line before the first [table]: %r" % (where, line))
        elif columns is None:
            columns = line.split("\t")
            want = PUBLISHED_TABLES[name]
            if want is None:
                want = ["id", "site", "minute"] + ["u%d" % (j + 1) for j in range(len(columns) - 3)]
            if columns != want:
                raise SourceError("%s: the columns of [%s] are %s, not %s"
                                  % (where, name, "\t".join(want), line))
        else:
            fields = line.split("\t")
            if len(fields) != len(columns) or "" in fields:
                raise SourceError("%s: %d fields where [%s] has %d columns"
                                  % (where, len(fields), name, len(columns)))
            row = dict(zip(columns, fields))
            row["where"] = where
            rows.append(row)
    for name in PUBLISHED_TABLES:
        if not tables.get(name):
            raise SourceError("%s: no rows in a table [%s]" % (PUBLISHED, name))
    return tables


def integer(text, where):
    if not re.match(r"^[0-9]+$", text):
        raise SourceError("%s: not a count: %r" % (where, text))
    return text


def one_of(text, choices, where):
    if text not in choices:
        raise SourceError("%s: %r is none of %s" % (where, text, ", ".join(sorted(choices))))
    return choices[text]


def quoted(text):
    return '"%s"' % c_escape(text)


def ident(text, where):
    """An id as a C identifier's tail: "shah-1998" gives shah_1998."""
    if not re.match(r"^[a-z0-9][a-z0-9.-]*$", text):
        raise SourceError("%s: an id of lower-case letters, digits, '-' and '.': %r"
                          % (where, text))
    return re.sub(r"[^a-z0-9]", "_", text)


def numbers(row, names):
    return [literal(row[name], "%s (%s)" % (row["where"], name)) for name in names]


def struct_table(ctype, name, comment, rows):
    """A const CTYPE NAME[] table and its count: each row its fields, in lines
    of at most 100 columns, and then its source on a line of its own."""
    out = ["/* %s */\n" % comment, "const %s %s[] = {\n" % (ctype, name)]
    for fields, source in rows:
        line = "\t{"
        for field in fields:
            if len(line.expandtabs(8)) + len(field) + 3 > 100:
                out.append(line + "\n")
                line = "\t "
            line += " %s," % field
        out.append(line + "\n\t  %s },\n" % quoted(source))
    out.append("};\n")
    out.append(count(name.replace("_cases", "_count"), name))
    return "".join(out)


def grouped(rows, ids):
    """Rows by their id, in order; every id in ids has some and no others."""
    by_id = {}
    for row in rows:
        if row["id"] not in ids:
            raise SourceError("%s: %r is no id of the table above" % (row["where"], row["id"]))
        by_id.setdefault(row["id"], []).append(row)
    for i in ids:
        if i not in by_id:
            raise SourceError("%s: no rows for %r" % (PUBLISHED, i))
    return by_id


def double_array(name, values, per_line):
    out = ["static const double %s[%d] = {\n" % (name, len(values))]
    for i in range(0, len(values), per_line):
        out.append("\t" + ", ".join(values[i:i + per_line]) + ",\n")
    out.append("};\n")
    return "".join(out)


def published():
    t = published_tables()
    tables = []

    rows = []
    for r in t["factors"]:
        w = r["where"]
        ident(r["id"], w)
        rows.append(([quoted(r["id"]), integer(r["n"], w)] + numbers(r, ["P", "g"])
                     + [one_of(r["sides"], {"1": "1", "2": "2"}, w),
                        one_of(r["method"], TI_METHODS, w)]
                     + numbers(r, ["k", "half_unit"]), r["source"]))
    tables.append(struct_table(
        "tt_refdata_pub_factor", "tt_refdata_pub_factor_cases",
        "id, n, P, g, sides, method, k, half a unit of its last digit", rows))

    rows = []
    for r in t["intervals"]:
        w = r["where"]
        ident(r["id"], w)
        if int(integer(r["n"], w)) % 2 != 1:
            raise SourceError("%s: n is even; validate_stats.c builds data of the mean and "
                              "sd from an odd n" % w)
        rows.append(([quoted(r["id"]), r["n"]] + numbers(r, ["mean", "s", "P", "g"])
                     + [one_of(r["method"], TI_METHODS, w)]
                     + numbers(r, ["k", "lower", "upper", "half_unit"]), r["source"]))
    tables.append(struct_table(
        "tt_refdata_pub_interval", "tt_refdata_pub_interval_cases",
        "id, n, mean, sd, P, g, method, k, lower, upper, half a unit of their last digit",
        rows))

    rows = [(numbers(r, ["P", "g"]) + [integer(r["n"], r["where"])], r["source"])
            for r in t["needs"]]
    tables.append(struct_table(
        "tt_refdata_pub_need", "tt_refdata_pub_need_cases",
        "P, g, the fewest lots for a two-sided nonparametric interval", rows))

    rows = [([integer(r["n_ref"], r["where"]), integer(r["n_test"], r["where"])]
             + numbers(r, ["margin", "delta", "alpha", "power", "half_unit"]), r["source"])
            for r in t["power"]]
    tables.append(struct_table(
        "tt_refdata_pub_power", "tt_refdata_pub_power_cases",
        "n_ref, n_test, margin and delta in sds, alpha, power, half a unit of its last digit",
        rows))

    arrays = []
    ids = [r["id"] for r in t["f2"]]
    profiles = grouped(t["f2 profiles"], ids)
    rows = []
    for r in t["f2"]:
        name = "f2_" + ident(r["id"], r["where"])
        points = profiles[r["id"]]
        for column, suffix in (("minute", "times"), ("reference", "ref"), ("test", "test")):
            arrays.append(double_array("%s_%s" % (name, suffix),
                                       [literal(p[column], p["where"]) for p in points], 6))
        rows.append(([quoted(r["id"]), str(len(points)), name + "_times", name + "_ref",
                      name + "_test"] + numbers(r, ["f2", "half_unit"]), r["source"]))
    tables.append(struct_table(
        "tt_refdata_pub_f2", "tt_refdata_pub_f2_cases",
        "id, p, the p times and both mean profiles, f2, half a unit of its last digit", rows))

    ids = [r["id"] for r in t["msd"]]
    units = grouped(t["msd units"], ids)
    rows = []
    for r in t["msd"]:
        w = r["where"]
        name = "msd_" + ident(r["id"], w)
        sites = {"source": [], "receiving": []}
        for u in units[r["id"]]:
            one_of(u["site"], {"source": 1, "receiving": 1}, u["where"])
            # The columns u1, u2, ... in order (published_tables checked the heading).
            values = [literal(u[c], u["where"]) for c in u if re.match(r"^u[0-9]+$", c)]
            sites[u["site"]].append((literal(u["minute"], u["where"]), values))
        times = [m for m, _ in sites["source"]]
        if not times or times != [m for m, _ in sites["receiving"]]:
            raise SourceError("%s: the sites of %r are not at the same time points"
                              % (PUBLISHED, r["id"]))
        matrices = {}
        for site, suffix in (("source", "ref"), ("receiving", "test")):
            # One row per unit, one column per time point, as tt_msd takes them.
            per_unit = [[values[u] for _, values in sites[site]]
                        for u in range(len(sites[site][0][1]))]
            matrices[site] = len(per_unit)
            arrays.append(double_array("%s_%s" % (name, suffix),
                                       [v for unit in per_unit for v in unit], len(times)))
        rows.append(([quoted(r["id"]), str(matrices["source"]), str(matrices["receiving"]),
                      str(len(times)), name + "_ref", name + "_test"]
                     + numbers(r, ["level", "limit", "f_quantile", "msd", "k", "msd_limit",
                                   "msd_upper", "half_unit"])
                     + [one_of(r["conclusion"], CONCLUSIONS, w)], r["source"]))
    tables.append(struct_table(
        "tt_refdata_pub_msd", "tt_refdata_pub_msd_cases",
        "id, units per site, p, the units, level, limit, the values, half a unit, similar",
        rows))

    return tables_file([
        "refdata_published.c - published reference values, as printed: tolerance",
        "factors and an interval, nonparametric lot counts, TOST power, and the f2",
        "and MSD examples.  The types are in refdata.h."], [
        "Generated by scripts/gen-refdata.py from tests/reference/published.tsv,",
        "where each value's source is; do not edit, run the script again."],
        None, ["/* The profiles of the f2 examples and the units of the MSD examples, one\n"
               " * row per unit. */\n" + "\n".join(arrays)] + tables)


FILES = [("refdata_nist.c", nist), ("refdata_golden.c", golden), ("refdata_tost.c", tost),
         ("refdata_varratio.c", varratio), ("refdata_normality.c", normality),
         ("refdata_ranges.c", ranges), ("refdata_nct.c", nct), ("refdata_power.c", power),
         ("refdata_tolerance.c", tolerance), ("refdata_describe.c", describe),
         ("refdata_published.c", published)]


def first_difference(old, new):
    """The first line (1-based) where two texts differ."""
    a, b = old.splitlines(), new.splitlines()
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i + 1
    return min(len(a), len(b)) + 1


def main(argv):
    if argv not in ([], ["--check"]):
        sys.stderr.write("usage: gen-refdata.py [--check]\n")
        return 2
    check = argv == ["--check"]
    failed = False
    known = HAND_WRITTEN + [name for name, _ in FILES]
    for name in sorted(os.listdir(os.path.join(ROOT, REFDATA))):
        if name not in known:
            sys.stderr.write("gen-refdata: %s: neither generated nor listed as hand-written "
                             "(HAND_WRITTEN in scripts/gen-refdata.py)\n"
                             % os.path.join(REFDATA, name))
            failed = True
    for name, make in FILES:
        rel = os.path.join(REFDATA, name)
        try:
            text = make()
        except (SourceError, OSError) as e:
            sys.stderr.write("gen-refdata: %s: %s\n" % (rel, e))
            failed = True
            continue
        try:
            old = read(rel)
        except FileNotFoundError:
            old = None
        if old == text:
            continue
        if check:
            where = "missing" if old is None else \
                "line %d differs" % first_difference(old, text)
            sys.stderr.write("gen-refdata: %s is stale (%s); run python3 "
                             "scripts/gen-refdata.py and commit the result\n" % (rel, where))
            failed = True
        else:
            with open(os.path.join(ROOT, rel), "w", encoding="utf-8") as f:
                f.write(text)
            print("gen-refdata: wrote %s" % rel)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
