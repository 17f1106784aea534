/*
 * diff.c - matching two process specs by id, and the risk of each
 * difference (see diff.h for what is compared and TT_DIFF_RULE for the
 * risk rule, which this file implements line by line).
 */
#include "tt/diff/diff.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/units.h"

/* Numbers are the same when they differ by less than this relative amount:
 * a unit conversion (0.001 is not exact in binary) must not make a
 * difference out of 1500 mL and 1.5 L. */
#define SAME_REL 1e-9

typedef struct builder {
	tt_diff *d;
	size_t cap;
	const tt_spec *src, *rcv;
} builder;

/* Names as written in YAML (spec.h), or NULL when the spec leaves the
 * field unset, so that an unset class or criticality is no value. */
static const char *class_name(tt_param_class c)
{
	return c == TT_CLASS_UNSET ? NULL : tt_param_class_name(c);
}

static const char *crit_name(tt_criticality c)
{
	return c == TT_CRIT_UNSET ? NULL : tt_criticality_name(c);
}

const char *tt_diff_kind_name(tt_diff_kind k)
{
	static const char *const names[] = { "site",      "step",     "parameter",
					     "equipment", "material", "attribute" };
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *tt_risk_name(tt_risk r)
{
	static const char *const names[] = { "none", "low", "medium", "high" };
	return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static int num_eq(double a, double b)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= SAME_REL * scale;
}

/* Whether v lies in [lo, hi], with the same tolerance. */
static int num_within(double v, double lo, double hi)
{
	return (v > lo || num_eq(v, lo)) && (v < hi || num_eq(v, hi));
}

static const char *fmt_num(char *buf, size_t size, double v)
{
	return tt_format_human(buf, size, v, 10);
}

/* "48 h", "[44, 52] h", "3": a value with its unit, for notes. */
static void put_num_unit(tt_buf *b, double v, const char *unit)
{
	char nb[64];
	tt_buf_puts(b, fmt_num(nb, sizeof nb, v));
	if (unit && *unit)
		tt_buf_printf(b, " %s", unit);
}

static void put_pair_unit(tt_buf *b, const double r[2], const char *unit)
{
	char lo[64], hi[64];
	tt_buf_printf(b, "[%s, %s]", fmt_num(lo, sizeof lo, r[0]), fmt_num(hi, sizeof hi, r[1]));
	if (unit && *unit)
		tt_buf_printf(b, " %s", unit);
}

/* ---- string sets ---- */

static int list_has(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static void list_add_unique(char ***list, size_t *n, const char *s)
{
	if (list_has(*list, *n, s))
		return;
	*list = tt_xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = tt_xstrdup(s);
}

static void list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Whether two lists hold the same strings, in any order and counting
 * repeats once. */
static int same_set(char *const *a, size_t na, char *const *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		if (!list_has(b, nb, a[i]))
			return 0;
	for (size_t i = 0; i < nb; i++)
		if (!list_has(a, na, b[i]))
			return 0;
	return 1;
}

/* ---- values ---- */

static void dval_free(tt_dval *v)
{
	free(v->str);
	list_free(v->list, v->n_list);
	memset(v, 0, sizeof *v);
}

static void dval_string(tt_dval *v, const char *s)
{
	v->kind = s ? TT_DVAL_STRING : TT_DVAL_NULL;
	v->str = s ? tt_xstrdup(s) : NULL;
}

static void dval_number(tt_dval *v, double x)
{
	v->kind = TT_DVAL_NUMBER;
	v->num[0] = x;
}

static void dval_pair(tt_dval *v, const double r[2])
{
	v->kind = TT_DVAL_PAIR;
	v->num[0] = r[0];
	v->num[1] = r[1];
}

static void dval_list(tt_dval *v, char *const *items, size_t n)
{
	v->kind = TT_DVAL_LIST;
	v->list = n ? tt_xcalloc(n, sizeof *v->list) : NULL;
	for (size_t i = 0; i < n; i++)
		v->list[i] = tt_xstrdup(items[i]);
	v->n_list = n;
}

static void dval_spec(tt_dval *v, const tt_attr *a)
{
	if (!a->has_spec) {
		v->kind = TT_DVAL_NULL;
		return;
	}
	v->kind = TT_DVAL_SPEC;
	v->has[0] = a->has_min;
	v->has[1] = a->has_max;
	v->num[0] = a->has_min ? a->min : 0;
	v->num[1] = a->has_max ? a->max : 0;
	v->str = a->equals ? tt_xstrdup(a->equals) : NULL;
}

/* ---- entries ---- */

static tt_diff_entry *entry_add(builder *b, tt_diff_kind kind, const char *step, const char *id,
				const char *field)
{
	tt_diff *d = b->d;
	d->entries = tt_xgrow(d->entries, &b->cap, d->n_entries + 1, sizeof *d->entries);
	tt_diff_entry *e = &d->entries[d->n_entries++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->step = step ? tt_xstrdup(step) : NULL;
	e->id = id ? tt_xstrdup(id) : NULL;
	e->field = field ? tt_xstrdup(field) : NULL;
	return e;
}

static void entry_units(tt_diff_entry *e, const char *su, const char *ru)
{
	e->source_unit = su ? tt_xstrdup(su) : NULL;
	e->receiving_unit = ru ? tt_xstrdup(ru) : NULL;
}

static void note_add(tt_diff_entry *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_add(tt_diff_entry *e, const char *fmt, ...)
{
	tt_buf b = TT_BUF_INIT;
	if (e->note) {
		tt_buf_puts(&b, e->note);
		tt_buf_puts(&b, "; ");
		free(e->note);
	}
	va_list ap;
	va_start(ap, fmt);
	tt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	e->note = tt_buf_detach(&b);
}

static void entry_affects(tt_diff_entry *e, char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		list_add_unique(&e->affects, &e->n_affects, ids[i]);
}

/* ---- lookups ---- */

static const tt_attr *find_attr(const tt_spec *s, const char *id)
{
	for (size_t i = 0; s && i < s->n_attrs; i++)
		if (str_eq(s->attrs[i].id, id))
			return &s->attrs[i];
	return NULL;
}

static const tt_step *find_step(const tt_spec *s, const char *id, size_t *index)
{
	for (size_t i = 0; i < s->n_steps; i++) {
		if (str_eq(s->steps[i].id, id)) {
			if (index)
				*index = i;
			return &s->steps[i];
		}
	}
	return NULL;
}

static const tt_param *find_param(const tt_step *st, const char *id)
{
	for (size_t i = 0; i < st->n_params; i++)
		if (str_eq(st->params[i].id, id))
			return &st->params[i];
	return NULL;
}

static const tt_material *find_material(const tt_spec *s, const char *id)
{
	for (size_t i = 0; i < s->n_materials; i++)
		if (str_eq(s->materials[i].id, id))
			return &s->materials[i];
	return NULL;
}

/* ---- the risk rule (TT_DIFF_RULE) ---- */

static int class_score(tt_param_class c)
{
	return c == TT_CLASS_CRITICAL ? 3 : c == TT_CLASS_KEY ? 2 : 1;
}

static int crit_score(tt_criticality c)
{
	return c == TT_CRIT_HIGH ? 3 : c == TT_CRIT_MEDIUM ? 2 : 1;
}

/* An attribute's criticality score: the more critical of the two sites. */
static int attr_score(const builder *b, const char *id)
{
	const tt_attr *sa = find_attr(b->src, id), *ra = find_attr(b->rcv, id);
	int s = 1;
	if (sa && crit_score(sa->criticality) > s)
		s = crit_score(sa->criticality);
	if (ra && crit_score(ra->criticality) > s)
		s = crit_score(ra->criticality);
	return s;
}

static int param_severity(const builder *b, const tt_param *p)
{
	int s = class_score(p->cls);
	for (size_t i = 0; i < p->n_affects; i++) {
		int a = attr_score(b, p->affects[i]);
		if (a > s)
			s = a;
	}
	return s;
}

/* A step's severity: the highest of its parameters' at either site. */
static int step_severity(const builder *b, const tt_step *s1, const tt_step *s2)
{
	int s = 1;
	const tt_step *steps[2] = { s1, s2 };
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; steps[k] && i < steps[k]->n_params; i++) {
			int p = param_severity(b, &steps[k]->params[i]);
			if (p > s)
				s = p;
		}
	}
	return s;
}

static void step_affects(tt_diff_entry *e, const tt_step *s1, const tt_step *s2)
{
	const tt_step *steps[2] = { s1, s2 };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; steps[k] && i < steps[k]->n_params; i++)
			entry_affects(e, steps[k]->params[i].affects,
				      steps[k]->params[i].n_affects);
}

/* D: 3 if an affected attribute's method differs between the sites or the
 * attribute is in one spec only; 2 if the entry affects no attribute either
 * spec knows; 1 otherwise. */
static int detectability(const builder *b, const tt_diff_entry *e)
{
	int known = 0;
	for (size_t i = 0; i < e->n_affects; i++) {
		const tt_attr *sa = find_attr(b->src, e->affects[i]);
		const tt_attr *ra = find_attr(b->rcv, e->affects[i]);
		if (!sa && !ra)
			continue;
		if (!sa || !ra || !str_eq(sa->method, ra->method))
			return 3;
		known++;
	}
	return known ? 1 : 2;
}

static void entry_score(const builder *b, tt_diff_entry *e, int severity, int occurrence)
{
	e->severity = severity;
	e->occurrence = occurrence;
	e->detectability = detectability(b, e);
	int rpn = e->severity * e->occurrence * e->detectability;
	tt_risk by_default = severity >= 3   ? TT_RISK_HIGH
			     : severity == 2 ? TT_RISK_MEDIUM
					     : TT_RISK_LOW;
	tt_risk by_rpn = rpn >= 12 ? TT_RISK_HIGH : rpn >= 6 ? TT_RISK_MEDIUM : TT_RISK_LOW;
	e->risk = by_default > by_rpn ? by_default : by_rpn;
}

/* ---- site ---- */

static void diff_site(builder *b)
{
	const tt_site *s = &b->src->site, *r = &b->rcv->site;
	const char *fields[3] = { "name", "country", "regulator" };
	const char *sv[3] = { s->name, s->country, s->regulator };
	const char *rv[3] = { r->name, r->country, r->regulator };
	for (int i = 0; i < 3; i++) {
		if (str_eq(sv[i], rv[i]))
			continue;
		tt_diff_entry *e = entry_add(b, TT_DIFF_SITE, NULL, NULL, fields[i]);
		dval_string(&e->source, sv[i]);
		dval_string(&e->receiving, rv[i]);
		e->risk = TT_RISK_NONE;
	}
}

/* ---- parameters ---- */

static char *param_summary(const tt_param *p)
{
	tt_buf b = TT_BUF_INIT;
	if (p->has_target) {
		tt_buf_puts(&b, "target ");
		put_num_unit(&b, p->target, p->has_range ? NULL : p->unit);
	}
	if (p->has_range) {
		tt_buf_puts(&b, b.len ? ", range " : "range ");
		put_pair_unit(&b, p->range, p->unit);
	}
	if (!p->has_target && !p->has_range && p->unit)
		tt_buf_printf(&b, "in %s", p->unit);
	if (class_name(p->cls))
		tt_buf_printf(&b, "%s%s", b.len ? ", " : "", class_name(p->cls));
	return tt_buf_detach(&b);
}

static void param_presence(builder *b, const char *step, const tt_param *p, int added)
{
	tt_diff_entry *e =
		entry_add(b, TT_DIFF_PARAMETER, step, p->id, added ? "added" : "removed");
	char *summary = param_summary(p);
	dval_string(added ? &e->receiving : &e->source, summary);
	free(summary);
	e->cls = p->cls;
	entry_affects(e, p->affects, p->n_affects);
	if (added)
		e->receiving_loc = p->loc;
	else
		e->source_loc = p->loc;
	entry_score(b, e, param_severity(b, p), 3);
}

/* Notes how a value compares with the source's proven range, and returns
 * the occurrence score it earns: 2 within, 3 outside or without a range. */
static int range_occurrence(tt_diff_entry *e, const tt_param *sp, double lo, double hi)
{
	if (!sp->has_range) {
		note_add(e, "the source states no proven acceptable range");
		return 3;
	}
	tt_buf b = TT_BUF_INIT;
	put_pair_unit(&b, sp->range, sp->unit);
	int within = num_within(lo, sp->range[0], sp->range[1]) &&
		     num_within(hi, sp->range[0], sp->range[1]);
	note_add(e, "%s the source's proven range %s", within ? "within" : "outside", b.data);
	tt_buf_free(&b);
	return within ? 2 : 3;
}

/* "unit changed and value changed: 48 h -> 3000 min (50 h)". */
static void note_unit_change(tt_diff_entry *e, const tt_param *sp, const tt_param *rp,
			     const double *sv, const double *rv, const double *rv_conv, int pair)
{
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "unit changed and value changed: ");
	if (pair) {
		put_pair_unit(&b, sv, sp->unit);
		tt_buf_puts(&b, " -> ");
		put_pair_unit(&b, rv, rp->unit);
		tt_buf_puts(&b, " (");
		put_pair_unit(&b, rv_conv, sp->unit);
	} else {
		put_num_unit(&b, *sv, sp->unit);
		tt_buf_puts(&b, " -> ");
		put_num_unit(&b, *rv, rp->unit);
		tt_buf_puts(&b, " (");
		put_num_unit(&b, *rv_conv, sp->unit);
	}
	tt_buf_putc(&b, ')');
	note_add(e, "%s", b.data);
	tt_buf_free(&b);
}

static void param_compare(builder *b, const char *step, const tt_param *sp, const tt_param *rp)
{
	tt_param_class cls = class_score(sp->cls) >= class_score(rp->cls) ? sp->cls : rp->cls;
	if (cls == TT_CLASS_UNSET)
		cls = sp->cls ? sp->cls : rp->cls;
	int sev = param_severity(b, sp);
	if (param_severity(b, rp) > sev)
		sev = param_severity(b, rp);
	double f = 1;
	int convertible = tt_unit_try_factor(rp->unit, sp->unit, &f);
	int same_unit = tt_unit_same(sp->unit, rp->unit);

#define NEW_ENTRY(fieldname)                                                                       \
	tt_diff_entry *e = entry_add(b, TT_DIFF_PARAMETER, step, sp->id, fieldname);               \
	e->cls = cls;                                                                              \
	e->source_loc = sp->loc;                                                                   \
	e->receiving_loc = rp->loc;                                                                \
	entry_affects(e, sp->affects, sp->n_affects);                                              \
	entry_affects(e, rp->affects, rp->n_affects)

	if (!convertible) {
		NEW_ENTRY("unit");
		dval_string(&e->source, sp->unit);
		dval_string(&e->receiving, rp->unit);
		note_add(e, "units cannot be converted; target and range are not comparable");
		entry_score(b, e, sev, 3);
	}

	/* Target. */
	if (sp->has_target != rp->has_target) {
		NEW_ENTRY("target");
		if (sp->has_target)
			dval_number(&e->source, sp->target);
		if (rp->has_target)
			dval_number(&e->receiving, rp->target);
		entry_units(e, sp->has_target ? sp->unit : NULL, rp->has_target ? rp->unit : NULL);
		entry_score(b, e, sev, 3);
	} else if (sp->has_target) {
		double conv = rp->target * f;
		int differs = convertible ? !num_eq(conv, sp->target) : sp->target != rp->target;
		if (differs) {
			NEW_ENTRY("target");
			dval_number(&e->source, sp->target);
			dval_number(&e->receiving, rp->target);
			entry_units(e, sp->unit, rp->unit);
			int occ = 3;
			if (convertible) {
				if (!same_unit)
					note_unit_change(e, sp, rp, &sp->target, &rp->target, &conv,
							 0);
				occ = range_occurrence(e, sp, conv, conv);
			} else {
				note_add(e, "not comparable: units differ");
			}
			entry_score(b, e, sev, occ);
		}
	}

	/* Range. */
	if (sp->has_range != rp->has_range) {
		NEW_ENTRY("range");
		if (sp->has_range)
			dval_pair(&e->source, sp->range);
		if (rp->has_range)
			dval_pair(&e->receiving, rp->range);
		entry_units(e, sp->has_range ? sp->unit : NULL, rp->has_range ? rp->unit : NULL);
		entry_score(b, e, sev, 3);
	} else if (sp->has_range) {
		double conv[2] = { rp->range[0] * f, rp->range[1] * f };
		int differs =
			convertible
				? !num_eq(conv[0], sp->range[0]) || !num_eq(conv[1], sp->range[1])
				: sp->range[0] != rp->range[0] || sp->range[1] != rp->range[1];
		if (differs) {
			NEW_ENTRY("range");
			dval_pair(&e->source, sp->range);
			dval_pair(&e->receiving, rp->range);
			entry_units(e, sp->unit, rp->unit);
			int occ = 3;
			if (convertible) {
				if (!same_unit)
					note_unit_change(e, sp, rp, sp->range, rp->range, conv, 1);
				occ = range_occurrence(e, sp, conv[0], conv[1]);
			} else {
				note_add(e, "not comparable: units differ");
			}
			entry_score(b, e, sev, occ);
		}
	}

	/* Class. */
	if (sp->cls != rp->cls) {
		NEW_ENTRY("class");
		dval_string(&e->source, class_name(sp->cls));
		dval_string(&e->receiving, class_name(rp->cls));
		entry_score(b, e, sev, 1);
	}

	/* Affects. */
	if (!same_set(sp->affects, sp->n_affects, rp->affects, rp->n_affects)) {
		NEW_ENTRY("affects");
		dval_list(&e->source, sp->affects, sp->n_affects);
		dval_list(&e->receiving, rp->affects, rp->n_affects);
		entry_score(b, e, sev, 1);
	}
#undef NEW_ENTRY
}

/* ---- steps ---- */

/* Marks, in moved[], the steps both sites share that are out of order: the
 * shared steps not in a longest common subsequence of the two orders.
 * common_src and common_rcv list the shared step ids in each site's order. */
static void find_moved(const char **common_src, const char **common_rcv, size_t n, int *moved)
{
	/* L[i][j]: LCS length of common_src[i..] and common_rcv[j..]. */
	size_t *L = tt_xcalloc((n + 1) * (n + 1), sizeof *L);
#define AT(i, j) L[(i) * (n + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = n; j-- > 0;)
			AT(i, j) = strcmp(common_src[i], common_rcv[j]) == 0
					   ? AT(i + 1, j + 1) + 1
					   : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j)
									   : AT(i, j + 1));
	for (size_t i = 0; i < n; i++)
		moved[i] = 1;
	size_t i = 0, j = 0;
	while (i < n && j < n) {
		if (strcmp(common_src[i], common_rcv[j]) == 0) {
			moved[i] = 0;
			i++;
			j++;
		} else if (AT(i + 1, j) >= AT(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef AT
	free(L);
}

static char *step_label(const tt_step *s)
{
	return tt_xstrdup(s->name ? s->name : s->id);
}

static void step_presence(builder *b, const tt_step *st, int added)
{
	tt_diff_entry *e = entry_add(b, TT_DIFF_STEP, NULL, st->id, added ? "added" : "removed");
	char *label = step_label(st);
	dval_string(added ? &e->receiving : &e->source, label);
	free(label);
	if (added)
		e->receiving_loc = st->loc;
	else
		e->source_loc = st->loc;
	step_affects(e, st, NULL);
	entry_score(b, e, step_severity(b, st, NULL), 3);
}

static void step_compare(builder *b, const tt_step *ss, const tt_step *rs)
{
	for (size_t i = 0; i < ss->n_params; i++) {
		const tt_param *rp = find_param(rs, ss->params[i].id);
		if (rp)
			param_compare(b, ss->id, &ss->params[i], rp);
		else
			param_presence(b, ss->id, &ss->params[i], 0);
	}
	for (size_t i = 0; i < rs->n_params; i++)
		if (!find_param(ss, rs->params[i].id))
			param_presence(b, rs->id, &rs->params[i], 1);
	if (!same_set(ss->equipment, ss->n_equipment, rs->equipment, rs->n_equipment)) {
		tt_diff_entry *e = entry_add(b, TT_DIFF_EQUIPMENT, ss->id, NULL, NULL);
		dval_list(&e->source, ss->equipment, ss->n_equipment);
		dval_list(&e->receiving, rs->equipment, rs->n_equipment);
		e->source_loc = ss->loc;
		e->receiving_loc = rs->loc;
		step_affects(e, ss, rs);
		entry_score(b, e, step_severity(b, ss, rs), 2);
	}
}

static void diff_steps(builder *b)
{
	const tt_spec *src = b->src, *rcv = b->rcv;
	size_t n_common = 0;
	const char **common_src = tt_xcalloc(src->n_steps + 1, sizeof *common_src);
	const char **common_rcv = tt_xcalloc(rcv->n_steps + 1, sizeof *common_rcv);
	for (size_t i = 0; i < src->n_steps; i++)
		if (find_step(rcv, src->steps[i].id, NULL))
			common_src[n_common++] = src->steps[i].id;
	size_t k = 0;
	for (size_t i = 0; i < rcv->n_steps; i++)
		if (find_step(src, rcv->steps[i].id, NULL))
			common_rcv[k++] = rcv->steps[i].id;
	int *moved = tt_xcalloc(n_common + 1, sizeof *moved);
	find_moved(common_src, common_rcv, n_common, moved);

	size_t c = 0;
	for (size_t i = 0; i < src->n_steps; i++) {
		const tt_step *ss = &src->steps[i];
		size_t ri = 0;
		const tt_step *rs = find_step(rcv, ss->id, &ri);
		if (!rs) {
			step_presence(b, ss, 0);
			continue;
		}
		if (moved[c]) {
			tt_diff_entry *e = entry_add(b, TT_DIFF_STEP, NULL, ss->id, "position");
			dval_number(&e->source, (double)(i + 1));
			dval_number(&e->receiving, (double)(ri + 1));
			e->source_loc = ss->loc;
			e->receiving_loc = rs->loc;
			if (ri == 0)
				note_add(e, "first at the receiving site");
			else
				note_add(e, "after '%s' at the receiving site",
					 rcv->steps[ri - 1].id);
			step_affects(e, ss, rs);
			entry_score(b, e, step_severity(b, ss, rs), 2);
		}
		c++;
		step_compare(b, ss, rs);
	}
	for (size_t i = 0; i < rcv->n_steps; i++)
		if (!find_step(src, rcv->steps[i].id, NULL))
			step_presence(b, &rcv->steps[i], 1);
	free(moved);
	free(common_src);
	free(common_rcv);
}

/* ---- materials ---- */

static char *material_summary(const tt_material *m)
{
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, m->name ? m->name : m->id);
	if (m->supplier || m->grade) {
		tt_buf_puts(&b, " (");
		if (m->supplier)
			tt_buf_printf(&b, "supplier %s", m->supplier);
		if (m->grade)
			tt_buf_printf(&b, "%sgrade %s", m->supplier ? ", " : "", m->grade);
		tt_buf_putc(&b, ')');
	}
	return tt_buf_detach(&b);
}

/* Severity of any material difference: the spec links no attribute to a
 * material, so its impact is taken as medium rather than guessed low. */
#define MATERIAL_SEVERITY 2

static void diff_materials(builder *b)
{
	const tt_spec *src = b->src, *rcv = b->rcv;
	for (size_t i = 0; i < src->n_materials; i++) {
		const tt_material *sm = &src->materials[i];
		const tt_material *rm = find_material(rcv, sm->id);
		if (!rm) {
			tt_diff_entry *e = entry_add(b, TT_DIFF_MATERIAL, NULL, sm->id, "removed");
			char *s = material_summary(sm);
			dval_string(&e->source, s);
			free(s);
			e->source_loc = sm->loc;
			entry_score(b, e, MATERIAL_SEVERITY, 3);
			continue;
		}
		const char *fields[2] = { "supplier", "grade" };
		const char *sv[2] = { sm->supplier, sm->grade };
		const char *rv[2] = { rm->supplier, rm->grade };
		for (int k = 0; k < 2; k++) {
			if (str_eq(sv[k], rv[k]))
				continue;
			tt_diff_entry *e = entry_add(b, TT_DIFF_MATERIAL, NULL, sm->id, fields[k]);
			dval_string(&e->source, sv[k]);
			dval_string(&e->receiving, rv[k]);
			e->source_loc = sm->loc;
			e->receiving_loc = rm->loc;
			entry_score(b, e, MATERIAL_SEVERITY, 2);
		}
	}
	for (size_t i = 0; i < rcv->n_materials; i++) {
		const tt_material *rm = &rcv->materials[i];
		if (find_material(src, rm->id))
			continue;
		tt_diff_entry *e = entry_add(b, TT_DIFF_MATERIAL, NULL, rm->id, "added");
		char *s = material_summary(rm);
		dval_string(&e->receiving, s);
		free(s);
		e->receiving_loc = rm->loc;
		entry_score(b, e, MATERIAL_SEVERITY, 3);
	}
}

/* ---- attributes ---- */

/* ">= 70 %", "<= 5 copies/cell", "70 to 100 %", "equals negative", "no spec". */
static void put_spec(tt_buf *b, const tt_dval *v, const char *unit)
{
	static const tt_spec_words_style style = { fmt_num, false, true };
	if (v->kind != TT_DVAL_SPEC) {
		tt_buf_puts(b, "no spec");
		return;
	}
	tt_spec_limits s = { v->has[0], v->has[1], v->num[0], v->num[1], v->str };
	char *words = tt_spec_limits_words(&s, unit, &style);
	tt_buf_puts(b, words);
	free(words);
}

void tt_dval_text(tt_buf *b, const tt_dval *v, const char *unit)
{
	switch (v->kind) {
	case TT_DVAL_NULL:
		tt_buf_puts(b, "(none)");
		break;
	case TT_DVAL_STRING:
		tt_buf_puts(b, v->str);
		break;
	case TT_DVAL_NUMBER:
		put_num_unit(b, v->num[0], unit);
		break;
	case TT_DVAL_PAIR:
		put_pair_unit(b, v->num, unit);
		break;
	case TT_DVAL_LIST:
		if (!v->n_list)
			tt_buf_puts(b, "(none)");
		for (size_t i = 0; i < v->n_list; i++)
			tt_buf_printf(b, "%s%s", i ? ", " : "", v->list[i]);
		break;
	case TT_DVAL_SPEC:
		put_spec(b, v, unit);
		break;
	}
}

static char *attr_summary(const tt_attr *a)
{
	tt_buf b = TT_BUF_INIT;
	tt_dval v = { 0 };
	dval_spec(&v, a);
	tt_buf_puts(&b, "spec ");
	put_spec(&b, &v, a->unit);
	dval_free(&v);
	if (a->method)
		tt_buf_printf(&b, ", method %s", a->method);
	if (crit_name(a->criticality))
		tt_buf_printf(&b, ", criticality %s", crit_name(a->criticality));
	return tt_buf_detach(&b);
}

static void attr_presence(builder *b, const tt_attr *a, int added)
{
	tt_diff_entry *e =
		entry_add(b, TT_DIFF_ATTRIBUTE, NULL, a->id, added ? "added" : "removed");
	char *s = attr_summary(a);
	dval_string(added ? &e->receiving : &e->source, s);
	free(s);
	if (added)
		e->receiving_loc = a->loc;
	else
		e->source_loc = a->loc;
	list_add_unique(&e->affects, &e->n_affects, a->id);
	/* A test only the receiving site runs moves nothing in the process
	 * (O 1); one the receiving site drops leaves the attribute unwatched
	 * (O 3).  Either way D is 3: the attribute is in one spec only. */
	entry_score(b, e, attr_score(b, a->id), added ? 1 : 3);
}

/* Compares two specs after converting the receiving limits by f.  Returns 0
 * when they are the same, 2 when the receiving spec is only narrower (or
 * new), 3 when it is wider, lost a limit or requires another value. */
static int spec_change(const tt_attr *sa, const tt_attr *ra, double f, int convertible)
{
	if (!sa->has_spec && !ra->has_spec)
		return 0;
	if (!ra->has_spec)
		return 3;
	if (!sa->has_spec)
		return 2;
	if (!str_eq(sa->equals, ra->equals))
		return 3;
	if (sa->has_min == ra->has_min && sa->has_max == ra->has_max &&
	    (!sa->has_min || num_eq(sa->min, ra->min * f)) &&
	    (!sa->has_max || num_eq(sa->max, ra->max * f)))
		return 0; /* without a conversion f is 1: the same numbers, the unit entry tells */
	if (!convertible)
		return 3;
	if (sa->has_min && (!ra->has_min || ra->min * f < sa->min))
		return 3;
	if (sa->has_max && (!ra->has_max || ra->max * f > sa->max))
		return 3;
	return 2;
}

static void attr_compare(builder *b, const tt_attr *sa, const tt_attr *ra)
{
	int sev = attr_score(b, sa->id);
	double f = 1;
	int convertible = tt_unit_try_factor(ra->unit, sa->unit, &f);

#define NEW_ENTRY(fieldname)                                                                       \
	tt_diff_entry *e = entry_add(b, TT_DIFF_ATTRIBUTE, NULL, sa->id, fieldname);               \
	e->source_loc = sa->loc;                                                                   \
	e->receiving_loc = ra->loc;                                                                \
	list_add_unique(&e->affects, &e->n_affects, sa->id)

	if (sa->type != ra->type) {
		NEW_ENTRY("type");
		dval_string(&e->source, tt_attr_type_name(sa->type));
		dval_string(&e->receiving, tt_attr_type_name(ra->type));
		entry_score(b, e, sev, 3);
	}
	if (!tt_unit_same(sa->unit, ra->unit)) {
		NEW_ENTRY("unit");
		dval_string(&e->source, sa->unit);
		dval_string(&e->receiving, ra->unit);
		if (convertible) {
			char fb[64];
			note_add(e, "another unit, convertible: 1 %s = %s %s",
				 ra->unit ? ra->unit : "", fmt_num(fb, sizeof fb, f),
				 sa->unit ? sa->unit : "");
		} else {
			note_add(e, "units cannot be converted");
		}
		entry_score(b, e, sev, convertible ? 1 : 3);
	}
	int change = spec_change(sa, ra, f, convertible);
	if (change) {
		NEW_ENTRY("spec");
		dval_spec(&e->source, sa);
		dval_spec(&e->receiving, ra);
		entry_units(e, sa->unit, ra->unit);
		if (!convertible && (sa->has_min || sa->has_max) && (ra->has_min || ra->has_max))
			note_add(e, "not comparable: units differ");
		else
			note_add(e, "%s at the receiving site",
				 change == 3 ? "wider or another requirement" : "narrower");
		entry_score(b, e, sev, change);
	}
	if (!str_eq(sa->method, ra->method)) {
		NEW_ENTRY("method");
		dval_string(&e->source, sa->method);
		dval_string(&e->receiving, ra->method);
		entry_score(b, e, sev, 1);
	}
	if (sa->scale != ra->scale) {
		NEW_ENTRY("scale");
		dval_string(&e->source, tt_scale_name(sa->scale));
		dval_string(&e->receiving, tt_scale_name(ra->scale));
		entry_score(b, e, sev, 1);
	}
	if (sa->criticality != ra->criticality) {
		NEW_ENTRY("criticality");
		dval_string(&e->source, crit_name(sa->criticality));
		dval_string(&e->receiving, crit_name(ra->criticality));
		entry_score(b, e, sev, 1);
	}
#undef NEW_ENTRY
}

static void diff_attributes(builder *b)
{
	for (size_t i = 0; i < b->src->n_attrs; i++) {
		const tt_attr *sa = &b->src->attrs[i];
		const tt_attr *ra = find_attr(b->rcv, sa->id);
		if (ra)
			attr_compare(b, sa, ra);
		else
			attr_presence(b, sa, 0);
	}
	for (size_t i = 0; i < b->rcv->n_attrs; i++)
		if (!find_attr(b->src, b->rcv->attrs[i].id))
			attr_presence(b, &b->rcv->attrs[i], 1);
}

/* ---- renamed hints ---- */

/* The name of the item an added or removed entry stands for, to match
 * renamed ids by their unchanged name. */
static const char *entry_item_name(const builder *b, const tt_diff_entry *e)
{
	const tt_spec *s = strcmp(e->field, "added") == 0 ? b->rcv : b->src;
	switch (e->kind) {
	case TT_DIFF_STEP: {
		const tt_step *st = find_step(s, e->id, NULL);
		return st ? st->name : NULL;
	}
	case TT_DIFF_PARAMETER: {
		const tt_step *st = find_step(s, e->step, NULL);
		const tt_param *p = st ? find_param(st, e->id) : NULL;
		return p ? p->name : NULL;
	}
	case TT_DIFF_MATERIAL: {
		const tt_material *m = find_material(s, e->id);
		return m ? m->name : NULL;
	}
	case TT_DIFF_ATTRIBUTE: {
		const tt_attr *a = find_attr(s, e->id);
		return a ? a->name : NULL;
	}
	default:
		return NULL;
	}
}

static int same_name(const char *a, const char *b)
{
	if (!a || !b || !*a)
		return 0;
	for (; *a && *b; a++, b++) {
		char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* The length of an id's first word (up to '-' or '_'). */
static size_t first_word(const char *id)
{
	return strcspn(id, "-_");
}

/* How much a removed id looks like an added one: 0 for the same id in
 * another step, 1 for the same name, 2 + the edit distance for a near
 * spelling, 10 + distance for the same first word; -1 for no likeness. */
static int likeness(const builder *b, const tt_diff_entry *rem, const tt_diff_entry *add)
{
	if (strcmp(rem->id, add->id) == 0)
		return 0;
	if (same_name(entry_item_name(b, rem), entry_item_name(b, add)))
		return 1;
	size_t dist = tt_edit_distance(rem->id, add->id);
	size_t len = strlen(rem->id);
	if (dist <= 2 && 2 * dist < len)
		return 2 + (int)dist;
	size_t w = first_word(rem->id);
	if (w >= 3 && w == first_word(add->id) && strncmp(rem->id, add->id, w) == 0 &&
	    rem->id[w] != '\0' && add->id[w] != '\0')
		return 10 + (int)(dist < 1000 ? dist : 1000);
	return -1;
}

static int is_presence(const tt_diff_entry *e, const char *which)
{
	return e->field && e->id && strcmp(e->field, which) == 0 && e->kind != TT_DIFF_SITE;
}

static void add_renamed_hints(builder *b)
{
	tt_diff *d = b->d;
	for (size_t i = 0; i < d->n_entries; i++) {
		tt_diff_entry *rem = &d->entries[i];
		if (!is_presence(rem, "removed"))
			continue;
		int best = -1;
		size_t best_j = 0;
		for (size_t j = 0; j < d->n_entries; j++) {
			tt_diff_entry *add = &d->entries[j];
			if (add->kind != rem->kind || !is_presence(add, "added"))
				continue;
			int l = likeness(b, rem, add);
			if (l >= 0 && (best < 0 || l < best)) {
				best = l;
				best_j = j;
			}
		}
		if (best < 0)
			continue;
		tt_diff_entry *add = &d->entries[best_j];
		if (best == 0) {
			note_add(rem, "moved? '%s' is in step '%s' at the receiving site", add->id,
				 add->step);
			note_add(add, "moved? '%s' is in step '%s' at the source site", rem->id,
				 rem->step);
		} else {
			note_add(rem, "renamed? '%s' -> '%s'", rem->id, add->id);
			note_add(add, "renamed? '%s' -> '%s'", rem->id, add->id);
		}
	}
}

/* ---- affected attributes ---- */

static int affected_cmp(const void *pa, const void *pb)
{
	const tt_diff_affected *a = pa, *b = pb;
	if (a->risk != b->risk)
		return a->risk > b->risk ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void collect_affected(tt_diff *d)
{
	size_t cap = 0;
	for (size_t i = 0; i < d->n_entries; i++) {
		const tt_diff_entry *e = &d->entries[i];
		if (e->risk == TT_RISK_NONE)
			continue;
		for (size_t k = 0; k < e->n_affects; k++) {
			tt_diff_affected *a = NULL;
			for (size_t m = 0; m < d->n_affected; m++)
				if (strcmp(d->affected[m].id, e->affects[k]) == 0)
					a = &d->affected[m];
			if (!a) {
				d->affected = tt_xgrow(d->affected, &cap, d->n_affected + 1,
						       sizeof *d->affected);
				a = &d->affected[d->n_affected++];
				a->id = tt_xstrdup(e->affects[k]);
				a->risk = e->risk;
				a->n_differences = 0;
				a->worst = i;
			} else if (e->risk > a->risk) {
				a->risk = e->risk;
				a->worst = i;
			}
			a->n_differences++;
		}
	}
	if (d->n_affected > 1)
		qsort(d->affected, d->n_affected, sizeof *d->affected, affected_cmp);
}

/* ---- public ---- */

int tt_diff_specs(tt_diff **out, const tt_spec *source, const tt_spec *receiving)
{
	*out = NULL;
	if (!source || !receiving)
		return tt_error_set(TT_EINTERNAL, "tt_diff_specs needs two specs");
	tt_diff *d = tt_xcalloc(1, sizeof *d);
	d->source_id = tt_xstrdup(source->id ? source->id : "");
	d->receiving_id = tt_xstrdup(receiving->id ? receiving->id : "");
	d->rule_text = TT_DIFF_RULE;
	builder b = { d, 0, source, receiving };
	diff_site(&b);
	diff_steps(&b);
	diff_materials(&b);
	diff_attributes(&b);
	add_renamed_hints(&b);
	collect_affected(d);
	*out = d;
	return 0;
}

void tt_diff_free(tt_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_entries; i++) {
		tt_diff_entry *e = &d->entries[i];
		free(e->step);
		free(e->id);
		free(e->field);
		dval_free(&e->source);
		dval_free(&e->receiving);
		free(e->source_unit);
		free(e->receiving_unit);
		list_free(e->affects, e->n_affects);
		free(e->note);
	}
	free(d->entries);
	for (size_t i = 0; i < d->n_affected; i++)
		free(d->affected[i].id);
	free(d->affected);
	free(d->source_id);
	free(d->receiving_id);
	free(d);
}

void tt_diff_count_risks(const tt_diff *d, size_t counts[4])
{
	counts[0] = counts[1] = counts[2] = counts[3] = 0;
	for (size_t i = 0; i < d->n_entries; i++)
		counts[d->entries[i].risk]++;
}

/* ---- the study's coverage of high-risk attributes ---- */

/* "parameter 'harvest-time' (range) in step 'transfection'". */
static void put_entry_subject(tt_buf *b, const tt_diff_entry *e)
{
	if (e->kind == TT_DIFF_EQUIPMENT) {
		tt_buf_printf(b, "the equipment of step '%s'", e->step);
		return;
	}
	tt_buf_printf(b, "%s '%s'", tt_diff_kind_name(e->kind), e->id ? e->id : "");
	if (e->field)
		tt_buf_printf(b, " (%s)", e->field);
	if (e->step)
		tt_buf_printf(b, " in step '%s'", e->step);
}

/* A qualitative attribute with a spec is judged by its conformance, which
 * every study checks; there is no statistical comparison to ask for. */
static int judged_by_conformance(const tt_study *study, const char *id)
{
	const tt_attr *a = find_attr(study->receiving_spec, id);
	return a && a->type == TT_ATTR_QUALITATIVE && a->has_spec;
}

int tt_diff_study_warnings(const tt_diff *d, const tt_study *study, tt_diags *diags)
{
	int added = 0;
	for (size_t i = 0; i < d->n_affected; i++) {
		const tt_diff_affected *a = &d->affected[i];
		if (a->risk != TT_RISK_HIGH)
			continue;
		const tt_comparison *c = NULL;
		for (size_t k = 0; k < study->n_comparisons && !c; k++)
			if (str_eq(study->comparisons[k].attribute, a->id))
				c = &study->comparisons[k];
		if (c && c->approach != TT_APPROACH_GRAPHICAL)
			continue;
		if (!c && judged_by_conformance(study, a->id))
			continue;
		tt_buf why = TT_BUF_INIT;
		put_entry_subject(&why, &d->entries[a->worst]);
		if (a->n_differences > 1)
			tt_buf_printf(&why, ", and %zu more difference%s", a->n_differences - 1,
				      a->n_differences > 2 ? "s" : "");
		if (c) {
			tt_diags_warning(diags, c->loc,
					 "attribute '%s' is compared only graphically, but a "
					 "high-risk process difference can move it: %s",
					 a->id, why.data);
		} else {
			tt_loc at = { study->path, 0, 0 };
			tt_diags_warning(diags, at,
					 "attribute '%s' is not compared in the study, but a "
					 "high-risk process difference can move it: %s",
					 a->id, why.data);
		}
		tt_buf_free(&why);
		added++;
	}
	return added;
}
