/*
 * decide.h - the pass rule of each lot-level approach, in one place: what
 * tt_tost, tt_quality_range, tt_min_max and a tolerance-interval
 * comparison decide for tt run, and what tt plan decides for each study it
 * simulates (tt/plan/plan_sim.c) or integrates (tt/plan/plan_exact.c).  A
 * rule changed here changes both, so a plan keeps predicting what a run
 * decides.
 *
 * The functions take statistics (means, variances, counts, bounds), not
 * the lots: each caller computes those its own way.  The stats functions
 * use compensated sums that hold up for values such as NIST's NumAcc4;
 * the simulator uses plain sums over draws in units of the true sd, which
 * are accurate there and cost a fraction.  On the same lots the statistics
 * agree to rounding, and when they are equal (values whose sums are exact)
 * so is every decision.  Everything is on the analysis scale (ln values
 * under the log scale).
 *
 * The functions are static inline because the simulator calls them once
 * per replicate, millions of times per plan.
 */
#ifndef TT_STATS_DECIDE_H
#define TT_STATS_DECIDE_H

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "tt/stats/stats.h"

/* ---- equivalence (TOST) ---- */

/* The critical value of each one-sided test at level alpha: the upper
 * alpha quantile of t, taken from the upper tail, which GSL computes more
 * accurately than 1 - alpha from the lower one.  It decreases as df
 * grows. */
static inline double tt_decide_tost_t(double alpha, double df)
{
	return gsl_cdf_tdist_Qinv(alpha, df);
}

/* The standard error of the difference of two means from the sites'
 * variances, and its degrees of freedom: Welch-Satterthwaite, or the
 * pooled variance.  Under Welch a zero variance on one side leaves the
 * other's term alone, and df its n - 1; both zero give se 0 and df NaN. */
static inline void tt_decide_tost_se(double *se, double *df, double var_ref, double n_ref,
				     double var_test, double n_test, tt_variance variance)
{
	if (variance == TT_VARIANCE_POOLED) {
		double sp2 = ((n_ref - 1.0) * var_ref + (n_test - 1.0) * var_test) /
			     (n_ref + n_test - 2.0);
		*se = sqrt(sp2 * (1.0 / n_ref + 1.0 / n_test));
		*df = n_ref + n_test - 2.0;
		return;
	}
	double a_ref = var_ref / n_ref, a_test = var_test / n_test;
	*se = sqrt(a_ref + a_test);
	*df = (a_ref + a_test) * (a_ref + a_test) /
	      (a_ref * a_ref / (n_ref - 1.0) + a_test * a_test / (n_test - 1.0));
}

/* The standard error of the mean of n paired differences with sd sd_diff,
 * and its degrees of freedom. */
static inline void tt_decide_tost_paired_se(double *se, double *df, double sd_diff, double n)
{
	*se = sd_diff / sqrt(n);
	*df = n - 1.0;
}

/* The half-width D of the margin (-D, D) on the analysis scale: an
 * absolute margin as given, k sR for a sigma margin (sd_ref), p% of the
 * source mean's size for a percent margin (mean_ref), ln r for a ratio
 * margin.  The caller rejects a D that is 0 or not finite as no margin. */
static inline double tt_decide_tost_margin(tt_margin_type type, double margin, double sd_ref,
					   double mean_ref)
{
	switch (type) {
	case TT_MARGIN_SIGMA:
		return margin * sd_ref;
	case TT_MARGIN_PERCENT:
		return margin / 100.0 * fabs(mean_ref);
	case TT_MARGIN_RATIO:
		return log(margin);
	default:
		return margin;
	}
}

/* The decision of TOST: equivalent iff the 1 - 2 alpha interval
 * diff -/+ t_crit se lies strictly inside (-margin, margin).  The interval
 * is the one the report prints, so what a reader checks is what was
 * decided.  se > 0 and t_crit > 0 make the decision monotone in t_crit,
 * in floating point too: a larger t_crit never turns a fail into a pass. */
static inline bool tt_decide_tost(double *ci_lower, double *ci_upper, double diff, double se,
				  double t_crit, double margin)
{
	*ci_lower = diff - t_crit * se;
	*ci_upper = diff + t_crit * se;
	/* Both comparisons are made (&, not &&): a branch on the first would
	 * be a coin toss in the simulator. */
	return (-margin < *ci_lower) & (*ci_upper < margin);
}

/* ---- intervals from the source lots ---- */

/* mean -/+ k sd: the quality range, and a normal tolerance interval. */
static inline void tt_decide_band(double *lower, double *upper, double mean, double sd, double k)
{
	*lower = mean - k * sd;
	*upper = mean + k * sd;
}

/* The nonparametric tolerance interval [x_(r), x_(n-r+1)] from the n
 * values sorted ascending. */
static inline void tt_decide_order_band(double *lower, double *upper, const double *sorted,
					size_t n, size_t r)
{
	*lower = sorted[r - 1];
	*upper = sorted[n - r];
}

/* The min-max range [min x, max x] of n >= 1 values.  Each bound is one of
 * the values itself (under the log scale the caller passes the values, not
 * their ln, since exp(ln x) might miss x by a bit). */
static inline void tt_decide_min_max(double *lower, double *upper, const double *x, size_t n)
{
	double lo = x[0], hi = x[0];
	for (size_t i = 1; i < n; i++) {
		lo = x[i] < lo ? x[i] : lo;
		hi = x[i] > hi ? x[i] : hi;
	}
	*lower = lo;
	*upper = hi;
}

/* What a one-sided tolerance interval bounds: the side of direction; the
 * other side is opened to -INFINITY or INFINITY.  Two-sided: both stay. */
static inline void tt_decide_ti_sides(double *lower, double *upper, int sides,
				      tt_direction direction)
{
	if (sides != 1)
		return;
	if (direction == TT_DIRECTION_LOWER)
		*upper = INFINITY;
	else
		*lower = -INFINITY;
}

/* How many of the n values lie in [lower, upper], bounds included (either
 * may be infinite; a NaN value is outside). */
static inline size_t tt_decide_count_inside(const double *y, size_t n, double lower, double upper)
{
	size_t inside = 0;
	for (size_t j = 0; j < n; j++)
		inside += (y[j] >= lower) & (y[j] <= upper);
	return inside;
}

/* The decision of min-max and tolerance-interval comparisons: every
 * receiving lot inside.  No receiving lots show nothing and do not pass. */
static inline bool tt_decide_all_inside(size_t n_inside, size_t n_test)
{
	return n_test > 0 && n_inside == n_test;
}

/*
 * The decision of a quality range: n_inside >= min_fraction * n_test, with
 * the fraction taken as the decimal the user wrote.  min_fraction arrives
 * as the double nearest that decimal, within a relative 2^-53, so the
 * exact binary product can exceed the intended whole number: 0.56 is
 * stored as 0.5600000000000000533, and 0.56 * 25 rounds to
 * 14.000000000000002, which would fail 14 lots of 25.  (0.9 * 10 happens
 * to round to 9 exactly, while the unrounded binary product
 * 9.0000000000000002 is above 9.)  So the residual f n - m is computed
 * exactly with one rounding (fma) and may exceed 0 by at most
 * DBL_EPSILON f n, twice the representation error of f: no two decimals
 * that far apart are meant.  A real shortfall such as 0.95 x 10 = 9.5
 * against 9 lots is 0.5, never within that margin.  The residual falls as
 * n_inside grows, so the lots that pass are those from some count up.
 */
static inline bool tt_decide_fraction(size_t n_inside, size_t n_test, double min_fraction)
{
	double need = min_fraction * (double)n_test;
	double residual = fma(min_fraction, (double)n_test, -(double)n_inside);
	return residual <= DBL_EPSILON * need;
}

#endif
