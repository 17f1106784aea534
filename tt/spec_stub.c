/*
 * spec_stub.c - TEMPORARY: a minimal process-spec loader so that tt diff
 * links and runs until tt/spec.c lands; delete this file then.
 *
 * It reads the CONTRACT's spec format with libyaml's document API and
 * checks only what it must to fill the structs (the mapping `process`, its
 * `id`, numbers that are numbers).  It does not validate unknown keys,
 * duplicate ids, enumerations beyond the known words, or cross-references;
 * the real loader does.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "tt/error.h"
#include "tt/spec.h"
#include "tt/util.h"

typedef struct stub {
	yaml_document_t doc;
	tt_spec *spec;
	tt_diags *d;
	int errors;
} stub;

static yaml_node_t *node_at(stub *s, int i)
{
	return i ? yaml_document_get_node(&s->doc, i) : NULL;
}

static tt_loc loc_of(stub *s, const yaml_node_t *n)
{
	tt_loc l = { s->spec->path, n ? (int)n->start_mark.line + 1 : 0,
		     n ? (int)n->start_mark.column + 1 : 0 };
	return l;
}

static void stub_error(stub *s, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void stub_error(stub *s, const yaml_node_t *n, const char *fmt, ...)
{
	tt_loc l = loc_of(s, n);
	va_list ap;
	va_start(ap, fmt);
	tt_diags_vadd(s->d, TT_SEV_ERROR, l.file, l.line, l.col, fmt, ap);
	va_end(ap);
	s->errors++;
}

static yaml_node_t *get(stub *s, const yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node_at(s, p->key);
		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return node_at(s, p->value);
	}
	return NULL;
}

static char *str(stub *s, const yaml_node_t *map, const char *key)
{
	yaml_node_t *n = get(s, map, key);
	if (!n)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		stub_error(s, n, "'%s' must be a text", key);
		return NULL;
	}
	return tt_xstrdup((const char *)n->data.scalar.value);
}

static int num(stub *s, const yaml_node_t *n, const char *key, double *out)
{
	if (!n || n->type != YAML_SCALAR_NODE ||
	    tt_parse_double((const char *)n->data.scalar.value, out) != 0) {
		stub_error(s, n, "'%s' must be a number", key);
		return 0;
	}
	return 1;
}

static size_t seq_len(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *seq_item(stub *s, const yaml_node_t *n, size_t i)
{
	return node_at(s, n->data.sequence.items.start[i]);
}

static char **str_list(stub *s, const yaml_node_t *map, const char *key, size_t *n)
{
	yaml_node_t *seq = get(s, map, key);
	*n = seq_len(seq);
	if (!*n)
		return NULL;
	char **list = tt_xcalloc(*n, sizeof *list);
	for (size_t i = 0; i < *n; i++) {
		yaml_node_t *it = seq_item(s, seq, i);
		list[i] = tt_xstrdup(it->type == YAML_SCALAR_NODE ? (const char *)it->data.scalar.value
								  : "");
	}
	return list;
}

static int word(stub *s, const yaml_node_t *map, const char *key, const char *const *words)
{
	char *w = str(s, map, key);
	if (!w)
		return 0;
	int found = 0;
	for (int i = 0; words[i]; i++)
		if (strcmp(w, words[i]) == 0)
			found = i + 1;
	if (!found)
		stub_error(s, get(s, map, key), "unknown value for '%s'", key);
	free(w);
	return found;
}

static void read_param(stub *s, tt_param *p, const yaml_node_t *n)
{
	static const char *const classes[] = { "critical", "key", "non-critical", NULL };
	p->loc = loc_of(s, n);
	p->id = str(s, n, "id");
	if (!p->id)
		stub_error(s, n, "missing required key '%s' in parameter", "id");
	p->name = str(s, n, "name");
	p->unit = str(s, n, "unit");
	yaml_node_t *t = get(s, n, "target");
	if (t)
		p->has_target = num(s, t, "target", &p->target);
	yaml_node_t *r = get(s, n, "range");
	if (r) {
		if (seq_len(r) != 2) {
			stub_error(s, r, "'%s' must be [low, high]", "range");
		} else {
			p->has_range = num(s, seq_item(s, r, 0), "range", &p->range[0]) &&
				       num(s, seq_item(s, r, 1), "range", &p->range[1]);
		}
	}
	p->cls = (tt_param_class)word(s, n, "class", classes);
	p->affects = str_list(s, n, "affects", &p->n_affects);
}

static void read_step(stub *s, tt_step *st, const yaml_node_t *n)
{
	st->loc = loc_of(s, n);
	st->id = str(s, n, "id");
	if (!st->id)
		stub_error(s, n, "missing required key '%s' in step", "id");
	st->name = str(s, n, "name");
	st->equipment = str_list(s, n, "equipment", &st->n_equipment);
	yaml_node_t *ps = get(s, n, "parameters");
	st->n_params = seq_len(ps);
	st->params = st->n_params ? tt_xcalloc(st->n_params, sizeof *st->params) : NULL;
	for (size_t i = 0; i < st->n_params; i++)
		read_param(s, &st->params[i], seq_item(s, ps, i));
}

static void read_attr(stub *s, tt_attr *a, const yaml_node_t *n)
{
	static const char *const types[] = { "continuous", "qualitative", NULL };
	static const char *const scales[] = { "linear", "log", NULL };
	static const char *const crits[] = { "high", "medium", "low", NULL };
	a->loc = loc_of(s, n);
	a->id = str(s, n, "id");
	if (!a->id)
		stub_error(s, n, "missing required key '%s' in attribute", "id");
	a->name = str(s, n, "name");
	a->unit = str(s, n, "unit");
	a->method = str(s, n, "method");
	int t = word(s, n, "type", types);
	a->type = t == 2 ? TT_ATTR_QUALITATIVE : TT_ATTR_CONTINUOUS;
	int sc = word(s, n, "scale", scales);
	a->scale = sc == 2 ? TT_SCALE_LOG : TT_SCALE_LINEAR;
	a->criticality = (tt_criticality)word(s, n, "criticality", crits);
	yaml_node_t *spec = get(s, n, "spec");
	if (spec) {
		a->has_spec = 1;
		yaml_node_t *v = get(s, spec, "min");
		if (v)
			a->has_min = num(s, v, "min", &a->min);
		v = get(s, spec, "max");
		if (v)
			a->has_max = num(s, v, "max", &a->max);
		a->equals = str(s, spec, "equals");
	}
}

static void read_process(stub *s, const yaml_node_t *p)
{
	tt_spec *sp = s->spec;
	sp->id = str(s, p, "id");
	if (!sp->id)
		stub_error(s, p, "missing required key '%s' in process", "id");
	sp->name = str(s, p, "name");
	sp->product = str(s, p, "product");
	sp->version = str(s, p, "version");
	yaml_node_t *site = get(s, p, "site");
	sp->site.name = str(s, site, "name");
	sp->site.country = str(s, site, "country");
	sp->site.regulator = str(s, site, "regulator");
	yaml_node_t *steps = get(s, p, "steps");
	sp->n_steps = seq_len(steps);
	sp->steps = sp->n_steps ? tt_xcalloc(sp->n_steps, sizeof *sp->steps) : NULL;
	for (size_t i = 0; i < sp->n_steps; i++)
		read_step(s, &sp->steps[i], seq_item(s, steps, i));
	yaml_node_t *mats = get(s, p, "materials");
	sp->n_materials = seq_len(mats);
	sp->materials = sp->n_materials ? tt_xcalloc(sp->n_materials, sizeof *sp->materials) : NULL;
	for (size_t i = 0; i < sp->n_materials; i++) {
		yaml_node_t *m = seq_item(s, mats, i);
		tt_material *mt = &sp->materials[i];
		mt->loc = loc_of(s, m);
		mt->id = str(s, m, "id");
		if (!mt->id)
			stub_error(s, m, "missing required key '%s' in material", "id");
		mt->name = str(s, m, "name");
		mt->supplier = str(s, m, "supplier");
		mt->grade = str(s, m, "grade");
	}
	yaml_node_t *attrs = get(s, p, "attributes");
	sp->n_attrs = seq_len(attrs);
	sp->attrs = sp->n_attrs ? tt_xcalloc(sp->n_attrs, sizeof *sp->attrs) : NULL;
	for (size_t i = 0; i < sp->n_attrs; i++)
		read_attr(s, &sp->attrs[i], seq_item(s, attrs, i));
}

int tt_spec_load(tt_spec **out, const char *path, tt_diags *d)
{
	*out = NULL;
	char *bytes = NULL;
	size_t len = 0;
	if (tt_read_file(path, 16u * 1024u * 1024u, &bytes, &len) != 0) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "cannot read spec '%s'", path);
		return TT_EINVAL;
	}
	stub s;
	memset(&s, 0, sizeof s);
	s.d = d;
	s.spec = tt_xcalloc(1, sizeof *s.spec);
	s.spec->path = tt_xstrdup(path);
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
	if (!yaml_parser_load(&parser, &s.doc)) {
		tt_diags_add(d, TT_SEV_ERROR, path, (int)parser.problem_mark.line + 1,
			     (int)parser.problem_mark.column + 1, "%s",
			     parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		free(bytes);
		tt_spec_free(s.spec);
		return TT_EINVAL;
	}
	yaml_parser_delete(&parser);
	free(bytes);
	yaml_node_t *root = yaml_document_get_root_node(&s.doc);
	yaml_node_t *p = get(&s, root, "process");
	if (!p || p->type != YAML_MAPPING_NODE)
		stub_error(&s, root, "missing required key '%s'", "process");
	else
		read_process(&s, p);
	yaml_document_delete(&s.doc);
	if (s.errors) {
		tt_spec_free(s.spec);
		return TT_EINVAL;
	}
	*out = s.spec;
	return 0;
}

void tt_spec_free(tt_spec *sp)
{
	if (!sp)
		return;
	for (size_t i = 0; i < sp->n_steps; i++) {
		tt_step *st = &sp->steps[i];
		for (size_t k = 0; k < st->n_params; k++) {
			tt_param *p = &st->params[k];
			free(p->id);
			free(p->name);
			free(p->unit);
			for (size_t m = 0; m < p->n_affects; m++)
				free(p->affects[m]);
			free(p->affects);
		}
		free(st->params);
		free(st->id);
		free(st->name);
		for (size_t m = 0; m < st->n_equipment; m++)
			free(st->equipment[m]);
		free(st->equipment);
	}
	free(sp->steps);
	for (size_t i = 0; i < sp->n_materials; i++) {
		free(sp->materials[i].id);
		free(sp->materials[i].name);
		free(sp->materials[i].supplier);
		free(sp->materials[i].grade);
	}
	free(sp->materials);
	for (size_t i = 0; i < sp->n_attrs; i++) {
		free(sp->attrs[i].id);
		free(sp->attrs[i].name);
		free(sp->attrs[i].unit);
		free(sp->attrs[i].method);
		free(sp->attrs[i].equals);
	}
	free(sp->attrs);
	free(sp->site.name);
	free(sp->site.country);
	free(sp->site.regulator);
	free(sp->id);
	free(sp->name);
	free(sp->product);
	free(sp->version);
	free(sp->path);
	free(sp);
}
