/*
 * validation.h - the results of the qualification suite: its checks and
 * where it ran.  Types only: the suite (validate.c), the recording of
 * checks (checks.c) and the environment (validate_env.c) all fill them.
 */
#ifndef TT_VALIDATION_H
#define TT_VALIDATION_H

#include <stdbool.h>
#include <stddef.h>

/* How a check's tolerance applies: relative, |observed - expected| <= tol
 * |expected| (<= tol when expected is 0); absolute, |observed - expected|
 * <= tol.  Both bounds are inclusive. */
typedef enum {
	TT_TOL_RELATIVE = 0,
	TT_TOL_ABSOLUTE,
} tt_tol_kind;

typedef struct tt_check {
	char *id;           /* "nist.lew.sd" */
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

#endif
