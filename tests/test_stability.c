/*
 * test_stability.c - lot slopes, Welch's interval on the slope difference,
 * ICH Q1E poolability and shelf life.
 *
 * Expected values: tests/reference/curves.R (R's lm, anova, predict with
 * interval = "confidence", level = 0.90, uniroot and t.test), its output in
 * curves.out, section "stability".  Data sets A to D are defined there.
 */
#include "support.h"
#include "series_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/stats/curves.h"
#include "tt/base/error.h"

static const double months[6] = { 0, 3, 6, 9, 12, 18 };

static const double set_a[3 * 6] = {
	100.2, 99.1, 98.3, 97.0,  96.2, 94.1, 100.1, 99.3, 98.0,
	97.3,  96.1, 94.3, 100.3, 98.9, 98.2, 97.1,  96.0, 94.2,
};
static const double set_b[3 * 6] = {
	101.5, 100.4, 99.2, 98.6,  97.3, 95.6, 99.0, 97.9, 97.0,
	95.8,  94.9,  92.9, 100.1, 99.3, 98.0, 97.1, 96.0, 94.2,
};
static const double set_c[3 * 6] = {
	100.0, 99.5, 99.1, 98.4, 98.0, 97.1, 100.3, 98.6, 97.0,
	95.7,  94.1, 91.0, 99.8, 98.9, 98.2, 97.0,  96.1, 94.5,
};
static const double set_d[3 * 6] = {
	0.50, 0.61, 0.70, 0.83, 0.91, 1.12, 0.55, 0.64, 0.77,
	0.85, 0.97, 1.18, 0.48, 0.60, 0.69, 0.80, 0.90, 1.09,
};

static tt_series_table *grid(const char *prefix, const double *values)
{
	return make_grid("stab.csv", prefix, 3, months, 6, values);
}

static tt_stability_options spec_min_90(void)
{
	tt_stability_options opt = TT_STABILITY_OPTIONS_INIT;
	opt.has_spec_min = true;
	opt.spec_min = 90;
	return opt;
}

static void set_a_pools_fully(void **state)
{
	(void)state;
	tt_series_table *t = grid("A", set_a);
	tt_stability_options opt = spec_min_90();
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_int_equal(s.n_lots, 3);
	assert_int_equal(s.n_points, 18);
	assert_string_equal(s.lots[1], "A2");
	/* curves.R "A lot slopes", "A lot intercepts", "A mean slope". */
	tt_assert_rel(s.lot_slope[0], -0.33761904761904760, 1e-9, "A slope 1");
	tt_assert_rel(s.lot_slope[1], -0.32666666666666605, 1e-9, "A slope 2");
	tt_assert_rel(s.lot_slope[2], -0.33428571428571491, 1e-9, "A slope 3");
	tt_assert_rel(s.lot_intercept[0], 100.18428571428572, 1e-9, "A intercept 1");
	tt_assert_rel(s.lot_intercept[2], 100.12428571428573, 1e-9, "A intercept 3");
	tt_assert_rel(s.slope, -0.33285714285714285, 1e-9, "A mean slope");
	/* "A sse full common single". */
	tt_assert_rel(s.sse_full, 0.23828571428571324, 1e-9, "A SSE full");
	tt_assert_rel(s.sse_common_slope, 0.25152380952381137, 1e-9, "A SSE common slope");
	tt_assert_rel(s.sse_single, 0.26485714285714318, 1e-9, "A SSE single");
	/* "A F slopes, p", "A F intercepts, p", "A poolability". */
	assert_true(s.poolability_tested);
	tt_assert_rel(s.f_slopes, 0.33333333333340759, 1e-6, "A F slopes");
	tt_assert_rel(s.p_slopes, 0.72295859439846832, 1e-6, "A p slopes");
	assert_true(s.has_p_intercepts);
	tt_assert_rel(s.f_intercepts, 0.37107156380154516, 1e-6, "A F intercepts");
	tt_assert_rel(s.p_intercepts, 0.69658142017902747, 1e-6, "A p intercepts");
	assert_int_equal(s.poolability, TT_POOL_FULL);
	/* "A residual df, sd" and "A shelf life (spec 90, min), lot". */
	tt_assert_rel(s.residual_df, 16, 0, "A residual df");
	tt_assert_rel(s.residual_sd, 0.12866068330524072, 1e-9, "A residual sd");
	assert_true(s.has_shelf_life && s.shelf_life_reached);
	tt_assert_rel(s.shelf_life, 29.872901714112327, 1e-6, "A shelf life");
	assert_int_equal(s.shelf_life_lot, -1);
	tt_assert_rel(s.shelf_life_cap, 180, 0, "default cap is 10 x 18 months");
	tt_stability_site_free(&s);
	tt_stability_site_free(&s); /* harmless twice */
	free_table(t);
}

static void set_b_shares_a_slope(void **state)
{
	(void)state;
	tt_series_table *t = grid("B", set_b);
	tt_stability_options opt = spec_min_90();
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "receiving", &opt), 0);
	tt_assert_rel(s.slope, -0.33317460317460434, 1e-9, "B mean slope");
	tt_assert_rel(s.sse_full, 0.21471428571429010, 1e-9, "B SSE full");
	tt_assert_rel(s.sse_common_slope, 0.22998412698412607, 1e-9, "B SSE common slope");
	tt_assert_rel(s.sse_single, 19.24442857142859964, 1e-9, "B SSE single");
	tt_assert_rel(s.f_slopes, 0.42670215125289251, 1e-6, "B F slopes");
	tt_assert_rel(s.p_slopes, 0.66218366868062084, 1e-6, "B p slopes");
	tt_assert_rel(s.f_intercepts, 5.7874042376975956e+02, 1e-6, "B F intercepts");
	tt_assert_rel(s.p_intercepts, 3.4813677395444504e-14, 1e-6, "B p intercepts");
	assert_int_equal(s.poolability, TT_POOL_COMMON_SLOPE);
	tt_assert_rel(s.residual_df, 14, 0, "B residual df");
	tt_assert_rel(s.residual_sd, 0.12816956597306278, 1e-9, "B residual sd");
	tt_assert_rel(s.shelf_life, 26.195224062080825, 1e-6, "B shelf life");
	assert_int_equal(s.shelf_life_lot, 1); /* R's lot 2 */
	tt_stability_site_free(&s);
	free_table(t);
}

static void set_c_does_not_pool(void **state)
{
	(void)state;
	tt_series_table *t = grid("C", set_c);
	tt_stability_options opt = spec_min_90();
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	tt_assert_rel(s.lot_slope[1], -0.51095238095238293, 1e-9, "C slope 2");
	tt_assert_rel(s.f_slopes, 5.6260013860012316e+02, 1e-6, "C F slopes");
	tt_assert_rel(s.p_slopes, 1.3805932159795883e-12, 1e-6, "C p slopes");
	/* The intercepts are not tested when the slopes do not pool. */
	assert_false(s.has_p_intercepts);
	assert_true(isnan(s.p_intercepts) && isnan(s.f_intercepts));
	assert_int_equal(s.poolability, TT_POOL_NONE);
	tt_assert_rel(s.residual_df, 12, 0, "C residual df");
	tt_assert_rel(s.residual_sd, 0.10701579767670313, 1e-9, "C residual sd");
	tt_assert_rel(s.shelf_life, 19.634881902981856, 1e-6, "C shelf life");
	assert_int_equal(s.shelf_life_lot, 1);
	tt_stability_site_free(&s);
	free_table(t);
}

static void set_d_upper_spec(void **state)
{
	(void)state;
	tt_series_table *t = grid("D", set_d);
	tt_stability_options opt = TT_STABILITY_OPTIONS_INIT;
	opt.has_spec_max = true;
	opt.spec_max = 1.5;
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	tt_assert_rel(s.slope, 0.034428571428571419, 1e-9, "D mean slope");
	tt_assert_rel(s.p_slopes, 0.35862370384141767, 1e-6, "D p slopes");
	tt_assert_rel(s.p_intercepts, 6.0570553331817878e-08, 1e-6, "D p intercepts");
	assert_int_equal(s.poolability, TT_POOL_COMMON_SLOPE);
	tt_assert_rel(s.residual_sd, 0.010215367908039249, 1e-9, "D residual sd");
	tt_assert_rel(s.shelf_life, 27.105993532321328, 1e-6, "D shelf life");
	assert_int_equal(s.shelf_life_lot, 1);
	tt_stability_site_free(&s);

	/* A lower limit the rising bound never crosses changes nothing. */
	opt.has_spec_min = true;
	opt.spec_min = 0.2;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	tt_assert_rel(s.shelf_life, 27.105993532321328, 1e-6, "D shelf life, both limits");
	tt_stability_site_free(&s);
	free_table(t);
}

static void shelf_life_not_reached_at_start_and_without_spec(void **state)
{
	(void)state;
	tt_series_table *t = grid("A", set_a);
	tt_stability_site s;

	/* Not crossed before an explicit cap of 20 months. */
	tt_stability_options opt = spec_min_90();
	opt.shelf_life_cap = 20;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_true(s.has_shelf_life);
	assert_false(s.shelf_life_reached);
	assert_true(isnan(s.shelf_life));
	tt_assert_rel(s.shelf_life_cap, 20, 0, "explicit cap");
	tt_stability_site_free(&s);

	/* A limit the bound is already beyond at time 0: shelf life 0. */
	opt = spec_min_90();
	opt.spec_min = 100.5;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_true(s.shelf_life_reached);
	assert_true(s.shelf_life == 0.0);
	tt_stability_site_free(&s);

	/* Without a spec limit there is no shelf life. */
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_false(s.has_shelf_life);
	assert_true(isnan(s.shelf_life));
	tt_stability_site_free(&s);
	free_table(t);
}

static void one_lot_is_a_single_line(void **state)
{
	(void)state;
	tt_series_table *t = make_grid("stab.csv", "A", 1, months, 6, set_a);
	tt_stability_options opt = spec_min_90();
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_false(s.poolability_tested);
	assert_true(isnan(s.p_slopes));
	assert_int_equal(s.poolability, TT_POOL_FULL);
	tt_assert_rel(s.slope_sd, 0, 0, "one lot: sd 0");
	/* curves.R "A lot 1 alone". */
	tt_assert_rel(s.residual_sd, 0.11307393283031407, 1e-9, "lot 1 alone residual sd");
	tt_assert_rel(s.shelf_life, 29.085999269745528, 1e-6, "lot 1 alone shelf life");
	tt_stability_site_free(&s);

	/* The comparison needs two lots per site. */
	tt_series_table *b = grid("B", set_b);
	tt_stability_result r;
	assert_int_equal(tt_stability(&r, t, b, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "the slope difference needs at least 2 lots per site "
					     "(source 1, receiving 3)");
	assert_null(r.source.lots);
	free_table(b);
	free_table(t);
}

static void two_points_per_lot_cannot_be_tested(void **state)
{
	(void)state;
	/* N = 2L: the full model has no residual df, so poolability is not
	 * tested, each lot keeps its line, and there is no shelf life. */
	const double times[2] = { 0, 12 };
	const double values[3 * 2] = { 100, 96, 101, 97.5, 99.5, 95 };
	tt_series_table *t = make_grid("stab.csv", "L", 3, times, 2, values);
	tt_stability_options opt = spec_min_90();
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), 0);
	assert_false(s.poolability_tested);
	assert_int_equal(s.poolability, TT_POOL_NONE);
	tt_assert_rel(s.residual_df, 0, 0, "no residual df");
	assert_false(s.has_shelf_life);
	tt_assert_rel(s.lot_slope[1], -3.5 / 12, 1e-15, "slope from two points");
	tt_stability_site_free(&s);
	free_table(t);
}

static void exact_lines_pool_their_slopes_only(void **state)
{
	(void)state;
	/* y = 10 - t + offset exactly: every lot on its line (SSE_full = 0),
	 * the same slope (p = 1 by convention), different intercepts (p = 0). */
	const double times[4] = { 0, 1, 2, 3 };
	const double values[2 * 4] = { 10, 9, 8, 7, 12, 11, 10, 9 };
	tt_series_table *t = make_grid("stab.csv", "E", 2, times, 4, values);
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, t, "source", NULL), 0);
	assert_true(s.lot_slope[0] == -1 && s.lot_slope[1] == -1);
	assert_true(s.p_slopes == 1.0 && s.f_slopes == 0.0);
	assert_true(s.p_intercepts == 0.0 && isinf(s.f_intercepts));
	assert_int_equal(s.poolability, TT_POOL_COMMON_SLOPE);
	tt_stability_site_free(&s);

	/* Both sites so: the slopes have no spread, no interval. */
	tt_stability_result r;
	assert_int_equal(tt_stability(&r, t, t, NULL), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "the lot slopes do not vary at either site: the slope "
					     "difference has no standard error");
	free_table(t);
}

static void welch_interval_and_margin(void **state)
{
	(void)state;
	tt_series_table *a = grid("A", set_a), *b = grid("B", set_b), *c = grid("C", set_c);
	tt_stability_options opt = spec_min_90();
	tt_stability_result r;

	/* curves.R "welch B - A": R's t.test(receiving, source, conf.level = 0.90). */
	opt.has_slope_margin = true;
	opt.slope_margin = 0.05;
	assert_int_equal(tt_stability(&r, a, b, &opt), 0);
	tt_assert_rel(r.slope_difference, -0.00031746031746149317, 1e-6, "B - A difference");
	tt_assert_rel(r.df, 3.9797853177052778, 1e-6, "B - A Welch df");
	tt_assert_rel(r.ci_lower, -0.0104726427656004970, 1e-6, "B - A lower");
	tt_assert_rel(r.ci_upper, 0.0098377221306775106, 1e-6, "B - A upper");
	assert_true(r.has_margin);
	assert_true(r.margin_lower == -0.05 && r.margin_upper == 0.05);
	assert_true(r.pass);
	/* The site fits come along. */
	assert_int_equal(r.source.poolability, TT_POOL_FULL);
	assert_int_equal(r.receiving.poolability, TT_POOL_COMMON_SLOPE);
	tt_assert_rel(r.receiving.shelf_life, 26.195224062080825, 1e-6, "B shelf life in result");
	tt_stability_result_free(&r);

	/* A margin inside the interval fails (strict: -m < lower). */
	opt.slope_margin = 0.0104;
	assert_int_equal(tt_stability(&r, a, b, &opt), 0);
	assert_false(r.pass);
	tt_stability_result_free(&r);

	/* curves.R "welch C - A". */
	opt.slope_margin = 0.1;
	assert_int_equal(tt_stability(&r, a, c, &opt), 0);
	tt_assert_rel(r.slope_difference, 0.008253968253966959, 1e-6, "C - A difference");
	tt_assert_rel(r.df, 2.0041092202319328, 1e-6, "C - A Welch df");
	tt_assert_rel(r.ci_lower, -0.28678142349728919, 1e-6, "C - A lower");
	tt_assert_rel(r.ci_upper, 0.30328936000522311, 1e-6, "C - A upper");
	assert_false(r.pass);
	tt_stability_result_free(&r);

	/* Without a margin the outcome is information only. */
	opt.has_slope_margin = false;
	assert_int_equal(tt_stability(&r, a, c, &opt), 0);
	assert_false(r.has_margin);
	assert_false(r.pass);
	assert_true(isnan(r.margin_lower));
	tt_stability_result_free(&r);
	free_table(a);
	free_table(b);
	free_table(c);
}

static void excluded_lots_are_left_out(void **state)
{
	(void)state;
	tt_series_table *c = grid("C", set_c);
	const char *exclude[] = { "C2" };
	tt_stability_options opt = TT_STABILITY_OPTIONS_INIT;
	opt.exclude = exclude;
	opt.n_exclude = 1;
	tt_stability_site s;
	assert_int_equal(tt_stability_site_fit(&s, c, "source", &opt), 0);
	assert_int_equal(s.n_lots, 2);
	assert_int_equal(s.n_points, 12);
	assert_string_equal(s.lots[1], "C3");
	tt_assert_rel(s.slope, (-0.16333333333333375 + -0.29952380952381097) / 2, 1e-9,
		      "mean of C1 and C3 slopes (curves.R)");
	tt_stability_site_free(&s);

	const char *all[] = { "C1", "C2", "C3" };
	opt.exclude = all;
	opt.n_exclude = 3;
	assert_int_equal(tt_stability_site_fit(&s, c, "receiving", &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "no receiving lot is left for the stability comparison");
	free_table(c);
}

static void bad_data_and_options_are_refused(void **state)
{
	(void)state;
	tt_stability_site s;
	tt_stability_result r;

	static const row one_time[] = {
		{ "X1", 0, 100 }, { "X1", 0, 99 }, { "X2", 0, 98 }, { "X2", 3, 97 }
	};
	tt_series_table *t = make_table("stab.csv", one_time, 4);
	assert_int_equal(tt_stability_site_fit(&s, t, "source", NULL), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "source lot 'X1' has fewer than 2 distinct times: its "
					     "slope does not exist");
	assert_null(s.lots);
	free_table(t);

	static const row nan_row[] = { { "X1", 0, 100 }, { "X1", 3, NAN } };
	t = make_table("stab.csv", nan_row, 2);
	assert_int_equal(tt_stability_site_fit(&s, t, "source", NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source lot 'X1' has a time or value that is not a "
					     "number");
	free_table(t);

	/* Only negative times: no range to search a shelf life in. */
	static const row negative[] = { { "X1", -6, 100 }, { "X1", -3, 99 }, { "X1", -1, 98 } };
	t = make_table("stab.csv", negative, 3);
	tt_stability_options opt = spec_min_90();
	assert_int_equal(tt_stability_site_fit(&s, t, "source", &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the source stability data have no time after 0 to "
					     "search a shelf life from");
	free_table(t);

	assert_int_equal(tt_stability_site_fit(&s, NULL, "source", NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the source site has no stability table");

	t = grid("A", set_a);
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.alpha = 0.5;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "alpha must be between 0 and 0.5, not 0.5");
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.has_slope_margin = true;
	opt.slope_margin = 0;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "slope_margin must be a positive number, not 0");
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.pool_level = 1;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "the poolability level must be between 0 and 1, not 1");
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.bound_confidence = 0.5;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "the shelf-life bound's confidence must be between 0.5 and 1, not 0.5");
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.shelf_life_cap = -1;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the shelf-life search cap must be 0 or positive, not "
					     "-1");
	opt = (tt_stability_options)TT_STABILITY_OPTIONS_INIT;
	opt.has_spec_max = true;
	opt.spec_max = NAN;
	assert_int_equal(tt_stability(&r, t, t, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "a spec limit is not a number");
	/* A failing receiving site frees the source fit (checked by ASan). */
	tt_series_table *bad = make_table("stab.csv", one_time, 4);
	assert_int_equal(tt_stability(&r, t, bad, NULL), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "receiving lot 'X1' has fewer than 2 distinct times: "
					     "its slope does not exist");
	free_table(bad);
	free_table(t);
}

static void poolability_names(void **state)
{
	(void)state;
	assert_string_equal(tt_poolability_name(TT_POOL_FULL), "full");
	assert_string_equal(tt_poolability_name(TT_POOL_COMMON_SLOPE), "common-slope");
	assert_string_equal(tt_poolability_name(TT_POOL_NONE), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_a_pools_fully),
		cmocka_unit_test(set_b_shares_a_slope),
		cmocka_unit_test(set_c_does_not_pool),
		cmocka_unit_test(set_d_upper_spec),
		cmocka_unit_test(shelf_life_not_reached_at_start_and_without_spec),
		cmocka_unit_test(one_lot_is_a_single_line),
		cmocka_unit_test(two_points_per_lot_cannot_be_tested),
		cmocka_unit_test(exact_lines_pool_their_slopes_only),
		cmocka_unit_test(welch_interval_and_margin),
		cmocka_unit_test(excluded_lots_are_left_out),
		cmocka_unit_test(bad_data_and_options_are_refused),
		cmocka_unit_test(poolability_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
