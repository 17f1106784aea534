/*
 * f2.c - the similarity factor of two mean dissolution-style profiles
 * (Moore and Flanner 1996; METHODS.md):
 *   f2 = 50 log10(100 / sqrt(1 + (1/p) sum_t (R_t - T_t)^2)).
 * Which time points enter (t = 0 excluded, the same points at both sites)
 * and the FDA/EMA conditions are the caller's business.
 */
#include <math.h>

#include <gsl/gsl_math.h>

#include "tt/base/error.h"
#include "tt/stats/stats.h"

int tt_f2(double *f2, const double *ref_means, const double *test_means, size_t p)
{
	if (p < 1)
		return tt_error_set(TT_EINVAL, "f2 needs at least 1 time point");
	double ss = 0.0;
	for (size_t t = 0; t < p; t++) {
		if (!isfinite(ref_means[t]) || !isfinite(test_means[t]))
			return tt_error_set(TT_EINVAL,
					    "f2: the mean at time point %zu is not a finite number",
					    t + 1);
		double d = ref_means[t] - test_means[t];
		ss += d * d;
	}
	/* 100 / sqrt(1 + msd) as 2 - log10(1 + msd)/2, with log1p for
	 * profiles that nearly coincide. */
	*f2 = 50.0 * (2.0 - 0.5 * log1p(ss / (double)p) / M_LN10);
	return 0;
}
