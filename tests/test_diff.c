/*
 * test_diff.c - the process gap analysis (tt diff) over specs built in C.
 *
 * Every test starts from two copies of one CAR-T process, changes the
 * receiving copy, and checks that exactly the changed fields are listed.
 * Expected risks are worked by hand from the rule in tt/diff/diff.h
 * (TT_DIFF_RULE) and the default rule of METHODS.md ("Risk of a process
 * difference"); each case writes its S x O x D beside it.
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/diff/diff.h"
#include "tt/base/error.h"
#include "tt/base/json.h"
#include "tt/input/study.h"
#include "tt/render/diff_render.h"
#include "tt/base/util.h"

/* ---- building specs by hand ---- */

static char *dup_or_null(const char *s)
{
	return s ? tt_xstrdup(s) : NULL;
}

/* Splits "a;b;c" into a new list (NULL and 0 for NULL or ""). */
static char **split(const char *s, size_t *n)
{
	*n = 0;
	if (!s || !*s)
		return NULL;
	char **list = NULL;
	const char *p = s;
	for (;;) {
		size_t len = strcspn(p, ";");
		list = tt_xrealloc(list, (*n + 1) * sizeof *list);
		list[(*n)++] = tt_xstrndup(p, len);
		if (!p[len])
			break;
		p += len + 1;
	}
	return list;
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static tt_spec *spec_new(const char *id, const char *site, const char *country,
			 const char *regulator)
{
	tt_spec *s = tt_xcalloc(1, sizeof *s);
	s->path = tt_xasprintf("%s.yaml", id);
	s->id = tt_xstrdup(id);
	s->site.name = dup_or_null(site);
	s->site.country = dup_or_null(country);
	s->site.regulator = dup_or_null(regulator);
	return s;
}

static tt_step *step_add(tt_spec *s, const char *id, const char *name, const char *equipment)
{
	s->steps = tt_xrealloc(s->steps, (s->n_steps + 1) * sizeof *s->steps);
	tt_step *st = &s->steps[s->n_steps++];
	memset(st, 0, sizeof *st);
	st->id = tt_xstrdup(id);
	st->name = dup_or_null(name);
	st->equipment = split(equipment, &st->n_equipment);
	st->loc = (tt_loc){ s->path, (int)s->n_steps * 10, 7 };
	return st;
}

/* target, lo, hi: NAN for absent. */
static tt_param *param_add(tt_step *st, const char *id, const char *name, double target, double lo,
			   double hi, const char *unit, tt_param_class cls, const char *affects)
{
	st->params = tt_xrealloc(st->params, (st->n_params + 1) * sizeof *st->params);
	tt_param *p = &st->params[st->n_params++];
	memset(p, 0, sizeof *p);
	p->id = tt_xstrdup(id);
	p->name = dup_or_null(name);
	p->has_target = !isnan(target);
	p->target = isnan(target) ? 0 : target;
	p->has_range = !isnan(lo);
	p->range[0] = isnan(lo) ? 0 : lo;
	p->range[1] = isnan(hi) ? 0 : hi;
	p->unit = dup_or_null(unit);
	p->cls = cls;
	p->affects = split(affects, &p->n_affects);
	return p;
}

static tt_material *material_add(tt_spec *s, const char *id, const char *name, const char *supplier,
				 const char *grade)
{
	s->materials = tt_xrealloc(s->materials, (s->n_materials + 1) * sizeof *s->materials);
	tt_material *m = &s->materials[s->n_materials++];
	memset(m, 0, sizeof *m);
	m->id = tt_xstrdup(id);
	m->name = dup_or_null(name);
	m->supplier = dup_or_null(supplier);
	m->grade = dup_or_null(grade);
	return m;
}

/* min, max: NAN for absent; no limits and no equals: no spec. */
static tt_attr *attr_add(tt_spec *s, const char *id, const char *unit, const char *method,
			 tt_criticality crit, double min, double max)
{
	s->attrs = tt_xrealloc(s->attrs, (s->n_attrs + 1) * sizeof *s->attrs);
	tt_attr *a = &s->attrs[s->n_attrs++];
	memset(a, 0, sizeof *a);
	a->id = tt_xstrdup(id);
	a->unit = dup_or_null(unit);
	a->method = dup_or_null(method);
	a->criticality = crit;
	a->has_min = !isnan(min);
	a->min = isnan(min) ? 0 : min;
	a->has_max = !isnan(max);
	a->max = isnan(max) ? 0 : max;
	a->has_spec = a->has_min || a->has_max;
	return a;
}

static void spec_free_test(tt_spec *s)
{
	for (size_t i = 0; i < s->n_steps; i++) {
		tt_step *st = &s->steps[i];
		for (size_t k = 0; k < st->n_params; k++) {
			tt_param *p = &st->params[k];
			free(p->id);
			free(p->name);
			free(p->unit);
			free_list(p->affects, p->n_affects);
		}
		free(st->params);
		free(st->id);
		free(st->name);
		free_list(st->equipment, st->n_equipment);
	}
	free(s->steps);
	for (size_t i = 0; i < s->n_materials; i++) {
		free(s->materials[i].id);
		free(s->materials[i].name);
		free(s->materials[i].supplier);
		free(s->materials[i].grade);
	}
	free(s->materials);
	for (size_t i = 0; i < s->n_attrs; i++) {
		free(s->attrs[i].id);
		free(s->attrs[i].name);
		free(s->attrs[i].unit);
		free(s->attrs[i].method);
		free(s->attrs[i].equals);
	}
	free(s->attrs);
	free(s->site.name);
	free(s->site.country);
	free(s->site.regulator);
	free(s->id);
	free(s->path);
	free(s);
}

/* The process both sites start from: an autologous CAR-T process. */
static tt_spec *cart(const char *id)
{
	tt_spec *s = spec_new(id, "Shanghai GMP facility", "CN", "NMPA");
	tt_step *st = step_add(s, "activation", "T-cell activation", "CliniMACS Prodigy");
	param_add(st, "bead-ratio", "Bead to cell ratio", 3, 2.5, 3.5, "beads/cell",
		  TT_CLASS_CRITICAL, "car-positive;viability");
	st = step_add(s, "transduction", "Lentiviral transduction", "CliniMACS Prodigy");
	param_add(st, "moi", "Multiplicity of infection", 5, 3, 7, "TU/cell", TT_CLASS_KEY,
		  "car-positive;vcn");
	st = step_add(s, "expansion", "Expansion", "G-Rex 100M;Incubator HeraCell");
	param_add(st, "expansion-time", "Expansion time", 192, 168, 240, "h", TT_CLASS_KEY,
		  "viability");
	param_add(st, "il2-conc", "IL-2 concentration", 100, 80, 120, "IU/mL", TT_CLASS_NONCRITICAL,
		  "cd4-cd8-ratio");
	param_add(st, "temperature", "Temperature", 37, 36, 38, "C", TT_CLASS_NONCRITICAL, NULL);
	st = step_add(s, "harvest", "Harvest and wash", "Sepax C-Pro");
	param_add(st, "wash-volume", "Wash volume", 500, 450, 550, "mL", TT_CLASS_NONCRITICAL,
		  "residual-beads");
	material_add(s, "lvv", "BCMA CAR lentiviral vector", "in-house", "GMP");
	material_add(s, "medium", "TexMACS", "Miltenyi", "GMP");
	material_add(s, "il2", "IL-2", "PeproTech", "GMP");
	attr_add(s, "viability", "%", "QC-012 flow (7-AAD)", TT_CRIT_HIGH, 70, NAN);
	attr_add(s, "car-positive", "%", "QC-020 flow", TT_CRIT_HIGH, 20, NAN);
	tt_attr *a = attr_add(s, "vcn", "copies/cell", "QC-031 ddPCR", TT_CRIT_HIGH, NAN, 5);
	a->scale = TT_SCALE_LOG;
	attr_add(s, "cd4-cd8-ratio", NULL, "QC-020 flow", TT_CRIT_MEDIUM, NAN, NAN);
	attr_add(s, "residual-beads", "beads/mL", "QC-040 count", TT_CRIT_LOW, NAN, 100);
	a = attr_add(s, "sterility", NULL, "USP <71>", TT_CRIT_HIGH, NAN, NAN);
	a->type = TT_ATTR_QUALITATIVE;
	a->has_spec = 1;
	a->equals = tt_xstrdup("negative");
	return s;
}

static tt_step *step_of(tt_spec *s, const char *id)
{
	for (size_t i = 0; i < s->n_steps; i++)
		if (strcmp(s->steps[i].id, id) == 0)
			return &s->steps[i];
	fail_msg("no step '%s'", id);
	return NULL;
}

static tt_param *param_of(tt_spec *s, const char *step, const char *id)
{
	tt_step *st = step_of(s, step);
	for (size_t i = 0; i < st->n_params; i++)
		if (strcmp(st->params[i].id, id) == 0)
			return &st->params[i];
	fail_msg("no parameter '%s'", id);
	return NULL;
}

static tt_attr *attr_of(tt_spec *s, const char *id)
{
	for (size_t i = 0; i < s->n_attrs; i++)
		if (strcmp(s->attrs[i].id, id) == 0)
			return &s->attrs[i];
	fail_msg("no attribute '%s'", id);
	return NULL;
}

static tt_material *material_of(tt_spec *s, const char *id)
{
	for (size_t i = 0; i < s->n_materials; i++)
		if (strcmp(s->materials[i].id, id) == 0)
			return &s->materials[i];
	fail_msg("no material '%s'", id);
	return NULL;
}

static void param_remove(tt_spec *s, const char *step, const char *id)
{
	tt_step *st = step_of(s, step);
	tt_param *p = param_of(s, step, id);
	free(p->id);
	free(p->name);
	free(p->unit);
	free_list(p->affects, p->n_affects);
	size_t k = (size_t)(p - st->params);
	memmove(p, p + 1, (st->n_params - k - 1) * sizeof *p);
	st->n_params--;
}

static void attr_remove(tt_spec *s, const char *id)
{
	tt_attr *a = attr_of(s, id);
	free(a->id);
	free(a->name);
	free(a->unit);
	free(a->method);
	free(a->equals);
	size_t k = (size_t)(a - s->attrs);
	memmove(a, a + 1, (s->n_attrs - k - 1) * sizeof *a);
	s->n_attrs--;
}

static int starts_with(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) == 0)
		return 1;
	print_message("'%.*s...' does not start with '%s'\n", (int)strlen(prefix), s, prefix);
	return 0;
}

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = dup_or_null(v);
}

/* ---- looking at the result ---- */

static tt_diff *diff_of(const tt_spec *a, const tt_spec *b)
{
	tt_diff *d = NULL;
	assert_int_equal(tt_diff_specs(&d, a, b), 0);
	assert_non_null(d);
	return d;
}

static int opt_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static const tt_diff_entry *find_entry(const tt_diff *d, tt_diff_kind kind, const char *step,
				       const char *id, const char *field)
{
	for (size_t i = 0; i < d->n_entries; i++) {
		const tt_diff_entry *e = &d->entries[i];
		if (e->kind == kind && opt_eq(e->step, step) && opt_eq(e->id, id) &&
		    opt_eq(e->field, field))
			return e;
	}
	return NULL;
}

static void dump(const tt_diff *d)
{
	tt_buf b = TT_BUF_INIT;
	tt_diff_json(&b, d);
	print_message("%s\n", b.data);
	tt_buf_free(&b);
}

static void expect_count(const tt_diff *d, size_t n)
{
	if (d->n_entries != n) {
		dump(d);
		fail_msg("%zu differences, expected %zu", d->n_entries, n);
	}
}

static const tt_diff_entry *expect_entry(const tt_diff *d, tt_diff_kind kind, const char *step,
					 const char *id, const char *field)
{
	const tt_diff_entry *e = find_entry(d, kind, step, id, field);
	if (!e) {
		dump(d);
		fail_msg("no %s entry %s/%s/%s", tt_diff_kind_name(kind), step ? step : "-",
			 id ? id : "-", field ? field : "-");
	}
	return e;
}

/* Asserts the entry's S, O, D and risk. */
static void expect_risk(const tt_diff_entry *e, int s, int o, int dd, tt_risk risk)
{
	if (e->severity != s || e->occurrence != o || e->detectability != dd || e->risk != risk)
		fail_msg("%s %s/%s: S %d O %d D %d risk %s; expected S %d O %d D %d risk %s",
			 tt_diff_kind_name(e->kind), e->id ? e->id : "-", e->field ? e->field : "-",
			 e->severity, e->occurrence, e->detectability, tt_risk_name(e->risk), s, o,
			 dd, tt_risk_name(risk));
}

static void expect_note(const tt_diff_entry *e, const char *note)
{
	if (!opt_eq(e->note, note))
		fail_msg("note '%s', expected '%s'", e->note ? e->note : "(null)", note);
}

/* ---- tests ---- */

static void identical_specs_have_no_differences(void **state)
{
	(void)state;
	tt_spec *a = cart("cart-sh"), *b = cart("cart-rtp");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 0);
	assert_int_equal(d->n_affected, 0);
	assert_string_equal(d->source_id, "cart-sh");
	assert_string_equal(d->receiving_id, "cart-rtp");
	assert_string_equal(d->rule_text, TT_DIFF_RULE);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void site_differences_carry_no_risk(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	set_str(&b->site.name, "Research Triangle Park");
	set_str(&b->site.country, "US");
	set_str(&b->site.regulator, "FDA");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 3);
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_SITE, NULL, NULL, "regulator");
	assert_int_equal(e->source.kind, TT_DVAL_STRING);
	assert_string_equal(e->source.str, "NMPA");
	assert_string_equal(e->receiving.str, "FDA");
	expect_risk(e, 0, 0, 0, TT_RISK_NONE);
	e = expect_entry(d, TT_DIFF_SITE, NULL, NULL, "country");
	assert_string_equal(e->receiving.str, "US");
	expect_entry(d, TT_DIFF_SITE, NULL, NULL, "name");
	assert_int_equal(d->n_affected, 0);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void steps_added_and_removed(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* Drop the harvest step at the receiving site, add cryopreservation. */
	tt_step *h = step_of(b, "harvest");
	free(h->id);
	h->id = tt_xstrdup("cryopreservation");
	free(h->name);
	h->name = tt_xstrdup("Controlled-rate freezing");
	free(h->params[0].id);
	h->params[0].id = tt_xstrdup("cooling-rate");
	h->params[0].target = -1;
	h->params[0].range[0] = -1.5;
	h->params[0].range[1] = -0.5;
	set_str(&h->params[0].unit, "C/min");
	set_str(&h->params[0].affects[0], "viability");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 2);
	/* Removed harvest: wash-volume is non-critical and affects residual-beads
	 * (low): S 1; removed: O 3; residual-beads has one method: D 1; RPN 3. */
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_STEP, NULL, "harvest", "removed");
	assert_string_equal(e->source.str, "Harvest and wash");
	assert_int_equal(e->receiving.kind, TT_DVAL_NULL);
	expect_risk(e, 1, 3, 1, TT_RISK_LOW);
	assert_int_equal(e->n_affects, 1);
	assert_string_equal(e->affects[0], "residual-beads");
	/* Added cryopreservation: affects viability (high): S 3, O 3, D 1. */
	e = expect_entry(d, TT_DIFF_STEP, NULL, "cryopreservation", "added");
	assert_string_equal(e->receiving.str, "Controlled-rate freezing");
	assert_int_equal(e->source.kind, TT_DVAL_NULL);
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	/* Different ids, different names, no common first word: no hint. */
	assert_null(e->note);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void steps_reordered(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* activation, transduction, expansion, harvest -> the last two swapped. */
	tt_step tmp = b->steps[2];
	b->steps[2] = b->steps[3];
	b->steps[3] = tmp;
	tt_diff *d = diff_of(a, b);
	expect_count(d, 1);
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_STEP, NULL, "expansion", "position");
	assert_int_equal(e->source.kind, TT_DVAL_NUMBER);
	tt_assert_abs(e->source.num[0], 3, 0, "expansion was third");
	tt_assert_abs(e->receiving.num[0], 4, 0, "expansion is fourth");
	expect_note(e, "after 'harvest' at the receiving site");
	/* expansion-time affects viability (high): S 3; reorder: O 2; D 1. */
	expect_risk(e, 3, 2, 1, TT_RISK_HIGH);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void parameter_target_and_range(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	param_of(b, "activation", "bead-ratio")->target = 3.2;
	param_of(b, "expansion", "il2-conc")->target = 150;
	tt_param *w = param_of(b, "harvest", "wash-volume");
	w->range[0] = 475;
	w->range[1] = 525;
	tt_param *m = param_of(b, "transduction", "moi");
	m->range[0] = 2;
	tt_diff *d = diff_of(a, b);
	expect_count(d, 4);

	/* Critical, within [2.5, 3.5]: S 3, O 2, D 1 (car-positive and
	 * viability keep their methods); RPN 6; high by the default rule. */
	const tt_diff_entry *e =
		expect_entry(d, TT_DIFF_PARAMETER, "activation", "bead-ratio", "target");
	tt_assert_abs(e->source.num[0], 3, 0, "bead-ratio source target");
	tt_assert_abs(e->receiving.num[0], 3.2, 0, "bead-ratio receiving target");
	assert_string_equal(e->source_unit, "beads/cell");
	assert_int_equal(e->cls, TT_CLASS_CRITICAL);
	expect_risk(e, 3, 2, 1, TT_RISK_HIGH);
	expect_note(e, "within the source's proven range [2.5, 3.5] beads/cell");

	/* Non-critical, affects cd4-cd8-ratio (medium): S 2; 150 outside
	 * [80, 120]: O 3; D 1; RPN 6: medium. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "expansion", "il2-conc", "target");
	expect_risk(e, 2, 3, 1, TT_RISK_MEDIUM);
	expect_note(e, "outside the source's proven range [80, 120] IU/mL");

	/* Range narrowed inside [450, 550]: S 1 (residual-beads is low), O 2,
	 * D 1: low. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "harvest", "wash-volume", "range");
	assert_int_equal(e->source.kind, TT_DVAL_PAIR);
	tt_assert_abs(e->receiving.num[0], 475, 0, "wash-volume receiving low");
	tt_assert_abs(e->receiving.num[1], 525, 0, "wash-volume receiving high");
	expect_risk(e, 1, 2, 1, TT_RISK_LOW);

	/* Range widened below 3: O 3; key and affects car-positive (high): S 3. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "transduction", "moi", "range");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	expect_note(e, "outside the source's proven range [3, 7] TU/cell");
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void parameter_target_without_source_range(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	tt_param *p = param_of(a, "expansion", "temperature");
	p->has_range = 0;
	p = param_of(b, "expansion", "temperature");
	p->has_range = 0;
	p->target = 36.5;
	tt_diff *d = diff_of(a, b);
	expect_count(d, 1);
	/* Non-critical, affects nothing: S 1; no proven range: O 3; D 2; RPN 6. */
	const tt_diff_entry *e =
		expect_entry(d, TT_DIFF_PARAMETER, "expansion", "temperature", "target");
	expect_risk(e, 1, 3, 2, TT_RISK_MEDIUM);
	expect_note(e, "the source states no proven acceptable range");
	assert_int_equal(e->n_affects, 0);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void equal_values_in_other_units_are_not_listed(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* 192 h in [168, 240] h is 8 d in [7, 10] d; 37 C is 37 degC;
	 * 500 mL in [450, 550] mL is 0.5 L in [0.45, 0.55] L. */
	tt_param *p = param_of(b, "expansion", "expansion-time");
	p->target = 8;
	p->range[0] = 7;
	p->range[1] = 10;
	set_str(&p->unit, "d");
	set_str(&param_of(b, "expansion", "temperature")->unit, "degC");
	p = param_of(b, "harvest", "wash-volume");
	p->target = 0.5;
	p->range[0] = 0.45;
	p->range[1] = 0.55;
	set_str(&p->unit, "L");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 0);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void unit_change_that_changes_the_value_is_flagged(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* 192 h -> 9 d (216 h); the range [7, 10] d is [168, 240] h, unchanged. */
	tt_param *p = param_of(b, "expansion", "expansion-time");
	p->target = 9;
	p->range[0] = 7;
	p->range[1] = 10;
	set_str(&p->unit, "d");
	/* 500 mL kept as the number 500 but now in L: 500 L. */
	set_str(&param_of(b, "harvest", "wash-volume")->unit, "L");
	param_of(b, "harvest", "wash-volume")->has_range = 0;
	param_of(a, "harvest", "wash-volume")->has_range = 0;
	tt_diff *d = diff_of(a, b);
	expect_count(d, 2);
	const tt_diff_entry *e =
		expect_entry(d, TT_DIFF_PARAMETER, "expansion", "expansion-time", "target");
	tt_assert_abs(e->source.num[0], 192, 0, "expansion-time source as written");
	tt_assert_abs(e->receiving.num[0], 9, 0, "expansion-time receiving as written");
	assert_string_equal(e->source_unit, "h");
	assert_string_equal(e->receiving_unit, "d");
	expect_note(e, "unit changed and value changed: 192 h -> 9 d (216 h); within the "
		       "source's proven range [168, 240] h");
	/* Key, affects viability (high): S 3; within: O 2; D 1. */
	expect_risk(e, 3, 2, 1, TT_RISK_HIGH);
	e = expect_entry(d, TT_DIFF_PARAMETER, "harvest", "wash-volume", "target");
	expect_note(e, "unit changed and value changed: 500 mL -> 500 L (500000 mL); the source "
		       "states no proven acceptable range");
	expect_risk(e, 1, 3, 1, TT_RISK_LOW);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void units_that_cannot_be_converted(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	set_str(&param_of(b, "activation", "bead-ratio")->unit, "beads/mL");
	tt_diff *d = diff_of(a, b);
	/* The numbers are the same: the unit entry alone tells. */
	expect_count(d, 1);
	const tt_diff_entry *e =
		expect_entry(d, TT_DIFF_PARAMETER, "activation", "bead-ratio", "unit");
	assert_string_equal(e->source.str, "beads/cell");
	assert_string_equal(e->receiving.str, "beads/mL");
	expect_note(e, "units cannot be converted; target and range are not comparable");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	tt_diff_free(d);

	param_of(b, "activation", "bead-ratio")->target = 4;
	d = diff_of(a, b);
	expect_count(d, 2);
	e = expect_entry(d, TT_DIFF_PARAMETER, "activation", "bead-ratio", "target");
	expect_note(e, "not comparable: units differ");
	assert_int_equal(e->occurrence, 3);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void parameter_class_affects_and_presence(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	param_of(b, "expansion", "il2-conc")->cls = TT_CLASS_KEY;
	tt_param *p = param_of(b, "harvest", "wash-volume");
	free_list(p->affects, p->n_affects);
	p->affects = split("residual-beads;viability", &p->n_affects);
	/* transduction gains a parameter, activation loses its only one. */
	param_add(step_of(b, "transduction"), "enhancer", "Transduction enhancer", 10, NAN, NAN,
		  "ug/mL", TT_CLASS_NONCRITICAL, "car-positive");
	param_remove(b, "activation", "bead-ratio");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 4);

	/* Class non-critical -> key; the more critical counts: key (S 2, and
	 * cd4-cd8-ratio is medium); no value moved: O 1; D 1; RPN 2. */
	const tt_diff_entry *e =
		expect_entry(d, TT_DIFF_PARAMETER, "expansion", "il2-conc", "class");
	assert_string_equal(e->source.str, "non-critical");
	assert_string_equal(e->receiving.str, "key");
	assert_int_equal(e->cls, TT_CLASS_KEY);
	expect_risk(e, 2, 1, 1, TT_RISK_MEDIUM);

	/* affects gains viability (high): S 3. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "harvest", "wash-volume", "affects");
	assert_int_equal(e->receiving.kind, TT_DVAL_LIST);
	assert_int_equal(e->receiving.n_list, 2);
	expect_risk(e, 3, 1, 1, TT_RISK_HIGH);

	/* Removed critical parameter: S 3, O 3, D 1. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "activation", "bead-ratio", "removed");
	assert_string_equal(e->source.str, "target 3, range [2.5, 3.5] beads/cell, critical");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);

	/* Added: non-critical but affects car-positive (high): S 3. */
	e = expect_entry(d, TT_DIFF_PARAMETER, "transduction", "enhancer", "added");
	assert_string_equal(e->receiving.str, "target 10 ug/mL, non-critical");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void renamed_ids_get_a_hint(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* Same name, other id. */
	const tt_diff_entry *e;
	set_str(&param_of(b, "expansion", "expansion-time")->id, "expansion-duration");
	/* Near spelling. */
	set_str(&material_of(b, "medium")->id, "mediums");
	/* Same first word, other name. */
	tt_attr *at = attr_of(b, "cd4-cd8-ratio");
	set_str(&at->id, "cd4-cd8");
	/* The same parameter id in another step. */
	param_remove(b, "expansion", "temperature");
	param_add(step_of(b, "activation"), "temperature", "Temperature", 37, 36, 38, "C",
		  TT_CLASS_NONCRITICAL, NULL);
	/* A step under another id with the same name. */
	set_str(&step_of(b, "harvest")->id, "final-wash");
	/* A wholly new id gets no hint. */
	material_add(b, "cytokine-mix", "Cytokine mix", "Acme", "GMP");

	tt_diff *d = diff_of(a, b);
	expect_count(d, 11);
	e = expect_entry(d, TT_DIFF_STEP, NULL, "harvest", "removed");
	expect_note(e, "renamed? 'harvest' -> 'final-wash'");
	e = expect_entry(d, TT_DIFF_STEP, NULL, "final-wash", "added");
	expect_note(e, "renamed? 'harvest' -> 'final-wash'");
	e = expect_entry(d, TT_DIFF_PARAMETER, "expansion", "expansion-time", "removed");
	expect_note(e, "renamed? 'expansion-time' -> 'expansion-duration'");
	e = expect_entry(d, TT_DIFF_PARAMETER, "expansion", "expansion-duration", "added");
	expect_note(e, "renamed? 'expansion-time' -> 'expansion-duration'");
	e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "medium", "removed");
	expect_note(e, "renamed? 'medium' -> 'mediums'");
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "cd4-cd8-ratio", "removed");
	expect_note(e, "renamed? 'cd4-cd8-ratio' -> 'cd4-cd8'");
	e = expect_entry(d, TT_DIFF_PARAMETER, "expansion", "temperature", "removed");
	expect_note(e, "moved? 'temperature' is in step 'activation' at the receiving site");
	e = expect_entry(d, TT_DIFF_PARAMETER, "activation", "temperature", "added");
	expect_note(e, "moved? 'temperature' is in step 'expansion' at the source site");
	e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "cytokine-mix", "added");
	assert_null(e->note);
	expect_entry(d, TT_DIFF_MATERIAL, NULL, "mediums", "added");
	expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "cd4-cd8", "added");
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void equipment_is_compared_as_a_set(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	/* The same two pieces in another order: no difference. */
	tt_step *st = step_of(b, "expansion");
	char *t = st->equipment[0];
	st->equipment[0] = st->equipment[1];
	st->equipment[1] = t;
	tt_diff *d = diff_of(a, b);
	expect_count(d, 0);
	tt_diff_free(d);

	set_str(&step_of(b, "harvest")->equipment[0], "LOVO");
	d = diff_of(a, b);
	expect_count(d, 1);
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_EQUIPMENT, "harvest", NULL, NULL);
	assert_int_equal(e->source.kind, TT_DVAL_LIST);
	assert_string_equal(e->source.list[0], "Sepax C-Pro");
	assert_string_equal(e->receiving.list[0], "LOVO");
	/* wash-volume: S 1; equipment: O 2; residual-beads same method: D 1. */
	expect_risk(e, 1, 2, 1, TT_RISK_LOW);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void materials(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	set_str(&material_of(b, "lvv")->supplier, "Oxford Biomedica");
	set_str(&material_of(b, "medium")->grade, "research");
	set_str(&material_of(b, "il2")->id, "serum");
	set_str(&material_of(b, "serum")->name, "Human AB serum");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 4);
	/* Materials: S 2; supplier or grade: O 2; no attribute: D 2; RPN 8. */
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "lvv", "supplier");
	assert_string_equal(e->source.str, "in-house");
	assert_string_equal(e->receiving.str, "Oxford Biomedica");
	expect_risk(e, 2, 2, 2, TT_RISK_MEDIUM);
	e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "medium", "grade");
	assert_string_equal(e->receiving.str, "research");
	expect_risk(e, 2, 2, 2, TT_RISK_MEDIUM);
	/* Added or removed: O 3; RPN 12: high. */
	e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "il2", "removed");
	assert_string_equal(e->source.str, "IL-2 (supplier PeproTech, grade GMP)");
	expect_risk(e, 2, 3, 2, TT_RISK_HIGH);
	e = expect_entry(d, TT_DIFF_MATERIAL, NULL, "serum", "added");
	expect_risk(e, 2, 3, 2, TT_RISK_HIGH);
	assert_null(e->note);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void attribute_fields(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	attr_of(b, "viability")->min = 65; /* widened */
	attr_of(b, "vcn")->max = 4;        /* narrowed */
	attr_of(b, "vcn")->scale = TT_SCALE_LINEAR;
	set_str(&attr_of(b, "car-positive")->method, "QC-120 flow (new panel)");
	attr_of(b, "cd4-cd8-ratio")->criticality = TT_CRIT_LOW;
	/* 100 beads/mL is 100000 beads/L: the spec is the same. */
	tt_attr *rb = attr_of(b, "residual-beads");
	set_str(&rb->unit, "beads/L");
	rb->max = 100000;
	tt_attr *st = attr_of(b, "sterility");
	set_str(&st->equals, "no growth");
	tt_diff *d = diff_of(a, b);
	expect_count(d, 7);

	/* High criticality: S 3 whatever O and D. */
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "viability", "spec");
	assert_int_equal(e->source.kind, TT_DVAL_SPEC);
	assert_true(e->source.has[0] && !e->source.has[1]);
	tt_assert_abs(e->receiving.num[0], 65, 0, "viability receiving min");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	expect_note(e, "wider or another requirement at the receiving site");
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "vcn", "spec");
	expect_risk(e, 3, 2, 1, TT_RISK_HIGH);
	expect_note(e, "narrower at the receiving site");
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "vcn", "scale");
	assert_string_equal(e->source.str, "log");
	assert_string_equal(e->receiving.str, "linear");
	expect_risk(e, 3, 1, 1, TT_RISK_HIGH);
	/* The method changed: D 3. */
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "car-positive", "method");
	expect_risk(e, 3, 1, 3, TT_RISK_HIGH);
	/* medium -> low: the more critical counts, S 2; O 1; D 1. */
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "cd4-cd8-ratio", "criticality");
	assert_string_equal(e->source.str, "medium");
	assert_string_equal(e->receiving.str, "low");
	expect_risk(e, 2, 1, 1, TT_RISK_MEDIUM);
	/* Another, convertible unit: listed (the lot data must be converted),
	 * O 1; low criticality: S 1. */
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "residual-beads", "unit");
	expect_note(e, "another unit, convertible: 1 beads/L = 0.001 beads/mL");
	expect_risk(e, 1, 1, 1, TT_RISK_LOW);
	assert_null(find_entry(d, TT_DIFF_ATTRIBUTE, NULL, "residual-beads", "spec"));
	/* Another required value: O 3. */
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "sterility", "spec");
	assert_string_equal(e->receiving.str, "no growth");
	expect_risk(e, 3, 3, 1, TT_RISK_HIGH);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void attribute_type_and_presence(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	attr_of(b, "cd4-cd8-ratio")->type = TT_ATTR_QUALITATIVE;
	attr_remove(b, "sterility"); /* not tested at the receiving site */
	attr_add(b, "ifng-release", "pg/mL", "QC-050 ELISA", TT_CRIT_LOW, 500, NAN);
	tt_diff *d = diff_of(a, b);
	expect_count(d, 3);
	const tt_diff_entry *e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "cd4-cd8-ratio", "type");
	expect_risk(e, 2, 3, 1, TT_RISK_MEDIUM);
	/* In one spec only: D 3. */
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "sterility", "removed");
	assert_string_equal(e->source.str,
			    "spec equals negative, method USP <71>, criticality high");
	expect_risk(e, 3, 3, 3, TT_RISK_HIGH);
	e = expect_entry(d, TT_DIFF_ATTRIBUTE, NULL, "ifng-release", "added");
	assert_string_equal(e->receiving.str, "spec >= 500 pg/mL, method QC-050 ELISA, "
					      "criticality low");
	/* Low: S 1; tested at the receiving site only: O 1; D 3; RPN 3: low. */
	expect_risk(e, 1, 1, 3, TT_RISK_LOW);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

/* One step, one parameter p, attributes q (and r): the smallest specs that
 * show each level of the rule. */
static tt_spec *tiny(const char *id, tt_param_class cls, const char *affects, tt_criticality crit,
		     const char *method)
{
	tt_spec *s = spec_new(id, "Site", "XX", "REG");
	param_add(step_add(s, "culture", "Culture", "Bioreactor"), "p", "P", 10, 8, 12, "h", cls,
		  affects);
	attr_add(s, "q", "%", method, crit, 50, NAN);
	return s;
}

static void check_case(const char *label, tt_param_class cls, const char *affects,
		       tt_criticality crit, double target, const char *method_at_receiving, int s,
		       int o, int dd, tt_risk risk)
{
	tt_spec *a = tiny("a", cls, affects, crit, "M-1");
	tt_spec *b = tiny("b", cls, affects, crit, method_at_receiving);
	b->steps[0].params[0].target = target;
	tt_diff *d = diff_of(a, b);
	const tt_diff_entry *e = find_entry(d, TT_DIFF_PARAMETER, "culture", "p", "target");
	if (!e)
		fail_msg("%s: no target entry", label);
	print_message("%s: S %d x O %d x D %d = %d, %s\n", label, e->severity, e->occurrence,
		      e->detectability, e->severity * e->occurrence * e->detectability,
		      tt_risk_name(e->risk));
	expect_risk(e, s, o, dd, risk);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void risk_rule_worked_cases(void **state)
{
	(void)state;
	/* METHODS.md default: critical -> high, even inside the range with
	 * nothing else changed: S 3 x O 2 x D 1 = 6. */
	check_case("critical, within", TT_CLASS_CRITICAL, "q", TT_CRIT_LOW, 11, "M-1", 3, 2, 1,
		   TT_RISK_HIGH);
	/* METHODS.md default: affects a high-criticality attribute -> high. */
	check_case("non-critical, affects high", TT_CLASS_NONCRITICAL, "q", TT_CRIT_HIGH, 11, "M-1",
		   3, 2, 1, TT_RISK_HIGH);
	/* Key is medium by default; outside the range (O 3) with q measured by
	 * another method (D 3): 2 x 3 x 3 = 18 >= 12, raised to high. */
	check_case("key, outside, method changed", TT_CLASS_KEY, "q", TT_CRIT_LOW, 13, "M-2", 2, 3,
		   3, TT_RISK_HIGH);
	/* Key, within, same method: 2 x 2 x 1 = 4: medium by the default. */
	check_case("key, within", TT_CLASS_KEY, "q", TT_CRIT_LOW, 11, "M-1", 2, 2, 1,
		   TT_RISK_MEDIUM);
	/* Key, outside, same method: 2 x 3 x 1 = 6 < 12: stays medium. */
	check_case("key, outside", TT_CLASS_KEY, "q", TT_CRIT_LOW, 13, "M-1", 2, 3, 1,
		   TT_RISK_MEDIUM);
	/* Affects a medium attribute: S 2, medium by the default. */
	check_case("non-critical, affects medium", TT_CLASS_NONCRITICAL, "q", TT_CRIT_MEDIUM, 11,
		   "M-1", 2, 2, 1, TT_RISK_MEDIUM);
	/* Non-critical is low by default; outside (O 3), method changed (D 3):
	 * 1 x 3 x 3 = 9 >= 6, raised to medium. */
	check_case("non-critical, outside, method changed", TT_CLASS_NONCRITICAL, "q", TT_CRIT_LOW,
		   13, "M-2", 1, 3, 3, TT_RISK_MEDIUM);
	/* Non-critical affecting nothing (D 2), outside (O 3): 1 x 3 x 2 = 6. */
	check_case("non-critical, outside, affects nothing", TT_CLASS_NONCRITICAL, NULL,
		   TT_CRIT_LOW, 13, "M-1", 1, 3, 2, TT_RISK_MEDIUM);
	/* Non-critical, outside, same method: 1 x 3 x 1 = 3: low. */
	check_case("non-critical, outside", TT_CLASS_NONCRITICAL, "q", TT_CRIT_LOW, 13, "M-1", 1, 3,
		   1, TT_RISK_LOW);
	/* Non-critical, within, method changed: 1 x 2 x 3 = 6: medium. */
	check_case("non-critical, within, method changed", TT_CLASS_NONCRITICAL, "q", TT_CRIT_LOW,
		   11, "M-2", 1, 2, 3, TT_RISK_MEDIUM);
	/* Non-critical, within, affecting nothing: 1 x 2 x 2 = 4: low. */
	check_case("non-critical, within, affects nothing", TT_CLASS_NONCRITICAL, NULL, TT_CRIT_LOW,
		   11, "M-1", 1, 2, 2, TT_RISK_LOW);
	/* Unset class and criticality count as the lowest: 1 x 2 x 1 = 2. */
	check_case("unset, within", TT_CLASS_UNSET, "q", TT_CRIT_UNSET, 11, "M-1", 1, 2, 1,
		   TT_RISK_LOW);
	/* The range end itself is within: 12 in [8, 12]. */
	check_case("non-critical, at the range end", TT_CLASS_NONCRITICAL, "q", TT_CRIT_LOW, 12,
		   "M-1", 1, 2, 1, TT_RISK_LOW);
}

static void affected_attributes_carry_the_highest_risk(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	param_of(b, "harvest", "wash-volume")->target = 520;   /* low, residual-beads */
	param_of(b, "expansion", "il2-conc")->target = 110;    /* medium, cd4-cd8-ratio */
	param_of(b, "transduction", "moi")->target = 6;        /* high, car-positive, vcn */
	param_of(b, "activation", "bead-ratio")->target = 3.1; /* high, car-positive, viability */
	set_str(&b->site.regulator, "FDA");                    /* none: affects nothing */
	tt_diff *d = diff_of(a, b);
	expect_count(d, 5);
	assert_int_equal(d->n_affected, 5);
	/* Highest risk first, then by id. */
	const char *ids[] = { "car-positive", "vcn", "viability", "cd4-cd8-ratio",
			      "residual-beads" };
	tt_risk risks[] = { TT_RISK_HIGH, TT_RISK_HIGH, TT_RISK_HIGH, TT_RISK_MEDIUM, TT_RISK_LOW };
	size_t counts[] = { 2, 1, 1, 1, 1 };
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(d->affected[i].id, ids[i]);
		assert_int_equal(d->affected[i].risk, risks[i]);
		assert_int_equal(d->affected[i].n_differences, counts[i]);
	}
	size_t c[4];
	tt_diff_count_risks(d, c);
	assert_int_equal(c[TT_RISK_HIGH], 2);
	assert_int_equal(c[TT_RISK_MEDIUM], 1);
	assert_int_equal(c[TT_RISK_LOW], 1);
	assert_int_equal(c[TT_RISK_NONE], 1);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

/* The CONTRACT's example: lentiviral vector, Nanjing to the US. */
static tt_spec *lvv(const char *id, double hi, const char *vessel)
{
	tt_spec *s = spec_new(id, "Nanjing", "CN", "NMPA");
	tt_step *st = step_add(s, "transfection", "Transient transfection", vessel);
	param_add(st, "harvest-time", "Harvest time", 48, 44, hi, "h", TT_CLASS_KEY,
		  "titer-functional");
	attr_add(s, "titer-functional", "TU/mL", "QC-201 flow titer", TT_CRIT_MEDIUM, 1e7, NAN);
	return s;
}

static void json_has_the_contract_shape(void **state)
{
	(void)state;
	tt_spec *a = lvv("lvv-nj-cn", 52, "CellSTACK 10");
	tt_spec *b = lvv("lvv-nj-us", 50, "iCELLis 500");
	tt_diff *d = diff_of(a, b);
	tt_buf out = TT_BUF_INIT;
	tt_json j;
	tt_json_init(&j, &out, 0);
	tt_diff_json_write(&j, d);
	/* CONTRACT.md "tt diff --format json", with this module's added keys
	 * (unit, severity, occurrence, detectability, rpn, note,
	 * affected_attributes, rule).  Key: S 2 x O 2 x D 1 = 4, medium. */
	const char *want_head =
		"{\"source\":\"lvv-nj-cn\",\"receiving\":\"lvv-nj-us\",\"differences\":["
		"{\"kind\":\"parameter\",\"step\":\"transfection\",\"id\":\"harvest-time\","
		"\"field\":\"range\",\"source\":[44,52],\"receiving\":[44,50],\"unit\":\"h\","
		"\"class\":\"key\",\"risk\":\"medium\",\"severity\":2,\"occurrence\":2,"
		"\"detectability\":1,\"rpn\":4,\"affects\":[\"titer-functional\"],"
		"\"note\":\"within the source's proven range [44, 52] h\"},"
		"{\"kind\":\"equipment\",\"step\":\"transfection\",\"source\":[\"CellSTACK 10\"],"
		"\"receiving\":[\"iCELLis 500\"],\"risk\":\"medium\",\"severity\":2,"
		"\"occurrence\":2,\"detectability\":1,\"rpn\":4,"
		"\"affects\":[\"titer-functional\"]}],"
		"\"affected_attributes\":[{\"attribute\":\"titer-functional\",\"risk\":\"medium\","
		"\"differences\":2}],\"rule\":";
	assert_true(starts_with(out.data, want_head));
	tt_buf rule = TT_BUF_INIT;
	tt_json_escape(&rule, TT_DIFF_RULE);
	tt_buf_putc(&rule, '}');
	assert_string_equal(out.data + strlen(want_head), rule.data);
	tt_buf_free(&rule);
	tt_buf_free(&out);

	/* The pretty form starts as a report does. */
	tt_diff_json(&out, d);
	assert_true(starts_with(out.data, "{\n  \"source\": \"lvv-nj-cn\",\n  \"receiving\": "));
	assert_true(out.data[out.len - 1] == '}');
	tt_buf_free(&out);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void json_writes_specs_and_null_sides(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	attr_of(b, "viability")->max = 100;
	attr_of(b, "viability")->has_max = 1;
	set_str(&b->site.regulator, NULL);
	tt_diff *d = diff_of(a, b);
	expect_count(d, 2);
	tt_buf out = TT_BUF_INIT;
	tt_json j;
	tt_json_init(&j, &out, 0);
	tt_diff_json_write(&j, d);
	assert_non_null(strstr(out.data, "{\"kind\":\"site\",\"field\":\"regulator\","
					 "\"source\":\"NMPA\",\"receiving\":null,"
					 "\"risk\":\"none\"}"));
	/* A narrower spec: O 2, high criticality: S 3. */
	assert_non_null(strstr(out.data, "{\"kind\":\"attribute\",\"id\":\"viability\","
					 "\"field\":\"spec\",\"source\":{\"min\":70},"
					 "\"receiving\":{\"min\":70,\"max\":100},\"unit\":\"%\","
					 "\"risk\":\"high\",\"severity\":3,\"occurrence\":2,"));
	tt_buf_free(&out);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void markdown_and_html(void **state)
{
	(void)state;
	tt_spec *a = lvv("lvv-nj-cn", 52, "CellSTACK 10");
	tt_spec *b = lvv("lvv-nj-us", 50, "iCELLis 500");
	material_add(a, "pei", "PEI", "Polyplus", "GMP");
	material_add(b, "pei", "PEI", "A|B *fast* <corp>", "GMP");
	tt_diff *d = diff_of(a, b);
	tt_buf out = TT_BUF_INIT;
	tt_diff_md(&out, d, 1);
	assert_true(starts_with(out.data, "# Process differences: lvv-nj-cn to lvv-nj-us\n\n"));
	assert_non_null(strstr(out.data, "\n\nSource process lvv-nj-cn, receiving process "
					 "lvv-nj-us. 3 differences: 0 high risk, 3 medium, "
					 "0 low.\n"));
	assert_non_null(strstr(out.data, "| # | Kind | Step | Item | Field | Source | Receiving | "
					 "Class | Risk | S x O x D = RPN | Affects | Note |\n"));
	assert_non_null(strstr(out.data, "| 1 | parameter | transfection | harvest-time | range "
					 "| \\[44, 52\\] h | \\[44, 50\\] h | key | medium | "
					 "2 x 2 x 1 = 4 | titer-functional | within the source's "
					 "proven range \\[44, 52\\] h |\n"));
	assert_non_null(strstr(out.data, "| 2 | equipment | transfection |  |  | CellSTACK 10 | "
					 "iCELLis 500 |  | medium |"));
	/* A user's text cannot break the table. */
	assert_non_null(strstr(out.data, "| Polyplus | A\\|B \\*fast\\* \\<corp\\> |"));
	assert_non_null(strstr(out.data, "\n## Attributes the differences can move\n\n"
					 "| Attribute | Highest risk | Differences |\n"
					 "|---|---|---:|\n"
					 "| titer-functional | medium | 2 |\n"));
	assert_non_null(strstr(out.data, "\n## Risk rule\n\nICH Q9 FMEA. Severity S: 3 if "));
	tt_buf_reset(&out);

	/* As the first section of a run report. */
	tt_diff_md(&out, d, 2);
	assert_true(starts_with(out.data, "## Process differences: "));
	assert_non_null(strstr(out.data, "\n### Risk rule\n\n"));
	tt_buf_reset(&out);

	tt_diff_html(&out, d, 2);
	assert_true(starts_with(out.data, "<section class=\"gap-analysis\">\n<h2>Process "
					  "differences: lvv-nj-cn to lvv-nj-us</h2>\n"));
	assert_non_null(strstr(out.data, "<td>A|B *fast* &lt;corp&gt;</td>"));
	assert_non_null(strstr(out.data, "<h3>Risk rule</h3>\n<p>ICH Q9 FMEA."));
	assert_non_null(strstr(out.data, "RPN &gt;= 12"));
	tt_buf_free(&out);
	tt_diff_free(d);

	/* No differences. */
	d = diff_of(a, a);
	tt_diff_md(&out, d, 1);
	assert_non_null(strstr(out.data, "No differences: the two processes agree in every "
					 "compared field.\n\n## Attributes the differences can move"
					 "\n\nNone: no difference affects an attribute.\n"));
	assert_null(strstr(out.data, "| # |"));
	tt_buf_free(&out);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

static void study_warns_for_high_risk_attributes_not_compared(void **state)
{
	(void)state;
	tt_spec *a = cart("sh"), *b = cart("rtp");
	param_of(b, "transduction", "moi")->target = 6;        /* high: car-positive, vcn */
	param_of(b, "activation", "bead-ratio")->target = 3.1; /* high: car-positive, viability */
	param_of(b, "expansion", "il2-conc")->target = 110;    /* medium: cd4-cd8-ratio */
	/* A high-risk difference on sterility (qualitative, with a spec). */
	set_str(&attr_of(b, "sterility")->method, "BacT/ALERT");
	tt_diff *d = diff_of(a, b);

	tt_study st;
	memset(&st, 0, sizeof st);
	st.path = "studies/sh-rtp.yaml";
	st.receiving_spec = b;
	tt_comparison cmp[3];
	memset(cmp, 0, sizeof cmp);
	cmp[0].attribute = "viability";
	cmp[0].approach = TT_APPROACH_EQUIVALENCE;
	cmp[0].loc = (tt_loc){ st.path, 12, 7 };
	cmp[1].attribute = "car-positive";
	cmp[1].approach = TT_APPROACH_GRAPHICAL;
	cmp[1].loc = (tt_loc){ st.path, 17, 7 };
	cmp[2].attribute = "cd4-cd8-ratio";
	cmp[2].approach = TT_APPROACH_GRAPHICAL;
	cmp[2].loc = (tt_loc){ st.path, 20, 7 };
	st.comparisons = cmp;
	st.n_comparisons = 3;

	tt_diags diags = TT_DIAGS_INIT;
	int n = tt_diff_study_warnings(d, &st, &diags);
	assert_int_equal(n, 2);
	assert_int_equal(diags.warnings, 2);
	assert_int_equal(diags.errors, 0);
	if (!tt_test_diags_has(&diags, "studies/sh-rtp.yaml:17:7: warning: attribute "
				       "'car-positive' is compared only graphically, but a "
				       "high-risk process difference can move it: parameter "
				       "'bead-ratio' (target) in step 'activation', and 1 more "
				       "difference") ||
	    !tt_test_diags_has(&diags, "studies/sh-rtp.yaml: warning: attribute 'vcn' is not "
				       "compared in the study, but a high-risk process difference "
				       "can move it: parameter 'moi' (target) in step "
				       "'transduction'")) {
		tt_test_diags_dump(&diags);
		fail();
	}
	tt_diags_free(&diags);
	tt_diff_free(d);
	spec_free_test(a);
	spec_free_test(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identical_specs_have_no_differences),
		cmocka_unit_test(site_differences_carry_no_risk),
		cmocka_unit_test(steps_added_and_removed),
		cmocka_unit_test(steps_reordered),
		cmocka_unit_test(parameter_target_and_range),
		cmocka_unit_test(parameter_target_without_source_range),
		cmocka_unit_test(equal_values_in_other_units_are_not_listed),
		cmocka_unit_test(unit_change_that_changes_the_value_is_flagged),
		cmocka_unit_test(units_that_cannot_be_converted),
		cmocka_unit_test(parameter_class_affects_and_presence),
		cmocka_unit_test(renamed_ids_get_a_hint),
		cmocka_unit_test(equipment_is_compared_as_a_set),
		cmocka_unit_test(materials),
		cmocka_unit_test(attribute_fields),
		cmocka_unit_test(attribute_type_and_presence),
		cmocka_unit_test(risk_rule_worked_cases),
		cmocka_unit_test(affected_attributes_carry_the_highest_risk),
		cmocka_unit_test(json_has_the_contract_shape),
		cmocka_unit_test(json_writes_specs_and_null_sides),
		cmocka_unit_test(markdown_and_html),
		cmocka_unit_test(study_warns_for_high_risk_attributes_not_compared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
