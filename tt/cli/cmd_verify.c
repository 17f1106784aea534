/*
 * cmd_verify.c - tt verify REPORT_DIR: recompute a report's input checksums
 * and results, and say whether they still match, and what changed.
 *
 * Relative input paths in a report are relative to the folder tt run was
 * started in; run verify from there, or name it with --base.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/render/report.h"
#include "tt/base/util.h"

/* A JSON document read with jansson, and the text of each of its numbers:
 * jansson keeps only a number's value, and numbers compare by their text
 * (0.05 and 0.050000000000000003 differ, though they are one double). */
typedef struct number_text {
	const json_t *node;
	const char *text; /* in doc.text */
	int len;
} number_text;

typedef struct doc {
	char *text;
	json_t *root;
	number_text *numbers; /* sorted by node */
	size_t n_numbers;
} doc;

static void collect_numbers(doc *d, const json_t *v, size_t *cap)
{
	const char *key;
	json_t *item;
	size_t i;
	switch (json_typeof(v)) {
	case JSON_INTEGER:
	case JSON_REAL:
		d->numbers = tt_xgrow(d->numbers, cap, d->n_numbers + 1, sizeof *d->numbers);
		d->numbers[d->n_numbers++] = (number_text){ v, NULL, 0 };
		break;
	case JSON_ARRAY:
		json_array_foreach (v, i, item)
			collect_numbers(d, item, cap);
		break;
	case JSON_OBJECT:
		json_object_foreach ((json_t *)v, key, item)
			collect_numbers(d, item, cap);
		break;
	default:
		break;
	}
}

static int by_node(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const number_text *)a)->node;
	uintptr_t y = (uintptr_t)((const number_text *)b)->node;
	return (x > y) - (x < y);
}

/* Finds the text of every number.  jansson keeps an object's members in
 * the order of the file (and a key given twice is refused), so the numbers
 * of the tree, visited in order, are the number tokens of the text in
 * order: the runs outside strings that start with '-' or a digit. */
static int find_numbers(doc *d)
{
	size_t cap = 0, k = 0;
	collect_numbers(d, d->root, &cap);
	for (const char *p = d->text; *p; p++) {
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			const char *start = p;
			while (p[1] && strchr("+-.0123456789eE", p[1]))
				p++;
			if (k < d->n_numbers) {
				d->numbers[k].text = start;
				d->numbers[k].len = (int)(p - start + 1);
			}
			k++;
		}
	}
	if (k != d->n_numbers)
		return tt_error_set(TT_EINTERNAL, "%zu numbers read, %zu found in the text",
				    d->n_numbers, k);
	qsort(d->numbers, d->n_numbers, sizeof *d->numbers, by_node);
	return 0;
}

/* Reads JSON text.  Any value may stand at the top, as RFC 8259 allows; a
 * key given twice in one object is an error, since a reader could not tell
 * which of the two the document means.  On error returns TT_EINVAL with a
 * message naming the line and column. */
static int doc_read(doc *d, const char *text, size_t len)
{
	memset(d, 0, sizeof *d);
	json_error_t e;
	d->root = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
	if (!d->root) {
		if (e.line < 1)
			return tt_error_set(TT_EINVAL, "%s", e.text);
		return tt_error_set(TT_EINVAL, "line %d, column %d: %s", e.line,
				    e.column < 1 ? 1 : e.column, e.text);
	}
	/* jansson refuses a NUL byte anywhere, so the text is one string. */
	d->text = tt_xstrndup(text, len);
	return find_numbers(d);
}

static void doc_free(doc *d)
{
	json_decref(d->root);
	free(d->numbers);
	free(d->text);
}

static number_text text_of(const doc *d, const json_t *v)
{
	number_text key = { v, NULL, 0 };
	return *(const number_text *)bsearch(&key, d->numbers, d->n_numbers, sizeof key, by_node);
}

static const char *get_string(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* How a value of d is shown in a difference (v NULL: absent). */
static void show(tt_buf *b, const doc *d, const json_t *v)
{
	number_text t;
	const char *s;
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		tt_buf_printf(b, "{%zu members}", json_object_size(v));
		break;
	case JSON_ARRAY:
		tt_buf_printf(b, "[%zu items]", json_array_size(v));
		break;
	case JSON_STRING:
		s = json_string_value(v);
		tt_buf_printf(b, "\"%.60s%s\"", s, strlen(s) > 60 ? "..." : "");
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		t = text_of(d, v);
		tt_buf_put(b, t.text, (size_t)t.len);
		break;
	case JSON_TRUE:
		tt_buf_puts(b, "true");
		break;
	case JSON_FALSE:
		tt_buf_puts(b, "false");
		break;
	case JSON_NULL:
		tt_buf_puts(b, v ? "null" : "(absent)");
		break;
	}
}

/* The kind of a value, for comparing: true and false are one kind, and so
 * are integers and reals. */
static int kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_TRUE:
		return JSON_FALSE;
	case JSON_INTEGER:
		return JSON_REAL;
	default:
		return json_typeof(v);
	}
}

typedef struct differ {
	const doc *a, *b;
	const char *const *ignore; /* member names skipped at any depth */
	tt_buf path;		   /* where the walk is: ".comparisons[0].sd" */
	tt_buf *out;		   /* "PATH: A -> B" lines */
	size_t max, n;
} differ;

/* Whether two scalars of one kind are equal. */
static int scalars_equal(const differ *d, const json_t *a, const json_t *b)
{
	number_text ta, tb;
	switch (json_typeof(a)) {
	case JSON_STRING:
		return strcmp(json_string_value(a), json_string_value(b)) == 0;
	case JSON_INTEGER:
	case JSON_REAL:
		ta = text_of(d->a, a);
		tb = text_of(d->b, b);
		return ta.len == tb.len && memcmp(ta.text, tb.text, (size_t)ta.len) == 0;
	default:
		return json_typeof(a) == json_typeof(b);
	}
}

static int ignored(const differ *d, const char *key)
{
	for (size_t i = 0; d->ignore[i]; i++)
		if (strcmp(key, d->ignore[i]) == 0)
			return 1;
	return 0;
}

static void diff_value(differ *d, const json_t *a, const json_t *b);

static void diff_at(differ *d, const char *step, size_t index, const json_t *a, const json_t *b)
{
	size_t keep = d->path.len;
	if (step)
		tt_buf_printf(&d->path, ".%s", step);
	else
		tt_buf_printf(&d->path, "[%zu]", index);
	diff_value(d, a, b);
	d->path.len = keep;
	d->path.data[keep] = '\0';
}

/* Walks a and b together; counts the differences up to max + 1 and writes
 * the first max. */
static void diff_value(differ *d, const json_t *a, const json_t *b)
{
	if (d->n >= d->max + 1)
		return;
	int same_kind = a && b && kind(a) == kind(b);
	if (same_kind && json_is_array(a)) {
		for (size_t i = 0; i < json_array_size(a) || i < json_array_size(b); i++)
			diff_at(d, NULL, i, json_array_get(a, i), json_array_get(b, i));
		return;
	}
	if (same_kind && json_is_object(a)) {
		const char *key;
		json_t *v;
		/* The members of a in the order of its file, then those only b has. */
		json_object_foreach ((json_t *)a, key, v)
			if (!ignored(d, key))
				diff_at(d, key, 0, v, json_object_get(b, key));
		json_object_foreach ((json_t *)b, key, v)
			if (!ignored(d, key) && !json_object_get(a, key))
				diff_at(d, key, 0, NULL, v);
		return;
	}
	if (same_kind && scalars_equal(d, a, b))
		return;
	if (++d->n > d->max)
		return;
	tt_buf_printf(d->out, "%s: ", d->path.len ? d->path.data : "(top)");
	show(d->out, d->a, a);
	tt_buf_puts(d->out, " -> ");
	show(d->out, d->b, b);
	tt_buf_putc(d->out, '\n');
}

/* Compares two documents; appends a line "PATH: A -> B" to out for each of
 * the first max differences and returns how many it found (up to
 * max + 1).  Members named in ignore (NULL-ended) are skipped at any
 * depth. */
static size_t diff_docs(const doc *a, const doc *b, const char *const *ignore, tt_buf *out,
			size_t max)
{
	differ d = { a, b, ignore, TT_BUF_INIT, out, max, 0 };
	tt_buf_puts(&d.path, "");
	diff_value(&d, a->root, b->root);
	tt_buf_free(&d.path);
	return d.n;
}

/* The recorded seed: a whole number >= 0.  tt writes it with
 * tt_format_number, so a seed above 2^53 comes back as a real. */
static bool read_seed(const json_t *v, uint64_t *seed)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*seed = (uint64_t)json_integer_value(v);
		return true;
	}
	double x = json_real_value(v);
	if (json_is_real(v) && x >= 0 && x < 18446744073709551616.0 && x == floor(x)) {
		*seed = (uint64_t)x;
		return true;
	}
	return false;
}

static int check_inputs(const json_t *inputs, const char **study)
{
	size_t changed = 0, n = 0;
	*study = NULL;
	for (size_t i = 0; i < json_array_size(inputs); i++) {
		const json_t *item = json_array_get(inputs, i);
		const char *path = get_string(item, "path");
		const char *sha = get_string(item, "sha256");
		const char *role = get_string(item, "role");
		if (!path || !sha)
			continue;
		n++;
		if (role && strcmp(role, "study") == 0)
			*study = path;
		unsigned char digest[32];
		char hex[65];
		if (tt_sha256_file(path, digest) != 0) {
			printf("  missing: %s (%s)\n", path, tt_error_last());
			changed++;
		} else {
			tt_sha256_hex(digest, hex);
			if (strcmp(hex, sha) != 0) {
				printf("  changed: %s (SHA-256 recorded %.12s..., now %.12s...)\n", path,
				       sha, hex);
				changed++;
			}
		}
	}
	if (!changed)
		printf("inputs: %zu files, every checksum matches\n", n);
	else
		printf("inputs: %zu of %zu files differ\n", changed, n);
	return changed != 0;
}

int cmd_verify(int argc, char **argv);
int cmd_verify(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "base", 0, 1 }, { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("verify", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("verify", args.n_positional ? "one report folder at a time"
								      : "no report folder given");
	const char *base = tt_cli_get(opts, &args, "base");
	char *path = tt_xasprintf("%s/report.json", args.positional[0]);
	char *text;
	size_t len;
	if (tt_read_file(path, 256u * 1024u * 1024u, &text, &len)) {
		fprintf(stderr, "tt verify: error: %s (is '%s' a tt report folder?)\n",
			tt_error_last(), args.positional[0]);
		free(path);
		return TT_EXIT_USAGE;
	}
	doc stored;
	int rc = doc_read(&stored, text, len);
	free(text);
	if (rc) {
		doc_free(&stored);
		fprintf(stderr, "%s: error: not valid JSON: %s\n", path, tt_error_last());
		free(path);
		return TT_EXIT_USAGE;
	}
	/* The report's relative paths are relative to where tt run started:
	 * work from there, so that recomputed paths read as recorded. */
	if (base && chdir(base) != 0) {
		fprintf(stderr, "tt verify: error: cannot change to '%s': %s\n", base,
			strerror(errno));
		doc_free(&stored);
		free(path);
		return TT_EXIT_USAGE;
	}
	int status = TT_EXIT_OK;
	const char *study = NULL;
	printf("verifying %s\n", path);
	if (check_inputs(json_object_get(stored.root, "inputs"), &study))
		status = TT_EXIT_FAIL;
	if (!study) {
		fprintf(stderr, "%s: error: the report names no study among its inputs\n", path);
		doc_free(&stored);
		free(path);
		return TT_EXIT_USAGE;
	}

	/* Recompute the results with the recorded seed and compare. */
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	ropt.has_seed = read_seed(json_object_get(stored.root, "seed"), &ropt.seed);
	ropt.command_line = get_string(stored.root, "command_line");
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	rc = tt_engine_run(&run, study, &ropt, &d);
	if (rc) {
		/* The study no longer runs: every problem, then "differ". */
		for (size_t i = 0; i < d.count; i++)
			if (d.items[i].severity == TT_SEV_ERROR) {
				char *s = tt_diag_format(&d.items[i]);
				printf("  %s\n", s);
				free(s);
			}
		printf("results: the study cannot be run again as it is now\n");
		status = TT_EXIT_FAIL;
	} else {
		/* The plot names depend only on the comparisons, as in tt run. */
		const json_t *cmps = json_object_get(stored.root, "comparisons");
		for (size_t i = 0; i < json_array_size(cmps) && i < run->n_comparisons; i++) {
			const char *plot = get_string(json_array_get(cmps, i), "plot");
			if (plot)
				run->comparisons[i].plot = tt_xstrdup(plot);
		}
		tt_buf b = TT_BUF_INIT;
		tt_report_json(&b, run);
		doc fresh;
		if (doc_read(&fresh, b.data, b.len) == 0) {
			static const char *const ignore[] = { "generated_at", NULL };
			tt_buf diffs = TT_BUF_INIT;
			size_t n = diff_docs(&stored, &fresh, ignore, &diffs, 20);
			if (n) {
				printf("results: %s%zu difference%s (recorded -> recomputed)\n",
				       n > 20 ? "more than " : "", n > 20 ? (size_t)20 : n,
				       n == 1 ? "" : "s");
				fputs(diffs.data, stdout);
				status = TT_EXIT_FAIL;
			} else {
				printf("results: every result matches\n");
			}
			tt_buf_free(&diffs);
		}
		doc_free(&fresh);
		tt_buf_free(&b);
		tt_run_free(run);
	}
	tt_diags_free(&d);
	printf("%s\n", status == TT_EXIT_OK ? "match" : "differ");
	doc_free(&stored);
	free(path);
	return status;
}
