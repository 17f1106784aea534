/*
 * spec.c - loading and validating a process spec (CONTRACT.md, "Process
 * spec").
 *
 * The loader walks the whole document even after a problem, so that every
 * problem in the file is reported at once; the spec is handed out only when
 * there were none.
 */
#include "tt/input/spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/util.h"
#include "tt/input/ydoc.h"

static const char *const class_names[] = { "critical", "key", "non-critical", NULL };
static const char *const criticality_names[] = { "high", "medium", "low", NULL };
static const char *const type_names[] = { "continuous", "qualitative", NULL };
static const char *const scale_names[] = { "linear", "log", NULL };

const char *tt_param_class_name(tt_param_class c)
{
	return c == TT_CLASS_UNSET ? "unset" : class_names[c - 1];
}

const char *tt_criticality_name(tt_criticality c)
{
	return c == TT_CRIT_UNSET ? "unset" : criticality_names[c - 1];
}

const char *tt_attr_type_name(tt_attr_type t)
{
	return type_names[t];
}

const char *tt_scale_name(tt_scale s)
{
	return scale_names[s];
}

/* ---- small readers ------------------------------------------------------ */

/* An optional string: a new copy, or NULL when absent or wrong (the problem
 * then is in d). */
static char *opt_string(const tt_ynode *map, const char *key, tt_diags *d)
{
	const tt_ynode *n = tt_ynode_get(map, key);
	const char *s;
	if (!n || tt_yschema_string(n, key, &s, d) < 0)
		return NULL;
	return tt_xstrdup(s);
}

/* A required id: a new copy, or NULL (a missing key or a bad id reported). */
static char *req_id(const tt_ynode *map, const char *what, tt_diags *d)
{
	const tt_ynode *n = tt_yschema_require(map, what, "id", d);
	const char *s;
	if (!n || tt_yschema_id(n, "id", &s, d) < 0)
		return NULL;
	return tt_xstrdup(s);
}

/* An optional list: the node, or NULL when absent or not a list. */
static const tt_ynode *opt_list(const tt_ynode *map, const char *key, tt_diags *d)
{
	const tt_ynode *n = tt_ynode_get(map, key);
	if (!n || tt_yschema_seq(n, key, d) < 0)
		return NULL;
	return n;
}

static int opt_enum(const tt_ynode *map, const char *key, const char *const *choices, int *out,
		    tt_diags *d)
{
	const tt_ynode *n = tt_ynode_get(map, key);
	if (!n)
		return 0;
	return tt_yschema_enum(n, key, choices, out, d) == 0;
}

/* Reports an id already used earlier in the same list. */
static void check_unique(const char *id, tt_loc loc, const char *what, const char *in,
			 const char *const *ids, const tt_loc *locs, size_t n, tt_diags *d)
{
	if (!id)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ids[i] && strcmp(ids[i], id) == 0) {
			tt_diags_error(d, loc, "duplicate %s id '%s'%s (first at line %d)", what,
				       id, in ? in : "", locs[i].line);
			return;
		}
	}
}

/* ---- parts of the spec -------------------------------------------------- */

static void load_site(tt_site *site, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = { "name", "country", "regulator", NULL };
	if (tt_yschema_map(n, "site", d) < 0)
		return;
	tt_yschema_keys(n, "site", keys, d);
	site->name = opt_string(n, "name", d);
	site->country = opt_string(n, "country", d);
	site->regulator = opt_string(n, "regulator", d);
}

static void load_param(tt_param *p, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = { "id",   "name",  "description", "target", "range",
					    "unit", "class", "affects",     NULL };
	p->loc = n->loc;
	if (tt_yschema_keys(n, "parameter", keys, d) < 0 && n->kind != TT_YNODE_MAP)
		return;
	p->id = req_id(n, "parameter", d);
	p->name = opt_string(n, "name", d);
	p->description = opt_string(n, "description", d);
	p->unit = opt_string(n, "unit", d);

	const tt_ynode *t = tt_ynode_get(n, "target");
	if (t && tt_yschema_number(t, "target", &p->target, d) == 0)
		p->has_target = 1;

	const tt_ynode *r = tt_ynode_get(n, "range");
	if (r && tt_yschema_seq(r, "range", d) == 0) {
		if (r->count != 2) {
			tt_diags_error(d, r->loc,
				       "'range' must be [low, high], two numbers; found %zu item%s",
				       r->count, r->count == 1 ? "" : "s");
		} else {
			int ok = tt_yschema_number(r->items[0], "range", &p->range[0], d) == 0;
			ok &= tt_yschema_number(r->items[1], "range", &p->range[1], d) == 0;
			if (ok && p->range[0] > p->range[1])
				tt_diags_error(d, r->loc,
					       "'range' low end %s is above its high end %s",
					       r->items[0]->text, r->items[1]->text);
			else if (ok)
				p->has_range = 1;
		}
	}

	int c;
	if (opt_enum(n, "class", class_names, &c, d))
		p->cls = (tt_param_class)(c + 1);

	const tt_ynode *a = opt_list(n, "affects", d);
	if (a) {
		p->affects = tt_xcalloc(a->count + 1, sizeof *p->affects);
		for (size_t i = 0; i < a->count; i++) {
			const char *s;
			if (tt_yschema_id(a->items[i], "affects", &s, d) == 0)
				p->affects[p->n_affects++] = tt_xstrdup(s);
		}
	}
}

static void load_step(tt_step *st, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = { "id",        "name",       "description",
					    "equipment", "parameters", NULL };
	st->loc = n->loc;
	if (tt_yschema_keys(n, "step", keys, d) < 0 && n->kind != TT_YNODE_MAP)
		return;
	st->id = req_id(n, "step", d);
	st->name = opt_string(n, "name", d);
	st->description = opt_string(n, "description", d);

	const tt_ynode *eq = opt_list(n, "equipment", d);
	if (eq) {
		st->equipment = tt_xcalloc(eq->count + 1, sizeof *st->equipment);
		for (size_t i = 0; i < eq->count; i++) {
			const char *s;
			if (tt_yschema_string(eq->items[i], "equipment", &s, d) == 0)
				st->equipment[st->n_equipment++] = tt_xstrdup(s);
		}
	}

	const tt_ynode *ps = opt_list(n, "parameters", d);
	if (!ps)
		return;
	st->params = tt_xcalloc(ps->count + 1, sizeof *st->params);
	const char **ids = tt_xcalloc(ps->count + 1, sizeof *ids);
	tt_loc *locs = tt_xcalloc(ps->count + 1, sizeof *locs);
	char *in = st->id ? tt_xasprintf(" in step '%s'", st->id) : NULL;
	for (size_t i = 0; i < ps->count; i++) {
		tt_param *p = &st->params[st->n_params++];
		load_param(p, ps->items[i], d);
		check_unique(p->id, p->loc, "parameter", in, ids, locs, i, d);
		ids[i] = p->id;
		locs[i] = p->loc;
	}
	free(in);
	free(ids);
	free(locs);
}

static void load_material(tt_material *m, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = {
		"id", "name", "supplier", "grade", "description", NULL
	};
	m->loc = n->loc;
	if (tt_yschema_keys(n, "material", keys, d) < 0 && n->kind != TT_YNODE_MAP)
		return;
	m->id = req_id(n, "material", d);
	m->name = opt_string(n, "name", d);
	m->supplier = opt_string(n, "supplier", d);
	m->grade = opt_string(n, "grade", d);
	m->description = opt_string(n, "description", d);
}

/* The release specification: min and/or max for a continuous attribute,
 * equals for a qualitative one.  The keys of the other type are named as
 * not applying rather than as unknown. */
static void load_attr_spec(tt_attr *a, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = { "min", "max", "equals", NULL };
	a->spec_loc = n->loc;
	if (tt_yschema_keys(n, "spec", keys, d) < 0 && n->kind != TT_YNODE_MAP)
		return;
	const tt_ypair *pmin = tt_ynode_get_pair(n, "min");
	const tt_ypair *pmax = tt_ynode_get_pair(n, "max");
	const tt_ypair *peq = tt_ynode_get_pair(n, "equals");
	if (a->type == TT_ATTR_QUALITATIVE) {
		if (pmin)
			tt_diags_error(d, pmin->key->loc,
				       "key 'min' does not apply to a qualitative attribute; use "
				       "'equals'");
		if (pmax)
			tt_diags_error(d, pmax->key->loc,
				       "key 'max' does not apply to a qualitative attribute; use "
				       "'equals'");
		const tt_ynode *eq = tt_yschema_require(n, "spec", "equals", d);
		const char *s;
		if (eq && tt_yschema_string(eq, "equals", &s, d) == 0) {
			a->equals = tt_xstrdup(s);
			a->has_spec = 1;
		}
		return;
	}
	if (peq)
		tt_diags_error(d, peq->key->loc,
			       "key 'equals' does not apply to a continuous attribute; use 'min' "
			       "and 'max' (or 'type: qualitative')");
	if (!pmin && !pmax) {
		if (!peq)
			tt_diags_error(d, n->loc, "spec needs 'min', 'max' or both");
		return;
	}
	int ok = 1;
	if (pmin) {
		if (tt_yschema_number(pmin->value, "min", &a->min, d) == 0)
			a->has_min = 1;
		else
			ok = 0;
	}
	if (pmax) {
		if (tt_yschema_number(pmax->value, "max", &a->max, d) == 0)
			a->has_max = 1;
		else
			ok = 0;
	}
	if (ok && a->has_min && a->has_max && a->min > a->max)
		tt_diags_error(d, n->loc, "spec 'min' %s is above 'max' %s", pmin->value->text,
			       pmax->value->text);
	a->has_spec = ok;
}

static void load_attr(tt_attr *a, const tt_ynode *n, tt_diags *d)
{
	static const char *const keys[] = { "id",   "name",  "description", "unit",        "type",
					    "spec", "scale", "method",      "criticality", NULL };
	a->loc = n->loc;
	a->spec_loc = n->loc;
	if (tt_yschema_keys(n, "attribute", keys, d) < 0 && n->kind != TT_YNODE_MAP)
		return;
	a->id = req_id(n, "attribute", d);
	/* A lot table's own columns cannot also be attribute columns. */
	static const char *const reserved[] = { "lot", "date", "pair", "tested_at", NULL };
	for (int i = 0; a->id && reserved[i]; i++)
		if (strcmp(a->id, reserved[i]) == 0)
			tt_diags_error(d, tt_ynode_get(n, "id")->loc,
				       "attribute id '%s' is reserved for a lot table's own "
				       "column; choose another id",
				       a->id);
	a->name = opt_string(n, "name", d);
	a->description = opt_string(n, "description", d);
	a->unit = opt_string(n, "unit", d);
	a->method = opt_string(n, "method", d);

	int i;
	if (opt_enum(n, "type", type_names, &i, d))
		a->type = (tt_attr_type)i;
	if (opt_enum(n, "criticality", criticality_names, &i, d))
		a->criticality = (tt_criticality)(i + 1);
	const tt_ynode *sc = tt_ynode_get(n, "scale");
	if (sc && tt_yschema_enum(sc, "scale", scale_names, &i, d) == 0) {
		if (i == TT_SCALE_LOG && a->type == TT_ATTR_QUALITATIVE)
			tt_diags_error(d, sc->loc,
				       "scale 'log' applies only to continuous attributes");
		else
			a->scale = (tt_scale)i;
	}
	const tt_ynode *spec = tt_ynode_get(n, "spec");
	if (spec)
		load_attr_spec(a, spec, d);
}

/* Every id in a parameter's `affects` must be an attribute of this spec. */
static void check_affects(const tt_spec *s, const tt_ynode *process, tt_diags *d)
{
	const char **ids = tt_xcalloc(s->n_attrs + 1, sizeof *ids);
	size_t n_ids = 0;
	for (size_t i = 0; i < s->n_attrs; i++)
		if (s->attrs[i].id)
			ids[n_ids++] = s->attrs[i].id;
	const tt_ynode *steps = tt_ynode_get(process, "steps");
	for (size_t i = 0; i < s->n_steps; i++) {
		const tt_step *st = &s->steps[i];
		const tt_ynode *params = tt_ynode_get(steps->items[i], "parameters");
		for (size_t j = 0; j < st->n_params; j++) {
			const tt_param *p = &st->params[j];
			const tt_ynode *aff = tt_ynode_get(params->items[j], "affects");
			if (!aff || aff->kind != TT_YNODE_SEQ)
				continue;
			for (size_t k = 0; k < aff->count; k++) {
				const tt_ynode *item = aff->items[k];
				if (item->kind != TT_YNODE_SCALAR || !tt_is_id(item->text))
					continue;
				if (tt_spec_attr(s, item->text))
					continue;
				const char *hint = tt_suggest(item->text, ids);
				const char *pid = p->id ? p->id : "?";
				tt_loc at = item->loc;
				if (hint)
					tt_diags_error(d, at,
						       "parameter '%s' affects '%s', which is "
						       "not an attribute of this process; did "
						       "you mean '%s'?",
						       pid, item->text, hint);
				else
					tt_diags_error(d, at,
						       "parameter '%s' affects '%s', which is "
						       "not an attribute of this process",
						       pid, item->text);
			}
		}
	}
	free(ids);
}

/* ---- the whole spec ----------------------------------------------------- */

/* The places were taken from the document's nodes, whose file name dies
 * with the document; the spec's own copy of the path outlives it. */
static void rebase_locs(tt_spec *s)
{
	s->loc.file = s->path;
	for (size_t i = 0; i < s->n_steps; i++) {
		s->steps[i].loc.file = s->path;
		for (size_t j = 0; j < s->steps[i].n_params; j++)
			s->steps[i].params[j].loc.file = s->path;
	}
	for (size_t i = 0; i < s->n_materials; i++)
		s->materials[i].loc.file = s->path;
	for (size_t i = 0; i < s->n_attrs; i++) {
		s->attrs[i].loc.file = s->path;
		s->attrs[i].spec_loc.file = s->path;
	}
}

int tt_spec_from_doc(tt_spec **out, const tt_ydoc *doc, tt_diags *d)
{
	*out = NULL;
	size_t errors = d->errors;
	tt_loc top = { doc->path, 1, 1 };
	const tt_ynode *root = doc->root;
	if (!root || root->kind != TT_YNODE_MAP || !tt_ynode_get(root, "process")) {
		if (root)
			top = root->loc;
		tt_diags_error(d, top, "not a process spec: expected the top-level key 'process'");
		return TT_EINVAL;
	}
	for (size_t i = 0; i < root->count; i++) {
		const tt_ynode *k = root->pairs[i].key;
		if (strcmp(k->text, "process") != 0)
			tt_diags_error(d, k->loc,
				       "unknown top-level key '%s'; a process spec has only "
				       "'process'",
				       k->text);
	}

	const tt_ynode *p = tt_ynode_get(root, "process");
	if (tt_yschema_map(p, "process", d) < 0)
		return TT_EINVAL;
	static const char *const keys[] = { "id",   "name",  "description", "product",    "version",
					    "site", "steps", "materials",   "attributes", NULL };
	tt_yschema_keys(p, "process", keys, d);

	tt_spec *s = tt_xcalloc(1, sizeof *s);
	s->path = tt_xstrdup(doc->path);
	memcpy(s->sha256, doc->sha256, sizeof s->sha256);
	s->loc = p->loc;
	s->id = req_id(p, "process", d);
	s->name = opt_string(p, "name", d);
	s->description = opt_string(p, "description", d);
	s->product = opt_string(p, "product", d);
	s->version = opt_string(p, "version", d);
	const tt_ynode *site = tt_ynode_get(p, "site");
	if (site)
		load_site(&s->site, site, d);

	const tt_ynode *steps = opt_list(p, "steps", d);
	if (steps) {
		s->steps = tt_xcalloc(steps->count + 1, sizeof *s->steps);
		const char **ids = tt_xcalloc(steps->count + 1, sizeof *ids);
		tt_loc *locs = tt_xcalloc(steps->count + 1, sizeof *locs);
		for (size_t i = 0; i < steps->count; i++) {
			tt_step *st = &s->steps[s->n_steps++];
			load_step(st, steps->items[i], d);
			check_unique(st->id, st->loc, "step", NULL, ids, locs, i, d);
			ids[i] = st->id;
			locs[i] = st->loc;
		}
		free(ids);
		free(locs);
	}

	const tt_ynode *mats = opt_list(p, "materials", d);
	if (mats) {
		s->materials = tt_xcalloc(mats->count + 1, sizeof *s->materials);
		const char **ids = tt_xcalloc(mats->count + 1, sizeof *ids);
		tt_loc *locs = tt_xcalloc(mats->count + 1, sizeof *locs);
		for (size_t i = 0; i < mats->count; i++) {
			tt_material *m = &s->materials[s->n_materials++];
			load_material(m, mats->items[i], d);
			check_unique(m->id, m->loc, "material", NULL, ids, locs, i, d);
			ids[i] = m->id;
			locs[i] = m->loc;
		}
		free(ids);
		free(locs);
	}

	const tt_ynode *attrs = opt_list(p, "attributes", d);
	if (attrs) {
		s->attrs = tt_xcalloc(attrs->count + 1, sizeof *s->attrs);
		const char **ids = tt_xcalloc(attrs->count + 1, sizeof *ids);
		tt_loc *locs = tt_xcalloc(attrs->count + 1, sizeof *locs);
		for (size_t i = 0; i < attrs->count; i++) {
			tt_attr *a = &s->attrs[s->n_attrs++];
			load_attr(a, attrs->items[i], d);
			check_unique(a->id, a->loc, "attribute", NULL, ids, locs, i, d);
			ids[i] = a->id;
			locs[i] = a->loc;
		}
		free(ids);
		free(locs);
	}
	if (steps)
		check_affects(s, p, d);

	if (d->errors != errors) {
		tt_spec_free(s);
		return TT_EINVAL;
	}
	rebase_locs(s);
	*out = s;
	return TT_OK;
}

int tt_spec_load(tt_spec **out, const char *path, tt_diags *d)
{
	*out = NULL;
	tt_ydoc *doc;
	int rc = tt_ydoc_load(&doc, path, d);
	if (rc < 0)
		return rc;
	rc = tt_spec_from_doc(out, doc, d);
	tt_ydoc_free(doc);
	return rc;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void tt_spec_free(tt_spec *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_steps; i++) {
		tt_step *st = &s->steps[i];
		for (size_t j = 0; j < st->n_params; j++) {
			tt_param *p = &st->params[j];
			free(p->id);
			free(p->name);
			free(p->unit);
			free(p->description);
			free_strings(p->affects, p->n_affects);
		}
		free(st->params);
		free(st->id);
		free(st->name);
		free(st->description);
		free_strings(st->equipment, st->n_equipment);
	}
	free(s->steps);
	for (size_t i = 0; i < s->n_materials; i++) {
		tt_material *m = &s->materials[i];
		free(m->id);
		free(m->name);
		free(m->supplier);
		free(m->grade);
		free(m->description);
	}
	free(s->materials);
	for (size_t i = 0; i < s->n_attrs; i++) {
		tt_attr *a = &s->attrs[i];
		free(a->id);
		free(a->name);
		free(a->unit);
		free(a->method);
		free(a->equals);
		free(a->description);
	}
	free(s->attrs);
	free(s->site.name);
	free(s->site.country);
	free(s->site.regulator);
	free(s->path);
	free(s->id);
	free(s->name);
	free(s->product);
	free(s->version);
	free(s->description);
	free(s);
}

const tt_attr *tt_spec_attr(const tt_spec *spec, const char *id)
{
	if (!spec)
		return NULL;
	for (size_t i = 0; i < spec->n_attrs; i++)
		if (spec->attrs[i].id && strcmp(spec->attrs[i].id, id) == 0)
			return &spec->attrs[i];
	return NULL;
}

const tt_step *tt_spec_step(const tt_spec *spec, const char *id)
{
	for (size_t i = 0; i < spec->n_steps; i++)
		if (spec->steps[i].id && strcmp(spec->steps[i].id, id) == 0)
			return &spec->steps[i];
	return NULL;
}

/* ---- the specification in words ------------------------------------------ */

tt_spec_limits tt_spec_limits_of(const tt_attr *a)
{
	tt_spec_limits s = { false, false, 0.0, 0.0, NULL };
	if (!a->has_spec)
		return s;
	s.has_min = a->has_min;
	s.has_max = a->has_max;
	s.min = a->min;
	s.max = a->max;
	s.equals = a->type == TT_ATTR_QUALITATIVE ? a->equals : NULL;
	return s;
}

static const char *limit_g(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%g", v);
	return buf;
}

char *tt_spec_limits_words(const tt_spec_limits *s, const char *unit,
			   const tt_spec_words_style *style)
{
	static const tt_spec_words_style plain = { NULL, false, false };
	if (!style)
		style = &plain;
	const char *(*number)(char *, size_t, double) = style->number ? style->number : limit_g;
	if (s->equals)
		return tt_xasprintf("%s %s", style->prose ? "equals" : "=", s->equals);
	if (!s->has_min && !s->has_max)
		return tt_xstrdup("none");
	char lo[64], hi[64];
	tt_buf b = TT_BUF_INIT;
	if (s->has_min && s->has_max)
		tt_buf_printf(&b, "%s to %s", number(lo, sizeof lo, s->min),
			      number(hi, sizeof hi, s->max));
	else if (s->has_min)
		tt_buf_printf(&b, "%s %s", style->symbols ? "\xE2\x89\xA5" : ">=",
			      number(lo, sizeof lo, s->min));
	else
		tt_buf_printf(&b, "%s %s", style->symbols ? "\xE2\x89\xA4" : "<=",
			      number(hi, sizeof hi, s->max));
	if (unit && *unit)
		tt_buf_printf(&b, " %s", unit);
	return tt_buf_detach(&b);
}

char *tt_spec_words(const tt_attr *a)
{
	tt_spec_limits s = tt_spec_limits_of(a);
	return tt_spec_limits_words(&s, a->unit, NULL);
}
