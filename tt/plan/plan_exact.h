/*
 * plan_exact.h - the pass probabilities of equivalence rules by formula
 * (plan_exact.c); not part of the library's interface.
 */
#ifndef TT_PLAN_EXACT_H
#define TT_PLAN_EXACT_H

#include "tt/plan/plan_setup.h"

/* Independent lots: the two-dimensional integral over the two sample
 * sds. */
int tt_plan_exact_equivalence(double *p, const struct plan_setup *su);
/* Paired lots: the one-dimensional integral over the sd of the
 * differences. */
int tt_plan_exact_paired(double *p, const struct plan_setup *su);

#endif
