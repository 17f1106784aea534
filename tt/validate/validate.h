/*
 * validate.h - the qualification suite of `tt validate`: every reference
 * check that tt's numbers can be held against, run in the installed program
 * and written up as an operational-qualification report.
 *
 * Software used for GMP decisions must be qualified where it is installed.
 * The suite recomputes published reference values (NIST StRD, the tolerance
 * factors, TOST power, f2 and MSD examples of METHODS.md), every R-computed
 * case of the unit tests (refdata.h) and the golden studies end to end, and
 * compares each with its expected value under a stated tolerance.  It needs
 * no file from the source tree: the data are compiled in.
 *
 * A check is one number (or one word, such as a verdict) with its expected
 * value, observed value, tolerance and result.  A check whose computation
 * failed is a failed check carrying the error message; the suite itself
 * never stops early.
 *
 * Invariants: check ids are unique and stable from run to run ("group.item
 * .field"); the checks come in the order of the groups, and within a group in
 * the order of the reference tables.
 *
 * The results' types are in validation.h, and recording a check with its
 * tolerance in checks.h, below the groups (validate_stats.c,
 * validate_golden.c) that this module runs; this header includes both.
 */
#ifndef TT_VALIDATE_H
#define TT_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/base/util.h"
#include "tt/validate/checks.h"
#include "tt/validate/validate_env.h"
#include "tt/validate/validation.h"

/* One group of checks, for the summary and the report's sections. */
typedef struct tt_validate_group {
	const char *id;    /* "nist": the first part of its checks' ids */
	const char *title; /* "NIST StRD univariate summary statistics" */
	const char *about; /* one paragraph: what it checks and against what */
} tt_validate_group;

/* The groups, in the order the suite runs them. */
extern const tt_validate_group tt_validate_groups[];
extern const size_t tt_validate_group_count;

/* Runs every check and fills *out (free with tt_validation_free).  Returns
 * 0 whenever the suite ran, whatever the checks found; the results are in
 * (*out)->n_failed. */
int tt_validate_run(tt_validation **out);

void tt_validation_free(tt_validation *v);

/* Evaluates the one check named id exactly as the suite does, but against
 * the given expected value instead of its reference value, into *out (free
 * with tt_check_clear).  For a text check, expected_text replaces the
 * expected word (expected is then ignored); pass NULL for numeric checks.
 * TT_EINVAL (message set) when there is no such check.  This is how a test
 * shows that a wrong expected value makes a check fail. */
int tt_validate_check(tt_check *out, const char *id, double expected, const char *expected_text);

/* Counts of a group's checks. */
void tt_validate_group_counts(const tt_validation *v, const char *group, size_t *checks,
			      size_t *passed);

/* validation.json: environment, summary per group and every check. */
void tt_validate_json(tt_buf *out, const tt_validation *v);

/* validation.html: one self-contained file (inline CSS, A4 print) with the
 * environment, the summary, every check and a sign-off block.  record is
 * the record's identity, the SHA-256 of validation.json in hex, printed
 * near the top and on every printed page. */
void tt_validate_html(tt_buf *out, const tt_validation *v, const char *record);

#endif
