/*
 * plan_exact.c - pass probabilities that have a formula (plan.h).
 *
 * Equivalence, independent lots.  In units of the true source sd, with
 * nuR = nR - 1, nuT = nT - 1, nu = nuR + nuT and r the true sd ratio, the
 * sample variances are sR^2 = X/nuR and sT^2 = r^2 Y/nuT with X ~ chisq(nuR)
 * and Y ~ chisq(nuT), independent of each other and of the difference
 * d ~ N(delta, tau^2), tau^2 = 1/nR + r^2/nT.  Given the sds, the rule
 * (tt_decide_tost: d -/+ h inside (-D, D)) passes iff |d| < D - h with
 * h = t(1 - alpha, df) se, se, df and t as tt/stats/decide.h has them, so
 *   P = E[max(0, Phi((D - h - delta)/tau) - Phi((-(D - h) - delta)/tau))],
 * the two-dimensional integral of METHODS.md.  It is computed in the
 * coordinates B = X/(X + Y) ~ Beta(nuR/2, nuT/2) and S = sqrt((X + Y)/nu),
 * a scaled chi with nu degrees of freedom, independent of B (Lukacs).
 * Then sR = a(B) S and sT = b(B) S, so Welch's (or the pooled) se is
 * c(B) S, the df depend on B alone, and h = g(B) S with g = t(df) c:
 *   - a sigma margin D = k sR = k a(B) S gives D - h = (k a(B) - g(B)) S,
 *     whose sign is that of k a(B) - g(B) for every S: the rule can pass
 *     only for B where k a(B) > g(B).  Where that set is empty the
 *     probability is exactly 0 (Welch, 3 vs 3 lots, k = 1.5: METHODS.md);
 *   - an absolute margin D gives D - h > 0 iff S < D / g(B).
 * The outer integral over B is taken in theta, B = sin^2(theta), which
 * turns the Beta density into 2 sin^(nuR-1) cos^(nuT-1) / Beta(nuR/2,
 * nuT/2), bounded even for 2 lots; it is split where k a - g changes sign
 * (found on a grid and refined by bisection), so that each piece is smooth,
 * and integrated adaptively (GSL qag, 21-point Gauss-Kronrod).  The inner
 * integral over S is smooth and is a 64-point Gauss-Legendre rule over
 * where S has mass, cut at S = D / g(B) for absolute margins, as in
 * power.c.
 *
 * Equivalence, paired lots, absolute or ratio margin: the differences are
 * N(delta, sigma_e^2) with sigma_e^2 = 1 + r^2 - 2 rho r, and the same
 * argument in one dimension (Owen's Q) gives the probability.
 *
 * Min-max and nonparametric tolerance intervals with identical sites: the
 * nR + nT lots are exchangeable, so every placement of the nT receiving
 * lots among the nR + 1 gaps between the ordered source lots is equally
 * likely (C(nR + nT, nT) of them), and the interval [x_(r), x_(nR-r+1)]
 * holds them all in C(nR + nT - 2r, nT).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>

#include "tt/base/error.h"
#include "tt/plan/plan.h"
#include "tt/plan/plan_exact.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"

#define INNER_NODES 64
#define SCAN_POINTS 256
#define OUTER_LIMIT 200
/* What the outer integral aims at; the inner rule is good to 1e-12. */
#define OUTER_EPSABS 1e-11
#define OUTER_EPSREL 1e-10

/* Phi(hi) - Phi(lo) for lo <= hi, from the tail where both are small. */
static double normal_mass(double lo, double hi)
{
	if (!(lo < hi))
		return 0.0;
	if (lo > 0.0)
		return gsl_cdf_ugaussian_Q(lo) - gsl_cdf_ugaussian_Q(hi);
	return gsl_cdf_ugaussian_P(hi) - gsl_cdf_ugaussian_P(lo);
}

struct equiv {
	double nR, nT, nuR, nuT, nu;
	double r;     /* sd ratio */
	double delta; /* true difference */
	double tau;   /* sd of d */
	double alpha;
	tt_variance variance;
	int sigma; /* margin k sR; else absolute D */
	double k, D;
	double log_beta;   /* ln Beta(nuR/2, nuT/2) */
	double s_lo, s_hi; /* where S has mass */
	const gsl_integration_glfixed_table *table;
	int failed;
};

/* For theta: a, b (sR = a S, sT = b S) and g = t(df) c (h = g S). */
static void equiv_coeffs(const struct equiv *e, double theta, double *a, double *g)
{
	double sn = sin(theta), cs = cos(theta);
	double B = sn * sn, C = cs * cs;
	double aa = e->nu * B / e->nuR;               /* a^2 */
	double bb = e->r * e->r * e->nu * C / e->nuT; /* b^2 */
	double c, df;
	tt_decide_tost_se(&c, &df, aa, e->nR, bb, e->nT, e->variance);
	/* At the ends one variance vanishes and Welch's df is that of the
	 * other site (0/0 in floating point only at theta exactly 0 or pi/2,
	 * which the integration never visits). */
	if (!isfinite(df))
		df = aa / e->nR > bb / e->nT ? e->nuR : e->nuT;
	*a = sqrt(aa);
	*g = tt_decide_tost_t(e->alpha, df) * c;
}

/* The inner integral over S for one theta. */
static double equiv_inner(const struct equiv *e, double a, double g)
{
	double lo = e->s_lo, hi = e->s_hi;
	double m = 0.0;
	if (e->sigma) {
		m = e->k * a - g;
		if (!(m > 0.0))
			return 0.0;
	} else {
		double cut = e->D / g;
		/* Below lo lies less than 1e-15 of S; if the cut is there
		 * too, take all of [0, cut] so that a tiny value is still
		 * computed. */
		if (cut <= lo)
			lo = 0.0;
		if (cut < hi)
			hi = cut;
	}
	double sum = 0.0;
	for (size_t i = 0; i < INNER_NODES; i++) {
		double s, w;
		gsl_integration_glfixed_point(lo, hi, i, &s, &w, e->table);
		double half = e->sigma ? m * s : e->D - g * s; /* D - h */
		if (!(half > 0.0))
			continue;
		double mass = normal_mass((-half - e->delta) / e->tau, (half - e->delta) / e->tau);
		if (mass > 0.0)
			sum += w * mass * tt_scaled_chi_pdf(s, e->nu);
	}
	return sum;
}

static double equiv_outer(double theta, void *vp)
{
	struct equiv *e = vp;
	double a, g;
	equiv_coeffs(e, theta, &a, &g);
	if (!isfinite(g) || !(g > 0.0)) {
		e->failed = 1;
		return 0.0;
	}
	double inner = equiv_inner(e, a, g);
	if (inner == 0.0)
		return 0.0;
	double sn = sin(theta), cs = cos(theta);
	double log_dens = M_LN2 + (e->nuR - 1.0) * log(sn) + (e->nuT - 1.0) * log(cs) - e->log_beta;
	return exp(log_dens) * inner;
}

/* k a - g at theta: the sign of D - h for a sigma margin. */
static double equiv_sign(const struct equiv *e, double theta)
{
	double a, g;
	equiv_coeffs(e, theta, &a, &g);
	return e->k * a - g;
}

/* The theta range where B has mass: from the ranges of X and Y. */
static void equiv_theta_range(const struct equiv *e, double *t_lo, double *t_hi)
{
	double wr_lo, wr_hi, wt_lo, wt_hi;
	tt_scaled_chi_range(&wr_lo, &wr_hi, e->nuR, 8.0);
	tt_scaled_chi_range(&wt_lo, &wt_hi, e->nuT, 8.0);
	double x_lo = e->nuR * wr_lo * wr_lo, x_hi = e->nuR * wr_hi * wr_hi;
	double y_lo = e->nuT * wt_lo * wt_lo, y_hi = e->nuT * wt_hi * wt_hi;
	double b_lo = x_lo / (x_lo + y_hi);
	double b_hi = x_hi / (x_hi + y_lo);
	*t_lo = asin(sqrt(b_lo));
	*t_hi = asin(sqrt(b_hi));
	if (!(*t_lo > 0.0))
		*t_lo = 0.0;
	if (!(*t_hi < M_PI_2))
		*t_hi = M_PI_2;
}

static int integrate_piece(double *out, struct equiv *e, double lo, double hi,
			   gsl_integration_workspace *ws)
{
	gsl_function f = { equiv_outer, e };
	double result, abserr;
	int status = gsl_integration_qag(&f, lo, hi, OUTER_EPSABS, OUTER_EPSREL, OUTER_LIMIT,
					 GSL_INTEG_GAUSS21, ws, &result, &abserr);
	/* The integrand is smooth on each piece, so a roundoff complaint
	 * means the answer is as good as doubles allow. */
	if (status && status != GSL_EROUND && !(abserr < 1e-9))
		return tt_error_set(TT_ENOCONV,
				    "the pass probability integral did not converge "
				    "(%s)",
				    gsl_strerror(status));
	*out = result;
	return 0;
}

int tt_plan_exact_equivalence(double *p, const struct plan_setup *su)
{
	struct equiv e = { 0 };
	e.nR = (double)su->n_source;
	e.nT = (double)su->n_receiving;
	e.nuR = e.nR - 1.0;
	e.nuT = e.nT - 1.0;
	e.nu = e.nuR + e.nuT;
	e.r = su->sd_ratio;
	e.delta = su->delta;
	e.tau = sqrt(1.0 / e.nR + e.r * e.r / e.nT);
	e.alpha = su->rule->alpha;
	e.variance = su->rule->variance;
	e.sigma = su->rule->margin_type == TT_MARGIN_SIGMA;
	e.k = su->rule->margin;
	e.D = su->margin_abs;
	e.log_beta = gsl_sf_lnbeta(e.nuR / 2.0, e.nuT / 2.0);
	tt_scaled_chi_range(&e.s_lo, &e.s_hi, e.nu, 8.0);

	gsl_integration_glfixed_table *table = gsl_integration_glfixed_table_alloc(INNER_NODES);
	gsl_integration_workspace *ws = gsl_integration_workspace_alloc(OUTER_LIMIT);
	if (!table || !ws) {
		gsl_integration_glfixed_table_free(table);
		gsl_integration_workspace_free(ws);
		return tt_error_set(TT_ENOMEM, "out of memory");
	}
	e.table = table;

	double t_lo, t_hi;
	equiv_theta_range(&e, &t_lo, &t_hi);
	int rc = 0;
	double total = 0.0;
	if (!e.sigma) {
		rc = integrate_piece(&total, &e, t_lo, t_hi, ws);
	} else {
		/* Split at the sign changes of k a - g; integrate where it is
		 * positive. */
		double step = (t_hi - t_lo) / SCAN_POINTS;
		double prev_t = t_lo, prev_v = equiv_sign(&e, t_lo);
		double start = prev_v > 0.0 ? t_lo : NAN;
		for (int i = 1; i <= SCAN_POINTS && !rc; i++) {
			double t = i == SCAN_POINTS ? t_hi : t_lo + i * step;
			double v = equiv_sign(&e, t);
			if ((prev_v > 0.0) != (v > 0.0)) {
				/* Bisection to the last bit of theta. */
				double a = prev_t, b = t;
				int a_pos = prev_v > 0.0;
				for (int it = 0; it < 100 && b - a > 4 * DBL_EPSILON * b; it++) {
					double mid = 0.5 * (a + b);
					if ((equiv_sign(&e, mid) > 0.0) == a_pos)
						a = mid;
					else
						b = mid;
				}
				double root = 0.5 * (a + b);
				if (v > 0.0) {
					start = root;
				} else {
					double piece;
					rc = integrate_piece(&piece, &e, start, root, ws);
					total += piece;
					start = NAN;
				}
			}
			prev_t = t;
			prev_v = v;
		}
		if (!rc && !isnan(start)) {
			double piece;
			rc = integrate_piece(&piece, &e, start, t_hi, ws);
			total += piece;
		}
	}
	gsl_integration_glfixed_table_free(table);
	gsl_integration_workspace_free(ws);
	if (rc)
		return rc;
	if (e.failed)
		return tt_error_set(TT_ENOCONV, "the t distribution could not be evaluated in the "
						"pass probability integral");
	*p = total < 0.0 ? 0.0 : total > 1.0 ? 1.0 : total;
	return 0;
}

int tt_plan_exact_paired(double *p, const struct plan_setup *su)
{
	double n = (double)su->n_pairs;
	double nu = n - 1.0;
	double sigma_e = su->sigma_e;
	double tc = tt_decide_tost_t(su->rule->alpha, nu);
	double D = su->margin_abs;
	double tau = sigma_e / sqrt(n);
	/* h = tc sigma_e W / sqrt(n) = tc tau W with W a scaled chi(nu). */
	double w_max = D / (tc * tau);
	double lo, hi;
	tt_scaled_chi_range(&lo, &hi, nu, 8.0);
	if (w_max <= lo)
		lo = 0.0;
	if (w_max < hi)
		hi = w_max;
	gsl_integration_glfixed_table *table = gsl_integration_glfixed_table_alloc(INNER_NODES);
	if (!table)
		return tt_error_set(TT_ENOMEM, "out of memory");
	double sum = 0.0;
	for (size_t i = 0; i < INNER_NODES; i++) {
		double w, weight;
		gsl_integration_glfixed_point(lo, hi, i, &w, &weight, table);
		double half = D - tc * tau * w;
		if (!(half > 0.0))
			continue;
		double mass = normal_mass((-half - su->delta) / tau, (half - su->delta) / tau);
		if (mass > 0.0)
			sum += weight * mass * tt_scaled_chi_pdf(w, nu);
	}
	gsl_integration_glfixed_table_free(table);
	*p = sum < 0.0 ? 0.0 : sum > 1.0 ? 1.0 : sum;
	return 0;
}

double tt_plan_order_identical(size_t n_source, size_t n_receiving, size_t r, int sides)
{
	/* C(N - m, nT) / C(N, nT) = prod_{i < m} (nR - i) / (N - i), with
	 * m = 2r (two-sided) or r (one-sided) source lots that must lie
	 * outside the receiving ones.  The two products are exact integers
	 * for the m of any real interval, so the one division is the only
	 * rounding (min-max 3 vs 3 gives 0.2, not 0.19999999999999998). */
	size_t m = sides == 1 ? r : 2 * r;
	size_t N = n_source + n_receiving;
	if (r < 1 || m > n_source)
		return 0.0;
	double num = 1.0, den = 1.0, p = 1.0;
	for (size_t i = 0; i < m; i++) {
		num *= (double)(n_source - i);
		den *= (double)(N - i);
		/* Beyond 2^53 the products round anyway: fold them in. */
		if (den > 0x1p52) {
			p *= num / den;
			num = den = 1.0;
		}
	}
	return p * (num / den);
}

double tt_plan_min_max_identical(size_t n_source, size_t n_receiving)
{
	return tt_plan_order_identical(n_source, n_receiving, 1, 2);
}
