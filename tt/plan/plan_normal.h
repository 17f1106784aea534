/*
 * plan_normal.h - normal deviates in bulk for the simulation
 * (plan_normal.c); not part of the library's interface.
 */
#ifndef TT_PLAN_NORMAL_H
#define TT_PLAN_NORMAL_H

#include <stddef.h>

#include "tt/base/rng.h"

/* n deviates of tt_plan_normal into out, in order (one call per array
 * saves the per-deviate call in the simulation's inner loop). */
void tt_plan_normal_fill(tt_rng *rng, double *out, size_t n);

#endif
