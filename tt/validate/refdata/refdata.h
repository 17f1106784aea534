/*
 * refdata.h - reference tables: expected values computed by independent
 * tools (R 4.2.2, exact rational arithmetic) or published, and the data they
 * were computed from, shared by the unit tests (tests/test_*.c) and the
 * qualification suite (tt validate, validate.h), so that both check the same
 * numbers.
 *
 * Every table says where its values come from; the R scripts that print
 * them and the file of published values are under tests/reference/.  The
 * tolerances of computed values are the tightest that hold with some room,
 * each with the reason for its size; published values are checked at the
 * precision they are printed.  Nothing here
 * computes: the tables are data, and the functions below only generate
 * inputs the way the R scripts did.
 */
#ifndef TT_REFDATA_H
#define TT_REFDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/input/methods.h" /* tt_variance, tt_margin_type, tt_ti_method */

/* ---- t.test (TOST) ---- */

/* One R case: the data are tt_refdata_tost_values[ref_at .. ref_at + n_ref) and
 * tt_refdata_tost_values[test_at .. test_at + n_test); margins as tt_tost_options
 * takes them.  Expected: t.test(test, ref, conf.level = 1 - 2 alpha) for
 * diff, se, df and the interval; t.test(..., mu = L, alternative =
 * "greater") and (mu = U, "less") for p_lower and p_upper; on the log scale
 * t.test of the ln values with diff, interval and margins exponentiated. */
typedef struct tt_refdata_tost {
	const char *label;
	tt_variance variance;
	bool paired;
	bool log_scale;
	tt_margin_type margin_type;
	double margin;
	double alpha;
	size_t ref_at, n_ref, test_at, n_test;
	double diff, se, df, ci_lower, ci_upper, p_lower, p_upper, margin_lower, margin_upper;
	bool equivalent;
} tt_refdata_tost;

/* Relative tolerances against R, the tightest that hold with some room:
 * diff, se, df and the margins are the same arithmetic (worst 9e-16); the
 * interval adds GSL's t quantile (worst 5e-14, on an upper bound near 0);
 * the p-values, down to 7e-12, agree with R's pt to 1.3e-14, which a
 * 40-digit evaluation of the same formula confirmed on the worst cases. */
#define TT_REFDATA_TOST_TOL_EXACT 1e-14
#define TT_REFDATA_TOST_TOL_CI 1e-13
#define TT_REFDATA_TOST_TOL_P 1e-13

extern const double tt_refdata_tost_values[];
extern const tt_refdata_tost tt_refdata_tost_cases[];
extern const size_t tt_refdata_tost_count;

/* ---- shapiro.test ---- */

/* A small R case: shapiro.test(tt_refdata_sw_values[at .. at + n)). */
typedef struct tt_refdata_sw {
	const char *label;
	size_t at, n;
	double w, p;
} tt_refdata_sw;

/* A generated R case: shapiro.test(tt_refdata_sw_generate(n, seed, kind)). */
typedef struct tt_refdata_sw_gen {
	size_t n;
	long seed;
	int kind;
	double w, p;
} tt_refdata_sw_gen;

/* Relative tolerances against R, the tightest that hold with some room:
 * W agrees to 6.6e-15 (n = 5000); p to 6.6e-12 (n = 2000), since p depends
 * on ln(1 - W) and 1 - W is near 1e-3 there, so W's last bits weigh a
 * thousand times more.  p-values down to 3e-76 are in the table. */
#define TT_REFDATA_SW_TOL_W 1e-14
#define TT_REFDATA_SW_TOL_P 1e-11

extern const double tt_refdata_sw_values[];
extern const tt_refdata_sw tt_refdata_sw_cases[];
extern const size_t tt_refdata_sw_count;
extern const tt_refdata_sw_gen tt_refdata_sw_gen_cases[];
extern const size_t tt_refdata_sw_gen_count;

/*
 * The generator of tests/reference/stats_core.R, step for step in the same
 * double arithmetic: Park-Miller s <- 16807 s mod (2^31 - 1) (products
 * below 2^53, so exact), u = s / (2^31 - 1); kind 0 the uniforms, kind 1
 * the sum of 12 uniforms minus 6, kind 2 its square, kind 3 its cube.
 */
void tt_refdata_sw_generate(double *out, size_t n, long seed, int kind);

/* ---- quality range and min-max ---- */

/* One R case: ref = tt_refdata_qr_values[ref_at ..], test = tt_refdata_qr_values[test_at ..];
 * lower, upper = mean(ax) -/+ k sd(ax) (exponentiated under the log scale),
 * n_inside counted inclusively, pass iff n_inside >= min_fraction n_test;
 * mm_inside: test values inside [min(ref), max(ref)]. */
typedef struct tt_refdata_qr {
	const char *label;
	bool log_scale;
	double k, min_fraction;
	size_t ref_at, n_ref, test_at, n_test;
	double lower, upper;
	size_t n_inside;
	bool pass;
	size_t mm_inside;
} tt_refdata_qr;

extern const double tt_refdata_qr_values[];
extern const tt_refdata_qr tt_refdata_qr_cases[];
extern const size_t tt_refdata_qr_count;

/* Relative tolerance: the same arithmetic as R's mean and sd (within 5e-16). */
#define TT_REFDATA_QR_TOL 1e-15

/* ---- var.test ---- */

/* One R case: var.test(test, ref, conf.level = 1 - 2 alpha) with ref =
 * tt_refdata_vr_values[ref_at ..] and test = tt_refdata_vr_values[test_at ..]. */
typedef struct tt_refdata_vr {
	const char *label;
	double alpha;
	size_t ref_at, n_ref, test_at, n_test;
	double ratio, ci_lower, ci_upper, df_num, df_den, p_value;
} tt_refdata_vr;

/* Relative tolerances against R, the tightest that hold with some room:
 * the worst errors are 4e-16 (ratio), 4e-15 (interval, GSL's F quantiles
 * against R's qf) and 9e-15 (p-values down to 5e-6). */
#define TT_REFDATA_VR_TOL_RATIO 1e-15
#define TT_REFDATA_VR_TOL_CI 1e-14
#define TT_REFDATA_VR_TOL_P 1e-13

extern const double tt_refdata_vr_values[];
extern const tt_refdata_vr tt_refdata_vr_cases[];
extern const size_t tt_refdata_vr_count;

/* ---- tolerance factors (tests/reference/tolerance.R) ---- */

/* Relative tolerances: the exact two-sided factors are printed by R to 12
 * decimals; Howe's is closed-form; the one-sided factor rests on R's qt with a
 * noncentrality, good to about 1e-10. */
#define TT_REFDATA_TI_TOL_EXACT2 1e-10
#define TT_REFDATA_TI_TOL_HOWE 1e-12
#define TT_REFDATA_TI_TOL_ONE_SIDED 1e-9

extern const double tt_refdata_ti_exact2[][4];
extern const size_t tt_refdata_ti_exact2_count;
extern const double tt_refdata_ti_howe[][4];
extern const size_t tt_refdata_ti_howe_count;
extern const double tt_refdata_ti_one_sided[][4];
extern const size_t tt_refdata_ti_one_sided_count;
extern const double tt_refdata_ti_wilks[][5];
extern const size_t tt_refdata_ti_wilks_count;
extern const double tt_refdata_ti_needed[][4];
extern const size_t tt_refdata_ti_needed_count;

/* ---- TOST power and sample size (tests/reference/power.R) ---- */

/* Relative tolerance against R's integrate() of the same integral. */
#define TT_REFDATA_POWER_TOL 1e-10

extern const double tt_refdata_power[][8];
extern const size_t tt_refdata_power_count;
extern const double tt_refdata_sample_size[][8];
extern const size_t tt_refdata_sample_size_count;

/* ---- noncentral t and scaled chi (tests/reference/nct.R) ---- */

/* R's pt carries an absolute error near 1e-12 and is only asked for here
 * where that is small against the value; tt's quadrature is good to about
 * 1e-12 relative. */
#define TT_REFDATA_NCT_TOL_CDF 5e-9
#define TT_REFDATA_NCT_TOL_QUANTILE 1e-9
/* The scaled chi density against R's dchisq. */
#define TT_REFDATA_SCALED_CHI_TOL 1e-11

extern const double tt_refdata_nct_cdf[][4];
extern const size_t tt_refdata_nct_cdf_count;
extern const double tt_refdata_nct_quantile[][4];
extern const size_t tt_refdata_nct_quantile_count;
extern const double tt_refdata_scaled_chi_pdf[][3];
extern const size_t tt_refdata_scaled_chi_pdf_count;

/* ---- NIST StRD sd (tests/reference/nist_exact_sd.py) ---- */

/* The NIST StRD sd checks of each data set (tt/validate/refdata/refdata_describe.c). */
typedef struct tt_refdata_nist_sd {
	const char *name;
	double cert_tol;
	double exact_sd;
} tt_refdata_nist_sd;

extern const tt_refdata_nist_sd tt_refdata_nist_sd_cases[];
extern const size_t tt_refdata_nist_sd_count;

/* Relative tolerances of the mean against the certified mean, and of the sd
 * against the exact sd of the binary data (a few ulps). */
#define TT_REFDATA_NIST_TOL_MEAN 1e-15
#define TT_REFDATA_NIST_TOL_EXACT_SD 1e-15

/* ---- NIST StRD univariate data (tt/validate/refdata/refdata_nist.c, generated) ---- */

/* One data set as NIST gives it: the values, and the certified mean and sd
 * (15 significant digits).  Generated by scripts/gen-refdata.py from
 * tests/resources/reference/nist-strd-*.csv, so the suite needs no files at
 * run time. */
typedef struct tt_refdata_nist_set {
	const char *name;
	size_t n;
	const double *values;
	double cert_mean, cert_sd;
} tt_refdata_nist_set;

extern const tt_refdata_nist_set tt_refdata_nist_sets[];
extern const size_t tt_refdata_nist_set_count;

/* ---- published values (tt/validate/refdata/refdata_published.c, generated) ---- */

/*
 * Values printed in a paper, a table, a handbook or a program's documented
 * output, with the inputs they were printed for, from
 * tests/reference/published.tsv.  They are checked at the precision they
 * are printed: half_unit is half a unit in the last printed digit, an
 * absolute tolerance.  source is where the value is printed, as the
 * validation report names it.
 */

/* A normal tolerance factor for n values, content P, confidence g. */
typedef struct tt_refdata_pub_factor {
	const char *id; /* "exact-n10-p90-g95" */
	size_t n;
	double content, confidence;
	int sides;
	tt_ti_method method;
	double k, half_unit;
	const char *source;
} tt_refdata_pub_factor;

/* A worked two-sided tolerance interval from n values of the given mean and
 * sd (n odd, so that such data can be written down). */
typedef struct tt_refdata_pub_interval {
	const char *id; /* "nist-7.2.6.3" */
	size_t n;
	double mean, sd, content, confidence;
	tt_ti_method method;
	double k, lower, upper, half_unit;
	const char *source;
} tt_refdata_pub_interval;

/* The fewest lots from which a two-sided nonparametric tolerance interval
 * exists at content P and confidence g: a count, checked exactly. */
typedef struct tt_refdata_pub_need {
	double content, confidence;
	size_t n;
	const char *source;
} tt_refdata_pub_need;

/* TOST power with the margin known: margins -margin and +margin and the true
 * difference delta in units of the sd (tt_power_options with sd 1). */
typedef struct tt_refdata_pub_power {
	size_t n_ref, n_test;
	double margin, delta, alpha, power, half_unit;
	const char *source;
} tt_refdata_pub_power;

/* f2 of two mean profiles at p time points (times in minutes). */
typedef struct tt_refdata_pub_f2 {
	const char *id; /* "shah-1998" */
	size_t p;
	const double *times, *ref, *test;
	double f2, half_unit;
	const char *source;
} tt_refdata_pub_f2;

/* MSD of two sites' units, one row of p values per unit as tt_msd takes
 * them, with tt_msd_options { region_level, limit }; the results as
 * tt_msd_result names them. */
typedef struct tt_refdata_pub_msd {
	const char *id; /* "tsong-1996" */
	size_t n_ref, n_test, p;
	const double *ref, *test;
	double region_level, limit;
	double f_quantile, msd, k, msd_limit, msd_upper, half_unit;
	bool similar;
	const char *source;
} tt_refdata_pub_msd;

extern const tt_refdata_pub_factor tt_refdata_pub_factor_cases[];
extern const size_t tt_refdata_pub_factor_count;
extern const tt_refdata_pub_interval tt_refdata_pub_interval_cases[];
extern const size_t tt_refdata_pub_interval_count;
extern const tt_refdata_pub_need tt_refdata_pub_need_cases[];
extern const size_t tt_refdata_pub_need_count;
extern const tt_refdata_pub_power tt_refdata_pub_power_cases[];
extern const size_t tt_refdata_pub_power_count;
extern const tt_refdata_pub_f2 tt_refdata_pub_f2_cases[];
extern const size_t tt_refdata_pub_f2_count;
extern const tt_refdata_pub_msd tt_refdata_pub_msd_cases[];
extern const size_t tt_refdata_pub_msd_count;

/* ---- the golden studies (tt/validate/refdata/refdata_golden.c, generated) ---- */

/* A file by name and its whole text. */
typedef struct tt_refdata_file {
	const char *name;
	const char *text;
} tt_refdata_file;

/* An expected value by label, as an R script printed it. */
typedef struct tt_refdata_value {
	const char *label;
	double value;
} tt_refdata_value;

/* The files of tests/resources/studies/golden/ (the studies comparable.yaml,
 * not-comparable.yaml and paired.yaml, both process specs and both lot
 * tables), and the values tests/reference/engine_golden.R printed for them
 * (engine_golden.out): labels STUDY.ATTRIBUTE.FIELD, with STUDY one of
 * comparable, notcomparable and paired.  Generated by
 * scripts/gen-refdata.py. */
extern const tt_refdata_file tt_refdata_golden_files[];
extern const size_t tt_refdata_golden_file_count;
extern const tt_refdata_value tt_refdata_golden_expected[];
extern const size_t tt_refdata_golden_expected_count;

#endif
