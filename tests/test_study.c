/*
 * test_study.c - studies: the example loads with its defaults resolved, each
 * approach gets its defaults, and the cross-references are checked.
 */
#include "support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/input/study.h"
#include "tt/base/util.h"

static const char *example(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", TT_SOURCE_DIR_FOR_TESTS, rel);
	return path;
}

/* A scratch folder holding two specs and the data files a study names. */
static char dir[] = "/tmp/tt-study-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char src_spec[] = "process:\n"
			       "  id: src\n"
			       "  attributes:\n"
			       "    - { id: viability, unit: \"%\", spec: { min: 70 } }\n"
			       "    - { id: vcn, unit: copies/cell, scale: log }\n"
			       "    - { id: lysis, unit: \"%\" }\n"
			       "    - { id: density, unit: cells/mL }\n"
			       "    - { id: potency, unit: pg/mL }\n"
			       "    - { id: ratio, unit: ratio }\n"
			       "    - { id: tscm, unit: \"%\" }\n"
			       "    - { id: tem, unit: \"%\" }\n"
			       "    - { id: cyto, unit: \"%\" }\n"
			       "    - { id: onlysrc }\n"
			       "    - { id: sterility, type: qualitative,"
			       " spec: { equals: negative } }\n";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	write_file("src.yaml", src_spec);
	/* The receiving spec: the same, named rcv, with 'extra' instead of
	 * 'onlysrc'. */
	tt_buf b = TT_BUF_INIT;
	const char *id = strstr(src_spec, "id: src");
	const char *only = strstr(src_spec, "    - { id: onlysrc }\n");
	tt_buf_put(&b, src_spec, (size_t)(id - src_spec));
	tt_buf_puts(&b, "id: rcv");
	tt_buf_put(&b, id + 7, (size_t)(only - id - 7));
	tt_buf_puts(&b, "    - { id: extra }\n");
	tt_buf_puts(&b, only + strlen("    - { id: onlysrc }\n"));
	write_file("rcv.yaml", b.data);
	tt_buf_free(&b);
	write_file("src.csv", "lot,viability\nS1,90\n");
	write_file("rcv.csv", "lot,viability\nR1,91\n");
	write_file("lysis.csv", "lot,time,value\nS1,1,10\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = { "src.yaml",  "rcv.yaml",   "src.csv", "rcv.csv",
				"lysis.csv", "study.yaml", NULL };
	char path[4096];
	for (int i = 0; names[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

static const char head[] = "study:\n"
			   "  id: s1\n"
			   "  source:    { process: src.yaml, data: src.csv }\n"
			   "  receiving: { process: rcv.yaml, data: rcv.csv }\n";

/* Writes study.yaml (head + body) and loads it. */
static tt_study *load(const char *body, int require_data, tt_diags *d)
{
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, head);
	tt_buf_puts(&b, body);
	write_file("study.yaml", b.data);
	tt_buf_free(&b);
	char path[4096];
	snprintf(path, sizeof path, "%s/study.yaml", dir);
	tt_diags_init(d);
	tt_study *s = NULL;
	int rc = tt_study_load(&s, path, require_data, d);
	if (rc == 0) {
		assert_non_null(s);
		if (d->errors) {
			tt_test_diags_dump(d);
			fail();
		}
	} else {
		assert_null(s);
		assert_true(d->errors > 0);
	}
	return s;
}

/* Asserts a diagnostic in study.yaml: "LINE:COL: error: MESSAGE". */
static void expect_diag(const tt_diags *d, const char *where_what)
{
	char want[4096];
	snprintf(want, sizeof want, "%s/study.yaml:%s", dir, where_what);
	if (!tt_test_diags_has(d, want)) {
		print_message("  want: %s\n", want);
		tt_test_diags_dump(d);
		fail();
	}
}

static void example_study_loads_with_defaults_resolved(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_study *s = NULL;
	assert_int_equal(tt_study_load(&s, example("studies/cart-sh-to-rtp.yaml"), 1, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->id, "ct053-sh-rtp");
	assert_string_equal(s->protocol, "PRT-0042 v1");
	assert_int_equal(s->design, TT_DESIGN_INDEPENDENT);
	assert_true(s->alpha == 0.05);
	assert_true(s->has_seed);
	assert_true(s->seed == 20240917u);
	/* Paths resolved against the study's folder, without '..' detours. */
	assert_string_equal(s->source_process, example("specs/cart-shanghai.yaml"));
	assert_string_equal(s->receiving_process, example("specs/cart-rtp.yaml"));
	assert_string_equal(s->source_data, example("studies/data/sh-lots.csv"));
	assert_string_equal(s->receiving_data, example("studies/data/rtp-lots.csv"));
	assert_string_equal(s->source_spec->id, "cart-sh");
	assert_string_equal(s->receiving_spec->id, "cart-rtp");
	assert_int_equal(s->n_exclude, 1);
	assert_string_equal(s->exclude[0].lot, "SH-007");
	assert_string_equal(s->exclude[0].reason, "deviation DV-113, apheresis hold time exceeded");
	assert_false(s->plan.present);

	assert_int_equal(s->n_comparisons, 10);
	const tt_comparison *c = &s->comparisons[0];
	assert_string_equal(c->attribute, "viability");
	assert_int_equal(c->approach, TT_APPROACH_EQUIVALENCE);
	assert_int_equal(c->margin_type, TT_MARGIN_SIGMA);
	assert_true(c->margin == 1.5);
	assert_int_equal(c->variance, TT_VARIANCE_WELCH);
	assert_int_equal(c->scale, TT_SCALE_LINEAR);
	assert_ptr_equal(c->source_attr, tt_spec_attr(s->source_spec, "viability"));
	assert_ptr_equal(c->receiving_attr, tt_spec_attr(s->receiving_spec, "viability"));
	assert_non_null(c->justification);
	assert_string_equal(c->loc.file, s->path);

	c = &s->comparisons[1];
	assert_string_equal(c->attribute, "vcn");
	assert_int_equal(c->margin_type, TT_MARGIN_RATIO);
	assert_true(c->margin == 1.5);
	assert_int_equal(c->scale, TT_SCALE_LOG);

	c = &s->comparisons[2];
	assert_string_equal(c->attribute, "potency");
	assert_int_equal(c->variance, TT_VARIANCE_WELCH); /* the default */

	c = &s->comparisons[3];
	assert_int_equal(c->approach, TT_APPROACH_QUALITY_RANGE);
	assert_true(c->k == 3.0 && c->min_fraction == 0.9);
	c = &s->comparisons[4];
	assert_int_equal(c->approach, TT_APPROACH_QUALITY_RANGE);
	assert_true(c->k == 3.0 && c->min_fraction == 0.9); /* defaults */

	c = &s->comparisons[6];
	assert_int_equal(c->approach, TT_APPROACH_TOLERANCE_INTERVAL);
	assert_true(c->content == 0.99 && c->confidence == 0.95);
	assert_int_equal(c->ti_method, TT_TI_EXACT);
	assert_int_equal(c->sides, 2);
	assert_int_equal(c->direction, TT_DIRECTION_NONE);

	assert_int_equal(s->comparisons[7].approach, TT_APPROACH_MIN_MAX);
	assert_int_equal(s->comparisons[8].approach, TT_APPROACH_GRAPHICAL);
	assert_null(s->comparisons[8].justification);

	c = &s->comparisons[9];
	assert_int_equal(c->approach, TT_APPROACH_TOLERANCE_INTERVAL);
	assert_int_equal(c->sides, 1);
	assert_int_equal(c->direction, TT_DIRECTION_UPPER);
	assert_true(c->content == 0.95 && c->confidence == 0.95);
	tt_study_free(s);
	tt_diags_free(&d);
}

static void every_approach_gets_its_defaults(void **state)
{
	(void)state;
	tt_diags d;
	tt_study *s = load("  comparisons:\n"
			   "    - { attribute: viability, approach: equivalence,"
			   " margin: { absolute: 3 } }\n"
			   "    - { attribute: vcn, approach: quality-range }\n"
			   "    - { attribute: ratio, approach: tolerance-interval,"
			   " sides: 1, direction: upper }\n"
			   "    - { attribute: tscm, approach: min-max }\n"
			   "    - attribute: lysis\n"
			   "      approach: profile\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: tem\n"
			   "      approach: profile\n"
			   "      method: msd\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: potency\n"
			   "      approach: stability\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: cyto\n"
			   "      approach: profile\n"
			   "      method: bootstrap-f2\n"
			   "      bootstrap: 2e3\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - { attribute: density, approach: graphical }\n",
			   1, &d);
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	assert_false(s->has_seed); /* no seed: the run's default applies */
	assert_true(s->alpha == 0.05);
	assert_int_equal(s->design, TT_DESIGN_INDEPENDENT);
	const tt_comparison *c = s->comparisons;
	assert_int_equal(c[0].margin_type, TT_MARGIN_ABSOLUTE);
	assert_true(c[0].margin == 3.0);
	assert_int_equal(c[0].variance, TT_VARIANCE_WELCH);
	assert_int_equal(c[0].scale, TT_SCALE_LINEAR);
	assert_int_equal(c[1].scale, TT_SCALE_LOG); /* vcn has scale: log */
	assert_true(c[1].k == 3.0 && c[1].min_fraction == 0.9);
	assert_true(c[2].content == 0.99 && c[2].confidence == 0.95);
	assert_int_equal(c[2].sides, 1);
	assert_int_equal(c[2].direction, TT_DIRECTION_UPPER);
	assert_int_equal(c[4].profile_method, TT_PROFILE_F2);
	assert_int_equal(c[4].bootstrap, 10000);
	char want[4096];
	snprintf(want, sizeof want, "%s/lysis.csv", dir);
	assert_string_equal(c[4].data_source, want);
	assert_string_equal(c[4].data_receiving, want);
	assert_int_equal(c[5].profile_method, TT_PROFILE_MSD);
	assert_true(c[5].region_level == 0.90);
	assert_true(c[5].has_msd_limit); /* a '%' attribute: the default 10 */
	assert_true(c[5].msd_limit == 10.0);
	assert_int_equal(c[6].approach, TT_APPROACH_STABILITY);
	assert_false(c[6].has_slope_margin);
	assert_int_equal(c[7].profile_method, TT_PROFILE_BOOTSTRAP_F2);
	assert_int_equal(c[7].bootstrap, 2000); /* 2e3 is the integer 2000 */
	tt_study_free(s);
	tt_diags_free(&d);
}

static void explicit_values_override_defaults(void **state)
{
	(void)state;
	tt_diags d;
	tt_study *s = load("  design: paired\n"
			   "  alpha: 0.025\n"
			   "  seed: 0\n"
			   "  comparisons:\n"
			   "    - { attribute: viability, approach: equivalence,"
			   " margin: { ratio: 1.5 }, variance: pooled }\n"
			   "    - { attribute: vcn, approach: quality-range,"
			   " k: 2.5, min_fraction: 1 }\n"
			   "    - { attribute: ratio, approach: tolerance-interval,"
			   " content: 0.9, confidence: 0.9, method: nonparametric }\n"
			   "    - attribute: tem\n"
			   "      approach: profile\n"
			   "      method: msd\n"
			   "      region_level: 0.95\n"
			   "      msd_limit: 15\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: density\n"
			   "      approach: profile\n"
			   "      method: msd\n"
			   "      msd_limit: 2e5\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: potency\n"
			   "      approach: stability\n"
			   "      slope_margin: 40\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n",
			   1, &d);
	assert_non_null(s);
	assert_int_equal(s->design, TT_DESIGN_PAIRED);
	assert_true(s->alpha == 0.025);
	assert_true(s->has_seed);
	assert_true(s->seed == 0);
	const tt_comparison *c = s->comparisons;
	/* A ratio margin on a linear attribute is allowed and means ln scale. */
	assert_int_equal(c[0].margin_type, TT_MARGIN_RATIO);
	assert_int_equal(c[0].scale, TT_SCALE_LOG);
	assert_int_equal(c[0].variance, TT_VARIANCE_POOLED);
	assert_true(c[1].k == 2.5 && c[1].min_fraction == 1.0);
	assert_true(c[2].content == 0.9 && c[2].confidence == 0.9);
	assert_int_equal(c[2].ti_method, TT_TI_NONPARAMETRIC);
	assert_int_equal(c[2].sides, 2);
	assert_true(c[3].region_level == 0.95 && c[3].msd_limit == 15.0);
	assert_true(c[4].has_msd_limit && c[4].msd_limit == 2e5); /* given: any unit */
	assert_true(c[5].has_slope_margin && c[5].slope_margin == 40.0);
	tt_study_free(s);
	tt_diags_free(&d);
}

static void keys_of_other_approaches_are_refused(void **state)
{
	(void)state;
	tt_diags d;
	/* The body starts at line 5 of study.yaml, after the four lines of head. */
	tt_study *s = load("  comparisons:\n"
			   "    - attribute: viability\n"
			   "      approach: equivalence\n"
			   "      margin: { sigma: 1.5 }\n"
			   "      k: 3\n"
			   "      margn: 2\n"
			   "    - { attribute: vcn, approach: graphical,"
			   " data: { source: a, receiving: b } }\n",
			   1, &d);
	assert_null(s);
	expect_diag(&d, "9:7: error: key 'k' does not apply to approach 'equivalence'");
	expect_diag(&d, "10:7: error: unknown key 'margn' in comparison; did you mean 'margin'?");
	expect_diag(&d, "11:46: error: key 'data' does not apply to approach 'graphical'");
	assert_int_equal(d.errors, 3);
	tt_diags_free(&d);
}

static void cross_references_are_checked(void **state)
{
	(void)state;
	tt_diags d;
	/* The body starts at line 5 of study.yaml, after the four lines of head. */
	tt_study *s = load("  comparisons:\n"
			   "    - { attribute: extra, approach: min-max }\n"
			   "    - { attribute: sterility, approach: min-max }\n"
			   "    - { attribute: vcn, approach: equivalence,"
			   " margin: { absolute: 1 } }\n"
			   "    - { attribute: tscm, approach: min-max }\n"
			   "    - { attribute: tscm, approach: graphical }\n"
			   "    - attribute: density\n"
			   "      approach: profile\n"
			   "      method: msd\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - attribute: potency\n"
			   "      approach: profile\n"
			   "      method: f2\n"
			   "      data: { source: lysis.csv, receiving: lysis.csv }\n"
			   "    - { attribute: onlysrc, approach: min-max }\n",
			   1, &d);
	assert_null(s);
	expect_diag(&d, "6:20: error: attribute 'extra' is not in the source spec 'src'");
	expect_diag(&d, "7:20: error: attribute 'sterility' is qualitative; approach 'min-max' "
			"needs a continuous attribute (qualitative attributes are checked for "
			"conformance only)");
	expect_diag(&d, "8:56: error: an absolute margin cannot be used on attribute 'vcn', "
			"which has scale: log; use a ratio or sigma margin");
	expect_diag(&d, "10:20: error: attribute 'tscm' is compared twice (first at line 9)");
	expect_diag(&d, "13:15: error: msd_limit is required for attribute 'density' (unit "
			"'cells/mL'); f2 and the default limit assume %");
	expect_diag(&d, "17:15: error: method 'f2' needs an attribute in % (attribute 'potency' "
			"has unit 'pg/mL'); use method 'msd' with an msd_limit");
	expect_diag(&d, "19:20: error: attribute 'onlysrc' is not in the receiving spec 'rcv'");
	assert_int_equal(d.errors, 7);
	tt_diags_free(&d);
}

static void data_files_are_required_only_when_asked(void **state)
{
	(void)state;
	tt_diags d;
	/* Without require_data a study may name no data, or data not yet there. */
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "study:\n"
			"  id: s1\n"
			"  source:    { process: src.yaml }\n"
			"  receiving: { process: rcv.yaml, data: later.csv }\n"
			"  comparisons:\n"
			"    - { attribute: viability, approach: min-max }\n");
	write_file("study.yaml", b.data);
	tt_buf_free(&b);
	char path[4096];
	snprintf(path, sizeof path, "%s/study.yaml", dir);
	tt_diags_init(&d);
	tt_study *s = NULL;
	assert_int_equal(tt_study_load(&s, path, 0, &d), 0);
	assert_null(s->source_data);
	assert_non_null(strstr(s->receiving_data, "/later.csv"));
	tt_study_free(s);
	tt_diags_free(&d);

	assert_int_equal(tt_study_load(&s, path, 1, &d), TT_EINVAL);
	expect_diag(&d, "3:14: error: missing required key 'data' in source");
	char want[4096];
	snprintf(want, sizeof want,
		 "4:41: error: data file 'later.csv' not found (looked for '%s/later.csv')", dir);
	expect_diag(&d, want);
	tt_diags_free(&d);
}

static void plan_block(void **state)
{
	(void)state;
	tt_diags d;
	/* The body starts at line 5; plan: is line 7, correlation line 10. */
	tt_study *s = load("  comparisons:\n"
			   "    - { attribute: viability, approach: equivalence,"
			   " margin: { sigma: 1.5 } }\n"
			   "  plan:\n"
			   "    n_source: 10\n"
			   "    n_receiving: 6\n"
			   "    correlation: 0.5\n"
			   "    assumptions:\n"
			   "      - { attribute: viability, sd: 2.1, mean: 91 }\n"
			   "      - { attribute: lysis, sd: 3 }\n",
			   1, &d);
	assert_non_null(s);
	const tt_plan_block *p = &s->plan;
	assert_true(p->present);
	assert_int_equal(p->loc.line, 8);
	assert_int_equal(p->n_source, 10);
	assert_int_equal(p->n_receiving, 6);
	assert_true(p->has_correlation && p->correlation == 0.5);
	assert_int_equal(p->n_assumptions, 2);
	assert_string_equal(p->assumptions[0].attribute, "viability");
	assert_true(p->assumptions[0].has_sd && p->assumptions[0].sd == 2.1);
	assert_true(p->assumptions[0].has_mean && p->assumptions[0].mean == 91.0);
	assert_false(p->assumptions[1].has_mean);
	/* Warnings do not stop the load. */
	assert_int_equal(d.warnings, 2);
	expect_diag(&d, "10:5: warning: 'correlation' is used only with design 'paired'");
	expect_diag(&d, "13:22: warning: plan assumption for attribute 'lysis', which no "
			"comparison uses");
	tt_study_free(s);
	tt_diags_free(&d);
}

static void names_of_the_enumerations(void **state)
{
	(void)state;
	assert_string_equal(tt_approach_name(TT_APPROACH_TOLERANCE_INTERVAL), "tolerance-interval");
	assert_string_equal(tt_approach_name(TT_APPROACH_QUALITY_RANGE), "quality-range");
	assert_string_equal(tt_margin_type_name(TT_MARGIN_RATIO), "ratio");
	assert_string_equal(tt_variance_name(TT_VARIANCE_POOLED), "pooled");
	assert_string_equal(tt_ti_method_name(TT_TI_HOWE), "howe");
	assert_string_equal(tt_profile_method_name(TT_PROFILE_BOOTSTRAP_F2), "bootstrap-f2");
	assert_string_equal(tt_design_name(TT_DESIGN_PAIRED), "paired");
	assert_string_equal(tt_direction_name(TT_DIRECTION_LOWER), "lower");
	assert_true(tt_approach_is_lot_level(TT_APPROACH_GRAPHICAL));
	assert_true(tt_approach_is_lot_level(TT_APPROACH_MIN_MAX));
	assert_false(tt_approach_is_lot_level(TT_APPROACH_PROFILE));
	assert_false(tt_approach_is_lot_level(TT_APPROACH_STABILITY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_study_loads_with_defaults_resolved),
		cmocka_unit_test(every_approach_gets_its_defaults),
		cmocka_unit_test(explicit_values_override_defaults),
		cmocka_unit_test(keys_of_other_approaches_are_refused),
		cmocka_unit_test(cross_references_are_checked),
		cmocka_unit_test(data_files_are_required_only_when_asked),
		cmocka_unit_test(plan_block),
		cmocka_unit_test(names_of_the_enumerations),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
