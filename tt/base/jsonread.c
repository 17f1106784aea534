/*
 * jsonread.c - a recursive-descent JSON reader and a structural diff.
 */
#include "tt/base/jsonread.h"

#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"

#define MAX_DEPTH 128

typedef struct parser {
	const char *s, *end, *line_start;
	int line;
	int depth;
} parser;

static int fail(parser *p, const char *what)
{
	return tt_error_set(TT_EINVAL, "line %d, column %d: %s", p->line,
			    (int)(p->s - p->line_start) + 1, what);
}

static void skip_ws(parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')) {
		if (*p->s == '\n') {
			p->line++;
			p->line_start = p->s + 1;
		}
		p->s++;
	}
}

static void put_utf8(tt_buf *b, unsigned cp)
{
	char u[4];
	if (cp < 0x80) {
		tt_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		tt_buf_put(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		tt_buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		tt_buf_put(b, u, 4);
	}
}

static int hex4(parser *p, unsigned *out)
{
	if (p->end - p->s < 4)
		return fail(p, "truncated \\u escape");
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = *p->s++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail(p, "bad \\u escape");
	}
	*out = v;
	return 0;
}

static int parse_string(parser *p, char **out)
{
	tt_buf b = TT_BUF_INIT;
	p->s++; /* the opening quote */
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;
		if (c < 0x20) {
			tt_buf_free(&b);
			return fail(p, "control character in a string");
		}
		if (c != '\\') {
			tt_buf_putc(&b, (char)c);
			p->s++;
			continue;
		}
		p->s++;
		if (p->s >= p->end)
			break;
		char e = *p->s++;
		unsigned cp;
		switch (e) {
		case '"':
		case '\\':
		case '/':
			tt_buf_putc(&b, e);
			break;
		case 'b':
			tt_buf_putc(&b, '\b');
			break;
		case 'f':
			tt_buf_putc(&b, '\f');
			break;
		case 'n':
			tt_buf_putc(&b, '\n');
			break;
		case 'r':
			tt_buf_putc(&b, '\r');
			break;
		case 't':
			tt_buf_putc(&b, '\t');
			break;
		case 'u':
			if (hex4(p, &cp)) {
				tt_buf_free(&b);
				return TT_EINVAL;
			}
			if (cp >= 0xD800 && cp < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
			    p->s[1] == 'u') {
				unsigned lo;
				p->s += 2;
				if (hex4(p, &lo)) {
					tt_buf_free(&b);
					return TT_EINVAL;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(&b, cp);
			break;
		default:
			tt_buf_free(&b);
			return fail(p, "bad escape in a string");
		}
	}
	if (p->s >= p->end) {
		tt_buf_free(&b);
		return fail(p, "unterminated string");
	}
	p->s++;
	*out = tt_buf_detach(&b);
	return 0;
}

static int parse_value(parser *p, tt_jv **out);

static void push(tt_jv *v, tt_jv *item, char *key, size_t *cap)
{
	v->items = tt_xgrow(v->items, cap, v->count + 1, sizeof *v->items);
	if (v->kind == TT_JV_OBJECT) {
		size_t kc = *cap;
		v->keys = tt_xrealloc(v->keys, kc * sizeof *v->keys);
		v->keys[v->count] = key;
	}
	v->items[v->count++] = item;
}

static int parse_container(parser *p, tt_jv *v)
{
	char close = v->kind == TT_JV_OBJECT ? '}' : ']';
	size_t cap = 0;
	p->s++;
	if (++p->depth > MAX_DEPTH)
		return fail(p, "nested too deeply");
	skip_ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		p->depth--;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		skip_ws(p);
		if (v->kind == TT_JV_OBJECT) {
			if (p->s >= p->end || *p->s != '"')
				return fail(p, "expected a key");
			if (parse_string(p, &key))
				return TT_EINVAL;
			skip_ws(p);
			if (p->s >= p->end || *p->s != ':') {
				free(key);
				return fail(p, "expected ':'");
			}
			p->s++;
		}
		tt_jv *item = NULL;
		if (parse_value(p, &item)) {
			free(key);
			return TT_EINVAL;
		}
		push(v, item, key, &cap);
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			p->depth--;
			return 0;
		}
		return fail(p, "expected ',' or a closing bracket");
	}
}

static int parse_value(parser *p, tt_jv **out)
{
	skip_ws(p);
	if (p->s >= p->end)
		return fail(p, "unexpected end of input");
	tt_jv *v = tt_xcalloc(1, sizeof *v);
	*out = v;
	char c = *p->s;
	if (c == '{' || c == '[') {
		v->kind = c == '{' ? TT_JV_OBJECT : TT_JV_ARRAY;
		return parse_container(p, v);
	}
	if (c == '"') {
		v->kind = TT_JV_STRING;
		return parse_string(p, &v->string);
	}
	static const struct {
		const char *word;
		tt_jv_kind kind;
		bool b;
	} words[] = { { "true", TT_JV_BOOL, true },
		      { "false", TT_JV_BOOL, false },
		      { "null", TT_JV_NULL, false } };
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i].word);
		if ((size_t)(p->end - p->s) >= n && strncmp(p->s, words[i].word, n) == 0) {
			v->kind = words[i].kind;
			v->boolean = words[i].b;
			p->s += n;
			return 0;
		}
	}
	const char *start = p->s;
	while (p->s < p->end && strchr("+-0123456789.eE", *p->s))
		p->s++;
	if (p->s == start)
		return fail(p, "unexpected character");
	v->kind = TT_JV_NUMBER;
	v->string = tt_xstrndup(start, (size_t)(p->s - start));
	if (tt_parse_double(v->string, &v->number))
		return fail(p, "malformed number");
	return 0;
}

int tt_jv_parse(tt_jv **out, const char *text, size_t len)
{
	parser p = { text, text + len, text, 1, 0 };
	tt_jv *v = NULL;
	int rc = parse_value(&p, &v);
	if (!rc) {
		skip_ws(&p);
		if (p.s != p.end)
			rc = fail(&p, "text after the value");
	}
	if (rc) {
		tt_jv_free(v);
		*out = NULL;
		return TT_EINVAL;
	}
	*out = v;
	return 0;
}

void tt_jv_free(tt_jv *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->count; i++) {
		tt_jv_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->string);
	free(v);
}

const tt_jv *tt_jv_get(const tt_jv *obj, const char *key)
{
	if (!obj || obj->kind != TT_JV_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->count; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *tt_jv_get_string(const tt_jv *obj, const char *key)
{
	const tt_jv *v = tt_jv_get(obj, key);
	return v && v->kind == TT_JV_STRING ? v->string : NULL;
}

static void show(tt_buf *b, const tt_jv *v)
{
	if (!v) {
		tt_buf_puts(b, "(absent)");
		return;
	}
	switch (v->kind) {
	case TT_JV_NULL:
		tt_buf_puts(b, "null");
		break;
	case TT_JV_BOOL:
		tt_buf_puts(b, v->boolean ? "true" : "false");
		break;
	case TT_JV_NUMBER:
		tt_buf_puts(b, v->string);
		break;
	case TT_JV_STRING:
		tt_buf_printf(b, "\"%.60s%s\"", v->string, strlen(v->string) > 60 ? "..." : "");
		break;
	case TT_JV_ARRAY:
		tt_buf_printf(b, "[%zu items]", v->count);
		break;
	default:
		tt_buf_printf(b, "{%zu members}", v->count);
	}
}

static int ignored(const char *key, const char *const *ignore)
{
	for (size_t i = 0; ignore && ignore[i]; i++)
		if (strcmp(key, ignore[i]) == 0)
			return 1;
	return 0;
}

static void diff_rec(const tt_jv *a, const tt_jv *b, const char *const *ignore, tt_buf *path,
		     tt_buf *diffs, size_t max, size_t *n)
{
	if (*n >= max + 1)
		return;
	int same_kind = a && b && a->kind == b->kind;
	if (same_kind && (a->kind == TT_JV_OBJECT || a->kind == TT_JV_ARRAY)) {
		size_t keep = path->len;
		if (a->kind == TT_JV_ARRAY) {
			size_t m = a->count > b->count ? a->count : b->count;
			for (size_t i = 0; i < m; i++) {
				tt_buf_printf(path, "[%zu]", i);
				diff_rec(i < a->count ? a->items[i] : NULL,
					 i < b->count ? b->items[i] : NULL, ignore, path, diffs, max, n);
				path->len = keep;
				path->data[keep] = '\0';
			}
			return;
		}
		for (size_t i = 0; i < a->count; i++) {
			if (ignored(a->keys[i], ignore))
				continue;
			tt_buf_printf(path, ".%s", a->keys[i]);
			diff_rec(a->items[i], tt_jv_get(b, a->keys[i]), ignore, path, diffs, max, n);
			path->len = keep;
			path->data[keep] = '\0';
		}
		for (size_t i = 0; i < b->count; i++) {
			if (ignored(b->keys[i], ignore) || tt_jv_get(a, b->keys[i]))
				continue;
			tt_buf_printf(path, ".%s", b->keys[i]);
			diff_rec(NULL, b->items[i], ignore, path, diffs, max, n);
			path->len = keep;
			path->data[keep] = '\0';
		}
		return;
	}
	int equal = same_kind;
	if (equal) {
		if (a->kind == TT_JV_BOOL)
			equal = a->boolean == b->boolean;
		else if (a->kind == TT_JV_NUMBER || a->kind == TT_JV_STRING)
			equal = strcmp(a->string, b->string) == 0;
	}
	if (equal)
		return;
	(*n)++;
	if (*n > max)
		return;
	tt_buf_printf(diffs, "%s: ", path->len ? path->data : "(top)");
	show(diffs, a);
	tt_buf_puts(diffs, " -> ");
	show(diffs, b);
	tt_buf_putc(diffs, '\n');
}

size_t tt_jv_diff(const tt_jv *a, const tt_jv *b, const char *const *ignore, tt_buf *diffs,
		  size_t max)
{
	tt_buf path = TT_BUF_INIT;
	tt_buf_puts(&path, "");
	size_t n = 0;
	diff_rec(a, b, ignore, &path, diffs, max, &n);
	tt_buf_free(&path);
	return n;
}
