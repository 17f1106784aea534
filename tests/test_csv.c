/*
 * test_csv.c - the RFC 4180 reader: quoting, line ends, the byte-order
 * mark, blank lines, and every error with its exact message and line.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/input/csv.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/util.h"

/* Parses a string as the file "mem.csv"; the caller frees csv and d. */
static int parse(const char *text, tt_csv **csv, tt_diags *d)
{
	tt_diags_init(d);
	return tt_csv_parse(csv, "mem.csv", text, strlen(text), d);
}

/* Asserts that text fails to parse with exactly the one diagnostic want. */
static void expect_one_error(const char *text, size_t len, const char *want)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_csv *csv = (tt_csv *)1;
	int rc = tt_csv_parse(&csv, "mem.csv", text, len, &d);
	if (d.count != 1 || !tt_test_diags_has(&d, want)) {
		tt_test_diags_dump(&d);
		fail_msg("expected exactly: %s", want);
	}
	assert_int_equal(rc, TT_EINVAL);
	assert_null(csv);
	tt_diags_free(&d);
}

static void plain_rows_and_lines(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("lot,viability\nSH-001,91.2\nSH-002,89.5\n", &csv, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(csv->path, "mem.csv");
	assert_int_equal(csv->n_rows, 3);
	assert_int_equal(csv->rows[0].line, 1);
	assert_int_equal(csv->rows[2].line, 3);
	assert_int_equal(csv->rows[1].n_fields, 2);
	assert_string_equal(csv->rows[0].fields[0], "lot");
	assert_string_equal(csv->rows[1].fields[1], "91.2");
	assert_string_equal(csv->rows[2].fields[0], "SH-002");
	assert_false(csv->rows[1].malformed);
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void quoted_fields(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("\"x,y\",\"say \"\"hi\"\"\",plain,\"\",\"\"\"\"\n", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 1);
	assert_int_equal(csv->rows[0].n_fields, 5);
	assert_string_equal(csv->rows[0].fields[0], "x,y");
	assert_string_equal(csv->rows[0].fields[1], "say \"hi\"");
	assert_string_equal(csv->rows[0].fields[2], "plain");
	assert_string_equal(csv->rows[0].fields[3], "");
	assert_string_equal(csv->rows[0].fields[4], "\"");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void line_breaks_inside_quotes(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	const char *text = "lot,note\nA,\"line one\nline two\r\nline three\"\nB,x\n";
	assert_int_equal(parse(text, &csv, &d), 0);
	assert_int_equal(csv->n_rows, 3);
	assert_string_equal(csv->rows[1].fields[1], "line one\nline two\r\nline three");
	assert_int_equal(csv->rows[1].line, 2);
	/* The record after the three-line field starts on line 5. */
	assert_int_equal(csv->rows[2].line, 5);
	assert_string_equal(csv->rows[2].fields[0], "B");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void crlf_line_ends(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("a,b\r\n1,\"2\"\r\n3,4", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 3);
	assert_string_equal(csv->rows[0].fields[1], "b");
	assert_string_equal(csv->rows[1].fields[1], "2");
	assert_string_equal(csv->rows[2].fields[1], "4");
	assert_int_equal(csv->rows[2].line, 3);
	tt_csv_free(csv);
	/* A CR at the very end ends the line too. */
	tt_diags_free(&d);
	assert_int_equal(parse("a,b\r", &csv, &d), 0);
	assert_string_equal(csv->rows[0].fields[1], "b");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void lone_cr_is_data(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("a\rb,c\n", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 1);
	assert_string_equal(csv->rows[0].fields[0], "a\rb");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void byte_order_mark_skipped(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("\xEF\xBB\xBFlot,x\nA,1\n", &csv, &d), 0);
	assert_string_equal(csv->rows[0].fields[0], "lot");
	assert_int_equal(csv->rows[0].line, 1);
	tt_csv_free(csv);
	tt_diags_free(&d);
	/* Only at the start: elsewhere it is data. */
	assert_int_equal(parse("lot,x\n\xEF\xBB\xBF"
			       "A,1\n",
			       &csv, &d),
			 0);
	assert_string_equal(csv->rows[1].fields[0], "\xEF\xBB\xBF"
						    "A");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void blank_lines_skipped(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("\na,b\n\n\r\n1,2\n\n", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 2);
	assert_int_equal(csv->rows[0].line, 2);
	assert_int_equal(csv->rows[1].line, 5);
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void empty_fields(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("a,,c,\n,\n", &csv, &d), 0);
	assert_int_equal(csv->rows[0].n_fields, 4);
	assert_string_equal(csv->rows[0].fields[1], "");
	assert_string_equal(csv->rows[0].fields[3], "");
	assert_int_equal(csv->rows[1].n_fields, 2);
	tt_csv_free(csv);
	tt_diags_free(&d);
	assert_int_equal(parse("a,b,", &csv, &d), 0);
	assert_int_equal(csv->rows[0].n_fields, 3);
	assert_string_equal(csv->rows[0].fields[2], "");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void empty_input(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 0);
	tt_csv_free(csv);
	tt_diags_free(&d);
	assert_int_equal(parse("\xEF\xBB\xBF\n\n", &csv, &d), 0);
	assert_int_equal(csv->n_rows, 0);
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void utf8_text_accepted(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(
		parse("site,name\nSH,\"\xe4\xb8\x8a\xe6\xb5\xb7, caf\xc3\xa9\"\n", &csv, &d), 0);
	assert_string_equal(csv->rows[1].fields[1], "\xe4\xb8\x8a\xe6\xb5\xb7, caf\xc3\xa9");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void invalid_utf8_located(void **state)
{
	(void)state;
	const char *text = "a,b\n1,2\n3,caf\xe9\n4,5\n";
	expect_one_error(text, strlen(text),
			 "mem.csv:3: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8");
	/* Inside a quoted field, at the line of the byte. */
	text = "a,b\n1,\"x\ny\xff\"\n";
	expect_one_error(text, strlen(text),
			 "mem.csv:3: error: invalid UTF-8 (byte 0xff); save the file as UTF-8");
	/* Truncated at the end of the data, overlong, and a surrogate. */
	text = "a\n\xc3";
	expect_one_error(text, strlen(text),
			 "mem.csv:2: error: invalid UTF-8 (byte 0xc3); save the file as UTF-8");
	text = "\xc0\x80";
	expect_one_error(text, strlen(text),
			 "mem.csv:1: error: invalid UTF-8 (byte 0xc0); save the file as UTF-8");
	text = "x,\xed\xa0\x80";
	expect_one_error(text, strlen(text),
			 "mem.csv:1: error: invalid UTF-8 (byte 0xed); save the file as UTF-8");
}

static void nul_byte_rejected(void **state)
{
	(void)state;
	expect_one_error("a,b\n1,\0002\n", 9,
			 "mem.csv:2: error: NUL byte in the data; a CSV file must be text");
}

static void stray_quote(void **state)
{
	(void)state;
	const char *text = "a,b\n1,x\"y\"z\n";
	expect_one_error(text, strlen(text),
			 "mem.csv:2: error: quote in unquoted field 2; quote the whole field and "
			 "double the quotes inside it");
}

static void unterminated_quote_at_its_line(void **state)
{
	(void)state;
	const char *text = "a,b\n1,2\n3,\"abc\n4,5\n6,7\n";
	expect_one_error(text, strlen(text), "mem.csv:3: error: unterminated quoted field 2");
}

static void text_after_closing_quote(void **state)
{
	(void)state;
	const char *text = "a,b\n\"x\"y,2\n";
	expect_one_error(text, strlen(text),
			 "mem.csv:2: error: text after the closing quote of field 1");
}

static void every_error_reported(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_csv *csv;
	const char *text = "a,b\n1,x\"\n2,3\n\"q\"r,4\n5,y\"\n";
	assert_int_equal(tt_csv_parse(&csv, "mem.csv", text, strlen(text), &d), TT_EINVAL);
	assert_int_equal(d.count, 3);
	assert_true(tt_test_diags_has(&d, "mem.csv:2: error: quote in unquoted field 2; quote "
					  "the whole field and double the quotes inside it"));
	assert_true(tt_test_diags_has(&d, "mem.csv:4: error: text after the closing quote of "
					  "field 1"));
	assert_true(tt_test_diags_has(&d, "mem.csv:5: error: quote in unquoted field 2; quote "
					  "the whole field and double the quotes inside it"));
	tt_diags_free(&d);
}

static void row_byte_limit(void **state)
{
	(void)state;
	size_t n = TT_CSV_MAX_ROW_BYTES + 10;
	char *text = tt_xmalloc(n + 16);
	memcpy(text, "a\n", 2);
	memset(text + 2, 'x', n);
	memcpy(text + 2 + n, "\nb\n", 3);
	expect_one_error(text, n + 5,
			 "mem.csv:2: error: row is longer than the limit of 1048576 bytes");
	/* A row of exactly the limit, line end included, is accepted. */
	tt_csv *csv;
	tt_diags d = TT_DIAGS_INIT;
	memset(text + 2, 'x', TT_CSV_MAX_ROW_BYTES - 1);
	text[2 + TT_CSV_MAX_ROW_BYTES - 1] = '\n';
	assert_int_equal(tt_csv_parse(&csv, "mem.csv", text, 2 + TT_CSV_MAX_ROW_BYTES, &d), 0);
	assert_int_equal(strlen(csv->rows[1].fields[0]), TT_CSV_MAX_ROW_BYTES - 1);
	tt_csv_free(csv);
	tt_diags_free(&d);
	free(text);
}

static void field_count_limit(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	for (int i = 0; i < TT_CSV_MAX_FIELDS; i++)
		tt_buf_puts(&b, i ? ",x" : "x");
	tt_buf_putc(&b, '\n');
	tt_csv *csv;
	tt_diags d = TT_DIAGS_INIT;
	assert_int_equal(tt_csv_parse(&csv, "mem.csv", b.data, b.len, &d), 0);
	assert_int_equal(csv->rows[0].n_fields, TT_CSV_MAX_FIELDS);
	tt_csv_free(csv);
	tt_diags_free(&d);
	char *row = tt_xstrdup(b.data);
	tt_buf_puts(&b, "x,");
	tt_buf_puts(&b, row);
	free(row);
	expect_one_error(b.data, b.len, "mem.csv:2: error: row has more than 4096 fields");
	tt_buf_free(&b);
}

static void file_size_limit(void **state)
{
	(void)state;
	/* A sparse file: its size is over the limit, its blocks are not. */
	char path[] = "/tmp/tt-test-csv.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)TT_CSV_MAX_BYTES + 1), 0);
	close(fd);
	tt_diags d = TT_DIAGS_INIT;
	tt_csv *csv = (tt_csv *)1;
	assert_int_equal(tt_csv_load(&csv, path, &d), TT_EINVAL);
	assert_null(csv);
	char want[256];
	snprintf(want, sizeof want,
		 "%s: error: file of 536870913 bytes is larger than the limit of 536870912 bytes",
		 path);
	assert_int_equal(d.count, 1);
	assert_true(tt_test_diags_has(&d, want));
	unlink(path);
	tt_diags_free(&d);
}

static void missing_file(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_csv *csv = (tt_csv *)1;
	assert_int_equal(tt_csv_load(&csv, "/nonexistent/lots.csv", &d), TT_EIO);
	assert_null(csv);
	assert_true(tt_test_diags_has(&d, "/nonexistent/lots.csv: error: cannot open the file: "
					  "No such file or directory"));
	assert_string_equal(tt_error_last(),
			    "cannot open '/nonexistent/lots.csv': No such file or directory");
	tt_diags_free(&d);
}

static void load_fixture_and_digest(void **state)
{
	(void)state;
	const char *path = tt_test_resource("data/quoted.csv");
	tt_diags d = TT_DIAGS_INIT;
	tt_csv *csv;
	assert_int_equal(tt_csv_load(&csv, path, &d), 0);
	assert_int_equal(csv->n_rows, 4);
	assert_string_equal(csv->rows[0].fields[0], "lot");
	assert_string_equal(csv->rows[1].fields[2], "hold 2 h, then \"wash\"");
	assert_string_equal(csv->rows[2].fields[2], "two\nlines");
	assert_int_equal(csv->rows[3].line, 5);
	/* The digest is of the file's bytes as they are on disk, BOM and
	 * CRLF included. */
	unsigned char want[32];
	assert_int_equal(tt_sha256_file(path, want), 0);
	assert_memory_equal(csv->sha256, want, 32);
	tt_csv_free(csv);
	tt_diags_free(&d);
}

static void digest_of_bytes(void **state)
{
	(void)state;
	tt_csv *csv;
	tt_diags d;
	assert_int_equal(parse("abc", &csv, &d), 0);
	char hex[65];
	/* FIPS 180-2, appendix B.1: SHA-256("abc"). */
	assert_string_equal(tt_sha256_hex(csv->sha256, hex),
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	tt_csv_free(csv);
	tt_diags_free(&d);
}

struct seen {
	int rows;
	int malformed;
	int lines[8];
};

static int count_rows(const tt_csv_row *row, void *ctx)
{
	struct seen *s = ctx;
	if (s->rows < 8)
		s->lines[s->rows] = row->line;
	s->rows++;
	s->malformed += row->malformed;
	return s->rows == 3 ? 7 : 0;
}

static void scan_streams_and_stops(void **state)
{
	(void)state;
	char text[] = "a\nb\"\nc\nd\n";
	tt_diags d = TT_DIAGS_INIT;
	struct seen s = { 0 };
	/* The malformed row is delivered, flagged; the callback's non-zero
	 * return stops the scan and is returned. */
	assert_int_equal(tt_csv_scan(text, strlen(text), "mem.csv", count_rows, &s, &d), 7);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.malformed, 1);
	assert_int_equal(s.lines[2], 3);
	assert_int_equal(d.errors, 1);
	tt_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_rows_and_lines),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(line_breaks_inside_quotes),
		cmocka_unit_test(crlf_line_ends),
		cmocka_unit_test(lone_cr_is_data),
		cmocka_unit_test(byte_order_mark_skipped),
		cmocka_unit_test(blank_lines_skipped),
		cmocka_unit_test(empty_fields),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(utf8_text_accepted),
		cmocka_unit_test(invalid_utf8_located),
		cmocka_unit_test(nul_byte_rejected),
		cmocka_unit_test(stray_quote),
		cmocka_unit_test(unterminated_quote_at_its_line),
		cmocka_unit_test(text_after_closing_quote),
		cmocka_unit_test(every_error_reported),
		cmocka_unit_test(row_byte_limit),
		cmocka_unit_test(field_count_limit),
		cmocka_unit_test(file_size_limit),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(load_fixture_and_digest),
		cmocka_unit_test(digest_of_bytes),
		cmocka_unit_test(scan_streams_and_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
