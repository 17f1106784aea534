/*
 * test_escape.c - the escaping of user text for the reports and the
 * terminal (tt_html_escape, tt_md_escape, tt_term_escape), character class
 * by character class.
 * fuzz/targets.c checks the same promises on arbitrary input.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "tt/base/escape.h"
#include "tt/base/util.h"

static void expect_html(const char *in, const char *want)
{
	tt_buf b = TT_BUF_INIT;
	tt_html_escape(&b, in);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("html of '%s': got '%s', want '%s'", in, b.data ? b.data : "", want);
	tt_buf_free(&b);
}

static void expect_md(const char *in, const char *want)
{
	tt_buf b = TT_BUF_INIT;
	tt_md_escape(&b, in);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("markdown of '%s': got '%s', want '%s'", in, b.data ? b.data : "", want);
	tt_buf_free(&b);
}

static void html_special_characters(void **state)
{
	(void)state;
	expect_html("<b>&\"'</b>", "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;");
	expect_html("CD4/CD8 ratio", "CD4/CD8 ratio");
	expect_html("", "");
	expect_html(NULL, "");
}

static void html_control_characters(void **state)
{
	(void)state;
	/* Line feed and tab are text; every other C0 control, DEL and the C1
	 * controls (U+0080 to U+009F, two bytes each) become one space. */
	expect_html("a\nb\tc", "a\nb\tc");
	expect_html("a\rb\x01"
		    "c\x1F"
		    "d",
		    "a b c d");
	expect_html("a\x7F"
		    "b",
		    "a b");
	expect_html("a\xC2\x80"
		    "b\xC2\x85"
		    "c\xC2\x9F"
		    "d",
		    "a b c d");
	/* U+00A0 and U+00E9 are the next characters up: kept. */
	expect_html("a\xC2\xA0"
		    "b\xC3\xA9",
		    "a\xC2\xA0"
		    "b\xC3\xA9");
}

static void html_invalid_utf8(void **state)
{
	(void)state;
	expect_html("a\xFF"
		    "b",
		    "a\xEF\xBF\xBD"
		    "b");
	expect_html("a\xC2", "a\xEF\xBF\xBD");
	expect_html("\x80", "\xEF\xBF\xBD");
	/* An overlong encoding of '<' must not come back as '<'. */
	expect_html("\xC0\xBC", "\xEF\xBF\xBD\xEF\xBF\xBD");
	expect_html("\xE2\x80\xA6 \xF0\x9F\x98\x80", "\xE2\x80\xA6 \xF0\x9F\x98\x80");
}

static void markdown_escaping(void **state)
{
	(void)state;
	expect_md("a|b*c_d`e[f]g<h>i\\j#k!l{m}n",
		  "a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\>i\\\\j\\#k\\!l\\{m\\}n");
	expect_md("line\nbreak\r\ntab\t", "line break  tab ");
	expect_md("viability [%]", "viability \\[%\\]");
	expect_md(NULL, "");
}

static void expect_term(const char *in, const char *want)
{
	tt_buf b = TT_BUF_INIT;
	tt_term_escape(&b, in);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("terminal text of '%s': got '%s', want '%s'", in, b.data ? b.data : "",
			 want);
	tt_buf_free(&b);
}

/* Nothing a file name holds can move the cursor or change colours, and
 * what is shown names one string only. */
static void terminal_escaping(void **state)
{
	(void)state;
	expect_term("plots/forest.svg", "plots/forest.svg");
	expect_term("a\x1b[31mred", "a\\x1b[31mred");
	expect_term("line\nbreak\ttab\rcr", "line\\x0abreak\\x09tab\\x0dcr");
	expect_term("del\x7f", "del\\x7f");
	/* A C1 control (CSI, U+009B) as its two bytes. */
	expect_term("c1\xc2\x9b"
		    "2J",
		    "c1\\xc2\\x9b"
		    "2J");
	/* Invalid UTF-8: a lone continuation byte, a cut sequence, 0xff. */
	expect_term("\x80|\xe2\x82|\xff", "\\x80|\\xe2\\x82|\\xff");
	/* A backslash is doubled, so that "\\x1b" in a name is not shown as
	 * an escape. */
	expect_term("a\\x1b", "a\\\\x1b");
	/* Text in any script is kept. */
	expect_term("\xe5\x9b\xbe-\xc3\xa9\xf0\x9f\x93\x88",
		    "\xe5\x9b\xbe-\xc3\xa9\xf0\x9f\x93\x88");
	expect_term(NULL, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_special_characters),
		cmocka_unit_test(html_control_characters),
		cmocka_unit_test(html_invalid_utf8),
		cmocka_unit_test(markdown_escaping),
		cmocka_unit_test(terminal_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
