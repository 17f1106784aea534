/*
 * tost.c - two one-sided tests for equivalence of means (METHODS.md,
 * "Equivalence (TOST)"): Welch or pooled for independent lots, the paired
 * t for split-source pairs, with absolute, sigma, percent or ratio margins.
 *
 * Everything is computed on the analysis scale (ln values under the log
 * scale) and only the reported difference, interval and margins are
 * exponentiated at the end, so the verdict never depends on a rounding of
 * exp and log.  The standard error, the margin, the critical value and the
 * decision are decide.h's, which tt plan shares.
 */
#include "tt/stats/stats.h"
#include "tt/stats/decide.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "tt/base/error.h"
#include "tt/base/init.h"
#include "tt/base/util.h"

static int check_finite(const double *x, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return tt_error_set(TT_EINVAL, "%s value %zu is not a finite number", what,
					    i + 1);
	return 0;
}

static int check_options(const tt_tost_options *opt, bool log_scale)
{
	if (!(opt->alpha > 0.0 && opt->alpha < 0.5))
		return tt_error_set(TT_EINVAL, "alpha '%g' is not between 0 and 0.5", opt->alpha);
	if (!isfinite(opt->margin))
		return tt_error_set(TT_EINVAL, "the margin is not a finite number");
	switch (opt->margin_type) {
	case TT_MARGIN_ABSOLUTE:
	case TT_MARGIN_SIGMA:
	case TT_MARGIN_PERCENT:
		if (!(opt->margin > 0.0))
			return tt_error_set(TT_EINVAL, "margin '%g' is not positive", opt->margin);
		break;
	case TT_MARGIN_RATIO:
		if (!(opt->margin > 1.0))
			return tt_error_set(
				TT_EINVAL,
				"ratio margin '%g' is not above 1 (the interval is 1/r to r)",
				opt->margin);
		break;
	default:
		return tt_error_set(TT_EINVAL, "unknown margin type %d", (int)opt->margin_type);
	}
	if (log_scale && opt->margin_type == TT_MARGIN_ABSOLUTE)
		return tt_error_set(TT_EINVAL,
				    "an absolute margin cannot be used on the log scale; "
				    "use a ratio or sigma margin");
	if (log_scale && opt->margin_type == TT_MARGIN_PERCENT)
		return tt_error_set(TT_EINVAL, "a percent margin cannot be used on the log scale; "
					       "use a ratio or sigma margin");
	if (opt->variance != TT_VARIANCE_WELCH && opt->variance != TT_VARIANCE_POOLED)
		return tt_error_set(TT_EINVAL, "unknown variance %d", (int)opt->variance);
	if (!(opt->sigma_ref >= 0.0) || !isfinite(opt->sigma_ref))
		return tt_error_set(TT_EINVAL, "sigma_ref '%g' is negative or not finite",
				    opt->sigma_ref);
	return 0;
}

/*
 * P(T_df <= t) from the regularised incomplete beta function: the tail
 * beyond |t| is I_x(df/2, 1/2)/2 with x = df/(df + t^2).  GSL's
 * gsl_cdf_tdist_P switches to an asymptotic series for df > 30 that is good
 * to about 1e-8 relative in the far tail (a p of 7e-12 at df 31 came out
 * 5.6e-9 low against R's pt and a 40-digit evaluation), and TOST p-values
 * live in that tail.  The tail is always computed directly, never as
 * 1/2 minus the central part, which would cancel for large df.
 */
static int t_cdf(double *p, double t, double df)
{
	gsl_sf_result r;
	int status = gsl_sf_beta_inc_e(df / 2.0, 0.5, df / (df + t * t), &r);
	double tail = r.val / 2.0;
	*p = t < 0.0 ? tail : 1.0 - tail;
	return status == GSL_SUCCESS && isfinite(*p) ? 0 : -1;
}

/* se, df, d and the mean/sd fields on the analysis scale. */
static int difference(tt_tost_result *out, const double *x, size_t nx, const double *y, size_t ny,
		      const tt_tost_options *opt)
{
	out->mean_ref = tt_mean(x, nx);
	out->mean_test = tt_mean(y, ny);
	out->sd_ref = tt_sd(x, nx);
	if (opt->paired) {
		double *e = tt_xmalloc(nx * sizeof *e);
		for (size_t i = 0; i < nx; i++)
			e[i] = y[i] - x[i];
		out->diff = tt_mean(e, nx);
		out->sd_test = tt_sd(e, nx);
		free(e);
		tt_decide_tost_paired_se(&out->se, &out->df, out->sd_test, (double)nx);
		if (out->se == 0.0)
			return tt_error_set(TT_EDOMAIN, "zero spread in the paired differences: "
							"the standard error is 0");
		return 0;
	}

	out->sd_test = tt_sd(y, ny);
	out->diff = out->mean_test - out->mean_ref;
	double vx = out->sd_ref * out->sd_ref, vy = out->sd_test * out->sd_test;
	if (vx == 0.0 && vy == 0.0)
		return tt_error_set(TT_EDOMAIN, "zero spread in both the source and the receiving "
						"values: the standard error is 0");
	tt_decide_tost_se(&out->se, &out->df, vx, (double)nx, vy, (double)ny, opt->variance);
	if (!(out->se > 0.0) || !isfinite(out->se) || !isfinite(out->df))
		return tt_error_set(TT_EDOMAIN, "the standard error of the difference is 0 or "
						"not finite for these values");
	return 0;
}

int tt_tost(tt_tost_result *out, const double *ref, size_t n_ref, const double *test, size_t n_test,
	    const tt_tost_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	tt_tost_options defaults = TT_TOST_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	bool log_scale = opt->log_scale || opt->margin_type == TT_MARGIN_RATIO;
	int rc = check_options(opt, log_scale);
	if (rc)
		return rc;

	if (opt->paired) {
		if (n_ref != n_test)
			return tt_error_set(
				TT_EINVAL,
				"a paired test needs as many source as receiving values "
				"(%zu and %zu)",
				n_ref, n_test);
		if (n_ref < 2)
			return tt_error_set(TT_EINVAL,
					    "at least 2 pairs of values are needed for a "
					    "paired equivalence test (got %zu)",
					    n_ref);
	} else {
		if (n_ref < 2)
			return tt_error_set(TT_EINVAL,
					    "at least 2 source values are needed for an "
					    "equivalence test (got %zu)",
					    n_ref);
		if (n_test < 2)
			return tt_error_set(TT_EINVAL,
					    "at least 2 receiving values are needed for "
					    "an equivalence test (got %zu)",
					    n_test);
	}
	if ((rc = check_finite(ref, n_ref, "source")) ||
	    (rc = check_finite(test, n_test, "receiving")))
		return rc;

	double *lx = NULL, *ly = NULL;
	const double *x = ref, *y = test;
	if (log_scale) {
		if ((rc = tt_log_values(&lx, ref, n_ref, "source")))
			return rc;
		if ((rc = tt_log_values(&ly, test, n_test, "receiving"))) {
			free(lx);
			return rc;
		}
		x = lx;
		y = ly;
	}

	tt_tost_result r = { 0 };
	r.log_scale = log_scale;
	r.n_ref = n_ref;
	r.n_test = n_test;
	rc = difference(&r, x, n_ref, y, n_test, opt);
	free(lx);
	free(ly);
	if (rc)
		return rc;

	/* The margin on the analysis scale. */
	double s = opt->sigma_ref > 0.0 ? opt->sigma_ref : r.sd_ref;
	if (opt->margin_type == TT_MARGIN_SIGMA && s == 0.0)
		return tt_error_set(TT_EDOMAIN,
				    "zero spread in the source values: a sigma margin would be 0");
	if (opt->margin_type == TT_MARGIN_PERCENT && r.mean_ref == 0.0)
		return tt_error_set(TT_EDOMAIN,
				    "the source mean is 0: a percent margin would be 0");
	double D = tt_decide_tost_margin(opt->margin_type, opt->margin, s, r.mean_ref);
	if (!isfinite(D) || !(D > 0.0))
		return tt_error_set(TT_EDOMAIN, "the margin is 0 or not finite for these values");
	double L = -D, U = D;

	r.t_crit = tt_decide_tost_t(opt->alpha, r.df);
	r.equivalent = tt_decide_tost(&r.ci_lower, &r.ci_upper, r.diff, r.se, r.t_crit, D);
	/* P(T >= t) = P(T <= -t) by symmetry. */
	int bad = t_cdf(&r.p_lower, -(r.diff - L) / r.se, r.df);
	bad |= t_cdf(&r.p_upper, (r.diff - U) / r.se, r.df);
	r.p_tost = r.p_lower > r.p_upper ? r.p_lower : r.p_upper;
	if (bad || !isfinite(r.t_crit))
		return tt_error_set(TT_ENOCONV,
				    "the t distribution at %g degrees of freedom could "
				    "not be evaluated",
				    r.df);
	r.margin_lower = L;
	r.margin_upper = U;

	if (log_scale) {
		r.diff = exp(r.diff);
		r.ci_lower = exp(r.ci_lower);
		r.ci_upper = exp(r.ci_upper);
		/* A ratio margin is reported as given (1/r, r), not as
		 * exp(ln r), which can differ from r in the last bit. */
		r.margin_lower = opt->margin_type == TT_MARGIN_RATIO ? 1.0 / opt->margin : exp(L);
		r.margin_upper = opt->margin_type == TT_MARGIN_RATIO ? opt->margin : exp(U);
	}
	*out = r;
	return 0;
}
