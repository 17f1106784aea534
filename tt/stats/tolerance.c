/*
 * tolerance.c - normal and nonparametric tolerance intervals (METHODS.md).
 *
 * The exact two-sided factor k solves
 *   g = sqrt(2n/pi) int_0^inf Q_chisq(nu r(x)^2 / k^2; nu) exp(-n x^2/2) dx
 * (Odeh 1978; Krishnamoorthy and Mathew 2009).  With u = sqrt(n) x the
 * weight becomes the half-normal density, which is negligible beyond
 * u = 9, so a fixed Gauss-Legendre rule on [0, 9] does the integral: r(x)
 * depends on x and P only, so it is solved once per node, and each trial
 * k in the root search then costs one chi-square tail per node.
 *
 * The bounds from k or from the order r are decide.h's, as is the rule a
 * comparison applies to them, which tt plan shares.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>

#include "tt/base/error.h"
#include "tt/base/init.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"
#include "tt/base/util.h"

/* The Gauss-Legendre rule over u in [0, TI_U_MAX]: half-normal weight
 * beyond 9 is below 3e-19, and 64 nodes reproduce an adaptive integration
 * to 1e-12 for n from 2 to 10000 (tests/reference/tolerance.R). */
#define TI_U_MAX 9.0
#define TI_NODES 64

static int check_options(const tt_ti_options *opt)
{
	if (!(opt->content > 0.0 && opt->content < 1.0))
		return tt_error_set(TT_EINVAL, "tolerance content must be between 0 and 1, not %g",
				    opt->content);
	if (!(opt->confidence > 0.0 && opt->confidence < 1.0))
		return tt_error_set(TT_EINVAL,
				    "tolerance confidence must be between 0 and 1, not %g",
				    opt->confidence);
	if (opt->sides != 1 && opt->sides != 2)
		return tt_error_set(TT_EINVAL, "tolerance interval sides must be 1 or 2, not %d",
				    opt->sides);
	return 0;
}

static int check_n(size_t n)
{
	if (n < 2)
		return tt_error_set(TT_EINVAL,
				    "a tolerance interval needs at least 2 values, not %zu", n);
	if (n > UINT_MAX)
		return tt_error_set(TT_EINVAL, "too many values for a tolerance interval (%zu)", n);
	return 0;
}

/*
 * The half-width r of the interval centred at x holding P of the standard
 * normal: Phi(x + r) - Phi(x - r) = P.  The root lies in
 * [max(x + z(P), z((1+P)/2)), x + z((1+P)/2)], and for r > x the function
 * is increasing and concave, so Newton from the left end climbs to the
 * root monotonically; the bracket guards the other cases (P <= 1/2).
 */
static double coverage_halfwidth(double x, double P, double z_p, double z_half)
{
	double lo = fmax(x + z_p, z_half);
	double hi = x + z_half;
	double r = lo;
	for (int i = 0; i < 100; i++) {
		double f = gsl_cdf_ugaussian_P(x + r) - gsl_cdf_ugaussian_P(x - r) - P;
		if (f < 0.0)
			lo = r;
		else if (f > 0.0)
			hi = r;
		else
			return r;
		double d = exp(-0.5 * (x + r) * (x + r)) + exp(-0.5 * (x - r) * (x - r));
		double next = d > 0.0 ? r - f * sqrt(2.0 * M_PI) / d : NAN;
		if (fabs(next - r) <= 4.0 * DBL_EPSILON * r)
			return next;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (hi - lo <= 4.0 * DBL_EPSILON * hi)
			return next;
		r = next;
	}
	return r;
}

struct exact2 {
	double nu;
	double log_norm;    /* -(nu/2) log 2 - lgamma(nu/2), of the chi-square density */
	double a[TI_NODES]; /* nu r(x)^2 at each node */
	double w[TI_NODES]; /* the node's weight, half-normal density included */
};

/* The confidence G(k) and its derivative dG/dk, which is positive. */
static void exact2_eval(double *G, double *dG, double k, const struct exact2 *e)
{
	double k2 = k * k;
	double sum = 0.0, dsum = 0.0;
	for (int i = 0; i < TI_NODES; i++) {
		double v = e->a[i] / k2;
		sum += e->w[i] * gsl_cdf_chisq_Q(v, e->nu);
		/* d/dk Q_chisq(a/k^2) = f_chisq(a/k^2) 2 a / k^3 = f(v) 2 v / k */
		double logf = (0.5 * e->nu - 1.0) * log(v) - 0.5 * v + e->log_norm;
		dsum += e->w[i] * exp(logf) * 2.0 * v / k;
	}
	*G = sum;
	*dG = dsum;
}

/*
 * The p quantile of chisq(nu).  GSL's gsl_cdf_chisq_Pinv gives up (NaN)
 * on upper quantiles at large nu (0.99 at nu = 1e5); there the
 * Wilson-Hilferty approximation is close, and Newton steps on the tail
 * that holds p finish the job.
 */
static double chisq_quantile(double p, double nu)
{
	double x = gsl_cdf_chisq_Pinv(p, nu);
	if (isfinite(x))
		return x;
	double v = 2.0 / (9.0 * nu);
	double c = 1.0 - v + gsl_cdf_ugaussian_Pinv(p) * sqrt(v);
	x = nu * c * c * c;
	double log_norm = -0.5 * nu * M_LN2 - gsl_sf_lngamma(0.5 * nu);
	for (int i = 0; i < 100 && x > 0.0; i++) {
		double d =
			p <= 0.5 ? gsl_cdf_chisq_P(x, nu) - p : (1.0 - p) - gsl_cdf_chisq_Q(x, nu);
		double pdf = exp((0.5 * nu - 1.0) * log(x) - 0.5 * x + log_norm);
		double step = d / pdf;
		x -= step;
		if (fabs(step) <= 1e-15 * x)
			break;
	}
	return x;
}

static double howe_factor(size_t n, double P, double g)
{
	double nu = (double)n - 1.0;
	double z = gsl_cdf_ugaussian_Pinv(0.5 * (1.0 + P));
	return sqrt(nu * (1.0 + 1.0 / (double)n) * z * z / chisq_quantile(1.0 - g, nu));
}

static int exact2_factor(double *k, size_t n, double P, double g)
{
	struct exact2 e;
	e.nu = (double)n - 1.0;
	e.log_norm = -0.5 * e.nu * M_LN2 - gsl_sf_lngamma(0.5 * e.nu);

	gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(TI_NODES);
	if (!t)
		return tt_error_set(TT_ENOMEM, "out of memory");
	double z_p = gsl_cdf_ugaussian_Pinv(P);
	double z_half = gsl_cdf_ugaussian_Pinv(0.5 * (1.0 + P));
	double sqrt_n = sqrt((double)n);
	for (int i = 0; i < TI_NODES; i++) {
		double u, wu;
		gsl_integration_glfixed_point(0.0, TI_U_MAX, (size_t)i, &u, &wu, t);
		double r = coverage_halfwidth(u / sqrt_n, P, z_p, z_half);
		e.a[i] = e.nu * r * r;
		e.w[i] = wu * sqrt(2.0 / M_PI) * exp(-0.5 * u * u);
	}
	gsl_integration_glfixed_table_free(t);

	/*
	 * G(k) rises from 0 to 1.  Newton from Howe's factor, which is within
	 * a few per cent of the root, converges in a handful of steps; the
	 * bracket [lo, hi] that every evaluation narrows catches a step that
	 * would leave it (then the step halves the bracket or doubles k).
	 */
	double lo = 0.0, hi = INFINITY;
	double x = howe_factor(n, P, g);
	for (int i = 0; i < 200; i++) {
		double G, dG;
		exact2_eval(&G, &dG, x, &e);
		if (G == g) {
			*k = x;
			return 0;
		}
		if (G < g)
			lo = x;
		else
			hi = x;
		double next = dG > 0.0 ? x - (G - g) / dG : NAN;
		/* G is good to about 1e-15, which fixes k to about 1e-14
		 * relative: a Newton step below that is the end. */
		if (fabs(next - x) <= 1e-13 * x) {
			*k = next;
			return 0;
		}
		if (!(next > lo && next < hi))
			next = isinf(hi) ? 2.0 * x : 0.5 * (lo + hi);
		if (hi - lo <= 1e-13 * next) {
			*k = next;
			return 0;
		}
		x = next;
	}
	return tt_error_set(TT_ENOCONV,
			    "the exact tolerance factor did not converge (n %zu, "
			    "content %g, confidence %g)",
			    n, P, g);
}

int tt_ti_factor(double *k, size_t n, const tt_ti_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	int rc = check_options(opt);
	if (!rc)
		rc = check_n(n);
	if (rc)
		return rc;
	double P = opt->content, g = opt->confidence;

	if (opt->method == TT_TI_NONPARAMETRIC)
		return tt_error_set(TT_EINVAL, "a nonparametric tolerance interval has no factor");
	if (opt->sides == 1) {
		/* Exact and Howe alike: the one-sided factor is the noncentral t
		 * quantile, which is exact. */
		double sqrt_n = sqrt((double)n);
		double q;
		rc = tt_nct_quantile(&q, g, (double)n - 1.0, gsl_cdf_ugaussian_Pinv(P) * sqrt_n);
		if (rc)
			return rc;
		*k = q / sqrt_n;
		return 0;
	}
	if (opt->method == TT_TI_HOWE) {
		*k = howe_factor(n, P, g);
		return 0;
	}
	return exact2_factor(k, n, P, g);
}

/* Coverage condition for order r (two-sided [x_(r), x_(n-r+1)]; one-sided
 * x_(r)): P(coverage >= P) >= g. */
static int wilks_ok(size_t r, size_t n, double P, double g, int sides)
{
	if (sides == 2) {
		if (2 * r > n)
			return 0;
		return gsl_cdf_binomial_P((unsigned)(n - 2 * r), P, (unsigned)n) >= g;
	}
	if (r > n)
		return 0;
	return gsl_cdf_binomial_Q((unsigned)(r - 1), 1.0 - P, (unsigned)n) >= g;
}

/* The smallest n >= 2 at which r = 1 works (the chance of the condition
 * grows with n), or 0 if none does up to UINT_MAX. */
static size_t wilks_n_needed(double P, double g, int sides)
{
	size_t lo = 1, hi = 2; /* lo fails (n = 1 is never enough), hi is tried */
	while (!wilks_ok(1, hi, P, g, sides)) {
		if (hi == UINT_MAX)
			return 0;
		lo = hi;
		hi = hi > UINT_MAX / 2 ? UINT_MAX : 2 * hi;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (wilks_ok(1, mid, P, g, sides))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

int tt_ti_nonparametric_order(size_t *r, size_t *n_needed, size_t n, const tt_ti_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	int rc = check_options(opt);
	if (!rc)
		rc = check_n(n);
	if (rc)
		return rc;
	double P = opt->content, g = opt->confidence;
	int sides = opt->sides;

	size_t need = wilks_n_needed(P, g, sides);
	if (n_needed)
		*n_needed = need;
	if (!wilks_ok(1, n, P, g, sides)) {
		if (need == 0)
			return tt_error_set(TT_EDOMAIN,
					    "no nonparametric tolerance interval from %zu values "
					    "at content %g and confidence %g: more than %u are "
					    "needed",
					    n, P, g, UINT_MAX);
		return tt_error_set(TT_EDOMAIN,
				    "no nonparametric tolerance interval from %zu values at "
				    "content %g and confidence %g: at least %zu are needed",
				    n, P, g, need);
	}
	/* The condition weakens as r grows: bisect for the last r that holds. */
	size_t lo = 1, hi = (sides == 2 ? n / 2 : n) + 1; /* lo holds, hi fails */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (wilks_ok(mid, n, P, g, sides))
			lo = mid;
		else
			hi = mid;
	}
	*r = lo;
	return 0;
}

/* Mean and sd (n - 1) in two passes, the second one corrected for the
 * rounding of the mean; on ln(x) under the log scale. */
static void mean_sd(double *mean, double *sd, const double *x, size_t n, bool log_scale)
{
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += log_scale ? log(x[i]) : x[i];
	double m = sum / (double)n;
	double ss = 0.0, s = 0.0;
	for (size_t i = 0; i < n; i++) {
		double d = (log_scale ? log(x[i]) : x[i]) - m;
		ss += d * d;
		s += d;
	}
	*mean = m;
	*sd = sqrt((ss - s * s / (double)n) / ((double)n - 1.0));
}

int tt_tolerance_interval(tt_ti_result *out, const double *x, size_t n, const tt_ti_options *opt,
			  bool log_scale)
{
	out->k = NAN;
	out->order = 0;
	out->lower = NAN;
	out->upper = NAN;
	out->n_needed = 0;

	int rc = check_options(opt);
	if (!rc)
		rc = check_n(n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			return tt_error_set(TT_EINVAL, "value %zu is not a finite number", i + 1);
		if (log_scale && !(x[i] > 0.0))
			return tt_error_set(TT_EINVAL,
					    "value %zu is %g: the log scale needs positive values",
					    i + 1, x[i]);
	}

	if (opt->method == TT_TI_NONPARAMETRIC) {
		size_t r;
		rc = tt_ti_nonparametric_order(&r, &out->n_needed, n, opt);
		if (rc)
			return rc;
		/* ln is increasing, so the order statistics of the logs are
		 * the logs of the order statistics: use the values as given. */
		double *y = tt_xmalloc(n * sizeof *y);
		memcpy(y, x, n * sizeof *y);
		qsort(y, n, sizeof *y, tt_cmp_double);
		out->order = r;
		tt_decide_order_band(&out->lower, &out->upper, y, n, r);
		free(y);
		return 0;
	}

	/* Equal values are tested as such: their computed sd can be a
	 * rounding error away from 0 rather than 0. */
	size_t same = 1;
	while (same < n && x[same] == x[0])
		same++;
	double m, sd, k;
	mean_sd(&m, &sd, x, n, log_scale);
	if (same == n || !(sd > 0.0))
		return tt_error_set(TT_EDOMAIN,
				    "all %zu values are equal%s: a normal tolerance "
				    "interval needs a positive sd",
				    n, log_scale ? " on the log scale" : "");
	rc = tt_ti_factor(&k, n, opt);
	if (rc)
		return rc;
	out->k = k;
	tt_decide_band(&out->lower, &out->upper, m, sd, k);
	if (log_scale) {
		out->lower = exp(out->lower);
		out->upper = exp(out->upper);
	}
	return 0;
}

void tt_ti_compare(tt_range_result *out, const tt_ti_result *ti, const tt_ti_options *opt,
		   const double *test, size_t n_test)
{
	double lower = ti->lower, upper = ti->upper;
	tt_decide_ti_sides(&lower, &upper, opt->sides, opt->direction);
	tt_range_count(out, lower, upper, test, n_test);
}
