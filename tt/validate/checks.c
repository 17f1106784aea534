/*
 * checks.c - recording checks, each with its result under its tolerance.
 */
#include "tt/validate/checks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/mem.h"

const char *tt_tol_kind_name(tt_tol_kind k)
{
	return k == TT_TOL_ABSOLUTE ? "absolute" : "relative";
}

bool tt_validate_within(double observed, double expected, tt_tol_kind kind, double tol)
{
	if (!isfinite(observed) || !isfinite(expected))
		return false;
	double diff = fabs(observed - expected);
	if (kind == TT_TOL_ABSOLUTE || expected == 0.0)
		return diff <= tol;
	return diff <= tol * fabs(expected);
}

/* See tt_check.deviation.  tt_validate_within decides a pass with its own
 * comparison, so that the decision does not depend on this division. */
static double deviation(double observed, double expected, tt_tol_kind kind)
{
	if (!isfinite(observed) || !isfinite(expected))
		return NAN;
	double d = fabs(observed - expected);
	return kind == TT_TOL_RELATIVE && expected != 0.0 ? d / fabs(expected) : d;
}

/* A new check in the list, or NULL when single-check mode skips this id. */
static tt_check *add(tt_vctx *c, const char *id, const char *description, const char *source)
{
	if (c->only && strcmp(c->only, id) != 0)
		return NULL;
	tt_validation *v = c->v;
	v->checks = tt_xgrow(v->checks, &v->capacity, v->n_checks + 1, sizeof *v->checks);
	tt_check *k = &v->checks[v->n_checks++];
	memset(k, 0, sizeof *k);
	k->id = tt_xstrdup(id);
	k->group = c->group;
	k->description = tt_xstrdup(description);
	k->source = source;
	k->expected = NAN;
	k->observed = NAN;
	k->deviation = NAN;
	if (c->only)
		c->found = true;
	return k;
}

static void count(tt_vctx *c, const tt_check *k)
{
	if (k->pass)
		c->v->n_passed++;
	else
		c->v->n_failed++;
}

void tt_vcheck_num(tt_vctx *c, const char *id, const char *description, const char *source,
		   double expected, double observed, tt_tol_kind kind, double tol)
{
	tt_check *k = add(c, id, description, source);
	if (!k)
		return;
	k->expected = c->only ? c->only_expected : expected;
	k->observed = observed;
	k->tol_kind = kind;
	k->tolerance = tol;
	k->pass = tt_validate_within(observed, k->expected, kind, tol);
	k->deviation = deviation(observed, k->expected, kind);
	count(c, k);
}

void tt_vcheck_error(tt_vctx *c, const char *id, const char *description, const char *source,
		     double expected, tt_tol_kind kind, double tol, const char *message)
{
	tt_check *k = add(c, id, description, source);
	if (!k)
		return;
	k->expected = c->only ? c->only_expected : expected;
	k->tol_kind = kind;
	k->tolerance = tol;
	k->error = tt_xstrdup(message && *message ? message : "the value could not be computed");
	k->pass = false;
	count(c, k);
}

void tt_vcheck_text(tt_vctx *c, const char *id, const char *description, const char *source,
		    const char *expected, const char *observed, const char *message)
{
	tt_check *k = add(c, id, description, source);
	if (!k)
		return;
	const char *want = c->only && c->only_expected_text ? c->only_expected_text : expected;
	k->expected_text = tt_xstrdup(want);
	k->tol_kind = TT_TOL_ABSOLUTE;
	k->tolerance = 0.0;
	if (observed) {
		k->observed_text = tt_xstrdup(observed);
		k->pass = strcmp(observed, want) == 0;
	} else {
		k->error = tt_xstrdup(message && *message ? message
							  : "the value could not be computed");
		k->pass = false;
	}
	count(c, k);
}

void tt_check_clear(tt_check *k)
{
	if (!k)
		return;
	free(k->id);
	free(k->description);
	free(k->expected_text);
	free(k->observed_text);
	free(k->error);
	memset(k, 0, sizeof *k);
}
