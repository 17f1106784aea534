/*
 * ydoc.c - the YAML document tree, built from libyaml's event parser.
 *
 * libyaml's own loader (yaml_parser_load) copies every alias target and
 * checks nothing we need, so the tree is built here from events:
 *   - each node gets its place from the event's start mark (0-based in
 *     libyaml, 1-based here);
 *   - an alias points at the anchored node, and the document's node count
 *     grows by the anchored subtree's expanded size, which is known when the
 *     anchor's node ends.  A "billion laughs" file therefore fails when the
 *     count first passes TT_YDOC_MAX_NODES, having allocated one node per
 *     event it read and nothing per expansion;
 *   - the same bookkeeping keeps the height of each anchored subtree, so an
 *     alias cannot smuggle in nesting deeper than TT_YDOC_MAX_DEPTH.
 *
 * Two problems libyaml reports poorly are found by a scan of the bytes
 * before parsing: invalid UTF-8 and tabs in indentation.
 */
#include "tt/input/ydoc.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "tt/base/hash.h"
#include "tt/base/util.h"

/* ---- the byte scan ------------------------------------------------------ */

/* Walks forward through the bytes to map offsets to 1-based line and
 * column; columns count characters (code points), as libyaml's marks do. */
typedef struct cursor {
	const char *bytes;
	size_t pos;
	size_t line_start;
	int line;
} cursor;

static void cursor_seek(cursor *c, size_t offset)
{
	for (; c->pos < offset; c->pos++) {
		if (c->bytes[c->pos] == '\n') {
			c->line++;
			c->line_start = c->pos + 1;
		}
	}
}

static int cursor_col(const cursor *c, size_t offset)
{
	int col = 1;
	for (size_t i = c->line_start; i < offset; i++)
		if (((unsigned char)c->bytes[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Reports the first invalid UTF-8 byte of every line that has one. */
static void scan_utf8(const char *path, const char *bytes, size_t len, tt_diags *d)
{
	cursor c = { bytes, 0, 0, 1 };
	size_t pos = 0;
	while (pos < len) {
		size_t bad;
		if (tt_utf8_valid(bytes + pos, len - pos, &bad))
			break;
		size_t at = pos + bad;
		cursor_seek(&c, at);
		tt_diags_add(d, TT_SEV_ERROR, path, c.line, cursor_col(&c, at),
			     "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
			     (unsigned char)bytes[at]);
		const char *nl = memchr(bytes + at, '\n', len - at);
		pos = nl ? (size_t)(nl - bytes) + 1 : len;
	}
}

/* Reports a tab in the leading white space of a line that holds more than
 * white space or a comment.  YAML forbids tabs in indentation, and libyaml
 * says only "found character that cannot start any token".  A tab inside a
 * block scalar's content after its indentation is legal YAML but is
 * reported too: in a spec or study it is far more likely a mistake. */
static void scan_tabs(const char *path, const char *bytes, size_t len, tt_diags *d)
{
	int line = 1;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		long tab_col = -1;
		while (i < len && (bytes[i] == ' ' || bytes[i] == '\t')) {
			if (bytes[i] == '\t' && tab_col < 0)
				tab_col = (long)(i - start) + 1;
			i++;
		}
		int content = i < len && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '#';
		if (tab_col > 0 && content)
			tt_diags_add(d, TT_SEV_ERROR, path, line, (int)tab_col,
				     "tabs are not allowed in indentation; indent with spaces");
		const char *nl = memchr(bytes + i, '\n', len - i);
		i = nl ? (size_t)(nl - bytes) + 1 : len;
		line++;
	}
}

/* ---- the tree builder --------------------------------------------------- */

typedef struct anchor {
	char *name;
	tt_ynode *node;
	size_t size;         /* expanded node count of the subtree */
	int height;          /* collection levels in the subtree (a scalar: 0) */
	struct anchor *next; /* hash chain */
} anchor;

typedef struct frame {
	tt_ynode *node;
	size_t cap;    /* of node->items or node->pairs */
	size_t start;  /* the builder's node count before this node */
	int height;    /* the tallest child's height */
	char *anchor;  /* to register when the node ends, or NULL */
	tt_ynode *key; /* MAP: a key waiting for its value */
	int have_key;  /* MAP: whether key is set (it may be a bad key) */
	int key_ok;    /* MAP: whether the waiting key can be used */
} frame;

typedef struct builder {
	tt_ydoc *doc;
	tt_diags *d;
	const char *bytes; /* after a byte-order mark */
	size_t len;
	frame *stack;
	size_t depth;
	size_t stack_cap;
	size_t count; /* nodes so far, aliases expanded */
	anchor **buckets;
	size_t n_buckets;
	size_t n_anchors;
	int documents;
	int stop; /* a problem after which the events mean nothing */
} builder;

static tt_loc loc_of(const builder *b, yaml_mark_t m)
{
	tt_loc loc = { b->doc->path, (int)m.line + 1, (int)m.column + 1 };
	return loc;
}

static tt_ynode *node_new(builder *b, tt_ynode_kind kind, tt_loc loc)
{
	tt_ydoc *doc = b->doc;
	doc->all = tt_xgrow(doc->all, &doc->cap_all, doc->n_all + 1, sizeof *doc->all);
	tt_ynode *n = tt_xcalloc(1, sizeof *n);
	n->kind = kind;
	n->loc = loc;
	doc->all[doc->n_all++] = n;
	return n;
}

static size_t hash_name(const char *s)
{
	/* FNV-1a. */
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

static anchor *anchor_find(const builder *b, const char *name)
{
	if (!b->n_buckets)
		return NULL;
	for (anchor *a = b->buckets[hash_name(name) & (b->n_buckets - 1)]; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/* Registers an anchor; a later anchor of the same name replaces the earlier
 * one for the aliases that follow, as YAML says. */
static void anchor_set(builder *b, const char *name, tt_ynode *node, size_t size, int height)
{
	anchor *a = anchor_find(b, name);
	if (a) {
		a->node = node;
		a->size = size;
		a->height = height;
		return;
	}
	if (b->n_anchors + 1 > b->n_buckets / 2) {
		size_t nb = b->n_buckets ? 2 * b->n_buckets : 64;
		anchor **nbk = tt_xcalloc(nb, sizeof *nbk);
		for (size_t i = 0; i < b->n_buckets; i++) {
			anchor *x = b->buckets[i];
			while (x) {
				anchor *next = x->next;
				size_t h = hash_name(x->name) & (nb - 1);
				x->next = nbk[h];
				nbk[h] = x;
				x = next;
			}
		}
		free(b->buckets);
		b->buckets = nbk;
		b->n_buckets = nb;
	}
	a = tt_xcalloc(1, sizeof *a);
	a->name = tt_xstrdup(name);
	a->node = node;
	a->size = size;
	a->height = height;
	size_t h = hash_name(name) & (b->n_buckets - 1);
	a->next = b->buckets[h];
	b->buckets[h] = a;
	b->n_anchors++;
}

static void anchors_free(builder *b)
{
	for (size_t i = 0; i < b->n_buckets; i++) {
		anchor *a = b->buckets[i];
		while (a) {
			anchor *next = a->next;
			free(a->name);
			free(a);
			a = next;
		}
	}
	free(b->buckets);
}

/* Counts n more nodes; past the limit the parse stops. */
static int count_nodes(builder *b, size_t n, tt_loc loc, const char *alias)
{
	if (n > TT_YDOC_MAX_NODES || b->count + n > TT_YDOC_MAX_NODES) {
		if (alias)
			tt_diags_error(b->d, loc,
				       "alias '*%s' expansion exceeds the limit of %d nodes", alias,
				       TT_YDOC_MAX_NODES);
		else
			tt_diags_error(b->d, loc, "the document exceeds the limit of %d nodes",
				       TT_YDOC_MAX_NODES);
		b->stop = 1;
		return -1;
	}
	b->count += n;
	return 0;
}

/* Tags: YAML's core tags are accepted (!!str marks a scalar as a string, as
 * quotes do); any other tag would ask for a type tt does not have. */
static int check_tag(builder *b, const yaml_char_t *tag, tt_loc loc, int *is_str)
{
	if (!tag)
		return 0;
	const char *t = (const char *)tag;
	static const char core[] = "tag:yaml.org,2002:";
	if (strcmp(t, "!") == 0 || strcmp(t, "tag:yaml.org,2002:str") == 0) {
		if (is_str)
			*is_str = 1;
		return 0;
	}
	if (strncmp(t, core, sizeof core - 1) == 0) {
		const char *kind = t + sizeof core - 1;
		static const char *const ok[] = {
			"null", "bool", "int", "float", "map", "seq", NULL
		};
		for (int i = 0; ok[i]; i++)
			if (strcmp(kind, ok[i]) == 0)
				return 0;
		tt_diags_error(b->d, loc, "unsupported tag '!!%s'", kind);
		return -1;
	}
	tt_diags_error(b->d, loc, "unsupported tag '%s'", t);
	return -1;
}

static frame *top(builder *b)
{
	return b->depth ? &b->stack[b->depth - 1] : NULL;
}

/* Hands a finished node (or an alias's target) to its parent.  loc is where
 * it was written (for an alias, the alias's place), height its collection
 * levels. */
static void attach(builder *b, tt_ynode *n, tt_loc loc, int height)
{
	frame *f = top(b);
	if (!f) {
		b->doc->root = n;
		return;
	}
	if (height > f->height)
		f->height = height;
	tt_ynode *p = f->node;
	if (p->kind == TT_YNODE_SEQ) {
		p->items = tt_xgrow(p->items, &f->cap, p->count + 1, sizeof *p->items);
		p->items[p->count++] = n;
		return;
	}
	if (!f->have_key) {
		f->have_key = 1;
		f->key = n;
		f->key_ok = 1;
		if (n->kind != TT_YNODE_SCALAR) {
			tt_diags_error(b->d, loc, "a mapping key must be a single value, not %s",
				       n->kind == TT_YNODE_SEQ ? "a list" : "a mapping");
			f->key_ok = 0;
		} else if (!n->quoted && strcmp(n->text, "<<") == 0) {
			tt_diags_error(b->d, loc,
				       "merge keys ('<<') are not supported; write the keys out");
			f->key_ok = 0;
		}
		return;
	}
	if (f->key_ok) {
		p->pairs = tt_xgrow(p->pairs, &f->cap, p->count + 1, sizeof *p->pairs);
		p->pairs[p->count].key = f->key;
		p->pairs[p->count].value = n;
		p->count++;
	}
	f->have_key = 0;
	f->key = NULL;
}

/* qsort has no context argument; the mapping being checked is kept here. */
static _Thread_local const tt_ypair *pair_cmp_base;

static int pair_index_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(pair_cmp_base[i].key->text, pair_cmp_base[j].key->text);
	if (c)
		return c;
	return i < j ? -1 : i > j;
}

/* Reports every repeated key of a mapping at the repeat, naming the line of
 * the first.  Sorting indices keeps this O(n log n) for huge mappings. */
static void check_duplicates(builder *b, const tt_ynode *map)
{
	size_t n = map->count;
	if (n < 2)
		return;
	size_t *idx = tt_xmalloc(n * sizeof *idx);
	size_t *first = tt_xmalloc(n * sizeof *first);
	for (size_t i = 0; i < n; i++) {
		idx[i] = i;
		first[i] = i;
	}
	pair_cmp_base = map->pairs;
	qsort(idx, n, sizeof *idx, pair_index_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(map->pairs[idx[i]].key->text, map->pairs[idx[i - 1]].key->text) == 0)
			first[idx[i]] = first[idx[i - 1]];
	for (size_t i = 0; i < n; i++) {
		if (first[i] == i)
			continue;
		const tt_ynode *k = map->pairs[i].key;
		tt_diags_error(b->d, k->loc, "duplicate key '%s' (first at line %d)", k->text,
			       map->pairs[first[i]].key->loc.line);
	}
	free(idx);
	free(first);
}

static void push(builder *b, tt_ynode_kind kind, yaml_mark_t mark, const yaml_char_t *anchor_name,
		 const yaml_char_t *tag)
{
	tt_loc loc = loc_of(b, mark);
	size_t start = b->count;
	if (count_nodes(b, 1, loc, NULL) < 0)
		return;
	if (b->depth + 1 > TT_YDOC_MAX_DEPTH) {
		tt_diags_error(b->d, loc, "nesting deeper than %d levels", TT_YDOC_MAX_DEPTH);
		b->stop = 1;
		return;
	}
	check_tag(b, tag, loc, NULL);
	tt_ynode *n = node_new(b, kind, loc);
	b->stack = tt_xgrow(b->stack, &b->stack_cap, b->depth + 1, sizeof *b->stack);
	frame *f = &b->stack[b->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->start = start;
	f->anchor = anchor_name ? tt_xstrdup((const char *)anchor_name) : NULL;
}

static void pop(builder *b)
{
	frame f = b->stack[--b->depth];
	if (f.node->kind == TT_YNODE_MAP)
		check_duplicates(b, f.node);
	int height = f.height + 1;
	if (f.anchor) {
		anchor_set(b, f.anchor, f.node, b->count - f.start, height);
		free(f.anchor);
	}
	attach(b, f.node, f.node->loc, height);
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
	tt_loc loc = loc_of(b, ev->start_mark);
	if (count_nodes(b, 1, loc, NULL) < 0)
		return;
	const char *value = (const char *)ev->data.scalar.value;
	size_t length = ev->data.scalar.length;
	tt_ynode *n = node_new(b, TT_YNODE_SCALAR, loc);
	if (memchr(value, '\0', length)) {
		tt_diags_error(b->d, loc, "a value may not contain a NUL character");
		n->text = tt_xstrdup("");
	} else {
		n->text = tt_xstrndup(value, length);
	}
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	int is_str = 0;
	check_tag(b, ev->data.scalar.tag, loc, &is_str);
	if (is_str)
		n->quoted = 1;
	if (ev->data.scalar.anchor)
		anchor_set(b, (const char *)ev->data.scalar.anchor, n, 1, 0);
	attach(b, n, loc, 0);
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
	tt_loc loc = loc_of(b, ev->start_mark);
	const char *name = (const char *)ev->data.alias.anchor;
	anchor *a = anchor_find(b, name);
	if (!a) {
		/* An anchor is defined once its node ends, so this also catches an
		 * alias inside its own anchor (a cycle). */
		tt_diags_error(b->d, loc, "alias '*%s' has no anchor '&%s' before it", name, name);
		if (count_nodes(b, 1, loc, NULL) < 0)
			return;
		tt_ynode *n = node_new(b, TT_YNODE_SCALAR, loc);
		n->text = tt_xstrdup("");
		attach(b, n, loc, 0);
		return;
	}
	if (count_nodes(b, a->size, loc, name) < 0)
		return;
	if (b->depth + (size_t)a->height > TT_YDOC_MAX_DEPTH) {
		tt_diags_error(b->d, loc, "alias '*%s' makes nesting deeper than %d levels", name,
			       TT_YDOC_MAX_DEPTH);
		b->stop = 1;
		return;
	}
	attach(b, a->node, loc, a->height);
}

/* The byte offset of a 0-based line and column (characters), for looking
 * at the character libyaml complains about. */
static size_t offset_of(const builder *b, size_t line, size_t col)
{
	size_t i = 0;
	for (size_t l = 0; l < line && i < b->len; i++)
		if (b->bytes[i] == '\n')
			l++;
	for (size_t c = 0; i < b->len && b->bytes[i] != '\n'; i++) {
		if (((unsigned char)b->bytes[i] & 0xC0) != 0x80) {
			if (c == col)
				break;
			c++;
		}
	}
	return i;
}

static void syntax_error(builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "syntax error";
	if (p->error == YAML_MEMORY_ERROR) {
		tt_diags_add(b->d, TT_SEV_ERROR, b->doc->path, 0, 0, "out of memory while parsing");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a mark. */
		cursor c = { b->bytes, 0, 0, 1 };
		size_t at = p->problem_offset;
		if (at > b->len)
			at = b->len;
		cursor_seek(&c, at);
		if (p->problem_value >= 0)
			tt_diags_add(b->d, TT_SEV_ERROR, b->doc->path, c.line, cursor_col(&c, at),
				     "%s (0x%02x)", problem, (unsigned)p->problem_value);
		else
			tt_diags_add(b->d, TT_SEV_ERROR, b->doc->path, c.line, cursor_col(&c, at),
				     "%s", problem);
		return;
	}
	tt_loc loc = loc_of(b, p->problem_mark);
	tt_buf msg = TT_BUF_INIT;
	tt_buf_puts(&msg, problem);
	if (strcmp(problem, "found character that cannot start any token") == 0) {
		size_t at = offset_of(b, p->problem_mark.line, p->problem_mark.column);
		char ch = at < b->len ? b->bytes[at] : 0;
		if (ch == '%' || ch == '@' || ch == '`')
			tt_buf_printf(&msg, " (a value that starts with '%c' must be quoted)", ch);
	}
	if (p->context && (p->context_mark.line != p->problem_mark.line ||
			   p->context_mark.column != p->problem_mark.column))
		tt_buf_printf(&msg, " (%s that starts at line %d)", p->context,
			      (int)p->context_mark.line + 1);
	tt_diags_error(b->d, loc, "%s", msg.data);
	tt_buf_free(&msg);
}

void tt_ydoc_free(tt_ydoc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_all; i++) {
		tt_ynode *n = doc->all[i];
		free(n->text);
		free(n->items);
		free(n->pairs);
		free(n);
	}
	free(doc->all);
	free(doc->path);
	free(doc);
}

int tt_ydoc_parse(tt_ydoc **out, const char *path, const char *bytes, size_t len, tt_diags *d)
{
	*out = NULL;
	size_t errors = d->errors;
	if (len > TT_YDOC_MAX_BYTES) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
			     "file is larger than the limit of %u bytes", TT_YDOC_MAX_BYTES);
		return TT_EINVAL;
	}
	scan_utf8(path, bytes, len, d);
	scan_tabs(path, bytes, len, d);
	if (d->errors != errors)
		return TT_EINVAL;

	tt_ydoc *doc = tt_xcalloc(1, sizeof *doc);
	doc->path = tt_xstrdup(path);
	if (tt_sha256(bytes, len, doc->sha256) < 0) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "%s", tt_error_last());
		tt_ydoc_free(doc);
		return TT_EINTERNAL;
	}

	/* A UTF-8 byte-order mark is dropped so that columns on line 1 count
	 * from the first real character. */
	size_t bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	builder b = { 0 };
	b.doc = doc;
	b.d = d;
	b.bytes = bytes + bom;
	b.len = len - bom;

	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "out of memory while parsing");
		tt_ydoc_free(doc);
		return TT_ENOMEM;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)b.bytes, b.len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(&b, &p);
			break;
		}
		yaml_event_type_t type = ev.type;
		switch (type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++b.documents > 1) {
				tt_diags_error(d, loc_of(&b, ev.start_mark),
					       "a second document in the file; tt reads one "
					       "document per file");
				b.stop = 1;
			}
			break;
		case YAML_SCALAR_EVENT:
			on_scalar(&b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			on_alias(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			push(&b, TT_YNODE_SEQ, ev.start_mark, ev.data.sequence_start.anchor,
			     ev.data.sequence_start.tag);
			break;
		case YAML_MAPPING_START_EVENT:
			push(&b, TT_YNODE_MAP, ev.start_mark, ev.data.mapping_start.anchor,
			     ev.data.mapping_start.tag);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			pop(&b);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT || b.stop)
			break;
	}
	yaml_parser_delete(&p);
	for (size_t i = 0; i < b.depth; i++)
		free(b.stack[i].anchor);
	free(b.stack);
	anchors_free(&b);
	doc->n_nodes = b.count;
	if (d->errors != errors) {
		tt_ydoc_free(doc);
		return TT_EINVAL;
	}
	*out = doc;
	return TT_OK;
}

int tt_ydoc_load(tt_ydoc **out, const char *path, tt_diags *d)
{
	*out = NULL;
	if (!tt_path_exists(path)) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "no such file");
		return TT_EIO;
	}
	if (!tt_path_is_file(path)) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "not a regular file");
		return TT_EIO;
	}
	char *bytes;
	size_t len;
	int rc = tt_read_file(path, TT_YDOC_MAX_BYTES, &bytes, &len);
	if (rc == TT_EINVAL) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
			     "file is larger than the limit of %u bytes", TT_YDOC_MAX_BYTES);
		return rc;
	}
	if (rc < 0) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "%s", tt_error_last());
		return rc;
	}
	rc = tt_ydoc_parse(out, path, bytes, len, d);
	free(bytes);
	return rc;
}

/* ---- lookups ------------------------------------------------------------ */

const tt_ypair *tt_ynode_get_pair(const tt_ynode *map, const char *key)
{
	if (!map || map->kind != TT_YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (strcmp(map->pairs[i].key->text, key) == 0)
			return &map->pairs[i];
	return NULL;
}

tt_ynode *tt_ynode_get(const tt_ynode *map, const char *key)
{
	const tt_ypair *p = tt_ynode_get_pair(map, key);
	return p ? p->value : NULL;
}

int tt_ynode_is_null(const tt_ynode *n)
{
	if (!n || n->kind != TT_YNODE_SCALAR || n->quoted)
		return 0;
	const char *t = n->text;
	return !*t || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 || strcmp(t, "Null") == 0 ||
	       strcmp(t, "NULL") == 0;
}

const char *tt_ynode_kind_name(tt_ynode_kind kind)
{
	switch (kind) {
	case TT_YNODE_SCALAR:
		return "a value";
	case TT_YNODE_SEQ:
		return "a list";
	default:
		return "a mapping";
	}
}

/* ---- schema helpers ----------------------------------------------------- */

/* What was found instead, for "expected X for 'k', found Y": the value
 * itself, shortened, or the kind of node. */
static const char *found(const tt_ynode *n, char *buf, size_t size)
{
	if (n->kind != TT_YNODE_SCALAR)
		return tt_ynode_kind_name(n->kind);
	if (tt_ynode_is_null(n))
		return "nothing";
	size_t len = strlen(n->text);
	const char *nl = strchr(n->text, '\n');
	if (len > 40 || nl) {
		size_t keep = nl && (size_t)(nl - n->text) < 37 ? (size_t)(nl - n->text) : 37;
		/* Cut on a character boundary. */
		while (keep > 0 && ((unsigned char)n->text[keep] & 0xC0) == 0x80)
			keep--;
		snprintf(buf, size, "'%.*s...'", (int)keep, n->text);
	} else {
		snprintf(buf, size, "'%s'", n->text);
	}
	return buf;
}

/* "a, b or c" from a NULL-terminated list; a new string. */
static char *join_choices(const char *const *choices)
{
	tt_buf b = TT_BUF_INIT;
	size_t n = 0;
	while (choices[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i)
			tt_buf_puts(&b, i + 1 == n ? " or " : ", ");
		tt_buf_puts(&b, choices[i]);
	}
	return tt_buf_detach(&b);
}

int tt_yschema_keys(const tt_ynode *map, const char *what, const char *const *allowed, tt_diags *d)
{
	if (!map)
		return TT_EINVAL;
	if (map->kind != TT_YNODE_MAP) {
		char buf[64];
		tt_diags_error(d, map->loc, "expected a mapping for %s, found %s", what,
			       found(map, buf, sizeof buf));
		return TT_EINVAL;
	}
	int rc = TT_OK;
	for (size_t i = 0; i < map->count; i++) {
		const tt_ynode *k = map->pairs[i].key;
		int known = 0;
		for (size_t j = 0; allowed[j] && !known; j++)
			known = strcmp(k->text, allowed[j]) == 0;
		if (known)
			continue;
		const char *hint = tt_suggest(k->text, allowed);
		if (hint)
			tt_diags_error(d, k->loc, "unknown key '%s' in %s; did you mean '%s'?",
				       k->text, what, hint);
		else
			tt_diags_error(d, k->loc, "unknown key '%s' in %s", k->text, what);
		rc = TT_EINVAL;
	}
	return rc;
}

tt_ynode *tt_yschema_require(const tt_ynode *map, const char *what, const char *key, tt_diags *d)
{
	if (!map || map->kind != TT_YNODE_MAP)
		return NULL;
	tt_ynode *v = tt_ynode_get(map, key);
	if (!v)
		tt_diags_error(d, map->loc, "missing required key '%s' in %s", key, what);
	return v;
}

/* A scalar with a value, or an error saying what was found instead. */
static int need_scalar(const tt_ynode *n, const char *key, const char *expected, tt_diags *d)
{
	if (!n)
		return TT_EINVAL;
	if (n->kind == TT_YNODE_SCALAR && !tt_ynode_is_null(n))
		return TT_OK;
	if (n->kind == TT_YNODE_SCALAR) {
		tt_diags_error(d, n->loc, "'%s' has no value; expected %s", key, expected);
		return TT_EINVAL;
	}
	tt_diags_error(d, n->loc, "expected %s for '%s', found %s", expected, key,
		       tt_ynode_kind_name(n->kind));
	return TT_EINVAL;
}

int tt_yschema_string(const tt_ynode *n, const char *key, const char **out, tt_diags *d)
{
	if (need_scalar(n, key, "a string", d) < 0)
		return TT_EINVAL;
	*out = n->text;
	return TT_OK;
}

int tt_yschema_id(const tt_ynode *n, const char *key, const char **out, tt_diags *d)
{
	if (need_scalar(n, key, "an id", d) < 0)
		return TT_EINVAL;
	if (!tt_is_id(n->text)) {
		char buf[64];
		tt_diags_error(d, n->loc,
			       "%s is not a valid id for '%s': use letters, digits, '-' and '_'",
			       found(n, buf, sizeof buf), key);
		return TT_EINVAL;
	}
	*out = n->text;
	return TT_OK;
}

int tt_yschema_number(const tt_ynode *n, const char *key, double *out, tt_diags *d)
{
	if (need_scalar(n, key, "a number", d) < 0)
		return TT_EINVAL;
	char buf[64];
	double v;
	if (tt_parse_double(n->text, &v) < 0) {
		tt_diags_error(d, n->loc, "expected a number for '%s', found %s", key,
			       found(n, buf, sizeof buf));
		return TT_EINVAL;
	}
	if (n->quoted) {
		tt_diags_error(d, n->loc,
			       "expected a number for '%s', found the quoted string %s; remove "
			       "the quotes",
			       key, found(n, buf, sizeof buf));
		return TT_EINVAL;
	}
	*out = v;
	return TT_OK;
}

static void format_bound(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.15g", v);
}

int tt_yschema_number_in(const tt_ynode *n, const char *key, double lo, int lo_open, double hi,
			 int hi_open, double *out, tt_diags *d)
{
	double v;
	if (tt_yschema_number(n, key, &v, d) < 0)
		return TT_EINVAL;
	int lo_ok = isinf(lo) || (lo_open ? v > lo : v >= lo);
	int hi_ok = isinf(hi) || (hi_open ? v < hi : v <= hi);
	if (lo_ok && hi_ok) {
		*out = v;
		return TT_OK;
	}
	char a[32], b[32], range[80];
	format_bound(a, sizeof a, lo);
	format_bound(b, sizeof b, hi);
	if (isinf(lo))
		snprintf(range, sizeof range, "%s %s", hi_open ? "<" : "<=", b);
	else if (isinf(hi))
		snprintf(range, sizeof range, "%s %s", lo_open ? ">" : ">=", a);
	else
		snprintf(range, sizeof range, "in %c%s, %s%c", lo_open ? '(' : '[', a, b,
			 hi_open ? ')' : ']');
	tt_diags_error(d, n->loc, "'%s' must be %s, not %s", key, range, n->text);
	return TT_EINVAL;
}

int tt_yschema_int(const tt_ynode *n, const char *key, long lo, long hi, long *out, tt_diags *d)
{
	if (need_scalar(n, key, "an integer", d) < 0)
		return TT_EINVAL;
	char buf[64];
	long v;
	double x;
	/* 1e4 and 10000.0 are accepted as the integers they are; an integer
	 * beyond long's range is out of range rather than not an integer. */
	int in_long = 1;
	if (tt_parse_long(n->text, LONG_MIN, LONG_MAX, &v) < 0) {
		if (tt_parse_double(n->text, &x) < 0 || x != floor(x)) {
			tt_diags_error(d, n->loc, "expected an integer for '%s', found %s", key,
				       found(n, buf, sizeof buf));
			return TT_EINVAL;
		}
		/* 2^63 is exact as a double; below it the cast is defined. */
		in_long = fabs(x) < 9223372036854775808.0;
		v = in_long ? (long)x : 0;
	}
	if (n->quoted) {
		tt_diags_error(d, n->loc,
			       "expected an integer for '%s', found the quoted string %s; remove "
			       "the quotes",
			       key, found(n, buf, sizeof buf));
		return TT_EINVAL;
	}
	if (!in_long || v < lo || v > hi) {
		if (hi == LONG_MAX)
			tt_diags_error(d, n->loc, "'%s' must be an integer >= %ld, not %s", key, lo,
				       n->text);
		else
			tt_diags_error(d, n->loc, "'%s' must be an integer from %ld to %ld, not %s",
				       key, lo, hi, n->text);
		return TT_EINVAL;
	}
	*out = v;
	return TT_OK;
}

int tt_yschema_enum(const tt_ynode *n, const char *key, const char *const *choices, int *out,
		    tt_diags *d)
{
	char *list = join_choices(choices);
	int rc = TT_EINVAL;
	if (!n)
		goto cleanup;
	if (n->kind != TT_YNODE_SCALAR || tt_ynode_is_null(n)) {
		char buf[64];
		tt_diags_error(d, n->loc, "expected %s for '%s', found %s", list, key,
			       found(n, buf, sizeof buf));
		goto cleanup;
	}
	for (int i = 0; choices[i]; i++) {
		if (strcmp(n->text, choices[i]) == 0) {
			*out = i;
			rc = TT_OK;
			goto cleanup;
		}
	}
	const char *hint = tt_suggest(n->text, choices);
	if (hint)
		tt_diags_error(d, n->loc, "unknown %s '%s'; did you mean '%s'?", key, n->text,
			       hint);
	else
		tt_diags_error(d, n->loc, "unknown %s '%s' (expected %s)", key, n->text, list);
cleanup:
	free(list);
	return rc;
}

int tt_yschema_bool(const tt_ynode *n, const char *key, int *out, tt_diags *d)
{
	if (need_scalar(n, key, "true or false", d) < 0)
		return TT_EINVAL;
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "YES", NULL };
	static const char *const no[] = { "false", "False", "FALSE", "no", "No", "NO", NULL };
	if (!n->quoted) {
		for (int i = 0; yes[i]; i++) {
			if (strcmp(n->text, yes[i]) == 0) {
				*out = 1;
				return TT_OK;
			}
			if (strcmp(n->text, no[i]) == 0) {
				*out = 0;
				return TT_OK;
			}
		}
	}
	char buf[64];
	tt_diags_error(d, n->loc, "expected true or false for '%s', found %s", key,
		       found(n, buf, sizeof buf));
	return TT_EINVAL;
}

static int need_kind(const tt_ynode *n, const char *key, tt_ynode_kind kind, tt_diags *d)
{
	if (!n)
		return TT_EINVAL;
	if (n->kind == kind)
		return TT_OK;
	char buf[64];
	if (tt_ynode_is_null(n))
		tt_diags_error(d, n->loc, "'%s' has no value; expected %s", key,
			       tt_ynode_kind_name(kind));
	else
		tt_diags_error(d, n->loc, "expected %s for '%s', found %s",
			       tt_ynode_kind_name(kind), key, found(n, buf, sizeof buf));
	return TT_EINVAL;
}

int tt_yschema_seq(const tt_ynode *n, const char *key, tt_diags *d)
{
	return need_kind(n, key, TT_YNODE_SEQ, d);
}

int tt_yschema_map(const tt_ynode *n, const char *key, tt_diags *d)
{
	return need_kind(n, key, TT_YNODE_MAP, d);
}
