/*
 * engine.c - the comparability run: load, dispatch per approach, check
 * every lot of both sites against its own site's spec, decide.
 *
 * Invariants: the engine reads every input before it computes anything, so
 * bad input is reported in full and nothing is computed from it; a
 * comparison that cannot be evaluated is `inconclusive` with its reason and
 * never passes; every warning goes both to the report and to the
 * diagnostics (stderr), located at the comparison it concerns.
 */
#include "tt/engine/engine.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_version.h>
#include <yaml.h>

#include "tt/diff/diff.h"
#include "tt/engine/engine_ctx.h"
#include "tt/engine/engine_curves.h"
#include "tt/base/hash.h"
#include "tt/input/lock.h"
#include "tt/base/util.h"

int tt_verdict_exit_status(tt_verdict v)
{
	return v == TT_VERDICT_COMPARABLE ? TT_EXIT_OK : TT_EXIT_FAIL;
}

/* ---- lot values ---- */

/* The study's exclusion of a lot, or NULL. */
static const tt_exclusion *exclusion_of(const tt_study *study, const char *lot)
{
	for (size_t i = 0; i < study->n_exclude; i++)
		if (strcmp(study->exclude[i].lot, lot) == 0)
			return &study->exclude[i];
	return NULL;
}

static int lot_excluded(const tt_study *study, const char *lot)
{
	return exclusion_of(study, lot) != NULL;
}

static int cmp_lot_date(const void *a, const void *b)
{
	const tt_lot_value *x = a, *y = b;
	if (!x->date || !y->date)
		return (x->date == NULL) - (y->date == NULL);
	return strcmp(x->date, y->date);
}

/* A new array of a site's values, ln-transformed when log_scale. */
static double *site_array(const tt_site_values *sv, bool log_scale)
{
	double *x = tt_xmalloc((sv->n ? sv->n : 1) * sizeof *x);
	for (size_t i = 0; i < sv->n; i++)
		x[i] = log_scale ? log(sv->lots[i].value) : sv->lots[i].value;
	return x;
}

/* Collects one site's non-missing values of attr (excluded lots left out),
 * in date order.  Values must be numbers: tt_lots_check has refused
 * anything else for a compared attribute. */
static void site_values(const tt_study *study, const tt_lots *lots, const char *attr,
			bool log_scale, tt_site_values *sv)
{
	memset(sv, 0, sizeof *sv);
	/* A statistic that does not exist is NaN, decided here once for every
	 * output: a site without values has none. */
	sv->describe = (tt_describe_result){ 0, NAN, NAN, NAN, NAN, NAN, NAN, false };
	sv->geometric_mean = sv->sd_log = NAN;
	const tt_column *col = tt_lots_column(lots, attr);
	if (!col)
		return;
	sv->lots = tt_xcalloc(lots->n_lots, sizeof *sv->lots);
	sv->missing_lots = tt_xcalloc(lots->n_lots, sizeof *sv->missing_lots);
	for (size_t i = 0; i < lots->n_lots; i++) {
		if (lot_excluded(study, lots->lot[i]))
			continue;
		const tt_cell *c = &col->cells[i];
		if (c->kind == TT_CELL_MISSING) {
			sv->missing_lots[sv->n_missing++] = lots->lot[i];
			continue;
		}
		if (c->kind != TT_CELL_NUMBER)
			continue;
		tt_lot_value *lv = &sv->lots[sv->n++];
		lv->lot = lots->lot[i];
		lv->date = lots->date ? lots->date[i] : NULL;
		lv->value = c->value;
	}
	/* Date order, lots of the same date (and lots without a date, last) in
	 * file order: an insertion sort is stable, and lot counts are small.
	 * Without a date column the file order stands. */
	if (lots->date && sv->n > 1) {
		for (size_t i = 1; i < sv->n; i++) {
			tt_lot_value key = sv->lots[i];
			size_t j = i;
			while (j > 0 && cmp_lot_date(&sv->lots[j - 1], &key) > 0) {
				sv->lots[j] = sv->lots[j - 1];
				j--;
			}
			sv->lots[j] = key;
		}
	}
	if (sv->n > 0) {
		double *x = site_array(sv, false);
		tt_describe(&sv->describe, x, sv->n);
		free(x);
	}
	/* Nor has a single value an sd (tt_sd gives 0) or a cv. */
	if (sv->n < 2) {
		sv->describe.sd = sv->describe.cv = NAN;
		sv->describe.has_cv = false;
	}
	if (log_scale && sv->n > 0) {
		double *y = site_array(sv, true);
		sv->has_log = true;
		sv->geometric_mean = exp(tt_mean(y, sv->n));
		sv->sd_log = sv->n > 1 ? tt_sd(y, sv->n) : NAN;
		free(y);
	}
}

static void free_site_values(tt_site_values *sv)
{
	free(sv->lots);
	free(sv->missing_lots);
}

/* ---- warnings shared by the lot-level approaches ---- */

static void warn_missing(tt_engine_ctx *ctx, const tt_comparison_result *r)
{
	const tt_site_values *sites[2] = { &r->source, &r->receiving };
	const char *names[2] = { "source", "receiving" };
	for (int s = 0; s < 2; s++) {
		if (!sites[s]->n_missing)
			continue;
		tt_buf b = TT_BUF_INIT;
		for (size_t i = 0; i < sites[s]->n_missing; i++)
			tt_buf_printf(&b, "%s%s", i ? ", " : "", sites[s]->missing_lots[i]);
		tt_engine_warn(ctx, r->cmp->loc,
			       "%s: %zu missing value%s excluded at the %s site (%s)",
			       r->cmp->attribute, sites[s]->n_missing,
			       sites[s]->n_missing == 1 ? "" : "s", names[s], b.data);
		tt_buf_free(&b);
	}
}

/* See tt_comparison_result.assumes_normal. */
static bool assumes_normal(const tt_comparison *c)
{
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE:
	case TT_APPROACH_QUALITY_RANGE:
		return true;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		return c->ti_method != TT_TI_NONPARAMETRIC;
	default:
		return false;
	}
}

static void check_normality(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	if (!r->assumes_normal)
		return;
	const tt_site_values *sites[2] = { &r->source, &r->receiving };
	double *p_out[2] = { &r->sw_p_source, &r->sw_p_receiving };
	const char *names[2] = { "source", "receiving" };
	for (int s = 0; s < 2; s++) {
		*p_out[s] = NAN;
		if (sites[s]->n < 3)
			continue;
		double *x = site_array(sites[s], r->log_scale);
		double w, p;
		if (tt_shapiro_wilk(&w, &p, x, sites[s]->n) == 0) {
			*p_out[s] = p;
			if (p < 0.05)
				tt_engine_warn(ctx, r->cmp->loc,
					       "%s: normality is rejected at the %s site "
					       "(Shapiro-Wilk W = %.4g, p = %.3g, n = %zu)%s; "
					       "the %s assumes normal data",
					       r->cmp->attribute, names[s], w, p, sites[s]->n,
					       r->log_scale ? " on the log scale" : "",
					       tt_approach_name(r->cmp->approach));
		}
		free(x);
	}
}

static void set_inconclusive(tt_comparison_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_inconclusive(tt_comparison_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	r->outcome = TT_OUTCOME_INCONCLUSIVE;
	free(r->reason);
	r->reason = tt_xvasprintf(fmt, ap);
	va_end(ap);
}

/* A statistics error that the data cause (too few lots, zero spread) makes
 * the comparison inconclusive; anything else is an internal error. */
static int stat_failed(tt_engine_ctx *ctx, tt_comparison_result *r, int rc)
{
	if (rc == TT_EINVAL || rc == TT_EDOMAIN || rc == TT_ENOCONV) {
		set_inconclusive(r, "%s", tt_error_last());
		tt_engine_warn(ctx, r->cmp->loc, "%s: inconclusive: %s", r->cmp->attribute,
			       tt_error_last());
		return 0;
	}
	return rc;
}

/* ---- equivalence ---- */

static const char *margin_words(const tt_comparison *c, char *buf, size_t size)
{
	switch (c->margin_type) {
	case TT_MARGIN_SIGMA:
		snprintf(buf, size, "+/- %g x the sd of the source lots", c->margin);
		break;
	case TT_MARGIN_PERCENT:
		snprintf(buf, size, "+/- %g%% of the source mean", c->margin);
		break;
	case TT_MARGIN_RATIO:
		snprintf(buf, size, "a ratio of geometric means within %g to %g", 1.0 / c->margin,
			 c->margin);
		break;
	default:
		snprintf(buf, size, "+/- %g", c->margin);
	}
	return buf;
}

/* Matches the paired design's lots by their `pair` ids: x[i] (source) and
 * y[i] (receiving) for each complete pair.  Unmatched lots are left out with
 * a warning. */
static size_t match_pairs(tt_engine_ctx *ctx, tt_comparison_result *r, double **xo, double **yo)
{
	const tt_lots *sl = ctx->run->source_lots, *rl = ctx->run->receiving_lots;
	size_t cap = r->receiving.n ? r->receiving.n : 1;
	double *x = tt_xmalloc(cap * sizeof *x), *y = tt_xmalloc(cap * sizeof *y);
	size_t n = 0;
	tt_buf unmatched = TT_BUF_INIT;
	bool *used = tt_xcalloc(r->source.n ? r->source.n : 1, sizeof *used);
	for (size_t i = 0; i < r->receiving.n; i++) {
		long ri = tt_lots_find(rl, r->receiving.lots[i].lot);
		const char *pair = (ri >= 0 && rl->pair) ? rl->pair[ri] : NULL;
		size_t j;
		for (j = 0; pair && j < r->source.n; j++) {
			long si = tt_lots_find(sl, r->source.lots[j].lot);
			if (si >= 0 && sl->pair && sl->pair[si] && strcmp(sl->pair[si], pair) == 0)
				break;
		}
		if (!pair || j == r->source.n) {
			tt_buf_printf(&unmatched, "%s%s", unmatched.len ? ", " : "",
				      r->receiving.lots[i].lot);
			continue;
		}
		used[j] = true;
		x[n] = r->source.lots[j].value;
		y[n] = r->receiving.lots[i].value;
		n++;
	}
	for (size_t j = 0; j < r->source.n; j++)
		if (!used[j])
			tt_buf_printf(&unmatched, "%s%s", unmatched.len ? ", " : "",
				      r->source.lots[j].lot);
	if (unmatched.len)
		tt_engine_warn(ctx, r->cmp->loc,
			       "%s: lots without a complete pair are left out of the paired "
			       "comparison (%s)",
			       r->cmp->attribute, unmatched.data);
	tt_buf_free(&unmatched);
	free(used);
	*xo = x;
	*yo = y;
	return n;
}

static int run_equivalence(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	const tt_study *study = ctx->run->study;
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	opt.margin_type = c->margin_type;
	opt.margin = c->margin;
	opt.variance = c->variance;
	opt.alpha = study->alpha;
	opt.log_scale = r->log_scale;
	opt.paired = study->design == TT_DESIGN_PAIRED;

	if (c->margin_type == TT_MARGIN_SIGMA && r->source.n < 10)
		tt_engine_warn(ctx, c->loc,
			       "%s: the sigma margin is estimated from %zu source lots (fewer than "
			       "10); its own uncertainty is not part of the test",
			       c->attribute, r->source.n);
	check_normality(ctx, r);

	double *x, *y;
	size_t nx, ny;
	if (opt.paired) {
		if (c->margin_type == TT_MARGIN_SIGMA)
			opt.sigma_ref = r->log_scale ? r->source.sd_log : r->source.describe.sd;
		nx = ny = match_pairs(ctx, r, &x, &y);
		r->n_pairs = nx;
		if (c->margin_type == TT_MARGIN_SIGMA && !(opt.sigma_ref > 0)) {
			free(x);
			free(y);
			set_inconclusive(r, "the source lots have no spread, so the sigma margin "
					    "is zero");
			return 0;
		}
	} else {
		x = site_array(&r->source, false);
		y = site_array(&r->receiving, false);
		nx = r->source.n;
		ny = r->receiving.n;
	}
	int rc = tt_tost(&r->tost, x, nx, y, ny, &opt);
	free(x);
	free(y);
	if (rc)
		return stat_failed(ctx, r, rc);
	r->has_tost = true;
	r->outcome = r->tost.equivalent ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL;
	char lo[32], hi[32], ml[32], mu[32];
	r->reason = tt_xasprintf("the %g%% CI [%s, %s] %s the margin [%s, %s]", 100 * r->ci_level,
				 tt_format_human(lo, sizeof lo, r->tost.ci_lower, 4),
				 tt_format_human(hi, sizeof hi, r->tost.ci_upper, 4),
				 r->tost.equivalent ? "lies inside" : "is not inside",
				 tt_format_human(ml, sizeof ml, r->tost.margin_lower, 4),
				 tt_format_human(mu, sizeof mu, r->tost.margin_upper, 4));
	return 0;
}

/* ---- bands from the source lots ---- */

static void range_reason(tt_comparison_result *r, const char *band)
{
	char lo[32], hi[32];
	r->outcome = r->range.pass ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL;
	tt_format_human(lo, sizeof lo, r->range.lower, 4);
	tt_format_human(hi, sizeof hi, r->range.upper, 4);
	if (isinf(r->range.lower))
		r->reason = tt_xasprintf("%zu of %zu receiving lots at or below the upper %s "
					 "limit %s",
					 r->range.n_inside, r->range.n_test, band, hi);
	else if (isinf(r->range.upper))
		r->reason = tt_xasprintf("%zu of %zu receiving lots at or above the lower %s "
					 "limit %s",
					 r->range.n_inside, r->range.n_test, band, lo);
	else
		r->reason = tt_xasprintf("%zu of %zu receiving lots inside the %s [%s, %s]",
					 r->range.n_inside, r->range.n_test, band, lo, hi);
}

static int run_quality_range(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	check_normality(ctx, r);
	double *x = site_array(&r->source, false), *y = site_array(&r->receiving, false);
	int rc = tt_quality_range(&r->range, x, r->source.n, y, r->receiving.n, c->k,
				  c->min_fraction, r->log_scale);
	free(x);
	free(y);
	if (rc)
		return stat_failed(ctx, r, rc);
	r->has_range = true;
	range_reason(r, "quality range");
	return 0;
}

static int run_min_max(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	double *x = site_array(&r->source, false), *y = site_array(&r->receiving, false);
	int rc = tt_min_max(&r->range, x, r->source.n, y, r->receiving.n, r->log_scale);
	free(x);
	free(y);
	if (rc)
		return stat_failed(ctx, r, rc);
	r->has_range = true;
	range_reason(r, "source range");
	return 0;
}

static int run_tolerance_interval(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	tt_ti_options opt = TT_TI_OPTIONS_INIT;
	opt.content = c->content;
	opt.confidence = c->confidence;
	opt.sides = c->sides;
	opt.direction = c->direction;
	opt.method = c->ti_method;
	check_normality(ctx, r);
	double *x = site_array(&r->source, false), *y = site_array(&r->receiving, false);
	int rc = tt_tolerance_interval(&r->ti, x, r->source.n, &opt, r->log_scale);
	if (rc) {
		free(x);
		free(y);
		if (rc == TT_EDOMAIN && c->ti_method == TT_TI_NONPARAMETRIC && r->ti.n_needed) {
			set_inconclusive(r,
					 "no nonparametric tolerance interval exists with %zu "
					 "source lots; %zu are needed",
					 r->source.n, r->ti.n_needed);
			tt_engine_warn(ctx, c->loc, "%s: inconclusive: %s", c->attribute,
				       r->reason);
			return 0;
		}
		return stat_failed(ctx, r, rc);
	}
	r->has_ti = true;
	tt_ti_compare(&r->range, &r->ti, &opt, y, r->receiving.n);
	free(x);
	free(y);
	r->has_range = true;
	range_reason(r, "tolerance interval");
	return 0;
}

static int run_graphical(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	(void)ctx;
	r->outcome = TT_OUTCOME_INFO;
	r->reason = tt_xstrdup("graphical comparison, no decision");
	return 0;
}

/* The minimum lot counts of the lot-level approaches. */
static int lot_counts_ok(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	size_t need_r, need_t;
	tt_approach_min_lots(c->approach, &need_r, &need_t);
	if (r->source.n >= need_r && r->receiving.n >= need_t)
		return 1;
	set_inconclusive(r,
			 "%s needs at least %zu source and %zu receiving lots with a value; "
			 "there are %zu and %zu",
			 tt_approach_name(c->approach), need_r, need_t, r->source.n,
			 r->receiving.n);
	tt_engine_warn(ctx, c->loc, "%s: inconclusive: %s", c->attribute, r->reason);
	return 0;
}

/* The decision rule of a lot-level comparison in words, with its basis. */
static char *lot_rule(const tt_study *study, const tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	char *rule = NULL;
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE: {
		bool paired = study->design == TT_DESIGN_PAIRED;
		char words[128];
		rule = tt_xasprintf(
			"Equivalent if the %g%% confidence interval of the %s (receiving - "
			"source)%s lies "
			"strictly inside the margin, %s: two one-sided t tests at alpha = %g "
			"each%s "
			"(FDA 2017 draft guidance, tier 1; USP <1210>; EMA/CHMP/138502/2017).",
			100 * r->ci_level,
			r->log_scale ? "ratio of geometric means" : "difference of means",
			paired ? " of paired lots" : "", margin_words(c, words, sizeof words),
			study->alpha,
			paired ? ", paired by the split source"
			       : (c->variance == TT_VARIANCE_WELCH ? ", Welch's standard error"
								   : ", pooled standard error"));

		break;
	}
	case TT_APPROACH_QUALITY_RANGE:
		rule = tt_xasprintf(
			"Pass if at least %g%% of the receiving lots lie inside the quality "
			"range, the source mean +/- %g sd%s (FDA 2017 draft guidance, tier 2; "
			"FDA 2019 comparative analytical assessment draft).",
			100 * c->min_fraction, c->k, r->log_scale ? ", on the log scale" : "");
		break;
	case TT_APPROACH_MIN_MAX:
		rule = tt_xstrdup("Pass if every receiving lot lies inside the range of the source "
				  "lots, [min, max] (EMA/CHMP/138502/2017).");
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL: {
		const char *what = c->sides == 2                        ? "two-sided"
				   : c->direction == TT_DIRECTION_LOWER ? "one-sided lower"
									: "one-sided upper";
		rule = tt_xasprintf(
			"Pass if every receiving lot lies inside the %s %s tolerance "
			"interval of the source lots, %g%% content with %g%% confidence "
			"(EMA/CHMP/138502/2017; USP <1210>).",
			what, tt_ti_method_name(c->ti_method), 100 * c->content,
			100 * c->confidence);
		break;
	}
	case TT_APPROACH_GRAPHICAL:
		rule = tt_xstrdup("Shown side by side for information; no statistical decision "
				  "(FDA 2017 draft guidance, tier 3).");
		break;
	default:
		break;
	}
	return rule;
}

static const struct {
	tt_approach approach;
	tt_approach_fn fn;
} approaches[] = {
	{ TT_APPROACH_EQUIVALENCE, run_equivalence },
	{ TT_APPROACH_QUALITY_RANGE, run_quality_range },
	{ TT_APPROACH_TOLERANCE_INTERVAL, run_tolerance_interval },
	{ TT_APPROACH_MIN_MAX, run_min_max },
	{ TT_APPROACH_GRAPHICAL, run_graphical },
	{ TT_APPROACH_PROFILE, tt_engine_run_profile },
	{ TT_APPROACH_STABILITY, tt_engine_run_stability },
};

/* See tt_comparison_result.ci_level. */
static double ci_level(const tt_study *study, const tt_comparison *c)
{
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE:
	case TT_APPROACH_STABILITY:
		return 1 - 2 * study->alpha;
	case TT_APPROACH_PROFILE:
		return c->profile_method == TT_PROFILE_BOOTSTRAP_F2
			       ? ((tt_f2_boot_options)TT_F2_BOOT_OPTIONS_INIT).level
			       : NAN;
	default:
		return NAN;
	}
}

static int run_comparison(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	tt_approach_fn fn = NULL;
	for (size_t i = 0; i < sizeof approaches / sizeof approaches[0]; i++)
		if (approaches[i].approach == c->approach)
			fn = approaches[i].fn;
	if (!fn)
		return tt_error_set(TT_EINTERNAL, "no engine for approach '%s'",
				    tt_approach_name(c->approach));
	r->assumes_normal = assumes_normal(c);
	r->sw_p_source = r->sw_p_receiving = NAN;
	r->ci_level = ci_level(ctx->run->study, c);
	if (tt_approach_is_lot_level(c->approach)) {
		site_values(ctx->run->study, ctx->run->source_lots, c->attribute, r->log_scale,
			    &r->source);
		site_values(ctx->run->study, ctx->run->receiving_lots, c->attribute, r->log_scale,
			    &r->receiving);
		warn_missing(ctx, r);
		r->rule = lot_rule(ctx->run->study, r);
		if (!lot_counts_ok(ctx, r))
			return 0;
	}
	return fn(ctx, r);
}

/* ---- conformance ---- */

static bool same_spec(const tt_attr *a, const tt_attr *b)
{
	if (a->type != b->type || a->has_min != b->has_min || a->has_max != b->has_max)
		return false;
	if (a->has_min && a->min != b->min)
		return false;
	if (a->has_max && a->max != b->max)
		return false;
	if ((a->equals == NULL) != (b->equals == NULL))
		return false;
	return !a->equals || strcmp(a->equals, b->equals) == 0;
}

/* Whether a cell meets a continuous spec.  A censored result conforms when
 * every value it allows does: `<0.5` meets `max: 5`, `<10` does not. */
static bool cell_conforms(const tt_lots *lots, const tt_attr *a, const tt_cell *c)
{
	if (a->type == TT_ATTR_QUALITATIVE) {
		const char *s = tt_cell_text(lots, c), *t = a->equals;
		if (!s || !t)
			return false;
		/* Qualitative results are compared without regard to case. */
		for (; *s && *t; s++, t++)
			if ((*s | 0x20) != (*t | 0x20))
				return false;
		return *s == *t;
	}
	if (c->kind == TT_CELL_NUMBER)
		return (!a->has_min || c->value >= a->min) && (!a->has_max || c->value <= a->max);
	if (c->kind == TT_CELL_CENSORED) {
		if (c->censor == '<') /* true value below c->value */
			return !a->has_min && (!a->has_max || c->value <= a->max);
		return !a->has_max && (!a->has_min || c->value >= a->min);
	}
	return false;
}

static const tt_lots *site_lots(const tt_run *run, tt_site_role site)
{
	return site == TT_SITE_SOURCE ? run->source_lots : run->receiving_lots;
}

static const tt_spec *site_spec(const tt_study *study, tt_site_role site)
{
	return site == TT_SITE_SOURCE ? study->source_spec : study->receiving_spec;
}

/* Checks one site's lots against that site's own release specification,
 * the excluded lots too (kept apart: they do not decide the verdict). */
static void conformance_site(tt_engine_ctx *ctx, tt_site_role site)
{
	tt_run *run = ctx->run;
	const tt_spec *own = site_spec(run->study, site);
	const tt_spec *other =
		site_spec(run->study, site == TT_SITE_SOURCE ? TT_SITE_RECEIVING : TT_SITE_SOURCE);
	const tt_lots *lots = site_lots(run, site);
	const char *name = tt_site_role_name(site);
	for (size_t i = 0; i < own->n_attrs; i++) {
		const tt_attr *a = &own->attrs[i];
		if (!a->has_spec)
			continue;
		tt_conformance *cf = &run->conformance[run->n_conformance++];
		cf->attr = a;
		cf->site = site;
		cf->spec_text = tt_spec_words(a);
		const tt_attr *oa = tt_spec_attr(other, a->id);
		if (oa && oa->has_spec && !same_spec(oa, a)) {
			cf->spec_differs = true;
			/* Said once, at the receiving site's entry. */
			if (site == TT_SITE_RECEIVING) {
				char *st = tt_spec_words(oa);
				tt_engine_warn(ctx, a->loc,
					       "%s: the release specification differs between the "
					       "sites (source %s, receiving %s); each site's lots "
					       "are checked against its own",
					       a->id, st, cf->spec_text);
				free(st);
			}
		}
		const tt_column *col = tt_lots_column(lots, a->id);
		if (!col)
			continue; /* tt_lots_check warned: conformance not checked */
		cf->checked = true;
		size_t n = lots->n_lots;
		cf->out_of_spec = tt_xcalloc(n, sizeof *cf->out_of_spec);
		cf->out_of_spec_values = tt_xcalloc(n, sizeof *cf->out_of_spec_values);
		cf->not_tested = tt_xcalloc(n, sizeof *cf->not_tested);
		cf->excluded_out_of_spec = tt_xcalloc(n, sizeof *cf->excluded_out_of_spec);
		cf->excluded_out_of_spec_values =
			tt_xcalloc(n, sizeof *cf->excluded_out_of_spec_values);
		for (size_t l = 0; l < n; l++) {
			bool excluded = lot_excluded(run->study, lots->lot[l]);
			const tt_cell *c = &col->cells[l];
			if (c->kind == TT_CELL_MISSING) {
				/* An excluded lot's missing value shows in its
				 * row of the excluded lots. */
				if (!excluded)
					cf->not_tested[cf->n_not_tested++] = lots->lot[l];
				continue;
			}
			if (!excluded)
				cf->n_lots++;
			if (cell_conforms(lots, a, c))
				continue;
			const char *text = tt_cell_text(lots, c);
			if (excluded) {
				cf->excluded_out_of_spec_values[cf->n_excluded_out_of_spec] =
					tt_xstrdup(text ? text : "");
				cf->excluded_out_of_spec[cf->n_excluded_out_of_spec++] =
					lots->lot[l];
			} else {
				cf->out_of_spec_values[cf->n_out_of_spec] =
					tt_xstrdup(text ? text : "");
				cf->out_of_spec[cf->n_out_of_spec++] = lots->lot[l];
			}
		}
		if (cf->n_not_tested) {
			tt_buf b = TT_BUF_INIT;
			for (size_t k = 0; k < cf->n_not_tested; k++)
				tt_buf_printf(&b, "%s%s", k ? ", " : "", cf->not_tested[k]);
			tt_engine_warn(ctx, (tt_loc){ lots->path, 0, 0 },
				       "%s: %zu %s lot%s not tested against the release "
				       "specification (%s)",
				       a->id, cf->n_not_tested, name,
				       cf->n_not_tested == 1 ? "" : "s", b.data);
			tt_buf_free(&b);
		}
	}
}

/* The value as written of a lot that is out of cf's spec, or NULL when
 * the lot meets it or was not checked.  Lot ids are the lot table's own
 * pointers, so the lists are searched by address. */
static const char *out_of_spec_value(const tt_conformance *cf, const char *lot)
{
	for (size_t k = 0; k < cf->n_out_of_spec; k++)
		if (cf->out_of_spec[k] == lot)
			return cf->out_of_spec_values[k];
	for (size_t k = 0; k < cf->n_excluded_out_of_spec; k++)
		if (cf->excluded_out_of_spec[k] == lot)
			return cf->excluded_out_of_spec_values[k];
	return NULL;
}

/* Gathers each lot of a site that is out of spec for any attribute into
 * one entry with its sentence; the lots that do not decide the verdict
 * (excluded lots, source lots) become warnings too, at the lot's line. */
static void lots_out_of_spec(tt_engine_ctx *ctx, tt_site_role site)
{
	tt_run *run = ctx->run;
	const tt_lots *lots = site_lots(run, site);
	for (size_t l = 0; l < lots->n_lots; l++) {
		const char *lot = lots->lot[l];
		size_t n = 0, total = 0;
		for (size_t i = 0; i < run->n_conformance; i++)
			if (run->conformance[i].site == site &&
			    out_of_spec_value(&run->conformance[i], lot))
				total++;
		if (!total)
			continue;
		const tt_exclusion *ex = exclusion_of(run->study, lot);
		tt_buf b = TT_BUF_INIT;
		tt_buf_printf(&b, "%s%s lot %s", ex ? "excluded " : "", tt_site_role_name(site),
			      lot);
		if (ex)
			tt_buf_printf(&b, " (%s)", ex->reason);
		tt_buf_puts(&b, " is out of specification for ");
		for (size_t i = 0; i < run->n_conformance; i++) {
			const tt_conformance *cf = &run->conformance[i];
			const char *value = cf->site == site ? out_of_spec_value(cf, lot) : NULL;
			if (!value)
				continue;
			const tt_cell *c = &tt_lots_column(lots, cf->attr->id)->cells[l];
			/* A unit belongs after a number, not after text. */
			bool unit = cf->attr->unit &&
				    (c->kind == TT_CELL_NUMBER || c->kind == TT_CELL_CENSORED);
			tt_buf_printf(&b, "%s%s (%s%s%s, spec %s)",
				      n == 0           ? ""
				      : n + 1 == total ? " and "
						       : ", ",
				      cf->attr->id, value, unit ? " " : "",
				      unit ? cf->attr->unit : "", cf->spec_text);
			n++;
		}
		run->out_of_spec = tt_xrealloc(run->out_of_spec,
					       (run->n_out_of_spec + 1) * sizeof *run->out_of_spec);
		tt_lot_out_of_spec *o = &run->out_of_spec[run->n_out_of_spec++];
		o->lot = lot;
		o->site = site;
		o->exclusion = ex;
		o->decides_verdict = site == TT_SITE_RECEIVING && !ex;
		o->sentence = tt_buf_detach(&b);
		if (!o->decides_verdict)
			tt_engine_warn(ctx, (tt_loc){ lots->path, lots->line[l], 0 }, "%s",
				       o->sentence);
	}
}

/* Whether any comparison of the study is of attribute id. */
static bool compared(const tt_study *study, const char *id)
{
	for (size_t i = 0; i < study->n_comparisons; i++)
		if (strcmp(study->comparisons[i].attribute, id) == 0)
			return true;
	return false;
}

/* Fills x with the values of the lot at row of the site's table. */
static void excluded_values(const tt_run *run, tt_site_role site, long row, tt_excluded_lot *x)
{
	const tt_lots *lots = site_lots(run, site);
	const tt_spec *spec = site_spec(run->study, site);
	x->values = tt_xcalloc(lots->n_columns ? lots->n_columns : 1, sizeof *x->values);
	for (size_t j = 0; j < lots->n_columns; j++) {
		const tt_column *col = &lots->columns[j];
		const tt_attr *a = tt_spec_attr(spec, col->name);
		if (!a || !(a->has_spec || compared(run->study, a->id)))
			continue;
		const tt_cell *c = &col->cells[row];
		tt_excluded_value *v = &x->values[x->n_values++];
		v->attr = a;
		for (size_t i = 0; i < run->n_conformance; i++)
			if (run->conformance[i].site == site && run->conformance[i].attr == a)
				v->spec = run->conformance[i].spec_text;
		if (c->kind == TT_CELL_MISSING) {
			x->n_not_tested += a->has_spec;
			continue;
		}
		v->text = tt_cell_text(lots, c);
		v->is_number = c->kind == TT_CELL_NUMBER;
		v->censored = c->kind == TT_CELL_CENSORED;
		v->value = c->value;
		v->out_of_spec = a->has_spec && !cell_conforms(lots, a, c);
		x->n_out_of_spec += v->out_of_spec;
	}
}

/* Each excluded lot with its values, in the study's order. */
static void excluded_lots(tt_run *run)
{
	const tt_study *st = run->study;
	run->excluded = tt_xcalloc(2 * st->n_exclude + 1, sizeof *run->excluded);
	for (size_t i = 0; i < st->n_exclude; i++) {
		bool found = false;
		for (int s = 0; s < TT_SITE_COUNT; s++) {
			long row =
				tt_lots_find(site_lots(run, (tt_site_role)s), st->exclude[i].lot);
			if (row < 0)
				continue;
			tt_excluded_lot *x = &run->excluded[run->n_excluded++];
			x->exclusion = &st->exclude[i];
			x->found = found = true;
			x->site = (tt_site_role)s;
			excluded_values(run, x->site, row, x);
		}
		if (!found)
			run->excluded[run->n_excluded++].exclusion = &st->exclude[i];
	}
}

/* Every lot of both sites against its own site's spec, the receiving
 * site's first (the lots that decide the verdict). */
static void conformance(tt_engine_ctx *ctx)
{
	tt_run *run = ctx->run;
	const tt_study *st = run->study;
	size_t n = st->receiving_spec->n_attrs + st->source_spec->n_attrs;
	run->conformance = tt_xcalloc(n ? n : 1, sizeof *run->conformance);
	conformance_site(ctx, TT_SITE_RECEIVING);
	conformance_site(ctx, TT_SITE_SOURCE);
	lots_out_of_spec(ctx, TT_SITE_RECEIVING);
	lots_out_of_spec(ctx, TT_SITE_SOURCE);
	excluded_lots(run);
}

/* Side-by-side testing: when each site's lots were tested only in labs that
 * tested none of the other site's lots, a lab difference cannot be told
 * apart from a site difference. */
static void check_tested_at(tt_engine_ctx *ctx)
{
	const tt_lots *s = ctx->run->source_lots, *r = ctx->run->receiving_lots;
	if (!s->tested_at || !r->tested_at)
		return;
	for (size_t i = 0; i < s->n_lots; i++) {
		if (!s->tested_at[i])
			continue;
		for (size_t j = 0; j < r->n_lots; j++)
			if (r->tested_at[j] && strcmp(s->tested_at[i], r->tested_at[j]) == 0)
				return; /* some lab tested lots of both sites */
	}
	tt_engine_warn(ctx, (tt_loc){ r->path, 0, 0 },
		       "each site's lots were tested only in its own labs (tested_at): no lot of "
		       "one site was tested side by side with the other's, so a difference "
		       "between labs cannot be told apart from a difference between sites");
}

/* The process gap analysis of the two specs (tt diff), carried into the
 * report, and a warning for each attribute a high-risk difference can move
 * that the study compares only graphically or not at all. */
static void gap_analysis(tt_engine_ctx *ctx)
{
	const tt_study *st = ctx->run->study;
	if (tt_diff_specs(&ctx->run->diff, st->source_spec, st->receiving_spec) != 0)
		return;
	tt_diags local = TT_DIAGS_INIT;
	tt_diff_study_warnings(ctx->run->diff, st, &local);
	for (size_t i = 0; i < local.count; i++) {
		const tt_diag *g = &local.items[i];
		tt_engine_warn(ctx, (tt_loc){ g->file, g->line, g->col }, "%s", g->message);
	}
	tt_diags_free(&local);
}

tt_verdict tt_engine_verdict(const tt_run *run)
{
	bool fail = false, inconclusive = false;
	for (size_t i = 0; i < run->n_comparisons; i++) {
		if (run->comparisons[i].outcome == TT_OUTCOME_FAIL)
			fail = true;
		else if (run->comparisons[i].outcome == TT_OUTCOME_INCONCLUSIVE)
			inconclusive = true;
	}
	/* Only the receiving lots that the study includes decide. */
	for (size_t i = 0; i < run->n_conformance; i++)
		if (run->conformance[i].site == TT_SITE_RECEIVING &&
		    run->conformance[i].n_out_of_spec)
			fail = true;
	if (fail)
		return TT_VERDICT_NOT_COMPARABLE;
	return inconclusive ? TT_VERDICT_INCONCLUSIVE : TT_VERDICT_COMPARABLE;
}

/* ---- inputs and provenance ---- */

static void add_input(tt_run *run, const char *path, const char *role, const unsigned char sha[32])
{
	for (size_t i = 0; i < run->n_inputs; i++)
		if (strcmp(run->inputs[i].path, path) == 0)
			return; /* a file named twice is listed once */
	run->inputs = tt_xrealloc(run->inputs, (run->n_inputs + 1) * sizeof *run->inputs);
	tt_input_file *f = &run->inputs[run->n_inputs++];
	f->path = tt_xstrdup(path);
	f->role = tt_xstrdup(role);
	tt_sha256_hex(sha, f->sha256);
}

char *tt_engine_timestamp(void)
{
	time_t t = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long v;
	if (sde && tt_parse_long(sde, 0, 253402300799L, &v) == 0)
		t = (time_t)v;
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return tt_xstrdup(buf);
}

/* Reads and checks every data file of the study in ctx->run: the lot
 * tables, the long-form tables, and the profiles' time grids. */
static int load_data(tt_engine_ctx *ctx)
{
	tt_run *run = ctx->run;
	tt_diags *d = ctx->d;
	const tt_study *st = run->study;
	if (tt_lots_load(&run->source_lots, st->source_data, d) == 0)
		tt_lots_check(run->source_lots, st, st->source_spec, "source", d);
	if (tt_lots_load(&run->receiving_lots, st->receiving_data, d) == 0)
		tt_lots_check(run->receiving_lots, st, st->receiving_spec, "receiving", d);
	if (run->source_lots && run->receiving_lots)
		tt_lots_check_exclusions(st, run->source_lots, run->receiving_lots, d);
	tt_engine_load_curves(ctx);
	return d->errors || !run->source_lots || !run->receiving_lots ? TT_EINVAL : 0;
}

static void free_ctx(tt_engine_ctx *ctx, size_t n);

int tt_engine_check_data(const tt_study *study, tt_diags *d)
{
	tt_run *run = tt_xcalloc(1, sizeof *run);
	run->study = (tt_study *)study; /* borrowed: not freed below */
	tt_engine_ctx ctx = { .run = run, .d = d };
	size_t errors = d->errors;
	load_data(&ctx);
	free_ctx(&ctx, study->n_comparisons);
	run->study = NULL;
	tt_run_free(run);
	return d->errors > errors ? TT_EINVAL : 0;
}

/* What the report says of the lock: when, whether before the data, and
 * which exclusions it already had. */
static void lock_facts(tt_run *run)
{
	const tt_study *st = run->study;
	run->locked = run->lock != NULL;
	if (run->lock)
		run->locked_at = tt_xstrdup(run->lock->entries[0].locked_at);
	run->locked_before_data = tt_lock_before_data(run->lock, &run->lock_with_data);
	run->exclude_at_first_lock =
		tt_xcalloc(st->n_exclude ? st->n_exclude : 1, sizeof *run->exclude_at_first_lock);
	for (size_t i = 0; i < st->n_exclude; i++)
		run->exclude_at_first_lock[i] =
			tt_lock_excluded_at_first(run->lock, st->exclude[i].lot);
}

static int load_inputs(tt_engine_ctx *ctx, const char *study_path)
{
	tt_run *run = ctx->run;
	tt_diags *d = ctx->d;
	if (tt_study_load(&run->study, study_path, 1, d))
		return TT_EINVAL;
	tt_study *st = run->study;
	if (tt_lock_load(&run->lock, st->path, d) == 0 && run->lock)
		tt_lock_check(run->lock, st, d);
	if (load_data(ctx))
		return TT_EINVAL;
	lock_facts(run);

	add_input(run, st->path, "study", st->sha256);
	add_input(run, st->source_spec->path, "source process", st->source_spec->sha256);
	add_input(run, st->receiving_spec->path, "receiving process", st->receiving_spec->sha256);
	add_input(run, run->source_lots->path, "source lots", run->source_lots->sha256);
	add_input(run, run->receiving_lots->path, "receiving lots", run->receiving_lots->sha256);
	for (size_t i = 0; i < st->n_comparisons; i++) {
		if (!ctx->series_source[i])
			continue;
		add_input(run, ctx->series_source[i]->path, "source series",
			  ctx->series_source[i]->sha256);
		add_input(run, ctx->series_receiving[i]->path, "receiving series",
			  ctx->series_receiving[i]->sha256);
	}
	return 0;
}

static void free_ctx(tt_engine_ctx *ctx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (ctx->series_source)
			tt_series_free(ctx->series_source[i]);
		if (ctx->series_receiving)
			tt_series_free(ctx->series_receiving[i]);
	}
	free(ctx->series_source);
	free(ctx->series_receiving);
	tt_engine_free_curves(ctx, n);
}

int tt_engine_run(tt_run **out, const char *study_path, const tt_run_options *opt, tt_diags *d)
{
	*out = NULL;
	tt_run *run = tt_xcalloc(1, sizeof *run);
	tt_engine_ctx ctx = { .run = run, .d = d };
	int rc = load_inputs(&ctx, study_path);
	size_t n_cmp = run->study ? run->study->n_comparisons : 0;
	if (rc)
		goto fail;

	const tt_study *st = run->study;
	run->seed = opt && opt->has_seed ? opt->seed : st->has_seed ? st->seed : 1;
	ctx.seed = run->seed;
	run->generated_at = tt_engine_timestamp();
	run->command_line = tt_xstrdup(opt && opt->command_line ? opt->command_line : "");
	run->tt_version = tt_xstrdup(TT_VERSION);
	run->gsl_version = tt_xstrdup(GSL_VERSION);
	run->yaml_version = tt_xstrdup(yaml_get_version_string());

	check_tested_at(&ctx);
	gap_analysis(&ctx);
	run->comparisons = tt_xcalloc(n_cmp ? n_cmp : 1, sizeof *run->comparisons);
	for (size_t i = 0; i < n_cmp; i++) {
		tt_comparison_result *r = &run->comparisons[i];
		r->cmp = &st->comparisons[i];
		r->attr = tt_spec_attr(st->source_spec, r->cmp->attribute);
		r->log_scale = tt_approach_is_lot_level(r->cmp->approach) &&
			       (r->attr->scale == TT_SCALE_LOG ||
				(r->cmp->approach == TT_APPROACH_EQUIVALENCE &&
				 r->cmp->margin_type == TT_MARGIN_RATIO));
		/* scale: log is about lot-level analyses; profiles and
		 * stability lines use the values as given. */
		if (r->attr->scale == TT_SCALE_LOG && !tt_approach_is_lot_level(r->cmp->approach))
			tt_engine_warn(
				&ctx, r->cmp->loc,
				"%s: the attribute has scale: log, which applies to lot-level "
				"comparisons only; this %s comparison uses the values as "
				"given (to compare on the log scale, record the logs as an "
				"attribute of their own)",
				r->cmp->attribute, tt_approach_name(r->cmp->approach));
		ctx.index = i;
		run->n_comparisons = i + 1;
		if ((rc = run_comparison(&ctx, r)) != 0)
			goto fail;
	}
	conformance(&ctx);
	run->verdict = tt_engine_verdict(run);
	free_ctx(&ctx, n_cmp);
	*out = run;
	return 0;
fail:
	free_ctx(&ctx, n_cmp);
	tt_run_free(run);
	return rc ? rc : TT_EINVAL;
}

static void free_profile(tt_profile_result *p)
{
	if (!p)
		return;
	free(p->times);
	free(p->ref_mean);
	free(p->test_mean);
	for (size_t i = 0; i < p->n_ref; i++)
		free(p->ref_lots[i]);
	for (size_t i = 0; i < p->n_test; i++)
		free(p->test_lots[i]);
	free(p->ref_lots);
	free(p->test_lots);
	free(p->ref_values);
	free(p->test_values);
	free(p);
}

void tt_run_free(tt_run *run)
{
	if (!run)
		return;
	for (size_t i = 0; i < run->n_comparisons; i++) {
		tt_comparison_result *r = &run->comparisons[i];
		free(r->reason);
		free(r->rule);
		free(r->plot);
		free_site_values(&r->source);
		free_site_values(&r->receiving);
		free_profile(r->profile);
		if (r->stability) {
			tt_stability_result_free(r->stability);
			free(r->stability);
		}
		tt_series_free(r->series_source);
		tt_series_free(r->series_receiving);
	}
	free(run->comparisons);
	for (size_t i = 0; i < run->n_conformance; i++) {
		tt_conformance *cf = &run->conformance[i];
		free(cf->spec_text);
		free(cf->out_of_spec);
		for (size_t k = 0; k < cf->n_out_of_spec; k++)
			free(cf->out_of_spec_values[k]);
		free(cf->out_of_spec_values);
		free(cf->not_tested);
		free(cf->excluded_out_of_spec);
		for (size_t k = 0; k < cf->n_excluded_out_of_spec; k++)
			free(cf->excluded_out_of_spec_values[k]);
		free(cf->excluded_out_of_spec_values);
	}
	free(run->conformance);
	for (size_t i = 0; i < run->n_out_of_spec; i++)
		free(run->out_of_spec[i].sentence);
	free(run->out_of_spec);
	for (size_t i = 0; i < run->n_excluded; i++)
		free(run->excluded[i].values);
	free(run->excluded);
	for (size_t i = 0; i < run->n_warnings; i++)
		free(run->warnings[i]);
	free(run->warnings);
	for (size_t i = 0; i < run->n_inputs; i++) {
		free(run->inputs[i].path);
		free(run->inputs[i].role);
	}
	free(run->inputs);
	free(run->generated_at);
	free(run->command_line);
	free(run->tt_version);
	free(run->gsl_version);
	free(run->yaml_version);
	free(run->locked_at);
	tt_lock_free(run->lock);
	free(run->exclude_at_first_lock);
	tt_lots_free(run->source_lots);
	tt_lots_free(run->receiving_lots);
	tt_diff_free(run->diff);
	tt_study_free(run->study);
	free(run);
}
