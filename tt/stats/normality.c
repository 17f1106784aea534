/*
 * normality.c - the Shapiro-Wilk test of normality, W and its p-value, by
 * Royston's approximation (P. Royston, "Remark AS R94: a remark on
 * algorithm AS 181: the W-test for normality", Applied Statistics 44(4),
 * 547-551, 1995), the method R's shapiro.test uses, for 3 <= n <= 5000.
 *
 * The coefficients a_i come from the expected normal order statistics
 * m_i = z((i - 3/8)/(n + 1/4)), with the two outermost replaced by
 * Royston's polynomials in 1/sqrt(n) and the rest rescaled so that the
 * squares sum to 1.  W is the squared correlation of the ordered values
 * with the coefficients; it is computed as 1 - (1 - W), with 1 - W formed
 * as (S - c)(S + c)/S^2 from the cross product c and S = sqrt(ssa ssx), as
 * AS R94 does, because the p-value needs ln(1 - W) and W is often within
 * 1e-3 of 1.  The p-value is the upper normal tail of a normalising
 * transform of ln(1 - W) whose mean and sd are polynomials in n (n <= 11)
 * or ln n (n >= 12); n = 3 has the exact distribution of W.
 */
#include "tt/stats/stats.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "tt/base/error.h"
#include "tt/base/init.h"
#include "tt/base/util.h"

/* Royston's polynomial coefficients, constant term first (AS R94). */
static const double c1[] = { 0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056 };
static const double c2[] = { 0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633 };
static const double c3[] = { 0.544, -0.39978, 0.025054, -6.714e-4 };
static const double c4[] = { 1.3822, -0.77857, 0.062767, -0.0020322 };
static const double c5[] = { -1.5861, -0.31082, -0.083751, 0.0038915 };
static const double c6[] = { -0.4803, -0.082676, 0.0030302 };
static const double g[] = { -2.273, 0.459 };

#define SW_MAX_N 5000

/* M_PI is not in C11; the constant to more digits than a double holds. */
#define SW_PI 3.14159265358979323846264338327950288

static double poly(const double *c, int n, double x)
{
	double r = 0.0;
	for (int i = n - 1; i >= 0; i--)
		r = r * x + c[i];
	return r;
}

/* The n/2 coefficients of the lower half, as positive numbers: the
 * antisymmetric full vector is -a[i] at order i and +a[i] at n-1-i. */
static void sw_coefficients(double *a, size_t n)
{
	size_t half = n / 2;
	if (n == 3) {
		a[0] = sqrt(0.5);
		return;
	}
	double an = (double)n;
	double summ2 = 0.0;
	for (size_t i = 0; i < half; i++) {
		/* m_i of the lower half, negative. */
		a[i] = gsl_cdf_ugaussian_Pinv((i + 1 - 0.375) / (an + 0.25));
		summ2 += a[i] * a[i];
	}
	summ2 *= 2.0;
	double ssumm2 = sqrt(summ2), rsn = 1.0 / sqrt(an);
	double m0 = a[0], m1 = a[1];
	double a1 = poly(c1, 6, rsn) - m0 / ssumm2;
	double fac;
	size_t first;
	if (n > 5) {
		double a2 = -m1 / ssumm2 + poly(c2, 6, rsn);
		fac = sqrt((summ2 - 2.0 * m0 * m0 - 2.0 * m1 * m1) /
			   (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2));
		a[1] = a2;
		first = 2;
	} else {
		fac = sqrt((summ2 - 2.0 * m0 * m0) / (1.0 - 2.0 * a1 * a1));
		first = 1;
	}
	a[0] = a1;
	for (size_t i = first; i < half; i++)
		a[i] = -a[i] / fac;
}

int tt_shapiro_wilk(double *w, double *p, const double *x, size_t n)
{
	if (tt_init())
		return TT_EINTERNAL;
	if (n < 3 || n > SW_MAX_N)
		return tt_error_set(TT_EINVAL,
				    "the Shapiro-Wilk test needs between 3 and %d values (got %zu)",
				    SW_MAX_N, n);
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return tt_error_set(TT_EINVAL, "value %zu is not a finite number", i + 1);

	double *xs = tt_xmalloc(n * sizeof *xs);
	for (size_t i = 0; i < n; i++)
		xs[i] = x[i];
	qsort(xs, n, sizeof *xs, tt_cmp_double);
	double range = xs[n - 1] - xs[0];
	if (!(range > 0.0) || !isfinite(range)) {
		free(xs);
		if (range == 0.0)
			return tt_error_set(TT_EDOMAIN,
					    "all %zu values are equal: the Shapiro-Wilk "
					    "test needs some spread",
					    n);
		return tt_error_set(TT_EDOMAIN, "the range of the values is not finite");
	}

	size_t half = n / 2;
	double *a = tt_xmalloc(half * sizeof *a);
	sw_coefficients(a, n);

	/* Values scaled to [0, 1] by the range, which keeps the sums of
	 * squares away from overflow and underflow whatever the unit. */
	double zbar = 0.0, abar = 0.0;
	for (size_t i = 0; i < n; i++)
		zbar += (xs[i] - xs[0]) / range;
	zbar /= n;
	for (size_t i = 0; i < n; i++) {
		size_t j = n - 1 - i;
		abar += i < j ? -a[i] : i > j ? a[j] : 0.0;
	}
	abar /= n;
	double ssa = 0.0, ssx = 0.0, sax = 0.0;
	for (size_t i = 0; i < n; i++) {
		size_t j = n - 1 - i;
		double ai = (i < j ? -a[i] : i > j ? a[j] : 0.0) - abar;
		double zi = (xs[i] - xs[0]) / range - zbar;
		ssa += ai * ai;
		ssx += zi * zi;
		sax += ai * zi;
	}
	free(a);
	free(xs);

	double s = sqrt(ssa * ssx);
	double w1 = (s - sax) * (s + sax) / (ssa * ssx);
	if (!(w1 > 0.0)) {
		/* The ordered values lie exactly on the expected normal
		 * scores (to rounding): W = 1, nothing against normality. */
		*w = 1.0;
		*p = 1.0;
		return 0;
	}
	*w = 1.0 - w1;

	if (n == 3) {
		/* Exact: P(W <= w) = (6/pi)(asin(sqrt(w)) - asin(sqrt(3/4))),
		 * W >= 3/4 (R uses these constants to 15 digits). */
		double pw = 6.0 / SW_PI * (asin(sqrt(*w)) - SW_PI / 3.0);
		*p = pw > 0.0 ? pw : 0.0;
		return 0;
	}
	double y = log(w1), an = (double)n, m, sd;
	if (n <= 11) {
		double gamma = poly(g, 2, an);
		if (y >= gamma) {
			/* Beyond the transform's pole the approximation gives a
			 * p-value of 0 in the limit (R reports 1e-99). */
			*p = 0.0;
			return 0;
		}
		y = -log(gamma - y);
		m = poly(c3, 4, an);
		sd = exp(poly(c4, 4, an));
	} else {
		double ln = log(an);
		m = poly(c5, 4, ln);
		sd = exp(poly(c6, 3, ln));
	}
	*p = gsl_cdf_ugaussian_Q((y - m) / sd);
	if (!isfinite(*w) || !isfinite(*p))
		return tt_error_set(TT_ENOCONV, "the Shapiro-Wilk p-value could not be computed");
	return 0;
}
