/*
 * test_data.c - lot tables, their check against a study, and long-form
 * tables: every behaviour and every message with its line.
 *
 * Studies and specs are built by hand here, so these tests need nothing
 * from the YAML loaders.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "tt/input/csv.h"
#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/input/spec.h"
#include "tt/input/study.h"
#include "tt/base/util.h"

/* ---- helpers ---- */

static tt_lots *load_ok(const char *text, tt_diags *d)
{
	tt_lots *lots = NULL;
	tt_diags_init(d);
	int rc = tt_lots_parse(&lots, "mem.csv", text, strlen(text), d);
	if (rc != 0) {
		tt_test_diags_dump(d);
		fail_msg("tt_lots_parse failed: %s", tt_error_last());
	}
	return lots;
}

/* Asserts that text fails to load with exactly the diagnostics want[]
 * (NULL-terminated), in any order. */
static void load_fails(const char *text, const char *const *want)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_lots *lots = (tt_lots *)1;
	int rc = tt_lots_parse(&lots, "mem.csv", text, strlen(text), &d);
	size_t n = 0;
	for (; want[n]; n++) {
		if (!tt_test_diags_has(&d, want[n])) {
			tt_test_diags_dump(&d);
			fail_msg("missing: %s", want[n]);
		}
	}
	if (d.count != n) {
		tt_test_diags_dump(&d);
		fail_msg("%zu diagnostics, expected %zu", d.count, n);
	}
	assert_int_equal(rc, TT_EINVAL);
	assert_null(lots);
	tt_diags_free(&d);
}

static void load_fails1(const char *text, const char *want)
{
	const char *w[] = { want, NULL };
	load_fails(text, w);
}

/* The attributes of the specs below (CONTRACT.md's example, shortened). */
static tt_attr test_attrs[] = {
	{ .id = "viability",
	  .unit = "%",
	  .type = TT_ATTR_CONTINUOUS,
	  .has_spec = 1,
	  .has_min = 1,
	  .min = 70 },
	{ .id = "vcn",
	  .unit = "copies/cell",
	  .type = TT_ATTR_CONTINUOUS,
	  .has_spec = 1,
	  .has_max = 1,
	  .max = 5,
	  .scale = TT_SCALE_LOG },
	{ .id = "endotoxin",
	  .unit = "EU/mL",
	  .type = TT_ATTR_CONTINUOUS,
	  .has_spec = 1,
	  .has_max = 1,
	  .max = 5 },
	{ .id = "sterility", .type = TT_ATTR_QUALITATIVE, .has_spec = 1, .equals = "negative" },
	{ .id = "rcl", .type = TT_ATTR_QUALITATIVE, .has_spec = 1, .equals = "not detected" },
	{ .id = "cd4-cd8-ratio", .type = TT_ATTR_CONTINUOUS },
};

static tt_spec test_spec = { .id = "cart-rtp", .attrs = test_attrs, .n_attrs = 6 };

/* A study comparing viability (equivalence) and endotoxin (quality range). */
static tt_comparison test_cmps[2];
static tt_exclusion test_excl[1];
static tt_study test_study;

static void reset_study(void)
{
	memset(test_cmps, 0, sizeof test_cmps);
	test_cmps[0].attribute = "viability";
	test_cmps[0].approach = TT_APPROACH_EQUIVALENCE;
	test_cmps[0].margin_type = TT_MARGIN_ABSOLUTE;
	test_cmps[0].margin = 5;
	test_cmps[1].attribute = "endotoxin";
	test_cmps[1].approach = TT_APPROACH_QUALITY_RANGE;
	test_cmps[1].k = 3;
	test_cmps[1].min_fraction = 0.9;
	memset(test_excl, 0, sizeof test_excl);
	memset(&test_study, 0, sizeof test_study);
	test_study.id = "s";
	test_study.path = "study.yaml";
	test_study.design = TT_DESIGN_INDEPENDENT;
	test_study.alpha = 0.05;
	test_study.comparisons = test_cmps;
	test_study.n_comparisons = 2;
}

/* Runs tt_lots_check on text (which must load) and asserts exactly want[]
 * (NULL-terminated) and the return code. */
static void check_gives(const char *text, const char *site, int rc_want, const char *const *want)
{
	tt_diags d;
	tt_lots *lots = load_ok(text, &d);
	int rc = tt_lots_check(lots, &test_study, &test_spec, site, &d);
	size_t n = 0;
	for (; want[n]; n++) {
		if (!tt_test_diags_has(&d, want[n])) {
			tt_test_diags_dump(&d);
			fail_msg("missing: %s", want[n]);
		}
	}
	if (d.count != n) {
		tt_test_diags_dump(&d);
		fail_msg("%zu diagnostics, expected %zu", d.count, n);
	}
	assert_int_equal(rc, rc_want);
	tt_lots_free(lots);
	tt_diags_free(&d);
}

static const char *const none[] = { NULL };

/* A receiving table that passes the check against test_study. */
static const char good_table[] = "lot,date,viability [%],vcn,endotoxin,sterility,rcl\n"
				 "RTP-001,2024-06-03,90.4,<0.5,0.4,negative,not detected\n"
				 "RTP-002,2024-07-08,88.7,2.2,0.8,negative,not detected\n"
				 "RTP-003,2024-08-12,91.5,1.7,1.1,negative,not detected\n";

/* ---- loading ---- */

static void header_names_units_and_reserved_columns(void **state)
{
	(void)state;
	tt_diags d;
	tt_lots *L = load_ok(" lot ,viability [ % ] ,date, pair,tested_at,vcn [copies/cell],"
			     "sterility\n"
			     "SH-001,91.2,2024-01-10,D01,QC lab 2,1.8,negative\n"
			     "SH-002,89.5,,D02,,2.1,negative\n",
			     &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(L->header_line, 1);
	assert_int_equal(L->n_lots, 2);
	assert_int_equal(L->n_columns, 3);
	assert_string_equal(L->columns[0].name, "viability");
	assert_string_equal(L->columns[0].unit, "%");
	assert_int_equal(L->columns[0].index, 1);
	assert_string_equal(L->columns[1].name, "vcn");
	assert_string_equal(L->columns[1].unit, "copies/cell");
	assert_int_equal(L->columns[1].index, 5);
	assert_string_equal(L->columns[2].name, "sterility");
	assert_null(L->columns[2].unit);
	assert_string_equal(L->lot[0], "SH-001");
	assert_int_equal(L->line[1], 3);
	assert_string_equal(L->date[0], "2024-01-10");
	assert_null(L->date[1]);
	assert_string_equal(L->pair[1], "D02");
	assert_string_equal(L->tested_at[0], "QC lab 2");
	assert_null(L->tested_at[1]);
	assert_true(L->columns[1].cells[1].kind == TT_CELL_NUMBER);
	assert_true(L->columns[1].cells[1].value == 2.1);
	assert_true(L->columns[2].cells[0].kind == TT_CELL_TEXT);
	assert_string_equal(tt_cell_text(L, &L->columns[2].cells[0]), "negative");
	assert_ptr_equal(tt_lots_column(L, "vcn"), &L->columns[1]);
	assert_null(tt_lots_column(L, "lot"));
	assert_null(tt_lots_column(L, "potency"));
	assert_int_equal(tt_lots_find(L, "SH-002"), 1);
	assert_int_equal(tt_lots_find(L, "SH-003"), -1);
	tt_lots_free(L);
	tt_diags_free(&d);
}

static void optional_columns_absent(void **state)
{
	(void)state;
	tt_diags d;
	tt_lots *L = load_ok("lot\nA\nB\n", &d);
	assert_int_equal(L->n_lots, 2);
	assert_int_equal(L->n_columns, 0);
	assert_null(L->date);
	assert_null(L->pair);
	assert_null(L->tested_at);
	tt_lots_free(L);
	tt_diags_free(&d);
}

static void cell_classification(void **state)
{
	(void)state;
	static const struct {
		const char *cell; /* as written in the CSV */
		tt_cell_kind kind;
		char censor;
		double value;
		const char *text; /* NULL: no text */
	} cases[] = {
		{ "91.2", TT_CELL_NUMBER, 0, 91.2, "91.2" },
		{ "-3", TT_CELL_NUMBER, 0, -3, "-3" },
		{ "+4.5", TT_CELL_NUMBER, 0, 4.5, "+4.5" },
		{ "1.5e-3", TT_CELL_NUMBER, 0, 1.5e-3, "1.5e-3" },
		{ "2E+06", TT_CELL_NUMBER, 0, 2e6, "2E+06" },
		{ ".5", TT_CELL_NUMBER, 0, 0.5, ".5" },
		{ "  7 ", TT_CELL_NUMBER, 0, 7, "7" },
		{ "123456789012345678901234", TT_CELL_NUMBER, 0, 123456789012345678901234.0,
		  "123456789012345678901234" },
		{ "", TT_CELL_MISSING, 0, 0, NULL },
		{ "   ", TT_CELL_MISSING, 0, 0, NULL },
		{ "NA", TT_CELL_MISSING, 0, 0, "NA" },
		{ "<0.5", TT_CELL_CENSORED, '<', 0.5, "<0.5" },
		{ ">1e6", TT_CELL_CENSORED, '>', 1e6, ">1e6" },
		{ "< 0.5", TT_CELL_CENSORED, '<', 0.5, "< 0.5" },
		{ "<=0.5", TT_CELL_TEXT, 0, 0, "<=0.5" },
		{ "<", TT_CELL_TEXT, 0, 0, "<" },
		{ "<abc", TT_CELL_TEXT, 0, 0, "<abc" },
		{ "abc", TT_CELL_TEXT, 0, 0, "abc" },
		{ "na", TT_CELL_TEXT, 0, 0, "na" },
		{ "N/A", TT_CELL_TEXT, 0, 0, "N/A" },
		{ "nan", TT_CELL_TEXT, 0, 0, "nan" },
		{ "inf", TT_CELL_TEXT, 0, 0, "inf" },
		{ "1e999", TT_CELL_TEXT, 0, 0, "1e999" },
		{ "\"1,5\"", TT_CELL_TEXT, 0, 0, "1,5" },
		{ "0x10", TT_CELL_TEXT, 0, 0, "0x10" },
		{ "12abc", TT_CELL_TEXT, 0, 0, "12abc" },
		{ "1.2.3", TT_CELL_TEXT, 0, 0, "1.2.3" },
		{ "5 %", TT_CELL_TEXT, 0, 0, "5 %" },
	};
	size_t n = sizeof cases / sizeof cases[0];
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,x\n");
	for (size_t i = 0; i < n; i++)
		tt_buf_printf(&b, "L%zu,%s\n", i, cases[i].cell);
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	assert_int_equal(L->n_lots, n);
	for (size_t i = 0; i < n; i++) {
		const tt_cell *c = &L->columns[0].cells[i];
		if (c->kind != cases[i].kind || c->censor != cases[i].censor)
			fail_msg("cell '%s': kind %d censor %d", cases[i].cell, (int)c->kind,
				 c->censor);
		if (cases[i].kind == TT_CELL_NUMBER || cases[i].kind == TT_CELL_CENSORED) {
			if (c->value != cases[i].value)
				fail_msg("cell '%s': value %.17g", cases[i].cell, c->value);
		} else if (!isnan(c->value)) {
			fail_msg("cell '%s': value %.17g, not NaN", cases[i].cell, c->value);
		}
		if (cases[i].text == NULL)
			assert_null(tt_cell_text(L, c));
		else
			assert_string_equal(tt_cell_text(L, c), cases[i].text);
	}
	tt_lots_free(L);
	tt_diags_free(&d);
	tt_buf_free(&b);
}

/* The loader's fast path for plain decimals must give strtod's double, bit
 * for bit, including where it hands over to tt_parse_double. */
static void numbers_match_strtod(void **state)
{
	(void)state;
	uint64_t s = 12345;
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,x\n");
	char texts[4000][40];
	int n = 0;
	const char *fixed[] = { "9007199254740993",
				"9007199254740992",
				"0.1",
				"1e22",
				"1e23",
				"1e-22",
				"1.7976931348623157e308",
				"4.9e-324",
				"-0",
				"0.000",
				"123456789012345678",
				"1234567890123456789",
				"12345678901234567890",
				"0.30000000000000004",
				"2.2250738585072014e-308",
				NULL };
	for (; fixed[n]; n++)
		snprintf(texts[n], sizeof texts[n], "%s", fixed[n]);
	for (; n < 4000; n++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		unsigned digits = 1 + (unsigned)(s >> 60); /* 1..16 */
		int exp = (int)((s >> 40) % 61) - 30;      /* -30..30 */
		unsigned long long m = (s >> 8) % 10000000000000000ull;
		switch (n % 3) {
		case 0:
			snprintf(texts[n], sizeof texts[n], "%.*g", (int)digits,
				 (double)m * pow(10, exp - 16));
			break;
		case 1:
			snprintf(texts[n], sizeof texts[n], "%llue%d", m % 100000000000ull, exp);
			break;
		default:
			snprintf(texts[n], sizeof texts[n], "-%llu.%0*llu", m % 1000,
				 (int)(digits % 8 + 1), m % 100000000ull);
		}
	}
	for (int i = 0; i < n; i++)
		tt_buf_printf(&b, "L%d,%s\n", i, texts[i]);
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	for (int i = 0; i < n; i++) {
		double want = strtod(texts[i], NULL);
		const tt_cell *c = &L->columns[0].cells[i];
		if (c->kind != TT_CELL_NUMBER || memcmp(&c->value, &want, sizeof want) != 0)
			fail_msg("'%s': %.17g, strtod %.17g", texts[i], c->value, want);
	}
	tt_lots_free(L);
	tt_diags_free(&d);
	tt_buf_free(&b);
}

static void iso_dates(void **state)
{
	(void)state;
	const char *good[] = { "2024-02-29",
			       "2000-02-29",
			       "2024-12-31",
			       "2024-01-10T08:30",
			       "2024-01-10T08:30:15",
			       "2024-01-10 08:30:15.250",
			       "2024-01-10T08:30:15Z",
			       "2024-01-10T08:30+08:00",
			       "2024-01-10T23:59:60-05",
			       "NA",
			       "",
			       NULL };
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,date\n");
	for (int i = 0; good[i]; i++)
		tt_buf_printf(&b, "L%d,%s\n", i, good[i]);
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	assert_string_equal(L->date[3], "2024-01-10T08:30");
	assert_null(L->date[9]);
	assert_null(L->date[10]);
	tt_lots_free(L);
	tt_diags_free(&d);
	tt_buf_free(&b);

	const char *bad[] = { "2023-02-29",
			      "1900-02-29",
			      "2024-13-01",
			      "2024-00-10",
			      "2024-04-31",
			      "2024-1-10",
			      "24-01-10",
			      "10/01/2024",
			      "2024-01-10T",
			      "2024-01-10T8:30",
			      "2024-01-10T24:00",
			      "2024-01-10T08:60",
			      "2024-01-10T08:30:15.",
			      "2024-01-10T08:30Z+01",
			      "2024-01-10x",
			      "2024/01/10",
			      "today",
			      NULL };
	for (int i = 0; bad[i]; i++) {
		char text[128], want[160];
		snprintf(text, sizeof text, "lot,date\nA,2024-01-01\nB,%s\n", bad[i]);
		snprintf(want, sizeof want,
			 "mem.csv:3: error: date '%s' of lot 'B' is not an ISO 8601 date "
			 "(YYYY-MM-DD)",
			 bad[i]);
		load_fails1(text, want);
	}
}

static void blank_and_empty_rows_skipped(void **state)
{
	(void)state;
	tt_diags d;
	tt_lots *L = load_ok("\n\nlot,x,y\n\nA,1,2\n,,\n  ,\t,\nB,3,4\n,\n", &d);
	assert_int_equal(L->header_line, 3);
	assert_int_equal(L->n_lots, 2);
	assert_int_equal(L->line[0], 5);
	assert_int_equal(L->line[1], 8);
	assert_true(L->columns[1].cells[1].value == 4);
	tt_lots_free(L);
	tt_diags_free(&d);
}

static void ragged_rows(void **state)
{
	(void)state;
	load_fails1("lot,a,b,c,d,e\nA,1,2,3,4,5\nB,1,2,3,4\n",
		    "mem.csv:3: error: row has 5 fields, the header has 6");
	load_fails1("lot,a,b\nA\n", "mem.csv:2: error: row has 1 field, the header has 3");
	load_fails1("lot,a\nA,1,2\n", "mem.csv:2: error: row has 3 fields, the header has 2");
}

static void lot_id_errors(void **state)
{
	(void)state;
	load_fails1("lot,x\nA,1\n ,2\n", "mem.csv:3: error: empty lot id");
	load_fails1("lot,x\nSH-001,1\nSH-002,2\n\nSH-003,3\nSH-003,4\n",
		    "mem.csv:6: error: duplicate lot 'SH-003' (first at line 5)");
	/* Ids are trimmed before they are compared. */
	load_fails1("lot,x\nSH-001,1\n SH-001 ,2\n",
		    "mem.csv:3: error: duplicate lot 'SH-001' (first at line 2)");
}

static void header_errors(void **state)
{
	(void)state;
	load_fails1("lot,x\n", "mem.csv:1: error: no lots");
	load_fails1("\nlot,x\n\n,\n", "mem.csv:2: error: no lots");
	load_fails1("", "mem.csv: error: empty file; a lot table needs a header row");
	load_fails1("\xEF\xBB\xBF\r\n", "mem.csv: error: empty file; a lot table needs a header "
					"row");
	load_fails1("batch,x\nA,1\n", "mem.csv:1: error: no 'lot' column in the header");
	load_fails1("Lot,x\nA,1\n",
		    "mem.csv:1: error: no 'lot' column in the header; rename 'Lot' to 'lot'?");
	load_fails1("LOT,x\nA,1\n",
		    "mem.csv:1: error: no 'lot' column in the header; rename 'LOT' to 'lot'?");
	load_fails1("lot,viability,x,viability\nA,1,2,3\n",
		    "mem.csv:1: error: duplicate column 'viability' (columns 2 and 4)");
	load_fails1("lot,viability [%],viability\nA,1,2\n",
		    "mem.csv:1: error: duplicate column 'viability' (columns 2 and 3)");
	load_fails1("lot,date,date\nA,2024-01-01,2024-01-01\n",
		    "mem.csv:1: error: duplicate column 'date' (columns 2 and 3)");
	load_fails1("lot,x, ,y\nA,1,2,3\n", "mem.csv:1: error: column 3 of the header has no name");
	load_fails1("lot,x []\nA,1\n",
		    "mem.csv:1: error: column 'x' has empty brackets where its unit belongs");
}

static void every_load_error_reported(void **state)
{
	(void)state;
	const char *want[] = { "mem.csv:3: error: row has 2 fields, the header has 3",
			       "mem.csv:5: error: duplicate lot 'A' (first at line 2)",
			       "mem.csv:6: error: quote in unquoted field 3; quote the whole "
			       "field and double the quotes inside it",
			       "mem.csv:7: error: date '2024-02-30' of lot 'E' is not an ISO 8601 "
			       "date (YYYY-MM-DD)",
			       NULL };
	load_fails("lot,date,x\nA,2024-01-01,1\nB,2\nC,,3\nA,,4\nD,,5\"\nE,2024-02-30,6\n", want);
}

static void many_lots_found(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,x\n");
	for (int i = 0; i < 5000; i++)
		tt_buf_printf(&b, "LOT-%d,%d\n", i, i);
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	assert_int_equal(L->n_lots, 5000);
	for (int i = 0; i < 5000; i += 7) {
		char id[32];
		snprintf(id, sizeof id, "LOT-%d", i);
		assert_int_equal(tt_lots_find(L, id), i);
		assert_true(L->columns[0].cells[i].value == i);
	}
	assert_int_equal(tt_lots_find(L, "LOT-5000"), -1);
	tt_lots_free(L);
	tt_diags_free(&d);
	tt_buf_free(&b);
}

/* The limits data.h states: TT_DATA_MAX_COLUMNS attribute columns (the
 * reserved ones not counted) and TT_DATA_MAX_LOTS lots, each refused with a
 * located error one past the limit. */
static void column_limit(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,date,pair,tested_at");
	for (int i = 0; i < TT_DATA_MAX_COLUMNS; i++)
		tt_buf_printf(&b, ",a%d", i);
	tt_buf_puts(&b, "\nA,,,");
	for (int i = 0; i < TT_DATA_MAX_COLUMNS; i++)
		tt_buf_printf(&b, ",%d", i);
	tt_buf_puts(&b, "\n");
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	assert_int_equal(L->n_columns, TT_DATA_MAX_COLUMNS);
	assert_true(L->columns[TT_DATA_MAX_COLUMNS - 1].cells[0].value == TT_DATA_MAX_COLUMNS - 1);
	tt_lots_free(L);
	tt_diags_free(&d);

	tt_buf_free(&b);
	tt_buf_puts(&b, "lot");
	for (int i = 0; i <= TT_DATA_MAX_COLUMNS; i++)
		tt_buf_printf(&b, ",a%d", i);
	tt_buf_puts(&b, "\nA");
	for (int i = 0; i <= TT_DATA_MAX_COLUMNS; i++)
		tt_buf_puts(&b, ",1");
	tt_buf_puts(&b, "\n");
	load_fails1(b.data,
		    "mem.csv:1: error: 1001 attribute columns, more than the limit of 1000");
	tt_buf_free(&b);
}

static void lot_limit(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "lot,x\n");
	for (int i = 1; i <= TT_DATA_MAX_LOTS; i++)
		tt_buf_printf(&b, "L%d,%d\n", i, i % 10);
	tt_diags d;
	tt_lots *L = load_ok(b.data, &d);
	assert_int_equal(L->n_lots, TT_DATA_MAX_LOTS);
	assert_int_equal(tt_lots_find(L, "L1000000"), TT_DATA_MAX_LOTS - 1);
	tt_lots_free(L);
	tt_diags_free(&d);

	/* The first lot past the limit is reported at its line (the header
	 * is line 1) and the scan stops there. */
	tt_buf_puts(&b, "L1000001,1\nL1000002,2\n");
	load_fails1(b.data, "mem.csv:1000002: error: more than the limit of 1000000 lots; the "
			    "rows from here on are not read");
	tt_buf_free(&b);
}

/* Bytes given in memory meet the file-size limit of tt_csv_read(); the
 * guard comes before the bytes are read, so a short buffer shows it. */
static void size_limit_in_memory(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	static const char one[1] = { 'x' };
	tt_lots *L = (tt_lots *)1;
	assert_int_equal(tt_lots_parse(&L, "mem.csv", one, (size_t)TT_CSV_MAX_BYTES + 1, &d),
			 TT_EINVAL);
	assert_null(L);
	tt_series_table *t = (tt_series_table *)1;
	assert_int_equal(tt_series_parse(&t, "mem.csv", one, (size_t)TT_CSV_MAX_BYTES + 1, &d),
			 TT_EINVAL);
	assert_null(t);
	assert_int_equal(d.count, 2);
	assert_true(tt_test_diags_has(&d, "mem.csv: error: file of 536870913 bytes is larger "
					  "than the limit of 536870912 bytes"));
	tt_diags_free(&d);
}

static void load_from_file(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_lots *L;
	const char *path = tt_test_resource("data/lots.csv");
	assert_int_equal(tt_lots_load(&L, path, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(L->path, path);
	assert_int_equal(L->n_lots, 3);
	assert_string_equal(L->lot[2], "SH-003");
	assert_int_equal(L->line[2], 4);
	const tt_column *v = tt_lots_column(L, "viability");
	assert_non_null(v);
	assert_string_equal(v->unit, "%");
	assert_true(v->cells[1].kind == TT_CELL_MISSING);
	assert_true(v->cells[2].value == 92.8);
	tt_lots_free(L);
	assert_int_equal(tt_lots_load(&L, "/nonexistent/lots.csv", &d), TT_EIO);
	assert_null(L);
	tt_diags_free(&d);
}

/* ---- checking against a study ---- */

static void check_clean_table(void **state)
{
	(void)state;
	reset_study();
	check_gives(good_table, "receiving", 0, none);
	check_gives(good_table, "source", 0, none);
}

static void check_missing_compared_column(void **state)
{
	(void)state;
	reset_study();
	const char *want[] = { "mem.csv:1: error: no column for attribute 'viability', which the "
			       "study compares",
			       NULL };
	check_gives("lot,vcn,endotoxin,sterility,rcl\nA,1,1,negative,not detected\n", "source",
		    TT_EINVAL, want);
	/* A second comparison of the same attribute does not repeat it. */
	test_cmps[1].attribute = "viability";
	check_gives("lot,vcn,endotoxin,sterility,rcl\nA,1,1,negative,not detected\n", "source",
		    TT_EINVAL, want);
}

static void check_units(void **state)
{
	(void)state;
	reset_study();
	const char *want[] = {
		"mem.csv:1: error: column 'viability' has unit 'percent' but the spec says '%'",
		"mem.csv:1: error: column 'sterility' has unit 'mg' but the spec gives no unit",
		NULL
	};
	check_gives("lot,viability [percent],endotoxin [EU/mL],sterility [mg],vcn,rcl\n"
		    "A,90,1,negative,1,not detected\n",
		    "source", TT_EINVAL, want);
}

static void check_values_of_compared_attributes(void **state)
{
	(void)state;
	reset_study();
	const char *want[] = {
		"mem.csv:3: error: value 'abc' of 'viability' for lot 'SH-004' is not a number",
		"mem.csv:4: error: censored value '<0.5' of 'endotoxin' for lot 'RTP-002' cannot "
		"be used in the quality-range comparison",
		"mem.csv:5: error: censored value '>99' of 'viability' for lot 'RTP-003' cannot be "
		"used in the equivalence comparison",
		NULL
	};
	check_gives("lot,viability,endotoxin,vcn,sterility,rcl\n"
		    "SH-001,90,1,1,negative,not detected\n"
		    "SH-004,abc,1,1,negative,not detected\n"
		    "RTP-002,90,<0.5,1,negative,not detected\n"
		    "RTP-003,>99,NA,,negative,not detected\n",
		    "source", TT_EINVAL, want);
	/* Excluded lots are not read. */
	test_excl[0].lot = "SH-004";
	test_excl[0].reason = "deviation";
	test_study.exclude = test_excl;
	test_study.n_exclude = 1;
	check_gives("lot,viability,endotoxin,vcn,sterility,rcl\n"
		    "SH-001,90,1,1,negative,not detected\n"
		    "SH-004,abc,<1,1,negative,not detected\n",
		    "source", 0, none);
}

static void check_conformance_columns(void **state)
{
	(void)state;
	reset_study();
	/* vcn is not compared: its conformance reads it at both sites (each
	 * against its own spec), so text is an error but a censored value is
	 * fine. */
	const char *want[] = {
		"mem.csv:3: error: value 'high' of 'vcn' for lot 'B' is not a number", NULL
	};
	const char *text = "lot,viability,endotoxin,vcn,sterility,rcl\n"
			   "A,90,1,<0.1,negative,not detected\n"
			   "B,90,1,high,positive,not detected\n";
	check_gives(text, "receiving", TT_EINVAL, want);
	check_gives(text, "source", TT_EINVAL, want);
	/* An excluded lot is not read: its conformance reports the text. */
	test_excl[0].lot = "B";
	test_excl[0].reason = "deviation";
	test_study.exclude = test_excl;
	test_study.n_exclude = 1;
	check_gives(text, "source", 0, none);
}

static void check_log_scale(void **state)
{
	(void)state;
	reset_study();
	/* vcn has scale: log; compared, its values must be positive. */
	test_cmps[1].attribute = "vcn";
	test_cmps[1].approach = TT_APPROACH_MIN_MAX;
	const char *want[] = { "mem.csv:3: error: value '0' of 'vcn' for lot 'B' is not positive, "
			       "which the log scale needs",
			       "mem.csv:4: error: value '-1.5' of 'vcn' for lot 'C' is not "
			       "positive, which the log scale needs",
			       NULL };
	check_gives("lot,viability,endotoxin,vcn,sterility,rcl\n"
		    "A,90,1,1.2,negative,x\n"
		    "B,90,1,0,negative,x\n"
		    "C,90,1,-1.5,negative,x\n",
		    "source", TT_EINVAL, want);
	/* A ratio margin analyses on the log scale too. */
	reset_study();
	test_cmps[0].margin_type = TT_MARGIN_RATIO;
	test_cmps[0].margin = 1.25;
	const char *want2[] = { "mem.csv:2: error: value '0' of 'viability' for lot 'A' is not "
				"positive, which the log scale needs",
				NULL };
	check_gives("lot,viability,endotoxin,vcn,sterility,rcl\nA,0,1,1,negative,x\n", "source",
		    TT_EINVAL, want2);
}

static void check_unknown_columns_warn(void **state)
{
	(void)state;
	reset_study();
	const char *want[] = {
		"mem.csv:1: warning: unknown column 'foo'",
		"mem.csv:1: warning: unknown column 'endotoxn'; did you mean 'endotoxin'?",
		"mem.csv:1: error: no column for attribute 'endotoxin', which the study compares",
		NULL
	};
	check_gives("lot,viability,foo,endotoxn,vcn,sterility,rcl\nA,90,1,1,1,negative,x\n",
		    "receiving", TT_EINVAL, want);
	const char *want2[] = { "mem.csv:1: warning: unknown column 'foo'", NULL };
	check_gives("lot,viability,endotoxin,vcn,sterility,rcl,foo\nA,90,1,1,negative,x,x\n",
		    "source", 0, want2);
}

static void check_conformance_not_checked_warns(void **state)
{
	(void)state;
	reset_study();
	const char *want[] = { "mem.csv:1: warning: no column for attribute 'vcn' (it has a "
			       "release spec): the conformance of the receiving lots is not "
			       "checked",
			       "mem.csv:1: warning: no column for attribute 'rcl' (it has a "
			       "release spec): the conformance of the receiving lots is not "
			       "checked",
			       NULL };
	const char *text = "lot,viability,endotoxin,sterility\nA,90,1,negative\n";
	check_gives(text, "receiving", 0, want);
	/* The source lots are held to their own spec too. */
	const char *want2[] = { "mem.csv:1: warning: no column for attribute 'vcn' (it has a "
				"release spec): the conformance of the source lots is not checked",
				"mem.csv:1: warning: no column for attribute 'rcl' (it has a "
				"release spec): the conformance of the source lots is not checked",
				NULL };
	check_gives(text, "source", 0, want2);
}

static void check_paired_design(void **state)
{
	(void)state;
	reset_study();
	test_study.design = TT_DESIGN_PAIRED;
	const char *want[] = { "mem.csv:1: error: no 'pair' column, which the paired design needs",
			       NULL };
	check_gives(good_table, "receiving", TT_EINVAL, want);
	const char *want2[] = { "mem.csv:4: error: pair 'D01' of lot 'RTP-003' is repeated (first "
				"for lot 'RTP-001' at line 2)",
				"mem.csv:5: warning: lot 'RTP-004' has no pair id; the paired "
				"comparisons leave it out",
				NULL };
	const char *text = "lot,pair,viability,endotoxin,vcn,sterility,rcl\n"
			   "RTP-001,D01,90,1,1,negative,x\n"
			   "RTP-002,D02,90,1,1,negative,x\n"
			   "RTP-003,D01,90,1,1,negative,x\n"
			   "RTP-004,,90,1,1,negative,x\n";
	check_gives(text, "source", TT_EINVAL, want2);
	/* An excluded lot does not hold its pair id. */
	test_excl[0].lot = "RTP-001";
	test_study.exclude = test_excl;
	test_study.n_exclude = 1;
	const char *want3[] = { "mem.csv:5: warning: lot 'RTP-004' has no pair id; the paired "
				"comparisons leave it out",
				NULL };
	check_gives(text, "source", 0, want3);
	/* In the independent design the pair column means nothing. */
	test_study.design = TT_DESIGN_INDEPENDENT;
	check_gives(text, "source", 0, none);
}

static void check_exclusions(void **state)
{
	(void)state;
	reset_study();
	tt_exclusion ex[3] = { { .lot = "SH-001", .loc = { "study.yaml", 9, 7 } },
			       { .lot = "RTP-002", .loc = { "study.yaml", 10, 7 } },
			       { .lot = "XX-9", .loc = { "study.yaml", 11, 7 } } };
	test_study.exclude = ex;
	test_study.n_exclude = 3;
	tt_diags d;
	tt_lots *src = load_ok("lot,viability\nSH-001,90\n", &d);
	tt_lots *rec = load_ok("lot,viability\nRTP-002,90\n", &d);
	tt_lots_check_exclusions(&test_study, src, rec, &d);
	assert_int_equal(d.count, 1);
	assert_true(tt_test_diags_has(&d, "study.yaml:11:7: warning: excluded lot 'XX-9' is in "
					  "neither lot table"));
	tt_diags_free(&d);
	tt_lots_check_exclusions(&test_study, src, NULL, &d);
	assert_int_equal(d.count, 0);
	tt_lots_free(src);
	tt_lots_free(rec);
}

/* ---- long-form tables ---- */

static tt_series_table *series_ok(const char *text, tt_diags *d)
{
	tt_series_table *t = NULL;
	tt_diags_init(d);
	if (tt_series_parse(&t, "mem.csv", text, strlen(text), d) != 0) {
		tt_test_diags_dump(d);
		fail_msg("tt_series_parse failed: %s", tt_error_last());
	}
	return t;
}

static void series_fails(const char *text, const char *const *want)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_series_table *t = (tt_series_table *)1;
	int rc = tt_series_parse(&t, "mem.csv", text, strlen(text), &d);
	size_t n = 0;
	for (; want[n]; n++) {
		if (!tt_test_diags_has(&d, want[n])) {
			tt_test_diags_dump(&d);
			fail_msg("missing: %s", want[n]);
		}
	}
	if (d.count != n) {
		tt_test_diags_dump(&d);
		fail_msg("%zu diagnostics, expected %zu", d.count, n);
	}
	assert_int_equal(rc, TT_EINVAL);
	assert_null(t);
	tt_diags_free(&d);
}

static void series_fails1(const char *text, const char *want)
{
	const char *w[] = { want, NULL };
	series_fails(text, w);
}

static void series_grouped_and_sorted(void **state)
{
	(void)state;
	tt_diags d;
	tt_series_table *t = series_ok("value,lot,time\n"
				       "30,L2,4\n"
				       "10,L1,8\n"
				       "5,L1,2\n"
				       "NA,L3,1\n"
				       "20,L2,1\n"
				       ",L1,16\n"
				       "7,L1,4.0e0\n",
				       &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(t->header_line, 1);
	/* L2 appeared first, then L1; L3 has no value at all. */
	assert_int_equal(t->n_lots, 2);
	assert_string_equal(t->lot_ids[0], "L2");
	assert_string_equal(t->lot_ids[1], "L1");
	assert_int_equal(t->n, 5);
	assert_int_equal(t->n_missing, 1 + 1);
	static const char *lot[] = { "L2", "L2", "L1", "L1", "L1" };
	static const double time[] = { 1, 4, 2, 4, 8 };
	static const double value[] = { 20, 30, 5, 7, 10 };
	static const int line[] = { 6, 2, 4, 8, 3 };
	for (int i = 0; i < 5; i++) {
		assert_string_equal(t->lot[i], lot[i]);
		assert_ptr_equal(t->lot[i], t->lot_ids[i < 2 ? 0 : 1]);
		assert_true(t->time[i] == time[i]);
		assert_true(t->value[i] == value[i]);
		assert_int_equal(t->line[i], line[i]);
	}
	assert_null(t->time_unit);
	tt_series_free(t);
	tt_diags_free(&d);
}

static void series_units_and_extra_columns(void **state)
{
	(void)state;
	tt_diags d;
	tt_series_table *t = series_ok("lot,time [h],value [%],analyst\nL1,4,55.5,JD\n", &d);
	assert_string_equal(t->time_unit, "h");
	assert_string_equal(t->value_unit, "%");
	assert_int_equal(d.count, 1);
	assert_true(tt_test_diags_has(&d, "mem.csv:1: warning: column 'analyst' is ignored; a "
					  "long-form table has the columns 'lot', 'time' and "
					  "'value'"));
	assert_true(t->value[0] == 55.5);
	tt_series_free(t);
	tt_diags_free(&d);
}

static void series_errors(void **state)
{
	(void)state;
	series_fails1("lot,time,value\nL1,3,10\nL1,2,11\nL1,3.0,12\n",
		      "mem.csv:4: error: repeated time 3.0 for lot 'L1' (first at line 2)");
	/* A missing value still occupies its time point. */
	series_fails1("lot,time,value\nL1,3,NA\nL1,3,12\n",
		      "mem.csv:3: error: repeated time 3 for lot 'L1' (first at line 2)");
	series_fails1("lot,time,value\nL1,day 3,10\n",
		      "mem.csv:2: error: time 'day 3' of lot 'L1' is not a number");
	series_fails1("lot,time,value\nL1,NA,10\n", "mem.csv:2: error: missing time for lot 'L1'");
	series_fails1("lot,time,value\nL1,3,abc\n",
		      "mem.csv:2: error: value 'abc' of lot 'L1' at time 3 is not a number");
	series_fails1("lot,time,value\nL1,3,<5\n",
		      "mem.csv:2: error: censored value '<5' of lot 'L1' at time 3 cannot be used "
		      "in a profile or stability analysis");
	series_fails1("lot,time,value\n,3,5\n", "mem.csv:2: error: empty lot id");
	series_fails1("lot,time,value\nL1,3\n",
		      "mem.csv:2: error: row has 2 fields, the header has 3");
	series_fails1("lot,time,value\n", "mem.csv:1: error: no lots");
	series_fails1("", "mem.csv: error: empty file; a long-form table needs the header "
			  "'lot,time,value'");
	series_fails1("lot,hour,value\nL1,3,5\n",
		      "mem.csv:1: error: no 'time' column in the header");
	series_fails1("lot,tme,value\nL1,3,5\n",
		      "mem.csv:1: error: no 'time' column in the header; rename 'tme' to 'time'?");
	const char *want[] = { "mem.csv:1: error: no 'lot' column in the header",
			       "mem.csv:1: error: no 'value' column in the header", NULL };
	series_fails("batch,time\nL1,3\n", want);
	series_fails1("lot,time,time,value\nL1,3,3,5\n",
		      "mem.csv:1: error: duplicate column 'time' (columns 2 and 3)");
}

static void series_from_file(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_series_table *t;
	assert_int_equal(tt_series_load(&t, tt_test_resource("data/lysis.csv"), &d), 0);
	assert_int_equal(t->n_lots, 2);
	assert_int_equal(t->n, 6);
	assert_true(t->time[2] == 8);
	assert_true(t->value[5] == 61.0);
	tt_series_free(t);
	assert_int_equal(tt_series_load(&t, "/nonexistent/lysis.csv", &d), TT_EIO);
	assert_null(t);
	tt_diags_free(&d);
}

/* ---- the CSV cases of the bad-input corpus ----
 *
 * tests/resources/bad/csv-* and series-* hold one fault each, with the
 * exact stderr `tt check` prints in NAME.expect (bad_inputs.sh).  This
 * test loads and checks the same files the way tt check does, from the
 * same folder, so that the expected text is verified by the data module
 * itself.  The table below mirrors each study.yaml, and the test makes sure
 * it does. */

static tt_attr corpus_attrs[] = {
	{ .id = "viability",
	  .unit = "%",
	  .type = TT_ATTR_CONTINUOUS,
	  .has_spec = 1,
	  .has_min = 1,
	  .min = 70 },
	{ .id = "vcn",
	  .unit = "copies/cell",
	  .type = TT_ATTR_CONTINUOUS,
	  .has_spec = 1,
	  .has_max = 1,
	  .max = 5 },
	{ .id = "sterility", .type = TT_ATTR_QUALITATIVE, .has_spec = 1, .equals = "negative" },
	{ .id = "lysis", .unit = "%", .type = TT_ATTR_CONTINUOUS },
};

struct corpus_case {
	const char *name;
	tt_design design;
	const char *source, *receiving;               /* lot tables, as the study names them */
	const char *series_source, *series_receiving; /* profile data, or NULL */
};

#define SH "../csv-common/sh-lots.csv"
#define SHP "../csv-common/sh-lots-paired.csv"
#define RTP "../csv-common/rtp-lots.csv"
#define LYS "../csv-common/sh-lysis.csv"
static const struct corpus_case corpus[] = {
	{ "csv-ragged-row", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-duplicate-lot", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-no-lot-column", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-header-only", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-empty-file", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-duplicate-column", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-bad-date", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-unterminated-quote", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-stray-quote", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-text-after-quote", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-invalid-utf8", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-comma-decimal", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-censored-compared", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-unit-mismatch", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-missing-compared-column", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-empty-lot-id", TT_DESIGN_INDEPENDENT, SH, "rtp-lots.csv", NULL, NULL },
	{ "csv-paired-no-pair-column", TT_DESIGN_PAIRED, SHP, "rtp-lots.csv", NULL, NULL },
	{ "csv-repeated-pair", TT_DESIGN_PAIRED, SHP, "rtp-lots.csv", NULL, NULL },
	{ "csv-source-duplicate-lot", TT_DESIGN_INDEPENDENT, "sh-lots.csv", RTP, NULL, NULL },
	{ "series-repeated-time", TT_DESIGN_INDEPENDENT, SH, RTP, LYS, "rtp-lysis.csv" },
	{ "series-no-time-column", TT_DESIGN_INDEPENDENT, SH, RTP, LYS, "rtp-lysis.csv" },
	{ "series-value-not-a-number", TT_DESIGN_INDEPENDENT, SH, RTP, LYS, "rtp-lysis.csv" },
};

static char *slurp(const char *path)
{
	char *text;
	size_t len;
	if (tt_read_file(path, 1 << 20, &text, &len) != 0)
		fail_msg("%s", tt_error_last());
	return text;
}

static void must_contain(const char *text, const char *want, const char *file)
{
	if (!strstr(text, want))
		fail_msg("%s does not contain '%s'", file, want);
}

/* Loads and checks one case as tt check does; returns every diagnostic,
 * one a line. */
static char *run_case(const struct corpus_case *c)
{
	char study_path[256];
	snprintf(study_path, sizeof study_path, "%s/study.yaml", c->name);
	char *yaml = slurp(study_path);
	char want[256];
	snprintf(want, sizeof want,
		 "source:    { process: ../csv-common/source.yaml,    data: %s }", c->source);
	must_contain(yaml, want, study_path);
	snprintf(want, sizeof want,
		 "receiving: { process: ../csv-common/receiving.yaml, data: %s }", c->receiving);
	must_contain(yaml, want, study_path);
	if (c->design == TT_DESIGN_PAIRED)
		must_contain(yaml, "design: paired", study_path);
	else
		assert_null(strstr(yaml, "design:"));
	must_contain(yaml,
		     "attribute: viability\n      approach: equivalence\n"
		     "      margin: { absolute: 5 }",
		     study_path);
	if (c->series_source) {
		snprintf(want, sizeof want, "data: { source: %s, receiving: %s }", c->series_source,
			 c->series_receiving);
		must_contain(yaml, want, study_path);
	}
	free(yaml);

	tt_spec spec = { .id = "csv", .attrs = corpus_attrs, .n_attrs = 4 };
	tt_comparison cmps[2] = { { .attribute = "viability",
				    .approach = TT_APPROACH_EQUIVALENCE,
				    .margin_type = TT_MARGIN_ABSOLUTE,
				    .margin = 5 },
				  { .attribute = "lysis", .approach = TT_APPROACH_PROFILE } };
	tt_study study = { .id = (char *)c->name,
			   .design = c->design,
			   .alpha = 0.05,
			   .comparisons = cmps,
			   .n_comparisons = c->series_source ? 2 : 1 };
	/* Paths resolve against the study's folder, as the study loader
	 * resolves them. */
	char *src = tt_path_join(c->name, c->source);
	char *rec = tt_path_join(c->name, c->receiving);
	tt_diags d = TT_DIAGS_INIT;
	tt_lots *s = NULL, *r = NULL;
	if (tt_lots_load(&s, src, &d) == 0)
		tt_lots_check(s, &study, &spec, "source", &d);
	if (tt_lots_load(&r, rec, &d) == 0)
		tt_lots_check(r, &study, &spec, "receiving", &d);
	tt_lots_check_exclusions(&study, s, r, &d);
	if (c->series_source) {
		const char *rel[2] = { c->series_source, c->series_receiving };
		for (int k = 0; k < 2; k++) {
			char *p = tt_path_join(c->name, rel[k]);
			tt_series_table *t = NULL;
			tt_series_load(&t, p, &d);
			tt_series_free(t);
			free(p);
		}
	}
	assert_true(d.errors >= 1);
	tt_buf out = TT_BUF_INIT;
	for (size_t i = 0; i < d.count; i++) {
		char *line = tt_diag_format(&d.items[i]);
		tt_buf_printf(&out, "%s\n", line);
		free(line);
	}
	tt_lots_free(s);
	tt_lots_free(r);
	tt_diags_free(&d);
	free(src);
	free(rec);
	return tt_buf_detach(&out);
}

static void bad_input_corpus(void **state)
{
	(void)state;
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tt_test_resource("bad")), 0);
	size_t n = sizeof corpus / sizeof corpus[0];
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char expect_path[256];
		snprintf(expect_path, sizeof expect_path, "%s.expect", corpus[i].name);
		char *want = slurp(expect_path);
		char *got = run_case(&corpus[i]);
		if (strcmp(got, want) != 0) {
			print_error("%s: expected\n%sgot\n%s", corpus[i].name, want, got);
			failed = 1;
		}
		free(want);
		free(got);
	}
	/* Every csv-* and series-* case is in the table above. */
	DIR *dir = opendir(".");
	assert_non_null(dir);
	size_t seen = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 7 || strcmp(e->d_name + len - 7, ".expect") != 0)
			continue;
		if (strncmp(e->d_name, "csv-", 4) != 0 && strncmp(e->d_name, "series-", 7) != 0)
			continue;
		seen++;
		int listed = 0;
		for (size_t i = 0; i < n; i++)
			listed |= strlen(corpus[i].name) == len - 7 &&
				  strncmp(corpus[i].name, e->d_name, len - 7) == 0;
		if (!listed) {
			print_error("%s is not in the corpus table\n", e->d_name);
			failed = 1;
		}
	}
	closedir(dir);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(seen, n);
	assert_false(failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_names_units_and_reserved_columns),
		cmocka_unit_test(optional_columns_absent),
		cmocka_unit_test(cell_classification),
		cmocka_unit_test(numbers_match_strtod),
		cmocka_unit_test(iso_dates),
		cmocka_unit_test(blank_and_empty_rows_skipped),
		cmocka_unit_test(ragged_rows),
		cmocka_unit_test(lot_id_errors),
		cmocka_unit_test(header_errors),
		cmocka_unit_test(every_load_error_reported),
		cmocka_unit_test(many_lots_found),
		cmocka_unit_test(column_limit),
		cmocka_unit_test(lot_limit),
		cmocka_unit_test(size_limit_in_memory),
		cmocka_unit_test(load_from_file),
		cmocka_unit_test(check_clean_table),
		cmocka_unit_test(check_missing_compared_column),
		cmocka_unit_test(check_units),
		cmocka_unit_test(check_values_of_compared_attributes),
		cmocka_unit_test(check_conformance_columns),
		cmocka_unit_test(check_log_scale),
		cmocka_unit_test(check_unknown_columns_warn),
		cmocka_unit_test(check_conformance_not_checked_warns),
		cmocka_unit_test(check_paired_design),
		cmocka_unit_test(check_exclusions),
		cmocka_unit_test(series_grouped_and_sorted),
		cmocka_unit_test(series_units_and_extra_columns),
		cmocka_unit_test(series_errors),
		cmocka_unit_test(series_from_file),
		cmocka_unit_test(bad_input_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
