/*
 * plan_sim.h - the simulated pass probability of a rule set up at one
 * design point (plan_sim.c); not part of the library's interface.
 */
#ifndef TT_PLAN_SIM_H
#define TT_PLAN_SIM_H

#include <stdint.h>

#include "tt/plan/plan_setup.h"

/* Replicates at least min_replicates, then until the Monte Carlo error is
 * at most opt->mc_error or opt->max_replicates is reached. */
int tt_plan_simulate_setup(tt_plan_prob *out, const struct plan_setup *su,
			   const tt_plan_options *opt, uint64_t min_replicates);

#endif
