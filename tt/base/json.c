/*
 * json.c - the streaming JSON writer.
 */
#include "tt/base/json.h"

#include <string.h>

void tt_json_init(tt_json *j, tt_buf *out, int pretty)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->pretty = pretty;
}

static void newline(tt_json *j)
{
	if (!j->pretty)
		return;
	tt_buf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		tt_buf_puts(j->out, "  ");
}

/* Writes what goes before a value: a comma and a new line inside a
 * container, nothing right after a key. */
static void before_value(tt_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth] > 0)
			tt_buf_putc(j->out, ',');
		newline(j);
		j->count[j->depth]++;
	}
}

void tt_json_escape(tt_buf *b, const char *s)
{
	tt_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			tt_buf_puts(b, "\\\"");
			break;
		case '\\':
			tt_buf_puts(b, "\\\\");
			break;
		case '\n':
			tt_buf_puts(b, "\\n");
			break;
		case '\r':
			tt_buf_puts(b, "\\r");
			break;
		case '\t':
			tt_buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				tt_buf_printf(b, "\\u%04x", *p);
			else
				tt_buf_putc(b, (char)*p);
		}
	}
	tt_buf_putc(b, '"');
}

static void open_container(tt_json *j, char c)
{
	before_value(j);
	tt_buf_putc(j->out, c);
	if (j->depth + 1 < TT_JSON_MAX_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void close_container(tt_json *j, char c)
{
	int had = j->count[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (had)
		newline(j);
	tt_buf_putc(j->out, c);
}

void tt_json_begin_object(tt_json *j)
{
	open_container(j, '{');
}

void tt_json_end_object(tt_json *j)
{
	close_container(j, '}');
}

void tt_json_begin_array(tt_json *j)
{
	open_container(j, '[');
}

void tt_json_end_array(tt_json *j)
{
	close_container(j, ']');
}

void tt_json_key(tt_json *j, const char *key)
{
	before_value(j);
	tt_json_escape(j->out, key);
	tt_buf_puts(j->out, j->pretty ? ": " : ":");
	j->after_key = 1;
}

void tt_json_string(tt_json *j, const char *s)
{
	before_value(j);
	if (s)
		tt_json_escape(j->out, s);
	else
		tt_buf_puts(j->out, "null");
}

void tt_json_number(tt_json *j, double v)
{
	char tmp[40];
	before_value(j);
	tt_buf_puts(j->out, tt_format_number(tmp, sizeof tmp, v));
}

void tt_json_int(tt_json *j, long long v)
{
	before_value(j);
	tt_buf_printf(j->out, "%lld", v);
}

void tt_json_bool(tt_json *j, bool v)
{
	before_value(j);
	tt_buf_puts(j->out, v ? "true" : "false");
}

void tt_json_null(tt_json *j)
{
	before_value(j);
	tt_buf_puts(j->out, "null");
}

void tt_json_kv_string(tt_json *j, const char *key, const char *s)
{
	tt_json_key(j, key);
	tt_json_string(j, s);
}

void tt_json_kv_number(tt_json *j, const char *key, double v)
{
	tt_json_key(j, key);
	tt_json_number(j, v);
}

void tt_json_kv_int(tt_json *j, const char *key, long long v)
{
	tt_json_key(j, key);
	tt_json_int(j, v);
}

void tt_json_kv_bool(tt_json *j, const char *key, bool v)
{
	tt_json_key(j, key);
	tt_json_bool(j, v);
}

void tt_json_kv_null(tt_json *j, const char *key)
{
	tt_json_key(j, key);
	tt_json_null(j);
}
