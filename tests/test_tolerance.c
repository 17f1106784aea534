/*
 * test_tolerance.c - tolerance factors and intervals.
 *
 * Published values (tests/reference/published.tsv): exact two-sided factors
 * from Odeh (1978) and Krishnamoorthy and Mathew (2009) tables and Minitab,
 * Howe's factor, one-sided factors, NIST/SEMATECH e-Handbook 7.2.6.3 and the
 * lots a nonparametric interval needs, each checked at the precision
 * printed.  Tighter values come from an independent R implementation of the
 * same definitions with integrate() and uniroot() (and R's own qt and
 * pbinom): tests/reference/tolerance.R.
 *
 * Both are tables of tt/validate/refdata/ (refdata_published.c and
 * refdata_tolerance.c, tolerances in refdata.h), shared with the
 * qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"

static tt_ti_options options(double P, double g, int sides, tt_ti_method method)
{
	tt_ti_options o = TT_TI_OPTIONS_INIT;
	o.content = P;
	o.confidence = g;
	o.sides = sides;
	o.method = method;
	return o;
}

static double factor(size_t n, double P, double g, int sides, tt_ti_method method)
{
	tt_ti_options o = options(P, g, sides, method);
	double k = NAN;
	int rc = tt_ti_factor(&k, n, &o);
	if (rc)
		fail_msg("tt_ti_factor(n %zu, P %g, g %g): %s", n, P, g, tt_error_last());
	return k;
}

/* ---- published values, at the precision they are printed ---- */

/* The published example by id; the test fails without it. */
static const tt_refdata_pub_interval *published_interval(const char *id)
{
	for (size_t i = 0; i < tt_refdata_pub_interval_count; i++)
		if (strcmp(tt_refdata_pub_interval_cases[i].id, id) == 0)
			return &tt_refdata_pub_interval_cases[i];
	fail_msg("no published interval %s in tests/reference/published.tsv", id);
	return NULL;
}

static void factors_published(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_pub_factor_count; i++) {
		const tt_refdata_pub_factor *f = &tt_refdata_pub_factor_cases[i];
		char label[192];
		snprintf(label, sizeof label, "%s k = %g (%s)", f->id, f->k, f->source);
		tt_assert_abs(factor(f->n, f->content, f->confidence, f->sides, f->method), f->k,
			      f->half_unit, label);
	}
}

static void nist_interval(void **state)
{
	(void)state;
	/* NIST/SEMATECH e-Handbook 7.2.6.3: Howe's k2 and the interval from
	 * 43 values of a given mean and s.  Data with exactly that mean and
	 * sd: 21 values at mean - s, 21 at mean + s and one at the mean (sum of
	 * squares 42 s^2 over 42). */
	const tt_refdata_pub_interval *e = published_interval("nist-7.2.6.3");
	assert_int_equal(e->n, 43);
	double x[43];
	for (int i = 0; i < 21; i++) {
		x[2 * i] = e->mean - e->sd;
		x[2 * i + 1] = e->mean + e->sd;
	}
	x[42] = e->mean;
	tt_ti_options o = options(e->content, e->confidence, 2, e->method);
	tt_ti_result r;
	assert_int_equal(tt_tolerance_interval(&r, x, 43, &o, false), 0);
	tt_assert_abs(r.k, e->k, e->half_unit, "NIST 7.2.6.3 Howe k2");
	tt_assert_abs(r.lower, e->lower, e->half_unit, "NIST 7.2.6.3 lower");
	tt_assert_abs(r.upper, e->upper, e->half_unit, "NIST 7.2.6.3 upper");
	/* Tighter: R, tests/reference/tolerance.R. */
	tt_assert_rel(r.k, 2.217315896653629, 1e-12, "NIST 7.2.6.3 Howe k (R)");
	tt_assert_rel(r.lower, 97.01057593396968, 1e-12, "NIST 7.2.6.3 lower (R)");
	tt_assert_rel(r.upper, 97.12942406603031, 1e-12, "NIST 7.2.6.3 upper (R)");
	assert_int_equal(r.order, 0);

	o.method = TT_TI_EXACT;
	assert_int_equal(tt_tolerance_interval(&r, x, 43, &o, false), 0);
	tt_assert_rel(r.k, 2.222825173791122, 1e-10, "NIST 7.2.6.3 data, exact k (R)");
	tt_assert_rel(r.lower, e->mean - 2.222825173791122 * e->sd, 1e-12,
		      "NIST 7.2.6.3 data, exact lower");
}

/* ---- independent R values (tests/reference/tolerance.R) ---- */

static void exact_two_sided_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_ti_exact2_count; i++) {
		const double *c = tt_refdata_ti_exact2[i];
		char label[128];
		snprintf(label, sizeof label, "exact k n %g, P %g, g %g (R integrate)", c[0], c[1],
			 c[2]);
		/* R's value is printed to 12 decimals. */
		tt_assert_rel(factor((size_t)c[0], c[1], c[2], 2, TT_TI_EXACT), c[3],
			      TT_REFDATA_TI_TOL_EXACT2, label);
	}
}

static void howe_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_ti_howe_count; i++) {
		const double *c = tt_refdata_ti_howe[i];
		char label[128];
		snprintf(label, sizeof label, "Howe k n %g, P %g, g %g (R)", c[0], c[1], c[2]);
		tt_assert_rel(factor((size_t)c[0], c[1], c[2], 2, TT_TI_HOWE), c[3],
			      TT_REFDATA_TI_TOL_HOWE, label);
	}
}

static void one_sided_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_ti_one_sided_count; i++) {
		const double *c = tt_refdata_ti_one_sided[i];
		char label[128];
		snprintf(label, sizeof label, "one-sided k n %g, P %g, g %g (R qt)", c[0], c[1],
			 c[2]);
		tt_assert_rel(factor((size_t)c[0], c[1], c[2], 1, TT_TI_EXACT), c[3],
			      TT_REFDATA_TI_TOL_ONE_SIDED, label);
		/* The one-sided factor is the noncentral t for either method. */
		snprintf(label, sizeof label, "one-sided k n %g, P %g, g %g, method howe (R qt)",
			 c[0], c[1], c[2]);
		tt_assert_rel(factor((size_t)c[0], c[1], c[2], 1, TT_TI_HOWE), c[3],
			      TT_REFDATA_TI_TOL_ONE_SIDED, label);
	}
}

static void factor_orderings(void **state)
{
	(void)state;
	/* A two-sided interval must be wider than the one-sided bound at the
	 * same content, and k falls as n grows. */
	double k10 = factor(10, 0.95, 0.95, 2, TT_TI_EXACT);
	double k20 = factor(20, 0.95, 0.95, 2, TT_TI_EXACT);
	assert_true(k10 > factor(10, 0.95, 0.95, 1, TT_TI_EXACT));
	assert_true(k20 < k10);
}

/* ---- nonparametric (Wilks) ---- */

static void wilks_orders_match_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_ti_wilks_count; i++) {
		const double *c = tt_refdata_ti_wilks[i];
		for (int sides = 2; sides >= 1; sides--) {
			size_t want = (size_t)c[sides == 2 ? 3 : 4];
			tt_ti_options o = options(c[1], c[2], sides, TT_TI_NONPARAMETRIC);
			size_t r = 0, need = 0;
			int rc = tt_ti_nonparametric_order(&r, &need, (size_t)c[0], &o);
			if (want == 0) {
				assert_int_equal(rc, TT_EDOMAIN);
			} else {
				if (rc != 0 || r != want)
					fail_msg("Wilks %d-sided n %g P %g g %g: rc %d r %zu, R "
						 "says %zu",
						 sides, c[0], c[1], c[2], rc, r, want);
			}
		}
	}
}

static void wilks_lots_needed(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_ti_needed_count; i++) {
		const double *c = tt_refdata_ti_needed[i];
		for (int sides = 2; sides >= 1; sides--) {
			size_t want = (size_t)c[sides == 2 ? 2 : 3];
			tt_ti_options o = options(c[0], c[1], sides, TT_TI_NONPARAMETRIC);
			size_t r = 0, need = 0;
			/* One short of the need: no interval, and the need named. */
			assert_int_equal(tt_ti_nonparametric_order(&r, &need, want - 1, &o),
					 TT_EDOMAIN);
			if (need != want)
				fail_msg("lots needed, %d-sided P %g g %g: %zu, R says %zu", sides,
					 c[0], c[1], need, want);
			assert_int_equal(tt_ti_nonparametric_order(&r, &need, want, &o), 0);
			assert_int_equal(r, 1);
		}
	}
}

static void wilks_published_needs(void **state)
{
	(void)state;
	/* Two-sided, as published (tests/reference/published.tsv): one short of
	 * the need, no interval and the need named. */
	size_t r, need;
	char want[160];
	for (size_t i = 0; i < tt_refdata_pub_need_count; i++) {
		const tt_refdata_pub_need *e = &tt_refdata_pub_need_cases[i];
		tt_ti_options o = options(e->content, e->confidence, 2, TT_TI_NONPARAMETRIC);
		assert_int_equal(tt_ti_nonparametric_order(&r, &need, e->n - 1, &o), TT_EDOMAIN);
		assert_int_equal(need, e->n);
		snprintf(want, sizeof want,
			 "no nonparametric tolerance interval from %zu values at content %g and "
			 "confidence %g: at least %zu are needed",
			 e->n - 1, e->content, e->confidence, e->n);
		assert_string_equal(tt_error_last(), want);
		assert_int_equal(tt_ti_nonparametric_order(&r, &need, e->n, &o), 0);
	}
	/* One-sided: 59 for 0.95/0.95 and 299 for 0.99/0.95. */
	tt_ti_options o = options(0.95, 0.95, 1, TT_TI_NONPARAMETRIC);
	assert_int_equal(tt_ti_nonparametric_order(&r, &need, 58, &o), TT_EDOMAIN);
	assert_int_equal(need, 59);
	o = options(0.99, 0.95, 1, TT_TI_NONPARAMETRIC);
	assert_int_equal(tt_ti_nonparametric_order(&r, &need, 298, &o), TT_EDOMAIN);
	assert_int_equal(need, 299);
}

static void nonparametric_interval_uses_order_statistics(void **state)
{
	(void)state;
	/* 1..1000 in a scrambled order (i * 389 mod 1000 is a permutation,
	 * 389 being prime to 1000); P 0.99, g 0.95: r = 2 two-sided, 5
	 * one-sided (R, above). */
	double x[1000];
	for (int i = 0; i < 1000; i++)
		x[i] = 1.0 + (double)((i * 389) % 1000);
	tt_ti_options o = options(0.99, 0.95, 2, TT_TI_NONPARAMETRIC);
	tt_ti_result r;
	assert_int_equal(tt_tolerance_interval(&r, x, 1000, &o, false), 0);
	assert_int_equal(r.order, 2);
	assert_true(r.lower == 2.0 && r.upper == 999.0);
	assert_true(isnan(r.k));
	o.sides = 1;
	assert_int_equal(tt_tolerance_interval(&r, x, 1000, &o, true), 0);
	assert_int_equal(r.order, 5);
	assert_true(r.lower == 5.0 && r.upper == 996.0);

	/* Too few: the interval reports how many are needed. */
	o.sides = 2;
	assert_int_equal(tt_tolerance_interval(&r, x, 100, &o, false), TT_EDOMAIN);
	assert_int_equal(r.n_needed, 473);
	assert_true(isnan(r.lower) && isnan(r.upper));
}

/* ---- intervals from data ---- */

static void interval_from_data(void **state)
{
	(void)state;
	/* Mean 10 and sd 1 exactly: 9, 10, 11 (sum of squares 2 over 2). */
	const double x[] = { 9.0, 11.0, 10.0 };
	tt_ti_options o = options(0.90, 0.95, 2, TT_TI_EXACT);
	tt_ti_result r;
	assert_int_equal(tt_tolerance_interval(&r, x, 3, &o, false), 0);
	double k = factor(3, 0.90, 0.95, 2, TT_TI_EXACT);
	tt_assert_rel(r.k, k, 0.0, "k from data equals tt_ti_factor");
	tt_assert_rel(r.lower, 10.0 - k, 1e-15, "two-sided lower = mean - k sd");
	tt_assert_rel(r.upper, 10.0 + k, 1e-15, "two-sided upper = mean + k sd");

	/* One-sided: both one-sided bounds. */
	o.sides = 1;
	assert_int_equal(tt_tolerance_interval(&r, x, 3, &o, false), 0);
	k = factor(3, 0.90, 0.95, 1, TT_TI_EXACT);
	tt_assert_rel(r.lower, 10.0 - k, 1e-15, "one-sided lower = mean - k sd");
	tt_assert_rel(r.upper, 10.0 + k, 1e-15, "one-sided upper = mean + k sd");
}

static void interval_on_log_scale(void **state)
{
	(void)state;
	/* e^1, e^2, e^3: logs with mean 2 and sd 1; the interval is
	 * exp(2 -/+ k). */
	const double x[] = { exp(1.0), exp(3.0), exp(2.0) };
	tt_ti_options o = options(0.99, 0.95, 2, TT_TI_HOWE);
	tt_ti_result r;
	assert_int_equal(tt_tolerance_interval(&r, x, 3, &o, true), 0);
	double k = factor(3, 0.99, 0.95, 2, TT_TI_HOWE);
	tt_assert_rel(r.lower, exp(2.0 - k), 1e-14, "log scale: lower = exp(mean ln - k sd ln)");
	tt_assert_rel(r.upper, exp(2.0 + k), 1e-14, "log scale: upper = exp(mean ln + k sd ln)");

	const double bad[] = { 1.0, 0.0, 2.0 };
	assert_int_equal(tt_tolerance_interval(&r, bad, 3, &o, true), TT_EINVAL);
	assert_string_equal(tt_error_last(), "value 2 is 0: the log scale needs positive values");
	const double neg[] = { 1.0, 2.0, -2.0 };
	assert_int_equal(tt_tolerance_interval(&r, neg, 3, &o, true), TT_EINVAL);
	o.method = TT_TI_NONPARAMETRIC;
	assert_int_equal(tt_tolerance_interval(&r, neg, 3, &o, true), TT_EINVAL);
}

/* ---- errors ---- */

static void bad_arguments(void **state)
{
	(void)state;
	double k;
	size_t r, need;
	tt_ti_result res;
	const double x[] = { 1.0, 2.0, 3.0 };

	tt_ti_options o = options(0.99, 0.95, 2, TT_TI_EXACT);
	assert_int_equal(tt_ti_factor(&k, 1, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "a tolerance interval needs at least 2 values, not 1");
	assert_int_equal(tt_ti_factor(&k, 0, &o), TT_EINVAL);
	assert_int_equal(tt_tolerance_interval(&res, x, 1, &o, false), TT_EINVAL);
	assert_int_equal(tt_ti_nonparametric_order(&r, &need, 1, &o), TT_EINVAL);

	const double bad_p[] = { 0.0, 1.0, -0.5, 1.5, NAN };
	for (size_t i = 0; i < sizeof bad_p / sizeof bad_p[0]; i++) {
		o = options(bad_p[i], 0.95, 2, TT_TI_EXACT);
		assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
		assert_int_equal(tt_tolerance_interval(&res, x, 3, &o, false), TT_EINVAL);
		o.method = TT_TI_NONPARAMETRIC;
		assert_int_equal(tt_ti_nonparametric_order(&r, &need, 100, &o), TT_EINVAL);
		o = options(0.99, bad_p[i], 2, TT_TI_EXACT);
		assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
		o.sides = 1;
		assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
	}
	o = options(1.0, 0.95, 2, TT_TI_EXACT);
	assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "tolerance content must be between 0 and 1, not 1");
	o = options(0.99, 0.0, 2, TT_TI_EXACT);
	assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "tolerance confidence must be between 0 and 1, not 0");
	o = options(0.99, 0.95, 3, TT_TI_EXACT);
	assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "tolerance interval sides must be 1 or 2, not 3");
	o = options(0.99, 0.95, 2, TT_TI_NONPARAMETRIC);
	assert_int_equal(tt_ti_factor(&k, 10, &o), TT_EINVAL);

	const double inf[] = { 1.0, INFINITY, 3.0 };
	o = options(0.99, 0.95, 2, TT_TI_EXACT);
	assert_int_equal(tt_tolerance_interval(&res, inf, 3, &o, false), TT_EINVAL);
	assert_string_equal(tt_error_last(), "value 2 is not a finite number");
}

static void zero_spread(void **state)
{
	(void)state;
	/* 0.1 three times: the computed mean is not exactly 0.1, but the
	 * values are all equal, so no sd. */
	const double x[] = { 0.1, 0.1, 0.1 };
	tt_ti_options o = options(0.99, 0.95, 2, TT_TI_EXACT);
	tt_ti_result r;
	assert_int_equal(tt_tolerance_interval(&r, x, 3, &o, false), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "all 3 values are equal: a normal tolerance interval "
					     "needs a positive sd");
	assert_true(isnan(r.lower) && isnan(r.upper) && isnan(r.k));
	assert_int_equal(tt_tolerance_interval(&r, x, 3, &o, true), TT_EDOMAIN);
	/* Order statistics need no spread. */
	const double y[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
			     5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	o = options(0.90, 0.90, 2, TT_TI_NONPARAMETRIC);
	assert_int_equal(tt_tolerance_interval(&r, y, 40, &o, false), 0);
	assert_true(r.lower == 5.0 && r.upper == 5.0);
}

/* A comparison with a one-sided interval bounds only its direction's
 * side, a two-sided one both, and every bound is inclusive. */
static void comparison_opens_the_other_side(void **state)
{
	(void)state;
	tt_ti_result ti = { 2.0, 0, 4.0, 16.0, 0 };
	const double test[] = { 4.0, 16.0, 100.0, 1.0 };
	tt_ti_options o = options(0.9, 0.9, 2, TT_TI_EXACT);
	tt_range_result r;
	tt_ti_compare(&r, &ti, &o, test, 2);
	assert_true(r.pass);
	assert_true(r.lower == 4.0 && r.upper == 16.0);
	tt_ti_compare(&r, &ti, &o, test, 3);
	assert_int_equal(r.n_inside, 2);
	assert_false(r.pass);
	o.sides = 1;
	o.direction = TT_DIRECTION_LOWER;
	tt_ti_compare(&r, &ti, &o, test, 3);
	assert_true(r.pass);
	assert_true(r.lower == 4.0 && r.upper == INFINITY);
	tt_ti_compare(&r, &ti, &o, test, 4);
	assert_false(r.pass);
	o.direction = TT_DIRECTION_UPPER;
	tt_ti_compare(&r, &ti, &o, test, 4);
	assert_int_equal(r.n_inside, 3);
	assert_true(r.lower == -INFINITY && r.upper == 16.0);
	assert_false(r.pass);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(factors_published),
		cmocka_unit_test(nist_interval),
		cmocka_unit_test(exact_two_sided_matches_r),
		cmocka_unit_test(howe_matches_r),
		cmocka_unit_test(one_sided_matches_r),
		cmocka_unit_test(factor_orderings),
		cmocka_unit_test(wilks_orders_match_r),
		cmocka_unit_test(wilks_lots_needed),
		cmocka_unit_test(wilks_published_needs),
		cmocka_unit_test(nonparametric_interval_uses_order_statistics),
		cmocka_unit_test(interval_from_data),
		cmocka_unit_test(interval_on_log_scale),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(zero_spread),
		cmocka_unit_test(comparison_opens_the_other_side),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
