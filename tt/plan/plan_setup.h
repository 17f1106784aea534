/*
 * plan_setup.h - a rule checked and set up at one design point, which the
 * formulas (plan_exact.c), the simulation (plan_sim.c) and the choice
 * between them (plan_prob.c) share; not part of the library's interface.
 */
#ifndef TT_PLAN_SETUP_H
#define TT_PLAN_SETUP_H

#include <stddef.h>

#include "tt/plan/plan.h"

/* The largest lot count per site a plan accepts: far beyond any study,
 * small enough that a simulation's buffers stay small. */
#define PLAN_MAX_N 10000

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

/* tt_plan_check without the truth: the rule and the lot counts.  Every
 * computation of the plan calls it first (through tt_plan_check, or from
 * tt_plan_rule_passes), so it also sets the library up (tt_init) before
 * the formulas and the simulation call GSL. */
int tt_plan_check_rule(const tt_plan_rule *rule, size_t n_source, size_t n_receiving);

/* Fills su from checked arguments. */
void tt_plan_setup(struct plan_setup *su, const tt_plan_rule *rule, size_t n_source,
		   size_t n_receiving, const tt_plan_truth *truth);

#endif
