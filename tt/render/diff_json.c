/*
 * diff_json.c - the gap analysis in JSON (docs/extensions.md, "tt diff
 * --format json"): tt diff's output, and the "gap_analysis" of report.json.
 */
#include "tt/render/diff_render.h"

#include <string.h>

static void json_dval(tt_json *j, const tt_dval *v)
{
	switch (v->kind) {
	case TT_DVAL_NULL:
		tt_json_null(j);
		break;
	case TT_DVAL_STRING:
		tt_json_string(j, v->str);
		break;
	case TT_DVAL_NUMBER:
		tt_json_number(j, v->num[0]);
		break;
	case TT_DVAL_PAIR:
		tt_json_begin_array(j);
		tt_json_number(j, v->num[0]);
		tt_json_number(j, v->num[1]);
		tt_json_end_array(j);
		break;
	case TT_DVAL_LIST:
		tt_json_begin_array(j);
		for (size_t i = 0; i < v->n_list; i++)
			tt_json_string(j, v->list[i]);
		tt_json_end_array(j);
		break;
	case TT_DVAL_SPEC:
		tt_json_begin_object(j);
		if (v->has[0])
			tt_json_kv_number(j, "min", v->num[0]);
		if (v->has[1])
			tt_json_kv_number(j, "max", v->num[1]);
		if (v->str)
			tt_json_kv_string(j, "equals", v->str);
		tt_json_end_object(j);
		break;
	}
}

static void json_entry(tt_json *j, const tt_diff_entry *e)
{
	tt_json_begin_object(j);
	tt_json_kv_string(j, "kind", tt_diff_kind_name(e->kind));
	if (e->step)
		tt_json_kv_string(j, "step", e->step);
	if (e->id)
		tt_json_kv_string(j, "id", e->id);
	if (e->field)
		tt_json_kv_string(j, "field", e->field);
	tt_json_key(j, "source");
	json_dval(j, &e->source);
	tt_json_key(j, "receiving");
	json_dval(j, &e->receiving);
	if (e->source_unit || e->receiving_unit) {
		if (e->source_unit && e->receiving_unit &&
		    strcmp(e->source_unit, e->receiving_unit) == 0) {
			tt_json_kv_string(j, "unit", e->source_unit);
		} else {
			tt_json_kv_string(j, "source_unit", e->source_unit);
			tt_json_kv_string(j, "receiving_unit", e->receiving_unit);
		}
	}
	if (e->kind == TT_DIFF_PARAMETER && e->cls != TT_CLASS_UNSET)
		tt_json_kv_string(j, "class", tt_param_class_name(e->cls));
	tt_json_kv_string(j, "risk", tt_risk_name(e->risk));
	if (e->risk != TT_RISK_NONE) {
		tt_json_kv_int(j, "severity", e->severity);
		tt_json_kv_int(j, "occurrence", e->occurrence);
		tt_json_kv_int(j, "detectability", e->detectability);
		tt_json_kv_int(j, "rpn", e->severity * e->occurrence * e->detectability);
		tt_json_key(j, "affects");
		tt_json_begin_array(j);
		for (size_t i = 0; i < e->n_affects; i++)
			tt_json_string(j, e->affects[i]);
		tt_json_end_array(j);
	}
	if (e->note)
		tt_json_kv_string(j, "note", e->note);
	tt_json_end_object(j);
}

void tt_diff_json_write(tt_json *j, const tt_diff *d)
{
	tt_json_begin_object(j);
	tt_json_kv_string(j, "source", d->source_id);
	tt_json_kv_string(j, "receiving", d->receiving_id);
	tt_json_key(j, "differences");
	tt_json_begin_array(j);
	for (size_t i = 0; i < d->n_entries; i++)
		json_entry(j, &d->entries[i]);
	tt_json_end_array(j);
	tt_json_key(j, "affected_attributes");
	tt_json_begin_array(j);
	for (size_t i = 0; i < d->n_affected; i++) {
		tt_json_begin_object(j);
		tt_json_kv_string(j, "attribute", d->affected[i].id);
		tt_json_kv_string(j, "risk", tt_risk_name(d->affected[i].risk));
		tt_json_kv_int(j, "differences", (long long)d->affected[i].n_differences);
		tt_json_end_object(j);
	}
	tt_json_end_array(j);
	tt_json_kv_string(j, "rule", d->rule_text);
	tt_json_end_object(j);
}

void tt_diff_json(tt_buf *out, const tt_diff *d)
{
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_diff_json_write(&j, d);
}
