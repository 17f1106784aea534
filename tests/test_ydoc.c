/*
 * test_ydoc.c - the YAML document tree: places, refusals and schema helpers.
 */
#include "support.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/hash.h"
#include "tt/base/util.h"
#include "tt/input/ydoc.h"

/* Parses text as "t.yaml"; returns the document (or NULL) with the
 * diagnostics in *d. */
static tt_ydoc *parse(const char *text, tt_diags *d)
{
	tt_ydoc *doc = NULL;
	tt_diags_init(d);
	int rc = tt_ydoc_parse(&doc, "t.yaml", text, strlen(text), d);
	if (rc == 0) {
		assert_non_null(doc);
		assert_int_equal(d->errors, 0);
	} else {
		assert_null(doc);
		assert_true(d->errors > 0);
	}
	return doc;
}

/* Asserts that text is refused with exactly the listed messages, in order. */
static void refused(const char *text, const char *const *want)
{
	tt_diags d;
	tt_ydoc *doc = parse(text, &d);
	assert_null(doc);
	size_t n = 0;
	while (want[n])
		n++;
	int ok = d.count == n;
	for (size_t i = 0; ok && i < n; i++) {
		char *s = tt_diag_format(&d.items[i]);
		ok = strcmp(s, want[i]) == 0;
		free(s);
	}
	if (!ok) {
		for (size_t i = 0; i < n; i++)
			print_message("  want: %s\n", want[i]);
		tt_test_diags_dump(&d);
		fail();
	}
	tt_diags_free(&d);
}

#define REFUSED(text, ...)                                                                         \
	do {                                                                                       \
		const char *const want_[] = { __VA_ARGS__, NULL };                                 \
		refused(text, want_);                                                              \
	} while (0)

static void nodes_keep_their_places(void **state)
{
	(void)state;
	const char *text = "process:\n"
			   "  id: cart-sh\n"
			   "  version: \"3.2\"\n"
			   "  steps:\n"
			   "    - id: activation\n"
			   "      equipment: [CliniMACS Prodigy, 'G-Rex 100']\n"
			   "  note: |\n"
			   "    two\n"
			   "    lines\n"
			   "  site: { name: Shanghai, country: CN }\n";
	tt_diags d;
	tt_ydoc *doc = parse(text, &d);
	assert_string_equal(doc->path, "t.yaml");
	tt_ynode *root = doc->root;
	assert_int_equal(root->kind, TT_YNODE_MAP);
	assert_int_equal(root->loc.line, 1);
	assert_int_equal(root->loc.col, 1);
	assert_string_equal(root->loc.file, "t.yaml");

	tt_ynode *p = tt_ynode_get(root, "process");
	assert_int_equal(p->kind, TT_YNODE_MAP);
	assert_int_equal(p->loc.line, 2); /* a block mapping starts at its first key */
	assert_int_equal(p->loc.col, 3);
	assert_int_equal(p->count, 5);
	assert_string_equal(p->pairs[0].key->text, "id"); /* the file's order */
	assert_string_equal(p->pairs[4].key->text, "site");

	tt_ynode *id = tt_ynode_get(p, "id");
	assert_string_equal(id->text, "cart-sh");
	assert_false(id->quoted);
	assert_int_equal(id->loc.line, 2);
	assert_int_equal(id->loc.col, 7);
	const tt_ypair *pair = tt_ynode_get_pair(p, "id");
	assert_int_equal(pair->key->loc.line, 2);
	assert_int_equal(pair->key->loc.col, 3);

	tt_ynode *version = tt_ynode_get(p, "version");
	assert_string_equal(version->text, "3.2");
	assert_true(version->quoted);
	assert_int_equal(version->loc.col, 12); /* at the opening quote */

	tt_ynode *steps = tt_ynode_get(p, "steps");
	assert_int_equal(steps->kind, TT_YNODE_SEQ);
	assert_int_equal(steps->count, 1);
	assert_int_equal(steps->loc.line, 5);
	assert_int_equal(steps->loc.col, 5);
	tt_ynode *eq = tt_ynode_get(steps->items[0], "equipment");
	assert_int_equal(eq->kind, TT_YNODE_SEQ);
	assert_int_equal(eq->loc.line, 6);
	assert_int_equal(eq->loc.col, 18); /* at '[' */
	assert_int_equal(eq->count, 2);
	assert_string_equal(eq->items[0]->text, "CliniMACS Prodigy");
	assert_int_equal(eq->items[1]->loc.col, 38);
	assert_true(eq->items[1]->quoted);

	tt_ynode *note = tt_ynode_get(p, "note");
	assert_string_equal(note->text, "two\nlines\n");
	assert_true(note->quoted); /* a block scalar is a string, like a quoted one */

	tt_ynode *site = tt_ynode_get(p, "site");
	assert_int_equal(site->loc.line, 10);
	assert_int_equal(site->loc.col, 9);
	assert_string_equal(tt_ynode_get(site, "country")->text, "CN");
	assert_int_equal(tt_ynode_get(site, "country")->loc.col, 36);

	assert_null(tt_ynode_get(p, "absent"));
	assert_null(tt_ynode_get(id, "id")); /* not a mapping */
	/* root 1 + "process" 1 + map 1 + 5 keys + id 1 + version 1 + steps seq 1
	 * + item map 1 + 2 keys + "activation" 1 + eq seq 1 + 2 items + note 1
	 * + site map 1 + 2 keys + 2 values = 24. */
	assert_int_equal(doc->n_nodes, 24);

	unsigned char want[32];
	tt_sha256(text, strlen(text), want);
	assert_memory_equal(doc->sha256, want, 32);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
}

static void nulls_and_empty_documents(void **state)
{
	(void)state;
	tt_diags d;
	tt_ydoc *doc = parse("a:\nb: ~\nc: null\nd: ''\ne: x\n", &d);
	assert_true(tt_ynode_is_null(tt_ynode_get(doc->root, "a")));
	assert_true(tt_ynode_is_null(tt_ynode_get(doc->root, "b")));
	assert_true(tt_ynode_is_null(tt_ynode_get(doc->root, "c")));
	assert_false(tt_ynode_is_null(tt_ynode_get(doc->root, "d"))); /* quoted: a string */
	assert_false(tt_ynode_is_null(tt_ynode_get(doc->root, "e")));
	assert_false(tt_ynode_is_null(doc->root));
	tt_ydoc_free(doc);
	tt_diags_free(&d);

	doc = parse("# only a comment\n", &d);
	assert_null(doc->root);
	tt_ydoc_free(doc);
	tt_diags_free(&d);

	doc = parse("", &d);
	assert_null(doc->root);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
}

static void byte_order_mark_and_crlf(void **state)
{
	(void)state;
	tt_diags d;
	tt_ydoc *doc = parse("\xEF\xBB\xBF"
			     "a: 1\r\nb: caf\xC3\xA9\r\nc: 2\r\n",
			     &d);
	tt_ynode *a = tt_ynode_get(doc->root, "a");
	assert_int_equal(a->loc.line, 1);
	assert_int_equal(a->loc.col, 4); /* the mark is not a column */
	assert_string_equal(tt_ynode_get(doc->root, "b")->text, "caf\xC3\xA9");
	assert_int_equal(tt_ynode_get(doc->root, "c")->loc.line, 3);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
}

static void aliases_share_the_anchored_node(void **state)
{
	(void)state;
	tt_diags d;
	tt_ydoc *doc = parse("base: &b { k: 3, sides: 2 }\n"
			     "one: *b\n"
			     "two: *b\n"
			     "s: &s text\n"
			     "t: *s\n",
			     &d);
	tt_ynode *base = tt_ynode_get(doc->root, "base");
	assert_ptr_equal(tt_ynode_get(doc->root, "one"), base);
	assert_ptr_equal(tt_ynode_get(doc->root, "two"), base);
	assert_ptr_equal(tt_ynode_get(doc->root, "t"), tt_ynode_get(doc->root, "s"));
	/* root 1 + 5 keys + base map 5 + two aliases of 5 + s 1 + t alias 1 = 23 */
	assert_int_equal(doc->n_nodes, 23);
	/* Each node is allocated once: 1 + 5 + 5 + 1. */
	assert_int_equal(doc->n_all, 12);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
}

static void refuses_syntax_errors_with_libyaml_problem(void **state)
{
	(void)state;
	REFUSED("a: 1\n  b: 2\n",
		"t.yaml:2:4: error: mapping values are not allowed in this context");
	REFUSED("a: [1, 2\nb: 3\n",
		"t.yaml:2:2: error: did not find expected ',' or ']' (while parsing a flow "
		"sequence that starts at line 1)");
	REFUSED("a: \"open\n",
		"t.yaml:2:1: error: found unexpected end of stream (while scanning a quoted "
		"scalar that starts at line 1)");
	/* A '%' cannot start a plain value; the message says what to do. */
	REFUSED("unit: %\n", "t.yaml:1:7: error: found character that cannot start any token "
			     "(a value that starts with '%' must be quoted)");
	REFUSED("a: x\x01y\n", "t.yaml:1:5: error: control characters are not allowed (0x01)");
}

static void refuses_invalid_utf8_and_tabs_all_at_once(void **state)
{
	(void)state;
	REFUSED("a: caf\xC3\n"
		"b:\n"
		"\tc: 1\n"
		"d: \xE6\x9D\xB1\xFF\n"
		"e: [1,\t2]\n"
		"  \t# a comment after a tab is harmless\n",
		"t.yaml:1:7: error: invalid UTF-8 (byte 0xc3); save the file as UTF-8",
		"t.yaml:4:5: error: invalid UTF-8 (byte 0xff); save the file as UTF-8",
		"t.yaml:3:1: error: tabs are not allowed in indentation; indent with spaces");
	REFUSED("a:\n  b: 1\n  \tc: 2\n",
		"t.yaml:3:3: error: tabs are not allowed in indentation; indent with spaces");
}

static void refuses_duplicate_and_complex_keys(void **state)
{
	(void)state;
	REFUSED("id: a\n"
		"name: x\n"
		"id: b\n"
		"sub:\n"
		"  k: 1\n"
		"  k: 2\n"
		"  k: 3\n"
		"id: c\n",
		"t.yaml:6:3: error: duplicate key 'k' (first at line 5)",
		"t.yaml:7:3: error: duplicate key 'k' (first at line 5)",
		"t.yaml:3:1: error: duplicate key 'id' (first at line 1)",
		"t.yaml:8:1: error: duplicate key 'id' (first at line 1)");
	REFUSED("? [a, b]\n: 1\n? {c: d}\n: 2\n",
		"t.yaml:1:3: error: a mapping key must be a single value, not a list",
		"t.yaml:3:3: error: a mapping key must be a single value, not a mapping");
	REFUSED("a: &x [1]\n*x : 2\n",
		"t.yaml:2:1: error: a mapping key must be a single value, not a list");
	REFUSED("base: &b {k: 1}\nc:\n  <<: *b\n",
		"t.yaml:3:3: error: merge keys ('<<') are not supported; write the keys out");
}

static void refuses_deep_nesting(void **state)
{
	(void)state;
	/* 64 levels are fine, 65 are not. */
	tt_buf b = TT_BUF_INIT;
	for (int i = 0; i < TT_YDOC_MAX_DEPTH; i++)
		tt_buf_putc(&b, '[');
	for (int i = 0; i < TT_YDOC_MAX_DEPTH; i++)
		tt_buf_putc(&b, ']');
	tt_diags d;
	tt_ydoc *doc = parse(b.data, &d);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
	tt_buf_reset(&b);
	tt_buf_puts(&b, "a: ");
	for (int i = 0; i < TT_YDOC_MAX_DEPTH; i++)
		tt_buf_putc(&b, '[');
	for (int i = 0; i < TT_YDOC_MAX_DEPTH; i++)
		tt_buf_putc(&b, ']');
	REFUSED(b.data, "t.yaml:1:67: error: nesting deeper than 64 levels");
	/* An alias cannot carry nesting past the limit either. */
	tt_buf_reset(&b);
	tt_buf_puts(&b, "a: &x ");
	for (int i = 0; i < 40; i++)
		tt_buf_putc(&b, '[');
	for (int i = 0; i < 40; i++)
		tt_buf_putc(&b, ']');
	tt_buf_puts(&b, "\nb: ");
	for (int i = 0; i < 30; i++)
		tt_buf_putc(&b, '[');
	tt_buf_puts(&b, "*x");
	for (int i = 0; i < 30; i++)
		tt_buf_putc(&b, ']');
	tt_buf_putc(&b, '\n');
	REFUSED(b.data, "t.yaml:2:34: error: alias '*x' makes nesting deeper than 64 levels");
	tt_buf_free(&b);
}

static void refuses_billion_laughs_at_the_first_alias_past_the_limit(void **state)
{
	(void)state;
	/* Nine levels of nine aliases: about 10^9 nodes if expanded. */
	const char *bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
			   "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
			   "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	/* Level k holds 1 + 9 size(k-1) nodes: a 10, b 91, c 820, d 7381,
	 * e 66430.  The running count before line 6's aliases is root 1 +
	 * keys a..f 6 + 10 + 91 + 820 + 7381 + 66430 + f's sequence 1 = 74740.  Each *e adds
	 * 66430: after 1 alias 141170, after 2 207600 > 200000, so the second
	 * alias (column 12) fails. */
	REFUSED(bomb, "t.yaml:6:12: error: alias '*e' expansion exceeds the limit of 200000 nodes");
}

static void refuses_too_many_nodes_and_bytes(void **state)
{
	(void)state;
	tt_buf b = TT_BUF_INIT;
	for (int i = 0; i < TT_YDOC_MAX_NODES; i++)
		tt_buf_puts(&b, "- 1\n");
	/* The sequence itself is a node, so the last item is one too many. */
	char want[128];
	snprintf(want, sizeof want,
		 "t.yaml:%d:3: error: the document exceeds the limit of %d nodes",
		 TT_YDOC_MAX_NODES, TT_YDOC_MAX_NODES);
	REFUSED(b.data, want);
	tt_buf_free(&b);

	size_t len = (size_t)TT_YDOC_MAX_BYTES + 1;
	char *big = calloc(len, 1);
	assert_non_null(big);
	memset(big, '#', len);
	tt_diags d;
	tt_diags_init(&d);
	tt_ydoc *doc = NULL;
	assert_int_equal(tt_ydoc_parse(&doc, "big.yaml", big, len, &d), TT_EINVAL);
	assert_null(doc);
	assert_true(tt_test_diags_has(&d, "big.yaml: error: file is larger than the limit of "
					  "16777216 bytes"));
	free(big);
	tt_diags_free(&d);
}

static void refuses_second_documents_aliases_without_anchor_and_tags(void **state)
{
	(void)state;
	REFUSED("a: 1\n---\nb: 2\n",
		"t.yaml:2:1: error: a second document in the file; tt reads one document per file");
	/* An explicit start of the only document is fine. */
	tt_diags d;
	tt_ydoc *doc = parse("---\na: 1\n...\n", &d);
	tt_ydoc_free(doc);
	tt_diags_free(&d);

	REFUSED("a: *nowhere\nb: &c [*c]\n",
		"t.yaml:1:4: error: alias '*nowhere' has no anchor '&nowhere' before it",
		"t.yaml:2:8: error: alias '*c' has no anchor '&c' before it");
	REFUSED("a: !!python/object 3\nb: !local x\n",
		"t.yaml:1:4: error: unsupported tag '!!python/object'",
		"t.yaml:2:4: error: unsupported tag '!local'");
	doc = parse("a: !!str 3\nb: !!int 4\n", &d);
	assert_true(tt_ynode_get(doc->root, "a")->quoted);
	assert_false(tt_ynode_get(doc->root, "b")->quoted);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
}

static void load_reports_a_missing_file(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc = NULL;
	assert_int_equal(tt_ydoc_load(&doc, "/nonexistent/x.yaml", &d), TT_EIO);
	assert_null(doc);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, "/nonexistent/x.yaml");
	assert_int_equal(d.items[0].line, 0);
	tt_diags_free(&d);
}

/* ---- schema helpers ----------------------------------------------------- */

typedef struct fixture {
	tt_ydoc *doc;
	tt_diags d;
} fixture;

static const char schema_text[] = "m:\n"
				  "  margn: 1\n"
				  "  zzz: 2\n"
				  "  sigma: 1.5\n"
				  "s: hello\n"
				  "n: 0.05\n"
				  "q: \"0.05\"\n"
				  "bad_id: car positive\n"
				  "int: 10000\n"
				  "sci: 1e4\n"
				  "frac: 2.5\n"
				  "neg: -1\n"
				  "v: welsh\n"
				  "w: foo\n"
				  "t: yes\n"
				  "f: 'no'\n"
				  "list: [a]\n"
				  "empty:\n"
				  "big: 1e999\n"
				  "huge: 99999999999999999999\n";

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	tt_diags_init(&f->d);
	if (tt_ydoc_parse(&f->doc, "s.yaml", schema_text, strlen(schema_text), &f->d) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tt_ydoc_free(f->doc);
	tt_diags_free(&f->d);
	free(f);
	return 0;
}

static tt_ynode *node(fixture *f, const char *key)
{
	tt_ynode *n = tt_ynode_get(f->doc->root, key);
	assert_non_null(n);
	return n;
}

/* Asserts that the last diagnostic added reads want. */
static void last_is(fixture *f, const char *want)
{
	assert_true(f->d.count > 0);
	char *s = tt_diag_format(&f->d.items[f->d.count - 1]);
	if (strcmp(s, want) != 0) {
		print_message("  want: %s\n  got:  %s\n", want, s);
		free(s);
		fail();
	}
	free(s);
}

static void schema_keys_and_require(void **state)
{
	fixture *f = *state;
	static const char *const allowed[] = { "margin", "sigma", NULL };
	assert_int_equal(tt_yschema_keys(node(f, "m"), "comparison", allowed, &f->d), TT_EINVAL);
	assert_int_equal(f->d.count, 2);
	assert_true(tt_test_diags_has(&f->d, "s.yaml:2:3: error: unknown key 'margn' in "
					     "comparison; did you mean 'margin'?"));
	last_is(f, "s.yaml:3:3: error: unknown key 'zzz' in comparison");
	assert_int_equal(tt_yschema_keys(node(f, "s"), "site", allowed, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:5:4: error: expected a mapping for site, found 'hello'");

	assert_non_null(tt_yschema_require(node(f, "m"), "margin", "sigma", &f->d));
	size_t before = f->d.count;
	assert_null(tt_yschema_require(node(f, "m"), "comparison", "attribute", &f->d));
	assert_int_equal(f->d.count, before + 1);
	last_is(f, "s.yaml:2:3: error: missing required key 'attribute' in comparison");
}

static void schema_strings_and_ids(void **state)
{
	fixture *f = *state;
	const char *s;
	assert_int_equal(tt_yschema_string(node(f, "s"), "s", &s, &f->d), 0);
	assert_string_equal(s, "hello");
	assert_int_equal(tt_yschema_string(node(f, "n"), "n", &s, &f->d), 0); /* a number's text */
	assert_string_equal(s, "0.05");
	assert_int_equal(tt_yschema_string(node(f, "list"), "title", &s, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:17:7: error: expected a string for 'title', found a list");
	assert_int_equal(tt_yschema_string(node(f, "empty"), "title", &s, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:18:7: error: 'title' has no value; expected a string");
	assert_int_equal(tt_yschema_id(node(f, "s"), "id", &s, &f->d), 0);
	assert_int_equal(tt_yschema_id(node(f, "bad_id"), "attribute", &s, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:8:9: error: 'car positive' is not a valid id for 'attribute': use "
		   "letters, digits, '-' and '_'");
}

static void schema_numbers(void **state)
{
	fixture *f = *state;
	double v = 0;
	assert_int_equal(tt_yschema_number(node(f, "n"), "alpha", &v, &f->d), 0);
	assert_true(v == 0.05);
	assert_int_equal(tt_yschema_number(node(f, "q"), "alpha", &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:7:4: error: expected a number for 'alpha', found the quoted string "
		   "'0.05'; remove the quotes");
	assert_int_equal(tt_yschema_number(node(f, "s"), "alpha", &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:5:4: error: expected a number for 'alpha', found 'hello'");
	assert_int_equal(tt_yschema_number(node(f, "big"), "k", &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:19:6: error: expected a number for 'k', found '1e999'");
	assert_int_equal(tt_yschema_number(node(f, "m"), "k", &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:2:3: error: expected a number for 'k', found a mapping");

	assert_int_equal(tt_yschema_number_in(node(f, "n"), "alpha", 0, 1, 0.5, 1, &v, &f->d), 0);
	assert_int_equal(tt_yschema_number_in(node(f, "frac"), "alpha", 0, 1, 0.5, 1, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:11:7: error: 'alpha' must be in (0, 0.5), not 2.5");
	assert_int_equal(
		tt_yschema_number_in(node(f, "frac"), "min_fraction", 0, 1, 1, 0, &v, &f->d),
		TT_EINVAL);
	last_is(f, "s.yaml:11:7: error: 'min_fraction' must be in (0, 1], not 2.5");
	assert_int_equal(tt_yschema_number_in(node(f, "neg"), "k", 0, 1, INFINITY, 0, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:12:6: error: 'k' must be > 0, not -1");
	assert_int_equal(tt_yschema_number_in(node(f, "frac"), "x", -INFINITY, 0, 1, 0, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:11:7: error: 'x' must be <= 1, not 2.5");
	/* The bound itself: closed ends accept it, open ends do not. */
	assert_int_equal(tt_yschema_number_in(node(f, "neg"), "x", -1, 0, 0, 0, &v, &f->d), 0);
	assert_int_equal(tt_yschema_number_in(node(f, "neg"), "x", -1, 1, 0, 0, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:12:6: error: 'x' must be in (-1, 0], not -1");
}

static void schema_integers(void **state)
{
	fixture *f = *state;
	long v = 0;
	assert_int_equal(tt_yschema_int(node(f, "int"), "bootstrap", 100, 1000000, &v, &f->d), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(tt_yschema_int(node(f, "sci"), "bootstrap", 100, 1000000, &v, &f->d), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(tt_yschema_int(node(f, "frac"), "bootstrap", 100, 1000000, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:11:7: error: expected an integer for 'bootstrap', found '2.5'");
	assert_int_equal(tt_yschema_int(node(f, "neg"), "bootstrap", 100, 1000000, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:12:6: error: 'bootstrap' must be an integer from 100 to 1000000, "
		   "not -1");
	assert_int_equal(tt_yschema_int(node(f, "neg"), "seed", 0, LONG_MAX, &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:12:6: error: 'seed' must be an integer >= 0, not -1");
	assert_int_equal(tt_yschema_int(node(f, "big"), "seed", 0, LONG_MAX, &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:19:6: error: expected an integer for 'seed', found '1e999'");
	assert_int_equal(tt_yschema_int(node(f, "huge"), "seed", 0, LONG_MAX, &v, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:20:7: error: 'seed' must be an integer >= 0, not "
		   "99999999999999999999");
	assert_int_equal(tt_yschema_int(node(f, "q"), "seed", 0, LONG_MAX, &v, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:7:4: error: expected an integer for 'seed', found '0.05'");
}

static void schema_enums_bools_and_kinds(void **state)
{
	fixture *f = *state;
	static const char *const variances[] = { "welch", "pooled", NULL };
	int i = -1;
	assert_int_equal(tt_yschema_enum(node(f, "v"), "variance", variances, &i, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:13:4: error: unknown variance 'welsh'; did you mean 'welch'?");
	assert_int_equal(tt_yschema_enum(node(f, "w"), "variance", variances, &i, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:14:4: error: unknown variance 'foo' (expected welch or pooled)");
	assert_int_equal(tt_yschema_enum(node(f, "list"), "variance", variances, &i, &f->d),
			 TT_EINVAL);
	last_is(f, "s.yaml:17:7: error: expected welch or pooled for 'variance', found a list");
	static const char *const words[] = { "foo", "hello", NULL };
	assert_int_equal(tt_yschema_enum(node(f, "s"), "word", words, &i, &f->d), 0);
	assert_int_equal(i, 1);

	int b = -1;
	assert_int_equal(tt_yschema_bool(node(f, "t"), "flag", &b, &f->d), 0);
	assert_int_equal(b, 1);
	assert_int_equal(tt_yschema_bool(node(f, "f"), "flag", &b, &f->d), TT_EINVAL);
	last_is(f, "s.yaml:16:4: error: expected true or false for 'flag', found 'no'");

	assert_int_equal(tt_yschema_seq(node(f, "list"), "steps", &f->d), 0);
	assert_int_equal(tt_yschema_seq(node(f, "s"), "steps", &f->d), TT_EINVAL);
	last_is(f, "s.yaml:5:4: error: expected a list for 'steps', found 'hello'");
	assert_int_equal(tt_yschema_seq(node(f, "empty"), "steps", &f->d), TT_EINVAL);
	last_is(f, "s.yaml:18:7: error: 'steps' has no value; expected a list");
	assert_int_equal(tt_yschema_map(node(f, "m"), "site", &f->d), 0);
	assert_int_equal(tt_yschema_map(node(f, "list"), "site", &f->d), TT_EINVAL);
	last_is(f, "s.yaml:17:7: error: expected a mapping for 'site', found a list");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nodes_keep_their_places),
		cmocka_unit_test(nulls_and_empty_documents),
		cmocka_unit_test(byte_order_mark_and_crlf),
		cmocka_unit_test(aliases_share_the_anchored_node),
		cmocka_unit_test(refuses_syntax_errors_with_libyaml_problem),
		cmocka_unit_test(refuses_invalid_utf8_and_tabs_all_at_once),
		cmocka_unit_test(refuses_duplicate_and_complex_keys),
		cmocka_unit_test(refuses_deep_nesting),
		cmocka_unit_test(refuses_billion_laughs_at_the_first_alias_past_the_limit),
		cmocka_unit_test(refuses_too_many_nodes_and_bytes),
		cmocka_unit_test(refuses_second_documents_aliases_without_anchor_and_tags),
		cmocka_unit_test(load_reports_a_missing_file),
		cmocka_unit_test_setup_teardown(schema_keys_and_require, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_strings_and_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_integers, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_enums_bools_and_kinds, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
