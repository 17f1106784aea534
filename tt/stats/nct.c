/*
 * nct.c - the noncentral t distribution, which GSL lacks, and the density
 * of a sample sd in units of the true sd (the scaled chi distribution)
 * that the noncentral t, the tolerance factors and the TOST power share.
 *
 * T = (Z + ncp) / S with S = sqrt(V / df), V ~ chisq(df) independent of Z,
 * so P(T <= t) = E_S[Phi(t S - ncp)]: a one-dimensional integral over the
 * density of S, done here with GSL's adaptive Gauss-Kronrod rules.  The
 * integrand is positive, so the smaller tail is computed directly and is
 * accurate in relative terms; the other tail is one minus it.
 */
#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "tt/base/error.h"
#include "tt/base/init.h"
#include "tt/stats/stats.h"

/*
 * log(Gamma(h)) - ((h - 1/2) log h - h + log(2 pi)/2), the error of
 * Stirling's formula.  Computed from its asymptotic series for large h,
 * where the direct difference would lose digits to cancellation.
 */
static double stirling_error(double h)
{
	if (h < 16.0)
		return gsl_sf_lngamma(h) - ((h - 0.5) * log(h) - h + 0.5 * log(2.0 * M_PI));
	double h2 = h * h;
	return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * h2)) / h2) / h2) / h;
}

double tt_scaled_chi_log_pdf(double s, double df)
{
	if (!(s > 0.0))
		return s == 0.0 && df == 1.0 ? 0.5 * log(2.0 / M_PI) : -INFINITY;
	if (isinf(s))
		return -INFINITY;
	/*
	 * With h = df/2 the density is
	 *   2 h^h / Gamma(h) s^(df-1) exp(-h s^2),
	 * whose log is written around s = 1 so that large df loses nothing:
	 *   log 2 + (log h - log 2 pi)/2 - stirling_error(h)
	 *   + df (log s - (s^2 - 1)/2) - log s,
	 * with log s - (s^2 - 1)/2 = log1p(d) - d - d^2/2 for d = s - 1.
	 */
	double h = 0.5 * df;
	double d = s - 1.0;
	double ls = log1p(d);
	double core = (ls - d) - 0.5 * d * d;
	return M_LN2 + 0.5 * (log(h) - log(2.0 * M_PI)) - stirling_error(h) + df * core - ls;
}

double tt_scaled_chi_pdf(double s, double df)
{
	return exp(tt_scaled_chi_log_pdf(s, df));
}

void tt_scaled_chi_range(double *lo, double *hi, double df, double width)
{
	/*
	 * Wilson and Hilferty: (V/df)^(1/3) is close to normal with mean
	 * 1 - 2/(9 df) and variance 2/(9 df), and S = (V/df)^(1/2).  In the
	 * far tails the approximation is rough for small df, but errs on the
	 * wide side there: checked against R's pchisq, width 8 leaves at most
	 * 6e-16 in either tail for every df from 0.5 to 1e5.
	 */
	double v = 2.0 / (9.0 * df);
	double m = 1.0 - v;
	double sd = sqrt(v);
	double a = m - width * sd;
	double b = m + width * sd;
	*lo = a > 0.0 ? pow(a, 1.5) : 0.0;
	*hi = pow(b, 1.5);
}

struct nct_params {
	double t, df, ncp;
	int upper; /* integrate P(T > t | S) instead of P(T <= t | S) */
};

static double nct_integrand(double s, void *vp)
{
	const struct nct_params *p = vp;
	double f = tt_scaled_chi_pdf(s, p->df);
	if (f == 0.0)
		return 0.0;
	double z = p->t * s - p->ncp;
	return f * (p->upper ? gsl_cdf_ugaussian_Q(z) : gsl_cdf_ugaussian_P(z));
}

enum { NCT_LIMIT = 200 };

/*
 * One tail as [0, hi] plus [hi, inf), hi the top of the bulk of the
 * density of S.  [0, hi] goes to the extrapolating rule with breakpoints
 * at the foot of the bulk, so that the narrow peak of the density at large
 * df is not missed, and around s0 = ncp/t, where the normal factor turns
 * over within about 1/|t|: a sharp step that decides the tail when t is
 * large and df small.  The extrapolation also copes with the infinite
 * density at 0 when df < 1.
 */
static int nct_tail(double *out, const struct nct_params *p)
{
	gsl_integration_workspace *w = gsl_integration_workspace_alloc(NCT_LIMIT);
	if (!w)
		return tt_error_set(TT_ENOMEM, "out of memory");
	gsl_function f = { nct_integrand, (void *)p };
	double lo, hi;
	tt_scaled_chi_range(&lo, &hi, p->df, 8.0);

	double cand[4] = { lo, NAN, NAN, NAN };
	if (p->t != 0.0) {
		double s0 = p->ncp / p->t, d = 8.0 / fabs(p->t);
		cand[1] = s0 - d;
		cand[2] = s0;
		cand[3] = s0 + d;
	}
	/* Breakpoints in increasing order, strictly inside (0, hi). */
	double pts[6];
	size_t np = 0;
	pts[np++] = 0.0;
	for (;;) {
		double next = hi;
		for (int i = 0; i < 4; i++)
			if (cand[i] > pts[np - 1] && cand[i] < next)
				next = cand[i];
		if (next >= hi)
			break;
		pts[np++] = next;
	}
	pts[np++] = hi;

	double part[2] = { 0.0, 0.0 }, err[2] = { 0.0, 0.0 };
	const double rel = 1e-13;
	int st[2];
	st[0] = gsl_integration_qagp(&f, pts, np, 0.0, rel, NCT_LIMIT, w, &part[0], &err[0]);
	st[1] = gsl_integration_qagiu(&f, hi, 0.0, rel, NCT_LIMIT, w, &part[1], &err[1]);
	gsl_integration_workspace_free(w);

	double total = part[0] + part[1];
	/*
	 * A piece that stopped short of its relative tolerance (GSL reports
	 * roundoff) is still accepted when its error estimate is within 1e-9
	 * of the whole, or below 1e-30 absolute: that happens only for df
	 * below about 1.2 in far tails, where the density's pole at 0 meets
	 * a step of width 1/|t|, and there a probability under 1e-30 matters
	 * only as being tiny.
	 */
	for (int i = 0; i < 2; i++) {
		if (st[i] != GSL_SUCCESS && !(err[i] <= 1e-9 * total) && !(err[i] <= 1e-30))
			return tt_error_set(TT_ENOCONV,
					    "noncentral t integral did not converge (t %g, df %g, "
					    "ncp %g): %s",
					    p->t, p->df, p->ncp, gsl_strerror(st[i]));
	}
	*out = total;
	return 0;
}

/* Both tails: lower = P(T <= t), computing the smaller one directly. */
static int nct_tails(double *lower, double *upper, double t, double df, double ncp)
{
	/* The median of T is near ncp; start with the tail that is likely
	 * the smaller, and switch if it was not. */
	struct nct_params p = { t, df, ncp, t >= ncp };
	double v;
	int rc = nct_tail(&v, &p);
	if (rc)
		return rc;
	if (v > 0.5) {
		p.upper = !p.upper;
		rc = nct_tail(&v, &p);
		if (rc)
			return rc;
	}
	if (v > 1.0)
		v = 1.0;
	if (p.upper) {
		*upper = v;
		*lower = 1.0 - v;
	} else {
		*lower = v;
		*upper = 1.0 - v;
	}
	return 0;
}

static int nct_check(double df, double ncp)
{
	if (!(df > 0.0) || !isfinite(df))
		return tt_error_set(TT_EINVAL,
				    "noncentral t degrees of freedom must be positive, "
				    "not %g",
				    df);
	if (!isfinite(ncp))
		return tt_error_set(TT_EINVAL, "noncentral t noncentrality must be finite");
	return 0;
}

int tt_nct_cdf(double *cdf, double t, double df, double ncp)
{
	if (tt_init())
		return TT_EINTERNAL;
	int rc = nct_check(df, ncp);
	if (rc)
		return rc;
	if (isnan(t))
		return tt_error_set(TT_EINVAL, "noncentral t cdf of NaN");
	if (isinf(t)) {
		*cdf = t > 0 ? 1.0 : 0.0;
		return 0;
	}
	double lower, upper;
	rc = nct_tails(&lower, &upper, t, df, ncp);
	if (rc)
		return rc;
	*cdf = lower;
	return 0;
}

struct nct_root {
	double df, ncp, p;
	int rc; /* first failure inside the solver */
};

static double nct_root_fn(double t, void *vp)
{
	struct nct_root *r = vp;
	double lower, upper;
	int rc = nct_tails(&lower, &upper, t, r->df, r->ncp);
	if (rc) {
		if (!r->rc)
			r->rc = rc;
		return GSL_NAN;
	}
	/* Measure the distance from p in the tail where both are small. */
	return r->p <= 0.5 ? lower - r->p : (1.0 - r->p) - upper;
}

int tt_nct_quantile(double *q, double p, double df, double ncp)
{
	if (tt_init())
		return TT_EINTERNAL;
	int rc = nct_check(df, ncp);
	if (rc)
		return rc;
	if (!(p > 0.0 && p < 1.0))
		return tt_error_set(TT_EINVAL, "noncentral t quantile needs 0 < p < 1, not %g", p);

	struct nct_root r = { df, ncp, p, 0 };
	gsl_function f = { nct_root_fn, &r };

	/* A normal approximation to start, then a bracket grown outwards. */
	double z = gsl_cdf_ugaussian_Pinv(p);
	double t0 = ncp + z * sqrt(1.0 + ncp * ncp / (2.0 * df));
	double step = 0.5 * (1.0 + fabs(t0) * 0.1);
	double a = t0 - step, b = t0 + step;
	double fa = nct_root_fn(a, &r), fb = nct_root_fn(b, &r);
	for (int i = 0; i < 200 && !r.rc && fa > 0.0; i++) {
		b = a;
		fb = fa;
		step *= 2.0;
		a -= step;
		fa = nct_root_fn(a, &r);
	}
	for (int i = 0; i < 200 && !r.rc && fb < 0.0; i++) {
		a = b;
		fa = fb;
		step *= 2.0;
		b += step;
		fb = nct_root_fn(b, &r);
	}
	if (r.rc)
		return r.rc;
	if (fa == 0.0 || fb == 0.0) {
		*q = fa == 0.0 ? a : b;
		return 0;
	}
	if (!(fa < 0.0 && fb > 0.0))
		return tt_error_set(TT_ENOCONV,
				    "noncentral t quantile: no bracket for p %g, df %g, "
				    "ncp %g",
				    p, df, ncp);

	gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (!s)
		return tt_error_set(TT_ENOMEM, "out of memory");
	int st = gsl_root_fsolver_set(s, &f, a, b);
	int converged = 0;
	for (int i = 0; st == GSL_SUCCESS && !r.rc && i < 200; i++) {
		st = gsl_root_fsolver_iterate(s);
		if (st != GSL_SUCCESS || r.rc)
			break;
		/* The cdf is accurate to about 1e-13, so a relative width of
		 * 1e-12 is as far as the root can be pinned. */
		if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
					   0.0, 1e-12) == GSL_SUCCESS) {
			converged = 1;
			break;
		}
	}
	double root = gsl_root_fsolver_root(s);
	gsl_root_fsolver_free(s);
	if (r.rc)
		return r.rc;
	if (!converged)
		return tt_error_set(TT_ENOCONV,
				    "noncentral t quantile did not converge (p %g, "
				    "df %g, ncp %g)",
				    p, df, ncp);
	*q = root;
	return 0;
}
