/*
 * plan_prob.c - pass probabilities of one rule: the choice between a
 * formula and a simulation, lot counts and grids (plan.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/plan/plan.h"
#include "tt/plan/plan_exact.h"
#include "tt/plan/plan_setup.h"
#include "tt/plan/plan_sim.h"
#include "tt/stats/stats.h"
#include "tt/base/util.h"

/* How many Monte Carlo errors below the target a screened lot count must
 * be for tt_plan_lots_for to skip computing it in full. */
#define SCREEN_ERRORS 5.0

const char *tt_plan_method_name(tt_plan_method m)
{
	return m == TT_PLAN_EXACT ? "exact" : "simulation";
}

bool tt_plan_prob_never(const tt_plan_prob *p)
{
	return p->method == TT_PLAN_EXACT && p->p == 0.0;
}

/* The Wilks order at n, 0 when no interval exists. */
static int nonparametric_order(size_t *r, const tt_plan_rule *rule, size_t n_source)
{
	int rc = tt_ti_nonparametric_order(r, NULL, n_source, &rule->ti);
	if (rc == TT_EDOMAIN) {
		tt_error_clear();
		*r = 0;
		return 0;
	}
	return rc;
}

/* Identical sites whose lots are all independent: then the nR + nT lots
 * are exchangeable. */
static bool identical_sites(const tt_plan_rule *rule, const tt_plan_truth *truth)
{
	return truth->difference_sd == 0.0 && truth->sd_ratio == 1.0 &&
	       (rule->design == TT_DESIGN_INDEPENDENT || truth->correlation == 0.0);
}

bool tt_plan_has_exact(const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		       const tt_plan_truth *truth)
{
	(void)n_receiving;
	switch (rule->approach) {
	case TT_APPROACH_EQUIVALENCE:
		if (rule->design == TT_DESIGN_PAIRED)
			return rule->margin_type == TT_MARGIN_ABSOLUTE ||
			       rule->margin_type == TT_MARGIN_RATIO;
		return rule->margin_type != TT_MARGIN_PERCENT;
	case TT_APPROACH_MIN_MAX:
		return identical_sites(rule, truth);
	case TT_APPROACH_TOLERANCE_INTERVAL: {
		if (rule->ti.method != TT_TI_NONPARAMETRIC)
			return false;
		if (identical_sites(rule, truth))
			return true;
		size_t r = 0;
		return nonparametric_order(&r, rule, n_source) == 0 && r == 0;
	}
	default:
		return false;
	}
}

int tt_plan_exact(double *p, const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		  const tt_plan_truth *truth)
{
	int rc = tt_plan_check(rule, n_source, n_receiving, truth);
	if (rc)
		return rc;
	if (!tt_plan_has_exact(rule, n_source, n_receiving, truth))
		return tt_error_set(TT_EDOMAIN,
				    "no formula for the pass probability of '%s' in "
				    "this case; it is simulated",
				    tt_approach_name(rule->approach));
	struct plan_setup su;
	tt_plan_setup(&su, rule, n_source, n_receiving, truth);
	switch (rule->approach) {
	case TT_APPROACH_EQUIVALENCE:
		if (rule->design == TT_DESIGN_PAIRED)
			return tt_plan_exact_paired(p, &su);
		return tt_plan_exact_equivalence(p, &su);
	case TT_APPROACH_MIN_MAX:
		*p = tt_plan_min_max_identical(n_source, n_receiving);
		return 0;
	case TT_APPROACH_TOLERANCE_INTERVAL: {
		size_t r = 0;
		if ((rc = nonparametric_order(&r, rule, n_source)))
			return rc;
		*p = r == 0 ? 0.0
			    : tt_plan_order_identical(n_source, n_receiving, r, rule->ti.sides);
		return 0;
	}
	default:
		return tt_error_set(TT_EINTERNAL, "no formula for approach %d",
				    (int)rule->approach);
	}
}

static int check_options(const tt_plan_options *opt)
{
	if (!(opt->mc_error > 0.0) || !(opt->mc_error < 0.5))
		return tt_error_set(TT_EINVAL,
				    "the Monte Carlo error must be between 0 and 0.5, not %g",
				    opt->mc_error);
	if (opt->min_replicates < 1 || opt->max_replicates < opt->min_replicates)
		return tt_error_set(TT_EINVAL, "the replicate counts must satisfy 1 <= min <= max");
	return 0;
}

int tt_plan_simulate(tt_plan_prob *out, const tt_plan_rule *rule, size_t n_source,
		     size_t n_receiving, const tt_plan_truth *truth, const tt_plan_options *opt)
{
	int rc = tt_plan_check(rule, n_source, n_receiving, truth);
	if (!rc)
		rc = check_options(opt);
	if (rc)
		return rc;
	struct plan_setup su;
	tt_plan_setup(&su, rule, n_source, n_receiving, truth);
	return tt_plan_simulate_setup(out, &su, opt, opt->min_replicates);
}

int tt_plan_pass_probability(tt_plan_prob *out, const tt_plan_rule *rule, size_t n_source,
			     size_t n_receiving, const tt_plan_truth *truth,
			     const tt_plan_options *opt)
{
	int rc = tt_plan_check(rule, n_source, n_receiving, truth);
	if (!rc)
		rc = check_options(opt);
	if (rc)
		return rc;
	if (!opt->simulate && tt_plan_has_exact(rule, n_source, n_receiving, truth)) {
		double p;
		if ((rc = tt_plan_exact(&p, rule, n_source, n_receiving, truth)))
			return rc;
		out->p = p;
		out->mc_error = 0.0;
		out->replicates = 0;
		out->method = TT_PLAN_EXACT;
		return 0;
	}
	return tt_plan_simulate(out, rule, n_source, n_receiving, truth, opt);
}

int tt_plan_lots_for(size_t *n, tt_plan_prob *at, double target, size_t max_n,
		     const tt_plan_rule *rule, const tt_plan_truth *truth,
		     const tt_plan_options *opt)
{
	if (!(target > 0.0 && target < 1.0))
		return tt_error_set(TT_EINVAL,
				    "the target probability must be between 0 and 1, "
				    "not %g",
				    target);
	if (max_n < 2 || max_n > PLAN_MAX_N)
		return tt_error_set(TT_EINVAL,
				    "the largest lot count must be between 2 and %d, "
				    "not %zu",
				    PLAN_MAX_N, max_n);
	int rc = tt_plan_check(rule, max_n, max_n, truth);
	if (!rc)
		rc = check_options(opt);
	if (rc)
		return rc;
	tt_plan_options screen = *opt;
	screen.min_replicates = 2 * TT_PLAN_BLOCK;
	screen.max_replicates = 2 * TT_PLAN_BLOCK;
	screen.simulate = true;
	for (size_t k = 2; k <= max_n; k++) {
		tt_plan_prob p;
		bool exact = !opt->simulate && tt_plan_has_exact(rule, k, k, truth);
		if (!exact && k < max_n) {
			if ((rc = tt_plan_pass_probability(&p, rule, k, k, truth, &screen)))
				return rc;
			if (p.p + SCREEN_ERRORS * p.mc_error < target)
				continue;
		}
		if ((rc = tt_plan_pass_probability(&p, rule, k, k, truth, opt)))
			return rc;
		*at = p;
		if (p.p >= target) {
			*n = k;
			return 0;
		}
	}
	*n = 0;
	return 0;
}

int tt_plan_grid_compute(tt_plan_grid *out, const tt_plan_rule *rule, size_t ns_lo, size_t ns_hi,
			 size_t nr_lo, size_t nr_hi, const tt_plan_truth *truth,
			 const tt_plan_options *opt)
{
	memset(out, 0, sizeof *out);
	if (ns_lo > ns_hi || nr_lo > nr_hi)
		return tt_error_set(TT_EINVAL, "a lot count range must not decrease");
	int rc = tt_plan_check(rule, ns_lo, nr_lo, truth);
	if (!rc)
		rc = tt_plan_check(rule, ns_hi, nr_hi, truth);
	if (rc)
		return rc;
	size_t rows = ns_hi - ns_lo + 1, cols = nr_hi - nr_lo + 1;
	tt_plan_prob *cells = tt_xcalloc(rows * cols, sizeof *cells);
	for (size_t i = 0; i < rows && !rc; i++)
		for (size_t j = 0; j < cols && !rc; j++)
			rc = tt_plan_pass_probability(&cells[i * cols + j], rule, ns_lo + i,
						      nr_lo + j, truth, opt);
	if (!rc)
		rc = tt_plan_lots_for(&out->lots_for_80, &out->lots_for_80_prob, 0.8,
				      TT_PLAN_MAX_LOTS, rule, truth, opt);
	if (rc) {
		free(cells);
		return rc;
	}
	out->ns_lo = ns_lo;
	out->ns_hi = ns_hi;
	out->nr_lo = nr_lo;
	out->nr_hi = nr_hi;
	out->cells = cells;
	for (size_t k = 0; k < rows * cols; k++) {
		out->any_simulated |= cells[k].method == TT_PLAN_SIMULATED;
		out->max_mc_error = fmax(out->max_mc_error, cells[k].mc_error);
		out->any_never |= tt_plan_prob_never(&cells[k]);
	}
	return 0;
}

void tt_plan_grid_free(tt_plan_grid *g)
{
	if (!g)
		return;
	free(g->cells);
	g->cells = NULL;
}
