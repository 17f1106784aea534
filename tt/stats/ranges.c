/*
 * ranges.c - intervals built from the source lots that the receiving lots
 * must fall in: the quality range mR +/- k sR and the min-max range
 * (METHODS.md), and the inclusive count every such interval shares.
 *
 * Under the log scale the bounds are computed from ln values and reported
 * back-transformed; receiving lots are then counted against the reported
 * bounds, so a lot a reader sees inside the printed interval is counted
 * inside (ln and exp are monotone, so this differs from counting ln values
 * only by the last bit of exp at a bound).  The bounds, the count and the
 * pass rules are decide.h's, which tt plan shares.
 */
#include "tt/stats/stats.h"
#include "tt/stats/decide.h"

#include <math.h>
#include <stdlib.h>

#include "tt/base/error.h"

void tt_range_count(tt_range_result *out, double lower, double upper, const double *test,
		    size_t n_test)
{
	size_t inside = tt_decide_count_inside(test, n_test, lower, upper);
	out->lower = lower;
	out->upper = upper;
	out->n_inside = inside;
	out->n_test = n_test;
	/* With no receiving values there is nothing to show: the fraction is
	 * 0 and the range does not pass. */
	out->fraction_inside = n_test ? (double)inside / n_test : 0.0;
	out->pass = tt_decide_all_inside(inside, n_test);
}

static int check_values(const double *ref, size_t n_ref, const double *test, size_t n_test,
			bool log_scale, const char *method)
{
	if (n_ref < 2)
		return tt_error_set(TT_EINVAL,
				    "at least 2 source values are needed for %s (got %zu)", method,
				    n_ref);
	if (n_test < 1)
		return tt_error_set(TT_EINVAL, "at least 1 receiving value is needed for %s",
				    method);
	for (size_t i = 0; i < n_ref; i++) {
		if (!isfinite(ref[i]))
			return tt_error_set(TT_EINVAL, "source value %zu is not a finite number",
					    i + 1);
		if (log_scale && !(ref[i] > 0.0))
			return tt_error_set(TT_EINVAL,
					    "source value '%.15g' is not positive; the log scale "
					    "needs values above 0",
					    ref[i]);
	}
	for (size_t i = 0; i < n_test; i++) {
		if (!isfinite(test[i]))
			return tt_error_set(TT_EINVAL, "receiving value %zu is not a finite number",
					    i + 1);
		if (log_scale && !(test[i] > 0.0))
			return tt_error_set(
				TT_EINVAL,
				"receiving value '%.15g' is not positive; the log scale "
				"needs values above 0",
				test[i]);
	}
	return 0;
}

int tt_quality_range(tt_range_result *out, const double *ref, size_t n_ref, const double *test,
		     size_t n_test, double k, double min_fraction, bool log_scale)
{
	if (!(k > 0.0) || !isfinite(k))
		return tt_error_set(TT_EINVAL, "quality range k '%g' is not a positive number", k);
	if (!(min_fraction >= 0.0 && min_fraction <= 1.0))
		return tt_error_set(TT_EINVAL, "min_fraction '%g' is not between 0 and 1",
				    min_fraction);
	int rc = check_values(ref, n_ref, test, n_test, log_scale, "a quality range");
	if (rc)
		return rc;

	double *lx = NULL;
	const double *x = ref;
	if (log_scale) {
		if ((rc = tt_log_values(&lx, ref, n_ref, "source")))
			return rc;
		x = lx;
	}
	double m = tt_mean(x, n_ref), s = tt_sd(x, n_ref);
	free(lx);
	if (s == 0.0)
		return tt_error_set(TT_EDOMAIN, "zero spread in the source values: the quality "
						"range would be a single point");
	double lower, upper;
	tt_decide_band(&lower, &upper, m, s, k);
	if (log_scale) {
		lower = exp(lower);
		upper = exp(upper);
	}
	if (!isfinite(lower) || !isfinite(upper))
		return tt_error_set(TT_EDOMAIN, "the quality range is not finite for these values");

	tt_range_count(out, lower, upper, test, n_test);
	out->pass = tt_decide_fraction(out->n_inside, n_test, min_fraction);
	return 0;
}

int tt_min_max(tt_range_result *out, const double *ref, size_t n_ref, const double *test,
	       size_t n_test, bool log_scale)
{
	int rc = check_values(ref, n_ref, test, n_test, log_scale, "a min-max range");
	if (rc)
		return rc;
	/* ln is monotone, so the range of the ln values back-transformed is
	 * the range of the values; taking it directly keeps each bound equal
	 * to a source lot's value, which exp(ln x) might miss by a bit. */
	double lo, hi;
	tt_decide_min_max(&lo, &hi, ref, n_ref);
	tt_range_count(out, lo, hi, test, n_test);
	return 0;
}
