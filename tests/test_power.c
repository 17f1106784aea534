/*
 * test_power.c - exact power and sample size of the TOST with known
 * margins.
 *
 * PowerTOST's power.TOST(method = "exact") as published to 3 digits
 * (tests/reference/published.tsv, margins and difference in units of the
 * sd); tighter values come from an independent R implementation of the same
 * integral with integrate(): tests/reference/power.R.
 *
 * Both are tables of tt/validate/refdata/ (refdata_published.c and
 * refdata_power.c, tolerances in refdata.h), shared with the qualification
 * suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"

static double power(size_t n_ref, size_t n_test, double sd, double lower, double upper,
		    double delta, double alpha)
{
	tt_power_options o = { sd, lower, upper, delta, alpha };
	double p = NAN;
	int rc = tt_tost_power(&p, n_ref, n_test, &o);
	if (rc)
		fail_msg("tt_tost_power(%zu, %zu): %s", n_ref, n_test, tt_error_last());
	return p;
}

static void powertost_published(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_pub_power_count; i++) {
		const tt_refdata_pub_power *e = &tt_refdata_pub_power_cases[i];
		char label[192];
		snprintf(label, sizeof label, "power %zu vs %zu = %g (%s)", e->n_ref, e->n_test,
			 e->power, e->source);
		/* In units of the sd. */
		double p = power(e->n_ref, e->n_test, 1, -e->margin, e->margin, e->delta, e->alpha);
		tt_assert_abs(p, e->power, e->half_unit, label);
	}
}

static void power_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_power_count; i++) {
		const double *c = tt_refdata_power[i];
		char label[160];
		snprintf(label, sizeof label,
			 "power %g vs %g, sd %g, margins (%g, %g), delta %g, alpha %g (R)", c[0],
			 c[1], c[2], c[3], c[4], c[5], c[6]);
		tt_assert_rel(power((size_t)c[0], (size_t)c[1], c[2], c[3], c[4], c[5], c[6]), c[7],
			      TT_REFDATA_POWER_TOL, label);
	}
}

static void power_symmetries(void **state)
{
	(void)state;
	/* The sites swap, the difference reflects with the margins, and a
	 * change of unit changes nothing. */
	double p = power(4, 9, 1.3, -1.1, 1.7, 0.2, 0.05);
	tt_assert_rel(power(9, 4, 1.3, -1.1, 1.7, 0.2, 0.05), p, 1e-14, "power: sites swap");
	tt_assert_rel(power(4, 9, 1.3, -1.7, 1.1, -0.2, 0.05), p, 1e-13,
		      "power: reflected margins and difference");
	tt_assert_rel(power(4, 9, 13.0, -11.0, 17.0, 2.0, 0.05), p, 1e-13,
		      "power: margins, sd and difference times 10");
	/* A shift of everything by the same amount is no change either. */
	tt_assert_rel(power(4, 9, 1.3, 3.9, 6.7, 5.2, 0.05), p, 1e-12, "power: shifted by 5");
}

static void power_limits(void **state)
{
	(void)state;
	/* A tiny margin cannot be shown equivalent; a huge one always is. */
	tt_assert_abs(power(10, 10, 1, -1e-6, 1e-6, 0, 0.05), 0.0, 1e-12, "power, margin 1e-6 sd");
	tt_assert_abs(power(10, 10, 1, -1e3, 1e3, 0, 0.05), 1.0, 1e-12, "power, margin 1e3 sd");
	/* Far outside the margins, the power is at most alpha, and tends
	 * to 0. */
	tt_assert_abs(power(10, 10, 1, -1, 1, 10, 0.05), 0.0, 1e-12, "power, delta 10 margins 1");
	assert_true(power(200, 200, 1, -0.3, 0.3, 0.3, 0.05) <= 0.05 + 1e-12);
}

static void sample_size_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_sample_size_count; i++) {
		const double *c = tt_refdata_sample_size[i];
		tt_power_options o = { c[0], -c[1], c[1], c[2], c[3] };
		size_t n = 0;
		double p = NAN;
		char label[160];
		assert_int_equal(tt_tost_sample_size(&n, &p, c[4], 1000, &o), 0);
		if (n != (size_t)c[5])
			fail_msg("sample size sd %g, margin %g, delta %g, target %g: %zu, "
				 "R says %g",
				 c[0], c[1], c[2], c[4], n, c[5]);
		snprintf(label, sizeof label, "power at the sample size %zu (R)", n);
		tt_assert_rel(p, c[6], TT_REFDATA_POWER_TOL, label);
		assert_true(p >= c[4]);
		if (n > 2)
			assert_true(power(n - 1, n - 1, c[0], -c[1], c[1], c[2], c[3]) < c[4]);
	}
}

static void sample_size_out_of_reach(void **state)
{
	(void)state;
	tt_power_options o = { 1.0, -1.5, 1.5, 0.0, 0.05 };
	size_t n = 99;
	double p = NAN;
	/* 9 lots per site are needed for 0.8 (R, above). */
	assert_int_equal(tt_tost_sample_size(&n, &p, 0.8, 8, &o), TT_EDOMAIN);
	assert_int_equal(n, 0);
	tt_assert_rel(p, 7.720040372835614e-01, 1e-10, "power at max_n 8 reported (R)");
	assert_string_equal(tt_error_last(), "power 0.8 is not reached with up to 8 lots per site "
					     "(power there 0.772)");
	assert_int_equal(tt_tost_sample_size(&n, &p, 0.8, 9, &o), 0);
	assert_int_equal(n, 9);
}

static void bad_arguments(void **state)
{
	(void)state;
	double p;
	size_t n;
	tt_power_options ok = { 1.0, -1.5, 1.5, 0.0, 0.05 };
	assert_int_equal(tt_tost_power(&p, 1, 5, &ok), TT_EINVAL);
	assert_string_equal(tt_error_last(), "power needs at least 2 lots per site, not 1 and 5");
	assert_int_equal(tt_tost_power(&p, 5, 1, &ok), TT_EINVAL);
	assert_int_equal(tt_tost_power(&p, 0, 0, &ok), TT_EINVAL);

	tt_power_options o = ok;
	o.sd = 0.0;
	assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the sd for power must be positive, not 0");
	o.sd = NAN;
	assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
	o = ok;
	o.lower = 1.5;
	assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the equivalence margins must be finite with "
					     "lower < upper, not (1.5, 1.5)");
	o.lower = -INFINITY;
	assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
	o = ok;
	o.delta = NAN;
	assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
	const double bad_alpha[] = { 0.0, 0.5, -0.1, 1.0, NAN };
	for (size_t i = 0; i < sizeof bad_alpha / sizeof bad_alpha[0]; i++) {
		o = ok;
		o.alpha = bad_alpha[i];
		assert_int_equal(tt_tost_power(&p, 5, 5, &o), TT_EINVAL);
		assert_int_equal(tt_tost_sample_size(&n, &p, 0.8, 100, &o), TT_EINVAL);
	}
	const double bad_target[] = { 0.0, 1.0, 1.5, NAN };
	for (size_t i = 0; i < sizeof bad_target / sizeof bad_target[0]; i++)
		assert_int_equal(tt_tost_sample_size(&n, &p, bad_target[i], 100, &ok), TT_EINVAL);
	assert_int_equal(tt_tost_sample_size(&n, &p, 0.8, 1, &ok), TT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(powertost_published),   cmocka_unit_test(power_matches_r),
		cmocka_unit_test(power_symmetries),      cmocka_unit_test(power_limits),
		cmocka_unit_test(sample_size_matches_r), cmocka_unit_test(sample_size_out_of_reach),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
