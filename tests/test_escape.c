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

static void expect_term(const char *in, const char *want)
{
	tt_buf b = TT_BUF_INIT;
	tt_term_escape(&b, in);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("terminal text of '%s': got '%s', want '%s'", in, b.data ? b.data : "",
			 want);
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

static void terminal_escaping(void **state)
{
	(void)state;
	/* Escape sequences, line breaks and tabs cannot reach the terminal:
	 * a lot id or a reason stays on its line and moves nothing. */
	expect_term("SH-007\x1B[2J\x1B]0;x\x07", "SH-007?[2J?]0;x?");
	expect_term("a\nb\tc\rd", "a?b?c?d");
	expect_term("a\x7F"
		    "b\xC2\x9B"
		    "c",
		    "a?b?c");
	/* Text as it is, UTF-8 included; bad bytes replaced. */
	expect_term("viability <70 % & \xC3\xA9\xE2\x80\xA6",
		    "viability <70 % & \xC3\xA9\xE2\x80\xA6");
	expect_term("a\xFF"
		    "b",
		    "a\xEF\xBF\xBD"
		    "b");
	expect_term("\xC0\xBC", "\xEF\xBF\xBD\xEF\xBF\xBD");
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
