/*
 * plan_internal.h - what the parts of the plan module (plan.c,
 * plan_exact.c, plan_sim.c) share and nobody else sees.
 */
#ifndef TT_PLAN_INTERNAL_H
#define TT_PLAN_INTERNAL_H

#include <stddef.h>

#include "tt/plan/plan.h"

/* A checked rule at one design point, in units of the true source sd. */
struct plan_setup {
	const tt_plan_rule *rule;
	size_t n_source, n_receiving;
	size_t n_pairs;    /* paired: min(n_source, n_receiving) */
	double mu;         /* source mean (percent margins) */
	double delta;      /* receiving mean - source mean */
	double sd_ratio;   /* receiving sd */
	double rho;        /* paired: correlation of the two halves */
	double sigma_e;    /* paired: sd of the differences */
	double margin_abs; /* absolute or ratio margin: D on the analysis scale / sd */
};

/* The approach as a study writes it (the plan core does not need the
 * study module for this). */
const char *tt_plan_approach_word(tt_approach a);

/* tt_plan_check without the truth: the rule and the lot counts. */
int tt_plan_check_rule(const tt_plan_rule *rule, size_t n_source, size_t n_receiving);

/* Fills su from checked arguments. */
void tt_plan_setup(struct plan_setup *su, const tt_plan_rule *rule, size_t n_source,
		   size_t n_receiving, const tt_plan_truth *truth);

int tt_plan_exact_equivalence(double *p, const struct plan_setup *su);
int tt_plan_exact_paired(double *p, const struct plan_setup *su);

/* n deviates of tt_plan_normal into out, in order (one call per array
 * saves the per-deviate call in the simulation's inner loop). */
void tt_plan_normal_fill(tt_rng *rng, double *out, size_t n);

int tt_plan_simulate_setup(tt_plan_prob *out, const struct plan_setup *su,
			   const tt_plan_options *opt, uint64_t min_replicates);

#endif
