/*
 * test_units.c - unit conversion for process parameters and attributes.
 *
 * Expected values are the SI definitions (BIPM SI Brochure, 9th edition,
 * tables 8 and 7: 1 min = 60 s, 1 h = 3600 s, 1 d = 86400 s, 1 L = 1 dm^3,
 * the prefixes) and NIST SP 811 appendix B for the psi (6894.757 Pa).
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/units.h"

static double conv(double v, const char *from, const char *to)
{
	double out = NAN;
	int rc = tt_unit_convert(v, from, to, &out);
	if (rc != 0)
		fail_msg("'%s' -> '%s' failed: %s", from, to, tt_error_last());
	return out;
}

static void time_units_convert(void **state)
{
	(void)state;
	/* SI Brochure table 8: 1 h = 60 min = 3600 s, 1 d = 24 h. */
	tt_assert_rel(conv(48, "h", "min"), 2880, 1e-15, "48 h in min");
	tt_assert_rel(conv(2880, "min", "h"), 48, 1e-15, "2880 min in h");
	tt_assert_rel(conv(1, "d", "h"), 24, 1e-15, "1 d in h");
	tt_assert_rel(conv(90, "s", "min"), 1.5, 1e-15, "90 s in min");
	tt_assert_rel(conv(2, "wk", "days"), 14, 1e-15, "2 wk in days");
	tt_assert_rel(conv(36, "hours", "d"), 1.5, 1e-15, "36 hours in d");
}

static void volume_mass_length_pressure_convert(void **state)
{
	(void)state;
	/* SI prefixes: m = 1e-3, u = 1e-6, k = 1e3, d = 1e-1, n = 1e-9. */
	tt_assert_rel(conv(1, "L", "mL"), 1000, 1e-15, "1 L in mL");
	tt_assert_rel(conv(500, "uL", "mL"), 0.5, 1e-15, "500 uL in mL");
	tt_assert_rel(conv(250, "\xc2\xb5L", "mL"), 0.25, 1e-15, "250 micro-sign L in mL");
	tt_assert_rel(conv(250, "\xce\xbcL", "uL"), 250, 1e-15, "250 Greek-mu L in uL");
	tt_assert_rel(conv(2, "dL", "mL"), 200, 1e-15, "2 dL in mL");
	tt_assert_rel(conv(1, "kg", "mg"), 1e6, 1e-15, "1 kg in mg");
	tt_assert_rel(conv(5, "ng", "pg"), 5000, 1e-15, "5 ng in pg");
	tt_assert_rel(conv(12, "um", "mm"), 0.012, 1e-15, "12 um in mm");
	/* NIST SP 811 B.8: 1 psi = 6.894757 kPa. */
	tt_assert_rel(conv(1, "psi", "kPa"), 6.894757, 1e-6, "1 psi in kPa");
	tt_assert_rel(conv(1, "bar", "mbar"), 1000, 1e-15, "1 bar in mbar");
}

static void compound_units_convert(void **state)
{
	(void)state;
	/* 1 per mL is 1000 per L. */
	tt_assert_rel(conv(2, "cells/mL", "cells/L"), 2000, 1e-15, "2 cells/mL in cells/L");
	tt_assert_rel(conv(3, "1e6 cells/mL", "cells/mL"), 3e6, 1e-15, "3 x 1e6 cells/mL");
	tt_assert_rel(conv(3, "10^6 cells/mL", "1e6 cells/mL"), 3, 1e-15, "10^6 = 1e6");
	tt_assert_rel(conv(3, "x10^6 cells/mL", "cells/uL"), 3000, 1e-15,
		      "3 x10^6 cells/mL in cells/uL");
	tt_assert_rel(conv(1.5,
			   "\xc3\x97"
			   "10^9 cells/L",
			   "1e6 cells/mL"),
		      1.5, 1e-15, "1.5 (times)10^9 cells/L in 1e6 cells/mL");
	tt_assert_rel(conv(1, "mg/mL", "g/L"), 1, 1e-15, "1 mg/mL in g/L");
	tt_assert_rel(conv(250, "ug/mL", "mg/L"), 250, 1e-15, "250 ug/mL in mg/L");
	tt_assert_rel(conv(6, "L/min", "mL/s"), 100, 1e-15, "6 L/min in mL/s");
}

static void spellings_of_one_unit_are_the_same(void **state)
{
	(void)state;
	assert_true(tt_unit_same("C", "degC"));
	assert_true(tt_unit_same("\xc2\xb0"
				 "C",
				 "C"));
	assert_true(tt_unit_same("\xe2\x84\x83", "degC"));
	assert_true(tt_unit_same("mL", "ml"));
	assert_true(tt_unit_same("uL", "\xc2\xb5L"));
	assert_true(tt_unit_same("h", "hr"));
	assert_true(tt_unit_same(" h ", "h"));
	assert_true(tt_unit_same("%", "%"));
	assert_true(tt_unit_same("beads/cell", "beads/cell"));
	assert_true(tt_unit_same(NULL, ""));
	assert_true(tt_unit_same("1e3 cells/mL", "cells/uL"));
	assert_false(tt_unit_same("h", "min"));
	assert_false(tt_unit_same("mL", "L"));
	assert_false(tt_unit_same("m", "min"));
	assert_false(tt_unit_same("beads/cell", "Beads/cell"));
}

static void incompatible_units_are_refused(void **state)
{
	(void)state;
	double out = 42;
	assert_int_equal(tt_unit_convert(1, "h", "mL", &out), TT_EINVAL);
	assert_string_equal(tt_error_last(), "cannot convert 'h' to 'mL'");
	assert_int_equal(tt_unit_convert(1, "h", NULL, &out), TT_EINVAL);
	assert_string_equal(tt_error_last(), "cannot convert 'h' to '(no unit)'");
	assert_int_equal(tt_unit_convert(1, "beads/cell", "beads/mL", &out), TT_EINVAL);
	assert_int_equal(tt_unit_convert(1, "cells/mL", "cells", &out), TT_EINVAL);
	assert_int_equal(tt_unit_convert(1, "copies/cell", "vg/cell", &out), TT_EINVAL);
	assert_int_equal(tt_unit_convert(1, "%", "rpm", &out), TT_EINVAL);
	assert_int_equal(tt_unit_convert(1, "C", "K", &out), TT_EINVAL);
	assert_true(out == 42);
	/* Two absent units: a pure number. */
	tt_assert_rel(conv(7, NULL, ""), 7, 0, "no unit to no unit");
	/* A word the table does not know matches itself. */
	tt_assert_rel(conv(3, "beads/cell", "beads/cell"), 3, 0, "beads/cell to itself");
}

static void known_units(void **state)
{
	(void)state;
	assert_true(tt_unit_known("min"));
	assert_true(tt_unit_known("mg/mL"));
	assert_true(tt_unit_known(NULL));
	assert_false(tt_unit_known("cells/mL"));
	assert_false(tt_unit_known("beads/cell"));
	assert_false(tt_unit_known("K"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(time_units_convert),
		cmocka_unit_test(volume_mass_length_pressure_convert),
		cmocka_unit_test(compound_units_convert),
		cmocka_unit_test(spellings_of_one_unit_are_the_same),
		cmocka_unit_test(incompatible_units_are_refused),
		cmocka_unit_test(known_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
