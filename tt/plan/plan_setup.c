/*
 * plan_setup.c - checking a rule, lot counts and truth, and setting up one
 * design point in units of the true source sd, for the formulas and the
 * simulation alike; and the rule in words, which the reports, the figures
 * and the grid all print.
 */
#include "tt/plan/plan_setup.h"

#include <math.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/init.h"
#include "tt/input/methods.h"
#include "tt/stats/decide.h"

static int check_positive(double v, const char *what)
{
	if (!(v > 0.0) || !isfinite(v))
		return tt_error_set(TT_EINVAL, "%s must be a positive number, not %g", what, v);
	return 0;
}

int tt_plan_check_rule(const tt_plan_rule *rule, size_t n_source, size_t n_receiving)
{
	/* Every computation of the plan starts with this check, before the
	 * formulas and the simulation call GSL. */
	if (tt_init())
		return TT_EINTERNAL;
	int rc;
	size_t min_source, min_receiving;
	tt_approach_min_lots(rule->approach, &min_source, &min_receiving);
	switch (rule->approach) {
	case TT_APPROACH_EQUIVALENCE:
		if (!(rule->alpha > 0.0 && rule->alpha < 0.5))
			return tt_error_set(TT_EINVAL, "alpha must be between 0 and 0.5, not %g",
					    rule->alpha);
		if ((rc = check_positive(rule->margin, "the margin")))
			return rc;
		if (rule->margin_type == TT_MARGIN_RATIO && !(rule->margin > 1.0))
			return tt_error_set(TT_EINVAL, "a ratio margin must be above 1, not %g",
					    rule->margin);
		if (rule->margin_type != TT_MARGIN_ABSOLUTE &&
		    rule->margin_type != TT_MARGIN_SIGMA &&
		    rule->margin_type != TT_MARGIN_PERCENT && rule->margin_type != TT_MARGIN_RATIO)
			return tt_error_set(TT_EINVAL, "unknown margin type %d",
					    (int)rule->margin_type);
		if (rule->variance != TT_VARIANCE_WELCH && rule->variance != TT_VARIANCE_POOLED)
			return tt_error_set(TT_EINVAL, "unknown variance %d", (int)rule->variance);
		if (rule->design == TT_DESIGN_PAIRED) {
			/* A pair is a receiving lot with its source half. */
			size_t pairs = n_source < n_receiving ? n_source : n_receiving;
			if (pairs < min_receiving)
				return tt_error_set(TT_EINVAL,
						    "a paired design needs at least %zu pairs, not "
						    "%zu",
						    min_receiving, pairs);
		}
		break;
	case TT_APPROACH_QUALITY_RANGE:
		if ((rc = check_positive(rule->k, "the quality range k")))
			return rc;
		if (!(rule->min_fraction >= 0.0 && rule->min_fraction <= 1.0))
			return tt_error_set(TT_EINVAL,
					    "min_fraction must be between 0 and 1, not %g",
					    rule->min_fraction);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		if (!(rule->ti.content > 0.0 && rule->ti.content < 1.0))
			return tt_error_set(TT_EINVAL,
					    "the content must be between 0 and 1, not %g",
					    rule->ti.content);
		if (!(rule->ti.confidence > 0.0 && rule->ti.confidence < 1.0))
			return tt_error_set(TT_EINVAL,
					    "the confidence must be between 0 and 1, not %g",
					    rule->ti.confidence);
		if (rule->ti.sides != 1 && rule->ti.sides != 2)
			return tt_error_set(TT_EINVAL, "sides must be 1 or 2, not %d",
					    rule->ti.sides);
		if (rule->ti.sides == 1 && rule->ti.direction != TT_DIRECTION_LOWER &&
		    rule->ti.direction != TT_DIRECTION_UPPER)
			return tt_error_set(TT_EINVAL, "a one-sided tolerance interval needs a "
						       "direction, lower or upper");
		if (rule->ti.method != TT_TI_EXACT && rule->ti.method != TT_TI_HOWE &&
		    rule->ti.method != TT_TI_NONPARAMETRIC)
			return tt_error_set(TT_EINVAL, "unknown tolerance method %d",
					    (int)rule->ti.method);
		break;
	case TT_APPROACH_MIN_MAX:
		break;
	default:
		return tt_error_set(TT_EINVAL, "approach '%s' has no pass probability",
				    tt_approach_name(rule->approach));
	}
	if (rule->design != TT_DESIGN_INDEPENDENT && rule->design != TT_DESIGN_PAIRED)
		return tt_error_set(TT_EINVAL, "unknown design %d", (int)rule->design);
	if (n_source < min_source)
		return tt_error_set(TT_EINVAL, "at least %zu source lots are needed, not %zu",
				    min_source, n_source);
	if (n_receiving < min_receiving)
		return tt_error_set(TT_EINVAL, "at least %zu receiving lots are needed, not %zu",
				    min_receiving, n_receiving);
	if (n_source > PLAN_MAX_N || n_receiving > PLAN_MAX_N)
		return tt_error_set(TT_EINVAL, "at most %d lots per site can be planned, not %zu",
				    PLAN_MAX_N, n_source > n_receiving ? n_source : n_receiving);
	return 0;
}

bool tt_plan_rule_uses_sd(const tt_plan_rule *rule)
{
	return rule->approach == TT_APPROACH_EQUIVALENCE && rule->margin_type != TT_MARGIN_SIGMA;
}

bool tt_plan_rule_uses_mean(const tt_plan_rule *rule)
{
	return rule->approach == TT_APPROACH_EQUIVALENCE && rule->margin_type == TT_MARGIN_PERCENT;
}

void tt_plan_rule_words(tt_buf *b, const tt_plan_rule *r)
{
	switch (r->approach) {
	case TT_APPROACH_EQUIVALENCE:
		switch (r->margin_type) {
		case TT_MARGIN_SIGMA:
			tt_buf_printf(b, "margin %g sd of the source lots", r->margin);
			break;
		case TT_MARGIN_PERCENT:
			tt_buf_printf(b, "margin %g%% of the source mean", r->margin);
			break;
		case TT_MARGIN_RATIO:
			tt_buf_printf(b, "ratio of geometric means within %.4g to %g",
				      1.0 / r->margin, r->margin);
			break;
		default:
			tt_buf_printf(b, "margin %g", r->margin);
			break;
		}
		if (r->design == TT_DESIGN_PAIRED)
			tt_buf_puts(b, ", paired differences");
		else
			tt_buf_puts(b, r->variance == TT_VARIANCE_POOLED ? ", pooled t"
									 : ", Welch's t");
		tt_buf_printf(b, ", alpha %g (%g%% CI)", r->alpha, 100.0 * (1.0 - 2.0 * r->alpha));
		break;
	case TT_APPROACH_QUALITY_RANGE:
		tt_buf_printf(b,
			      "mean %s %g sd of the source lots, at least %g%% of receiving lots "
			      "inside",
			      "\xC2\xB1", r->k, 100.0 * r->min_fraction);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		tt_buf_printf(b, "%g%% content, %g%% confidence, %s, ", 100.0 * r->ti.content,
			      100.0 * r->ti.confidence, tt_ti_method_name(r->ti.method));
		if (r->ti.sides == 1)
			tt_buf_printf(b, "one-sided (%s)", tt_direction_name(r->ti.direction));
		else
			tt_buf_puts(b, "two-sided");
		tt_buf_puts(b, "; every receiving lot inside");
		break;
	case TT_APPROACH_MIN_MAX:
		tt_buf_puts(b, "every receiving lot within the source lots' range");
		break;
	default:
		break;
	}
}

int tt_plan_check(const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		  const tt_plan_truth *truth)
{
	int rc = tt_plan_check_rule(rule, n_source, n_receiving);
	if (rc)
		return rc;
	if (tt_plan_rule_uses_sd(rule) && (rc = check_positive(truth->sd, "the true sd")))
		return rc;
	if (tt_plan_rule_uses_mean(rule) && (!isfinite(truth->mean) || truth->mean == 0.0))
		return tt_error_set(TT_EINVAL, "a percent margin needs the true mean, and it must "
					       "not be 0");
	if (rule->design == TT_DESIGN_PAIRED &&
	    !(truth->correlation > -1.0 && truth->correlation < 1.0))
		return tt_error_set(TT_EINVAL, "the correlation must be between -1 and 1, not %g",
				    truth->correlation);
	if (!isfinite(truth->difference_sd))
		return tt_error_set(TT_EINVAL, "the true difference must be a finite number");
	if ((rc = check_positive(truth->sd_ratio, "the sd ratio")))
		return rc;
	return 0;
}

void tt_plan_setup(struct plan_setup *su, const tt_plan_rule *rule, size_t n_source,
		   size_t n_receiving, const tt_plan_truth *truth)
{
	memset(su, 0, sizeof *su);
	su->rule = rule;
	su->n_source = n_source;
	su->n_receiving = n_receiving;
	su->n_pairs = n_source < n_receiving ? n_source : n_receiving;
	su->delta = truth->difference_sd;
	su->sd_ratio = truth->sd_ratio;
	su->rho = rule->design == TT_DESIGN_PAIRED ? truth->correlation : 0.0;
	double r = truth->sd_ratio;
	su->sigma_e = sqrt(1.0 + r * r - 2.0 * su->rho * r);
	if (rule->approach == TT_APPROACH_EQUIVALENCE) {
		if (rule->margin_type == TT_MARGIN_ABSOLUTE || rule->margin_type == TT_MARGIN_RATIO)
			su->margin_abs = tt_decide_tost_margin(rule->margin_type, rule->margin,
							       truth->sd, truth->mean) /
					 truth->sd;
		else if (rule->margin_type == TT_MARGIN_PERCENT)
			su->mu = truth->mean / truth->sd;
	}
}
