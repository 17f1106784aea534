/*
 * test_fuzz_regressions.c - replays fuzz inputs through the fuzz targets'
 * bodies (fuzz/targets.c) in the ordinary build, so that every crash the
 * fuzzers ever found stays fixed even where clang and libFuzzer are not.
 *
 * For each target it feeds, one file at a time:
 *   - tests/resources/fuzz-regressions/<target>/ (every crash found, kept);
 *   - fuzz/corpus/<target>/ (hand-written seeds);
 *   - the files scripts/fuzz-seeds gives the fuzzer as seeds: the shipped
 *     specs, studies and data, and the test resources with the bad-input
 *     corpus.
 * A broken invariant aborts, and a memory error shows in the sanitizer
 * build; a pass means each input went through without either.
 */
#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/targets.h"
#include "tt/base/util.h"

typedef struct source {
	const char *dir; /* under the source tree */
	const char *ext; /* a file name ending, or NULL for every file */
} source;

/* Kept in step with scripts/fuzz-seeds. */
static const source yaml_seeds[] = {
	{ "specs", ".yaml" }, { "studies", ".yaml" }, { "tests/resources", ".yaml" }, { NULL, NULL }
};
static const source csv_seeds[] = { { "studies", ".csv" },
				    { "tests/resources", ".csv" },
				    { NULL, NULL } };
static const source escape_seeds[] = { { "specs", ".yaml" },
				       { "studies", ".csv" },
				       { NULL, NULL } };

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every file under dir (recursively, in name order) whose name ends
 * with ext to fn; returns how many.  A missing folder counts none.  The
 * fuzz regressions of other targets are not seeds of this one. */
static size_t replay_dir(const char *dir, const char *ext, int (*fn)(const uint8_t *, size_t))
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "fuzz-regressions") == 0)
			continue;
		names = tt_xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = tt_xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) != 0) {
			free(names[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			count += replay_dir(names[i], ext, fn);
		} else if (S_ISREG(st.st_mode) && (!ext || ends_with(names[i], ext))) {
			char *data;
			size_t len;
			if (tt_read_file(names[i], (size_t)1 << 24, &data, &len) != 0)
				fail_msg("cannot read %s", names[i]);
			fn((const uint8_t *)data, len);
			free(data);
			count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

static const tt_fuzz_target *target(const char *name)
{
	for (const tt_fuzz_target *t = tt_fuzz_targets; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	fail_msg("no fuzz target '%s'", name);
	return NULL;
}

static void replay(const char *name, const source *seeds)
{
	const tt_fuzz_target *t = target(name);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/fuzz-regressions/%s", TT_TEST_RESOURCES, name);
	size_t regressions = replay_dir(dir, NULL, t->fn);
	snprintf(dir, sizeof dir, "%s/fuzz/corpus/%s", TT_SOURCE_DIR_FOR_TESTS, name);
	size_t own = replay_dir(dir, NULL, t->fn);
	size_t shipped = 0;
	for (const source *s = seeds; s->dir; s++) {
		snprintf(dir, sizeof dir, "%s/%s", TT_SOURCE_DIR_FOR_TESTS, s->dir);
		shipped += replay_dir(dir, s->ext, t->fn);
	}
	/* The shipped files are there in every checkout: none read means the
	 * test looks in the wrong place, not that all is well. */
	assert_true(shipped > 0);
	/* The empty input, which every fuzzer tries first. */
	t->fn((const uint8_t *)"", 0);
	print_message("%s: %zu regression files, %zu seeds of its own, %zu shipped files\n", name,
		      regressions, own, shipped);
}

static void replay_ydoc(void **state)
{
	(void)state;
	replay("ydoc", yaml_seeds);
}

static void replay_spec(void **state)
{
	(void)state;
	replay("spec", yaml_seeds);
}

static void replay_study(void **state)
{
	(void)state;
	replay("study", yaml_seeds);
}

static void replay_csv(void **state)
{
	(void)state;
	replay("csv", csv_seeds);
}

static void replay_escape(void **state)
{
	(void)state;
	replay("escape", escape_seeds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_ydoc),   cmocka_unit_test(replay_spec),
		cmocka_unit_test(replay_study),  cmocka_unit_test(replay_csv),
		cmocka_unit_test(replay_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
