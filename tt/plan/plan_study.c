/*
 * plan_study.c - a study's plan: every comparison's pass probability,
 * scenarios, patient's risk, lot counts and curves (plan.h, CONTRACT.md
 * "tt plan").
 *
 * What is assumed, in order of precedence:
 *   - lot counts: the plan block's n_source and n_receiving, else the lots
 *     in the data with a value for the attribute (after `exclude`); a
 *     paired equivalence counts complete pairs at the receiving site;
 *   - the true sd and mean (analysis scale): the plan block's assumption
 *     for the attribute, else the source lots' (the CONTRACT: "true sd =
 *     the source lots' sd");
 *   - the correlation of a paired design: the plan block's, else
 *     TT_PLAN_DEFAULT_CORRELATION, with a warning;
 *   - the receiving process equals the source (difference 0, sd ratio 1)
 *     for pass_probability, lots_for_80 and the lot-count curve.
 * Every one of them is written into the result, so the report can say it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/plan/plan.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"
#include "tt/input/study.h"
#include "tt/base/util.h"

static const double scenario_difference[TT_PLAN_N_DIFFERENCES] = { 0.0, 0.25, 0.5, 1.0 };
const double tt_plan_sd_ratios[TT_PLAN_N_SD_RATIOS] = { 1.0, 1.5 };

const char *tt_plan_from_name(tt_plan_from f)
{
	static const char *const names[TT_PLAN_FROM_COUNT] = {
		[TT_PLAN_FROM_NONE] = NULL,
		[TT_PLAN_FROM_DATA] = "data",
		[TT_PLAN_FROM_PLAN] = "plan",
		[TT_PLAN_FROM_PLAN_AND_DATA] = "plan and data",
	};
	return (unsigned)f < TT_PLAN_FROM_COUNT ? names[f] : NULL;
}

bool tt_plan_approach_has_rule(tt_approach a)
{
	return tt_approach_is_lot_level(a) && a != TT_APPROACH_GRAPHICAL;
}

static void add_note(tt_plan_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(tt_plan_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = tt_xvasprintf(fmt, ap);
	va_end(ap);
	r->notes = tt_xrealloc(r->notes, (r->n_notes + 1) * sizeof *r->notes);
	r->notes[r->n_notes++] = s;
}

static void add_input(tt_plan_result *r, const char *path, const char *role,
		      const unsigned char sha[32])
{
	r->inputs = tt_xrealloc(r->inputs, (r->n_inputs + 1) * sizeof *r->inputs);
	tt_plan_input *in = &r->inputs[r->n_inputs++];
	in->path = tt_xstrdup(path);
	in->role = role;
	tt_sha256_hex(sha, in->sha256);
}

static bool excluded(const tt_study *st, const char *lot)
{
	for (size_t i = 0; i < st->n_exclude; i++)
		if (st->exclude[i].lot && strcmp(st->exclude[i].lot, lot) == 0)
			return true;
	return false;
}

/* The value of attribute column col in row i, if a usable number. */
static bool cell_value(const tt_column *col, size_t i, bool log_scale, double *v)
{
	const tt_cell *c = &col->cells[i];
	if (c->kind != TT_CELL_NUMBER || !isfinite(c->value))
		return false;
	if (log_scale) {
		if (!(c->value > 0.0))
			return false;
		*v = log(c->value);
	} else {
		*v = c->value;
	}
	return true;
}

/* A site's values of attr on the analysis scale (excluded lots and
 * missing values left out): a new array, its length in *n. */
static double *site_values(const tt_study *st, const tt_lots *lots, const char *attr,
			   bool log_scale, size_t *n)
{
	*n = 0;
	const tt_column *col = lots ? tt_lots_column(lots, attr) : NULL;
	if (!col)
		return NULL;
	double *x = tt_xmalloc((lots->n_lots ? lots->n_lots : 1) * sizeof *x);
	for (size_t i = 0; i < lots->n_lots; i++) {
		double v;
		if (!excluded(st, lots->lot[i]) && cell_value(col, i, log_scale, &v))
			x[(*n)++] = v;
	}
	return x;
}

/* Complete pairs of attr: receiving lots with a value whose pair id names a
 * source lot with a value. */
static size_t complete_pairs(const tt_study *st, const tt_lots *src, const tt_lots *rcv,
			     const char *attr, bool log_scale)
{
	const tt_column *cs = tt_lots_column(src, attr), *cr = tt_lots_column(rcv, attr);
	if (!cs || !cr || !src->pair || !rcv->pair)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < rcv->n_lots; i++) {
		double v;
		if (!rcv->pair[i] || excluded(st, rcv->lot[i]) || !cell_value(cr, i, log_scale, &v))
			continue;
		for (size_t j = 0; j < src->n_lots; j++) {
			if (src->pair[j] && strcmp(src->pair[j], rcv->pair[i]) == 0 &&
			    !excluded(st, src->lot[j]) && cell_value(cs, j, log_scale, &v)) {
				n++;
				break;
			}
		}
	}
	return n;
}

static const tt_plan_assumption *assumption_for(const tt_study *st, const char *attr)
{
	for (size_t i = 0; i < st->plan.n_assumptions; i++)
		if (st->plan.assumptions[i].attribute &&
		    strcmp(st->plan.assumptions[i].attribute, attr) == 0)
			return &st->plan.assumptions[i];
	return NULL;
}

static tt_plan_rule rule_of(const tt_study *st, const tt_comparison *c)
{
	tt_plan_rule r = TT_PLAN_RULE_INIT;
	r.approach = c->approach;
	r.design = st->design;
	r.alpha = st->alpha;
	r.margin_type = c->margin_type;
	r.margin = c->margin;
	r.variance = c->variance;
	r.k = c->k;
	r.min_fraction = c->min_fraction;
	r.ti.content = c->content;
	r.ti.confidence = c->confidence;
	r.ti.sides = c->sides;
	r.ti.direction = c->direction;
	r.ti.method = c->ti_method;
	return r;
}

/* The true difference at which the patient's risk is given, in sds, and
 * what it is in words (*basis). */
static double risk_difference(const tt_plan_rule *rule, const tt_plan_truth *t, const char **basis)
{
	if (rule->approach != TT_APPROACH_EQUIVALENCE) {
		*basis = "the FDA tier 1 margin";
		return TT_PLAN_DEFAULT_RISK_DIFFERENCE;
	}
	*basis = "the margin";
	/* The margin at the truth, in sds: there a sigma margin's sR is the
	 * true sd, so it is k sds. */
	if (rule->margin_type == TT_MARGIN_SIGMA)
		return rule->margin;
	return tt_decide_tost_margin(rule->margin_type, rule->margin, t->sd, t->mean) / t->sd;
}

/*
 * Comparisons of a study often share a rule (three quality ranges of k 3
 * over the same lots): their probabilities are the same numbers, computed
 * from the same seed, so each is computed once.  The key holds everything
 * the probability depends on, with what it does not depend on set to 0.
 */
#define MEMO_KEY 21

struct memo {
	double (*keys)[MEMO_KEY];
	tt_plan_prob *probs;
	size_t *lots; /* lots_for entries: the count found */
	size_t n, cap;
};

static void memo_key(double key[MEMO_KEY], int kind, const tt_plan_rule *r, size_t nR, size_t nT,
		     const tt_plan_truth *t)
{
	memset(key, 0, MEMO_KEY * sizeof *key);
	key[0] = kind;
	key[1] = r->approach;
	key[2] = r->design;
	key[3] = (double)nR;
	key[4] = (double)nT;
	key[5] = t->difference_sd;
	key[6] = t->sd_ratio;
	if (r->design == TT_DESIGN_PAIRED)
		key[7] = t->correlation;
	switch (r->approach) {
	case TT_APPROACH_EQUIVALENCE:
		key[8] = r->alpha;
		key[9] = r->margin_type;
		key[10] = r->margin;
		key[11] = r->variance;
		if (tt_plan_rule_uses_sd(r))
			key[12] = t->sd;
		if (tt_plan_rule_uses_mean(r))
			key[13] = t->mean;
		break;
	case TT_APPROACH_QUALITY_RANGE:
		key[14] = r->k;
		key[15] = r->min_fraction;
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		key[16] = r->ti.content;
		key[17] = r->ti.confidence;
		key[18] = r->ti.sides;
		key[19] = r->ti.direction;
		key[20] = r->ti.method;
		break;
	default:
		break;
	}
}

static long memo_find(const struct memo *m, const double key[MEMO_KEY])
{
	for (size_t i = 0; i < m->n; i++)
		if (memcmp(m->keys[i], key, MEMO_KEY * sizeof *key) == 0)
			return (long)i;
	return -1;
}

static void memo_add(struct memo *m, const double key[MEMO_KEY], const tt_plan_prob *p, size_t lots)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->keys = tt_xrealloc(m->keys, m->cap * sizeof *m->keys);
		m->probs = tt_xrealloc(m->probs, m->cap * sizeof *m->probs);
		m->lots = tt_xrealloc(m->lots, m->cap * sizeof *m->lots);
	}
	memcpy(m->keys[m->n], key, MEMO_KEY * sizeof *key);
	m->probs[m->n] = *p;
	m->lots[m->n] = lots;
	m->n++;
}

static int pass_prob(struct memo *m, tt_plan_prob *out, const tt_plan_rule *rule, size_t nR,
		     size_t nT, const tt_plan_truth *t, const tt_plan_options *opt)
{
	double key[MEMO_KEY];
	memo_key(key, 0, rule, nR, nT, t);
	long i = memo_find(m, key);
	if (i >= 0) {
		*out = m->probs[i];
		return 0;
	}
	int rc = tt_plan_pass_probability(out, rule, nR, nT, t, opt);
	if (!rc)
		memo_add(m, key, out, 0);
	return rc;
}

static int lots_for(struct memo *m, size_t *n, tt_plan_prob *at, const tt_plan_rule *rule,
		    const tt_plan_truth *t, const tt_plan_options *opt)
{
	double key[MEMO_KEY];
	memo_key(key, 1, rule, 0, 0, t);
	long i = memo_find(m, key);
	if (i >= 0) {
		*at = m->probs[i];
		*n = m->lots[i];
		return 0;
	}
	int rc = tt_plan_lots_for(n, at, 0.8, TT_PLAN_MAX_LOTS, rule, t, opt);
	if (!rc)
		memo_add(m, key, at, *n);
	return rc;
}

static void memo_free(struct memo *m)
{
	free(m->keys);
	free(m->probs);
	free(m->lots);
}

/* Everything tt plan computes for one planned comparison. */
static int compute(tt_plan_comparison *pc, struct memo *m, const tt_plan_options *opt)
{
	const tt_plan_rule *rule = &pc->rule;
	tt_plan_truth t = pc->truth;
	int rc = pass_prob(m, &pc->pass, rule, pc->n_source, pc->n_receiving, &t, opt);
	if (rc)
		return rc;
	for (int i = 0; i < TT_PLAN_N_DIFFERENCES; i++) {
		for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++) {
			tt_plan_scenario *s = &pc->scenarios[i * TT_PLAN_N_SD_RATIOS + j];
			s->difference_sd = scenario_difference[i];
			s->sd_ratio = tt_plan_sd_ratios[j];
			t.difference_sd = s->difference_sd;
			t.sd_ratio = s->sd_ratio;
			if (i == 0 && j == 0) {
				s->prob = pc->pass;
				continue;
			}
			if ((rc = pass_prob(m, &s->prob, rule, pc->n_source, pc->n_receiving, &t,
					    opt)))
				return rc;
		}
	}
	t = pc->truth;
	pc->patient_risk_difference_sd = risk_difference(rule, &t, &pc->patient_risk_basis);
	t.difference_sd = pc->patient_risk_difference_sd;
	if ((rc = pass_prob(m, &pc->patient_risk, rule, pc->n_source, pc->n_receiving, &t, opt)))
		return rc;
	t = pc->truth;
	if ((rc = lots_for(m, &pc->lots_for_80, &pc->lots_for_80_prob, rule, &t, opt)))
		return rc;

	pc->n_by_lots = TT_PLAN_CURVE_MAX_LOTS - 1;
	pc->lots = tt_xcalloc(pc->n_by_lots, sizeof *pc->lots);
	pc->by_lots = tt_xcalloc(pc->n_by_lots, sizeof *pc->by_lots);
	for (size_t i = 0; i < pc->n_by_lots; i++) {
		pc->lots[i] = i + 2;
		if ((rc = pass_prob(m, &pc->by_lots[i], rule, i + 2, i + 2, &t, opt)))
			return rc;
	}
	pc->n_by_difference = TT_PLAN_CURVE_DIFFERENCES;
	pc->differences = tt_xcalloc(pc->n_by_difference, sizeof *pc->differences);
	for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++) {
		pc->by_difference[j] =
			tt_xcalloc(pc->n_by_difference, sizeof *pc->by_difference[j]);
		for (size_t i = 0; i < pc->n_by_difference; i++) {
			pc->differences[i] = 0.1 * (double)i * pc->patient_risk_difference_sd;
			t.difference_sd = pc->differences[i];
			t.sd_ratio = tt_plan_sd_ratios[j];
			if ((rc = pass_prob(m, &pc->by_difference[j][i], rule, pc->n_source,
					    pc->n_receiving, &t, opt)))
				return rc;
		}
	}
	return 0;
}

static void not_planned(tt_plan_comparison *pc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void not_planned(tt_plan_comparison *pc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pc->planned = false;
	free(pc->reason);
	pc->reason = tt_xvasprintf(fmt, ap);
	va_end(ap);
}

/* Fills pc's rule, truth and counts; false (with an error in d, or a
 * reason) when it cannot be planned. */
static bool resolve(tt_plan_result *res, tt_plan_comparison *pc, const tt_study *st,
		    const tt_comparison *c, const tt_lots *src, const tt_lots *rcv, tt_diags *d)
{
	pc->rule = rule_of(st, c);
	bool log_scale = c->scale == TT_SCALE_LOG;
	const char *scale_words = log_scale ? " of the ln values" : "";

	size_t nx = 0, ny = 0;
	double *x = site_values(st, src, c->attribute, log_scale, &nx);
	double *y = site_values(st, rcv, c->attribute, log_scale, &ny);
	free(y);
	bool paired_eq = st->design == TT_DESIGN_PAIRED && c->approach == TT_APPROACH_EQUIVALENCE;
	pc->counts_pairs = paired_eq;
	if (paired_eq && src && rcv)
		ny = complete_pairs(st, src, rcv, c->attribute, log_scale);

	/* Lot counts. */
	pc->counts_from = TT_PLAN_FROM_DATA;
	pc->n_source = st->plan.n_source > 0 ? (size_t)st->plan.n_source : (src ? nx : 0);
	pc->n_receiving = st->plan.n_receiving > 0 ? (size_t)st->plan.n_receiving : (rcv ? ny : 0);
	if (st->plan.n_source > 0 && st->plan.n_receiving > 0)
		pc->counts_from = TT_PLAN_FROM_PLAN;
	else if (st->plan.n_source > 0 || st->plan.n_receiving > 0)
		pc->counts_from = TT_PLAN_FROM_PLAN_AND_DATA;

	/* The truth. */
	tt_plan_truth t = TT_PLAN_TRUTH_INIT;
	t.correlation = res->correlation;
	const tt_plan_assumption *a = assumption_for(st, c->attribute);
	if (a && a->has_sd) {
		t.sd = a->sd;
		pc->has_sd = true;
		pc->sd_from = TT_PLAN_FROM_PLAN;
	} else if (nx >= 2) {
		t.sd = tt_sd(x, nx);
		pc->has_sd = true;
		pc->sd_from = TT_PLAN_FROM_DATA;
	}
	if (a && a->has_mean) {
		t.mean = a->mean;
		pc->has_mean = true;
		pc->mean_from = TT_PLAN_FROM_PLAN;
	} else if (nx >= 1) {
		t.mean = tt_mean(x, nx);
		pc->has_mean = true;
		pc->mean_from = TT_PLAN_FROM_DATA;
	}
	free(x);
	pc->truth = t;

	bool ok = true;
	if (!src && st->plan.n_source <= 0) {
		ok = false; /* one error for the study, below */
	}
	if (!rcv && st->plan.n_receiving <= 0)
		ok = false;
	if (!ok)
		return false;
	bool needs_sd = tt_plan_rule_uses_sd(&pc->rule);
	if (needs_sd && !pc->has_sd) {
		tt_diags_error(d, c->loc,
			       "the %s margin of '%s' needs the attribute's true sd: give the "
			       "source lots or a plan assumption { attribute: %s, sd: ... }",
			       tt_margin_type_name(c->margin_type), c->attribute, c->attribute);
		return false;
	}
	if (needs_sd && !(t.sd > 0.0)) {
		not_planned(pc, "the source lots of '%s' have no spread (sd%s 0)", c->attribute,
			    scale_words);
		return false;
	}
	if (tt_plan_rule_uses_mean(&pc->rule) && (!pc->has_mean || t.mean == 0.0)) {
		if (!pc->has_mean)
			tt_diags_error(
				d, c->loc,
				"the percent margin of '%s' needs the attribute's true mean: "
				"give the source lots or a plan assumption { attribute: %s, "
				"mean: ... }",
				c->attribute, c->attribute);
		else
			not_planned(pc, "the source mean of '%s' is 0: a percent margin would be 0",
				    c->attribute);
		return false;
	}
	size_t need_s, need_r;
	tt_approach_min_lots(c->approach, &need_s, &need_r);
	if (pc->n_source < need_s || pc->n_receiving < need_r) {
		not_planned(pc, "too few lots with a value of '%s' (%zu source, %zu %s)",
			    c->attribute, pc->n_source, pc->n_receiving,
			    paired_eq ? "complete pairs" : "receiving");
		return false;
	}
	if (paired_eq && pc->n_source < pc->n_receiving)
		pc->n_receiving = pc->n_source;
	return true;
}

static void study_probability(tt_plan_result *res)
{
	double p = 1.0;
	bool all = true;
	for (size_t i = 0; i < res->n_comparisons; i++) {
		const tt_plan_comparison *pc = &res->comparisons[i];
		if (!pc->counts_in_study)
			continue;
		if (!pc->planned) {
			if (pc->approach == TT_APPROACH_PROFILE ||
			    pc->approach == TT_APPROACH_STABILITY)
				continue;
			all = false;
			continue;
		}
		p *= pc->pass.p;
	}
	res->has_study_pass = all;
	if (!all)
		return;
	/* The delta method: the error of a product of independent estimates
	 * is sqrt(sum_i (P / p_i)^2 e_i^2), written without dividing by p_i. */
	double var = 0.0;
	for (size_t i = 0; i < res->n_comparisons; i++) {
		const tt_plan_comparison *pi = &res->comparisons[i];
		if (!pi->planned || !pi->counts_in_study || pi->pass.mc_error == 0.0)
			continue;
		double others = 1.0;
		for (size_t j = 0; j < res->n_comparisons; j++) {
			const tt_plan_comparison *pj = &res->comparisons[j];
			if (j != i && pj->planned && pj->counts_in_study)
				others *= pj->pass.p;
		}
		var += others * others * pi->pass.mc_error * pi->pass.mc_error;
	}
	res->study_pass_probability = p;
	res->study_mc_error = sqrt(var);
}

int tt_plan_study(tt_plan_result **out, const tt_study *st, const tt_lots *src, const tt_lots *rcv,
		  const tt_plan_options *opt, tt_diags *d)
{
	*out = NULL;
	tt_plan_result *res = tt_xcalloc(1, sizeof *res);
	res->study_id = tt_xstrdup(st->id ? st->id : "");
	res->title = st->title ? tt_xstrdup(st->title) : NULL;
	res->protocol = st->protocol ? tt_xstrdup(st->protocol) : NULL;
	res->seed = opt->seed;
	res->design = st->design;
	res->alpha = st->alpha;
	res->mc_error = opt->mc_error;
	res->correlation = TT_PLAN_DEFAULT_CORRELATION;
	if (st->plan.has_correlation) {
		res->correlation = st->plan.correlation;
	} else if (st->design == TT_DESIGN_PAIRED) {
		res->correlation_assumed = true;
		tt_loc loc = st->plan.present ? st->plan.loc : st->loc;
		tt_diags_warning(d, loc,
				 "the paired design's between-donor correlation is assumed to be "
				 "%g; give it as 'correlation' in the plan block",
				 TT_PLAN_DEFAULT_CORRELATION);
		add_note(res,
			 "The between-donor correlation of the paired design is assumed to be %g "
			 "(the study's plan block gives none).",
			 TT_PLAN_DEFAULT_CORRELATION);
	}

	add_input(res, st->path, "study", st->sha256);
	if (st->source_spec)
		add_input(res, st->source_spec->path, "source process", st->source_spec->sha256);
	if (st->receiving_spec)
		add_input(res, st->receiving_spec->path, "receiving process",
			  st->receiving_spec->sha256);
	if (src)
		add_input(res, src->path, "source lots", src->sha256);
	if (rcv)
		add_input(res, rcv->path, "receiving lots", rcv->sha256);

	size_t errors = d->errors;
	bool any_rule = false;
	for (size_t i = 0; i < st->n_comparisons; i++)
		any_rule |= tt_plan_approach_has_rule(st->comparisons[i].approach);
	tt_loc where = st->plan.present ? st->plan.loc : st->loc;
	if (any_rule && !src && st->plan.n_source <= 0)
		tt_diags_error(d, where,
			       "no source lot count: give the source data or 'n_source' in the "
			       "plan block");
	if (any_rule && !rcv && st->plan.n_receiving <= 0)
		tt_diags_error(d, where,
			       "no receiving lot count: give the receiving data or 'n_receiving' "
			       "in the plan block");

	res->n_comparisons = st->n_comparisons;
	res->comparisons =
		tt_xcalloc(st->n_comparisons ? st->n_comparisons : 1, sizeof *res->comparisons);
	int rc = 0;
	size_t not_modelled = 0;
	struct memo memo = { 0 };
	for (size_t i = 0; i < st->n_comparisons && !rc; i++) {
		const tt_comparison *c = &st->comparisons[i];
		tt_plan_comparison *pc = &res->comparisons[i];
		pc->attribute = tt_xstrdup(c->attribute);
		pc->approach = c->approach;
		pc->scale = c->scale;
		pc->counts_in_study = c->approach != TT_APPROACH_GRAPHICAL;
		pc->rule = rule_of(st, c);
		switch (c->approach) {
		case TT_APPROACH_GRAPHICAL:
			not_planned(pc, "a graphical comparison has no pass or fail rule");
			continue;
		case TT_APPROACH_PROFILE:
		case TT_APPROACH_STABILITY:
			not_planned(pc,
				    "%s comparisons are not planned: whether they pass depends on "
				    "whole time courses, which tt plan does not model",
				    tt_approach_name(c->approach));
			not_modelled++;
			continue;
		default:
			break;
		}
		pc->planned = true;
		if (!resolve(res, pc, st, c, src, rcv, d)) {
			pc->planned = false;
			if (!pc->reason)
				pc->reason =
					tt_xstrdup("the lot counts or the true sd are not known");
			continue;
		}
		if ((rc = compute(pc, &memo, opt)) != 0)
			break;
	}
	memo_free(&memo);
	if (!rc && d->errors > errors)
		rc = TT_EINVAL;
	if (rc) {
		tt_plan_result_free(res);
		return rc;
	}
	study_probability(res);
	add_note(res, "The study's probability of passing is the product of its comparisons' "
		      "(graphical ones cannot fail), as if the attributes varied independently; "
		      "correlated attributes make it higher.  Release specifications are not "
		      "part of it.");
	if (not_modelled)
		add_note(res,
			 "%zu profile or stability comparison%s %s not planned and %s not part of "
			 "the study's probability.",
			 not_modelled, not_modelled == 1 ? "" : "s",
			 not_modelled == 1 ? "is" : "are", not_modelled == 1 ? "is" : "are");
	*out = res;
	return 0;
}

int tt_plan_study_file(tt_plan_result **out, const char *path, const tt_plan_options *opt,
		       bool has_seed, tt_diags *d)
{
	*out = NULL;
	tt_study *st = NULL;
	if (tt_study_load(&st, path, 0, d))
		return TT_EINVAL;
	tt_lots *src = NULL, *rcv = NULL;
	const char *paths[2] = { st->source_data, st->receiving_data };
	tt_loc locs[2] = { st->source_data_loc, st->receiving_data_loc };
	tt_lots **tables[2] = { &src, &rcv };
	const char *sites[2] = { "source", "receiving" };
	const tt_spec *specs[2] = { st->source_spec, st->receiving_spec };
	const long counts[2] = { st->plan.n_source, st->plan.n_receiving };
	for (int k = 0; k < 2; k++) {
		if (!paths[k])
			continue;
		if (!tt_path_is_file(paths[k])) {
			/* Planning comes before the lots: a data file not made
			 * yet is fine when the plan block gives the count. */
			if (counts[k] > 0)
				continue;
			tt_diags_error(d, locs[k],
				       "%s data file '%s' not found; give 'n_%s' in the plan block "
				       "to plan without it",
				       sites[k], paths[k], sites[k]);
			continue;
		}
		if (tt_lots_load(tables[k], paths[k], d) == 0)
			tt_lots_check(*tables[k], st, specs[k], sites[k], d);
	}
	if (src && rcv)
		tt_lots_check_exclusions(st, src, rcv, d);
	int rc = d->errors ? TT_EINVAL : 0;
	if (!rc) {
		tt_plan_options o = *opt;
		if (!has_seed)
			o.seed = st->has_seed ? st->seed : 1;
		rc = tt_plan_study(out, st, src, rcv, &o, d);
	}
	tt_lots_free(src);
	tt_lots_free(rcv);
	tt_study_free(st);
	return rc;
}

void tt_plan_result_free(tt_plan_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_comparisons; i++) {
		tt_plan_comparison *pc = &r->comparisons[i];
		free(pc->attribute);
		free(pc->reason);
		free(pc->lots);
		free(pc->by_lots);
		free(pc->differences);
		for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++)
			free(pc->by_difference[j]);
	}
	free(r->comparisons);
	for (size_t i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (size_t i = 0; i < r->n_inputs; i++)
		free(r->inputs[i].path);
	free(r->inputs);
	free(r->study_id);
	free(r->title);
	free(r->protocol);
	free(r);
}
