/*
 * validate_internal.h - what the parts of the qualification suite share
 * (validate.c, validate_stats.c, validate_golden.c); not part of the
 * library's interface.
 *
 * Each group is one function that computes its values and records one check
 * per value through tt_vcheck_*.  When the suite evaluates a single check
 * (tt_validate_check), the group runs as usual but only that check is
 * recorded, with the expected value it was given.
 */
#ifndef TT_VALIDATE_INTERNAL_H
#define TT_VALIDATE_INTERNAL_H

#include "tt/validate/validate.h"

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

/* The groups (validate_stats.c and validate_golden.c). */
void tt_vgroup_nist(tt_vctx *c);
void tt_vgroup_tolerance(tt_vctx *c);
void tt_vgroup_power(tt_vctx *c);
void tt_vgroup_f2(tt_vctx *c);
void tt_vgroup_msd(tt_vctx *c);
void tt_vgroup_r_tost(tt_vctx *c);
void tt_vgroup_r_varratio(tt_vctx *c);
void tt_vgroup_r_shapiro(tt_vctx *c);
void tt_vgroup_r_ranges(tt_vctx *c);
void tt_vgroup_r_tolerance(tt_vctx *c);
void tt_vgroup_r_power(tt_vctx *c);
void tt_vgroup_r_nct(tt_vctx *c);
void tt_vgroup_golden(tt_vctx *c);

#endif
