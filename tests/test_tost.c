/*
 * test_tost.c - TOST against R's t.test (Welch, pooled, paired, log scale)
 * and hand-computed cases for margins, scales and every error.
 *
 * The reference tables live in tt/validate/refdata/refdata_tost.c (tolerances in
 * tt/validate/refdata/refdata.h), shared with the qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "tt/base/error.h"
#include "tt/base/rng.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"

static void r_reference_cases(void **state)
{
	(void)state;
	size_t ncases = tt_refdata_tost_count;
	assert_true(ncases >= 110);
	for (size_t i = 0; i < ncases; i++) {
		const tt_refdata_tost *c = &tt_refdata_tost_cases[i];
		tt_tost_options opt = TT_TOST_OPTIONS_INIT;
		opt.margin_type = c->margin_type;
		opt.margin = c->margin;
		opt.variance = c->variance;
		opt.alpha = c->alpha;
		opt.paired = c->paired;
		opt.log_scale = c->log_scale;
		tt_tost_result r;
		int rc = tt_tost(&r, &tt_refdata_tost_values[c->ref_at], c->n_ref,
				 &tt_refdata_tost_values[c->test_at], c->n_test, &opt);
		if (rc)
			fail_msg("%s: %s", c->label, tt_error_last());
		char label[96];
#define CHECK(field, tol)                                                                          \
	do {                                                                                       \
		snprintf(label, sizeof label, "R t.test %s " #field, c->label);                    \
		tt_assert_rel(r.field, c->field, tol, label);                                      \
	} while (0)
		CHECK(diff, TT_REFDATA_TOST_TOL_EXACT);
		CHECK(se, TT_REFDATA_TOST_TOL_EXACT);
		CHECK(df, TT_REFDATA_TOST_TOL_EXACT);
		CHECK(ci_lower, TT_REFDATA_TOST_TOL_CI);
		CHECK(ci_upper, TT_REFDATA_TOST_TOL_CI);
		CHECK(p_lower, TT_REFDATA_TOST_TOL_P);
		CHECK(p_upper, TT_REFDATA_TOST_TOL_P);
		CHECK(margin_lower, TT_REFDATA_TOST_TOL_EXACT);
		CHECK(margin_upper, TT_REFDATA_TOST_TOL_EXACT);
#undef CHECK
		snprintf(label, sizeof label, "R t.test %s p_tost", c->label);
		tt_assert_rel(r.p_tost, fmax(c->p_lower, c->p_upper), TT_REFDATA_TOST_TOL_P, label);
		if (r.equivalent != c->equivalent)
			fail_msg("R t.test %s equivalent: observed %d, expected %d", c->label,
				 r.equivalent, c->equivalent);
		assert_true(r.log_scale == c->log_scale);
		if (c->paired) {
			assert_int_equal(r.n_ref, c->n_ref);
			assert_int_equal(r.n_test, c->n_ref);
		}
	}
}

/* Hand-computed: ref 98, 100, 102 (mean 100, sd 2), test 99, 101, 103
 * (mean 101, sd 2).  d = 1; Welch se = sqrt(4/3 + 4/3) = sqrt(8/3) and
 * df = (8/3)^2 / (2 (4/3)^2 / 2) = 4; pooled gives the same se and df.
 * t(0.95, 4) = 2.1318467863266499 (R qt(0.95, 4); tables 2.132).  A 5%
 * margin of the source mean is +/- 5. */
static void percent_margin_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 98, 100, 102 }, test[] = { 99, 101, 103 };
	for (int v = 0; v < 2; v++) {
		tt_tost_options opt = TT_TOST_OPTIONS_INIT;
		opt.margin_type = TT_MARGIN_PERCENT;
		opt.margin = 5;
		opt.variance = v ? TT_VARIANCE_POOLED : TT_VARIANCE_WELCH;
		tt_tost_result r;
		assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
		double se = sqrt(8.0 / 3.0), t = 2.1318467863266499;
		tt_assert_rel(r.diff, 1.0, 1e-15, "hand percent: d = 1");
		tt_assert_rel(r.se, se, 1e-15, "hand percent: se sqrt(8/3)");
		tt_assert_rel(r.df, 4.0, 1e-15, "hand percent: df 4");
		tt_assert_rel(r.t_crit, t, 1e-12, "hand percent: t(0.95, 4)");
		tt_assert_rel(r.ci_lower, 1.0 - t * se, 1e-12, "hand percent: ci_lower");
		tt_assert_rel(r.ci_upper, 1.0 + t * se, 1e-12, "hand percent: ci_upper");
		tt_assert_rel(r.margin_lower, -5.0, 1e-15, "hand percent: 5% of 100 lower");
		tt_assert_rel(r.margin_upper, 5.0, 1e-15, "hand percent: 5% of 100 upper");
		tt_assert_rel(r.mean_ref, 100.0, 1e-15, "hand percent: mean_ref");
		tt_assert_rel(r.mean_test, 101.0, 1e-15, "hand percent: mean_test");
		tt_assert_rel(r.sd_ref, 2.0, 1e-15, "hand percent: sd_ref");
		tt_assert_rel(r.sd_test, 2.0, 1e-15, "hand percent: sd_test");
		assert_true(r.equivalent); /* [-2.48, 4.48] inside (-5, 5) */
		assert_false(r.log_scale);
		/* A 1% margin (+/- 1) cannot hold a CI 7 wide. */
		opt.margin = 1;
		assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
		tt_assert_rel(r.margin_upper, 1.0, 1e-15, "hand percent: 1% of 100");
		assert_false(r.equivalent);
	}
}

/* A percent margin takes |mean|: a negative source mean of -100 and 5%
 * still give +/- 5. */
static void percent_margin_of_negative_mean(void **state)
{
	(void)state;
	const double ref[] = { -98, -100, -102 }, test[] = { -99, -101, -103 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin_type = TT_MARGIN_PERCENT;
	opt.margin = 5;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	tt_assert_rel(r.margin_lower, -5.0, 1e-15, "hand percent, negative mean: lower");
	tt_assert_rel(r.margin_upper, 5.0, 1e-15, "hand percent, negative mean: upper");
	tt_assert_rel(r.diff, -1.0, 1e-15, "hand percent, negative mean: d = -1");
}

/* Hand-computed Welch df with unequal variances: ref 1, 2, 3 (var 1),
 * test 2, 4, 6, 8 (var 20/3): se^2 = 1/3 + 5/3 = 2, df = 4 / ((1/3)^2/2 +
 * (5/3)^2/3) = 216/53.  Pooled: sp^2 = (2 + 20)/5 = 22/5, se^2 = 22/5 *
 * 7/12, df 5. */
static void welch_and_pooled_df_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 3 }, test[] = { 2, 4, 6, 8 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin = 10;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 4, &opt), 0);
	tt_assert_rel(r.diff, 3.0, 1e-15, "hand welch: d = 5 - 2");
	tt_assert_rel(r.se, sqrt(2.0), 1e-15, "hand welch: se sqrt(2)");
	tt_assert_rel(r.df, 216.0 / 53.0, 1e-15, "hand welch: df 216/53");
	tt_assert_rel(r.sd_test, sqrt(20.0 / 3.0), 1e-15, "hand welch: sd_test");
	assert_int_equal(r.n_ref, 3);
	assert_int_equal(r.n_test, 4);
	opt.variance = TT_VARIANCE_POOLED;
	assert_int_equal(tt_tost(&r, ref, 3, test, 4, &opt), 0);
	tt_assert_rel(r.se, sqrt(22.0 / 5.0 * 7.0 / 12.0), 1e-15, "hand pooled: se");
	tt_assert_rel(r.df, 5.0, 1e-15, "hand pooled: df 5");
}

/* Hand-computed paired: ref 10, 20, 30, test 11, 22, 30: e = 1, 2, 0,
 * mean 1, sd 1, se 1/sqrt(3), df 2.  A sigma margin uses the sd of the
 * source values (10), or sigma_ref when given. */
static void paired_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 10, 20, 30 }, test[] = { 11, 22, 30 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.paired = true;
	opt.margin_type = TT_MARGIN_SIGMA;
	opt.margin = 0.5;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	tt_assert_rel(r.diff, 1.0, 1e-15, "hand paired: mean difference");
	tt_assert_rel(r.se, 1.0 / sqrt(3.0), 1e-15, "hand paired: se");
	tt_assert_rel(r.df, 2.0, 1e-15, "hand paired: df n - 1");
	tt_assert_rel(r.sd_test, 1.0, 1e-15, "hand paired: sd of differences");
	tt_assert_rel(r.sd_ref, 10.0, 1e-15, "hand paired: sd_ref");
	tt_assert_rel(r.mean_ref, 20.0, 1e-15, "hand paired: mean_ref");
	tt_assert_rel(r.mean_test, 21.0, 1e-15, "hand paired: mean_test");
	tt_assert_rel(r.margin_upper, 5.0, 1e-15, "hand paired: 0.5 sR");
	opt.sigma_ref = 4.0;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	tt_assert_rel(r.margin_lower, -2.0, 1e-15, "hand paired: 0.5 sigma_ref");
	tt_assert_rel(r.margin_upper, 2.0, 1e-15, "hand paired: 0.5 sigma_ref");
}

/* Hand-computed log scale: ref 1, 2, 4 and test 2, 4, 8 have ln values
 * with means ln 2 and 2 ln 2 and sds ln 2 each: the geometric means are 2
 * and 4, their ratio 2; se = ln 2 sqrt(2/3) and df 4 on the ln scale.  A
 * ratio margin 1.25 is reported as (0.8, 1.25); a sigma margin of 1 on the
 * log scale is ln 2, reported as (0.5, 2). */
static void log_scale_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 4 }, test[] = { 2, 4, 8 };
	const double ln2 = log(2.0);
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin_type = TT_MARGIN_RATIO;
	opt.margin = 1.25;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	assert_true(r.log_scale);
	tt_assert_rel(r.diff, 2.0, 1e-15, "hand log: ratio of geometric means 4/2");
	tt_assert_rel(r.se, ln2 * sqrt(2.0 / 3.0), 1e-15, "hand log: se on the ln scale");
	tt_assert_rel(r.df, 4.0, 1e-15, "hand log: df on the ln scale");
	tt_assert_rel(r.margin_lower, 0.8, 1e-15, "hand log: ratio margin 1/1.25");
	tt_assert_rel(r.margin_upper, 1.25, 0.0, "hand log: ratio margin 1.25 as given");
	tt_assert_rel(r.mean_ref, ln2, 1e-15, "hand log: mean of ln ref");
	tt_assert_rel(r.mean_test, 2 * ln2, 1e-15, "hand log: mean of ln test");
	tt_assert_rel(r.sd_ref, ln2, 1e-15, "hand log: sd of ln ref");
	double t = 2.1318467863266499; /* R qt(0.95, 4) */
	tt_assert_rel(r.ci_lower, exp(ln2 - t * r.se), 1e-12, "hand log: ci_lower exponentiated");
	tt_assert_rel(r.ci_upper, exp(ln2 + t * r.se), 1e-12, "hand log: ci_upper exponentiated");
	assert_false(r.equivalent);

	opt.margin_type = TT_MARGIN_SIGMA;
	opt.margin = 1.0;
	opt.log_scale = true;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	tt_assert_rel(r.margin_lower, 0.5, 1e-15, "hand log: sigma margin exp(-ln 2)");
	tt_assert_rel(r.margin_upper, 2.0, 1e-15, "hand log: sigma margin exp(ln 2)");
	tt_assert_rel(r.diff, 2.0, 1e-15, "hand log sigma: ratio 2");
	/* The equivalence decision is taken on the ln scale: d = ln 2 sits on
	 * the upper margin ln 2, so the CI cannot be inside. */
	assert_false(r.equivalent);
}

/* A wide enough ratio margin makes the same data equivalent: the CI on the
 * ln scale is ln 2 +/- 1.2065, inside +/- ln 8 = 2.079. */
static void log_scale_equivalent(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 4 }, test[] = { 2, 4, 8 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin_type = TT_MARGIN_RATIO;
	opt.margin = 8;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 3, &opt), 0);
	assert_true(r.equivalent);
	tt_assert_rel(r.margin_lower, 0.125, 0.0, "hand log: ratio margin 1/8");
	assert_true(r.ci_lower > 0.125 && r.ci_upper < 8);
}

/* One side without spread is allowed (Welch df falls to the other's n - 1);
 * both without spread is TT_EDOMAIN. */
static void one_side_constant(void **state)
{
	(void)state;
	const double ref[] = { 5, 5, 5 }, test[] = { 4, 5, 6, 7 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin = 3;
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, ref, 3, test, 4, &opt), 0);
	tt_assert_rel(r.df, 3.0, 1e-15, "hand welch: df nT - 1 when sR = 0");
	tt_assert_rel(r.se, sqrt(5.0 / 3.0 / 4.0), 1e-15, "hand welch: se sT/sqrt(nT)");
}

static void errors(void **state)
{
	(void)state;
	const double a[] = { 1, 2, 3 }, b[] = { 2, 3, 5 };
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin = 1;
	tt_tost_result r;

	assert_int_equal(tt_tost(&r, a, 1, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 source values are needed for an equivalence test (got 1)");
	assert_int_equal(tt_tost(&r, a, 3, b, 1, &opt), TT_EINVAL);
	assert_string_equal(
		tt_error_last(),
		"at least 2 receiving values are needed for an equivalence test (got 1)");
	assert_int_equal(tt_tost(&r, a, 3, b, 0, &opt), TT_EINVAL);

	opt.paired = true;
	assert_int_equal(tt_tost(&r, a, 3, b, 2, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "a paired test needs as many source as receiving values (3 and 2)");
	assert_int_equal(tt_tost(&r, a, 1, b, 1, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 pairs of values are needed for a paired equivalence test "
			    "(got 1)");
	const double shifted[] = { 2, 3, 4 };
	assert_int_equal(tt_tost(&r, a, 3, shifted, 3, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(),
			    "zero spread in the paired differences: the standard error is 0");
	opt.paired = false;

	const double five[] = { 5, 5 }, six[] = { 6, 6 };
	assert_int_equal(tt_tost(&r, five, 2, six, 2, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "zero spread in both the source and the receiving "
					     "values: the standard error is 0");
	opt.variance = TT_VARIANCE_POOLED;
	assert_int_equal(tt_tost(&r, five, 2, six, 2, &opt), TT_EDOMAIN);
	opt.variance = TT_VARIANCE_WELCH;

	opt.margin_type = TT_MARGIN_SIGMA;
	assert_int_equal(tt_tost(&r, five, 2, b, 3, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(),
			    "zero spread in the source values: a sigma margin would be 0");

	opt.margin_type = TT_MARGIN_PERCENT;
	const double centred[] = { -1, 0, 1 };
	assert_int_equal(tt_tost(&r, centred, 3, b, 3, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "the source mean is 0: a percent margin would be 0");

	opt.margin_type = TT_MARGIN_RATIO;
	opt.margin = 1.25;
	const double with_zero[] = { 1, 0, 3 }, with_negative[] = { 2, 3, -0.5 };
	assert_int_equal(tt_tost(&r, with_zero, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source value '0' is not positive; the log scale "
					     "needs values above 0");
	assert_int_equal(tt_tost(&r, a, 3, with_negative, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "receiving value '-0.5' is not positive; the log "
					     "scale needs values above 0");
	opt.margin = 1.0;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "ratio margin '1' is not above 1 (the interval is 1/r to r)");

	opt.log_scale = true;
	opt.margin_type = TT_MARGIN_ABSOLUTE;
	opt.margin = 1;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "an absolute margin cannot be used on the log "
					     "scale; use a ratio or sigma margin");
	opt.margin_type = TT_MARGIN_PERCENT;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "a percent margin cannot be used on the log "
					     "scale; use a ratio or sigma margin");
	opt.margin_type = TT_MARGIN_SIGMA;
	assert_int_equal(tt_tost(&r, a, 3, with_negative, 3, &opt), TT_EINVAL);
	opt.log_scale = false;

	opt.margin_type = TT_MARGIN_ABSOLUTE;
	opt.margin = 0;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "margin '0' is not positive");
	opt.margin = 1;
	opt.alpha = 0.5;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "alpha '0.5' is not between 0 and 0.5");
	opt.alpha = 0.05;
	const double with_nan[] = { 1, NAN, 3 };
	assert_int_equal(tt_tost(&r, a, 3, with_nan, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "receiving value 2 is not a finite number");
}

/* NULL options mean TT_TOST_OPTIONS_INIT: an absolute margin of 0, which
 * is refused. */
static void null_options_are_the_defaults(void **state)
{
	(void)state;
	const double a[] = { 1, 2, 3 }, b[] = { 2, 3, 5 };
	tt_tost_result r;
	assert_int_equal(tt_tost(&r, a, 3, b, 3, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(), "margin '0' is not positive");
}

/* The decision (tt/stats/decide.h) is strict at the margin, and in doubles
 * a larger critical value never turns a fail into a pass: tt plan's
 * simulator settles most Welch decisions with tabulated quantiles on
 * either side of the one at df, and needs that.  Each case puts the
 * margin exactly on the upper end of the interval at t, then moves t by a
 * few ulps either way. */
static void decision_strict_and_monotone(void **state)
{
	(void)state;
	double lo, hi;
	assert_false(tt_decide_tost(&lo, &hi, 1.0, 0.5, 2.0, 2.0)); /* [0, 2] against 2 */
	assert_true(tt_decide_tost(&lo, &hi, 1.0, 0.5, 2.0, nextafter(2.0, 3.0)));
	assert_false(tt_decide_tost(&lo, &hi, -1.0, 0.5, 2.0, 2.0)); /* [-2, 0] */
	tt_assert_rel(lo, -2.0, 0.0, "hand: -1 - 2 x 0.5");
	tt_assert_rel(hi, 0.0, 0.0, "hand: -1 + 2 x 0.5");
	tt_rng rng;
	tt_rng_seed(&rng, 5);
	for (int rep = 0; rep < 20000; rep++) {
		double d = tt_rng_normal(&rng), se = 0.01 + tt_rng_uniform01(&rng);
		double t = 1.0 + 3.0 * tt_rng_uniform01(&rng);
		double margin = fabs(d) + t * se;
		for (int i = 0; i < 6; i++)
			t = nextafter(t, 0.0);
		bool before = true;
		for (int i = 0; i < 12; i++) {
			bool now = tt_decide_tost(&lo, &hi, d, se, t, margin);
			if (now && !before)
				fail_msg(
					"d %.17g, se %.17g, margin %.17g: passes at t %.17g, fails "
					"just below",
					d, se, margin, t);
			before = now;
			t = nextafter(t, INFINITY);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(r_reference_cases),
		cmocka_unit_test(percent_margin_by_hand),
		cmocka_unit_test(percent_margin_of_negative_mean),
		cmocka_unit_test(welch_and_pooled_df_by_hand),
		cmocka_unit_test(paired_by_hand),
		cmocka_unit_test(log_scale_by_hand),
		cmocka_unit_test(log_scale_equivalent),
		cmocka_unit_test(one_side_constant),
		cmocka_unit_test(errors),
		cmocka_unit_test(null_options_are_the_defaults),
		cmocka_unit_test(decision_strict_and_monotone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
