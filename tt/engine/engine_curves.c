/*
 * engine_curves.c - the profile and stability approaches of the run engine
 * (METHODS.md "f2", "Bootstrap f2", "MSD", "Stability").
 *
 * Their long-form tables are read, and profiles aligned, before anything is
 * computed (tt_engine_load_curves), so that a time grid that differs
 * between sites is reported with the other input errors.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/stats/curves.h"
#include "tt/engine/engine_curves.h"
#include "tt/base/util.h"

/* Excluded lot ids of the study, as the curves functions take them. */
static const char **exclusions(const tt_study *st)
{
	const char **ids = tt_xcalloc(st->n_exclude + 1, sizeof *ids);
	for (size_t i = 0; i < st->n_exclude; i++)
		ids[i] = st->exclude[i].lot;
	return ids;
}

/* Copies diagnostics of a curves function into the run: errors stay
 * errors (bad input); warnings become report warnings, prefixed with the
 * attribute. */
static void take_diags(tt_engine_ctx *ctx, const tt_comparison *c, tt_diags *local)
{
	for (size_t i = 0; i < local->count; i++) {
		const tt_diag *g = &local->items[i];
		tt_loc loc = { g->file ? g->file : c->loc.file, g->file ? g->line : c->loc.line,
			       g->file ? g->col : c->loc.col };
		if (g->severity == TT_SEV_ERROR)
			tt_diags_add(ctx->d, TT_SEV_ERROR, loc.file, loc.line, loc.col, "%s",
				     g->message);
		else
			tt_engine_warn(ctx, loc, "%s: %s", c->attribute, g->message);
	}
}

void tt_engine_load_curves(tt_engine_ctx *ctx)
{
	const tt_study *st = ctx->run->study;
	size_t n = st->n_comparisons;
	ctx->series_source = tt_xcalloc(n ? n : 1, sizeof *ctx->series_source);
	ctx->series_receiving = tt_xcalloc(n ? n : 1, sizeof *ctx->series_receiving);
	ctx->profiles = tt_xcalloc(n ? n : 1, sizeof *ctx->profiles);
	ctx->profile_warnings = tt_xcalloc(n ? n : 1, sizeof *ctx->profile_warnings);
	ctx->n_profile_warnings_alloc = n;
	for (size_t i = 0; i < n; i++) {
		const tt_comparison *c = &st->comparisons[i];
		if (c->approach != TT_APPROACH_PROFILE && c->approach != TT_APPROACH_STABILITY)
			continue;
		int a = tt_series_load(&ctx->series_source[i], c->data_source, ctx->d);
		int b = tt_series_load(&ctx->series_receiving[i], c->data_receiving, ctx->d);
		if (a || b || c->approach != TT_APPROACH_PROFILE)
			continue;
		const char **ex = exclusions(st);
		tt_diags local = TT_DIAGS_INIT;
		ctx->profiles[i] = tt_xcalloc(1, sizeof *ctx->profiles[i]);
		if (tt_profile_align(ctx->profiles[i], ctx->series_source[i],
				     ctx->series_receiving[i], ex, st->n_exclude, &local)) {
			free(ctx->profiles[i]);
			ctx->profiles[i] = NULL;
			if (!local.errors)
				tt_diags_error(ctx->d, c->data_loc, "%s: %s", c->attribute,
					       tt_error_last());
		}
		/* Warnings wait until the comparison runs, so that they land in
		 * the report; errors are input errors now. */
		for (size_t k = 0; k < local.count; k++)
			if (local.items[k].severity == TT_SEV_ERROR)
				tt_diags_add(ctx->d, TT_SEV_ERROR, local.items[k].file,
					     local.items[k].line, local.items[k].col, "%s",
					     local.items[k].message);
		for (size_t k = 0; ctx->profiles[i] && k < local.count; k++)
			if (local.items[k].severity != TT_SEV_ERROR)
				tt_diags_add(&ctx->profile_warnings[i], local.items[k].severity,
					     local.items[k].file, local.items[k].line,
					     local.items[k].col, "%s", local.items[k].message);
		tt_diags_free(&local);
		free(ex);
	}
}

static void set_reason(tt_comparison_result *r, tt_outcome o, char *reason)
{
	r->outcome = o;
	free(r->reason);
	r->reason = reason;
}

/* A statistic the data cannot give: inconclusive with the reason. */
static int inconclusive(tt_engine_ctx *ctx, tt_comparison_result *r, int rc)
{
	if (rc != TT_EINVAL && rc != TT_EDOMAIN && rc != TT_ENOCONV)
		return rc;
	set_reason(r, TT_OUTCOME_INCONCLUSIVE, tt_xstrdup(tt_error_last()));
	tt_engine_warn(ctx, r->cmp->loc, "%s: inconclusive: %s", r->cmp->attribute, r->reason);
	return 0;
}

int tt_engine_run_profile(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	size_t i = ctx->index;
	tt_profile *prof = ctx->profiles[i];
	r->series_source = ctx->series_source[i];
	r->series_receiving = ctx->series_receiving[i];
	ctx->series_source[i] = ctx->series_receiving[i] = NULL;
	take_diags(ctx, c, &ctx->profile_warnings[i]);

	switch (c->profile_method) {
	case TT_PROFILE_F2:
		r->rule =
			tt_xstrdup("Similar if f2 >= 50, f2 computed on the mean profiles of the "
				   "two sites over the time points every lot has, t = 0 excluded "
				   "(FDA 1997 dissolution guidance; EMA bioequivalence guideline; "
				   "Shah et al. 1998).");
		break;
	case TT_PROFILE_BOOTSTRAP_F2:
		r->rule = tt_xasprintf(
			"Similar if the lower bound of the %g%% BCa bootstrap "
			"interval of f2 is at least 50; %ld resamples of lots within "
			"each site, seed %llu (Shah et al. 1998; Efron and Tibshirani "
			"1993).",
			100 * r->ci_level, c->bootstrap, (unsigned long long)ctx->seed);
		break;
	default:
		r->rule =
			tt_xasprintf("Similar if the upper bound of the %g Hotelling region of the "
				     "Mahalanobis distance between the mean profiles is below the "
				     "Mahalanobis length of a difference of %g %s at every time "
				     "point (Tsong et al. 1996).",
				     c->region_level, c->msd_limit,
				     r->attr && r->attr->unit ? r->attr->unit : "");
	}

	tt_profile_result *p = tt_xcalloc(1, sizeof *p);
	r->profile = p;
	/* The run keeps the aligned matrices for the figures and tables. */
	p->p = prof->p;
	p->times = prof->time;
	p->n_ref = prof->n_ref;
	p->n_test = prof->n_test;
	p->ref_values = prof->ref;
	p->test_values = prof->test;
	p->ref_lots = prof->ref_lots;
	p->test_lots = prof->test_lots;
	prof->time = prof->ref = prof->test = NULL;
	prof->ref_lots = prof->test_lots = NULL;
	prof->n_ref = prof->n_test = 0;
	p->ref_mean = tt_xmalloc(p->p * sizeof *p->ref_mean);
	p->test_mean = tt_xmalloc(p->p * sizeof *p->test_mean);
	tt_profile_mean(p->ref_mean, p->ref_values, p->n_ref, p->p);
	tt_profile_mean(p->test_mean, p->test_values, p->n_test, p->p);

	char buf[3][40];
	if (c->profile_method == TT_PROFILE_MSD) {
		tt_msd_options mo = TT_MSD_OPTIONS_INIT;
		mo.region_level = c->region_level;
		mo.msd_limit = c->msd_limit;
		tt_msd_result m;
		int rc = tt_msd(&m, p->ref_values, p->n_ref, p->test_values, p->n_test, p->p, &mo);
		if (rc)
			return inconclusive(ctx, r, rc);
		p->msd = m.msd;
		p->msd_upper = m.msd_upper;
		p->msd_limit = m.msd_limit;
		p->msd_k = m.k;
		p->msd_f_quantile = m.f_quantile;
		p->similar = m.similar;
		set_reason(
			r, m.similar ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL,
			tt_xasprintf("the upper bound of the Mahalanobis distance, %s, is %s the "
				     "similarity limit %s",
				     tt_format_human(buf[0], 40, m.msd_upper, 4),
				     m.similar ? "below" : "not below",
				     tt_format_human(buf[1], 40, m.msd_limit, 4)));
		return 0;
	}

	tt_diags local = TT_DIAGS_INIT;
	tt_f2_check(&local, p->ref_values, p->n_ref, p->test_values, p->n_test, p->p, p->times);
	take_diags(ctx, c, &local);
	tt_diags_free(&local);
	if (c->profile_method == TT_PROFILE_F2) {
		int rc = tt_f2(&p->f2, p->ref_mean, p->test_mean, p->p);
		if (rc)
			return inconclusive(ctx, r, rc);
		p->similar = p->f2 >= 50;
		set_reason(r, p->similar ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL,
			   tt_xasprintf("f2 = %s over %zu time points (similar at 50 or more)",
					tt_format_human(buf[0], 40, p->f2, 4), p->p));
		return 0;
	}
	tt_f2_boot_options bo = TT_F2_BOOT_OPTIONS_INIT;
	bo.n_boot = (size_t)c->bootstrap;
	bo.level = r->ci_level;
	bo.seed = ctx->seed;
	bo.threads = 2;
	tt_f2_boot_result br;
	int rc =
		tt_f2_bootstrap(&br, p->ref_values, p->n_ref, p->test_values, p->n_test, p->p, &bo);
	if (rc)
		return inconclusive(ctx, r, rc);
	p->f2 = br.f2;
	p->has_f2_ci = true;
	p->f2_ci_lower = br.ci_lower;
	p->f2_ci_upper = br.ci_upper;
	p->bootstrap = c->bootstrap;
	p->similar = br.similar;
	set_reason(r, br.similar ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL,
		   tt_xasprintf("f2 = %s, %g%% BCa interval [%s, %s]; its lower bound is %s 50",
				tt_format_human(buf[0], 40, br.f2, 4), 100 * r->ci_level,
				tt_format_human(buf[1], 40, br.ci_lower, 4),
				tt_format_human(buf[2], 40, br.ci_upper, 4),
				br.similar ? "at least" : "below"));
	return 0;
}

int tt_engine_run_stability(tt_engine_ctx *ctx, tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	const tt_study *st = ctx->run->study;
	size_t i = ctx->index;
	r->series_source = ctx->series_source[i];
	r->series_receiving = ctx->series_receiving[i];
	ctx->series_source[i] = ctx->series_receiving[i] = NULL;

	tt_stability_options so = TT_STABILITY_OPTIONS_INIT;
	so.alpha = st->alpha;
	so.has_slope_margin = c->has_slope_margin;
	so.slope_margin = c->slope_margin;
	if (r->attr && r->attr->type == TT_ATTR_CONTINUOUS) {
		so.has_spec_min = r->attr->has_min;
		so.spec_min = r->attr->min;
		so.has_spec_max = r->attr->has_max;
		so.spec_max = r->attr->max;
		r->has_shelf_life_spec = r->attr->has_min || r->attr->has_max;
	}
	r->pool_level = so.pool_level;

	double level = 100 * r->ci_level;
	if (c->has_slope_margin)
		r->rule = tt_xasprintf(
			"Slopes equivalent if the %g%% confidence interval of the difference of "
			"the "
			"mean lot slopes (receiving - source; Welch, lots as units) lies strictly "
			"inside +/- %g per time unit; per site, ICH Q1E poolability of lots at %g "
			"and the shelf life where the one-sided %g%% confidence bound crosses the "
			"specification (ICH Q1E).",
			level, c->slope_margin, so.pool_level, 100 * so.bound_confidence);
	else
		r->rule = tt_xasprintf(
			"Shown for information (no slope margin given): the difference of the mean "
			"lot slopes with its %g%% confidence interval (Welch, lots as units), ICH "
			"Q1E poolability at %g and the shelf life per site (ICH Q1E).",
			level, so.pool_level);

	const char **ex = exclusions(st);
	so.exclude = ex;
	so.n_exclude = st->n_exclude;
	tt_stability_result *s = tt_xcalloc(1, sizeof *s);
	int rc = tt_stability(s, r->series_source, r->series_receiving, &so);
	free(ex);
	if (rc) {
		free(s);
		return inconclusive(ctx, r, rc);
	}
	r->stability = s;
	char b[4][40];
	const char *verdict = c->has_slope_margin ? (s->pass ? "lies inside" : "is not inside")
						  : "is shown against no margin";
	r->outcome = !c->has_slope_margin ? TT_OUTCOME_INFO
		     : s->pass            ? TT_OUTCOME_PASS
					  : TT_OUTCOME_FAIL;
	r->reason = tt_xasprintf(
		"slope difference %s, %g%% CI [%s, %s] %s%s%s",
		tt_format_human(b[0], 40, s->slope_difference, 4), level,
		tt_format_human(b[1], 40, s->ci_lower, 4),
		tt_format_human(b[2], 40, s->ci_upper, 4), verdict,
		c->has_slope_margin ? " the margin +/- " : "",
		c->has_slope_margin ? (snprintf(b[3], 40, "%g", c->slope_margin), b[3]) : "");
	return 0;
}

void tt_engine_free_curves(tt_engine_ctx *ctx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (ctx->profiles && ctx->profiles[i]) {
			tt_profile_free(ctx->profiles[i]);
			free(ctx->profiles[i]);
		}
		if (ctx->profile_warnings && i < ctx->n_profile_warnings_alloc)
			tt_diags_free(&ctx->profile_warnings[i]);
	}
	free(ctx->profiles);
	free(ctx->profile_warnings);
}
