/*
 * test_audit.c - the audit trail: the command line quoted, entries
 * appended and chained, a trail made only when asked, every kind of break
 * found at its line (edited, removed, cut), links and cut trails refused;
 * and the time and user an entry records.
 */
#include "support.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "tt/app/audit.h"
#include "tt/base/hash.h"
#include "tt/base/journal.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"

static char dir[] = "/tmp/tt-audit-XXXXXX";
static char trail[4096], input[4096];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(trail, sizeof trail, "%s/study.audit", dir);
	snprintf(input, sizeof input, "%s/study.yaml", dir);
	FILE *f = fopen(input, "w");
	if (!f)
		return -1;
	fputs("study: {}\n", f);
	fclose(f);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tt_remove_tree(dir);
}

static int fresh(void **state)
{
	(void)state;
	unlink(trail);
	return 0;
}

static char *read_trail(void)
{
	char *bytes = NULL;
	size_t len;
	bool exists;
	assert_int_equal(tt_journal_read(trail, &bytes, &len, &exists), 0);
	assert_true(exists);
	return bytes;
}

static void write_trail(const char *text)
{
	FILE *f = fopen(trail, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int append(const char *command, int result, bool create)
{
	const char *inputs[2] = { input, "/nonexistent/file" };
	const char *outputs[1] = { input };
	tt_audit_record rec = { command, inputs, 2, outputs, 1, result };
	return tt_audit_append(trail, &rec, create);
}

static tt_audit_trail *check(void)
{
	tt_audit_trail *t = NULL;
	assert_int_equal(tt_audit_check(&t, trail), 0);
	assert_non_null(t);
	return t;
}

static void paths_and_quoting(void **state)
{
	(void)state;
	char *p = tt_audit_path("studies/x.yaml");
	assert_string_equal(p, "studies/x.audit");
	free(p);
	p = tt_audit_path("x.yml");
	assert_string_equal(p, "x.audit");
	free(p);
	p = tt_audit_path("x");
	assert_string_equal(p, "x.audit");
	free(p);
	char *argv[] = { "/usr/bin/tt",      "lock", "studies/x.yaml", "--reason",
			 "it's late; $HOME", "",     "a=b,c:d@e%f+g" };
	char *line = tt_audit_command_line(7, argv);
	assert_string_equal(line, "tt lock studies/x.yaml --reason 'it'\\''s late; $HOME' '' "
				  "a=b,c:d@e%f+g");
	free(line);
}

static void time_and_user(void **state)
{
	(void)state;
	char *t = tt_journal_time();
	assert_string_equal(t, "2023-11-14T22:13:20+00:00");
	free(t);
	/* Without SOURCE_DATE_EPOCH, the local time with its offset. */
	unsetenv("SOURCE_DATE_EPOCH");
	setenv("TZ", "UTC-8", 1);
	tzset();
	t = tt_journal_time();
	assert_int_equal(strlen(t), 25);
	assert_string_equal(t + 19, "+08:00");
	free(t);
	unsetenv("TZ");
	tzset();
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	/* The login name, not $USER, which is only for a user the system
	 * cannot name. */
	setenv("USER", "someone-else", 1);
	char *u = tt_journal_user();
	const struct passwd *pw = getpwuid(geteuid());
	assert_string_equal(u, pw ? pw->pw_name : "someone-else");
	free(u);
}

static void entries_chain(void **state)
{
	(void)state;
	/* Without create, a missing trail stays missing. */
	assert_int_equal(append("tt verify r", 0, false), 0);
	assert_false(tt_path_exists(trail));
	tt_audit_trail *t = NULL;
	assert_int_equal(tt_audit_check(&t, trail), 0);
	assert_null(t);

	assert_int_equal(append("tt lock study.yaml", 0, true), 0);
	assert_int_equal(append("tt run study.yaml", 1, true), 0);
	assert_int_equal(append("tt verify r", 0, false), 0);
	char *text = read_trail();
	char *second = strchr(text, '\n') + 1;

	/* Every key of an entry, in order, and the first prev null. */
	json_error_t err;
	json_t *o = json_loadb(text, (size_t)(second - text - 1), 0, &err);
	assert_non_null(o);
	static const char *const keys[] = { "time",       "user",      "host",   "command",
					    "tt_version", "tt_sha256", "inputs", "outputs",
					    "result",     "prev",      NULL };
	void *it = json_object_iter(o);
	for (int i = 0; keys[i]; i++, it = json_object_iter_next(o, it)) {
		assert_non_null(it);
		assert_string_equal(json_object_iter_key(it), keys[i]);
	}
	assert_null(it);
	assert_true(json_is_null(json_object_get(o, "prev")));
	assert_string_equal(json_string_value(json_object_get(o, "time")),
			    "2023-11-14T22:13:20+00:00");
	const json_t *in = json_object_get(o, "inputs");
	assert_int_equal(json_array_size(in), 2);
	char hex[TT_SHA256_HEX_LEN + 1];
	unsigned char digest[TT_SHA256_LEN];
	assert_int_equal(tt_sha256_file(input, digest), 0);
	assert_string_equal(json_string_value(json_object_get(json_array_get(in, 0), "sha256")),
			    tt_sha256_hex(digest, hex));
	assert_true(json_is_null(json_object_get(json_array_get(in, 1), "sha256")));
	json_decref(o);

	/* The second line's prev is the SHA-256 of the first, newline
	 * included. */
	assert_int_equal(tt_sha256(text, (size_t)(second - text), digest), 0);
	char want[80];
	snprintf(want, sizeof want, "\"prev\":\"%s\"}\n", tt_sha256_hex(digest, hex));
	assert_non_null(strstr(second, want));
	free(text);

	t = check();
	assert_int_equal(t->n_lines, 3);
	assert_int_equal(t->broken, 0);
	assert_null(t->why);
	assert_string_equal(t->lines[1].command, "tt run study.yaml");
	assert_true(t->lines[1].has_result);
	assert_int_equal(t->lines[1].result, 1);
	assert_int_equal(t->lines[2].line, 3);
	tt_audit_trail_free(t);
}

/* Four entries, then the trail as text. */
static char *four(void)
{
	for (int i = 0; i < 4; i++)
		assert_int_equal(append("tt run study.yaml", i, true), 0);
	return read_trail();
}

static void expect_broken(const char *text, int line, const char *why)
{
	write_trail(text);
	tt_audit_trail *t = check();
	assert_int_equal(t->broken, line);
	assert_non_null(strstr(t->why, why));
	tt_audit_trail_free(t);
}

static void breaks_found(void **state)
{
	(void)state;
	char *text = four();
	char *l2 = strchr(text, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
	tt_buf b = TT_BUF_INIT;

	/* Line 2 edited (still JSON): line 3 no longer follows it. */
	char *edited = tt_xstrdup(text);
	char *r = strstr(edited + (l2 - text), "\"result\":1");
	r[9] = '0';
	expect_broken(edited, 3, "prev is not the SHA-256 of the line before");
	/* Line 2 edited into something that is not JSON: found there. */
	memcpy(edited + (l2 - text), "xx", 2);
	expect_broken(edited, 2, "not a JSON object");
	free(edited);

	/* Line 2 removed. */
	tt_buf_put(&b, text, (size_t)(l2 - text));
	tt_buf_puts(&b, l3);
	expect_broken(b.data, 2, "prev is not the SHA-256 of the line before");

	/* The first line removed. */
	expect_broken(l2, 1, "the first line's prev is not null");

	/* The last line cut short, and cut to its newline only. */
	tt_buf_reset(&b);
	tt_buf_put(&b, text, strlen(text) - 30);
	expect_broken(b.data, 4, "the line is incomplete");
	tt_buf_reset(&b);
	tt_buf_put(&b, text, strlen(text) - 1);
	expect_broken(b.data, 4, "the line is incomplete");

	/* A cut trail takes no entry: nothing is glued onto the cut line. */
	assert_int_equal(tt_audit_prepare(trail), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "incomplete line (line 4)"));
	assert_int_equal(append("tt run study.yaml", 0, true), TT_EINVAL);
	char *now = read_trail();
	assert_string_equal(now, b.data);
	free(now);

	/* Intact again, it takes the next entry. */
	write_trail(text);
	assert_int_equal(tt_audit_prepare(trail), 0);
	assert_int_equal(append("tt run study.yaml", 0, true), 0);
	tt_audit_trail *t = check();
	assert_int_equal(t->n_lines, 5);
	assert_int_equal(t->broken, 0);
	tt_audit_trail_free(t);
	tt_buf_free(&b);
	free(text);
}

static void links_refused(void **state)
{
	(void)state;
	char target[4200];
	snprintf(target, sizeof target, "%s/elsewhere", dir);
	assert_int_equal(symlink(target, trail), 0);
	assert_int_equal(tt_audit_prepare(trail), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "is a symbolic link"));
	assert_int_equal(append("tt lock study.yaml", 0, true), TT_EINVAL);
	assert_false(tt_path_exists(target));
	tt_audit_trail *t = NULL;
	assert_int_equal(tt_audit_check(&t, trail), TT_EINVAL);
	assert_null(t);
	unlink(trail);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_and_quoting),
		cmocka_unit_test(time_and_user),
		cmocka_unit_test_setup(entries_chain, fresh),
		cmocka_unit_test_setup(breaks_found, fresh),
		cmocka_unit_test_setup(links_refused, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
