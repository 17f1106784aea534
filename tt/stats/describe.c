/*
 * describe.c - descriptive statistics of one set of values (METHODS.md,
 * "Descriptive"), and the ln transform every log-scale method shares.
 *
 * The mean and the sd use two passes with a correction term (Chan, Golub
 * and LeVeque 1983, "corrected two-pass"): a first pass gives a rough mean,
 * the second sums deviations from it, and the sum of those deviations,
 * which is 0 in exact arithmetic, corrects for the rounding of the first
 * pass.  Values such as NIST StRD NumAcc4 (10000000.2 +/- 0.1) need this:
 * a one-pass sum of squares loses every digit of the sd there.  The sums
 * themselves are compensated (Neumaier's variant of Kahan summation), so
 * that a thousand values lose no more than an ulp or two; the cost is a few
 * additions per value.
 */
#include "tt/stats/stats.h"

#include <math.h>
#include <stdlib.h>

#include "tt/base/error.h"
#include "tt/base/util.h"

/* A running sum with Neumaier's compensation term. */
typedef struct ksum {
	double s, c;
} ksum;

static void ksum_add(ksum *k, double v)
{
	double t = k->s + v;
	if (fabs(k->s) >= fabs(v))
		k->c += (k->s - t) + v;
	else
		k->c += (v - t) + k->s;
	k->s = t;
}

static double ksum_value(const ksum *k)
{
	return k->s + k->c;
}

double tt_mean(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	ksum sum = { 0.0, 0.0 };
	for (size_t i = 0; i < n; i++)
		ksum_add(&sum, x[i]);
	double m = ksum_value(&sum) / n;
	/* The mean of the residuals from the rough mean is its rounding
	 * error; adding it back recovers the digits the division lost. */
	ksum corr = { 0.0, 0.0 };
	for (size_t i = 0; i < n; i++)
		ksum_add(&corr, x[i] - m);
	return m + ksum_value(&corr) / n;
}

double tt_sd(const double *x, size_t n)
{
	if (n < 2)
		return 0.0;
	double m = tt_mean(x, n);
	ksum kss = { 0.0, 0.0 }, ks = { 0.0, 0.0 };
	for (size_t i = 0; i < n; i++) {
		double d = x[i] - m;
		ksum_add(&kss, d * d);
		ksum_add(&ks, d);
	}
	double ss = ksum_value(&kss), s = ksum_value(&ks);
	/* s is the residual error of m; subtracting s^2/n is the corrected
	 * two-pass formula.  It cannot make ss negative by more than rounding,
	 * which the clamp removes. */
	double var = (ss - s * s / n) / (n - 1);
	return var > 0.0 ? sqrt(var) : 0.0;
}

int tt_cmp_double(const void *a, const void *b)
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
	qsort(s, n, sizeof *s, tt_cmp_double);

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
				return tt_error_set(TT_EINVAL,
						    "%s value %zu is not a finite number", what,
						    i + 1);
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
