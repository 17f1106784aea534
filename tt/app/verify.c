/*
 * verify.c - a report folder checked against its manifest, and against its
 * inputs as they are now.
 */
#include "tt/app/verify.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt/app/folder.h"
#include "tt/base/hash.h"
#include "tt/base/util.h"
#include "tt/engine/engine.h"
#include "tt/render/report.h"

/* The largest report.json read. */
#define MAX_REPORT_SIZE (256u * 1024u * 1024u)

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
	tt_buf where; /* the member the walk is at: ".comparisons[0].sd" */
	tt_verify_result *r;
	size_t max, n;
	size_t cap; /* of r->differences */
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

/* Members that differ from one run to the next by design. */
static int ignored(const char *key)
{
	return strcmp(key, "generated_at") == 0;
}

static void diff_value(differ *d, const json_t *a, const json_t *b);

static void diff_at(differ *d, const char *step, size_t index, const json_t *a, const json_t *b)
{
	size_t keep = d->where.len;
	if (step)
		tt_buf_printf(&d->where, ".%s", step);
	else
		tt_buf_printf(&d->where, "[%zu]", index);
	diff_value(d, a, b);
	d->where.len = keep;
	d->where.data[keep] = '\0';
}

/* Walks a and b together; counts the differences up to max + 1 and keeps
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
			if (!ignored(key))
				diff_at(d, key, 0, v, json_object_get(b, key));
		json_object_foreach ((json_t *)b, key, v)
			if (!ignored(key) && !json_object_get(a, key))
				diff_at(d, key, 0, NULL, v);
		return;
	}
	if (same_kind && scalars_equal(d, a, b))
		return;
	if (++d->n > d->max)
		return;
	tt_verify_result *r = d->r;
	r->differences =
		tt_xgrow(r->differences, &d->cap, r->n_differences + 1, sizeof *r->differences);
	tt_verify_difference *x = &r->differences[r->n_differences++];
	tt_buf s = TT_BUF_INIT;
	x->where = tt_xstrdup(d->where.len ? d->where.data : "(top)");
	show(&s, d->a, a);
	x->recorded = tt_buf_detach(&s);
	show(&s, d->b, b);
	x->recomputed = tt_buf_detach(&s);
}

/* Compares the recorded report a with the recomputed b into r: the first
 * max differences, and whether there were more. */
static void diff_docs(tt_verify_result *r, const doc *a, const doc *b, size_t max)
{
	differ d = { a, b, TT_BUF_INIT, r, max, 0, 0 };
	tt_buf_puts(&d.where, "");
	diff_value(&d, a->root, b->root);
	tt_buf_free(&d.where);
	r->more_differences = d.n > max;
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

static void check_inputs(tt_verify_result *r, const json_t *inputs)
{
	size_t cap = 0;
	for (size_t i = 0; i < json_array_size(inputs); i++) {
		const json_t *item = json_array_get(inputs, i);
		const char *path = get_string(item, "path");
		const char *sha = get_string(item, "sha256");
		const char *role = get_string(item, "role");
		if (!path || !sha)
			continue;
		r->inputs = tt_xgrow(r->inputs, &cap, r->n_inputs + 1, sizeof *r->inputs);
		tt_verify_input *in = &r->inputs[r->n_inputs++];
		memset(in, 0, sizeof *in);
		in->path = tt_xstrdup(path);
		in->recorded = tt_xstrdup(sha);
		if (role && strcmp(role, "study") == 0)
			r->study = in->path;
		unsigned char digest[TT_SHA256_LEN];
		if (tt_sha256_file(path, digest) != 0) {
			in->state = TT_VERIFY_MISSING;
			in->error = tt_xstrdup(tt_error_last());
		} else {
			tt_sha256_hex(digest, in->now);
			in->state = strcmp(in->now, sha) == 0 ? TT_VERIFY_SAME : TT_VERIFY_CHANGED;
		}
		if (in->state != TT_VERIFY_SAME)
			r->n_changed++;
	}
}

/* Runs the study again as recorded and compares the report it gives with
 * the recorded one. */
static int recompute(tt_verify_result *r, const doc *stored, size_t max)
{
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	ropt.has_seed = read_seed(json_object_get(stored->root, "seed"), &ropt.seed);
	ropt.command_line = get_string(stored->root, "command_line");
	tt_run *run = NULL;
	if (tt_engine_run(&run, r->study, &ropt, &r->problems) != 0)
		return 0;
	r->rerun = true;
	/* Figures are named by tt run when it draws them; a report without
	 * figures names none.  Named as recorded, they are no difference. */
	const json_t *cmps = json_object_get(stored->root, "comparisons");
	for (size_t i = 0; i < json_array_size(cmps) && i < run->n_comparisons; i++) {
		const char *plot = get_string(json_array_get(cmps, i), "plot");
		if (plot)
			run->comparisons[i].plot = tt_xstrdup(plot);
	}
	tt_buf b = TT_BUF_INIT;
	tt_report_json(&b, run);
	tt_run_free(run);
	doc fresh;
	int rc = doc_read(&fresh, b.data, b.len);
	tt_buf_free(&b);
	if (rc == TT_EINVAL) {
		char *why = tt_xstrdup(tt_error_last());
		rc = tt_error_set(TT_EINTERNAL, "the recomputed report is not valid JSON: %s", why);
		free(why);
	}
	if (rc == 0)
		diff_docs(r, stored, &fresh, max);
	doc_free(&fresh);
	return rc;
}

/* Checks every signature of folder against the record as it is now
 * (report.json's bytes are text) and, with ca, each certificate's chain. */
static int check_signatures(tt_verify_result *r, const char *folder, const char *text, size_t len,
			    const char *ca)
{
	char **names = NULL;
	size_t n = 0;
	tt_sign_trust *trust = NULL;
	int rc = tt_sign_list(&names, &n, folder);
	if (rc == 0 && ca)
		rc = tt_sign_trust_load(&trust, ca);
	if (rc || !n)
		goto done;
	unsigned char digest[TT_SHA256_LEN];
	char record[TT_SHA256_HEX_LEN + 1], manifest[TT_SHA256_HEX_LEN + 1];
	if ((rc = tt_sha256(text, len, digest)) != 0)
		goto done;
	tt_sha256_hex(digest, record);
	char *path = tt_xasprintf("%s/manifest.json", folder);
	bool has_manifest = tt_sha256_file(path, digest) == 0;
	free(path);
	if (has_manifest)
		tt_sha256_hex(digest, manifest);
	r->signatures = tt_xcalloc(n, sizeof *r->signatures);
	for (size_t i = 0; i < n; i++) {
		tt_verify_signature *v = &r->signatures[r->n_signatures++];
		v->file = tt_xasprintf("signatures/%s", names[i]);
		path = tt_xasprintf("%s/%s", folder, v->file);
		if (tt_signature_read(&v->sig, path) != 0)
			v->problem = tt_xstrdup(tt_error_last());
		else
			v->problem = tt_signature_check(v->sig, trust, record,
							has_manifest ? manifest : NULL);
		if (v->problem)
			r->n_bad_signatures++;
		free(path);
	}
done:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	tt_sign_trust_free(trust);
	return rc;
}

/* Which kind of folder a record's file name marks, or -1. */
static int kind_of(const char *record)
{
	for (int k = TT_FOLDER_RUN; record && k <= TT_FOLDER_VALIDATION; k++)
		if (strcmp(record, tt_folder_record_name((tt_folder_kind)k)) == 0)
			return k;
	return -1;
}

/* The folder against its manifest, first of all: every file changed,
 * missing or added.  Then which kind of folder it is, from the record the
 * manifest names or, without a usable manifest, from the record the folder
 * holds; r->report is that record's path.  TT_EINVAL (message set) when
 * folder is no folder, or none that tt writes. */
static int check_files(tt_verify_result *r, const char *folder)
{
	struct stat st;
	if (stat(folder, &st) != 0)
		return tt_error_set(TT_EINVAL, "cannot open the report folder '%s': %s", folder,
				    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return tt_error_set(TT_EINVAL, "'%s' is not a folder", folder);
	int rc = tt_manifest_check(&r->files, folder);
	if (rc)
		return rc;
	int kind = kind_of(r->files.record);
	for (int k = TT_FOLDER_RUN; kind < 0 && k <= TT_FOLDER_VALIDATION; k++) {
		char *path =
			tt_xasprintf("%s/%s", folder, tt_folder_record_name((tt_folder_kind)k));
		if (tt_path_exists(path))
			kind = k;
		free(path);
	}
	if (kind < 0)
		return tt_error_set(TT_EINVAL,
				    "'%s' holds no manifest.json naming a record this tt knows, "
				    "and no report.json, plan.json or validation.json: not a "
				    "folder tt writes",
				    folder);
	r->kind = (tt_folder_kind)kind;
	r->report = tt_xasprintf("%s/%s", folder, tt_folder_record_name(r->kind));
	r->files_match = !r->files.problem && r->files.n_differences == 0;
	return 0;
}

int tt_verify_folder(tt_verify_result **out, const char *folder, const tt_verify_options *opt,
		     tt_diags *d)
{
	static const tt_verify_options defaults = TT_VERIFY_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	*out = NULL;
	tt_verify_result *r = tt_xcalloc(1, sizeof *r);
	char *text = NULL;
	size_t len;
	doc stored;
	memset(&stored, 0, sizeof stored);
	int rc = check_files(r, folder);
	if (rc)
		goto done;
	if (tt_read_file(r->report, MAX_REPORT_SIZE, &text, &len) != 0) {
		/* The manifest, when there is one, has said why. */
		r->unreadable = tt_xstrdup(tt_error_last());
		goto done;
	}
	if ((rc = doc_read(&stored, text, len)) != 0) {
		if (rc == TT_EINVAL)
			tt_diags_add(d, TT_SEV_ERROR, r->report, 0, 0, "not valid JSON: %s",
				     tt_error_last());
		goto done;
	}
	/* Before base is entered: folder and ca are relative to here.  A CA
	 * that cannot be read, or signatures/ that cannot be listed, leaves
	 * nothing to show. */
	if ((rc = check_signatures(r, folder, text, len, opt->ca)) != 0) {
		tt_verify_result_free(r);
		r = NULL;
		goto done;
	}
	if (opt->base && chdir(opt->base) != 0) {
		rc = tt_error_set(TT_EINVAL, "cannot change to '%s': %s", opt->base,
				  strerror(errno));
		goto done;
	}
	check_inputs(r, json_object_get(stored.root, "inputs"));
	r->record_read = true;
	/* A plan and a qualification are not computed again: their inputs
	 * (a plan's) and their files are what is checked. */
	if (r->kind != TT_FOLDER_RUN) {
		r->match = r->files_match && r->n_changed == 0 && r->n_bad_signatures == 0;
		goto done;
	}
	if (!r->study) {
		tt_diags_add(d, TT_SEV_ERROR, r->report, 0, 0,
			     "the report names no study among its inputs");
		rc = TT_EINVAL;
		goto done;
	}
	if ((rc = recompute(r, &stored, opt->max_differences)) != 0)
		goto done;
	r->match = r->files_match && r->n_changed == 0 && r->rerun && r->n_differences == 0 &&
		   !r->more_differences && r->n_bad_signatures == 0;
done:
	/* What was checked before a problem is still worth showing: the files,
	 * and the inputs of a report that names no study. */
	if (r && (rc == 0 || r->report)) {
		*out = r;
		r = NULL;
	}
	tt_verify_result_free(r);
	doc_free(&stored);
	free(text);
	return rc;
}

void tt_verify_result_free(tt_verify_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_inputs; i++) {
		free(r->inputs[i].path);
		free(r->inputs[i].recorded);
		free(r->inputs[i].error);
	}
	free(r->inputs);
	tt_diags_free(&r->problems);
	for (size_t i = 0; i < r->n_differences; i++) {
		free(r->differences[i].where);
		free(r->differences[i].recorded);
		free(r->differences[i].recomputed);
	}
	free(r->differences);
	for (size_t i = 0; i < r->n_signatures; i++) {
		free(r->signatures[i].file);
		tt_signature_free(r->signatures[i].sig);
		free(r->signatures[i].problem);
	}
	free(r->signatures);
	free(r->report);
	tt_manifest_result_free(&r->files);
	free(r->unreadable);
	free(r);
}
