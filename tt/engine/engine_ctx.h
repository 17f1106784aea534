/*
 * engine_ctx.h - the state of one run that the engine (engine.c) and its
 * approach modules (engine_curves.c) share, and the warning both add to
 * it; not part of the library's interface.
 *
 * It sits below both files, so that engine.c calls the approaches and no
 * approach calls back into engine.c.
 */
#ifndef TT_ENGINE_CTX_H
#define TT_ENGINE_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "tt/base/error.h"
#include "tt/engine/results.h"

typedef struct tt_engine_ctx {
	tt_run *run;
	tt_diags *d;
	uint64_t seed;
	size_t index; /* the comparison being run */
	/* Per comparison: the long-form tables of profile and stability
	 * comparisons (NULL for the others), loaded before anything runs. */
	tt_series_table **series_source;
	tt_series_table **series_receiving;
	/* Per profile comparison: the aligned matrices, and the warnings the
	 * alignment gave (reported when the comparison runs). */
	struct tt_profile **profiles;
	tt_diags *profile_warnings;
	size_t n_profile_warnings_alloc;
} tt_engine_ctx;

/* The engine's interface to one approach: fills r (whose cmp, attr, and
 * site values are set) and returns 0, or a negative code for an error that
 * is not the data's fault. */
typedef int (*tt_approach_fn)(tt_engine_ctx *ctx, tt_comparison_result *r);

/* Adds a warning to the run (for the report) and to the diagnostics. */
void tt_engine_warn(tt_engine_ctx *ctx, tt_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
