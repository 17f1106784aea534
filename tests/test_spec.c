/*
 * test_spec.c - process specs: the example specs load with every field, and
 * each kind of fault is reported at its place.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/input/spec.h"
#include "tt/input/ydoc.h"

static const char *example(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", TT_SOURCE_DIR_FOR_TESTS, rel);
	return path;
}

/* Loads a spec from text as "p.yaml"; returns it or NULL, diagnostics in d. */
static tt_spec *from_text(const char *text, tt_diags *d)
{
	tt_diags_init(d);
	tt_ydoc *doc = NULL;
	if (tt_ydoc_parse(&doc, "p.yaml", text, strlen(text), d) < 0)
		return NULL;
	tt_spec *spec = NULL;
	int rc = tt_spec_from_doc(&spec, doc, d);
	tt_ydoc_free(doc);
	if (rc == 0) {
		assert_non_null(spec);
		assert_int_equal(d->errors, 0);
	} else {
		assert_int_equal(rc, TT_EINVAL);
		assert_null(spec);
		assert_true(d->errors > 0);
	}
	return spec;
}

static void expect_diag(const tt_diags *d, const char *want)
{
	if (!tt_test_diags_has(d, want)) {
		print_message("  want: %s\n", want);
		tt_test_diags_dump(d);
		fail();
	}
}

static void shanghai_example_loads_every_field(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_spec *s = NULL;
	assert_int_equal(tt_spec_load(&s, example("specs/cart-shanghai.yaml"), &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->id, "cart-sh");
	assert_string_equal(s->product, "CT053");
	assert_string_equal(s->version, "3.2");
	assert_string_equal(s->site.name, "Shanghai GMP facility");
	assert_string_equal(s->site.country, "CN");
	assert_string_equal(s->site.regulator, "NMPA");
	assert_non_null(s->description);
	assert_int_equal(s->n_steps, 7);
	assert_string_equal(s->steps[0].id, "apheresis-receipt");
	assert_string_equal(s->steps[6].id, "cryopreservation");

	const tt_step *act = tt_spec_step(s, "activation");
	assert_non_null(act);
	assert_string_equal(act->name, "T-cell activation");
	assert_int_equal(act->n_equipment, 1);
	assert_string_equal(act->equipment[0], "CliniMACS Prodigy");
	assert_int_equal(act->n_params, 3);
	const tt_param *p = &act->params[0];
	assert_string_equal(p->id, "bead-ratio");
	assert_true(p->has_target);
	assert_true(p->target == 3.0);
	assert_true(p->has_range);
	assert_true(p->range[0] == 2.5 && p->range[1] == 3.5);
	assert_string_equal(p->unit, "beads/cell");
	assert_int_equal(p->cls, TT_CLASS_CRITICAL);
	assert_int_equal(p->n_affects, 2);
	assert_string_equal(p->affects[0], "car-positive");
	assert_string_equal(p->affects[1], "viability");
	assert_true(act->params[1].target == 1.0e6); /* seeding density, 1.0e6 */
	/* Places point into the spec file. */
	assert_string_equal(act->loc.file, s->path);
	assert_true(act->loc.line > 1);
	assert_true(p->loc.line > act->loc.line);

	assert_int_equal(s->n_materials, 6);
	assert_string_equal(s->materials[0].id, "lvv");
	assert_string_equal(s->materials[0].supplier, "in-house");
	assert_string_equal(s->materials[0].grade, "GMP");

	assert_int_equal(s->n_attrs, 14);
	const tt_attr *v = tt_spec_attr(s, "viability");
	assert_non_null(v);
	assert_string_equal(v->unit, "%");
	assert_int_equal(v->type, TT_ATTR_CONTINUOUS);
	assert_true(v->has_spec && v->has_min && !v->has_max);
	assert_true(v->min == 70.0);
	assert_int_equal(v->scale, TT_SCALE_LINEAR);
	assert_int_equal(v->criticality, TT_CRIT_HIGH);
	assert_string_equal(v->method, "QC-012 flow cytometry (7-AAD)");
	const tt_attr *vcn = tt_spec_attr(s, "vcn");
	assert_int_equal(vcn->scale, TT_SCALE_LOG);
	assert_true(vcn->has_max && !vcn->has_min && vcn->max == 5.0);
	const tt_attr *ratio = tt_spec_attr(s, "cd4-cd8-ratio");
	assert_false(ratio->has_spec);
	assert_int_equal(ratio->criticality, TT_CRIT_MEDIUM);
	const tt_attr *ster = tt_spec_attr(s, "sterility");
	assert_int_equal(ster->type, TT_ATTR_QUALITATIVE);
	assert_true(ster->has_spec);
	assert_string_equal(ster->equals, "negative");
	assert_null(ster->unit);
	assert_string_equal(tt_spec_attr(s, "rcl")->equals, "not-detected");
	assert_null(tt_spec_attr(s, "potncy"));
	assert_null(tt_spec_step(s, "nowhere"));
	tt_spec_free(s);
	tt_diags_free(&d);
}

static void rtp_example_differs_where_the_transfer_changed_it(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_spec *s = NULL;
	assert_int_equal(tt_spec_load(&s, example("specs/cart-rtp.yaml"), &d), 0);
	assert_string_equal(s->id, "cart-rtp");
	assert_string_equal(s->site.regulator, "FDA");
	const tt_step *h = tt_spec_step(s, "harvest-formulation");
	assert_true(h->params[0].target == 8.0);
	assert_true(h->params[0].range[0] == 7.0 && h->params[0].range[1] == 9.0);
	assert_string_equal(tt_spec_step(s, "expansion")->equipment[0],
			    "Xuri Cell Expansion System W25");
	tt_spec_free(s);
	tt_diags_free(&d);
}

static void minimal_spec_and_defaults(void **state)
{
	(void)state;
	tt_diags d;
	tt_spec *s = from_text("process:\n"
			       "  id: p\n"
			       "  steps:\n"
			       "    - id: s\n"
			       "      parameters:\n"
			       "        - { id: t, target: 9, range: [2, 8] }\n"
			       "  attributes:\n"
			       "    - { id: a }\n",
			       &d);
	assert_string_equal(s->id, "p");
	assert_null(s->name);
	assert_null(s->site.name);
	assert_int_equal(s->n_materials, 0);
	/* A target outside its range is allowed. */
	assert_true(s->steps[0].params[0].target == 9.0);
	assert_int_equal(s->steps[0].params[0].cls, TT_CLASS_UNSET);
	const tt_attr *a = &s->attrs[0];
	assert_int_equal(a->type, TT_ATTR_CONTINUOUS);
	assert_int_equal(a->scale, TT_SCALE_LINEAR);
	assert_int_equal(a->criticality, TT_CRIT_UNSET);
	assert_false(a->has_spec);
	assert_null(a->unit);
	tt_spec_free(s);
	tt_diags_free(&d);

	assert_string_equal(tt_param_class_name(TT_CLASS_NONCRITICAL), "non-critical");
	assert_string_equal(tt_criticality_name(TT_CRIT_LOW), "low");
	assert_string_equal(tt_scale_name(TT_SCALE_LOG), "log");
}

static void reports_every_fault_at_its_place(void **state)
{
	(void)state;
	tt_diags d;
	tt_spec *s = from_text("process:\n"                                             /* 1 */
			       "  id: p\n"                                              /* 2 */
			       "  nam: x\n"                                             /* 3 */
			       "  steps:\n"                                             /* 4 */
			       "    - id: s\n"                                          /* 5 */
			       "      parameters:\n"                                    /* 6 */
			       "        - { id: a, range: [3, 2], class: key }\n"       /* 7 */
			       "        - { id: a, affects: [viabilty] }\n"             /* 8 */
			       "  attributes:\n"                                        /* 9 */
			       "    - { id: viability, spec: { min: 9, max: 1 } }\n"    /* 10 */
			       "    - { id: s, type: qualitative, spec: { max: 1 } }\n" /* 11 */
			       "    - { id: t, spec: { equals: x }, scale: log }\n",    /* 12 */
			       &d);
	assert_null(s);
	expect_diag(&d, "p.yaml:3:3: error: unknown key 'nam' in process; did you mean 'name'?");
	expect_diag(&d, "p.yaml:7:27: error: 'range' low end 3 is above its high end 2");
	expect_diag(&d, "p.yaml:8:11: error: duplicate parameter id 'a' in step 's' (first at "
			"line 7)");
	expect_diag(&d, "p.yaml:8:30: error: parameter 'a' affects 'viabilty', which is not an "
			"attribute of this process; did you mean 'viability'?");
	expect_diag(&d, "p.yaml:10:30: error: spec 'min' 9 is above 'max' 1");
	expect_diag(&d, "p.yaml:11:43: error: key 'max' does not apply to a qualitative "
			"attribute; use 'equals'");
	expect_diag(&d, "p.yaml:11:41: error: missing required key 'equals' in spec");
	expect_diag(&d, "p.yaml:12:24: error: key 'equals' does not apply to a continuous "
			"attribute; use 'min' and 'max' (or 'type: qualitative')");
	assert_int_equal(d.errors, 8);
	tt_diags_free(&d);

	s = from_text("study:\n  id: x\n", &d);
	assert_null(s);
	expect_diag(&d, "p.yaml:1:1: error: not a process spec: expected the top-level key "
			"'process'");
	tt_diags_free(&d);
}

static void load_reports_a_missing_file(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_spec *s = NULL;
	assert_int_equal(tt_spec_load(&s, "/nonexistent/p.yaml", &d), TT_EIO);
	assert_null(s);
	assert_int_equal(d.errors, 1);
	tt_diags_free(&d);
}

/* Asserts that words (a new string) equals want, and frees it. */
static void expect_words(char *words, const char *want)
{
	assert_non_null(words);
	assert_string_equal(words, want);
	free(words);
}

static void spec_words_for_every_kind_of_limit(void **state)
{
	(void)state;
	tt_diags d;
	tt_spec *s =
		from_text("process:\n"
			  "  id: p\n"
			  "  attributes:\n"
			  "    - { id: viability, unit: '%', spec: { min: 70 } }\n"
			  "    - { id: endotoxin, unit: EU/mL, spec: { max: 0.5 } }\n"
			  "    - { id: vcn, unit: copies/cell, spec: { min: 1, max: 5 } }\n"
			  "    - { id: ratio, spec: { min: 0.25, max: 4 } }\n"
			  "    - { id: titer, spec: { min: 1234567 } }\n"
			  "    - { id: sterility, type: qualitative, spec: { equals: negative } }\n"
			  "    - { id: ph }\n",
			  &d);
	expect_words(tt_spec_words(&s->attrs[0]), ">= 70 %");
	expect_words(tt_spec_words(&s->attrs[1]), "<= 0.5 EU/mL");
	expect_words(tt_spec_words(&s->attrs[2]), "1 to 5 copies/cell");
	expect_words(tt_spec_words(&s->attrs[3]), "0.25 to 4");
	/* The plain style writes limits as %g. */
	expect_words(tt_spec_words(&s->attrs[4]), ">= 1.23457e+06");
	expect_words(tt_spec_words(&s->attrs[5]), "= negative");
	expect_words(tt_spec_words(&s->attrs[6]), "none");

	tt_spec_limits l = tt_spec_limits_of(&s->attrs[2]);
	assert_true(l.has_min && l.has_max);
	assert_true(l.min == 1.0 && l.max == 5.0);
	assert_null(l.equals);
	l = tt_spec_limits_of(&s->attrs[5]);
	assert_false(l.has_min || l.has_max);
	assert_string_equal(l.equals, "negative");
	tt_spec_free(s);
	tt_diags_free(&d);
}

static const char *ten_digits(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.10g", v);
	return buf;
}

static void spec_words_in_other_styles(void **state)
{
	(void)state;
	const tt_spec_words_style prose = { ten_digits, false, true };
	const tt_spec_words_style symbols = { NULL, true, false };
	tt_spec_limits min = { true, false, 1234567, 0, NULL };
	tt_spec_limits max = { false, true, 0, 5, NULL };
	tt_spec_limits both = { true, true, 2, 5, NULL };
	tt_spec_limits equals = { false, false, 0, 0, "not detected" };
	tt_spec_limits none = { false, false, 0, 0, NULL };
	expect_words(tt_spec_limits_words(&min, "cells", &prose), ">= 1234567 cells");
	expect_words(tt_spec_limits_words(&equals, "cells", &prose), "equals not detected");
	expect_words(tt_spec_limits_words(&min, NULL, &symbols), "\xE2\x89\xA5 1.23457e+06");
	expect_words(tt_spec_limits_words(&max, "%", &symbols), "\xE2\x89\xA4 5 %");
	expect_words(tt_spec_limits_words(&both, "%", &symbols), "2 to 5 %");
	expect_words(tt_spec_limits_words(&equals, NULL, &symbols), "= not detected");
	/* An empty unit is no unit, and a spec without a limit has none. */
	expect_words(tt_spec_limits_words(&max, "", NULL), "<= 5");
	expect_words(tt_spec_limits_words(&none, "%", NULL), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shanghai_example_loads_every_field),
		cmocka_unit_test(rtp_example_differs_where_the_transfer_changed_it),
		cmocka_unit_test(minimal_spec_and_defaults),
		cmocka_unit_test(reports_every_fault_at_its_place),
		cmocka_unit_test(load_reports_a_missing_file),
		cmocka_unit_test(spec_words_for_every_kind_of_limit),
		cmocka_unit_test(spec_words_in_other_styles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
