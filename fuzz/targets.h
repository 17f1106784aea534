/*
 * targets.h - the bodies of the fuzz targets, one per input surface.
 *
 * Each function takes arbitrary bytes, feeds them to one part of the
 * library and checks the invariants its header promises (an error always
 * comes with a diagnostic, a failed load leaves *out NULL, escaped text
 * holds no character it must not hold).  A broken invariant prints what
 * broke to stderr and aborts, which libFuzzer reports as a crash.
 *
 * The same functions are linked into each libFuzzer executable
 * (fuzz/fuzz_<target>.c, built with -DTT_FUZZ=ON and clang) and into the
 * ordinary test tests/test_fuzz_regressions.c, which replays the saved
 * crash inputs under tests/resources/fuzz-regressions/<target>/ and the
 * seed files in every build.  Every function returns 0, as libFuzzer
 * wants.
 */
#ifndef TT_FUZZ_TARGETS_H
#define TT_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* tt_ydoc_parse() on the bytes, then a walk over the tree that checks
 * every node and runs the schema helpers on it. */
int tt_fuzz_ydoc(const uint8_t *data, size_t size);

/* The bytes as a process spec: tt_ydoc_parse() then tt_spec_from_doc(). */
int tt_fuzz_spec(const uint8_t *data, size_t size);

/* The bytes as a study: tt_ydoc_parse() then tt_study_from_doc(), as if
 * the file lay in the shipped studies/ folder (a temporary folder whose
 * links make ../specs/, data/ and the bad-input corpus's common/ resolve),
 * then, as tt check does, the lot tables and long-form tables it names
 * are loaded and checked against it. */
int tt_fuzz_study(const uint8_t *data, size_t size);

/* The bytes as CSV: tt_csv_parse(), tt_lots_parse() (then tt_lots_check()
 * against an independent and a paired shipped study, both sites) and
 * tt_series_parse(). */
int tt_fuzz_csv(const uint8_t *data, size_t size);

/* The bytes, up to the first NUL, through tt_plot_escape(),
 * tt_html_escape() and tt_md_escape(). */
int tt_fuzz_escape(const uint8_t *data, size_t size);

typedef struct tt_fuzz_target {
	const char *name; /* "ydoc", "spec", "study", "csv", "escape" */
	int (*fn)(const uint8_t *data, size_t size);
} tt_fuzz_target;

/* Every target, ended by { NULL, NULL }. */
extern const tt_fuzz_target tt_fuzz_targets[];

#endif
