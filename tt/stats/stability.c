/*
 * stability.c - degradation slopes across sites: a least-squares line per
 * lot, Welch's interval on the difference of the sites' mean lot slopes,
 * ICH Q1E poolability per site and the shelf life of its model
 * (METHODS.md "Stability").
 *
 * The three models of a site, with L lots and N points:
 *   full fit, a line per lot:   SSE_full, N - 2L residual df;
 *   common slope, an intercept per lot (ANCOVA): SSE_cs, N - L - 1;
 *   a single line through all:  SSE_single, N - 2.
 * ICH Q1E tests the slopes first (full against common slope) and, only when
 * they pool, the intercepts (common slope against single line), each at the
 * 0.25 level.  The model it settles on gives the shelf life: the one-sided
 * confidence bound of the mean response uses that model's residual
 * variance and degrees of freedom, as R's predict() on the fitted lm does.
 */
#include "tt/stats/curves.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "tt/base/util.h"
#include "tt/base/init.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

const char *tt_poolability_name(tt_poolability pool)
{
	switch (pool) {
	case TT_POOL_FULL:
		return "full";
	case TT_POOL_COMMON_SLOPE:
		return "common-slope";
	case TT_POOL_NONE:
		return "none";
	}
	return "?";
}

void tt_stability_site_free(tt_stability_site *s)
{
	if (!s)
		return;
	for (size_t i = 0; s->lots && i < s->n_lots; i++)
		free(s->lots[i]);
	free(s->lots);
	free(s->lot_slope);
	free(s->lot_intercept);
	memset(s, 0, sizeof *s);
}

void tt_stability_result_free(tt_stability_result *r)
{
	if (!r)
		return;
	tt_stability_site_free(&r->source);
	tt_stability_site_free(&r->receiving);
}

/* A line's mean response and the standard error factor of its estimate:
 * mean(t) = a + b t, var(t) = s^2 (c0 + (t - tc)^2 / sxx). */
typedef struct curve {
	double a, b, c0, tc, sxx;
} curve;

/* How far the one-sided bound is inside the limit at t (negative: beyond
 * it).  lower: bound = mean - q s sqrt(...) against spec_min; upper: bound =
 * mean + q s sqrt(...) against spec_max.  Concave in t for both. */
static double margin_at(const curve *c, double q_s, int upper, double limit, double t)
{
	double mean = c->a + c->b * t;
	double half = q_s * sqrt(c->c0 + (t - c->tc) * (t - c->tc) / c->sxx);
	return upper ? limit - (mean + half) : (mean - half) - limit;
}

/* The first t in [0, cap] where the bound reaches the limit: 0 when it is
 * beyond at 0, NaN when it stays inside up to cap.  The margin is concave,
 * so once inside at 0 and beyond at cap it crosses exactly once;
 * bisection finds it to the last bit, the same way everywhere. */
static double crossing(const curve *c, double q_s, int upper, double limit, double cap)
{
	if (margin_at(c, q_s, upper, limit, 0.0) < 0.0)
		return 0.0;
	if (margin_at(c, q_s, upper, limit, cap) >= 0.0)
		return NAN;
	double lo = 0.0, hi = cap;
	for (int i = 0; i < 2000; i++) {
		double mid = lo + (hi - lo) / 2.0;
		if (!(mid > lo && mid < hi))
			break;
		if (margin_at(c, q_s, upper, limit, mid) >= 0.0)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2.0;
}

/* One F test of a nested pair of models.  A zero residual sum of the
 * larger model (every point on its line) gives p = 0 when the smaller model
 * fits worse and p = 1 when it fits as well. */
static void f_test(double *f, double *p, double sse_small, double sse_big, double df_num,
		   double df_den)
{
	double num = sse_small - sse_big;
	if (num < 0.0)
		num = 0.0; /* the larger model never fits worse; this is rounding */
	num /= df_num;
	double den = sse_big / df_den;
	if (den > 0.0) {
		*f = num / den;
		*p = gsl_cdf_fdist_Q(*f, df_num, df_den);
	} else {
		*f = num > 0.0 ? INFINITY : 0.0;
		*p = num > 0.0 ? 0.0 : 1.0;
	}
}

static int check_options(const tt_stability_options *opt)
{
	if (!(opt->alpha > 0.0 && opt->alpha < 0.5))
		return tt_error_set(TT_EINVAL, "alpha must be between 0 and 0.5, not %g",
				    opt->alpha);
	if (opt->has_slope_margin && !(opt->slope_margin > 0.0 && isfinite(opt->slope_margin)))
		return tt_error_set(TT_EINVAL, "slope_margin must be a positive number, not %g",
				    opt->slope_margin);
	if (!(opt->pool_level > 0.0 && opt->pool_level < 1.0))
		return tt_error_set(TT_EINVAL,
				    "the poolability level must be between 0 and 1, not %g",
				    opt->pool_level);
	if (!(opt->bound_confidence > 0.5 && opt->bound_confidence < 1.0))
		return tt_error_set(TT_EINVAL,
				    "the shelf-life bound's confidence must be between 0.5 and 1, "
				    "not %g",
				    opt->bound_confidence);
	if (!(opt->shelf_life_cap >= 0.0 && isfinite(opt->shelf_life_cap)))
		return tt_error_set(TT_EINVAL,
				    "the shelf-life search cap must be 0 or positive, not %g",
				    opt->shelf_life_cap);
	if ((opt->has_spec_min && !isfinite(opt->spec_min)) ||
	    (opt->has_spec_max && !isfinite(opt->spec_max)))
		return tt_error_set(TT_EINVAL, "a spec limit is not a number");
	return 0;
}

static int excluded(const char *lot, const tt_stability_options *opt)
{
	for (size_t i = 0; i < opt->n_exclude; i++)
		if (opt->exclude[i] && strcmp(opt->exclude[i], lot) == 0)
			return 1;
	return 0;
}

int tt_stability_site_fit(tt_stability_site *out, const tt_series_table *table, const char *site,
			  const tt_stability_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	tt_stability_options defaults = TT_STABILITY_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	memset(out, 0, sizeof *out);
	int rc = check_options(opt);
	if (rc)
		return rc;
	if (!table)
		return tt_error_set(TT_EINVAL, "the %s site has no stability table", site);

	/* Rows to kept lots. */
	long *kept_of_lot = tt_xmalloc(table->n_lots * sizeof *kept_of_lot);
	size_t L = 0;
	for (size_t l = 0; l < table->n_lots; l++)
		kept_of_lot[l] = excluded(table->lot_ids[l], opt) ? -1 : (long)L++;
	long *lot_of_row = tt_xmalloc(table->n * sizeof *lot_of_row);
	size_t N = 0;
	double t_max = -INFINITY;
	for (size_t r = 0; r < table->n; r++) {
		long k = -1;
		for (size_t l = 0; l < table->n_lots; l++) {
			if (strcmp(table->lot[r], table->lot_ids[l]) == 0) {
				k = kept_of_lot[l];
				break;
			}
		}
		lot_of_row[r] = k;
		if (k < 0)
			continue;
		if (!isfinite(table->time[r]) || !isfinite(table->value[r])) {
			rc = tt_error_set(TT_EINVAL,
					  "%s lot '%s' has a time or value that is not a number",
					  site, table->lot[r]);
			goto fail;
		}
		N++;
		if (table->time[r] > t_max)
			t_max = table->time[r];
	}
	if (L == 0) {
		rc = tt_error_set(TT_EINVAL, "no %s lot is left for the stability comparison",
				  site);
		goto fail;
	}

	out->n_lots = L;
	out->n_points = N;
	out->lots = tt_xcalloc(L, sizeof *out->lots);
	for (size_t l = 0; l < table->n_lots; l++)
		if (kept_of_lot[l] >= 0)
			out->lots[kept_of_lot[l]] = tt_xstrdup(table->lot_ids[l]);
	out->lot_slope = tt_xcalloc(L, sizeof *out->lot_slope);
	out->lot_intercept = tt_xcalloc(L, sizeof *out->lot_intercept);

	/* Per lot: means first, then sums of squares about them (two passes,
	 * for accuracy with large time or value offsets). */
	size_t *n = tt_xcalloc(L, sizeof *n);
	double *tbar = tt_xcalloc(4 * L, sizeof *tbar);
	double *ybar = tbar + L, *sxx = ybar + L, *sxy = sxx + L;
	double t_all = 0.0, y_all = 0.0;
	for (size_t r = 0; r < table->n; r++) {
		long k = lot_of_row[r];
		if (k < 0)
			continue;
		n[k]++;
		tbar[k] += table->time[r];
		ybar[k] += table->value[r];
		t_all += table->time[r];
		y_all += table->value[r];
	}
	for (size_t k = 0; k < L; k++) {
		tbar[k] /= (double)n[k];
		ybar[k] /= (double)n[k];
	}
	t_all /= (double)N;
	y_all /= (double)N;
	double sxx_all = 0.0, sxy_all = 0.0;
	for (size_t r = 0; r < table->n; r++) {
		long k = lot_of_row[r];
		if (k < 0)
			continue;
		double dt = table->time[r] - tbar[k];
		sxx[k] += dt * dt;
		sxy[k] += dt * (table->value[r] - ybar[k]);
		double da = table->time[r] - t_all;
		sxx_all += da * da;
		sxy_all += da * (table->value[r] - y_all);
	}
	double sxx_within = 0.0, sxy_within = 0.0;
	for (size_t k = 0; k < L; k++) {
		if (!(sxx[k] > 0.0)) {
			rc = tt_error_set(TT_EDOMAIN,
					  "%s lot '%s' has fewer than 2 distinct times: its slope "
					  "does not exist",
					  site, out->lots[k]);
			goto fail_sums;
		}
		out->lot_slope[k] = sxy[k] / sxx[k];
		out->lot_intercept[k] = ybar[k] - out->lot_slope[k] * tbar[k];
		sxx_within += sxx[k];
		sxy_within += sxy[k];
	}
	const double b_common = sxy_within / sxx_within;
	const double b_single = sxy_all / sxx_all;
	const double a_single = y_all - b_single * t_all;

	double sse_full = 0.0, sse_cs = 0.0, sse_single = 0.0;
	for (size_t r = 0; r < table->n; r++) {
		long k = lot_of_row[r];
		if (k < 0)
			continue;
		double t = table->time[r], y = table->value[r];
		double e_full = y - (out->lot_intercept[k] + out->lot_slope[k] * t);
		double e_cs = y - (ybar[k] + b_common * (t - tbar[k]));
		double e_single = y - (a_single + b_single * t);
		sse_full += e_full * e_full;
		sse_cs += e_cs * e_cs;
		sse_single += e_single * e_single;
	}
	out->sse_full = sse_full;
	out->sse_common_slope = sse_cs;
	out->sse_single = sse_single;

	double mean = 0.0;
	for (size_t k = 0; k < L; k++)
		mean += out->lot_slope[k];
	mean /= (double)L;
	double ss = 0.0;
	for (size_t k = 0; k < L; k++)
		ss += (out->lot_slope[k] - mean) * (out->lot_slope[k] - mean);
	out->slope = mean;
	out->slope_sd = L > 1 ? sqrt(ss / (double)(L - 1)) : 0.0;

	/* ICH Q1E poolability. */
	const double dL = (double)L, dN = (double)N;
	out->f_slopes = out->p_slopes = NAN;
	out->f_intercepts = out->p_intercepts = NAN;
	if (L >= 2 && N > 2 * L) {
		out->poolability_tested = true;
		f_test(&out->f_slopes, &out->p_slopes, sse_cs, sse_full, dL - 1.0, dN - 2.0 * dL);
		if (out->p_slopes > opt->pool_level) {
			out->has_p_intercepts = true;
			f_test(&out->f_intercepts, &out->p_intercepts, sse_single, sse_cs, dL - 1.0,
			       dN - dL - 1.0);
			out->poolability = out->p_intercepts > opt->pool_level
						   ? TT_POOL_FULL
						   : TT_POOL_COMMON_SLOPE;
		} else {
			out->poolability = TT_POOL_NONE;
		}
	} else {
		out->poolability = L == 1 ? TT_POOL_FULL : TT_POOL_NONE;
	}

	/* The model's residual variance and the lines whose bounds count. */
	double sse, df;
	size_t n_curves = out->poolability == TT_POOL_FULL ? 1 : L;
	curve *curves = tt_xcalloc(n_curves, sizeof *curves);
	switch (out->poolability) {
	case TT_POOL_FULL:
		sse = sse_single;
		df = dN - 2.0;
		curves[0] = (curve){ a_single, b_single, 1.0 / dN, t_all, sxx_all };
		break;
	case TT_POOL_COMMON_SLOPE:
		sse = sse_cs;
		df = dN - dL - 1.0;
		for (size_t k = 0; k < L; k++)
			curves[k] = (curve){ ybar[k] - b_common * tbar[k], b_common,
					     1.0 / (double)n[k], tbar[k], sxx_within };
		break;
	default:
		sse = sse_full;
		df = dN - 2.0 * dL;
		for (size_t k = 0; k < L; k++)
			curves[k] = (curve){ out->lot_intercept[k], out->lot_slope[k],
					     1.0 / (double)n[k], tbar[k], sxx[k] };
		break;
	}
	out->residual_df = df;
	out->residual_sd = df > 0.0 ? sqrt(sse / df) : NAN;

	/* Shelf life. */
	out->shelf_life = NAN;
	out->shelf_life_lot = -1;
	out->shelf_life_cap = opt->shelf_life_cap > 0.0 ? opt->shelf_life_cap : 10.0 * t_max;
	if ((opt->has_spec_min || opt->has_spec_max) && df > 0.0) {
		if (!(out->shelf_life_cap > 0.0)) {
			rc = tt_error_set(TT_EINVAL,
					  "the %s stability data have no time after 0 to search a "
					  "shelf life from",
					  site);
			free(curves);
			goto fail_sums;
		}
		out->has_shelf_life = true;
		const double q_s = gsl_cdf_tdist_Pinv(opt->bound_confidence, df) * out->residual_sd;
		for (size_t c = 0; c < n_curves; c++) {
			for (int upper = 0; upper < 2; upper++) {
				if (upper ? !opt->has_spec_max : !opt->has_spec_min)
					continue;
				double limit = upper ? opt->spec_max : opt->spec_min;
				double t = crossing(&curves[c], q_s, upper, limit,
						    out->shelf_life_cap);
				if (isnan(t))
					continue;
				if (!out->shelf_life_reached || t < out->shelf_life) {
					out->shelf_life = t;
					out->shelf_life_reached = true;
					out->shelf_life_lot = n_curves == 1 ? -1 : (long)c;
				}
			}
		}
	}
	free(curves);
	free(n);
	free(tbar);
	free(lot_of_row);
	free(kept_of_lot);
	return 0;

fail_sums:
	free(n);
	free(tbar);
fail:
	free(lot_of_row);
	free(kept_of_lot);
	tt_stability_site_free(out);
	return rc;
}

int tt_stability(tt_stability_result *out, const tt_series_table *source,
		 const tt_series_table *receiving, const tt_stability_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	tt_stability_options defaults = TT_STABILITY_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	memset(out, 0, sizeof *out);
	int rc = tt_stability_site_fit(&out->source, source, "source", opt);
	if (rc)
		return rc;
	rc = tt_stability_site_fit(&out->receiving, receiving, "receiving", opt);
	if (rc)
		goto fail;

	const tt_stability_site *R = &out->source, *T = &out->receiving;
	if (R->n_lots < 2 || T->n_lots < 2) {
		rc = tt_error_set(TT_EDOMAIN,
				  "the slope difference needs at least 2 lots per site (source "
				  "%zu, receiving %zu)",
				  R->n_lots, T->n_lots);
		goto fail;
	}
	const double vr = R->slope_sd * R->slope_sd / (double)R->n_lots;
	const double vt = T->slope_sd * T->slope_sd / (double)T->n_lots;
	const double se = sqrt(vr + vt);
	if (!(se > 0.0)) {
		rc = tt_error_set(TT_EDOMAIN, "the lot slopes do not vary at either site: the "
					      "slope difference has no standard error");
		goto fail;
	}
	out->slope_difference = T->slope - R->slope;
	out->se = se;
	out->df = (vr + vt) * (vr + vt) /
		  (vr * vr / (double)(R->n_lots - 1) + vt * vt / (double)(T->n_lots - 1));
	out->t_crit = gsl_cdf_tdist_Pinv(1.0 - opt->alpha, out->df);
	out->ci_lower = out->slope_difference - out->t_crit * se;
	out->ci_upper = out->slope_difference + out->t_crit * se;
	out->margin_lower = out->margin_upper = NAN;
	if (opt->has_slope_margin) {
		out->has_margin = true;
		out->margin_lower = -opt->slope_margin;
		out->margin_upper = opt->slope_margin;
		out->pass = out->margin_lower < out->ci_lower && out->ci_upper < out->margin_upper;
	}
	return 0;

fail:
	tt_stability_result_free(out);
	memset(out, 0, sizeof *out);
	return rc;
}
