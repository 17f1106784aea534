/*
 * test_power.c - exact power and sample size of the TOST with known
 * margins.
 *
 * METHODS.md gives PowerTOST's power.TOST(method = "exact") to 3 digits;
 * tighter values come from an independent R implementation of the same
 * integral with integrate(): tests/reference/power.R.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

#include "tt/stats.h"

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
	/* METHODS.md: margin 1.5 sigma, alpha 0.05, delta 0 (PowerTOST). */
	tt_assert_abs(power(3, 3, 1, -1.5, 1.5, 0, 0.05), 0.153, 5e-4,
		      "power 3 vs 3 = 0.153 (PowerTOST, METHODS.md)");
	tt_assert_abs(power(5, 5, 1, -1.5, 1.5, 0, 0.05), 0.418, 5e-4,
		      "power 5 vs 5 = 0.418 (PowerTOST, METHODS.md)");
	tt_assert_abs(power(3, 10, 1, -1.5, 1.5, 0, 0.05), 0.390, 5e-4,
		      "power 3 vs 10 = 0.390 (PowerTOST, METHODS.md)");
	tt_assert_abs(power(10, 10, 1, -1.5, 1.5, 0, 0.05), 0.886, 5e-4,
		      "power 10 vs 10 = 0.886 (PowerTOST, METHODS.md)");
}

/* n_ref, n_test, sd, lower, upper, delta, alpha, power: R integrate() */
static const double power_cases[][8] = {
	{ 3, 3, 1, -1.5, 1.5, 0, 0.05, 1.531813910490618e-01 },
	{ 5, 5, 1, -1.5, 1.5, 0, 0.05, 4.182685835927910e-01 },
	{ 3, 10, 1, -1.5, 1.5, 0, 0.05, 3.896453223947967e-01 },
	{ 10, 10, 1, -1.5, 1.5, 0, 0.05, 8.857272718726367e-01 },
	{ 2, 2, 1, -3, 3, 0, 0.05, 4.359710225918466e-01 },
	{ 4, 6, 2, -3, 3, 0.5, 0.05, 3.697154443954048e-01 },
	{ 6, 6, 1, -1, 1.5, 0.2, 0.05, 3.169454500981519e-01 },
	{ 8, 12, 0.5, -0.8, 0.6, -0.1, 0.05, 8.077756754530530e-01 },
	{ 12, 12, 1, -1.5, 1.5, 0.75, 0.05, 5.537248852431313e-01 },
	{ 20, 20, 1, -1, 1, 0, 0.05, 8.558049467906146e-01 },
	{ 20, 15, 1, -1, 1, 0.3, 0.1, 7.643385982730397e-01 },
	{ 30, 30, 3, -4, 4, 1, 0.025, 9.677024639217537e-01 },
	{ 50, 50, 1, -0.5, 0.5, 0, 0.05, 5.978723283005457e-01 },
	{ 100, 80, 1, -0.4, 0.5, 0.05, 0.05, 8.209592019115763e-01 },
	{ 200, 200, 1, -0.3, 0.3, 0.1, 0.05, 6.280566457953873e-01 },
	{ 5, 20, 1, -2, 2, -1, 0.05, 6.162926647755813e-01 },
	{ 7, 7, 10, -12, 18, 3, 0.05, 6.820319165720806e-01 },
	{ 3, 4, 1, -5, 5, 0, 0.01, 9.754010323295532e-01 },
	{ 16, 16, 1, -1.5, 1.5, 1.4, 0.05, 8.560366307984701e-02 },
	{ 9, 11, 1, -1.2, 1.2, 0, 0.2, 9.283364570485628e-01 },
	{ 40, 40, 0.1, -0.2, 0.25, 0.02, 0.05, 9.999999999999994e-01 },
	{ 1000, 1000, 1, -0.1, 0.1, 0, 0.05, 4.451158668940373e-01 },
	{ 2, 3, 1, -10, 10, 2, 0.05, 9.999960799618485e-01 },
	{ 25, 25, 1, -0.6, 0.6, 0, 0.05, 3.449466315757572e-01 },
	{ 2, 2, 1, -0.5, 0.5, 0, 0.05, 3.817385035187497e-03 },
	{ 3, 3, 1, -1, 1, 0.9, 0.05, 1.723590971328405e-02 },
	{ 100000, 100000, 1, -0.02, 0.02, 0.005, 0.05, 9.562566202387734e-01 },
	{ 4, 4, 1, -2, 0.5, -0.5, 0.3, 7.505314193298198e-01 },
};

static void power_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof power_cases / sizeof power_cases[0]; i++) {
		const double *c = power_cases[i];
		char label[160];
		snprintf(label, sizeof label,
			 "power %g vs %g, sd %g, margins (%g, %g), delta %g, alpha %g (R)", c[0],
			 c[1], c[2], c[3], c[4], c[5], c[6]);
		tt_assert_rel(power((size_t)c[0], (size_t)c[1], c[2], c[3], c[4], c[5], c[6]), c[7],
			      1e-10, label);
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

/* sd, margin D, delta, alpha, target, n, power at n, power at n - 1: R */
static const double size_cases[][8] = {
	{ 1, 1.5, 0, 0.05, 0.8, 9, 8.379835183046449e-01, 7.720040372835614e-01 },
	{ 1, 1.5, 0, 0.05, 0.9, 11, 9.199432955980600e-01, 8.857272718726367e-01 },
	{ 1, 1, 0.2, 0.05, 0.8, 21, 8.020338872133141e-01, 7.806949342290039e-01 },
	{ 2, 1.5, 0, 0.05, 0.8, 32, 8.138836191569718e-01, 7.974585019090044e-01 },
	{ 1, 1.5, 0.5, 0.05, 0.8, 14, 8.238559907180274e-01, 7.967444729579012e-01 },
	{ 1, 3, 0, 0.05, 0.5, 3, 8.240194271726264e-01, 4.359710225918466e-01 },
};

static void sample_size_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof size_cases / sizeof size_cases[0]; i++) {
		const double *c = size_cases[i];
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
		tt_assert_rel(p, c[6], 1e-10, label);
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
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(powertost_published),
		cmocka_unit_test(power_matches_r),
		cmocka_unit_test(power_symmetries),
		cmocka_unit_test(power_limits),
		cmocka_unit_test(sample_size_matches_r),
		cmocka_unit_test(sample_size_out_of_reach),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
