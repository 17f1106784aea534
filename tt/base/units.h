/*
 * units.h - the units process parameters and attributes are written in, so
 * that 48 h and 2880 min compare as the same target.
 *
 * A unit is read as an optional multiplier, a numerator and an optional
 * denominator: "1e6 cells/mL" is 10^6 times the count "cells" per the
 * volume "mL".  The multiplier may be written "1e6", "1000000", "10^6",
 * "x10^6" or with the multiplication sign U+00D7, and is followed by a
 * space.  Each of the two terms is either a unit from a small table (time s,
 * min, h, d, wk; volume nL, uL, mL, dL, L; mass pg, ng, ug, mg, g, kg;
 * length um, mm, cm, m; pressure Pa, kPa, mbar, bar, psi; temperature C,
 * also written degC, U+00B0 C or U+2103; rpm; %) or a word the table does
 * not know ("cells", "beads", "copies"), which matches only itself.  Micro
 * may be written u, the micro sign U+00B5 or the Greek mu U+03BC.  Case
 * matters ("mL" and "ml" are both listed, but "M" would not be "m").
 *
 * Temperature is in degrees Celsius only, so every conversion is a factor
 * and never an offset.  A unit absent (NULL or "") is a pure number and
 * converts only to another absent unit.
 */
#ifndef TT_UNITS_H
#define TT_UNITS_H

/* The factor f such that a value in `from` equals value * f in `to`.
 * Returns 0, or TT_EINVAL (message set) when the units measure different
 * things or a word the table does not know differs. */
int tt_unit_factor(const char *from, const char *to, double *factor);

/* The same without a message: 1 and *factor set when the units convert,
 * 0 (and *factor untouched) when they do not. */
int tt_unit_try_factor(const char *from, const char *to, double *factor);

/* Converts value from one unit to another (see tt_unit_factor). */
int tt_unit_convert(double value, const char *from, const char *to, double *out);

/* Whether two units are the same unit, perhaps spelled differently
 * ("degC" and "C", "uL" and the micro-sign "uL", "mL" and "ml"): convertible with a
 * factor of 1. */
int tt_unit_same(const char *a, const char *b);

/* Whether every word of a unit is in the table (a multiplier counts as
 * known). */
int tt_unit_known(const char *unit);

#endif
