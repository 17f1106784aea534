/*
 * stats.h - the statistics of METHODS.md: one function per method, results
 * in structs, no printing.
 *
 * Every function returns 0, or a negative code with a message set
 * (tt_error_set): TT_EINVAL for bad arguments (fewer values than the method
 * needs, non-positive values on the log scale, an option out of range),
 * TT_EDOMAIN when the statistic does not exist for these data (zero spread,
 * no nonparametric interval at this n), TT_ENOCONV when a numerical method
 * failed.  No result field is ever NaN or infinite on success, except where
 * the struct says a value may not exist (then it is NaN and a has_ flag or
 * the doc says so).
 */
#ifndef TT_STATS_H
#define TT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/input/methods.h" /* tt_margin_type, tt_variance, tt_ti_method, tt_direction */

/* ---- descriptive ---- */

typedef struct tt_describe_result {
	size_t n;
	double mean, sd, min, max, median;
	double cv; /* 100 sd / |mean|; NaN when the mean is 0 (has_cv false) */
	bool has_cv;
} tt_describe_result;

/* n >= 1 (sd is 0 for n = 1).  A numerically stable two-pass algorithm:
 * NIST StRD NumAcc4 gives sd = 0.1 to 7+ significant digits. */
int tt_describe(tt_describe_result *out, const double *x, size_t n);

double tt_mean(const double *x, size_t n);
/* Sample sd (n-1); 0 for n < 2. */
double tt_sd(const double *x, size_t n);

/* The comparison of two doubles for qsort, ascending. */
int tt_cmp_double(const void *a, const void *b);

/* *out = a new array of ln(x[i]) that the caller frees (NULL on error).
 * A value that is not positive, or not finite, is TT_EINVAL with a message
 * naming it: "WHAT value '-1.5' is not positive; ...", where what names the
 * values for the reader ("source", "receiving"). */
int tt_log_values(double **out, const double *x, size_t n, const char *what);

/* ---- equivalence (TOST) ---- */

typedef struct tt_tost_options {
	tt_margin_type margin_type;
	double margin; /* D, k, p or r (r > 1) */
	tt_variance variance;
	double alpha;   /* each one-sided test */
	bool paired;    /* ref[i] and test[i] are a pair (n_ref == n_test) */
	bool log_scale; /* analyse ln(values); implied by a ratio margin */
	/* Paired sigma margins use the sd of all source lots, which may be more
	 * than the paired ones: when > 0 this is that sd (on the analysis
	 * scale), else the sd of ref is used. */
	double sigma_ref;
} tt_tost_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_TOST_OPTIONS_INIT { TT_MARGIN_ABSOLUTE, 0.0, TT_VARIANCE_WELCH, 0.05, false, false, 0.0 }
/* clang-format on */

typedef struct tt_tost_result {
	/* On the log scale diff, ci_*, margin_* are exponentiated (ratios
	 * test/ref of geometric means); se and df stay on the ln scale. */
	double diff, se, df;
	double ci_lower, ci_upper;
	double margin_lower, margin_upper;
	double t_crit;
	double p_lower, p_upper, p_tost;
	bool equivalent;
	bool log_scale;
	size_t n_ref, n_test;   /* for paired: both the number of pairs */
	double sd_ref, sd_test; /* on the analysis scale (paired: sd_test is sd of differences) */
	double mean_ref, mean_test; /* on the analysis scale */
} tt_tost_result;

/* Independent: n_ref >= 2 and n_test >= 2.  Paired: n >= 2 pairs.
 * Zero se, or a zero sd with a sigma margin: TT_EDOMAIN. */
int tt_tost(tt_tost_result *out, const double *ref, size_t n_ref, const double *test, size_t n_test,
	    const tt_tost_options *opt);

/* ---- intervals from the source lots ---- */

typedef struct tt_range_result {
	double lower, upper; /* back-transformed under log scale */
	size_t n_inside;     /* test values inside [lower, upper], inclusive */
	size_t n_test;
	double fraction_inside;
	bool pass;
} tt_range_result;

/* Quality range mR +/- k sR; pass iff n_inside >= min_fraction * n_test
 * (exactly).  n_ref >= 2, sR > 0 (else TT_EDOMAIN), n_test >= 1. */
int tt_quality_range(tt_range_result *out, const double *ref, size_t n_ref, const double *test,
		     size_t n_test, double k, double min_fraction, bool log_scale);

/* Min-max [min ref, max ref]; pass iff every test value is inside. */
int tt_min_max(tt_range_result *out, const double *ref, size_t n_ref, const double *test,
	       size_t n_test, bool log_scale);

typedef struct tt_ti_options {
	double content;         /* P */
	double confidence;      /* g */
	int sides;              /* 1 or 2 */
	tt_direction direction; /* one-sided: which bound a comparison uses */
	tt_ti_method method;
} tt_ti_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_TI_OPTIONS_INIT { 0.99, 0.95, 2, TT_DIRECTION_NONE, TT_TI_EXACT }
/* clang-format on */

/* The normal tolerance factor k for n values (exact or Howe, per
 * opt->method; sides 1 uses the noncentral t).  n >= 2.  Content and
 * confidence in (0, 1), sides 1 or 2, else TT_EINVAL; so is the
 * nonparametric method, which has no factor. */
int tt_ti_factor(double *k, size_t n, const tt_ti_options *opt);

/* Nonparametric (Wilks) order r for n values: two-sided [x_(r), x_(n-r+1)],
 * one-sided x_(r) / x_(n-r+1).  TT_EDOMAIN when no interval exists at n,
 * with *n_needed the smallest n for which r = 1 works.  n_needed may be
 * NULL; when given it is set on success too (0 if more than UINT_MAX
 * values would be needed). */
int tt_ti_nonparametric_order(size_t *r, size_t *n_needed, size_t n, const tt_ti_options *opt);

typedef struct tt_ti_result {
	double k;            /* the factor (NaN for nonparametric) */
	size_t order;        /* nonparametric r (0 otherwise) */
	double lower, upper; /* one-sided: mean - k sd and mean + k sd both */
	size_t n_needed;     /* nonparametric and TT_EDOMAIN: lots needed */
} tt_ti_result;

/* A tolerance interval from x (back-transformed under log scale).  n < 2,
 * a non-finite value, or a non-positive one on the log scale: TT_EINVAL;
 * equal values (normal methods): TT_EDOMAIN.  On failure k, lower and
 * upper are NaN, and n_needed is set when the nonparametric interval
 * does not exist. */
int tt_tolerance_interval(tt_ti_result *out, const double *x, size_t n, const tt_ti_options *opt,
			  bool log_scale);

/* Counts test values in [lower, upper] and fills a tt_range_result with
 * pass iff all are inside.  Either bound may be -INFINITY/INFINITY. */
void tt_range_count(tt_range_result *out, double lower, double upper, const double *test,
		    size_t n_test);

/* Compares test values with the tolerance interval ti made with opt: a
 * one-sided interval bounds only the side of opt->direction (the other
 * bound is -INFINITY or INFINITY in out), and the comparison passes iff
 * every value is inside (tt_range_count). */
void tt_ti_compare(tt_range_result *out, const tt_ti_result *ti, const tt_ti_options *opt,
		   const double *test, size_t n_test);

/* ---- dissolution-style profiles ---- */

/* f2 = 50 log10(100 / sqrt(1 + mean squared difference)) over p points. */
int tt_f2(double *f2, const double *ref_means, const double *test_means, size_t p);

/* ---- power and sample size of TOST with the margin known ---- */

typedef struct tt_power_options {
	double sd;    /* true sd sigma */
	double lower; /* margins (L, U), L < U */
	double upper;
	double delta; /* true difference */
	double alpha;
} tt_power_options;

/* Exact power (Owen's Q) of the pooled-t TOST, parallel design; equals
 * PowerTOST's power.TOST(method = "exact").  n_ref, n_test >= 2, sd > 0,
 * finite lower < upper, 0 < alpha < 0.5, else TT_EINVAL. */
int tt_tost_power(double *power, size_t n_ref, size_t n_test, const tt_power_options *opt);

/* Smallest equal n per site (2 <= n <= max_n) with power >= target;
 * TT_EDOMAIN when max_n does not reach it (then *n is 0 and *power the
 * power at max_n).  0 < target < 1 and max_n >= 2, else TT_EINVAL. */
int tt_tost_sample_size(size_t *n, double *power, double target, size_t max_n,
			const tt_power_options *opt);

/* ---- normality and variances ---- */

/* Shapiro-Wilk W and p (Royston 1995, AS R94); 3 <= n <= 5000; constant
 * data: TT_EDOMAIN. */
int tt_shapiro_wilk(double *w, double *p, const double *x, size_t n);

typedef struct tt_varratio_result {
	double ratio;              /* sT^2 / sR^2 */
	double ci_lower, ci_upper; /* 100(1 - 2 alpha)% F interval */
	double df_num, df_den;
	double p_value; /* two-sided F test of ratio 1, as R's var.test */
} tt_varratio_result;

int tt_var_ratio(tt_varratio_result *out, const double *ref, size_t n_ref, const double *test,
		 size_t n_test, double alpha);

/* ---- distributions GSL lacks ---- */

/* The p quantile of the noncentral t with df degrees of freedom and
 * noncentrality ncp, and its cdf.  The smaller tail is good to about
 * 1e-12 relative: checked down to tails of 1e-10 for integer df and for
 * df >= 1.2, and of 1e-6 for df >= 1.  For df < 1, where the density of
 * the sd has a pole at 0, far tails can end in TT_ENOCONV. */
int tt_nct_quantile(double *q, double p, double df, double ncp);
int tt_nct_cdf(double *cdf, double t, double df, double ncp);

/* The density of S = sqrt(V / df) with V ~ chisq(df): a sample sd in units
 * of the true sd when df = n - 1.  Accurate for large df too (no
 * cancellation around s = 1).  The log form returns -INFINITY where the
 * density is 0. */
double tt_scaled_chi_pdf(double s, double df);
double tt_scaled_chi_log_pdf(double s, double df);

/* An interval [lo, hi] holding all of S but a tail of about the normal
 * tail beyond `width` sds at each end (Wilson-Hilferty), for integrating
 * over S: width 8 leaves out at most 6e-16 in each tail. */
void tt_scaled_chi_range(double *lo, double *hi, double df, double width);

#endif
