/*
 * test_plot.c - the gnuplot script writer, the escaping of user strings,
 * and (when gnuplot is installed) the figures gnuplot draws from it.
 *
 * The run drawn is the synthetic one of plot_fixture.h.  Expected numbers
 * come from the definitions in plot.h (the forest plot's margin scale) or
 * from the fixture itself; the SVG checks count what gnuplot drew.
 */
#include "support.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot_fixture.h"
#include "tt/base/error.h"
#include "tt/plot/plot.h"
#include "tt/base/util.h"

/* The templates the tests draw with: those of this source tree. */
#define SOURCE_TEMPLATES TT_SOURCE_DIR_FOR_TESTS "/plots"

static const char not_found_message[] = "gnuplot not found; install gnuplot or run with --no-plots";

/* ---- helpers ---- */

static char *escape(const char *user)
{
	tt_buf b = TT_BUF_INIT;
	tt_plot_escape(&b, user);
	return tt_buf_detach(&b);
}

static void check_escape(const char *user, const char *want)
{
	char *got = escape(user);
	if (strcmp(got, want) != 0)
		fail_msg("escape(\"%s\") gave [%s], expected [%s]", user, got, want);
	free(got);
}

static plot_fixture *new_fixture(void)
{
	plot_fixture *f = tt_xcalloc(1, sizeof *f);
	plot_fixture_init(f);
	return f;
}

/* The script for a run, or NULL with *rc set. */
static char *capture(const tt_run *run, const char *dir, const tt_plot_options *opt, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	*rc = tt_plot_write_script(f, run, dir, opt);
	fclose(f);
	if (*rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The part of the script that draws one file: from its "# ---- FILE" line
 * to the next figure (a new string). */
static char *section(const char *script, const char *file)
{
	char head[256];
	snprintf(head, sizeof head, "\n# ---- %s\n", file);
	const char *a = strstr(script, head);
	if (!a)
		fail_msg("no figure '%s' in the script", file);
	const char *b = strstr(a + strlen(head), "\n# ---- ");
	return tt_xstrndup(a, b ? (size_t)(b - a) : strlen(a));
}

/* The line "name = VALUE" in a section: VALUE as text (a new string). */
static char *var(const char *sec, const char *name)
{
	char head[128];
	snprintf(head, sizeof head, "\n%s = ", name);
	const char *a = strstr(sec, head);
	if (!a)
		fail_msg("no variable '%s'", name);
	a += strlen(head);
	return tt_xstrndup(a, strcspn(a, "\n"));
}

static double var_num(const char *sec, const char *name)
{
	char *v = var(sec, name);
	double d = strtod(v, NULL);
	free(v);
	return d;
}

/* Row `row` (0-based) of datablock $name in a section, parsed into up to
 * 5 numbers; returns how many. */
static int block_row(const char *sec, const char *name, size_t row, double *out)
{
	char head[128];
	snprintf(head, sizeof head, "\n$%s << EOD\n", name);
	const char *a = strstr(sec, head);
	if (!a)
		fail_msg("no datablock '%s'", name);
	a += strlen(head);
	for (size_t i = 0; i < row; i++) {
		if (strncmp(a, "EOD\n", 4) == 0)
			fail_msg("datablock '%s' has only %zu rows", name, i);
		a = strchr(a, '\n') + 1;
	}
	if (strncmp(a, "EOD\n", 4) == 0)
		fail_msg("datablock '%s' has only %zu rows", name, row);
	int n = 0;
	char *end;
	while (n < 5 && *a != '\n') {
		out[n++] = strtod(a, &end);
		a = end;
		while (*a == ' ')
			a++;
	}
	return n;
}

static size_t block_rows(const char *sec, const char *name)
{
	char head[128];
	snprintf(head, sizeof head, "\n$%s << EOD\n", name);
	const char *a = strstr(sec, head);
	if (!a)
		fail_msg("no datablock '%s'", name);
	a += strlen(head);
	size_t n = 0;
	for (; strncmp(a, "EOD\n", 4) != 0; a = strchr(a, '\n') + 1)
		n += *a != '\n';
	return n;
}

static bool gnuplot_available(void)
{
	static int known = -1;
	if (known < 0) {
		const char *script = "exit\n";
		known = tt_plot_exec(script, strlen(script), NULL) == 0;
	}
	return known;
}

#define SKIP_WITHOUT_GNUPLOT()                                                                     \
	do {                                                                                       \
		if (!gnuplot_available()) {                                                        \
			print_message("gnuplot is not installed: skipping this test\n");           \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

static char *make_temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = tt_xasprintf("%s/tt-plot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_tree(const char *dir)
{
	char *cmd = tt_xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static char *read_text(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	if (tt_read_file(path, 64 * 1024 * 1024, &text, &len) != 0)
		fail_msg("cannot read '%s': %s", path, tt_error_last());
	return text;
}

/* ---- escaping ---- */

static void escape_plain_text(void **state)
{
	(void)state;
	check_escape("Viable cells", "'Viable cells'");
	check_escape("", "''");
	check_escape(NULL, "''");
	check_escape("Zellviabilit\xC3\xA4t \xE2\x89\xA5 70 %",
		     "'Zellviabilit\xC3\xA4t \xE2\x89\xA5 70 %'");
}

static void escape_doubles_quotes(void **state)
{
	(void)state;
	/* Quotes join on as "'", since gnuplot cannot read every '' (plot.h). */
	check_escape("it's", "'it' . \"'\" . 's'");
	check_escape("'", "\"'\"");
	check_escape("''", "\"'\" . \"'\"");
	check_escape("a''b'", "'a' . \"'\" . \"'\" . 'b' . \"'\"");
	check_escape("'; system(\"touch /tmp/pwned\") #",
		     "\"'\" . '; system(\"touch /tmp/pwned\") #'");
}

static void escape_keeps_gnuplot_metacharacters_literal(void **state)
{
	(void)state;
	/* Inside single quotes gnuplot expands none of these. */
	check_escape("`touch /tmp/pwned`", "'`touch /tmp/pwned`'");
	check_escape("$(touch /tmp/pwned)", "'$(touch /tmp/pwned)'");
	check_escape("@macro", "'@macro'");
	check_escape("C:\\lots\\", "'C:\\lots\\'");
	check_escape("\\n \\' \\\\", "'\\n \\' . \"'\" . ' \\\\'");
	check_escape("EOD", "'EOD'");
	check_escape("a^2_{x}&~", "'a^2_{x}&~'");
	check_escape("a; b # c", "'a; b # c'");
}

static void escape_blanks_control_characters(void **state)
{
	(void)state;
	check_escape("a\nb\rc\td\x7f"
		     "e",
		     "'a b c d e'");
	check_escape("x\nsystem 'touch /tmp/pwned'",
		     "'x system ' . \"'\" . 'touch /tmp/pwned' . \"'\"");
	check_escape("lot\n'\nsystem('id')",
		     "'lot ' . \"'\" . ' system(' . \"'\" . 'id' . \"'\" . ')'");
	check_escape("a\xC2\x85"
		     "b",
		     "'a b'"); /* U+0085 next line */
	check_escape("a\xE2\x80\xA8"
		     "b",
		     "'a b'"); /* U+2028 line separator */
	check_escape("a\xE2\x80\xAE"
		     "b",
		     "'a b'"); /* U+202E right-to-left override */
	check_escape("\x1b[31mred", "' [31mred'");
}

static void escape_replaces_invalid_utf8(void **state)
{
	(void)state;
	check_escape("a\xFF"
		     "b",
		     "'a\xEF\xBF\xBD"
		     "b'");
	/* An overlong '/' and a UTF-16 surrogate: one U+FFFD per byte. */
	check_escape("\xC0\xAF", "'\xEF\xBF\xBD\xEF\xBF\xBD'");
	check_escape("\xED\xA0\x80", "'\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD'");
	/* A sequence cut short at the end. */
	check_escape("ab\xE2\x82", "'ab\xEF\xBF\xBD\xEF\xBF\xBD'");
	/* A quote after a bad lead byte is still doubled. */
	check_escape("\xE2'", "'\xEF\xBF\xBD' . \"'\"");
}

static void escape_truncates_long_text(void **state)
{
	(void)state;
	char in[1200], want[1200];
	memset(in, 'x', 200);
	in[200] = '\0';
	want[0] = '\'';
	memset(want + 1, 'x', 200);
	strcpy(want + 201, "'");
	check_escape(in, want); /* exactly the limit: kept whole */

	memset(in, 'x', 201);
	in[201] = '\0';
	want[0] = '\'';
	memset(want + 1, 'x', 199);
	strcpy(want + 200, "\xE2\x80\xA6'");
	check_escape(in, want);

	/* Characters, not bytes: 300 two-byte characters keep 199. */
	for (int i = 0; i < 300; i++)
		memcpy(in + 2 * i, "\xC3\xA9", 2);
	in[600] = '\0';
	want[0] = '\'';
	for (int i = 0; i < 199; i++)
		memcpy(want + 1 + 2 * i, "\xC3\xA9", 2);
	strcpy(want + 1 + 398, "\xE2\x80\xA6'");
	check_escape(in, want);

	/* A quote is one character however it is escaped: 199 pieces "'"
	 * and the ellipsis, joined by 199 " . ". */
	memset(in, '\'', 250);
	in[250] = '\0';
	char *got = escape(in);
	assert_int_equal(strlen(got), 199 * 3 + 199 * 3 + 5);
	free(got);
}

/* Whether s is exactly one string expression as tt_plot_escape() writes
 * it: single-quoted pieces without a quote inside and "'" pieces, joined
 * by " . "; no control character, valid UTF-8, at most
 * TT_PLOT_MAX_LABEL characters. */
static void check_expr(const char *s, const char *input_label)
{
	size_t len = strlen(s), bad, chars = 0;
	const char *p = s;
	for (;;) {
		if (strncmp(p, "\"'\"", 3) == 0) {
			p += 3;
			chars++;
		} else if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			if (!end)
				fail_msg("%s: unterminated piece in [%s]", input_label, s);
			for (const char *q = p + 1; q < end; q++) {
				if ((unsigned char)*q < 0x20 || *q == 0x7F)
					fail_msg("%s: control character in [%s]", input_label, s);
				chars += ((unsigned char)*q & 0xC0) != 0x80;
			}
			p = end + 1;
		} else {
			fail_msg("%s: not a string piece at [%s] in [%s]", input_label, p, s);
		}
		if (*p == '\0')
			break;
		if (strncmp(p, " . ", 3) != 0)
			fail_msg("%s: junk after a piece: [%s] in [%s]", input_label, p, s);
		p += 3;
	}
	if (!tt_utf8_valid(s, len, &bad))
		fail_msg("%s: invalid UTF-8 at byte %zu", input_label, bad);
	if (chars > TT_PLOT_MAX_LABEL)
		fail_msg("%s: %zu characters", input_label, chars);
}

static void escape_random_bytes_give_one_string(void **state)
{
	(void)state;
	unsigned long long seed = 12345;
	char in[400], label[64];
	for (int t = 0; t < 5000; t++) {
		size_t n = (size_t)(fix_uniform(&seed) * 399);
		for (size_t i = 0; i < n; i++) {
			/* Weighted towards the characters that matter. */
			static const char special[] = "'\"`$@\\\n\r;#{}^_&~";
			double u = fix_uniform(&seed);
			if (u < 0.3)
				in[i] = special[(int)(fix_uniform(&seed) * (sizeof special - 1))];
			else
				in[i] = (char)(1 + (int)(fix_uniform(&seed) * 255));
		}
		in[n] = '\0';
		char *got = escape(in);
		snprintf(label, sizeof label, "random string %d", t);
		check_expr(got, label);
		free(got);
	}
}

/* ---- names ---- */

static void file_names(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	static const char *const want[FIX_CMPS] = {
		"01-viability-equivalence.svg",
		"02-car-positive-quality-range.svg",
		"03-cd4-cd8-ratio-tolerance-interval.svg",
		"04-tscm-fraction-min-max.svg",
		"05-phenotype-tem-graphical.svg",
		"06-vcn-equivalence.svg",
		"07-cytotoxicity-profile.svg",
		"08-potency-stability.svg",
	};
	for (size_t i = 0; i < FIX_CMPS; i++) {
		char *name = tt_plot_file_name(&f->res[i], i);
		assert_non_null(name);
		assert_string_equal(name, want[i]);
		free(name);
	}
	char *name = tt_plot_file_name(&f->res[0], 11);
	assert_string_equal(name, "12-viability-equivalence.svg");
	free(name);
	name = tt_plot_file_name(&f->res[0], 122);
	assert_string_equal(name, "123-viability-equivalence.svg");
	free(name);

	/* Anything outside [a-z0-9] becomes one '-'. */
	f->cmps[4].attribute = (char *)"../Odd ID/'$x`";
	name = tt_plot_file_name(&f->res[4], 4);
	assert_string_equal(name, "05-odd-id-x-graphical.svg");
	free(name);
	f->cmps[4].attribute = (char *)"%%";
	name = tt_plot_file_name(&f->res[4], 4);
	assert_string_equal(name, "05-attribute-graphical.svg");
	free(name);

	/* No values, no figure. */
	f->res[1].source.n = 0;
	f->res[1].receiving.n = 0;
	assert_null(tt_plot_file_name(&f->res[1], 1));
	f->res[6].profile = NULL;
	assert_null(tt_plot_file_name(&f->res[6], 6));

	assert_true(tt_plot_has_forest(&f->run));
	f->res[0].has_tost = false;
	f->res[5].has_tost = false;
	assert_true(tt_plot_has_forest(&f->run)); /* the stability margin */
	f->stab.has_margin = false;
	assert_false(tt_plot_has_forest(&f->run));
	free(f);
}

/* ---- the script ---- */

static void script_has_one_output_per_figure(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	char *s = capture(&f->run, "/tmp/x'y", NULL, &rc);
	assert_int_equal(rc, 0);
	/* The forest plot and one figure per comparison. */
	assert_int_equal(count(s, "\nset output "), 9);
	assert_int_equal(count(s, "\nunset output\n"), 9);
	assert_int_equal(count(s, "\nset terminal svg "), 9);
	assert_int_equal(count(s, " dynamic noenhanced font tt_font "), 9);
	assert_int_equal(count(s, "\nreset\n"), 9);
	assert_non_null(strstr(s, "\nset output '/tmp/x' . \"'\" . 'y/forest.svg'\n"));
	for (size_t i = 0; i < FIX_CMPS; i++) {
		char *name = tt_plot_file_name(&f->res[i], i);
		char *line = tt_xasprintf("\nset output '/tmp/x' . \"'\" . 'y/%s'\n", name);
		if (!strstr(s, line))
			fail_msg("no line [%s]", line + 1);
		free(line);
		free(name);
	}
	/* Each SVG gets its own name, for its ids when inlined in HTML. */
	assert_non_null(strstr(s, " name 'tt_02_car_positive_quality_range'\n"));
	assert_non_null(strstr(s, " name 'tt_forest'\n"));
	free(s);
	free(f);
}

static void script_datablocks_hold_numbers_only(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	char *s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);
	size_t blocks = 0, rows = 0;
	for (const char *p = strstr(s, " << EOD\n"); p; p = strstr(p, " << EOD\n")) {
		p += strlen(" << EOD\n");
		blocks++;
		while (strncmp(p, "EOD\n", 4) != 0) {
			const char *end = strchr(p, '\n');
			assert_non_null(end);
			const char *q = p;
			while (q < end) {
				char *e;
				if (strncmp(q, "NaN", 3) == 0)
					q += 3;
				else {
					strtod(q, &e);
					if (e == q)
						fail_msg("not a number in a datablock: [%.*s]",
							 (int)(end - p), p);
					q = e;
				}
				if (q < end && *q != ' ')
					fail_msg("junk in a datablock: [%.*s]", (int)(end - p), p);
				while (q < end && *q == ' ')
					q++;
			}
			rows += end > p;
			p = end + 1;
		}
	}
	/* Six lot-level figures with 6 blocks each, the forest 1, the profile
	 * 4, the stability figure 5. */
	assert_int_equal(blocks, 6 * 6 + 1 + 4 + 5);
	assert_true(rows > 150);
	free(s);
	free(f);
}

static void script_lots_follow_dates(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	char *s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);
	char *sec = section(s, "02-car-positive-quality-range.svg");
	/* Source lots on the 10th of every month from January, receiving lots
	 * on the 20th from July (plot_fixture.h): SH-001..SH-007, RTP-001,
	 * SH-008, RTP-002, ... */
	assert_non_null(strstr(sec, "\nlot_label[1] = 'SH-001'\n"));
	assert_non_null(strstr(sec, "\nlot_label[7] = 'SH-007'\n"));
	assert_non_null(strstr(sec, "\nlot_label[8] = 'RTP-001'\n"));
	assert_non_null(strstr(sec, "\nlot_label[9] = 'SH-008'\n"));
	assert_non_null(strstr(sec, "\nlot_label[20] = 'RTP-008'\n"));
	assert_true(var_num(sec, "n_lots") == 20);
	char *x = var(sec, "xlabel_text");
	assert_string_equal(x, "'lot, by date'");
	free(x);
	double row[5];
	assert_int_equal(block_row(sec, "receiving", 0, row), 2);
	assert_true(row[0] == 8);
	tt_assert_rel(row[1], f->lots[1][1][0].value, 1e-9, "first receiving lot's value");
	assert_int_equal(block_rows(sec, "source"), 12);
	assert_int_equal(block_rows(sec, "receiving"), 8);
	free(sec);
	free(s);

	/* One lot without a date: source lots first, in file order. */
	f->lots[1][1][3].date = NULL;
	s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);
	sec = section(s, "02-car-positive-quality-range.svg");
	assert_non_null(strstr(sec, "\nlot_label[12] = 'SH-012'\n"));
	assert_non_null(strstr(sec, "\nlot_label[13] = 'RTP-001'\n"));
	assert_int_equal(block_row(sec, "receiving", 0, row), 2);
	assert_true(row[0] == 13);
	free(sec);
	free(s);
	free(f);
}

static void script_forest_rows_on_margin_scale(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	char *s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);
	char *sec = section(s, "forest.svg");
	assert_true(var_num(sec, "n_rows") == 3);
	assert_true(var_num(sec, "n_pass") == 3);
	assert_true(var_num(sec, "n_fail") == 0);
	double r[5];
	/* Viability: difference -0.8, CI (-3.1, 1.5), margin +/-3.15 (fixture);
	 * the margin scale divides by the margin (plot.h). */
	assert_int_equal(block_row(sec, "forest", 0, r), 5);
	assert_true(r[0] == 1);
	tt_assert_rel(r[1], -0.8 / 3.15, 1e-9, "viability estimate / margin");
	tt_assert_rel(r[2], -3.1 / 3.15, 1e-9, "viability CI lower / margin");
	tt_assert_rel(r[3], 1.5 / 3.15, 1e-9, "viability CI upper / margin");
	assert_true(r[4] == 0);
	/* VCN: ratio 0.95, CI (0.82, 1.1), margin (0.8, 1.25): divided on the
	 * ln scale, ln(0.95) / -ln(0.8) below 1, ln(1.1) / ln(1.25) above. */
	assert_int_equal(block_row(sec, "forest", 1, r), 5);
	tt_assert_rel(r[1], log(0.95) / -log(0.8), 1e-9, "vcn ln ratio / ln margin");
	tt_assert_rel(r[2], log(0.82) / -log(0.8), 1e-9, "vcn CI lower on the margin scale");
	tt_assert_rel(r[3], log(1.1) / log(1.25), 1e-9, "vcn CI upper on the margin scale");
	/* Potency slopes: margin +/-0.8. */
	assert_int_equal(block_row(sec, "forest", 2, r), 5);
	tt_assert_rel(r[1], f->stab.slope_difference / 0.8, 1e-9, "slope difference / margin");
	tt_assert_rel(r[2], f->stab.ci_lower / 0.8, 1e-9, "slope CI lower / margin");
	assert_int_equal(block_rows(sec, "forest"), 3);
	assert_non_null(strstr(sec, "\nrow_label[1] = 'Viable cells'\n"));
	assert_non_null(strstr(sec, "\nrow_label[3] = 'Potency (IFN-g release), slope'\n"));
	assert_non_null(strstr(sec, "\nrow_text[1] = '-0.8 (-3.1 to 1.5); \xC2\xB1"
				    "3.15 %'\n"));
	assert_non_null(strstr(sec, "\nrow_text[2] = '0.95 (0.82 to 1.1); 0.8 to 1.25'\n"));
	free(sec);
	free(s);

	/* A failing row far outside its margins: cut at 4 on the axis. */
	f->res[0].outcome = TT_OUTCOME_FAIL;
	f->res[0].tost.ci_upper = 40;
	s = capture(&f->run, "/tmp/plots", NULL, &rc);
	sec = section(s, "forest.svg");
	assert_true(var_num(sec, "n_fail") == 1);
	block_row(sec, "forest", 0, r);
	assert_true(r[3] == 4);
	assert_true(r[4] == 1);
	assert_true(var_num(sec, "x_lim") == 5); /* 4 x 1.15 rounded up to a half */
	free(sec);
	free(s);
	free(f);
}

static void script_ranges_specs_and_log_axes(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	char *s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);

	/* Min-max: the one receiving lot below the source minimum is marked. */
	char *sec = section(s, "04-tscm-fraction-min-max.svg");
	assert_true(var_num(sec, "n_outside") == 1);
	assert_true(var_num(sec, "has_band") == 1);
	double r[5];
	block_row(sec, "outside", 0, r);
	tt_assert_rel(r[1], f->lots[3][1][2].value, 1e-9, "the outlying lot's value");
	block_row(sec, "band", 0, r);
	tt_assert_rel(r[1], f->res[3].range.lower, 1e-9, "band lower = source minimum");
	tt_assert_rel(r[2], f->res[3].range.upper, 1e-9, "band upper = source maximum");
	assert_true(var_num(sec, "has_spec_min") == 0);
	assert_true(var_num(sec, "y_min") < r[1] - 1.2);
	free(sec);

	/* Equivalence: means, no band, the spec minimum. */
	sec = section(s, "01-viability-equivalence.svg");
	assert_true(var_num(sec, "has_band") == 0);
	assert_true(var_num(sec, "has_means") == 1);
	assert_true(var_num(sec, "has_spec_min") == 1);
	assert_true(var_num(sec, "has_spec_max") == 0);
	char *v = var(sec, "spec_label");
	assert_string_equal(v, "'specification \xE2\x89\xA5 70 %'");
	free(v);
	v = var(sec, "source_label");
	assert_string_equal(v, "'source: Shanghai GMP facility (10 lots)'");
	free(v);
	v = var(sec, "ylabel_text");
	assert_string_equal(v, "'Viable cells (%)'");
	free(v);
	assert_true(var_num(sec, "y_min") < 70);
	assert_true(var_num(sec, "log_y") == 0);
	block_row(sec, "means", 0, r);
	tt_assert_rel(r[1], f->res[0].source.describe.mean, 1e-9, "source mean line");
	free(sec);

	/* VCN: log axis with tics inside the decade, geometric means. */
	sec = section(s, "06-vcn-equivalence.svg");
	assert_true(var_num(sec, "log_y") == 1);
	assert_true(var_num(sec, "n_ytics") >= 3);
	assert_non_null(strstr(sec, "\nytic_value[1] = "));
	block_row(sec, "means", 0, r);
	tt_assert_rel(r[1], f->res[5].source.geometric_mean, 1e-9, "geometric mean line");
	v = var(sec, "ylabel_text");
	assert_string_equal(v, "'Vector copy number (copies/cell, log scale)'");
	free(v);
	free(sec);

	/* Tolerance interval, one-sided lower: the band, open above as the
	 * engine leaves it in the range, reaches the top. */
	f->cmps[2].sides = 1;
	f->cmps[2].direction = TT_DIRECTION_LOWER;
	fix_range(&f->res[2], f->res[2].ti.lower, INFINITY);
	free(s);
	s = capture(&f->run, "/tmp/plots", NULL, &rc);
	sec = section(s, "03-cd4-cd8-ratio-tolerance-interval.svg");
	block_row(sec, "band", 0, r);
	tt_assert_rel(r[1], f->res[2].ti.lower, 1e-9, "one-sided band lower");
	tt_assert_rel(r[2], var_num(sec, "y_max"), 1e-9, "one-sided band reaches the axis");
	free(sec);

	/* Stability: fits as segments, shelf lives. */
	sec = section(s, "08-potency-stability.svg");
	assert_true(var_num(sec, "has_shelf_source") == 1);
	tt_assert_rel(var_num(sec, "shelf_receiving"), 24.5, 1e-12, "receiving shelf life");
	assert_int_equal(block_rows(sec, "source_fits"), 2 * FIX_STAB_LOTS);
	assert_int_equal(block_rows(sec, "receiving_points"), FIX_STAB_LOTS * FIX_STAB_POINTS);
	v = var(sec, "shelf_source_text");
	assert_string_equal(v, "'source shelf life 27.1 months'");
	free(v);
	free(sec);

	/* Profile: every lot's curve. */
	sec = section(s, "07-cytotoxicity-profile.svg");
	assert_int_equal(block_rows(sec, "source_lots"), FIX_PROFILE_N * FIX_PROFILE_P);
	assert_int_equal(block_rows(sec, "receiving_mean"), FIX_PROFILE_P);
	v = var(sec, "subtitle_text");
	assert_string_equal(v, "'f2 = 71.4 (similar when f2 \xE2\x89\xA5 50) \xE2\x80\x94 pass'");
	free(v);
	free(sec);
	free(s);
	free(f);
}

/* Strings written into a user's files to attack the script; the PWNED
 * paths are filled in with a temporary folder. */
typedef struct hostile {
	char dir[256];
	char s[8][512];
} hostile;

static void make_hostile(plot_fixture *f, hostile *h, const char *dir)
{
	snprintf(h->dir, sizeof h->dir, "%s", dir);
	snprintf(h->s[0], sizeof h->s[0], "'; system(\"touch %s/pwned1\") #", dir);
	snprintf(h->s[1], sizeof h->s[1], "`touch %s/pwned2`", dir);
	snprintf(h->s[2], sizeof h->s[2], "$(touch %s/pwned3)", dir);
	snprintf(h->s[3], sizeof h->s[3], "x\nsystem 'touch %s/pwned4'\n", dir);
	snprintf(h->s[4], sizeof h->s[4], "EOD");
	snprintf(h->s[5], sizeof h->s[5], "@pwned_macro \\ <script>alert('pwned')</script> &amp;");
	snprintf(h->s[6], sizeof h->s[6], "\\'\n!touch %s/pwned5\n", dir);
	memset(h->s[7], 'W', 400);
	memcpy(h->s[7] + 300, "'pwned", 6);
	h->s[7][400] = '\0';

	for (int c = 0; c < FIX_CMPS; c++) {
		f->attrs[c].name = h->s[c % 8];
		f->attrs[c].unit = h->s[(c + 1) % 8];
	}
	f->source_spec.site.name = h->s[0];
	f->receiving_spec.site.name = h->s[3];
	for (int s = 0; s < 2; s++)
		for (int i = 0; i < FIX_LOTS; i++)
			for (int c = 0; c < FIX_CMPS; c++)
				f->lots[c][s][i].lot = h->s[(i + s) % 8];
	f->res[3].reason = h->s[6];
	f->stab_table[0].time_unit = h->s[1];
}

static void script_hostile_strings_stay_quoted(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	hostile h;
	make_hostile(f, &h, "/tmp/tt-no-such-dir");
	int rc;
	char *s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(rc, 0);

	/* Every line that carries a hostile string assigns one string
	 * expression as tt_plot_escape() writes it. */
	regex_t re;
	assert_int_equal(regcomp(&re, "^[a-z_]+(\\[[0-9]+\\])? = ", REG_EXTENDED), 0);
	size_t lines = 0;
	for (char *p = s; *p;) {
		char *end = strchr(p, '\n');
		assert_non_null(end);
		*end = '\0';
		if (strstr(p, "pwned") || strstr(p, "EOD'")) {
			lines++;
			if (regexec(&re, p, 0, NULL, 0) != 0)
				fail_msg("a hostile string outside a literal: [%s]", p);
			check_expr(strstr(p, " = ") + 3, "script line");
		}
		for (char *q = p; *q; q++)
			if ((unsigned char)*q < 0x20 && *q != '\t')
				fail_msg("control character in the script: [%s]", p);
		*end = '\n';
		p = end + 1;
	}
	regfree(&re);
	assert_true(lines > 100);
	/* No line of the script is a datablock end except the real ones. */
	assert_int_equal(count(s, "\nEOD\n"), count(s, " << EOD\n"));
	free(s);
	free(f);
}

static void script_errors(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	int rc;
	tt_plot_options opt = TT_PLOT_OPTIONS_INIT;
	opt.templates_dir = "/nonexistent/tt-plots";
	char *s = capture(&f->run, "/tmp/plots", &opt, &rc);
	assert_null(s);
	assert_int_equal(rc, TT_EENV);
	assert_non_null(strstr(tt_error_last(), "'/nonexistent/tt-plots/common.gp'"));
	assert_non_null(strstr(tt_error_last(), "--no-plots"));

	/* TT_PLOTS_DIR is the default folder of the templates. */
	assert_int_equal(setenv("TT_PLOTS_DIR", "/nonexistent/from-env", 1), 0);
	s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_null(s);
	assert_int_equal(rc, TT_EENV);
	assert_non_null(strstr(tt_error_last(), "'/nonexistent/from-env/common.gp'"));

	/* Without it, the folders beside the program: this test's folder has
	 * none, and the message names both places and the variable. */
	unsetenv("TT_PLOTS_DIR");
	s = capture(&f->run, "/tmp/plots", NULL, &rc);
	assert_int_equal(setenv("TT_PLOTS_DIR", SOURCE_TEMPLATES, 1), 0);
	assert_null(s);
	assert_int_equal(rc, TT_EENV);
	assert_non_null(strstr(tt_error_last(), "cannot find tt's plot templates in '"));
	assert_non_null(strstr(tt_error_last(), "/share/tt/plots' or '"));
	assert_non_null(strstr(tt_error_last(), "/tests/plots'; set TT_PLOTS_DIR"));

	s = capture(&f->run, "/tmp/a\nb", NULL, &rc);
	assert_null(s);
	assert_int_equal(rc, TT_EINVAL);
	s = capture(&f->run, "", NULL, &rc);
	assert_null(s);
	assert_int_equal(rc, TT_EINVAL);
	free(f);
}

static void templates_exist(void **state)
{
	(void)state;
	static const char *const names[] = { "common.gp",  "forest.gp",    "lots.gp",
					     "profile.gp", "stability.gp", "lines.gp" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = tt_xasprintf("%s/plots/%s", TT_SOURCE_DIR_FOR_TESTS, names[i]);
		if (!tt_path_is_file(path))
			fail_msg("missing template '%s'", path);
		free(path);
	}
}

/* Two OC charts as tt plan draws them. */
static const double oc_x[] = { 0, 0.25, 0.5, 0.75, 1 };
static const double oc_y1[] = { 0.92, 0.85, 0.62, 0.3, 0.08 };
static const double oc_y2[] = { 0.71, 0.6, NAN, 0.2, 0.05 };

static void oc_charts(tt_plot_line_chart *c, tt_plot_series *series)
{
	series[0] = (tt_plot_series){ "10 and 6 lots", 5, oc_x, oc_y1 };
	series[1] = (tt_plot_series){ "sd ratio 1.5 'x'", 5, oc_x, oc_y2 };
	memset(c, 0, 2 * sizeof *c);
	c[0].file_name = "oc-01-viability.svg";
	c[0].title = "Viable cells: probability of passing";
	c[0].subtitle = "equivalence, margin 1.5 SD";
	c[0].x_label = "true difference (source SD)";
	c[0].y_label = "probability of passing";
	c[0].series = series;
	c[0].n_series = 2;
	c[0].has_y_range = true;
	c[0].y_min = 0;
	c[0].y_max = 1;
	c[0].has_reference = true;
	c[0].reference_y = 0.8;
	c[0].reference_label = "80%";
	c[1] = c[0];
	c[1].file_name = "oc-02-empty.svg";
	c[1].n_series = 0;
	c[1].has_reference = false;
}

static void script_oc_curves(void **state)
{
	(void)state;
	tt_plot_line_chart c[2];
	tt_plot_series series[2];
	oc_charts(c, series);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_int_equal(tt_plot_oc_curves(f, c, 2, "/tmp/plots", NULL), 0);
	fclose(f);
	assert_int_equal(count(text, "\nset output "), 2);
	assert_non_null(strstr(text, "\nset output '/tmp/plots/oc-01-viability.svg'\n"));
	char *sec = section(text, "oc-01-viability.svg");
	assert_non_null(strstr(sec, "\nseries_label[2] = 'sd ratio 1.5 ' . \"'\" . 'x' . \"'\"\n"));
	assert_true(var_num(sec, "n_series") == 2);
	/* Series are separated by two blank lines (gnuplot's index). */
	assert_non_null(strstr(sec, "1 0.08\n\n\n0 0.71\n"));
	/* A missing point breaks the line. */
	assert_non_null(strstr(sec, "\n0.25 0.6\nNaN NaN\n0.75 0.2\n"));
	double r[5];
	assert_int_equal(block_row(sec, "reference", 1, r), 2);
	assert_true(r[0] == 1 && r[1] == 0.8);
	free(sec);
	free(text);

	c[1].file_name = "../escape.svg";
	f = open_memstream(&text, &len);
	assert_int_equal(tt_plot_oc_curves(f, c, 2, "/tmp/plots", NULL), TT_EINVAL);
	fclose(f);
	free(text);
}

/* ---- with gnuplot ---- */

/* Checks an SVG file gnuplot wrote; returns its text. */
static char *check_svg(const char *dir, const char *file)
{
	char *path = tt_xasprintf("%s/%s", dir, file);
	if (!tt_path_is_file(path))
		fail_msg("no figure '%s'", path);
	char *svg = read_text(path);
	free(path);
	if (strncmp(svg, "<?xml", 5) != 0 && strncmp(svg, "<svg", 4) != 0)
		fail_msg("%s does not start as an SVG", file);
	size_t len = strlen(svg);
	while (len > 0 && (svg[len - 1] == '\n' || svg[len - 1] == ' '))
		len--;
	if (len < 6 || strncmp(svg + len - 6, "</svg>", 6) != 0)
		fail_msg("%s does not end with </svg>", file);
	if (count(svg, "<path") == 0)
		fail_msg("%s draws nothing", file);
	return svg;
}

static void run_draws_every_figure(void **state)
{
	(void)state;
	SKIP_WITHOUT_GNUPLOT();
	plot_fixture *f = new_fixture();
	char *dir = make_temp_dir();
	int rc = tt_plot_run(&f->run, dir, NULL);
	if (rc)
		fail_msg("tt_plot_run: %s", tt_error_last());

	/* Points are drawn as <use> of gnuplot's point symbols: pt 7 (source)
	 * is gpPt6, pt 9 (receiving) gpPt8; one more each for the key. */
	char *svg = check_svg(dir, "02-car-positive-quality-range.svg");
	assert_int_equal(count(svg, "#gpPt6'"), 12 + 1);
	assert_int_equal(count(svg, "#gpPt8'"), 8 + 1);
	assert_non_null(strstr(svg, ">RTP-008</text>"));
	assert_non_null(strstr(svg, "source: Shanghai GMP facility (12 lots)"));
	free(svg);
	svg = check_svg(dir, "forest.svg");
	assert_int_equal(count(svg, "#gpPt6'"), 3 + 1); /* three passing rows */
	assert_non_null(strstr(svg, ">Vector copy number</text>"));
	free(svg);
	svg = check_svg(dir, "04-tscm-fraction-min-max.svg");
	assert_int_equal(count(svg, "#gpPt5'"), 1 + 1 + 1); /* outside mark, key, defs */
	free(svg);
	svg = check_svg(dir, "06-vcn-equivalence.svg");
	assert_non_null(strstr(svg, ">1.5</text>")); /* a tic inside the decade */
	free(svg);
	for (size_t i = 0; i < FIX_CMPS; i++) {
		char *name = tt_plot_file_name(&f->res[i], i);
		free(check_svg(dir, name));
		free(name);
	}

	/* gnuplot had nothing to warn about either. */
	char *script_path = tt_xasprintf("%s/script.gp", dir);
	char *err_path = tt_xasprintf("%s/stderr.txt", dir);
	FILE *out = fopen(script_path, "w");
	assert_non_null(out);
	assert_int_equal(tt_plot_write_script(out, &f->run, dir, NULL), 0);
	fclose(out);
	char *cmd = tt_xasprintf("gnuplot -d '%s' 2>'%s'", script_path, err_path);
	assert_int_equal(system(cmd), 0);
	char *err = read_text(err_path);
	if (*err)
		fail_msg("gnuplot warned: %s", err);
	free(err);
	free(cmd);
	free(err_path);
	free(script_path);

	remove_tree(dir);
	free(dir);
	free(f);
}

static void run_with_hostile_strings(void **state)
{
	(void)state;
	SKIP_WITHOUT_GNUPLOT();
	plot_fixture *f = new_fixture();
	char *dir = make_temp_dir();
	hostile h;
	make_hostile(f, &h, dir);
	int rc = tt_plot_run(&f->run, dir, NULL);
	if (rc)
		fail_msg("tt_plot_run: %s", tt_error_last());
	for (int i = 1; i <= 5; i++) {
		char *path = tt_xasprintf("%s/pwned%d", dir, i);
		if (tt_path_exists(path))
			fail_msg("a hostile label ran a command: '%s' exists", path);
		free(path);
	}
	char *svg = check_svg(dir, "04-tscm-fraction-min-max.svg");
	/* gnuplot escapes markup in text, so the SVG can be inlined. */
	assert_null(strstr(svg, "<script"));
	assert_non_null(strstr(svg, "&lt;script>"));
	free(svg);
	for (size_t i = 0; i < FIX_CMPS; i++) {
		char *name = tt_plot_file_name(&f->res[i], i);
		free(check_svg(dir, name));
		free(name);
	}
	free(check_svg(dir, "forest.svg"));
	remove_tree(dir);
	free(dir);
	free(f);
}

static void run_reports_missing_gnuplot(void **state)
{
	(void)state;
	plot_fixture *f = new_fixture();
	char *dir = make_temp_dir();
	char *empty = tt_xasprintf("%s/empty-bin", dir);
	assert_int_equal(mkdir(empty, 0700), 0);
	const char *old = getenv("PATH");
	char *saved = tt_xstrdup(old ? old : "/usr/bin:/bin");
	assert_int_equal(setenv("PATH", empty, 1), 0);
	int rc = tt_plot_run(&f->run, dir, NULL);
	const char *msg = tt_xstrdup(tt_error_last());
	assert_int_equal(setenv("PATH", saved, 1), 0);
	assert_int_equal(rc, TT_EENV);
	assert_string_equal(msg, not_found_message);
	free((char *)msg);

	tt_plot_options opt = TT_PLOT_OPTIONS_INIT;
	opt.gnuplot = "tt-no-such-gnuplot";
	assert_int_equal(tt_plot_run(&f->run, dir, &opt), TT_EENV);
	assert_string_equal(tt_error_last(), not_found_message);

	/* Nothing to draw: gnuplot is not needed. */
	f->run.n_comparisons = 0;
	assert_int_equal(tt_plot_run(&f->run, dir, &opt), 0);
	f->run.n_comparisons = FIX_CMPS;

	/* A plots folder that does not exist. */
	char *gone = tt_xasprintf("%s/gone", dir);
	assert_int_equal(tt_plot_run(&f->run, gone, NULL), TT_EENV);
	assert_non_null(strstr(tt_error_last(), "does not exist"));
	free(gone);

	remove_tree(dir);
	free(saved);
	free(empty);
	free(dir);
	free(f);
}

static void run_reports_gnuplot_errors(void **state)
{
	(void)state;
	SKIP_WITHOUT_GNUPLOT();
	plot_fixture *f = new_fixture();
	char *dir = make_temp_dir();
	static const char *const names[] = { "common.gp",  "forest.gp",    "lots.gp",
					     "profile.gp", "stability.gp", "lines.gp" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *from = tt_xasprintf("%s/plots/%s", TT_SOURCE_DIR_FOR_TESTS, names[i]);
		char *to = tt_xasprintf("%s/%s", dir, names[i]);
		char *text = read_text(from);
		FILE *out = fopen(to, "w");
		assert_non_null(out);
		fputs(strcmp(names[i], "lots.gp") == 0 ? "plot no_such_function_xyz(x)\n" : text,
		      out);
		fclose(out);
		free(text);
		free(to);
		free(from);
	}
	tt_plot_options opt = TT_PLOT_OPTIONS_INIT;
	opt.templates_dir = dir;
	assert_int_equal(tt_plot_run(&f->run, dir, &opt), TT_EENV);
	const char *msg = tt_error_last();
	if (strncmp(msg, "gnuplot failed with exit status 1: ", 35) != 0 ||
	    !strstr(msg, "undefined function: no_such_function_xyz") ||
	    !strstr(msg, " is: plot no_such_function_xyz(x)"))
		fail_msg("unexpected message: %s", msg);
	assert_null(strchr(msg, '\n'));
	remove_tree(dir);
	free(dir);
	free(f);
}

static void exec_survives_gnuplot_dying_early(void **state)
{
	(void)state;
	SKIP_WITHOUT_GNUPLOT();
	/* gnuplot stops at the error on line 1 while megabytes of script are
	 * still to come: tt must see EPIPE, not die of SIGPIPE. */
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "plot no_such_function_xyz(x)\n");
	while (b.len < 4 * 1024 * 1024)
		tt_buf_puts(&b, "# a comment line that gnuplot never reads, to fill the pipe\n");
	int rc = tt_plot_exec(b.data, b.len, NULL);
	assert_int_equal(rc, TT_EENV);
	assert_non_null(
		strstr(tt_error_last(), "line 1: undefined function: no_such_function_xyz"));
	tt_buf_free(&b);

	/* The caller's signal mask is as it was. */
	sigset_t mask;
	pthread_sigmask(SIG_SETMASK, NULL, &mask);
	assert_false(sigismember(&mask, SIGPIPE));
	sigpending(&mask);
	assert_false(sigismember(&mask, SIGPIPE));
}

static void run_oc_curves(void **state)
{
	(void)state;
	SKIP_WITHOUT_GNUPLOT();
	tt_plot_line_chart c[2];
	tt_plot_series series[2];
	oc_charts(c, series);
	char *dir = make_temp_dir();
	int rc = tt_plot_run_oc_curves(c, 2, dir, NULL);
	if (rc)
		fail_msg("tt_plot_run_oc_curves: %s", tt_error_last());
	char *svg = check_svg(dir, "oc-01-viability.svg");
	assert_non_null(strstr(svg, ">sd ratio 1.5 'x'</text>"));
	free(svg);
	free(check_svg(dir, "oc-02-empty.svg"));
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	/* The templates of this source tree: beside the test program, in the
	 * build tree's tests/, there are none. */
	if (setenv("TT_PLOTS_DIR", SOURCE_TEMPLATES, 1) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_plain_text),
		cmocka_unit_test(escape_doubles_quotes),
		cmocka_unit_test(escape_keeps_gnuplot_metacharacters_literal),
		cmocka_unit_test(escape_blanks_control_characters),
		cmocka_unit_test(escape_replaces_invalid_utf8),
		cmocka_unit_test(escape_truncates_long_text),
		cmocka_unit_test(escape_random_bytes_give_one_string),
		cmocka_unit_test(file_names),
		cmocka_unit_test(script_has_one_output_per_figure),
		cmocka_unit_test(script_datablocks_hold_numbers_only),
		cmocka_unit_test(script_lots_follow_dates),
		cmocka_unit_test(script_forest_rows_on_margin_scale),
		cmocka_unit_test(script_ranges_specs_and_log_axes),
		cmocka_unit_test(script_hostile_strings_stay_quoted),
		cmocka_unit_test(script_errors),
		cmocka_unit_test(templates_exist),
		cmocka_unit_test(script_oc_curves),
		cmocka_unit_test(run_draws_every_figure),
		cmocka_unit_test(run_with_hostile_strings),
		cmocka_unit_test(run_reports_missing_gnuplot),
		cmocka_unit_test(run_reports_gnuplot_errors),
		cmocka_unit_test(exec_survives_gnuplot_dying_early),
		cmocka_unit_test(run_oc_curves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
