/*
 * describe.c - descriptive statistics of one set of values (METHODS.md,
 * "Descriptive"), and the ln transform every log-scale method shares.
 *
 * The mean and the sd use two passes with a correction term (Chan, Golub
 * and LeVeque 1983, "corrected two-pass"): a first pass gives a rough mean,
 * the second sums deviations from it, and the sum of those deviations,
 * which is 0 in exact arithmetic, corrects for the rounding of the first
 * pass.  Values such as NIST StRD NumAcc4 (10000000.2 +/- 0.1) need this:
 * a one-pass sum of squares loses every digit of the sd there.
 */
#include "tt/stats.h"

#include <math.h>
#include <stdlib.h>

#include "tt/error.h"
#include "tt/util.h"

double tt_mean(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	double m = sum / n;
	/* The mean of the residuals from the rough mean is its rounding
	 * error; adding it back recovers the digits the large sum lost. */
	double corr = 0.0;
	for (size_t i = 0; i < n; i++)
		corr += x[i] - m;
	return m + corr / n;
}

double tt_sd(const double *x, size_t n)
{
	if (n < 2)
		return 0.0;
	double m = tt_mean(x, n);
	double ss = 0.0, s = 0.0;
	for (size_t i = 0; i < n; i++) {
		double d = x[i] - m;
		ss += d * d;
		s += d;
	}
	/* s is the residual error of m; subtracting s^2/n is the corrected
	 * two-pass formula.  It cannot make ss negative by more than rounding,
	 * which the clamp removes. */
	double var = (ss - s * s / n) / (n - 1);
	return var > 0.0 ? sqrt(var) : 0.0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int tt_describe(tt_describe_result *out, const double *x, size_t n)
{
	if (n == 0)
		return tt_error_set(TT_EINVAL, "no values to describe");
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return tt_error_set(TT_EINVAL, "value %zu is not a finite number", i + 1);

	double *s = tt_xmalloc(n * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = x[i];
	qsort(s, n, sizeof *s, cmp_double);

	out->n = n;
	out->mean = tt_mean(x, n);
	out->sd = tt_sd(x, n);
	out->min = s[0];
	out->max = s[n - 1];
	/* The mean of the two middle values is taken as a + (b - a)/2, which
	 * cannot overflow for values near DBL_MAX as (a + b)/2 could. */
	out->median = n % 2 ? s[n / 2] : s[n / 2 - 1] + (s[n / 2] - s[n / 2 - 1]) / 2.0;
	free(s);

	if (out->mean != 0.0) {
		out->cv = 100.0 * out->sd / fabs(out->mean);
		out->has_cv = isfinite(out->cv);
	} else {
		out->has_cv = false;
	}
	if (!out->has_cv)
		out->cv = NAN;
	return 0;
}

int tt_log_values(double **out, const double *x, size_t n, const char *what)
{
	*out = NULL;
	double *y = tt_xmalloc((n ? n : 1) * sizeof *y);
	for (size_t i = 0; i < n; i++) {
		if (!(x[i] > 0.0) || !isfinite(x[i])) {
			free(y);
			if (!isfinite(x[i]))
				return tt_error_set(TT_EINVAL, "%s value %zu is not a finite number",
						    what, i + 1);
			return tt_error_set(TT_EINVAL,
					    "%s value '%.15g' is not positive; the log scale needs "
					    "values above 0",
					    what, x[i]);
		}
		y[i] = log(x[i]);
	}
	*out = y;
	return 0;
}
