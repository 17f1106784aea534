/*
 * engine_curves.h - the profile and stability approaches of the run engine
 * (engine_curves.c); not part of the library's interface.
 */
#ifndef TT_ENGINE_CURVES_H
#define TT_ENGINE_CURVES_H

#include <stddef.h>

#include "tt/engine/engine_ctx.h"

/* Loads the long-form tables every profile and stability comparison names
 * (errors to ctx->d) and aligns the profiles, before anything is computed. */
void tt_engine_load_curves(tt_engine_ctx *ctx);
int tt_engine_run_profile(tt_engine_ctx *ctx, tt_comparison_result *r);
int tt_engine_run_stability(tt_engine_ctx *ctx, tt_comparison_result *r);
/* Frees what tt_engine_load_curves kept for the first n comparisons. */
void tt_engine_free_curves(tt_engine_ctx *ctx, size_t n);

#endif
