/*
 * test_util.c - strings, numbers, suggestions, diagnostics and JSON output.
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/json.h"
#include "tt/base/util.h"

static void parse_double_accepts_plain_and_scientific(void **state)
{
	(void)state;
	double v;
	assert_int_equal(tt_parse_double("91.2", &v), 0);
	assert_true(v == 91.2);
	assert_int_equal(tt_parse_double("-3", &v), 0);
	assert_true(v == -3.0);
	assert_int_equal(tt_parse_double("1.5e-3", &v), 0);
	assert_true(v == 1.5e-3);
	assert_int_equal(tt_parse_double("2E+06", &v), 0);
	assert_true(v == 2e6);
	assert_int_equal(tt_parse_double(".5", &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(tt_parse_double("5.", &v), 0);
	assert_true(v == 5.0);
}

static void parse_double_rejects_junk(void **state)
{
	(void)state;
	const char *bad[] = { "",   " 1",  "1 ", "1,5", "nan", "inf",   "-inf",  "NaN",   "0x10",
			      "1e", "1e+", "e5", ".",   "-",   "1.2.3", "12abc", "1e999", NULL };
	for (int i = 0; bad[i]; i++) {
		double v = 42;
		if (tt_parse_double(bad[i], &v) == 0)
			fail_msg("'%s' was accepted as %g", bad[i], v);
		assert_true(v == 42);
	}
}

static void parse_number_list_names_the_bad_item(void **state)
{
	(void)state;
	double *v;
	size_t n;
	assert_int_equal(tt_parse_number_list("1, 2,3.5", &v, &n), 0);
	assert_int_equal(n, 3);
	assert_true(v[2] == 3.5);
	free(v);
	assert_int_equal(tt_parse_number_list("1,x,3", &v, &n), TT_EINVAL);
	assert_string_equal(tt_error_last(), "'x' is not a number (item 2 of '1,x,3')");
	assert_int_equal(tt_parse_number_list("1,,3", &v, &n), TT_EINVAL);
}

static void suggest_finds_near_misses_only(void **state)
{
	(void)state;
	const char *keys[] = { "attribute", "approach", "margin", "variance", NULL };
	assert_string_equal(tt_suggest("margn", keys), "margin");
	assert_string_equal(tt_suggest("aproach", keys), "approach");
	assert_null(tt_suggest("zzz", keys));
	assert_null(tt_suggest("margin", keys)); /* exact: nothing to suggest */
	assert_int_equal(tt_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(tt_edit_distance("", "abc"), 3);
}

static void utf8_validation(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_true(tt_utf8_valid("caf\xc3\xa9 \xe6\x9d\xb1", 9, &bad));
	assert_false(tt_utf8_valid("ab\xff", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(tt_utf8_valid("a\xc3", 2, &bad)); /* truncated */
	assert_int_equal(bad, 1);
	assert_false(tt_utf8_valid("\xc0\x80", 2, &bad));     /* overlong */
	assert_false(tt_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
}

static void diagnostics_format_like_a_compiler(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_diags_add(&d, TT_SEV_ERROR, "a.yaml", 3, 7, "unknown key '%s'", "x");
	tt_diags_add(&d, TT_SEV_WARNING, "b.csv", 12, 0, "missing value");
	tt_diags_add(&d, TT_SEV_ERROR, "c.yaml", 0, 0, "cannot open");
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.warnings, 1);
	assert_true(tt_test_diags_has(&d, "a.yaml:3:7: error: unknown key 'x'"));
	assert_true(tt_test_diags_has(&d, "b.csv:12: warning: missing value"));
	assert_true(tt_test_diags_has(&d, "c.yaml: error: cannot open"));
	tt_diags_free(&d);
}

static void diagnostics_sort_by_place_stably(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_diags_add(&d, TT_SEV_ERROR, "b.yaml", 1, 1, "b1");
	tt_diags_add(&d, TT_SEV_ERROR, "a.yaml", 5, 2, "a5 first");
	tt_diags_add(&d, TT_SEV_ERROR, NULL, 0, 0, "no file");
	tt_diags_add(&d, TT_SEV_WARNING, "a.yaml", 5, 2, "a5 second");
	tt_diags_add(&d, TT_SEV_ERROR, "a.yaml", 5, 1, "a5 column 1");
	tt_diags_add(&d, TT_SEV_ERROR, "a.yaml", 0, 0, "a, no line");
	tt_diags_sort(&d);
	const char *want[] = {
		"no file", "a, no line", "a5 column 1", "a5 first", "a5 second", "b1"
	};
	assert_int_equal(d.count, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(d.items[i].message, want[i]);
	tt_diags_free(&d);
}

/* Errors that alternate between two places, as aliases to two faulty
 * nodes give: insertion sort took n^2 / 4 moves over these.  The order
 * within each place must be the order of adding. */
static void diagnostics_sort_many(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	const size_t n = 200000;
	for (size_t i = 0; i < n; i++)
		tt_diags_add(&d, TT_SEV_ERROR, "s.yaml", i % 2 ? 3 : 9, 1, "%zu", i);
	tt_diags_sort(&d);
	for (size_t i = 0; i < n; i++) {
		/* First the odd ones (line 3), then the even (line 9). */
		size_t want = i < n / 2 ? 2 * i + 1 : 2 * (i - n / 2);
		if ((size_t)strtoul(d.items[i].message, NULL, 10) != want)
			fail_msg("item %zu is %s, expected %zu", i, d.items[i].message, want);
	}
	tt_diags_free(&d);
}

static void json_numbers_and_escapes(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_json j;
	tt_json_init(&j, &b, 0);
	tt_json_begin_object(&j);
	tt_json_kv_number(&j, "int", 10);
	tt_json_kv_number(&j, "third", 1.0 / 3.0);
	tt_json_kv_number(&j, "nan", NAN);
	tt_json_kv_string(&j, "s", "a\"b\\c\n\x01");
	tt_json_kv_bool(&j, "ok", true);
	tt_json_key(&j, "list");
	tt_json_begin_array(&j);
	tt_json_int(&j, -2);
	tt_json_null(&j);
	tt_json_end_array(&j);
	tt_json_end_object(&j);
	assert_string_equal(b.data,
			    "{\"int\":10,\"third\":0.33333333333333331,\"nan\":null,"
			    "\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"ok\":true,\"list\":[-2,null]}");
	tt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_double_accepts_plain_and_scientific),
		cmocka_unit_test(parse_double_rejects_junk),
		cmocka_unit_test(parse_number_list_names_the_bad_item),
		cmocka_unit_test(suggest_finds_near_misses_only),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(diagnostics_format_like_a_compiler),
		cmocka_unit_test(diagnostics_sort_by_place_stably),
		cmocka_unit_test(diagnostics_sort_many),
		cmocka_unit_test(json_numbers_and_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
