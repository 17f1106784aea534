/*
 * checks.h - recording the checks of the qualification suite: what every
 * group (validate_stats.c, validate_golden.c) records its values through,
 * below the suite (validate.c) that runs the groups.
 *
 * Each group is one function that computes its values and records one check
 * per value through tt_vcheck_*.  When the suite evaluates a single check
 * (tt_validate_check), the group runs as usual but only that check is
 * recorded, with the expected value it was given.
 */
#ifndef TT_CHECKS_H
#define TT_CHECKS_H

#include <stdbool.h>

#include "tt/validate/validation.h"

const char *tt_tol_kind_name(tt_tol_kind k); /* "relative", "absolute" */

/* Whether observed is within tol of expected (a non-finite value never
 * is). */
bool tt_validate_within(double observed, double expected, tt_tol_kind kind, double tol);

/* Frees what a check owns and empties it. */
void tt_check_clear(tt_check *c);

/* Where a group records its checks. */
typedef struct tt_vctx {
	tt_validation *v;
	const char *group; /* the id of the group running */
	/* Single-check mode: only the check with this id is recorded. */
	const char *only;
	double only_expected;
	const char *only_expected_text;
	bool found;
} tt_vctx;

/* Records a numeric check.  id and description are copied. */
void tt_vcheck_num(tt_vctx *c, const char *id, const char *description, const char *source,
		   double expected, double observed, tt_tol_kind kind, double tol);

/* Records a numeric check whose value could not be computed: it fails,
 * carrying the message. */
void tt_vcheck_error(tt_vctx *c, const char *id, const char *description, const char *source,
		     double expected, tt_tol_kind kind, double tol, const char *message);

/* Records a text check: observed must equal expected exactly.  observed
 * NULL with a message: the value could not be computed. */
void tt_vcheck_text(tt_vctx *c, const char *id, const char *description, const char *source,
		    const char *expected, const char *observed, const char *message);

#endif
