/*
 * test_lock.c - the lock history: the canonical form of the criteria, the
 * chain, appending, the legacy YAML lock, the check a run makes, and the
 * facts a report states (locked before the data, exclusions at the first
 * lock).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt/base/hash.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/input/lock.h"
#include "tt/input/study.h"
#include "tt/input/ydoc.h"

/* A scratch project: specs/, studies/study.yaml naming ../specs and data
 * under studies/data/ that a test creates when it wants the data there. */
static char dir[] = "/tmp/tt-lock-XXXXXX";

static char *at(const char *rel)
{
	return tt_xasprintf("%s/%s", dir, rel);
}

static void write_file(const char *rel, const char *text)
{
	char *path = at(rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static char *read_all(const char *rel)
{
	char *path = at(rel), *text;
	size_t len;
	assert_int_equal(tt_read_file(path, 1u << 20, &text, &len), 0);
	free(path);
	return text;
}

static const char spec_text[] = "process:\n"
				"  id: %s\n"
				"  attributes:\n"
				"    - { id: viability, unit: \"%%\", spec: { min: 70 } }\n"
				"    - { id: lysis, unit: \"%%\" }\n";

static const char study_text[] =
	"# a study\n"
	"study:\n"
	"  id: s1\n"
	"  source:    { process: ../specs/src.yaml, data: data/src.csv }\n"
	"  receiving: { process: ../specs/rcv.yaml, data: data/rcv.csv }\n"
	"  alpha: 0.05\n"
	"  exclude:\n"
	"    - { lot: S9, reason: \"deviation DV-1\" }\n"
	"  comparisons:\n"
	"    - { attribute: viability, approach: min-max }\n"
	"    - attribute: lysis\n"
	"      approach: profile\n"
	"      data: { source: data/lysis.csv, receiving: data/lysis.csv }\n";

static void write_study(const char *text)
{
	write_file("studies/study.yaml", text);
}

static void write_data(void)
{
	write_file("studies/data/src.csv", "lot,viability\nS1,90\n");
	write_file("studies/data/rcv.csv", "lot,viability\nR1,91\n");
	write_file("studies/data/lysis.csv", "lot,time,value\nS1,1,10\n");
}

static void remove_data(void)
{
	const char *names[] = { "src.csv", "rcv.csv", "lysis.csv" };
	for (int i = 0; i < 3; i++) {
		char *rel = tt_xasprintf("studies/data/%s", names[i]);
		char *path = at(rel);
		unlink(path);
		free(path);
		free(rel);
	}
}

static void remove_lock(void)
{
	char *path = at("studies/study.lock");
	unlink(path);
	free(path);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	char *p[3] = { at("specs"), at("studies"), at("studies/data") };
	for (int i = 0; i < 3; i++) {
		mkdir(p[i], 0755);
		free(p[i]);
	}
	char *src = tt_xasprintf(spec_text, "src"), *rcv = tt_xasprintf(spec_text, "rcv");
	write_file("specs/src.yaml", src);
	write_file("specs/rcv.yaml", rcv);
	free(src);
	free(rcv);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tt_remove_tree(dir);
}

/* Each test starts with the study as written, no lock and no data. */
static int fresh(void **state)
{
	(void)state;
	write_study(study_text);
	remove_lock();
	remove_data();
	return 0;
}

static tt_study *load_study(void)
{
	char *path = at("studies/study.yaml");
	tt_diags d = TT_DIAGS_INIT;
	tt_study *s = NULL;
	if (tt_study_load(&s, path, 0, &d) != 0)
		tt_test_diags_dump(&d);
	assert_non_null(s);
	tt_diags_free(&d);
	free(path);
	return s;
}

/* Appends an entry; returns the status, with the history in *out when
 * out is given. */
static int lock_study(const char *reason, tt_lock **out)
{
	tt_study *s = load_study();
	tt_diags d = TT_DIAGS_INIT;
	tt_lock *lock = NULL;
	int rc = tt_lock_append(&lock, s, reason, "2024-09-17T10:00:00+08:00", "alice", &d);
	if (out)
		*out = lock;
	else
		tt_lock_free(lock);
	tt_diags_free(&d);
	tt_study_free(s);
	return rc;
}

/* Loads the history; the diagnostics go to d. */
static tt_lock *load_lock(tt_diags *d, int *rc)
{
	char *path = at("studies/study.yaml");
	tt_lock *lock = NULL;
	*rc = tt_lock_load(&lock, path, d);
	free(path);
	return lock;
}

/* ---- the canonical form ---- */

static char *canonical_of(const char *yaml)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc;
	assert_int_equal(tt_ydoc_parse(&doc, "t.yaml", yaml, strlen(yaml), &d), 0);
	tt_buf b = TT_BUF_INIT;
	tt_lock_canonical_study(&b, doc->root);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
	return tt_buf_detach(&b);
}

static void canonical_form_exact(void **state)
{
	(void)state;
	char *c = canonical_of("study:\n"
			       "  id: s1   # comment\n"
			       "  alpha: 0.05\n"
			       "  exclude: [ { lot: A, reason: r } ]\n"
			       "  comparisons:\n"
			       "    - { attribute: \"v\\\"x\", approach: min-max }\n"
			       "  title: ~\n"
			       "  protocol: '~'\n");
	/* Keys sorted, exclude left out, plain null as null, quoted '~' a
	 * string, JSON escaping. */
	assert_string_equal(c, "{\"study\":{\"alpha\":\"0.05\",\"comparisons\":[{\"approach\":"
			       "\"min-max\",\"attribute\":\"v\\\"x\"}],\"id\":\"s1\","
			       "\"protocol\":\"~\",\"title\":null}}");
	free(c);
}

static void canonical_form_ignores_layout_not_values(void **state)
{
	(void)state;
	char *a = canonical_of("study:\n  id: s1\n  alpha: 0.05\n  seed: 7\n");
	char *b = canonical_of("# head\nstudy: { seed: 7,   alpha: \"0.05\", id: 's1' }\n");
	char *c = canonical_of("study:\n  id: s1\n  alpha: 0.10\n  seed: 7\n");
	char *e = canonical_of("study:\n  id: s1\n  alpha: 0.05\n  seed: 7\n"
			       "  exclude:\n    - { lot: X, reason: y }\n");
	/* An alias is its anchor's value. */
	char *f = canonical_of("study:\n  id: &i s1\n  alpha: 0.05\n  seed: 7\n  x: *i\n");
	char *g = canonical_of("study:\n  id: s1\n  alpha: 0.05\n  seed: 7\n  x: s1\n");
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_string_equal(a, e);
	assert_string_equal(f, g);
	free(a);
	free(b);
	free(c);
	free(e);
	free(f);
	free(g);
}

static void criteria_follow_the_canonical_form_and_specs(void **state)
{
	(void)state;
	tt_study *s = load_study();
	tt_lock_criteria c1, c2, c3;
	assert_int_equal(tt_lock_criteria_of(&c1, s), 0);
	tt_study_free(s);
	/* The criteria's SHA-256 is that of the JSON text the header
	 * defines. */
	char *bytes = read_all("studies/study.yaml");
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc;
	assert_int_equal(tt_ydoc_parse(&doc, "s", bytes, strlen(bytes), &d), 0);
	tt_buf text = TT_BUF_INIT;
	tt_buf_printf(&text, "{\"receiving_process\":\"%s\",\"source_process\":\"%s\",\"study\":",
		      c1.receiving, c1.source);
	tt_lock_canonical_study(&text, doc->root);
	tt_buf_putc(&text, '}');
	unsigned char digest[TT_SHA256_LEN];
	char hex[TT_SHA256_HEX_LEN + 1];
	assert_int_equal(tt_sha256(text.data, text.len, digest), 0);
	assert_string_equal(c1.criteria, tt_sha256_hex(digest, hex));
	tt_buf_free(&text);
	tt_ydoc_free(doc);
	free(bytes);

	/* Another exclusion and a comment: the same criteria, other bytes. */
	write_study("# another comment\n"
		    "study:\n"
		    "  id: s1\n"
		    "  source:    { process: ../specs/src.yaml, data: data/src.csv }\n"
		    "  receiving: { process: ../specs/rcv.yaml, data: data/rcv.csv }\n"
		    "  alpha: 0.05\n"
		    "  comparisons:\n"
		    "    - { attribute: viability, approach: min-max }\n"
		    "    - attribute: lysis\n"
		    "      approach: profile\n"
		    "      data: { source: data/lysis.csv, receiving: data/lysis.csv }\n");
	s = load_study();
	assert_int_equal(tt_lock_criteria_of(&c2, s), 0);
	tt_study_free(s);
	assert_string_equal(c1.criteria, c2.criteria);
	assert_string_equal(c1.canonical, c2.canonical);
	assert_string_not_equal(c1.study, c2.study);

	/* A byte of a spec changes the criteria. */
	char *spec = read_all("specs/rcv.yaml");
	tt_buf b = TT_BUF_INIT;
	tt_buf_printf(&b, "%s\n", spec);
	write_file("specs/rcv.yaml", b.data);
	s = load_study();
	assert_int_equal(tt_lock_criteria_of(&c3, s), 0);
	tt_study_free(s);
	write_file("specs/rcv.yaml", spec);
	assert_string_not_equal(c2.criteria, c3.criteria);
	assert_string_equal(c2.canonical, c3.canonical);
	free(spec);
	tt_buf_free(&b);
}

/* ---- appending and reading ---- */

static void first_lock_before_the_data(void **state)
{
	(void)state;
	tt_lock *lock;
	assert_int_equal(lock_study(NULL, &lock), 0);
	assert_non_null(lock);
	assert_int_equal(lock->n_entries, 1);
	const tt_lock_entry *e = &lock->entries[0];
	assert_string_equal(e->user, "alice");
	assert_string_equal(e->locked_at, "2024-09-17T10:00:00+08:00");
	assert_null(e->reason);
	/* Paths relative to the study's folder; a table named twice is
	 * listed once, with its first role. */
	assert_string_equal(e->study_path, "study.yaml");
	assert_string_equal(e->source_path, "../specs/src.yaml");
	assert_int_equal(e->n_data, 3);
	assert_string_equal(e->data[0].path, "data/src.csv");
	assert_string_equal(e->data[0].role, "source lots");
	assert_string_equal(e->data[1].path, "data/rcv.csv");
	assert_string_equal(e->data[2].path, "data/lysis.csv");
	assert_string_equal(e->data[2].role, "source series");
	for (int i = 0; i < 3; i++)
		assert_null(e->data[i].sha256);
	assert_int_equal(e->n_exclude, 1);
	assert_string_equal(e->exclude[0], "S9");
	size_t entry;
	assert_int_equal(tt_lock_before_data(lock, &entry), 1);
	assert_int_equal(tt_lock_excluded_at_first(lock, "S9"), 1);
	assert_int_equal(tt_lock_excluded_at_first(lock, "S1"), 0);
	tt_lock_free(lock);

	/* The file holds one JSON line whose prev is null. */
	char *text = read_all("studies/study.lock");
	assert_non_null(strstr(text, "\"prev\":null}\n"));
	assert_int_equal(strchr(text, '\n') - text + 1, (long)strlen(text));
	free(text);
}

static void relock_needs_a_reason(void **state)
{
	(void)state;
	assert_int_equal(lock_study(NULL, NULL), 0);
	char *before = read_all("studies/study.lock");
	assert_int_equal(lock_study(NULL, NULL), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "--reason"));
	/* Refused: not a byte changed. */
	char *after = read_all("studies/study.lock");
	assert_string_equal(before, after);
	free(after);

	write_data();
	tt_lock *lock;
	assert_int_equal(lock_study("the data arrived", &lock), 0);
	assert_int_equal(lock->n_entries, 2);
	assert_string_equal(lock->entries[1].reason, "the data arrived");
	assert_int_equal(lock->entries[1].criteria_changed, 0);
	assert_non_null(lock->entries[1].data[0].sha256);
	/* Appended: the earlier bytes are the file's first bytes still. */
	after = read_all("studies/study.lock");
	assert_memory_equal(before, after, strlen(before));
	/* The second entry's prev is the SHA-256 of the first line. */
	unsigned char digest[TT_SHA256_LEN];
	char hex[TT_SHA256_HEX_LEN + 1], want[80];
	assert_int_equal(tt_sha256(before, strlen(before), digest), 0);
	snprintf(want, sizeof want, "\"prev\":\"%s\"}\n", tt_sha256_hex(digest, hex));
	assert_non_null(strstr(after + strlen(before), want));
	/* A re-lock that keeps the criteria leaves "before the data" true. */
	size_t entry;
	assert_int_equal(tt_lock_before_data(lock, &entry), 1);
	tt_lock_free(lock);
	free(before);
	free(after);
}

static void lock_after_the_data(void **state)
{
	(void)state;
	write_data();
	tt_lock *lock;
	assert_int_equal(lock_study(NULL, &lock), 0);
	size_t entry = 9;
	assert_int_equal(tt_lock_before_data(lock, &entry), 0);
	assert_int_equal(entry, 0);
	tt_lock_free(lock);
}

static void criteria_changed_after_the_data(void **state)
{
	(void)state;
	assert_int_equal(lock_study(NULL, NULL), 0);
	write_data();
	char *text = read_all("studies/study.yaml");
	char *p = strstr(text, "0.05");
	memcpy(p, "0.10", 4);
	write_study(text);
	free(text);
	tt_lock *lock;
	assert_int_equal(lock_study("alpha revised", &lock), 0);
	assert_int_equal(lock->entries[1].criteria_changed, 1);
	/* The criteria in force were fixed when the data existed. */
	size_t entry = 9;
	assert_int_equal(tt_lock_before_data(lock, &entry), 0);
	assert_int_equal(entry, 1);
	tt_lock_free(lock);
}

static void run_check(void **state)
{
	(void)state;
	assert_int_equal(lock_study(NULL, NULL), 0);
	tt_diags d = TT_DIAGS_INIT;
	int rc;
	tt_lock *lock = load_lock(&d, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(lock);

	/* Only the exclusions changed: the criteria hold. */
	char *text = read_all("studies/study.yaml");
	char *x = strstr(text, "    - { lot: S9");
	memcpy(x + 13, "8", 1);
	write_study(text);
	tt_study *s = load_study();
	assert_int_equal(tt_lock_check(lock, s, &d), 0);
	assert_int_equal(tt_lock_excluded_at_first(lock, "S8"), 0);
	tt_study_free(s);

	/* A value changed: refused, naming the study. */
	char *p = strstr(text, "0.05");
	memcpy(p, "0.10", 4);
	write_study(text);
	s = load_study();
	assert_int_equal(tt_lock_check(lock, s, &d), TT_EINVAL);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, s->path);
	assert_non_null(strstr(d.items[0].message, "changed after the study was locked on "
						   "2024-09-17T10:00:00+08:00"));
	tt_study_free(s);
	free(text);

	/* A spec changed: refused, naming the spec. */
	write_study(study_text);
	char *spec = read_all("specs/src.yaml");
	tt_buf b = TT_BUF_INIT;
	tt_buf_printf(&b, "# edited\n%s", spec);
	write_file("specs/src.yaml", b.data);
	tt_diags_free(&d);
	s = load_study();
	assert_int_equal(tt_lock_check(lock, s, &d), TT_EINVAL);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, s->source_spec->path);
	tt_study_free(s);
	write_file("specs/src.yaml", spec);
	free(spec);
	tt_buf_free(&b);
	tt_lock_free(lock);
	tt_diags_free(&d);
}

static void no_lock(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	int rc;
	assert_null(load_lock(&d, &rc));
	assert_int_equal(rc, 0);
	size_t entry;
	assert_int_equal(tt_lock_before_data(NULL, &entry), -1);
	assert_int_equal(tt_lock_excluded_at_first(NULL, "S9"), -1);
	tt_diags_free(&d);
}

static void symlink_refused(void **state)
{
	(void)state;
	char *target = at("elsewhere"), *path = at("studies/study.lock");
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(lock_study(NULL, NULL), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "symbolic link"));
	assert_false(tt_path_exists(target));
	tt_diags d = TT_DIAGS_INIT;
	int rc;
	assert_null(load_lock(&d, &rc));
	assert_int_equal(rc, TT_EINVAL);
	assert_non_null(strstr(d.items[0].message, "studies/study.lock' is a symbolic link"));
	tt_diags_free(&d);
	unlink(path);
	free(target);
	free(path);
}

/* ---- a broken chain ---- */

/* Three entries; returns the file's text. */
static char *three_entries(void)
{
	assert_int_equal(lock_study(NULL, NULL), 0);
	assert_int_equal(lock_study("second", NULL), 0);
	assert_int_equal(lock_study("third", NULL), 0);
	return read_all("studies/study.lock");
}

static void expect_parse_error(const char *text, const char *want)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_lock *lock = NULL;
	assert_int_equal(tt_lock_parse(&lock, "s.lock", text, strlen(text), &d), TT_EINVAL);
	assert_null(lock);
	if (!tt_test_diags_has(&d, want)) {
		tt_test_diags_dump(&d);
		fail_msg("no diagnostic: %s", want);
	}
	tt_diags_free(&d);
}

static void broken_chain_names_the_line(void **state)
{
	(void)state;
	char *text = three_entries();
	tt_diags d = TT_DIAGS_INIT;
	tt_lock *lock = NULL;
	assert_int_equal(tt_lock_parse(&lock, "s.lock", text, strlen(text), &d), 0);
	assert_int_equal(lock->n_entries, 3);
	tt_lock_free(lock);
	tt_diags_free(&d);

	/* An edited reason on line 2 breaks the link of line 3. */
	char *edited = tt_xstrdup(text);
	memcpy(strstr(edited, "\"second\""), "\"sEcond\"", 8);
	expect_parse_error(edited,
			   "s.lock:3: error: the chain is broken: 'prev' is not the "
			   "SHA-256 of the entry before it (line 2 was changed, or an entry "
			   "was removed or inserted there)");
	free(edited);

	/* Line 2 removed: line 2 is now the third entry. */
	char *nl1 = strchr(text, '\n'), *nl2 = strchr(nl1 + 1, '\n');
	tt_buf b = TT_BUF_INIT;
	tt_buf_put(&b, text, (size_t)(nl1 + 1 - text));
	tt_buf_puts(&b, nl2 + 1);
	expect_parse_error(b.data,
			   "s.lock:2: error: the chain is broken: 'prev' is not the "
			   "SHA-256 of the entry before it (line 1 was changed, or an entry "
			   "was removed or inserted there)");

	/* The first line removed. */
	expect_parse_error(nl1 + 1, "s.lock:1: error: the chain is broken: the first entry's "
				    "'prev' is not null (an entry before it was removed)");

	/* The last line cut short. */
	tt_buf_reset(&b);
	tt_buf_put(&b, text, strlen(text) - 10);
	expect_parse_error(b.data, "s.lock:3: error: the last line is incomplete (no newline at "
				   "its end): the lock file was cut");

	/* A re-lock without its reason. */
	char *noreason = tt_xstrdup(text);
	char *r = strstr(noreason, "\"reason\":\"second\"");
	tt_buf_reset(&b);
	tt_buf_put(&b, noreason, (size_t)(r - noreason));
	tt_buf_puts(&b, "\"reason\":null");
	tt_buf_puts(&b, r + strlen("\"reason\":\"second\""));
	expect_parse_error(b.data, "s.lock:2: error: an entry after the first has no 'reason': "
				   "every re-lock needs one");
	free(noreason);

	/* Not an object; an object without the members. */
	expect_parse_error("{\"a\":1}\n[1]\n", "s.lock:2: error: not a tt lock entry: not a "
					       "JSON object");
	expect_parse_error("{\"locked_at\":1}\n", "s.lock:1: error: not a tt lock entry: "
						  "'locked_at' is missing or not a string");
	tt_buf_free(&b);

	/* Appending to a broken history is refused, and changes nothing. */
	char *path = at("studies/study.lock");
	edited = tt_xstrdup(text);
	memcpy(strstr(edited, "\"second\""), "\"sEcond\"", 8);
	write_file("studies/study.lock", edited);
	assert_int_equal(lock_study("fourth", NULL), TT_EINVAL);
	char *now = read_all("studies/study.lock");
	assert_string_equal(now, edited);
	free(now);
	free(edited);
	free(path);
	free(text);
}

/* ---- the YAML lock of an earlier tt ---- */

static void legacy_lock(void **state)
{
	(void)state;
	tt_study *s = load_study();
	tt_lock_criteria c;
	assert_int_equal(tt_lock_criteria_of(&c, s), 0);
	tt_study_free(s);
	char *yaml =
		tt_xasprintf("# tt lock: the acceptance criteria of this study, fixed before "
			     "the data.\n"
			     "lock:\n  study: \"s1\"\n  locked_at: \"2024-01-02T03:04:05Z\"\n"
			     "  tt_version: \"0.1.0\"\n  files:\n"
			     "    - path: \"study.yaml\"\n      role: study\n      sha256: %s\n"
			     "    - path: \"../specs/src.yaml\"\n      role: source process\n"
			     "      sha256: %s\n"
			     "    - path: \"../specs/rcv.yaml\"\n      role: receiving process\n"
			     "      sha256: %s\n",
			     c.study, c.source, c.receiving);
	write_file("studies/study.lock", yaml);

	tt_diags d = TT_DIAGS_INIT;
	int rc;
	tt_lock *lock = load_lock(&d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(lock->n_entries, 1);
	assert_true(lock->entries[0].legacy);
	assert_string_equal(lock->entries[0].locked_at, "2024-01-02T03:04:05Z");
	size_t entry;
	assert_int_equal(tt_lock_before_data(lock, &entry), -1);
	assert_int_equal(tt_lock_excluded_at_first(lock, "S9"), -1);
	s = load_study();
	assert_int_equal(tt_lock_check(lock, s, &d), 0);
	tt_study_free(s);
	tt_lock_free(lock);

	/* A legacy lock locked the study's bytes: a new exclusion needs a new
	 * lock. */
	char *text = read_all("studies/study.yaml");
	memcpy(strstr(text, "S9"), "S8", 2);
	write_study(text);
	lock = load_lock(&d, &rc);
	s = load_study();
	assert_int_equal(tt_lock_check(lock, s, &d), TT_EINVAL);
	assert_string_equal(d.items[0].file, s->path);
	tt_study_free(s);
	tt_lock_free(lock);
	tt_diags_free(&d);

	/* Appended after the YAML, its bytes kept, chained to them whole. */
	assert_int_equal(lock_study(NULL, NULL), TT_EINVAL);
	assert_int_equal(lock_study("exclusion of S8 after DV-2", &lock), 0);
	assert_int_equal(lock->n_entries, 2);
	assert_int_equal(lock->entries[1].line, 16);
	assert_int_equal(lock->entries[1].criteria_changed, -1);
	assert_int_equal(tt_lock_before_data(lock, &entry), -1);
	tt_lock_free(lock);
	char *now = read_all("studies/study.lock");
	assert_memory_equal(now, yaml, strlen(yaml));
	unsigned char digest[TT_SHA256_LEN];
	char hex[TT_SHA256_HEX_LEN + 1];
	assert_int_equal(tt_sha256(yaml, strlen(yaml), digest), 0);
	assert_non_null(strstr(now + strlen(yaml), tt_sha256_hex(digest, hex)));
	free(now);
	free(text);
	free(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_form_exact),
		cmocka_unit_test(canonical_form_ignores_layout_not_values),
		cmocka_unit_test_setup(criteria_follow_the_canonical_form_and_specs, fresh),
		cmocka_unit_test_setup(first_lock_before_the_data, fresh),
		cmocka_unit_test_setup(relock_needs_a_reason, fresh),
		cmocka_unit_test_setup(lock_after_the_data, fresh),
		cmocka_unit_test_setup(criteria_changed_after_the_data, fresh),
		cmocka_unit_test_setup(run_check, fresh),
		cmocka_unit_test_setup(no_lock, fresh),
		cmocka_unit_test_setup(symlink_refused, fresh),
		cmocka_unit_test_setup(broken_chain_names_the_line, fresh),
		cmocka_unit_test_setup(legacy_lock, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
