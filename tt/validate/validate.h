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
 */
#ifndef TT_VALIDATE_H
#define TT_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/base/util.h"

/* How a check's tolerance applies: relative, |observed - expected| <= tol
 * |expected| (<= tol when expected is 0); absolute, |observed - expected|
 * <= tol.  Both bounds are inclusive. */
typedef enum {
	TT_TOL_RELATIVE = 0,
	TT_TOL_ABSOLUTE,
} tt_tol_kind;

const char *tt_tol_kind_name(tt_tol_kind k); /* "relative", "absolute" */

typedef struct tt_check {
	char *id;	    /* "nist.lew.sd" */
	const char *group;  /* the group's id (static) */
	char *description;  /* what is computed, in words */
	const char *source; /* where the expected value comes from (static) */
	double expected;
	double observed; /* NaN when the computation failed */
	tt_tol_kind tol_kind;
	double tolerance;
	/* Text checks (a verdict, an outcome) compare these exactly and have
	 * NaN numbers; numeric checks leave both NULL. */
	char *expected_text;
	char *observed_text;
	char *error; /* why nothing was observed, or NULL */
	bool pass;
	/* |observed - expected| in the terms of the tolerance (relative to
	 * |expected| unless that is 0), for the report; NaN for a text check
	 * or without an observed value. */
	double deviation;
} tt_check;

/* One group of checks, for the summary and the report's sections. */
typedef struct tt_validate_group {
	const char *id;	   /* "nist": the first part of its checks' ids */
	const char *title; /* "NIST StRD univariate summary statistics" */
	const char *about; /* one paragraph: what it checks and against what */
} tt_validate_group;

/* The groups, in the order the suite runs them. */
extern const tt_validate_group tt_validate_groups[];
extern const size_t tt_validate_group_count;

/* Where the suite runs, for the report. */
typedef struct tt_validate_env {
	char *tt_version;
	char *gsl_version; /* the library's at run time, and the headers' when they differ */
	char *yaml_version;
	char *gnuplot_version; /* "gnuplot 5.4 patchlevel 4", or "not found" */
	char *compiler;
	char *os;
	char *cpu;
	char *date; /* ISO 8601 UTC; SOURCE_DATE_EPOCH when set */
} tt_validate_env;

typedef struct tt_validation {
	tt_check *checks;
	size_t n_checks;
	size_t capacity;
	size_t n_passed, n_failed;
	tt_validate_env env;
} tt_validation;

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

void tt_check_clear(tt_check *c);

/* Whether observed is within tol of expected (a non-finite value never
 * is). */
bool tt_validate_within(double observed, double expected, tt_tol_kind kind, double tol);

/* Fills env with where tt runs now (free with tt_validate_env_clear). */
void tt_validate_env_fill(tt_validate_env *env);
void tt_validate_env_clear(tt_validate_env *env);

/* Counts of a group's checks. */
void tt_validate_group_counts(const tt_validation *v, const char *group, size_t *checks,
			      size_t *passed);

/* validation.json: environment, summary per group and every check. */
void tt_validate_json(tt_buf *out, const tt_validation *v);

/* validation.html: one self-contained file (inline CSS, A4 print) with the
 * environment, the summary, every check and a sign-off block. */
void tt_validate_html(tt_buf *out, const tt_validation *v);

#endif
