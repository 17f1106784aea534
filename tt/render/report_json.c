/*
 * report_json.c - report.json (CONTRACT.md, "Report").
 */
#include "tt/render/report.h"

#include <math.h>

#include "tt/render/diff_render.h"
#include "tt/base/json.h"

static void site_json(tt_json *j, const char *key, const tt_site_values *sv)
{
	tt_json_key(j, key);
	tt_json_begin_object(j);
	tt_json_kv_int(j, "n", (long long)sv->n);
	tt_json_kv_int(j, "n_missing", (long long)sv->n_missing);
	tt_json_kv_number(j, "mean", sv->describe.mean);
	tt_json_kv_number(j, "sd", sv->describe.sd);
	/* A site without values has no range to list. */
	if (sv->n) {
		tt_json_kv_number(j, "min", sv->describe.min);
		tt_json_kv_number(j, "max", sv->describe.max);
		tt_json_kv_number(j, "median", sv->describe.median);
	}
	if (sv->has_log) {
		tt_json_kv_number(j, "geometric_mean", sv->geometric_mean);
		tt_json_kv_number(j, "sd_log", sv->sd_log);
	}
	tt_json_key(j, "lots");
	tt_json_begin_array(j);
	for (size_t i = 0; i < sv->n; i++)
		tt_json_string(j, sv->lots[i].lot);
	tt_json_end_array(j);
	if (sv->n_missing) {
		tt_json_key(j, "missing_lots");
		tt_json_begin_array(j);
		for (size_t i = 0; i < sv->n_missing; i++)
			tt_json_string(j, sv->missing_lots[i]);
		tt_json_end_array(j);
	}
	tt_json_end_object(j);
}

static void parameters_json(tt_json *j, const tt_run *run, const tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	tt_json_key(j, "parameters");
	tt_json_begin_object(j);
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE:
		tt_json_kv_number(j, "alpha", run->study->alpha);
		tt_json_key(j, "margin");
		tt_json_begin_object(j);
		tt_json_kv_number(j, tt_margin_type_name(c->margin_type), c->margin);
		tt_json_end_object(j);
		tt_json_kv_string(j, "variance",
				  run->study->design == TT_DESIGN_PAIRED
					  ? "paired"
					  : tt_variance_name(c->variance));
		tt_json_kv_string(j, "design", tt_design_name(run->study->design));
		break;
	case TT_APPROACH_QUALITY_RANGE:
		tt_json_kv_number(j, "k", c->k);
		tt_json_kv_number(j, "min_fraction", c->min_fraction);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		tt_json_kv_number(j, "content", c->content);
		tt_json_kv_number(j, "confidence", c->confidence);
		tt_json_kv_string(j, "method", tt_ti_method_name(c->ti_method));
		tt_json_kv_int(j, "sides", c->sides);
		if (c->sides == 1)
			tt_json_kv_string(j, "direction", tt_direction_name(c->direction));
		break;
	case TT_APPROACH_PROFILE:
		tt_json_kv_string(j, "method", tt_profile_method_name(c->profile_method));
		if (c->profile_method == TT_PROFILE_BOOTSTRAP_F2) {
			tt_json_kv_int(j, "bootstrap", c->bootstrap);
			tt_json_kv_number(j, "confidence", r->ci_level);
		}
		if (c->profile_method == TT_PROFILE_MSD) {
			tt_json_kv_number(j, "region_level", c->region_level);
			tt_json_kv_number(j, "msd_limit", c->msd_limit);
		}
		break;
	case TT_APPROACH_STABILITY:
		tt_json_kv_number(j, "alpha", run->study->alpha);
		if (c->has_slope_margin)
			tt_json_kv_number(j, "slope_margin", c->slope_margin);
		else
			tt_json_kv_null(j, "slope_margin");
		tt_json_kv_number(j, "poolability_alpha", r->pool_level);
		break;
	default:
		break;
	}
	if (tt_approach_is_lot_level(c->approach))
		tt_json_kv_string(j, "scale", r->log_scale ? "log" : "linear");
	tt_json_end_object(j);
}

static void profile_json(tt_json *j, const tt_comparison_result *r)
{
	const tt_profile_result *p = r->profile;
	tt_json_key(j, "time_points");
	tt_json_begin_array(j);
	for (size_t i = 0; i < p->p; i++)
		tt_json_number(j, p->times[i]);
	tt_json_end_array(j);
	tt_json_kv_int(j, "n_source", (long long)p->n_ref);
	tt_json_kv_int(j, "n_receiving", (long long)p->n_test);
	if (r->cmp->profile_method == TT_PROFILE_MSD) {
		tt_json_kv_number(j, "msd", p->msd);
		tt_json_kv_number(j, "msd_upper", p->msd_upper);
		tt_json_kv_number(j, "msd_limit", p->msd_limit);
		tt_json_kv_number(j, "k", p->msd_k);
		tt_json_kv_number(j, "f_quantile", p->msd_f_quantile);
	} else {
		tt_json_kv_number(j, "f2", p->f2);
		if (p->has_f2_ci) {
			tt_json_kv_number(j, "ci_lower", p->f2_ci_lower);
			tt_json_kv_number(j, "ci_upper", p->f2_ci_upper);
		}
	}
}

static void stability_json(tt_json *j, const tt_comparison_result *r)
{
	const tt_stability_result *s = r->stability;
	tt_json_kv_number(j, "slope_source", s->source.slope);
	tt_json_kv_number(j, "slope_receiving", s->receiving.slope);
	tt_json_kv_number(j, "slope_difference", s->slope_difference);
	tt_json_kv_number(j, "se", s->se);
	tt_json_kv_number(j, "df", s->df);
	tt_json_kv_number(j, "ci_lower", s->ci_lower);
	tt_json_kv_number(j, "ci_upper", s->ci_upper);
	if (s->has_margin) {
		tt_json_kv_number(j, "margin_lower", s->margin_lower);
		tt_json_kv_number(j, "margin_upper", s->margin_upper);
	}
	const tt_stability_site *sites[2] = { &s->source, &s->receiving };
	const char *names[2] = { "source", "receiving" };
	for (int i = 0; i < 2; i++) {
		char key[64];
		snprintf(key, sizeof key, "poolability_%s", names[i]);
		tt_json_kv_string(j, key, tt_poolability_name(sites[i]->poolability));
		snprintf(key, sizeof key, "p_slopes_%s", names[i]);
		tt_json_kv_number(j, key, sites[i]->p_slopes);
		snprintf(key, sizeof key, "p_intercepts_%s", names[i]);
		tt_json_kv_number(j, key, sites[i]->p_intercepts);
		snprintf(key, sizeof key, "n_lots_%s", names[i]);
		tt_json_kv_int(j, key, (long long)sites[i]->n_lots);
		if (r->has_shelf_life_spec) {
			/* null when the bound does not cross before the search cap */
			snprintf(key, sizeof key, "shelf_life_%s", names[i]);
			tt_json_kv_number(j, key, sites[i]->shelf_life);
		}
	}
}

static void comparison_json(tt_json *j, const tt_run *run, const tt_comparison_result *r)
{
	const tt_comparison *c = r->cmp;
	tt_json_begin_object(j);
	tt_json_kv_string(j, "attribute", c->attribute);
	tt_json_kv_string(j, "approach", tt_approach_name(c->approach));
	tt_json_kv_string(j, "outcome", tt_outcome_name(r->outcome));
	tt_json_kv_string(j, "reason", r->reason);
	tt_json_kv_string(j, "rule", r->rule);
	if (c->justification)
		tt_json_kv_string(j, "justification", c->justification);
	tt_json_kv_string(j, "unit", r->attr ? r->attr->unit : NULL);
	parameters_json(j, run, r);
	if (tt_approach_is_lot_level(c->approach)) {
		site_json(j, "source", &r->source);
		site_json(j, "receiving", &r->receiving);
	}
	if (r->has_tost) {
		const tt_tost_result *t = &r->tost;
		if (run->study->design == TT_DESIGN_PAIRED)
			tt_json_kv_int(j, "n_pairs", (long long)r->n_pairs);
		tt_json_kv_number(j, "difference", t->diff);
		tt_json_kv_number(j, "se", t->se);
		tt_json_kv_number(j, "df", t->df);
		tt_json_kv_number(j, "ci_lower", t->ci_lower);
		tt_json_kv_number(j, "ci_upper", t->ci_upper);
		tt_json_kv_number(j, "margin_lower", t->margin_lower);
		tt_json_kv_number(j, "margin_upper", t->margin_upper);
		tt_json_kv_number(j, "p_lower", t->p_lower);
		tt_json_kv_number(j, "p_upper", t->p_upper);
		tt_json_kv_number(j, "p_tost", t->p_tost);
	}
	if (r->has_ti) {
		if (isfinite(r->ti.k))
			tt_json_kv_number(j, "k", r->ti.k);
		if (r->ti.order)
			tt_json_kv_int(j, "order", (long long)r->ti.order);
	}
	if (r->has_range) {
		tt_json_kv_number(j, "lower", r->range.lower);
		tt_json_kv_number(j, "upper", r->range.upper);
		tt_json_kv_int(j, "n_inside", (long long)r->range.n_inside);
		tt_json_kv_number(j, "fraction_inside", r->range.fraction_inside);
	}
	if (r->assumes_normal) {
		tt_json_kv_number(j, "shapiro_p_source", r->sw_p_source);
		tt_json_kv_number(j, "shapiro_p_receiving", r->sw_p_receiving);
	}
	if (r->profile)
		profile_json(j, r);
	if (r->stability)
		stability_json(j, r);
	tt_json_kv_string(j, "plot", r->plot);
	tt_json_end_object(j);
}

static void string_list(tt_json *j, const char *key, const char *const *items, size_t n)
{
	tt_json_key(j, key);
	tt_json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		tt_json_string(j, items[i]);
	tt_json_end_array(j);
}

/* true, false, or null for a negative value (not known). */
static void tristate(tt_json *j, const char *key, int v)
{
	if (v < 0)
		tt_json_kv_null(j, key);
	else
		tt_json_kv_bool(j, key, v != 0);
}

/* locked_before_data, locked_after_data and the lock history. */
static void lock_json(tt_json *j, const tt_run *run)
{
	tristate(j, "locked_before_data", run->locked_before_data);
	tt_json_key(j, "locked_after_data");
	if (run->locked_before_data != 0) {
		tt_json_null(j);
	} else {
		const tt_lock_entry *e = &run->lock->entries[run->lock_with_data];
		tt_json_begin_object(j);
		tt_json_kv_int(j, "lock", (long long)run->lock_with_data + 1);
		tt_json_key(j, "present");
		tt_json_begin_array(j);
		for (size_t k = 0; k < e->n_data; k++)
			if (e->data[k].sha256)
				tt_json_string(j, e->data[k].path);
		tt_json_end_array(j);
		tt_json_end_object(j);
	}
	tt_json_key(j, "locks");
	tt_json_begin_array(j);
	for (size_t i = 0; run->lock && i < run->lock->n_entries; i++) {
		const tt_lock_entry *e = &run->lock->entries[i];
		tt_json_begin_object(j);
		tt_json_kv_string(j, "locked_at", e->locked_at);
		tt_json_kv_string(j, "user", e->user);
		tt_json_kv_string(j, "reason", e->reason);
		tt_json_kv_string(j, "criteria_sha256", e->criteria_sha256);
		tristate(j, "criteria_changed", e->criteria_changed);
		tt_json_key(j, "data");
		if (e->legacy) {
			tt_json_null(j);
		} else {
			tt_json_begin_array(j);
			for (size_t k = 0; k < e->n_data; k++) {
				tt_json_begin_object(j);
				tt_json_kv_string(j, "path", e->data[k].path);
				tt_json_kv_string(j, "role", e->data[k].role);
				tt_json_kv_string(j, "state",
						  e->data[k].sha256 ? e->data[k].sha256 : "absent");
				tt_json_end_object(j);
			}
			tt_json_end_array(j);
		}
		tt_json_key(j, "exclude");
		if (e->legacy) {
			tt_json_null(j);
		} else {
			tt_json_begin_array(j);
			for (size_t k = 0; k < e->n_exclude; k++)
				tt_json_string(j, e->exclude[k]);
			tt_json_end_array(j);
		}
		tt_json_kv_string(j, "tt_version", e->tt_version);
		tt_json_end_object(j);
	}
	tt_json_end_array(j);
}

/* An excluded lot: its site (null when in neither table), reason, values
 * (a number, or the text as written for a censored or qualitative value,
 * null when missing) and the attributes out of its site's spec. */
static void excluded_json(tt_json *j, const tt_run *run, const tt_excluded_lot *x)
{
	tt_json_begin_object(j);
	tt_json_kv_string(j, "lot", x->exclusion->lot);
	tt_json_kv_string(j, "site", x->found ? tt_site_role_name(x->site) : NULL);
	tt_json_kv_string(j, "reason", x->exclusion->reason);
	tt_json_key(j, "values");
	tt_json_begin_object(j);
	for (size_t k = 0; k < x->n_values; k++) {
		const tt_excluded_value *v = &x->values[k];
		if (v->is_number)
			tt_json_kv_number(j, v->attr->id, v->value);
		else
			tt_json_kv_string(j, v->attr->id, v->text);
	}
	tt_json_end_object(j);
	tt_json_key(j, "out_of_spec");
	tt_json_begin_array(j);
	for (size_t k = 0; k < x->n_values; k++)
		if (x->values[k].out_of_spec)
			tt_json_string(j, x->values[k].attr->id);
	tt_json_end_array(j);
	int at = run->exclude_at_first_lock
			 ? run->exclude_at_first_lock[(size_t)(x->exclusion - run->study->exclude)]
			 : -1;
	tristate(j, "at_first_lock", at);
	tt_json_end_object(j);
}

void tt_report_json(tt_buf *out, const tt_run *run)
{
	const tt_study *st = run->study;
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "tt_version", run->tt_version);
	tt_json_key(&j, "study");
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "id", st->id);
	tt_json_kv_string(&j, "title", st->title);
	tt_json_kv_string(&j, "protocol", st->protocol);
	tt_json_kv_string(&j, "design", tt_design_name(st->design));
	tt_json_kv_number(&j, "alpha", st->alpha);
	tt_json_kv_string(&j, "source_process", st->source_spec->id);
	tt_json_kv_string(&j, "source_site", st->source_spec->site.name);
	tt_json_kv_string(&j, "receiving_process", st->receiving_spec->id);
	tt_json_kv_string(&j, "receiving_site", st->receiving_spec->site.name);
	tt_json_kv_bool(&j, "locked", run->locked);
	tt_json_kv_string(&j, "locked_at", run->locked_at);
	lock_json(&j, run);
	tt_json_end_object(&j);
	tt_json_kv_string(&j, "verdict", tt_verdict_name(run->verdict));
	tt_json_kv_number(&j, "seed", (double)run->seed);
	tt_json_kv_string(&j, "generated_at", run->generated_at);
	tt_json_kv_string(&j, "command_line", run->command_line);
	tt_json_key(&j, "versions");
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "tt", run->tt_version);
	tt_json_kv_string(&j, "gsl", run->gsl_version);
	tt_json_kv_string(&j, "libyaml", run->yaml_version);
	tt_json_end_object(&j);

	if (run->diff) {
		tt_json_key(&j, "gap_analysis");
		tt_diff_json_write(&j, run->diff);
	}

	tt_json_key(&j, "comparisons");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < run->n_comparisons; i++)
		comparison_json(&j, run, &run->comparisons[i]);
	tt_json_end_array(&j);

	tt_json_key(&j, "conformance");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < run->n_conformance; i++) {
		const tt_conformance *cf = &run->conformance[i];
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "attribute", cf->attr->id);
		tt_json_kv_string(&j, "site", tt_site_role_name(cf->site));
		tt_json_kv_string(&j, "spec", cf->spec_text);
		tt_json_kv_bool(&j, "checked", cf->checked);
		tt_json_kv_bool(&j, "spec_differs", cf->spec_differs);
		tt_json_kv_int(&j, "n_lots", (long long)cf->n_lots);
		string_list(&j, "lots_out_of_spec", cf->out_of_spec, cf->n_out_of_spec);
		string_list(&j, "lots_not_tested", cf->not_tested, cf->n_not_tested);
		string_list(&j, "excluded_out_of_spec", cf->excluded_out_of_spec,
			    cf->n_excluded_out_of_spec);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);

	tt_json_key(&j, "excluded");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < run->n_excluded; i++)
		excluded_json(&j, run, &run->excluded[i]);
	tt_json_end_array(&j);

	string_list(&j, "warnings", (const char *const *)run->warnings, run->n_warnings);

	tt_json_key(&j, "inputs");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < run->n_inputs; i++) {
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", run->inputs[i].path);
		tt_json_kv_string(&j, "role", run->inputs[i].role);
		tt_json_kv_string(&j, "sha256", run->inputs[i].sha256);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
}
