/*
 * curves.h - attributes measured over time: profiles (f2, bootstrap f2,
 * MSD) and stability (degradation slopes, ICH Q1E poolability, shelf life).
 * The definitions are those of METHODS.md ("f2", "Bootstrap f2", "MSD",
 * "Stability").
 *
 * Profiles are analysed as matrices: per site, one row per lot and one
 * column per time point, row-major (value of lot i at point j is
 * x[i * p + j]), the same p points at both sites.  tt_profile_align()
 * builds them from the long-form (lot,time,value) tables of data.h.
 * Stability works on the long-form tables directly.
 *
 * Every function that can fail returns 0 or a negative TT_E* with a message
 * set (tt_error_set): TT_EINVAL for bad arguments or unusable data (a time
 * point at one site only, fewer units than time points for MSD),
 * TT_EDOMAIN when the statistic does not exist for these data (too few
 * lots, no spread).  Nothing here prints.  Results that own memory have a
 * _free function; on failure nothing is left to free.
 */
#ifndef TT_CURVES_H
#define TT_CURVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tt/input/data.h"
#include "tt/base/error.h"

/* ---- profiles from long-form tables ---- */

typedef struct tt_profile {
	size_t p;        /* time points used */
	double *time;    /* the p points, ascending */
	size_t n_ref;    /* source lots */
	size_t n_test;   /* receiving lots */
	double *ref;     /* n_ref x p, row-major */
	double *test;    /* n_test x p, row-major */
	char **ref_lots; /* the lot ids of the rows (owned copies) */
	char **test_lots;
	size_t n_dropped; /* time points left out because a lot lacks them */
	double *dropped;  /* those points, ascending */
} tt_profile;

/*
 * Builds the profile matrices of two sites (METHODS.md "f2": "over the p
 * time points present in every lot of both sites, excluding t = 0").
 *
 * Lots named in exclude (n_exclude ids; may be NULL) are left out at both
 * sites.  Time 0 is always left out.  Then:
 * - a time point found at one site but in no lot of the other is an error
 *   (one diagnostic per point, at the first row that has it);
 * - a time point found at both sites but missing from some lot is left out
 *   of the comparison, with one warning per lot that lacks it (at the lot's
 *   first row) and the point listed in out->dropped;
 * - no point left, no lot left at a site, or a repeated (lot, time) pair is
 *   an error.
 * Diagnostics go to d (which may be NULL); on error the function returns
 * TT_EINVAL with the first problem also set as the message.  On success
 * *out owns its arrays: free with tt_profile_free().
 */
int tt_profile_align(tt_profile *out, const tt_series_table *source,
		     const tt_series_table *receiving, const char *const *exclude, size_t n_exclude,
		     tt_diags *d);

void tt_profile_free(tt_profile *prof);

/* The mean profile of an n x p matrix: means[j] over the n rows (n >= 1). */
void tt_profile_mean(double *means, const double *x, size_t n, size_t p);

/*
 * The FDA/EMA conditions for using f2 (METHODS.md "f2"): at least 3 time
 * points; at most one point above 85 in either mean profile; CV across lots
 * (100 sd/|mean|, sd with n-1) at most 20% at the first point and at most
 * 10% at the later ones, at each site.  They only warn: each broken rule is
 * one warning in d naming the site, the point and the rule (file NULL; a
 * caller that knows the file adds its own; d may be NULL to count only).
 * time may be NULL (points are then named by their position, "point 1").
 * A site with one lot gets a warning that its CV cannot be checked.
 * Returns the number of warnings added.
 */
size_t tt_f2_check(tt_diags *d, const double *ref, size_t n_ref, const double *test, size_t n_test,
		   size_t p, const double *time);

/* ---- bootstrap f2 ---- */

typedef struct tt_f2_boot_options {
	size_t n_boot;    /* B resamples; default 10000 */
	uint64_t seed;    /* the study's seed */
	double level;     /* two-sided level of the BCa interval; default 0.90 */
	unsigned threads; /* worker threads (0 or 1: the calling thread only);
			   * the result does not depend on it */
} tt_f2_boot_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_F2_BOOT_OPTIONS_INIT { 10000, 1, 0.90, 1 }
/* clang-format on */

/* Resamples are drawn in chunks of this many; chunk c uses the substream
 * tt_rng_stream(seed, c), whichever thread runs it. */
#define TT_F2_BOOT_CHUNK 1024

typedef struct tt_f2_boot_result {
	double f2;       /* the observed f2 (of the mean profiles) */
	double ci_lower; /* the BCa interval at opt->level */
	double ci_upper;
	double level;
	double z0;           /* bias correction, Phi^-1(n_below / B) */
	double acceleration; /* from the jackknife over all lots */
	double alpha_lower;  /* the percentiles BCa picks (0..1) */
	double alpha_upper;
	size_t n_below; /* resamples with f2* < f2 */
	size_t n_boot;
	bool similar; /* ci_lower >= 50 */
} tt_f2_boot_result;

/*
 * Bootstrap f2 with a BCa interval (METHODS.md "Bootstrap f2"; Efron and
 * Tibshirani 1993, ch. 14).  Each resample draws n_ref source lots and
 * n_test receiving lots with replacement, each site on its own, and takes
 * f2 of the two resampled mean profiles.  With theta the observed f2:
 *   z0 = Phi^-1(#{f2* < theta} / B);
 *   a  = sum (m - theta_i)^3 / (6 [sum (m - theta_i)^2]^1.5), theta_i the
 *        f2 without lot i, over all n_ref + n_test lots, m their mean (a = 0
 *        when every theta_i is the same);
 *   the interval is the alpha_1 and alpha_2 quantiles of the f2*, with
 *   alpha_k = Phi(z0 + (z0 + z_k) / (1 - a (z0 + z_k))), z_k = Phi^-1 of
 *   (1 - level)/2 and (1 + level)/2; quantiles interpolate linearly between
 *   order statistics (R's quantile type 7).
 * "f2* < theta" is decided on the mean squared difference of the profiles
 * (f2 falls as it rises), so that no rounding of log10 can make a tie.
 *
 * Needs n_ref >= 2, n_test >= 2 (the jackknife leaves one lot out), p >= 1,
 * B >= 2, 0 < level < 1, finite values (else TT_EINVAL).  TT_EDOMAIN when the
 * BCa interval does not exist: every f2* on one side of theta (z0 infinite:
 * e.g. identical lots) or 1 - a (z0 + z_k) <= 0.  Allocates its workspace
 * once; a few milliseconds for B = 10000, 12 lots per site, 8 points
 * (bench/bench_curves.c).
 */
int tt_f2_bootstrap(tt_f2_boot_result *out, const double *ref, size_t n_ref, const double *test,
		    size_t n_test, size_t p, const tt_f2_boot_options *opt);

/* ---- MSD (Tsong et al. 1996) ---- */

typedef struct tt_msd_options {
	double region_level; /* q of the Hotelling region; default 0.90 */
	double msd_limit;    /* difference at every time point, attribute units; default 10 */
} tt_msd_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_MSD_OPTIONS_INIT { 0.90, 10.0 }
/* clang-format on */

typedef struct tt_msd_result {
	double msd;        /* Mahalanobis distance between the mean profiles */
	double msd_upper;  /* msd + sqrt(f_quantile / k) */
	double msd_limit;  /* Mahalanobis length of (limit, ..., limit) */
	double k;          /* nR nT/(nR+nT) (nR+nT-p-1)/((nR+nT-2) p) */
	double f_quantile; /* F(region_level; p, nR+nT-p-1) */
	double df1, df2;
	bool similar; /* msd_upper < msd_limit */
} tt_msd_result;

/*
 * MSD (METHODS.md "MSD"): the pooled covariance S = ((nR-1) S_R +
 * (nT-1) S_T)/(nR+nT-2) is factored by Cholesky; msd = sqrt(d' S^-1 d),
 * d = mean_T - mean_R.  TT_EINVAL when nR + nT - 2 < p ("fewer units than
 * time points: the covariance is singular"), when S is singular all the same
 * (a point without spread, or points that move together exactly), or for bad
 * options (region_level outside (0, 1), msd_limit not positive).
 */
int tt_msd(tt_msd_result *out, const double *ref, size_t n_ref, const double *test, size_t n_test,
	   size_t p, const tt_msd_options *opt);

/* ---- stability ---- */

typedef enum {
	TT_POOL_FULL = 0,     /* slopes and intercepts pool: one line */
	TT_POOL_COMMON_SLOPE, /* slopes pool: one slope, an intercept per lot */
	TT_POOL_NONE,         /* a line per lot */
} tt_poolability;

/* "full", "common-slope", "none" (CONTRACT.md). */
const char *tt_poolability_name(tt_poolability pool);

typedef struct tt_stability_options {
	double alpha;          /* the slope difference's CI is 100(1-2 alpha)%; default 0.05 */
	bool has_slope_margin; /* with a margin the comparison passes or fails */
	double slope_margin;   /* m > 0: pass iff -m < ci_lower and ci_upper < m */
	bool has_spec_min;     /* spec limits for the shelf life */
	double spec_min;
	bool has_spec_max;
	double spec_max;
	double pool_level;          /* ICH Q1E: pool when p > this; default 0.25 */
	double bound_confidence;    /* one-sided bound for the shelf life; default 0.95 */
	double shelf_life_cap;      /* search up to here; 0: 10 x the longest time observed */
	const char *const *exclude; /* lot ids left out (may be NULL) */
	size_t n_exclude;
} tt_stability_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_STABILITY_OPTIONS_INIT { 0.05, false, 0.0, false, 0.0, false, 0.0, 0.25, 0.95, \
	0.0, NULL, 0 }
/* clang-format on */

typedef struct tt_stability_site {
	size_t n_lots;     /* L */
	size_t n_points;   /* N, rows used */
	char **lots;       /* lot ids (owned copies) */
	double *lot_slope; /* per lot OLS slope of value on time */
	double *lot_intercept;
	double slope;    /* the mean of the lot slopes */
	double slope_sd; /* their sd (n-1); 0 for one lot */

	/* ICH Q1E poolability.  Tested when L >= 2 and N > 2L; otherwise
	 * poolability_tested is false, the p-values NaN, and the model is the
	 * single line for one lot, a line per lot for more. */
	bool poolability_tested;
	tt_poolability poolability; /* the model used for the shelf life */
	double sse_full, sse_common_slope, sse_single;
	double f_slopes, p_slopes;         /* df L-1, N-2L */
	bool has_p_intercepts;             /* only when the slopes pool */
	double f_intercepts, p_intercepts; /* df L-1, N-L-1; NaN when absent */

	/* Shelf life: where the one-sided bound of the mean response of the
	 * model crosses a spec limit (lower bound against spec_min, upper
	 * against spec_max), searched over [0, cap]; the earliest over limits
	 * and, for a model with a line per lot or an intercept per lot, over
	 * lots.  has_shelf_life is false without a spec limit or without
	 * residual degrees of freedom (then shelf_life is NaN).  With
	 * shelf_life_reached false no bound crossed before the cap: shelf_life
	 * is NaN ("not reached").  A bound already beyond its limit at time 0
	 * gives 0. */
	bool has_shelf_life;
	bool shelf_life_reached;
	double shelf_life;
	double shelf_life_cap;
	long shelf_life_lot; /* the lot that set it, or -1 for the single line */
	double residual_df;  /* of the model used */
	double residual_sd;
} tt_stability_site;

/*
 * Fits one site (`site` is "source" or "receiving", for messages).  Every
 * lot needs 2 or more distinct times (else TT_EDOMAIN naming the lot); at
 * least one lot must remain after exclusion (TT_EINVAL).  Values and times
 * must be finite.  Free with tt_stability_site_free().
 */
int tt_stability_site_fit(tt_stability_site *out, const tt_series_table *table, const char *site,
			  const tt_stability_options *opt);
void tt_stability_site_free(tt_stability_site *s);

typedef struct tt_stability_result {
	tt_stability_site source;
	tt_stability_site receiving;
	double slope_difference; /* receiving - source, means of lot slopes */
	double se, df;           /* Welch */
	double t_crit;
	double ci_lower, ci_upper; /* 100(1-2 alpha)% */
	bool has_margin;
	double margin_lower, margin_upper; /* -m, m */
	bool pass; /* has_margin and margin_lower < ci_lower and ci_upper < margin_upper */
} tt_stability_result;

/*
 * Both sites and the slope difference with Welch's CI on the lot slopes.
 * TT_EDOMAIN when a site has fewer than 2 lots or the slopes have no spread
 * at either site (se = 0); then nothing is left to free, and a caller that
 * still wants the per-site fits calls tt_stability_site_fit().  Free with
 * tt_stability_result_free().
 */
int tt_stability(tt_stability_result *out, const tt_series_table *source,
		 const tt_series_table *receiving, const tt_stability_options *opt);
void tt_stability_result_free(tt_stability_result *r);

#endif
