/*
 * varratio.c - the ratio of the receiving to the source variance with its
 * F interval and the two-sided F test of a ratio of 1 (METHODS.md,
 * "Variance ratio"), as R's var.test(test, ref, conf.level = 1 - 2 alpha).
 *
 * With F = sT^2/sR^2 on (nT - 1, nR - 1) degrees of freedom the interval is
 * [F / f(1 - alpha), F / f(alpha)], f the F quantiles, and the p-value is
 * 2 min(P(F' <= F), P(F' >= F)).  Both tails are taken from GSL directly
 * rather than as 1 - P, which keeps a small upper-tail p-value's digits.
 */
#include "tt/stats/stats.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "tt/base/error.h"
#include "tt/base/init.h"

int tt_var_ratio(tt_varratio_result *out, const double *ref, size_t n_ref, const double *test,
		 size_t n_test, double alpha)
{
	if (tt_init())
		return TT_EINTERNAL;
	if (!(alpha > 0.0 && alpha < 0.5))
		return tt_error_set(TT_EINVAL, "alpha '%g' is not between 0 and 0.5", alpha);
	if (n_ref < 2)
		return tt_error_set(
			TT_EINVAL,
			"at least 2 source values are needed for a variance ratio (got %zu)",
			n_ref);
	if (n_test < 2)
		return tt_error_set(TT_EINVAL,
				    "at least 2 receiving values are needed for a variance ratio "
				    "(got %zu)",
				    n_test);
	for (size_t i = 0; i < n_ref; i++)
		if (!isfinite(ref[i]))
			return tt_error_set(TT_EINVAL, "source value %zu is not a finite number",
					    i + 1);
	for (size_t i = 0; i < n_test; i++)
		if (!isfinite(test[i]))
			return tt_error_set(TT_EINVAL, "receiving value %zu is not a finite number",
					    i + 1);

	double sr = tt_sd(ref, n_ref), st = tt_sd(test, n_test);
	if (sr == 0.0)
		return tt_error_set(TT_EDOMAIN, "zero spread in the source values: the variance "
						"ratio does not exist");
	tt_varratio_result r;
	r.df_num = n_test - 1.0;
	r.df_den = n_ref - 1.0;
	/* (sT/sR)^2 rather than sT^2/sR^2: the squares of very small or very
	 * large sds could underflow or overflow where their ratio does not. */
	double q = st / sr;
	r.ratio = q * q;
	double f_hi = gsl_cdf_fdist_Qinv(alpha, r.df_num, r.df_den);
	double f_lo = gsl_cdf_fdist_Pinv(alpha, r.df_num, r.df_den);
	r.ci_lower = r.ratio / f_hi;
	r.ci_upper = r.ratio / f_lo;
	double lo = gsl_cdf_fdist_P(r.ratio, r.df_num, r.df_den);
	double hi = gsl_cdf_fdist_Q(r.ratio, r.df_num, r.df_den);
	r.p_value = 2.0 * (lo < hi ? lo : hi);
	if (r.p_value > 1.0)
		r.p_value = 1.0;
	if (!isfinite(r.ratio) || !isfinite(r.ci_lower) || !isfinite(r.ci_upper) ||
	    !isfinite(r.p_value))
		return tt_error_set(TT_ENOCONV,
				    "the F distribution on %g and %g degrees of freedom "
				    "could not be evaluated",
				    r.df_num, r.df_den);
	*out = r;
	return 0;
}
