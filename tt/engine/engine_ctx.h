/*
 * engine_internal.h - what engine.c shares with the approach modules
 * (engine_curves.c); not part of the library's interface.
 */
#ifndef TT_ENGINE_INTERNAL_H
#define TT_ENGINE_INTERNAL_H

#include "tt/engine/engine.h"

struct tt_engine_ctx {
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
};

/* Adds a warning to the run (for the report) and to the diagnostics. */
void tt_engine_warn(tt_engine_ctx *ctx, tt_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void tt_engine_site_values(const tt_study *study, const tt_lots *lots, const char *attr,
			   bool log_scale, tt_site_values *sv);
/* A new array of a site's values, ln-transformed when log_scale. */
double *tt_engine_values(const tt_site_values *sv, bool log_scale);


/* engine_curves.c: loads the long-form tables every profile and stability
 * comparison names (errors to ctx->d), and runs those approaches. */
void tt_engine_load_curves(tt_engine_ctx *ctx);
int tt_engine_run_profile(tt_engine_ctx *ctx, tt_comparison_result *r);
int tt_engine_run_stability(tt_engine_ctx *ctx, tt_comparison_result *r);
void tt_engine_free_curves(tt_engine_ctx *ctx, size_t n);

#endif
