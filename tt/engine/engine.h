/*
 * engine.h - runs a comparability study: loads the study, both specs and
 * the lot data, runs each comparison by its approach, checks every lot of
 * both sites (excluded lots too) against its own site's release
 * specification, and decides the verdict (CONTRACT.md).
 *
 * The engine dispatches on the approach through a table, so each approach
 * is one function with the same signature (engine.c for the lot-level
 * approaches, engine_curves.c for profile and stability).
 */
#ifndef TT_ENGINE_H
#define TT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "tt/base/error.h"
#include "tt/engine/results.h"

typedef struct tt_run_options {
	bool has_seed; /* --seed given: overrides the study's seed */
	uint64_t seed;
	const char *command_line; /* recorded in the report; NULL for none */
} tt_run_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_RUN_OPTIONS_INIT { false, 0, NULL }
/* clang-format on */

/* Runs the study at path.  On success *out owns the results (tt_run_free)
 * and 0 is returned; warnings are in (*out)->warnings and also added to d.
 * Bad input: TT_EINVAL with every problem in d and *out NULL. */
int tt_engine_run(tt_run **out, const char *study_path, const tt_run_options *opt, tt_diags *d);

/* Reads and checks a loaded study's data files exactly as tt run would
 * (lot tables against the specs, long-form tables, profile time grids,
 * excluded lots), adding every problem to d, without computing.  Returns 0
 * or TT_EINVAL.  tt check uses it. */
int tt_engine_check_data(const tt_study *study, tt_diags *d);

/* The ISO 8601 UTC time of a run or lock: SOURCE_DATE_EPOCH when set, else
 * now.  A new string. */
char *tt_engine_timestamp(void);

/* The verdict rule of the CONTRACT over a run's comparisons and
 * conformance. */
tt_verdict tt_engine_verdict(const tt_run *run);

/* The exit status for a verdict: 0 comparable, 1 otherwise. */
int tt_verdict_exit_status(tt_verdict v);

#endif
