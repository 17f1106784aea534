/*
 * test_profile.c - aligning profile tables, the f2 conditions, bootstrap f2
 * with its BCa interval, and MSD.
 *
 * Expected values: tests/reference/published.tsv (the Tsong 1996 MSD
 * example, in tt/validate/refdata/refdata_published.c),
 * tests/reference/curves.R (its output in curves.out) and
 * tests/reference/f2_bootstrap_reference.py (f2_bootstrap_reference.out),
 * an independent implementation of the whole bootstrap with the same draws.
 */
#include "support.h"
#include "series_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/stats/curves.h"
#include "tt/base/error.h"
#include "tt/base/util.h"
#include "tt/validate/refdata/refdata.h"

/* ---- data ---- */

/* Tsong et al. (1996) as published (tests/reference/published.tsv): 12
 * units per site, one row each, at 15, 20 and 25 minutes. */
static const tt_refdata_pub_msd *tsong(void)
{
	for (size_t i = 0; i < tt_refdata_pub_msd_count; i++) {
		const tt_refdata_pub_msd *e = &tt_refdata_pub_msd_cases[i];
		if (strcmp(e->id, "tsong-1996") == 0) {
			assert_true(e->n_ref == 12 && e->n_test == 12 && e->p == 3);
			return e;
		}
	}
	fail_msg("no published MSD example tsong-1996");
	return NULL;
}

/* curves.R "profile data": 6 lots per site at 10, 20, 30, 45. */
static const double prof_ref[6 * 4] = {
	38.1, 61.2, 76.5, 84.0, 41.3, 63.8, 79.1, 86.2, 36.4, 58.9, 74.0, 82.5,
	40.2, 62.5, 78.2, 85.1, 39.0, 60.1, 75.8, 83.9, 42.5, 65.0, 80.3, 87.0,
};
static const double prof_test[6 * 4] = {
	34.2, 57.9, 73.1, 82.2, 37.8, 60.4, 76.0, 84.1, 33.0, 55.2, 71.8, 80.9,
	36.1, 59.7, 75.2, 83.3, 38.9, 61.8, 77.4, 85.0, 35.5, 58.1, 74.3, 82.7,
};

/* ---- alignment ---- */

static const row src_rows[] = {
	{ "S1", 0, 0 },   { "S1", 10, 40 }, { "S1", 20, 60 }, { "S1", 30, 80 },
	{ "S2", 0, 0 },   { "S2", 10, 42 }, { "S2", 20, 62 }, { "S2", 30, 82 },
	{ "S3", 10, 44 }, { "S3", 20, 64 }, { "S3", 30, 84 },
};
static const row rcv_rows[] = {
	{ "R1", 10, 41 }, { "R1", 20, 61 }, { "R1", 30, 81 },
	{ "R2", 30, 83 }, { "R2", 20, 63 }, { "R2", 10, 43 }, /* any row order */
};

static void align_builds_matrices_without_time_zero(void **state)
{
	(void)state;
	tt_series_table *s = make_table("sh.csv", src_rows, 11);
	tt_series_table *r = make_table("rtp.csv", rcv_rows, 6);
	tt_diags d = TT_DIAGS_INIT;
	tt_profile prof;
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(prof.p, 3);
	assert_true(prof.time[0] == 10 && prof.time[1] == 20 && prof.time[2] == 30);
	assert_int_equal(prof.n_ref, 3);
	assert_int_equal(prof.n_test, 2);
	assert_string_equal(prof.ref_lots[2], "S3");
	assert_string_equal(prof.test_lots[1], "R2");
	const double want_ref[9] = { 40, 60, 80, 42, 62, 82, 44, 64, 84 };
	const double want_test[6] = { 41, 61, 81, 43, 63, 83 };
	assert_memory_equal(prof.ref, want_ref, sizeof want_ref);
	assert_memory_equal(prof.test, want_test, sizeof want_test);
	assert_int_equal(prof.n_dropped, 0);

	double means[3];
	tt_profile_mean(means, prof.ref, prof.n_ref, prof.p);
	assert_true(means[0] == 42 && means[1] == 62 && means[2] == 82);
	tt_profile_free(&prof);
	tt_profile_free(&prof); /* freeing twice is harmless */
	tt_diags_free(&d);
	free_table(s);
	free_table(r);
}

static void align_leaves_out_excluded_lots(void **state)
{
	(void)state;
	tt_series_table *s = make_table("sh.csv", src_rows, 11);
	tt_series_table *r = make_table("rtp.csv", rcv_rows, 6);
	const char *exclude[] = { "S2", "R9" };
	tt_profile prof;
	assert_int_equal(tt_profile_align(&prof, s, r, exclude, 2, NULL), 0);
	assert_int_equal(prof.n_ref, 2);
	assert_string_equal(prof.ref_lots[0], "S1");
	assert_string_equal(prof.ref_lots[1], "S3");
	assert_true(prof.ref[3] == 44);
	tt_profile_free(&prof);
	free_table(s);
	free_table(r);
}

static void align_drops_a_point_a_lot_lacks_with_a_warning(void **state)
{
	(void)state;
	/* S2 has no value at 20 (a missing cell, dropped by the loader). */
	static const row src[] = {
		{ "S1", 10, 40 }, { "S1", 20, 60 }, { "S1", 30, 80 },
		{ "S2", 10, 42 }, { "S2", 30, 82 },
	};
	tt_series_table *s = make_table("sh.csv", src, 5);
	tt_series_table *r = make_table("rtp.csv", rcv_rows, 6);
	tt_diags d = TT_DIAGS_INIT;
	tt_profile prof;
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, &d), 0);
	assert_int_equal(prof.p, 2);
	assert_true(prof.time[0] == 10 && prof.time[1] == 30);
	assert_int_equal(prof.n_dropped, 1);
	assert_true(prof.dropped[0] == 20);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.errors, 0);
	assert_true(tt_test_diags_has(&d, "sh.csv:5: warning: source lot 'S2' has no value at time "
					  "20; time 20 is left out of the profile comparison"));
	const double want_ref[4] = { 40, 80, 42, 82 };
	assert_memory_equal(prof.ref, want_ref, sizeof want_ref);
	tt_profile_free(&prof);
	tt_diags_free(&d);
	free_table(s);
	free_table(r);
}

static void align_refuses_points_at_one_site_only(void **state)
{
	(void)state;
	static const row rcv[] = {
		{ "R1", 10, 41 }, { "R1", 20, 61 }, { "R1", 30, 81 }, { "R1", 45, 90 },
		{ "R2", 10, 43 }, { "R2", 20, 63 }, { "R2", 30, 83 },
	};
	static const row src[] = {
		{ "S1", 10, 40 },
		{ "S1", 15, 50 },
		{ "S1", 20, 60 },
		{ "S1", 30, 80 },
	};
	tt_series_table *s = make_table("sh.csv", src, 4);
	tt_series_table *r = make_table("rtp.csv", rcv, 7);
	tt_diags d = TT_DIAGS_INIT;
	tt_profile prof;
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, &d), TT_EINVAL);
	assert_string_equal(tt_error_last(), "time 15 is in the source profiles but in no "
					     "receiving lot");
	assert_int_equal(d.errors, 2);
	assert_true(tt_test_diags_has(&d, "sh.csv:3: error: time 15 is in the source profiles but "
					  "in no receiving lot"));
	assert_true(tt_test_diags_has(&d, "rtp.csv:5: error: time 45 is in the receiving profiles "
					  "but in no source lot"));
	assert_null(prof.ref);
	assert_int_equal(prof.p, 0);
	tt_diags_free(&d);
	free_table(s);
	free_table(r);
}

static void align_refuses_no_common_point_no_lots_and_repeats(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_profile prof;

	/* Every point is missing from some lot. */
	static const row src[] = { { "S1", 10, 40 }, { "S2", 20, 60 } };
	static const row rcv[] = { { "R1", 10, 41 }, { "R1", 20, 61 } };
	tt_series_table *s = make_table("sh.csv", src, 2);
	tt_series_table *r = make_table("rtp.csv", rcv, 2);
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, &d), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "no time point after 0 is present in every lot of both sites");
	assert_int_equal(d.warnings, 2);
	free_table(s);
	free_table(r);

	/* Only time 0. */
	static const row zero_s[] = { { "S1", 0, 0 } };
	static const row zero_r[] = { { "R1", 0, 0 } };
	s = make_table("sh.csv", zero_s, 1);
	r = make_table("rtp.csv", zero_r, 1);
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "no time point after 0 is present in every lot of both sites");

	/* Every receiving lot excluded. */
	const char *exclude[] = { "R1" };
	assert_int_equal(tt_profile_align(&prof, s, r, exclude, 1, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(), "no receiving lot is left for the profile comparison");
	free_table(s);
	free_table(r);

	/* A repeated (lot, time). */
	static const row rep[] = { { "S1", 10, 40 }, { "S1", 10, 41 } };
	s = make_table("sh.csv", rep, 2);
	r = make_table("rtp.csv", rcv, 2);
	tt_diags_free(&d);
	assert_int_equal(tt_profile_align(&prof, s, r, NULL, 0, &d), TT_EINVAL);
	assert_string_equal(tt_error_last(), "lot 'S1' has time 10 more than once");
	assert_true(tt_test_diags_has(&d, "sh.csv:3: error: lot 'S1' has time 10 more than once"));
	free_table(s);
	free_table(r);

	assert_int_equal(tt_profile_align(&prof, NULL, NULL, NULL, 0, NULL), TT_EINVAL);
	tt_diags_free(&d);
}

/* ---- the f2 conditions ---- */

static void f2_check_is_quiet_on_good_profiles(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	const double time[4] = { 10, 20, 30, 45 };
	/* curves.R profile data: the means stay below 85 but at 45 min
	 * (source 84.78, receiving 83.03), CVs are below 10%. */
	assert_int_equal(tt_f2_check(&d, prof_ref, 6, prof_test, 6, 4, time), 0);
	assert_int_equal(d.count, 0);
	tt_diags_free(&d);
}

static void f2_check_names_each_broken_rule(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	/* Two points: too few. */
	const double two_ref[4] = { 40, 60, 42, 62 }, two_test[4] = { 41, 61, 43, 63 };
	assert_int_equal(tt_f2_check(&d, two_ref, 2, two_test, 2, 2, NULL), 1);
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the profiles have 2 time points; "
					  "f2 needs at least 3"));
	tt_diags_free(&d);

	/* Made up: the source mean is above 85 at two points (87, 96) and its
	 * CV at the first point is 100 * sd(30, 50)/40 = 35.4%. */
	const double time[4] = { 15, 30, 45, 60 };
	const double ref[2 * 4] = { 30, 70, 86, 95, 50, 70, 88, 97 };
	/* Receiving: CV at 30 is 100 * sd(60, 72)/66 = 12.86%. */
	const double test[2 * 4] = { 40, 60, 80, 84, 40, 72, 80, 84 };
	assert_int_equal(tt_f2_check(NULL, ref, 2, test, 2, 4, time), 3);
	assert_int_equal(tt_f2_check(&d, ref, 2, test, 2, 4, time), 3);
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the source mean profile is above "
					  "85 at 2 points (time 45 (87), time 60 (96)); at most "
					  "one point above 85 should be used"));
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the CV across source lots at "
					  "time 15 is 35.4%, above 20% (the limit at the first "
					  "point)"));
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the CV across receiving lots at "
					  "time 30 is 12.9%, above 10% (the limit at later "
					  "points)"));
	tt_diags_free(&d);

	/* One lot: the CV cannot be checked; points named by position. */
	assert_int_equal(tt_f2_check(&d, ref, 1, test, 2, 4, NULL), 3);
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the source mean profile is above "
					  "85 at 2 points (point 3 (86), point 4 (95)); at most "
					  "one point above 85 should be used"));
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the CV across source lots cannot "
					  "be checked with one lot"));
	assert_true(tt_test_diags_has(&d, "warning: f2 condition: the CV across receiving lots at "
					  "point 2 is 12.9%, above 10% (the limit at later "
					  "points)"));
	tt_diags_free(&d);
}

/* ---- bootstrap f2 ---- */

typedef struct boot_expect {
	size_t B;
	uint64_t seed;
	size_t below;
	double z0, alpha_lower, alpha_upper, lower, upper;
} boot_expect;

static void bootstrap_matches_independent_implementation(void **state)
{
	(void)state;
	/* f2_bootstrap_reference.out (Python, same draws). */
	static const boot_expect want[3] = {
		{ 10000, 20240917, 5063, 0.015792414544589822, 0.0511225105794873,
		  0.9510752933814582, 66.18912291318306, 91.05330158444042 },
		{ 2500, 1, 1275, 0.025068908258711057, 0.053125555284394554, 0.9529041051350784,
		  66.02094395843072, 91.43452858418489 },
		{ 3000, 2, 1442, -0.048480464336417936, 0.03884104716592557, 0.9367951359419067,
		  65.53985027953662, 90.12604298895978 },
	};
	for (int i = 0; i < 3; i++) {
		tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
		opt.n_boot = want[i].B;
		opt.seed = want[i].seed;
		tt_f2_boot_result r;
		assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 6, prof_test, 6, 4, &opt), 0);
		/* curves.R "profile f2" and "profile acceleration". */
		tt_assert_rel(r.f2, 75.813738314749628, 1e-12, "observed f2 (R)");
		tt_assert_rel(r.acceleration, -0.0077378101671267659, 1e-6, "acceleration (R)");
		assert_int_equal(r.n_below, want[i].below);
		assert_int_equal(r.n_boot, want[i].B);
		tt_assert_rel(r.z0, want[i].z0, 1e-9, "z0 (Python)");
		tt_assert_rel(r.alpha_lower, want[i].alpha_lower, 1e-9, "alpha lower (Python)");
		tt_assert_rel(r.alpha_upper, want[i].alpha_upper, 1e-9, "alpha upper (Python)");
		tt_assert_rel(r.ci_lower, want[i].lower, 1e-9, "BCa lower (Python)");
		tt_assert_rel(r.ci_upper, want[i].upper, 1e-9, "BCa upper (Python)");
		tt_assert_rel(r.level, 0.90, 0, "level");
		/* Typical data: the interval holds the observed f2. */
		assert_true(r.ci_lower < r.f2 && r.f2 < r.ci_upper);
		assert_true(r.similar);
	}
}

static void bootstrap_acceleration_matches_r_on_tsong_data(void **state)
{
	(void)state;
	const tt_refdata_pub_msd *ts = tsong();
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	opt.n_boot = 2000;
	tt_f2_boot_result r;
	assert_int_equal(tt_f2_bootstrap(&r, ts->ref, 12, ts->test, 12, 3, &opt), 0);
	/* curves.R "tsong f2", "tsong acceleration". */
	tt_assert_rel(r.f2, 86.623217207342563, 1e-12, "Tsong f2 (R)");
	tt_assert_rel(r.acceleration, -0.0077271148132689533, 1e-6, "Tsong acceleration (R)");
	assert_true(r.ci_lower < r.f2 && r.f2 < r.ci_upper);
}

static void bootstrap_is_deterministic_for_any_thread_count(void **state)
{
	(void)state;
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	opt.seed = 99;
	tt_f2_boot_result a, b;
	assert_int_equal(tt_f2_bootstrap(&a, prof_ref, 6, prof_test, 6, 4, &opt), 0);
	const unsigned threads[] = { 0, 1, 2, 3, 8, 64 };
	for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
		opt.threads = threads[i];
		assert_int_equal(tt_f2_bootstrap(&b, prof_ref, 6, prof_test, 6, 4, &opt), 0);
		assert_true(a.ci_lower == b.ci_lower);
		assert_true(a.ci_upper == b.ci_upper);
		assert_true(a.z0 == b.z0);
		assert_int_equal(a.n_below, b.n_below);
	}
}

static void bootstrap_seeds_give_different_intervals(void **state)
{
	(void)state;
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	tt_f2_boot_result a, b;
	opt.seed = 1;
	assert_int_equal(tt_f2_bootstrap(&a, prof_ref, 6, prof_test, 6, 4, &opt), 0);
	opt.seed = 2;
	assert_int_equal(tt_f2_bootstrap(&b, prof_ref, 6, prof_test, 6, 4, &opt), 0);
	assert_true(a.f2 == b.f2);
	assert_true(a.ci_lower != b.ci_lower);
	assert_true(a.ci_upper != b.ci_upper);
	/* But not by much: B = 10000 makes the interval's Monte Carlo error
	 * small next to its width (about 25). */
	tt_assert_abs(a.ci_lower, b.ci_lower, 1.0, "lower across seeds");
	tt_assert_abs(a.ci_upper, b.ci_upper, 1.0, "upper across seeds");
}

static void bootstrap_level_widens_the_interval(void **state)
{
	(void)state;
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	tt_f2_boot_result a, b;
	assert_int_equal(tt_f2_bootstrap(&a, prof_ref, 6, prof_test, 6, 4, &opt), 0);
	opt.level = 0.95;
	assert_int_equal(tt_f2_bootstrap(&b, prof_ref, 6, prof_test, 6, 4, &opt), 0);
	assert_true(b.ci_lower < a.ci_lower && b.ci_upper > a.ci_upper);
	assert_true(a.n_below == b.n_below);
	/* NULL options are the defaults. */
	assert_int_equal(tt_f2_bootstrap(&b, prof_ref, 6, prof_test, 6, 4, NULL), 0);
	assert_true(a.ci_lower == b.ci_lower);
}

static void bootstrap_refuses_bad_input(void **state)
{
	(void)state;
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	tt_f2_boot_result r;
	assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 1, prof_test, 6, 4, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "bootstrap f2 needs at least 2 lots per site (source "
					     "1, receiving 6)");
	assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 6, prof_test, 6, 0, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "bootstrap f2 needs at least one time point");
	opt.n_boot = 1;
	assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 6, prof_test, 6, 4, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "bootstrap f2 needs at least 2 resamples, not 1");
	opt.n_boot = 100;
	opt.level = 1.0;
	assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 6, prof_test, 6, 4, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the interval's level must be between 0 and 1, not 1");
	opt.level = 0.90;
	double bad[6 * 4];
	memcpy(bad, prof_test, sizeof bad);
	bad[5] = NAN;
	assert_int_equal(tt_f2_bootstrap(&r, prof_ref, 6, bad, 6, 4, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the profiles contain a value that is not a number");
}

static void bootstrap_without_spread_has_no_interval(void **state)
{
	(void)state;
	/* Identical lots at each site: every f2* equals the observed f2, so
	 * z0 = Phi^-1(0) is infinite.  The differences 5, 2, 1 give f2 =
	 * 50 log10(100 / sqrt(1 + 30/3)) = 73.97. */
	const double ref[3 * 3] = { 40, 60, 80, 40, 60, 80, 40, 60, 80 };
	const double test[2 * 3] = { 35, 58, 79, 35, 58, 79 };
	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	opt.n_boot = 500;
	tt_f2_boot_result r;
	assert_int_equal(tt_f2_bootstrap(&r, ref, 3, test, 2, 3, &opt), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "every bootstrap f2 is at or above the observed f2 "
					     "73.97: the BCa interval does not exist (do the lots "
					     "differ at all?)");
	assert_true(r.f2 == 0 && r.n_boot == 0); /* nothing half-filled */
}

/* ---- MSD ---- */

static void msd_reproduces_tsong_example(void **state)
{
	(void)state;
	const tt_refdata_pub_msd *ts = tsong();
	tt_msd_options opt = TT_MSD_OPTIONS_INIT;
	opt.region_level = ts->region_level;
	opt.msd_limit = ts->limit;
	tt_msd_result r;
	assert_int_equal(tt_msd(&r, ts->ref, 12, ts->test, 12, 3, &opt), 0);
	/* As published, to the paper's 4 decimals. */
	tt_assert_abs(r.f_quantile, ts->f_quantile, ts->half_unit, "F(0.95; 3, 20) (Tsong)");
	tt_assert_abs(r.msd, ts->msd, ts->half_unit, "Mahalanobis distance (Tsong)");
	tt_assert_abs(r.k, ts->k, ts->half_unit, "K (Tsong)");
	tt_assert_abs(r.msd_limit, ts->msd_limit, ts->half_unit, "similarity limit (Tsong)");
	tt_assert_abs(r.msd_upper, ts->msd_upper, ts->half_unit, "upper bound (Tsong)");
	assert_true(r.similar == ts->similar);
	/* curves.R "tsong level 0.95". */
	tt_assert_rel(r.msd, 0.2384023441866196, 1e-6, "md (R)");
	tt_assert_rel(r.k, 1.8181818181818181, 1e-6, "K (R)");
	tt_assert_rel(r.f_quantile, 3.0983912121407795, 1e-6, "F (R)");
	tt_assert_rel(r.msd_upper, 1.5438199657458771, 1e-6, "upper (R)");
	tt_assert_rel(r.msd_limit, 2.248071911891742, 1e-6, "limit (R)");
	tt_assert_rel(r.df1, 3, 0, "df1");
	tt_assert_rel(r.df2, 20, 0, "df2");
}

static void msd_defaults_and_symmetry(void **state)
{
	(void)state;
	const tt_refdata_pub_msd *ts = tsong();
	tt_msd_result r, s;
	/* Defaults: region 0.90 (curves.R "tsong level 0.90"), limit 10. */
	assert_int_equal(tt_msd(&r, ts->ref, 12, ts->test, 12, 3, NULL), 0);
	tt_assert_rel(r.f_quantile, 2.3800870510696077, 1e-6, "F 0.90 (R)");
	tt_assert_rel(r.msd_upper, 1.3825386464200049, 1e-6, "upper 0.90 (R)");
	tt_assert_rel(r.msd_limit, 2.248071911891742, 1e-6, "limit 0.90 (R)");
	/* Swapping the sites changes nothing. */
	assert_int_equal(tt_msd(&s, ts->test, 12, ts->ref, 12, 3, NULL), 0);
	tt_assert_rel(s.msd, 0.2384023441866196, 1e-6, "md swapped (R)");
	tt_assert_rel(s.msd_upper, r.msd_upper, 1e-12, "upper swapped");
	/* The made-up profiles: curves.R "profile msd level 0.90". */
	assert_int_equal(tt_msd(&r, prof_ref, 6, prof_test, 6, 4, NULL), 0);
	tt_assert_rel(r.msd, 5.2321631966897275, 1e-6, "profile md (R)");
	tt_assert_rel(r.msd_upper, 7.6068447648103064, 1e-6, "profile upper (R)");
	tt_assert_rel(r.msd_limit, 27.702971566021009, 1e-6, "profile limit (R)");
	assert_true(r.similar);
}

static void msd_not_similar_when_upper_reaches_limit(void **state)
{
	(void)state;
	const tt_refdata_pub_msd *ts = tsong();
	/* A small limit: the same distance is no longer similar. */
	tt_msd_options opt = TT_MSD_OPTIONS_INIT;
	opt.msd_limit = 5;
	tt_msd_result r;
	assert_int_equal(tt_msd(&r, ts->ref, 12, ts->test, 12, 3, &opt), 0);
	tt_assert_rel(r.msd_limit, 2.248071911891742 / 2, 1e-12, "limit scales with msd_limit");
	assert_false(r.similar);
}

static void msd_refuses_singular_and_bad_input(void **state)
{
	(void)state;
	const tt_refdata_pub_msd *ts = tsong();
	tt_msd_result r;
	/* 2 + 2 - 2 = 2 < 3 points. */
	assert_int_equal(tt_msd(&r, ts->ref, 2, ts->test, 2, 3, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(), "fewer units than time points: the covariance is "
					     "singular (2 + 2 lots, 3 time points; MSD needs at "
					     "least 5 lots in all)");
	/* Enough lots, but a point without spread. */
	const double ref[3 * 2] = { 40, 80, 42, 80, 44, 80 };
	const double test[3 * 2] = { 41, 80, 43, 80, 45, 80 };
	assert_int_equal(tt_msd(&r, ref, 3, test, 3, 2, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "the pooled covariance of the profiles is singular (a time point "
			    "without spread between lots, or time points that move together "
			    "exactly): MSD cannot be computed");
	/* Two points that move together exactly. */
	const double ref2[3 * 2] = { 40, 80, 42, 84, 44, 88 };
	const double test2[3 * 2] = { 41, 82, 43, 86, 45, 90 };
	assert_int_equal(tt_msd(&r, ref2, 3, test2, 3, 2, NULL), TT_EINVAL);

	tt_msd_options opt = TT_MSD_OPTIONS_INIT;
	opt.region_level = 0;
	assert_int_equal(tt_msd(&r, ts->ref, 12, ts->test, 12, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "region_level must be between 0 and 1, not 0");
	opt.region_level = 0.9;
	opt.msd_limit = -1;
	assert_int_equal(tt_msd(&r, ts->ref, 12, ts->test, 12, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "msd_limit must be a positive number, not -1");
	opt.msd_limit = 10;
	assert_int_equal(tt_msd(&r, ts->ref, 0, ts->test, 12, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "MSD needs lots at both sites and a time point");
	double bad[12 * 3];
	memcpy(bad, ts->test, sizeof bad);
	bad[0] = INFINITY;
	assert_int_equal(tt_msd(&r, ts->ref, 12, bad, 12, 3, &opt), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the profiles contain a value that is not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(align_builds_matrices_without_time_zero),
		cmocka_unit_test(align_leaves_out_excluded_lots),
		cmocka_unit_test(align_drops_a_point_a_lot_lacks_with_a_warning),
		cmocka_unit_test(align_refuses_points_at_one_site_only),
		cmocka_unit_test(align_refuses_no_common_point_no_lots_and_repeats),
		cmocka_unit_test(f2_check_is_quiet_on_good_profiles),
		cmocka_unit_test(f2_check_names_each_broken_rule),
		cmocka_unit_test(bootstrap_matches_independent_implementation),
		cmocka_unit_test(bootstrap_acceleration_matches_r_on_tsong_data),
		cmocka_unit_test(bootstrap_is_deterministic_for_any_thread_count),
		cmocka_unit_test(bootstrap_seeds_give_different_intervals),
		cmocka_unit_test(bootstrap_level_widens_the_interval),
		cmocka_unit_test(bootstrap_refuses_bad_input),
		cmocka_unit_test(bootstrap_without_spread_has_no_interval),
		cmocka_unit_test(msd_reproduces_tsong_example),
		cmocka_unit_test(msd_defaults_and_symmetry),
		cmocka_unit_test(msd_not_similar_when_upper_reaches_limit),
		cmocka_unit_test(msd_refuses_singular_and_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
