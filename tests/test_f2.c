/*
 * test_f2.c - the similarity factor f2.
 *
 * Shah et al. (1998) at the precision printed (tests/reference/published.tsv,
 * in tt/validate/refdata/refdata_published.c); the others from plain R
 * (tests/reference/f2.R).
 */
#include "support.h"

#include <math.h>
#include <string.h>

#include "tt/stats/stats.h"
#include "tt/validate/refdata/refdata.h"

static void shah_1998(void **state)
{
	(void)state;
	/* Shah et al. (1998): the mean profiles and f2 as printed. */
	const tt_refdata_pub_f2 *e = NULL;
	for (size_t i = 0; i < tt_refdata_pub_f2_count; i++)
		if (strcmp(tt_refdata_pub_f2_cases[i].id, "shah-1998") == 0)
			e = &tt_refdata_pub_f2_cases[i];
	assert_non_null(e);
	double f2 = NAN;
	assert_int_equal(tt_f2(&f2, e->ref, e->test, e->p), 0);
	tt_assert_abs(f2, e->f2, e->half_unit, "f2 Shah et al. 1998 (published)");
	tt_assert_rel(f2, 5.007179349305299e+01, 1e-14, "f2 Shah et al. 1998 (R)");
}

static void other_profiles(void **state)
{
	(void)state;
	double f2;
	const double r4[] = { 20, 40, 60, 80 }, t4[] = { 30, 50, 70, 90 };
	assert_int_equal(tt_f2(&f2, r4, t4, 4), 0);
	tt_assert_rel(f2, 4.989196565543394e+01, 1e-14, "f2 every point 10 apart (R)");
	tt_assert_rel(f2, 50.0 * (2.0 - 0.5 * log10(101.0)), 1e-14,
		      "f2 every point 10 apart = 50 (2 - log10(101)/2)");

	const double r6[] = { 12.1, 33.4, 51.0, 70.2, 84.9, 93.3 };
	const double t6[] = { 10.5, 30.2, 49.9, 66.0, 80.1, 91.7 };
	assert_int_equal(tt_f2(&f2, r6, t6, 6), 0);
	tt_assert_rel(f2, 7.442726801339468e+01, 1e-14, "f2 six-point profile (R)");
	/* f2 is symmetric in the two profiles. */
	double back;
	assert_int_equal(tt_f2(&back, t6, r6, 6), 0);
	tt_assert_rel(back, f2, 0.0, "f2 symmetric in reference and test");

	const double r1[] = { 55 }, t1[] = { 40 };
	assert_int_equal(tt_f2(&f2, r1, t1, 1), 0);
	tt_assert_rel(f2, 4.114728902131498e+01, 1e-14, "f2 one point (R)");

	const double same[] = { 10, 50, 90 };
	assert_int_equal(tt_f2(&f2, same, same, 3), 0);
	tt_assert_rel(f2, 100.0, 0.0, "f2 of identical profiles is 100");

	const double rn[] = { 50, 60 }, tn[] = { 50 + 1e-7, 60 };
	assert_int_equal(tt_f2(&f2, rn, tn, 2), 0);
	tt_assert_rel(f2, 9.999999999999994e+01, 1e-15, "f2 nearly equal profiles (R)");
	assert_true(f2 < 100.0);
}

static void bad_arguments(void **state)
{
	(void)state;
	double f2 = 7;
	const double r[] = { 1, 2 }, t[] = { 1, NAN };
	assert_int_equal(tt_f2(&f2, r, r, 0), TT_EINVAL);
	assert_string_equal(tt_error_last(), "f2 needs at least 1 time point");
	assert_int_equal(tt_f2(&f2, r, t, 2), TT_EINVAL);
	assert_string_equal(tt_error_last(), "f2: the mean at time point 2 is not a finite number");
	const double inf[] = { INFINITY, 2 };
	assert_int_equal(tt_f2(&f2, inf, r, 2), TT_EINVAL);
	assert_true(f2 == 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shah_1998),
		cmocka_unit_test(other_profiles),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
