/*
 * study.c - loading and validating a comparability study (CONTRACT.md,
 * "Study"), its two process specs, and the references between them.
 *
 * Loading runs in three passes, each reporting every problem it finds:
 * the study's own keys (types, ranges, per-approach keys, defaults), then
 * the two specs (their problems are located in their own files), then the
 * cross-references that need both.  The study is handed out only when no
 * pass found an error.
 */
#include "tt/input/study.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/util.h"
#include "tt/input/ydoc.h"

/* The keys each approach takes besides attribute, approach and
 * justification. */
static const char *const *approach_keys(tt_approach a)
{
	static const char *const eq[] = { "margin", "variance", NULL };
	static const char *const qr[] = { "k", "min_fraction", NULL };
	static const char *const ti[] = { "content", "confidence", "method",
					  "sides",   "direction",  NULL };
	static const char *const none[] = { NULL };
	static const char *const profile[] = { "method",    "bootstrap", "region_level",
					       "msd_limit", "data",      NULL };
	static const char *const stability[] = { "slope_margin", "data", NULL };
	switch (a) {
	case TT_APPROACH_EQUIVALENCE:
		return eq;
	case TT_APPROACH_QUALITY_RANGE:
		return qr;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		return ti;
	case TT_APPROACH_PROFILE:
		return profile;
	case TT_APPROACH_STABILITY:
		return stability;
	default:
		return none;
	}
}

static const char *const common_keys[] = { "attribute", "approach", "justification", NULL };

/* Every key any comparison takes, for suggestions. */
static const char *const all_comparison_keys[] = {
	"attribute",    "approach",     "justification", "margin", "variance",     "k",
	"min_fraction", "content",      "confidence",    "method", "sides",        "direction",
	"bootstrap",    "region_level", "msd_limit",     "data",   "slope_margin", NULL
};

static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* ---- small readers ------------------------------------------------------ */

static char *opt_string(const tt_ynode *map, const char *key, tt_diags *d)
{
	const tt_ynode *n = tt_ynode_get(map, key);
	const char *s;
	if (!n || tt_yschema_string(n, key, &s, d) < 0)
		return NULL;
	return tt_xstrdup(s);
}

static char *req_string(const tt_ynode *map, const char *what, const char *key, tt_diags *d)
{
	const tt_ynode *n = tt_yschema_require(map, what, key, d);
	const char *s;
	if (!n || tt_yschema_string(n, key, &s, d) < 0)
		return NULL;
	return tt_xstrdup(s);
}

/* An optional number in a range; *out keeps its default when absent. */
static int opt_number_in(const tt_ynode *map, const char *key, double lo, int lo_open, double hi,
			 int hi_open, double *out, tt_diags *d)
{
	const tt_ynode *n = tt_ynode_get(map, key);
	if (!n)
		return 0;
	return tt_yschema_number_in(n, key, lo, lo_open, hi, hi_open, out, d) == 0;
}

/* A path as written in the study, resolved against the study's folder and
 * tidied lexically ("studies/../specs/a.yaml" becomes "specs/a.yaml"), so
 * that messages and reports name files the way a user would.  Lexical
 * tidying can differ from the file system only when a folder before a
 * ".." is a symbolic link, which is not worth the confusion of the long
 * form everywhere else. */
static char *resolve(const tt_study *s, const char *rel)
{
	char *joined = tt_path_join(s->dir, rel);
	int absolute = joined[0] == '/';
	size_t n = 0;
	const char **segs = tt_xcalloc(strlen(joined) + 1, sizeof *segs);
	size_t *lens = tt_xcalloc(strlen(joined) + 1, sizeof *lens);
	for (const char *p = joined; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, "/");
		if (len == 1 && p[0] == '.') {
			/* "." adds nothing. */
		} else if (len == 2 && p[0] == '.' && p[1] == '.' && n > 0 &&
			   !(lens[n - 1] == 2 && segs[n - 1][0] == '.' && segs[n - 1][1] == '.')) {
			n--;
		} else if (!(len == 2 && p[0] == '.' && p[1] == '.' && absolute && n == 0)) {
			segs[n] = p;
			lens[n] = len;
			n++;
		}
		p += len;
	}
	tt_buf b = TT_BUF_INIT;
	if (absolute)
		tt_buf_putc(&b, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			tt_buf_putc(&b, '/');
		tt_buf_put(&b, segs[i], lens[i]);
	}
	if (b.len == 0)
		tt_buf_putc(&b, '.');
	free(segs);
	free(lens);
	free(joined);
	return tt_buf_detach(&b);
}

/* Reports a file named in the study that is not there, at the place its
 * name was written; the resolved path is given when it differs. */
static void missing_file(tt_diags *d, tt_loc loc, const char *what, const char *written,
			 const char *resolved)
{
	if (strcmp(written, resolved) == 0)
		tt_diags_error(d, loc, "%s '%s' not found", what, written);
	else
		tt_diags_error(d, loc, "%s '%s' not found (looked for '%s')", what, written,
			       resolved);
}

/* ---- a comparison ------------------------------------------------------- */

/* Checks a comparison's keys against its approach: a key of another
 * approach is named as not applying, anything else as unknown. */
static void check_comparison_keys(const tt_ynode *n, int approach_known, tt_approach a, tt_diags *d)
{
	const char *const *own = approach_keys(a);
	for (size_t i = 0; i < n->count; i++) {
		const tt_ynode *k = n->pairs[i].key;
		if (in_list(k->text, common_keys))
			continue;
		if (approach_known && in_list(k->text, own))
			continue;
		if (in_list(k->text, all_comparison_keys)) {
			if (approach_known)
				tt_diags_error(d, k->loc,
					       "key '%s' does not apply to approach '%s'", k->text,
					       tt_approach_name(a));
			continue;
		}
		/* Suggest from the approach's own keys first: 'margn' on an
		 * equivalence comparison means margin, whatever else is near. */
		const char *hint = NULL;
		if (approach_known) {
			hint = tt_suggest(k->text, own);
			if (!hint)
				hint = tt_suggest(k->text, common_keys);
		}
		if (!hint)
			hint = tt_suggest(k->text, all_comparison_keys);
		if (hint)
			tt_diags_error(d, k->loc,
				       "unknown key '%s' in comparison; did you mean '%s'?",
				       k->text, hint);
		else
			tt_diags_error(d, k->loc, "unknown key '%s' in comparison", k->text);
	}
}

static void load_margin(tt_comparison *c, const tt_ynode *n, tt_diags *d)
{
	c->margin_loc = n->loc;
	if (n->kind == TT_YNODE_SCALAR && !tt_ynode_is_null(n)) {
		tt_diags_error(d, n->loc,
			       "'margin' needs its kind: write { sigma: 1.5 }, { absolute: 3 }, "
			       "{ percent: 10 } or { ratio: 1.25 }");
		return;
	}
	if (tt_yschema_map(n, "margin", d) < 0)
		return;
	tt_yschema_keys(n, "margin", tt_margin_type_names, d);
	const tt_ypair *found[TT_MARGIN_COUNT];
	size_t n_found = 0;
	int type = -1;
	for (int i = 0; tt_margin_type_names[i]; i++) {
		const tt_ypair *p = tt_ynode_get_pair(n, tt_margin_type_names[i]);
		if (p) {
			found[n_found++] = p;
			type = i;
		}
	}
	if (n_found == 0) {
		tt_diags_error(d, n->loc,
			       "'margin' needs one of sigma, absolute, percent or ratio");
		return;
	}
	if (n_found > 1) {
		tt_diags_error(d, n->loc,
			       "'margin' takes exactly one of sigma, absolute, percent or ratio; "
			       "found '%s' and '%s'",
			       found[0]->key->text, found[1]->key->text);
		return;
	}
	c->margin_type = (tt_margin_type)type;
	if (c->margin_type == TT_MARGIN_RATIO)
		tt_yschema_number_in(found[0]->value, "ratio", 1, 1, INFINITY, 0, &c->margin, d);
	else
		tt_yschema_number_in(found[0]->value, tt_margin_type_names[type], 0, 1, INFINITY, 0,
				     &c->margin, d);
}

/* data: { source, receiving } of a profile or stability comparison. */
static void load_comparison_data(tt_comparison *c, const tt_study *s, const tt_ynode *n,
				 const char *what, int require_data, tt_diags *d)
{
	const tt_ynode *data = tt_yschema_require(n, what, "data", d);
	if (!data || tt_yschema_map(data, "data", d) < 0)
		return;
	c->data_loc = data->loc;
	static const char *const keys[] = { "source", "receiving", NULL };
	tt_yschema_keys(data, "data", keys, d);
	const tt_ynode *src = tt_yschema_require(data, "data", "source", d);
	const tt_ynode *rec = tt_yschema_require(data, "data", "receiving", d);
	const char *p;
	if (src && tt_yschema_string(src, "source", &p, d) == 0) {
		c->data_source = resolve(s, p);
		c->data_source_loc = src->loc;
		if (require_data && !tt_path_is_file(c->data_source))
			missing_file(d, src->loc, "data file", p, c->data_source);
	}
	if (rec && tt_yschema_string(rec, "receiving", &p, d) == 0) {
		c->data_receiving = resolve(s, p);
		c->data_receiving_loc = rec->loc;
		if (require_data && !tt_path_is_file(c->data_receiving))
			missing_file(d, rec->loc, "data file", p, c->data_receiving);
	}
}

/* What load_comparison() tells the cross-reference pass, so that a refused
 * value does not draw a second, misleading error there. */
enum {
	CMP_METHOD_BAD = 1,     /* a method was given but refused (f2 was assumed) */
	CMP_MSD_LIMIT_GIVEN = 2 /* msd_limit was written, valid or not */
};

static int load_comparison(tt_comparison *c, const tt_study *s, const tt_ynode *n, int require_data,
			   tt_diags *d)
{
	int flags = 0;
	/* Defaults (CONTRACT.md); the enums' zero values are the defaults too:
	 * welch, exact, f2. */
	c->k = 3;
	c->min_fraction = 0.9;
	c->content = 0.99;
	c->confidence = 0.95;
	c->sides = 2;
	c->bootstrap = 10000;
	c->region_level = 0.90;
	c->loc = n->loc;
	c->attribute_loc = n->loc;
	c->margin_loc = n->loc;
	c->method_loc = n->loc;
	c->data_loc = n->loc;
	c->data_source_loc = n->loc;
	c->data_receiving_loc = n->loc;
	if (tt_yschema_map(n, "comparison", d) < 0)
		return flags;

	const tt_ynode *attr = tt_yschema_require(n, "comparison", "attribute", d);
	const char *id;
	if (attr && tt_yschema_id(attr, "attribute", &id, d) == 0) {
		c->attribute = tt_xstrdup(id);
		c->attribute_loc = attr->loc;
	}
	const tt_ynode *ap = tt_yschema_require(n, "comparison", "approach", d);
	int a = -1;
	int known = ap && tt_yschema_enum(ap, "approach", tt_approach_names, &a, d) == 0;
	if (known)
		c->approach = (tt_approach)a;
	check_comparison_keys(n, known, c->approach, d);
	c->justification = opt_string(n, "justification", d);
	if (!known)
		return flags;

	char what[64];
	snprintf(what, sizeof what, "%s comparison", tt_approach_name(c->approach));
	const tt_ynode *method = tt_ynode_get(n, "method");
	if (method)
		c->method_loc = method->loc;
	int i;
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE: {
		const tt_ynode *m = tt_yschema_require(n, what, "margin", d);
		if (m)
			load_margin(c, m, d);
		const tt_ynode *v = tt_ynode_get(n, "variance");
		if (v && tt_yschema_enum(v, "variance", tt_variance_names, &i, d) == 0)
			c->variance = (tt_variance)i;
		break;
	}
	case TT_APPROACH_QUALITY_RANGE:
		opt_number_in(n, "k", 0, 1, INFINITY, 0, &c->k, d);
		opt_number_in(n, "min_fraction", 0, 1, 1, 0, &c->min_fraction, d);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL: {
		opt_number_in(n, "content", 0, 1, 1, 1, &c->content, d);
		opt_number_in(n, "confidence", 0, 1, 1, 1, &c->confidence, d);
		if (method && tt_yschema_enum(method, "method", tt_ti_method_names, &i, d) == 0)
			c->ti_method = (tt_ti_method)i;
		const tt_ynode *sides = tt_ynode_get(n, "sides");
		long sv;
		int sides_ok = 1;
		if (sides) {
			sides_ok = tt_yschema_int(sides, "sides", 1, 2, &sv, d) == 0;
			if (sides_ok)
				c->sides = (int)sv;
		}
		const tt_ypair *dir = tt_ynode_get_pair(n, "direction");
		if (dir && tt_yschema_enum(dir->value, "direction",
					   tt_direction_names + TT_DIRECTION_LOWER, &i, d) == 0)
			c->direction = (tt_direction)(TT_DIRECTION_LOWER + i);
		if (sides_ok && c->sides == 1 && !dir)
			tt_diags_error(d, sides->loc,
				       "a one-sided tolerance interval needs 'direction: lower' or "
				       "'direction: upper'");
		if (sides_ok && c->sides == 2 && dir)
			tt_diags_error(d, dir->key->loc,
				       "'direction' applies only with 'sides: 1'");
		break;
	}
	case TT_APPROACH_PROFILE: {
		int method_ok = 1;
		if (method) {
			method_ok = tt_yschema_enum(method, "method", tt_profile_method_names, &i,
						    d) == 0;
			if (method_ok)
				c->profile_method = (tt_profile_method)i;
			else
				flags |= CMP_METHOD_BAD;
		}
		if (tt_ynode_get(n, "msd_limit"))
			flags |= CMP_MSD_LIMIT_GIVEN;
		const tt_ypair *b = tt_ynode_get_pair(n, "bootstrap");
		if (b) {
			if (method_ok && c->profile_method != TT_PROFILE_BOOTSTRAP_F2)
				tt_diags_error(d, b->key->loc,
					       "key 'bootstrap' applies only to method "
					       "'bootstrap-f2'");
			else
				tt_yschema_int(b->value, "bootstrap", 100, 1000000, &c->bootstrap,
					       d);
		}
		static const char *const msd_keys[] = { "region_level", "msd_limit", NULL };
		for (int k = 0; msd_keys[k]; k++) {
			const tt_ypair *p = tt_ynode_get_pair(n, msd_keys[k]);
			if (p && method_ok && c->profile_method != TT_PROFILE_MSD)
				tt_diags_error(d, p->key->loc,
					       "key '%s' applies only to method 'msd'",
					       msd_keys[k]);
		}
		if (c->profile_method == TT_PROFILE_MSD) {
			opt_number_in(n, "region_level", 0, 1, 1, 1, &c->region_level, d);
			if (opt_number_in(n, "msd_limit", 0, 1, INFINITY, 0, &c->msd_limit, d))
				c->has_msd_limit = 1;
		}
		load_comparison_data(c, s, n, what, require_data, d);
		break;
	}
	case TT_APPROACH_STABILITY:
		if (opt_number_in(n, "slope_margin", 0, 1, INFINITY, 0, &c->slope_margin, d))
			c->has_slope_margin = 1;
		load_comparison_data(c, s, n, what, require_data, d);
		break;
	default:
		break;
	}
	return flags;
}

/* ---- the rest of the study ---------------------------------------------- */

/* source: / receiving: { process, data }. */
static void load_site(tt_study *s, const tt_ynode *study, const char *key, int require_data,
		      char **process, tt_loc *process_loc, char **data, tt_loc *data_loc,
		      tt_diags *d)
{
	const tt_ynode *n = tt_yschema_require(study, "study", key, d);
	if (!n || tt_yschema_map(n, key, d) < 0)
		return;
	static const char *const keys[] = { "process", "data", NULL };
	tt_yschema_keys(n, key, keys, d);
	const tt_ynode *p = tt_yschema_require(n, key, "process", d);
	const char *path;
	if (p && tt_yschema_string(p, "process", &path, d) == 0) {
		*process = resolve(s, path);
		*process_loc = p->loc;
		if (!tt_path_is_file(*process)) {
			missing_file(d, p->loc, "process spec", path, *process);
			free(*process);
			*process = NULL;
		}
	}
	const tt_ynode *dn =
		require_data ? tt_yschema_require(n, key, "data", d) : tt_ynode_get(n, "data");
	if (dn && tt_yschema_string(dn, "data", &path, d) == 0) {
		*data = resolve(s, path);
		*data_loc = dn->loc;
		if (require_data && !tt_path_is_file(*data))
			missing_file(d, dn->loc, "data file", path, *data);
	}
}

static void load_exclude(tt_study *s, const tt_ynode *n, tt_diags *d)
{
	if (tt_yschema_seq(n, "exclude", d) < 0)
		return;
	s->exclude = tt_xcalloc(n->count + 1, sizeof *s->exclude);
	static const char *const keys[] = { "lot", "reason", NULL };
	for (size_t i = 0; i < n->count; i++) {
		const tt_ynode *item = n->items[i];
		tt_exclusion *x = &s->exclude[s->n_exclude++];
		x->loc = item->loc;
		if (tt_yschema_keys(item, "exclude", keys, d) < 0 && item->kind != TT_YNODE_MAP)
			continue;
		x->lot = req_string(item, "exclude", "lot", d);
		x->reason = req_string(item, "exclude", "reason", d);
		if (!x->lot)
			continue;
		for (size_t j = 0; j + 1 < s->n_exclude; j++) {
			if (s->exclude[j].lot && strcmp(s->exclude[j].lot, x->lot) == 0) {
				const tt_ynode *lot = tt_ynode_get(item, "lot");
				tt_diags_error(d, lot->loc,
					       "lot '%s' is excluded twice (first at line %d)",
					       x->lot, s->exclude[j].loc.line);
				break;
			}
		}
	}
}

static void load_plan(tt_study *s, const tt_ynode *n, tt_diags *d)
{
	tt_plan_block *p = &s->plan;
	if (tt_yschema_map(n, "plan", d) < 0)
		return;
	p->present = 1;
	p->loc = n->loc;
	static const char *const keys[] = { "n_source", "n_receiving", "correlation", "assumptions",
					    NULL };
	tt_yschema_keys(n, "plan", keys, d);
	const tt_ynode *v = tt_ynode_get(n, "n_source");
	if (v)
		tt_yschema_int(v, "n_source", 2, 1000, &p->n_source, d);
	v = tt_ynode_get(n, "n_receiving");
	if (v)
		tt_yschema_int(v, "n_receiving", 2, 1000, &p->n_receiving, d);
	const tt_ypair *corr = tt_ynode_get_pair(n, "correlation");
	if (corr && tt_yschema_number_in(corr->value, "correlation", -1, 1, 1, 1, &p->correlation,
					 d) == 0) {
		p->has_correlation = 1;
		if (s->design != TT_DESIGN_PAIRED)
			tt_diags_warning(d, corr->key->loc,
					 "'correlation' is used only with design 'paired'");
	}
	const tt_ynode *as = tt_ynode_get(n, "assumptions");
	if (!as || tt_yschema_seq(as, "assumptions", d) < 0)
		return;
	p->assumptions = tt_xcalloc(as->count + 1, sizeof *p->assumptions);
	static const char *const akeys[] = { "attribute", "sd", "mean", NULL };
	for (size_t i = 0; i < as->count; i++) {
		const tt_ynode *item = as->items[i];
		tt_plan_assumption *a = &p->assumptions[p->n_assumptions++];
		a->loc = item->loc;
		if (tt_yschema_keys(item, "assumption", akeys, d) < 0 && item->kind != TT_YNODE_MAP)
			continue;
		const tt_ynode *attr = tt_yschema_require(item, "assumption", "attribute", d);
		const char *id;
		if (attr && tt_yschema_id(attr, "attribute", &id, d) == 0) {
			a->attribute = tt_xstrdup(id);
			a->loc = attr->loc;
			for (size_t j = 0; j + 1 < p->n_assumptions; j++) {
				if (p->assumptions[j].attribute &&
				    strcmp(p->assumptions[j].attribute, id) == 0) {
					tt_diags_error(d, attr->loc,
						       "attribute '%s' has two plan assumptions "
						       "(first at line %d)",
						       id, p->assumptions[j].loc.line);
					break;
				}
			}
		}
		if (opt_number_in(item, "sd", 0, 1, INFINITY, 0, &a->sd, d))
			a->has_sd = 1;
		const tt_ynode *mean = tt_ynode_get(item, "mean");
		if (mean && tt_yschema_number(mean, "mean", &a->mean, d) == 0)
			a->has_mean = 1;
	}
}

/* ---- cross-references --------------------------------------------------- */

static const char *unit_text(const char *unit, char *buf, size_t size)
{
	if (!unit)
		return "no unit";
	snprintf(buf, size, "unit '%s'", unit);
	return buf;
}

static int same_unit(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Finds the attribute in one spec, reporting its absence with a
 * suggestion.  Returns NULL when absent. */
static const tt_attr *find_attr(const tt_spec *spec, const char *site, const char *id, tt_loc loc,
				tt_diags *d)
{
	const tt_attr *a = tt_spec_attr(spec, id);
	if (a)
		return a;
	const char **ids = tt_xcalloc(spec->n_attrs + 1, sizeof *ids);
	for (size_t i = 0; i < spec->n_attrs; i++)
		ids[i] = spec->attrs[i].id;
	const char *hint = tt_suggest(id, ids);
	if (hint)
		tt_diags_error(d, loc,
			       "attribute '%s' is not in the %s spec '%s'; did you mean '%s'?", id,
			       site, spec->id, hint);
	else
		tt_diags_error(d, loc, "attribute '%s' is not in the %s spec '%s'", id, site,
			       spec->id);
	free(ids);
	return NULL;
}

/* An attribute in neither spec is one message, not two. */
static void missing_from_both(const tt_study *s, const char *id, tt_loc loc, tt_diags *d)
{
	const tt_spec *a = s->source_spec, *b = s->receiving_spec;
	const char **ids = tt_xcalloc(a->n_attrs + b->n_attrs + 1, sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < a->n_attrs; i++)
		ids[n++] = a->attrs[i].id;
	for (size_t i = 0; i < b->n_attrs; i++)
		ids[n++] = b->attrs[i].id;
	const char *hint = tt_suggest(id, ids);
	if (hint)
		tt_diags_error(d, loc,
			       "attribute '%s' is in neither spec ('%s', '%s'); did you mean '%s'?",
			       id, a->id, b->id, hint);
	else
		tt_diags_error(d, loc, "attribute '%s' is in neither spec ('%s', '%s')", id, a->id,
			       b->id);
	free(ids);
}

/* The two specs must describe a compared attribute alike. */
static int check_agreement(const tt_comparison *c, const tt_attr *sa, const tt_attr *ra,
			   tt_diags *d)
{
	char ub1[96], ub2[96];
	tt_loc at = c->attribute_loc;
	if (sa->type != ra->type) {
		tt_diags_error(d, at,
			       "attribute '%s' is %s in the source spec but %s in the receiving "
			       "spec",
			       c->attribute, tt_attr_type_name(sa->type),
			       tt_attr_type_name(ra->type));
		return TT_EINVAL;
	}
	int rc = TT_OK;
	if (!same_unit(sa->unit, ra->unit)) {
		tt_diags_error(d, at,
			       "attribute '%s' has %s in the source spec but %s in the receiving "
			       "spec",
			       c->attribute, unit_text(sa->unit, ub1, sizeof ub1),
			       unit_text(ra->unit, ub2, sizeof ub2));
		rc = TT_EINVAL;
	}
	if (sa->scale != ra->scale) {
		tt_diags_error(d, at,
			       "attribute '%s' has scale '%s' in the source spec but '%s' in the "
			       "receiving spec",
			       c->attribute, tt_scale_name(sa->scale), tt_scale_name(ra->scale));
		rc = TT_EINVAL;
	}
	return rc;
}

/* A ratio margin means the log scale; absolute and percent margins do not
 * exist there (METHODS.md, "Scale"). */
static void check_margin_scale(tt_comparison *c, int log_attr, tt_diags *d)
{
	if (c->approach != TT_APPROACH_EQUIVALENCE || !(c->margin > 0))
		return;
	if (c->margin_type == TT_MARGIN_RATIO) {
		c->scale = TT_SCALE_LOG;
		return;
	}
	if (!log_attr || c->margin_type == TT_MARGIN_SIGMA)
		return;
	tt_diags_error(d, c->margin_loc,
		       "%s margin cannot be used on attribute '%s', which has scale: log; use a "
		       "ratio or sigma margin",
		       c->margin_type == TT_MARGIN_ABSOLUTE ? "an absolute" : "a percent",
		       c->attribute);
}

/* f2 assumes a 0-100 scale; so does MSD's default limit. */
static void check_profile(tt_comparison *c, const tt_attr *a, int flags, tt_diags *d)
{
	if (c->approach != TT_APPROACH_PROFILE || (flags & CMP_METHOD_BAD))
		return;
	char ub[96];
	int pct = a->unit && strcmp(a->unit, "%") == 0;
	if (c->profile_method != TT_PROFILE_MSD && !pct)
		tt_diags_error(d, c->method_loc,
			       "method '%s' needs an attribute in %% (attribute '%s' has %s); use "
			       "method 'msd' with an msd_limit",
			       tt_profile_method_name(c->profile_method), c->attribute,
			       unit_text(a->unit, ub, sizeof ub));
	if (c->profile_method != TT_PROFILE_MSD || (flags & CMP_MSD_LIMIT_GIVEN))
		return;
	if (pct) {
		/* Tsong et al. 1996: a 10-point difference on a % scale. */
		c->has_msd_limit = 1;
		c->msd_limit = 10;
		return;
	}
	tt_diags_error(d, c->method_loc,
		       "msd_limit is required for attribute '%s' (%s); f2 and the default limit "
		       "assume %%",
		       c->attribute, unit_text(a->unit, ub, sizeof ub));
}

static void check_comparison_refs(tt_study *s, tt_comparison *c, int flags, tt_diags *d)
{
	const tt_attr *sa = NULL, *ra = NULL;
	if (s->source_spec && s->receiving_spec && !tt_spec_attr(s->source_spec, c->attribute) &&
	    !tt_spec_attr(s->receiving_spec, c->attribute)) {
		missing_from_both(s, c->attribute, c->attribute_loc, d);
		return;
	}
	if (s->source_spec)
		sa = find_attr(s->source_spec, "source", c->attribute, c->attribute_loc, d);
	if (s->receiving_spec)
		ra = find_attr(s->receiving_spec, "receiving", c->attribute, c->attribute_loc, d);
	if ((s->source_spec && !sa) || (s->receiving_spec && !ra))
		return;
	c->source_attr = sa;
	c->receiving_attr = ra;
	const tt_attr *a = sa ? sa : ra; /* the attribute as the study sees it */
	if (!a)
		return;
	if (sa && ra && check_agreement(c, sa, ra, d) < 0 && sa->type != ra->type)
		return;
	if (a->type == TT_ATTR_QUALITATIVE) {
		tt_diags_error(d, c->attribute_loc,
			       "attribute '%s' is qualitative; approach '%s' needs a continuous "
			       "attribute (qualitative attributes are checked for conformance "
			       "only)",
			       c->attribute, tt_approach_name(c->approach));
		return;
	}
	int log_attr = (sa && sa->scale == TT_SCALE_LOG) || (ra && ra->scale == TT_SCALE_LOG);
	c->scale = log_attr ? TT_SCALE_LOG : TT_SCALE_LINEAR;
	check_margin_scale(c, log_attr, d);
	check_profile(c, a, flags, d);
}

static void check_refs(tt_study *s, const int *flags, tt_diags *d)
{
	for (size_t i = 0; i < s->n_comparisons; i++) {
		tt_comparison *c = &s->comparisons[i];
		if (!c->attribute)
			continue;
		int twice = 0;
		for (size_t j = 0; j < i && !twice; j++) {
			if (s->comparisons[j].attribute &&
			    strcmp(s->comparisons[j].attribute, c->attribute) == 0) {
				tt_diags_error(d, c->attribute_loc,
					       "attribute '%s' is compared twice (first at line "
					       "%d)",
					       c->attribute, s->comparisons[j].attribute_loc.line);
				twice = 1;
			}
		}
		if (!twice)
			check_comparison_refs(s, c, flags[i], d);
	}
	for (size_t i = 0; i < s->plan.n_assumptions; i++) {
		const tt_plan_assumption *a = &s->plan.assumptions[i];
		if (!a->attribute)
			continue;
		if (s->source_spec && !find_attr(s->source_spec, "source", a->attribute, a->loc, d))
			continue;
		int used = 0;
		for (size_t j = 0; j < s->n_comparisons && !used; j++)
			used = s->comparisons[j].attribute &&
			       strcmp(s->comparisons[j].attribute, a->attribute) == 0;
		if (!used)
			tt_diags_warning(d, a->loc,
					 "plan assumption for attribute '%s', which no comparison "
					 "uses",
					 a->attribute);
	}
}

/* ---- the whole study ---------------------------------------------------- */

/* The places were taken from the document's nodes, whose file name dies
 * with the document; the study's own copy of the path outlives it. */
static void rebase_locs(tt_study *s)
{
	const char *f = s->path;
	s->loc.file = f;
	s->source_process_loc.file = s->receiving_process_loc.file = f;
	s->source_data_loc.file = s->receiving_data_loc.file = f;
	for (size_t i = 0; i < s->n_comparisons; i++) {
		tt_comparison *c = &s->comparisons[i];
		c->loc.file = c->attribute_loc.file = c->margin_loc.file = f;
		c->method_loc.file = c->data_loc.file = f;
		c->data_source_loc.file = c->data_receiving_loc.file = f;
	}
	for (size_t i = 0; i < s->n_exclude; i++)
		s->exclude[i].loc.file = f;
	s->plan.loc.file = f;
	for (size_t i = 0; i < s->plan.n_assumptions; i++)
		s->plan.assumptions[i].loc.file = f;
}

int tt_study_from_doc(tt_study **out, const tt_ydoc *doc, int require_data, tt_diags *d)
{
	*out = NULL;
	size_t errors = d->errors;
	const tt_ynode *root = doc->root;
	if (!root || root->kind != TT_YNODE_MAP || !tt_ynode_get(root, "study")) {
		tt_loc top = { doc->path, 1, 1 };
		if (root)
			top = root->loc;
		tt_diags_error(d, top, "not a study: expected the top-level key 'study'");
		return TT_EINVAL;
	}
	for (size_t i = 0; i < root->count; i++) {
		const tt_ynode *k = root->pairs[i].key;
		if (strcmp(k->text, "study") != 0)
			tt_diags_error(d, k->loc,
				       "unknown top-level key '%s'; a study has only 'study'",
				       k->text);
	}
	const tt_ynode *n = tt_ynode_get(root, "study");
	if (tt_yschema_map(n, "study", d) < 0)
		return TT_EINVAL;
	static const char *const keys[] = { "id",        "title",       "protocol", "source",
					    "receiving", "design",      "alpha",    "seed",
					    "exclude",   "comparisons", "plan",     NULL };
	tt_yschema_keys(n, "study", keys, d);

	tt_study *s = tt_xcalloc(1, sizeof *s);
	s->path = tt_xstrdup(doc->path);
	s->dir = tt_path_dirname(doc->path);
	memcpy(s->sha256, doc->sha256, sizeof s->sha256);
	s->loc = n->loc;
	s->alpha = 0.05;
	tt_loc none = { doc->path, 0, 0 };
	s->source_data_loc = s->receiving_data_loc = none;
	s->source_process_loc = s->receiving_process_loc = none;

	const tt_ynode *id = tt_yschema_require(n, "study", "id", d);
	const char *text;
	if (id && tt_yschema_id(id, "id", &text, d) == 0)
		s->id = tt_xstrdup(text);
	s->title = opt_string(n, "title", d);
	s->protocol = opt_string(n, "protocol", d);
	load_site(s, n, "source", require_data, &s->source_process, &s->source_process_loc,
		  &s->source_data, &s->source_data_loc, d);
	load_site(s, n, "receiving", require_data, &s->receiving_process, &s->receiving_process_loc,
		  &s->receiving_data, &s->receiving_data_loc, d);
	const tt_ynode *v = tt_ynode_get(n, "design");
	int i;
	if (v && tt_yschema_enum(v, "design", tt_design_names, &i, d) == 0)
		s->design = (tt_design)i;
	opt_number_in(n, "alpha", 0, 1, 0.5, 1, &s->alpha, d);
	v = tt_ynode_get(n, "seed");
	long seed;
	if (v && tt_yschema_int(v, "seed", 0, LONG_MAX, &seed, d) == 0) {
		s->has_seed = 1;
		s->seed = (uint64_t)seed;
	}
	v = tt_ynode_get(n, "exclude");
	if (v)
		load_exclude(s, v, d);

	int *flags = NULL;
	const tt_ynode *cs = tt_yschema_require(n, "study", "comparisons", d);
	if (cs && tt_yschema_seq(cs, "comparisons", d) == 0) {
		if (cs->count == 0)
			tt_diags_error(d, cs->loc,
				       "'comparisons' must list at least one comparison");
		s->comparisons = tt_xcalloc(cs->count + 1, sizeof *s->comparisons);
		flags = tt_xcalloc(cs->count + 1, sizeof *flags);
		for (size_t k = 0; k < cs->count; k++)
			flags[k] = load_comparison(&s->comparisons[s->n_comparisons++], s,
						   cs->items[k], require_data, d);
	}
	v = tt_ynode_get(n, "plan");
	if (v)
		load_plan(s, v, d);

	/* A spec's own problems are located in the spec; a note at the study's
	 * `process:` value says which study named it. */
	if (s->source_process && tt_spec_load(&s->source_spec, s->source_process, d) < 0)
		tt_diags_add(d, TT_SEV_NOTE, s->source_process_loc.file, s->source_process_loc.line,
			     s->source_process_loc.col,
			     "the source process spec named here is not valid");
	if (s->receiving_process && tt_spec_load(&s->receiving_spec, s->receiving_process, d) < 0)
		tt_diags_add(d, TT_SEV_NOTE, s->receiving_process_loc.file,
			     s->receiving_process_loc.line, s->receiving_process_loc.col,
			     "the receiving process spec named here is not valid");
	if (!flags)
		flags = tt_xcalloc(1, sizeof *flags);
	check_refs(s, flags, d);
	free(flags);

	if (d->errors != errors) {
		tt_study_free(s);
		return TT_EINVAL;
	}
	rebase_locs(s);
	*out = s;
	return TT_OK;
}

int tt_study_load(tt_study **out, const char *path, int require_data, tt_diags *d)
{
	*out = NULL;
	tt_ydoc *doc;
	int rc = tt_ydoc_load(&doc, path, d);
	if (rc < 0)
		return rc;
	rc = tt_study_from_doc(out, doc, require_data, d);
	tt_ydoc_free(doc);
	return rc;
}

void tt_study_free(tt_study *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_comparisons; i++) {
		tt_comparison *c = &s->comparisons[i];
		free(c->attribute);
		free(c->justification);
		free(c->data_source);
		free(c->data_receiving);
	}
	free(s->comparisons);
	for (size_t i = 0; i < s->n_exclude; i++) {
		free(s->exclude[i].lot);
		free(s->exclude[i].reason);
	}
	free(s->exclude);
	for (size_t i = 0; i < s->plan.n_assumptions; i++)
		free(s->plan.assumptions[i].attribute);
	free(s->plan.assumptions);
	tt_spec_free(s->source_spec);
	tt_spec_free(s->receiving_spec);
	free(s->path);
	free(s->dir);
	free(s->id);
	free(s->title);
	free(s->protocol);
	free(s->source_process);
	free(s->source_data);
	free(s->receiving_process);
	free(s->receiving_data);
	free(s);
}
