/*
 * targets.c - the fuzz targets' bodies (see targets.h).
 *
 * The checks here are the promises of the module headers, not the fuzzer's
 * own: ASan and UBSan catch memory and undefined behaviour, libFuzzer
 * catches leaks and hangs, and these catch a loader that fails without
 * saying why, or an escaper that lets through a character it must not.
 */
#include "fuzz/targets.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt/input/csv.h"
#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/plot/plot.h"
#include "tt/input/spec.h"
#include "tt/input/study.h"
#include "tt/base/util.h"
#include "tt/input/ydoc.h"

/* ---- checks ---- */

static void broken(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void broken(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz invariant broken: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			broken(__VA_ARGS__);                                                       \
	} while (0)

/* The input being tried, for check_diags(). */
static const uint8_t *input;
static size_t input_size;

static void set_input(const uint8_t *data, size_t size)
{
	input = data;
	input_size = size;
}

/* Whether the input holds s (it may well: the fuzzer learns the strings
 * this file compares with). */
static int input_has(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= input_size; i++)
		if (memcmp(input + i, s, n) == 0)
			return 1;
	return 0;
}

/* Every diagnostic formats, has a message, and no message shows a NULL
 * that reached printf ("(null)", unless the input wrote it). */
static void check_diags(tt_diags *d)
{
	int null_written = input_has("(null)");
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < d->count; i++) {
		const tt_diag *g = &d->items[i];
		CHECK(g->message && g->message[0], "diagnostic %zu has no message", i);
		CHECK(null_written || !strstr(g->message, "(null)"), "diagnostic prints a NULL: %s",
		      g->message);
		CHECK(g->line >= 0 && g->col >= 0, "diagnostic at line %d column %d", g->line,
		      g->col);
		char *s = tt_diag_format(g);
		CHECK(s && s[0], "diagnostic %zu does not format", i);
		free(s);
		errors += g->severity == TT_SEV_ERROR;
		warnings += g->severity == TT_SEV_WARNING;
	}
	CHECK(errors == d->errors && warnings == d->warnings,
	      "diagnostics count %zu errors and %zu warnings, hold %zu and %zu", d->errors,
	      d->warnings, errors, warnings);
	tt_diags_sort(d);
}

/* A loader's result: failure means an error in d and nothing returned;
 * success means no error added. */
static void check_result(const char *what, int rc, const void *out, size_t errors_before,
			 const tt_diags *d)
{
	if (rc == 0) {
		CHECK(out != NULL, "%s succeeded without a result", what);
		CHECK(d->errors == errors_before, "%s succeeded with %zu errors", what,
		      d->errors - errors_before);
	} else {
		CHECK(rc < 0, "%s returned %d", what, rc);
		CHECK(out == NULL, "%s failed but returned a result", what);
		CHECK(d->errors > errors_before, "%s failed (%d: %s) without a diagnostic", what,
		      rc, tt_error_last());
	}
}

/* ---- ydoc ---- */

typedef struct walk {
	const tt_ydoc *doc;
	size_t visits;
} walk;

static void check_loc(const tt_ydoc *doc, const tt_ynode *n)
{
	CHECK(n->loc.file == doc->path, "a node's file is not the document's path");
	CHECK(n->loc.line >= 1 && n->loc.col >= 1, "a node at line %d column %d", n->loc.line,
	      n->loc.col);
}

/* The tree's shape, from the root: aliases share nodes, so a node may be
 * reached many times, but never more often than the node count (which
 * counts every alias expanded) allows, nor deeper than the depth limit. */
static void walk_node(walk *w, const tt_ynode *n, int depth)
{
	CHECK(n != NULL, "a NULL node in the tree");
	CHECK(depth <= TT_YDOC_MAX_DEPTH + 1, "a tree deeper than %d levels", TT_YDOC_MAX_DEPTH);
	CHECK(++w->visits <= w->doc->n_nodes, "the walk visits %zu nodes, the document says %zu",
	      w->visits, w->doc->n_nodes);
	if (n->kind == TT_YNODE_SEQ) {
		for (size_t i = 0; i < n->count; i++)
			walk_node(w, n->items[i], depth + 1);
	} else if (n->kind == TT_YNODE_MAP) {
		for (size_t i = 0; i < n->count; i++)
			walk_node(w, n->pairs[i].value, depth + 1);
	}
}

/* One node, visited once however many aliases point at it: its fields,
 * and the schema helpers on it (their complaints go to scratch). */
static void check_node(const tt_ydoc *doc, const tt_ynode *n, tt_diags *scratch)
{
	static const char *const allowed[] = { "id", "name", "spec", "min", "max", NULL };
	static const char *const choices[] = { "continuous", "qualitative", NULL };
	check_loc(doc, n);
	switch (n->kind) {
	case TT_YNODE_SCALAR: {
		CHECK(n->text != NULL, "a scalar without text");
		const char *s;
		double x;
		long l;
		int k;
		tt_yschema_string(n, "k", &s, scratch);
		tt_yschema_id(n, "k", &s, scratch);
		if (tt_yschema_number(n, "k", &x, scratch) == 0)
			CHECK(isfinite(x), "a number that is not finite: %s", n->text);
		tt_yschema_number_in(n, "k", 0, 1, 1, 0, &x, scratch);
		if (tt_yschema_int(n, "k", -5, 5, &l, scratch) == 0)
			CHECK(l >= -5 && l <= 5, "an integer outside its range: %ld", l);
		if (tt_yschema_enum(n, "k", choices, &k, scratch) == 0)
			CHECK(k == 0 || k == 1, "an enum index %d", k);
		tt_yschema_bool(n, "k", &k, scratch);
		tt_ynode_is_null(n);
		break;
	}
	case TT_YNODE_SEQ:
		CHECK(n->count == 0 || n->items, "a sequence without items");
		tt_yschema_seq(n, "k", scratch);
		for (size_t i = 0; i < n->count; i++)
			CHECK(n->items[i], "a NULL item");
		break;
	case TT_YNODE_MAP:
		CHECK(n->count == 0 || n->pairs, "a mapping without pairs");
		tt_yschema_map(n, "k", scratch);
		tt_yschema_keys(n, "thing", allowed, scratch);
		tt_yschema_require(n, "thing", "id", scratch);
		for (size_t i = 0; i < n->count; i++) {
			const tt_ypair *p = &n->pairs[i];
			CHECK(p->key && p->key->kind == TT_YNODE_SCALAR,
			      "a key that is not a scalar");
			CHECK(p->value, "a key without a value");
			/* Duplicate keys are refused, so each key finds its own pair. */
			CHECK(tt_ynode_get_pair(n, p->key->text) == p,
			      "key '%s' finds another pair", p->key->text);
		}
		break;
	default:
		broken("a node of kind %d", (int)n->kind);
	}
}

int tt_fuzz_ydoc(const uint8_t *data, size_t size)
{
	set_input(data, size);
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc = (tt_ydoc *)1;
	int rc = tt_ydoc_parse(&doc, "fuzz.yaml", (const char *)data, size, &d);
	check_result("tt_ydoc_parse", rc, doc, 0, &d);
	if (rc == 0) {
		CHECK(doc->n_nodes <= TT_YDOC_MAX_NODES, "%zu nodes, over the limit", doc->n_nodes);
		CHECK(strcmp(doc->path, "fuzz.yaml") == 0, "the document's path changed");
		/* Aliases add to the count without adding nodes. */
		CHECK(doc->n_all <= doc->n_nodes, "%zu nodes allocated for %zu in the tree",
		      doc->n_all, doc->n_nodes);
		tt_diags scratch = TT_DIAGS_INIT;
		for (size_t i = 0; i < doc->n_all; i++)
			check_node(doc, doc->all[i], &scratch);
		check_diags(&scratch);
		tt_diags_free(&scratch);
		if (doc->root) {
			walk w = { doc, 0 };
			walk_node(&w, doc->root, 1);
		}
		tt_ydoc_free(doc);
	}
	check_diags(&d);
	tt_diags_free(&d);
	return 0;
}

/* ---- spec ---- */

int tt_fuzz_spec(const uint8_t *data, size_t size)
{
	set_input(data, size);
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc;
	if (tt_ydoc_parse(&doc, "fuzz.yaml", (const char *)data, size, &d) == 0) {
		tt_spec *spec = (tt_spec *)1;
		size_t before = d.errors;
		int rc = tt_spec_from_doc(&spec, doc, &d);
		check_result("tt_spec_from_doc", rc, spec, before, &d);
		if (rc == 0) {
			for (size_t i = 0; i < spec->n_attrs; i++) {
				const tt_attr *a = &spec->attrs[i];
				CHECK(tt_spec_attr(spec, a->id) == a, "attribute '%s' not found",
				      a->id);
				CHECK(!(a->has_min && a->has_max) || a->min <= a->max,
				      "attribute '%s' has min above max", a->id);
			}
			for (size_t i = 0; i < spec->n_steps; i++)
				CHECK(tt_spec_step(spec, spec->steps[i].id) == &spec->steps[i],
				      "step '%s' not found", spec->steps[i].id);
			tt_spec_free(spec);
		}
		tt_ydoc_free(doc);
	}
	check_diags(&d);
	tt_diags_free(&d);
	return 0;
}

/* ---- study ---- */

/* The folder the fuzzed study pretends to lie in: ROOT/studies, with
 * ROOT/specs, ROOT/studies/data, ROOT/studies/common and ROOT/csv-common
 * linked to the source tree, so that the paths of the shipped studies and
 * of the bad-input corpus resolve.  ROOT lies in the build tree
 * (TT_FUZZ_WORK_DIR), made once and shared by every process that fuzzes
 * or replays: libFuzzer ends a process without running atexit handlers,
 * so a temporary folder would outlive each run. */
#ifndef TT_FUZZ_WORK_DIR
#error "TT_FUZZ_WORK_DIR must name a folder of the build tree"
#endif
static char study_path[4200];

static const char *const study_links[][2] = {
	{ "specs", "specs" },
	{ "studies/data", "studies/data" },
	{ "studies/common", "tests/resources/bad/common" },
	{ "csv-common", "tests/resources/bad/csv-common" },
};
#define N_STUDY_LINKS (sizeof study_links / sizeof study_links[0])

static void make_dir(const char *path)
{
	CHECK(mkdir(path, 0755) == 0 || errno == EEXIST, "cannot make %s: %s", path,
	      strerror(errno));
}

static void study_init(void)
{
	if (study_path[0])
		return;
	const char *root = TT_FUZZ_WORK_DIR "/study-root";
	char p[4400], target[4400];
	make_dir(TT_FUZZ_WORK_DIR);
	make_dir(root);
	snprintf(p, sizeof p, "%s/studies", root);
	make_dir(p);
	for (size_t i = 0; i < N_STUDY_LINKS; i++) {
		snprintf(p, sizeof p, "%s/%s", root, study_links[i][0]);
		snprintf(target, sizeof target, "%s/%s", TT_SOURCE_DIR, study_links[i][1]);
		CHECK(symlink(target, p) == 0 || errno == EEXIST, "cannot link %s: %s", p,
		      strerror(errno));
	}
	snprintf(study_path, sizeof study_path, "%s/studies/fuzz.yaml", root);
}

/* Whether a data file the study names is one to load: a regular file of
 * a size a data file has (a fuzzed path may name any file at all). */
static int loadable(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (1 << 20);
}

/* What tt check does with a study's data (tt/cli/cmd_check.c). */
static void check_study_data(const tt_study *s, tt_diags *d)
{
	const char *files[2] = { s->source_data, s->receiving_data };
	const tt_spec *specs[2] = { s->source_spec, s->receiving_spec };
	const char *sites[2] = { "source", "receiving" };
	tt_lots *lots[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		if (!loadable(files[i]))
			continue;
		size_t before = d->errors;
		lots[i] = (tt_lots *)1;
		int rc = tt_lots_load(&lots[i], files[i], d);
		check_result("tt_lots_load", rc, lots[i], before, d);
		if (rc == 0)
			tt_lots_check(lots[i], s, specs[i], sites[i], d);
	}
	tt_lots_check_exclusions(s, lots[0], lots[1], d);
	tt_lots_free(lots[0]);
	tt_lots_free(lots[1]);
	for (size_t i = 0; i < s->n_comparisons; i++) {
		const tt_comparison *c = &s->comparisons[i];
		const char *series[2] = { c->data_source, c->data_receiving };
		for (int k = 0; k < 2; k++) {
			if (!loadable(series[k]))
				continue;
			tt_series_table *t = (tt_series_table *)1;
			size_t before = d->errors;
			int rc = tt_series_load(&t, series[k], d);
			check_result("tt_series_load", rc, t, before, d);
			tt_series_free(t);
		}
	}
}

int tt_fuzz_study(const uint8_t *data, size_t size)
{
	set_input(data, size);
	study_init();
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc;
	if (tt_ydoc_parse(&doc, study_path, (const char *)data, size, &d) == 0) {
		tt_study *study = (tt_study *)1;
		size_t before = d.errors;
		int rc = tt_study_from_doc(&study, doc, 1, &d);
		check_result("tt_study_from_doc", rc, study, before, &d);
		if (rc == 0) {
			CHECK(study->source_spec && study->receiving_spec, "a study without specs");
			for (size_t i = 0; i < study->n_comparisons; i++) {
				const tt_comparison *c = &study->comparisons[i];
				CHECK(c->attribute, "comparison %zu has no attribute", i);
			}
			check_study_data(study, &d);
			tt_study_free(study);
		}
		tt_ydoc_free(doc);
	}
	check_diags(&d);
	tt_diags_free(&d);
	return 0;
}

/* ---- CSV ---- */

/* Shipped studies to check fuzzed lot tables against: one of the
 * independent design and one of the paired. */
static tt_study *csv_studies[2];

static void csv_cleanup(void)
{
	for (int i = 0; i < 2; i++)
		tt_study_free(csv_studies[i]);
}

static void csv_init(void)
{
	static const char *const names[2] = { "cart-sh-to-rtp.yaml", "epcam-client-to-cdmo.yaml" };
	if (csv_studies[0])
		return;
	for (int i = 0; i < 2; i++) {
		char *path = tt_xasprintf("%s/studies/%s", TT_SOURCE_DIR, names[i]);
		tt_diags d = TT_DIAGS_INIT;
		if (tt_study_load(&csv_studies[i], path, 1, &d) != 0) {
			tt_diags_print(&d, stderr);
			broken("cannot load the shipped study %s", path);
		}
		tt_diags_free(&d);
		free(path);
	}
	atexit(csv_cleanup);
}

/* Each cell's kind agrees with its text: the loader's fast number path
 * gives what tt_parse_double() gives, bit for bit. */
static void check_cells(const tt_lots *L)
{
	for (size_t j = 0; j < L->n_columns; j++) {
		const tt_column *col = &L->columns[j];
		CHECK(tt_lots_column(L, col->name) == col, "column '%s' not found", col->name);
		for (size_t r = 0; r < L->n_lots; r++) {
			const tt_cell *c = &col->cells[r];
			const char *text = tt_cell_text(L, c);
			double v;
			switch (c->kind) {
			case TT_CELL_MISSING:
				CHECK(!text || strcmp(text, "NA") == 0, "missing cell '%s'", text);
				break;
			case TT_CELL_NUMBER:
				CHECK(text && tt_parse_double(text, &v) == 0 &&
					      memcmp(&v, &c->value, sizeof v) == 0,
				      "cell '%s' read as %.17g", text ? text : "", c->value);
				break;
			case TT_CELL_CENSORED:
				CHECK(text && (text[0] == '<' || text[0] == '>') &&
					      c->censor == text[0] && isfinite(c->value),
				      "censored cell '%s'", text ? text : "");
				break;
			case TT_CELL_TEXT:
				CHECK(text && text[0] && tt_parse_double(text, &v) != 0,
				      "text cell '%s'", text ? text : "");
				break;
			default:
				broken("a cell of kind %d", (int)c->kind);
			}
		}
	}
	for (size_t r = 0; r < L->n_lots; r++)
		CHECK(tt_lots_find(L, L->lot[r]) == (long)r, "lot '%s' not found at its row",
		      L->lot[r]);
}

int tt_fuzz_csv(const uint8_t *data, size_t size)
{
	set_input(data, size);
	csv_init();
	const char *bytes = (const char *)data;
	tt_diags d = TT_DIAGS_INIT;

	tt_csv *csv = (tt_csv *)1;
	int rc = tt_csv_parse(&csv, "fuzz.csv", bytes, size, &d);
	check_result("tt_csv_parse", rc, csv, 0, &d);
	if (rc == 0) {
		for (size_t i = 0; i < csv->n_rows; i++) {
			CHECK(csv->rows[i].line >= 1, "row %zu at line %d", i, csv->rows[i].line);
			CHECK(i == 0 || csv->rows[i].line > csv->rows[i - 1].line,
			      "rows out of order at row %zu", i);
			for (size_t k = 0; k < csv->rows[i].n_fields; k++)
				CHECK(csv->rows[i].fields[k], "a NULL field");
		}
		tt_csv_free(csv);
	}

	tt_lots *lots = (tt_lots *)1;
	size_t before = d.errors;
	rc = tt_lots_parse(&lots, "fuzz.csv", bytes, size, &d);
	check_result("tt_lots_parse", rc, lots, before, &d);
	if (rc == 0) {
		check_cells(lots);
		static const char *const sites[2] = { "source", "receiving" };
		for (int i = 0; i < 2; i++) {
			const tt_study *s = csv_studies[i];
			for (int k = 0; k < 2; k++)
				tt_lots_check(lots, s, k ? s->receiving_spec : s->source_spec,
					      sites[k], &d);
			tt_lots_check_exclusions(s, lots, lots, &d);
		}
		tt_lots_free(lots);
	}

	tt_series_table *t = (tt_series_table *)1;
	before = d.errors;
	rc = tt_series_parse(&t, "fuzz.csv", bytes, size, &d);
	check_result("tt_series_parse", rc, t, before, &d);
	if (rc == 0) {
		for (size_t i = 1; i < t->n; i++)
			CHECK(t->lot[i] == t->lot[i - 1] ? t->time[i] > t->time[i - 1] : 1,
			      "rows of lot '%s' not sorted by time", t->lot[i]);
		CHECK(t->n_lots <= t->n, "%zu lots in %zu rows", t->n_lots, t->n);
		tt_series_free(t);
	}
	check_diags(&d);
	tt_diags_free(&d);
	return 0;
}

/* ---- escaping ---- */

/* The length of the valid UTF-8 sequence at s and its code point, or 0. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || len > n || !tt_utf8_valid((const char *)s, len, NULL))
		return 0;
	static const unsigned char mask[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	unsigned long v = s[0] & mask[len];
	for (size_t i = 1; i < len; i++)
		v = (v << 6) | (s[i] & 0x3F);
	*cp = v;
	return len;
}

/* Whether the input is valid UTF-8 free of every character an escaper may
 * replace, so that unescaping its output must give it back. */
static int plain(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t k = utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (k == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
		    cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return 0;
		i += k;
	}
	return 1;
}

/* A gnuplot string expression that evaluates to the text and nothing
 * else: single-quoted literals holding no quote, and "'" for each quote,
 * joined by " . "; the literals valid UTF-8 without control or
 * bidirectional-override characters; at most TT_PLOT_MAX_LABEL characters
 * in all; the input back when it was plain and short. */
static void check_plot_escape(const char *in)
{
	tt_buf b = TT_BUF_INIT;
	tt_plot_escape(&b, in);
	const unsigned char *s = (const unsigned char *)(b.data ? b.data : "");
	size_t n = b.len;
	CHECK(strlen((const char *)s) == n, "gnuplot: a NUL in the expression");
	tt_buf back = TT_BUF_INIT;
	size_t chars = 0, i = 0;
	for (;;) {
		if (n - i >= 3 && memcmp(s + i, "\"'\"", 3) == 0) {
			tt_buf_putc(&back, '\'');
			chars++;
			i += 3;
		} else {
			CHECK(i < n && s[i] == '\'', "gnuplot: no string at byte %zu of <%s>", i,
			      (const char *)s);
			for (i++; i < n && s[i] != '\'';) {
				unsigned long cp;
				size_t k = utf8_next(s + i, n - i, &cp);
				CHECK(k > 0, "gnuplot: invalid UTF-8 at byte %zu", i);
				CHECK(!(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
					cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
					(cp >= 0x2066 && cp <= 0x2069)),
				      "gnuplot: character U+%04lX let through", cp);
				tt_buf_put(&back, (const char *)s + i, k);
				chars++;
				i += k;
			}
			CHECK(i < n, "gnuplot: an unterminated string in <%s>", (const char *)s);
			i++;
		}
		if (i == n)
			break;
		CHECK(n - i > 3 && memcmp(s + i, " . ", 3) == 0,
		      "gnuplot: '%s' where ' . ' or the end belongs", (const char *)s + i);
		i += 3;
	}
	CHECK(chars <= TT_PLOT_MAX_LABEL, "gnuplot: %zu characters", chars);
	if (plain(in) && chars < TT_PLOT_MAX_LABEL)
		CHECK(strcmp(back.data ? back.data : "", in) == 0, "gnuplot: the text changed");
	tt_buf_free(&back);
	tt_buf_free(&b);
}

/* No raw < > & " ' in the HTML, every & starts one of the five entities,
 * valid UTF-8 without control characters but line feed and tab; the
 * input back when it was plain. */
static void check_html_escape(const char *in)
{
	static const char *const entities[][2] = {
		{ "&amp;", "&" },   { "&lt;", "<" },  { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	tt_buf b = TT_BUF_INIT;
	tt_html_escape(&b, in);
	const char *s = b.data ? b.data : "";
	size_t n = b.len;
	CHECK(strlen(s) == n, "html: a NUL in the output");
	tt_buf back = TT_BUF_INIT;
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t k = utf8_next((const unsigned char *)s + i, n - i, &cp);
		CHECK(k > 0, "html: invalid UTF-8 at byte %zu", i);
		CHECK(cp != '<' && cp != '>' && cp != '"' && cp != '\'',
		      "html: raw '%c' at byte %zu", (char)cp, i);
		CHECK(!((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)),
		      "html: control character U+%04lX let through", cp);
		if (cp == '&') {
			size_t e = 0;
			while (e < 5 && strncmp(s + i, entities[e][0], strlen(entities[e][0])) != 0)
				e++;
			CHECK(e < 5, "html: a raw '&' at byte %zu", i);
			tt_buf_puts(&back, entities[e][1]);
			i += strlen(entities[e][0]);
			continue;
		}
		tt_buf_put(&back, s + i, k);
		i += k;
	}
	if (plain(in))
		CHECK(strcmp(back.data ? back.data : "", in) == 0, "html: the text changed");
	tt_buf_free(&back);
	tt_buf_free(&b);
}

/* Every character Markdown gives meaning is escaped, no line break
 * survives; the input back when it had no line break or tab. */
static void check_md_escape(const char *in)
{
	static const char specials[] = "\\`*_[]<>|#!{}";
	tt_buf b = TT_BUF_INIT;
	tt_md_escape(&b, in);
	const char *s = b.data ? b.data : "";
	tt_buf back = TT_BUF_INIT;
	for (size_t i = 0; s[i]; i++) {
		CHECK(s[i] != '\n' && s[i] != '\r', "markdown: a line break at byte %zu", i);
		if (s[i] == '\\') {
			CHECK(s[i + 1] && strchr(specials, s[i + 1]),
			      "markdown: a lone backslash at byte %zu", i);
			i++;
		} else {
			CHECK(!strchr(specials, s[i]), "markdown: '%c' unescaped at byte %zu", s[i],
			      i);
		}
		tt_buf_putc(&back, s[i]);
	}
	if (!strpbrk(in, "\n\r\t"))
		CHECK(strcmp(back.data ? back.data : "", in) == 0, "markdown: the text changed");
	tt_buf_free(&back);
	tt_buf_free(&b);
}

int tt_fuzz_escape(const uint8_t *data, size_t size)
{
	char *in = tt_xstrndup((const char *)data, size);
	check_plot_escape(in);
	check_html_escape(in);
	check_md_escape(in);
	free(in);
	return 0;
}

const tt_fuzz_target tt_fuzz_targets[] = {
	{ "ydoc", tt_fuzz_ydoc }, { "spec", tt_fuzz_spec },     { "study", tt_fuzz_study },
	{ "csv", tt_fuzz_csv },   { "escape", tt_fuzz_escape }, { NULL, NULL },
};
