/*
 * test_validate.c - the qualification suite of tt validate: it runs and
 * every check passes; a wrong expected value makes a check fail; the
 * embedded reference data equal the files they were generated from; the
 * reports carry every group, every check and the sign-off.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tt/base/error.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/base/util.h"
#include "tt/render/validate_report.h"
#include "tt/validate/validate.h"

/* A record identity, as the folder writer gives the HTML renderer. */
#define RECORD "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* One run of the suite, shared by the tests that only read it. */
static tt_validation *suite;

static int run_suite(void **state)
{
	(void)state;
	/* A fixed date, so two renderings of the same run are comparable. */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	return tt_validate_run(&suite);
}

static int free_suite(void **state)
{
	(void)state;
	tt_validation_free(suite);
	suite = NULL;
	return 0;
}

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void every_check_passes(void **state)
{
	(void)state;
	assert_non_null(suite);
	for (size_t i = 0; i < suite->n_checks; i++) {
		const tt_check *k = &suite->checks[i];
		if (k->pass)
			continue;
		if (k->error)
			print_message("FAIL %s: %s\n", k->id, k->error);
		else if (k->expected_text)
			print_message("FAIL %s: expected '%s', observed '%s'\n", k->id,
				      k->expected_text, k->observed_text);
		else
			print_message("FAIL %s: expected %.17g, observed %.17g\n", k->id,
				      k->expected, k->observed);
	}
	assert_int_equal(suite->n_failed, 0);
	assert_int_equal(suite->n_passed, suite->n_checks);
	/* The tables hold 1900-odd checks; far fewer means a table was lost. */
	assert_true(suite->n_checks > 1900);
}

static void every_group_has_checks(void **state)
{
	(void)state;
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		size_t n, passed;
		tt_validate_group_counts(suite, tt_validate_groups[g].id, &n, &passed);
		if (n == 0)
			fail_msg("group '%s' has no checks", tt_validate_groups[g].id);
		assert_int_equal(passed, n);
	}
	/* The sizes of the reference tables, so that none is skipped. */
	size_t n, passed;
	tt_validate_group_counts(suite, "r-tost", &n, &passed);
	assert_int_equal(n, 11 * tt_refdata_tost_count);
	tt_validate_group_counts(suite, "r-shapiro", &n, &passed);
	assert_int_equal(n, 2 * (tt_refdata_sw_count + tt_refdata_sw_gen_count));
	tt_validate_group_counts(suite, "nist", &n, &passed);
	assert_int_equal(n, 3 * tt_refdata_nist_set_count);
	tt_validate_group_counts(suite, "r-nct", &n, &passed);
	assert_int_equal(n, tt_refdata_nct_cdf_count + tt_refdata_nct_quantile_count +
				    tt_refdata_scaled_chi_pdf_count);
	/* Every value R printed for the golden studies, their outcomes (19)
	 * and verdicts (4). */
	tt_validate_group_counts(suite, "golden", &n, &passed);
	assert_int_equal(n, tt_refdata_golden_expected_count + 19 + 4);
}

static void checks_are_complete_and_ids_unique(void **state)
{
	(void)state;
	const char **ids = tt_xcalloc(suite->n_checks, sizeof *ids);
	for (size_t i = 0; i < suite->n_checks; i++) {
		const tt_check *k = &suite->checks[i];
		assert_true(k->id && *k->id);
		assert_true(k->description && *k->description);
		assert_true(k->source && *k->source);
		assert_non_null(k->group);
		/* The id starts with its group. */
		size_t len = strlen(k->group);
		if (strncmp(k->id, k->group, len) != 0 || k->id[len] != '.')
			fail_msg("check '%s' is not in its group '%s'", k->id, k->group);
		if (k->expected_text) {
			assert_non_null(k->observed_text);
		} else {
			assert_true(isfinite(k->expected));
			assert_true(isfinite(k->observed));
			assert_true(k->tolerance >= 0.0);
		}
		ids[i] = k->id;
	}
	qsort(ids, suite->n_checks, sizeof *ids, cmp_ids);
	for (size_t i = 1; i < suite->n_checks; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("check id '%s' is used twice", ids[i]);
	free(ids);
}

/* ---- one check with a given expected value ---- */

static void right_expected_value_passes(void **state)
{
	(void)state;
	tt_check k;
	/* NIST StRD Lew: certified mean -177.435. */
	assert_int_equal(tt_validate_check(&k, "nist.lew.mean", -177.435, NULL), 0);
	assert_string_equal(k.id, "nist.lew.mean");
	assert_string_equal(k.group, "nist");
	assert_true(k.pass);
	tt_assert_rel(k.observed, -177.435, 1e-15, "Lew mean observed");
	assert_true(k.expected == -177.435);
	tt_check_clear(&k);
}

static void wrong_expected_value_fails(void **state)
{
	(void)state;
	tt_check k;
	/* One unit in the last certified digit off. */
	assert_int_equal(tt_validate_check(&k, "nist.lew.mean", -177.436, NULL), 0);
	assert_false(k.pass);
	assert_true(k.expected == -177.436);
	tt_assert_rel(k.observed, -177.435, 1e-15, "observed unchanged");
	tt_check_clear(&k);

	/* Published to 3 decimals: 0.153 passes, 0.154 does not. */
	assert_int_equal(tt_validate_check(&k, "power.n3-vs-n3", 0.153, NULL), 0);
	assert_true(k.pass);
	tt_check_clear(&k);
	assert_int_equal(tt_validate_check(&k, "power.n3-vs-n3", 0.154, NULL), 0);
	assert_false(k.pass);
	tt_check_clear(&k);

	/* An R case held to 1e-14 relative: 1e-12 off fails. */
	double diff = tt_refdata_tost_cases[0].diff;
	assert_int_equal(tt_validate_check(&k, "r-tost.welch-01.diff", diff, NULL), 0);
	assert_true(k.pass);
	tt_check_clear(&k);
	assert_int_equal(tt_validate_check(&k, "r-tost.welch-01.diff", diff * (1 + 1e-12), NULL),
			 0);
	assert_false(k.pass);
	tt_check_clear(&k);

	/* A text check: the conclusion of the Tsong example. */
	assert_int_equal(tt_validate_check(&k, "msd.tsong-1996.conclusion", NAN, "not similar"), 0);
	assert_false(k.pass);
	assert_string_equal(k.observed_text, "similar");
	assert_string_equal(k.expected_text, "not similar");
	tt_check_clear(&k);

	/* The golden study's verdict. */
	assert_int_equal(tt_validate_check(&k, "golden.comparable.verdict", NAN, "comparable"), 0);
	assert_true(k.pass);
	tt_check_clear(&k);
	assert_int_equal(tt_validate_check(&k, "golden.comparable.verdict", NAN, "not-comparable"),
			 0);
	assert_false(k.pass);
	tt_check_clear(&k);
	double p = 0;
	for (size_t i = 0; i < tt_refdata_golden_expected_count; i++)
		if (strcmp(tt_refdata_golden_expected[i].label, "comparable.potency.p_tost") == 0)
			p = tt_refdata_golden_expected[i].value;
	assert_int_equal(tt_validate_check(&k, "golden.comparable.potency.p_tost", p, NULL), 0);
	assert_true(k.pass);
	tt_check_clear(&k);
	assert_int_equal(tt_validate_check(&k, "golden.comparable.potency.p_tost", 2 * p, NULL), 0);
	assert_false(k.pass);
	tt_check_clear(&k);
}

static void unknown_check(void **state)
{
	(void)state;
	tt_check k;
	assert_int_equal(tt_validate_check(&k, "nist.no-such-set.mean", 1, NULL), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "no check 'nist.no-such-set.mean' in the qualification suite");
	assert_int_equal(tt_validate_check(&k, "nothing", 1, NULL), TT_EINVAL);
	assert_null(k.id);
}

static void tolerance_rules(void **state)
{
	(void)state;
	assert_true(tt_validate_within(1.0 + 1e-15, 1.0, TT_TOL_RELATIVE, 1e-14));
	assert_false(tt_validate_within(1.0 + 1e-13, 1.0, TT_TOL_RELATIVE, 1e-14));
	/* Relative to |expected|, also for negative values. */
	assert_true(tt_validate_within(-1000.5, -1000.0, TT_TOL_RELATIVE, 5e-4));
	assert_false(tt_validate_within(-1000.6, -1000.0, TT_TOL_RELATIVE, 5e-4));
	/* Expected 0: the tolerance is absolute. */
	assert_true(tt_validate_within(1e-16, 0.0, TT_TOL_RELATIVE, 1e-15));
	assert_false(tt_validate_within(1e-14, 0.0, TT_TOL_RELATIVE, 1e-15));
	/* Absolute, bounds inclusive. */
	assert_true(tt_validate_within(0.1535, 0.153, TT_TOL_ABSOLUTE, 5e-4 + 1e-12));
	assert_false(tt_validate_within(0.1536, 0.153, TT_TOL_ABSOLUTE, 5e-4));
	assert_true(tt_validate_within(7.0, 7.0, TT_TOL_ABSOLUTE, 0.0));
	/* Nothing observed never passes. */
	assert_false(tt_validate_within(NAN, 1.0, TT_TOL_ABSOLUTE, 1e9));
	assert_false(tt_validate_within(INFINITY, INFINITY, TT_TOL_RELATIVE, 1.0));
	assert_string_equal(tt_tol_kind_name(TT_TOL_RELATIVE), "relative");
	assert_string_equal(tt_tol_kind_name(TT_TOL_ABSOLUTE), "absolute");
}

/* ---- the embedded data equal their sources ---- */

static const tt_refdata_nist_set *nist_set(const char *name)
{
	for (size_t i = 0; i < tt_refdata_nist_set_count; i++)
		if (strcmp(tt_refdata_nist_sets[i].name, name) == 0)
			return &tt_refdata_nist_sets[i];
	return NULL;
}

static void embedded_nist_equals_the_csv(void **state)
{
	(void)state;
	char *text;
	size_t len;
	assert_int_equal(tt_read_file(tt_test_resource("reference/nist-strd-univariate.csv"),
				      1 << 20, &text, &len),
			 0);
	size_t at[16] = { 0 }, rows = 0;
	char *save = NULL;
	char *line = strtok_r(text, "\n", &save);
	assert_string_equal(line, "dataset,value");
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *comma = strchr(line, ',');
		assert_non_null(comma);
		*comma = '\0';
		const tt_refdata_nist_set *s = nist_set(line);
		if (!s)
			fail_msg("data set '%s' is not embedded", line);
		size_t idx = (size_t)(s - tt_refdata_nist_sets);
		double v;
		assert_int_equal(tt_parse_double(comma + 1, &v), 0);
		assert_true(at[idx] < s->n);
		if (s->values[at[idx]] != v)
			fail_msg("%s value %zu: embedded %.17g, file %.17g", s->name, at[idx] + 1,
				 s->values[at[idx]], v);
		at[idx]++;
		rows++;
	}
	free(text);
	size_t total = 0;
	for (size_t i = 0; i < tt_refdata_nist_set_count; i++) {
		assert_int_equal(at[i], tt_refdata_nist_sets[i].n);
		total += tt_refdata_nist_sets[i].n;
	}
	assert_int_equal(rows, total);
	assert_int_equal(tt_refdata_nist_set_count, 8);

	assert_int_equal(tt_read_file(tt_test_resource("reference/nist-strd-certified.csv"),
				      1 << 20, &text, &len),
			 0);
	save = NULL;
	line = strtok_r(text, "\n", &save);
	assert_string_equal(line, "dataset,n,mean,sd");
	size_t n_cert = 0;
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char name[32];
		double n, mean, sd;
		char *f = strchr(line, ',');
		assert_non_null(f);
		snprintf(name, sizeof name, "%.*s", (int)(f - line), line);
		char *g = strchr(f + 1, ',');
		char *h = g ? strchr(g + 1, ',') : NULL;
		assert_non_null(h);
		*g = *h = '\0';
		assert_int_equal(tt_parse_double(f + 1, &n), 0);
		assert_int_equal(tt_parse_double(g + 1, &mean), 0);
		assert_int_equal(tt_parse_double(h + 1, &sd), 0);
		const tt_refdata_nist_set *s = nist_set(name);
		assert_non_null(s);
		assert_int_equal(s->n, (size_t)n);
		assert_true(s->cert_mean == mean);
		assert_true(s->cert_sd == sd);
		n_cert++;
	}
	free(text);
	assert_int_equal(n_cert, tt_refdata_nist_set_count);
}

static void embedded_golden_equals_the_files(void **state)
{
	(void)state;
	assert_int_equal(tt_refdata_golden_file_count, 14);
	for (size_t i = 0; i < tt_refdata_golden_file_count; i++) {
		const tt_refdata_file *f = &tt_refdata_golden_files[i];
		char rel[128];
		snprintf(rel, sizeof rel, "studies/golden/%s", f->name);
		char *text;
		size_t len;
		assert_int_equal(tt_read_file(tt_test_resource(rel), 1 << 20, &text, &len), 0);
		if (strcmp(text, f->text) != 0)
			fail_msg("embedded %s differs from the file; run scripts/gen-refdata.py",
				 f->name);
		free(text);
	}
	char *text;
	size_t len;
	assert_int_equal(tt_read_file(TT_SOURCE_DIR_FOR_TESTS "/tests/reference/engine_golden.out",
				      1 << 20, &text, &len),
			 0);
	size_t n = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *space = strchr(line, ' ');
		assert_non_null(space);
		*space = '\0';
		double v;
		assert_int_equal(tt_parse_double(space + 1, &v), 0);
		assert_true(n < tt_refdata_golden_expected_count);
		assert_string_equal(tt_refdata_golden_expected[n].label, line);
		assert_true(tt_refdata_golden_expected[n].value == v);
		n++;
	}
	free(text);
	assert_int_equal(n, tt_refdata_golden_expected_count);
}

/* ---- reports ---- */

static void json_report(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_validate_json(&b, suite);
	json_error_t err;
	json_t *doc = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		fail_msg("validation.json does not parse: line %d: %s", err.line, err.text);
	assert_string_equal(json_string_value(json_object_get(doc, "result")), "pass");
	assert_string_equal(json_string_value(json_object_get(doc, "tt_version")), TT_VERSION);
	assert_string_equal(json_string_value(json_object_get(doc, "generated_at")),
			    "2023-11-14T22:13:20Z");
	const json_t *env = json_object_get(doc, "environment");
	assert_non_null(env);
	const char *keys[] = { "tt", "gsl", "libyaml", "gnuplot", "compiler", "os", "cpu", "date" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = json_string_value(json_object_get(env, keys[i]));
		if (!v || !*v)
			fail_msg("environment lacks '%s'", keys[i]);
	}
	const json_t *summary = json_object_get(doc, "summary");
	assert_true(json_number_value(json_object_get(summary, "checks")) ==
		    (double)suite->n_checks);
	assert_true(json_number_value(json_object_get(summary, "failed")) == 0.0);
	assert_int_equal(json_array_size(json_object_get(summary, "groups")),
			 tt_validate_group_count);
	const json_t *checks = json_object_get(doc, "checks");
	assert_int_equal(json_array_size(checks), suite->n_checks);
	/* Every check carries its fields. */
	const char *fields[] = { "id",        "group",    "description", "source",
				 "tolerance", "expected", "observed",    "pass" };
	for (size_t i = 0; i < json_array_size(checks); i++)
		for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
			if (!json_object_get(json_array_get(checks, i), fields[f]))
				fail_msg("check %zu lacks '%s'", i, fields[f]);
	const json_t *first = json_array_get(checks, 0);
	assert_string_equal(json_string_value(json_object_get(first, "id")), "nist.lew.mean");
	const json_t *tolerance = json_object_get(first, "tolerance");
	assert_string_equal(json_string_value(json_object_get(tolerance, "type")), "relative");
	assert_true(json_number_value(json_object_get(first, "expected")) == -177.435);
	assert_true(json_is_true(json_object_get(first, "pass")));
	json_decref(doc);

	/* The same run renders to the same bytes. */
	tt_buf again = TT_BUF_INIT;
	tt_validate_json(&again, suite);
	assert_int_equal(again.len, b.len);
	assert_memory_equal(again.data, b.data, b.len);
	tt_buf_free(&again);
	tt_buf_free(&b);
}

static void html_report(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_validate_html(&b, suite, RECORD);
	assert_non_null(strstr(b.data, "<!DOCTYPE html>"));
	/* The record's identity near the top and in the foot of every printed
	 * page. */
	assert_non_null(strstr(b.data,
			       "Record identity <code>0123456789abcdef</code> (the first 16 "
			       "hex digits of the SHA-256 of validation.json)"));
	assert_non_null(
		strstr(b.data, "@bottom-right{content:\"Record identity 0123456789abcdef\""));
	for (size_t g = 0; g < tt_validate_group_count; g++)
		if (!strstr(b.data, tt_validate_groups[g].title))
			fail_msg("validation.html lacks the group '%s'",
				 tt_validate_groups[g].title);
	const char *must[] = { "Sign-off",      "Executed by",
			       "Reviewed by",   "QA approved",
			       "signature",     "Environment",
			       "Summary",       "@page{size:A4",
			       "nist.lew.mean", "golden.comparable.verdict" };
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (!strstr(b.data, must[i]))
			fail_msg("validation.html lacks '%s'", must[i]);
	/* Every check is a row. */
	size_t rows = 0;
	for (const char *p = b.data; (p = strstr(p, "<tr><td><code>")) != NULL; p++)
		rows++;
	assert_int_equal(rows, suite->n_checks);
	/* Self-contained: nothing fetched from elsewhere. */
	const char *never[] = { "<script", "<link", "src=", "http://", "https://", "url(" };
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strstr(b.data, never[i]))
			fail_msg("validation.html contains '%s'", never[i]);
	assert_null(strstr(b.data, "Failed checks"));
	tt_buf_free(&b);
}

/* A failed check shows in both reports, with the error when there is
 * one. */
static void failed_check_in_reports(void **state)
{
	(void)state;
	tt_validation v;
	memset(&v, 0, sizeof v);
	tt_validate_env_fill(&v.env);
	tt_check k[2];
	assert_int_equal(tt_validate_check(&k[0], "f2.shah-1998", 50.5, NULL), 0);
	assert_int_equal(tt_validate_check(&k[1], "f2.shah-1998-r", 5.007179349305299e+01, NULL),
			 0);
	assert_false(k[0].pass);
	assert_true(k[1].pass);
	k[1].error = tt_xstrdup("a <made-up> error");
	k[1].pass = false;
	v.checks = k;
	v.n_checks = 2;
	v.n_failed = 2;
	tt_buf b = TT_BUF_INIT;
	tt_validate_html(&b, &v, RECORD);
	assert_non_null(strstr(b.data, "Failed checks"));
	assert_non_null(strstr(b.data, "2 of 2 checks failed"));
	assert_non_null(strstr(b.data, "error: a &lt;made-up&gt; error"));
	tt_buf_reset(&b);
	tt_validate_json(&b, &v);
	assert_non_null(strstr(b.data, "\"result\": \"fail\""));
	assert_non_null(strstr(b.data, "\"error\": \"a <made-up> error\""));
	tt_buf_free(&b);
	tt_check_clear(&k[0]);
	tt_check_clear(&k[1]);
	tt_validate_env_clear(&v.env);
}

static void environment(void **state)
{
	(void)state;
	tt_validate_env env;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	tt_validate_env_fill(&env);
	assert_string_equal(env.date, "1970-01-01T00:00:00Z");
	assert_string_equal(env.tt_version, TT_VERSION);
	assert_true(strlen(env.gsl_version) > 0 && strlen(env.yaml_version) > 0);
	assert_true(strlen(env.compiler) > 0 && strlen(env.os) > 0 && strlen(env.cpu) > 0);
	/* gnuplot: a version line, or the words "not found". */
	assert_true(strncmp(env.gnuplot_version, "gnuplot", 7) == 0 ||
		    strcmp(env.gnuplot_version, "not found") == 0);
	tt_validate_env_clear(&env);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_check_passes),
		cmocka_unit_test(every_group_has_checks),
		cmocka_unit_test(checks_are_complete_and_ids_unique),
		cmocka_unit_test(right_expected_value_passes),
		cmocka_unit_test(wrong_expected_value_fails),
		cmocka_unit_test(unknown_check),
		cmocka_unit_test(tolerance_rules),
		cmocka_unit_test(embedded_nist_equals_the_csv),
		cmocka_unit_test(embedded_golden_equals_the_files),
		cmocka_unit_test(json_report),
		cmocka_unit_test(html_report),
		cmocka_unit_test(failed_check_in_reports),
		cmocka_unit_test(environment),
	};
	return cmocka_run_group_tests(tests, run_suite, free_suite);
}
