/*
 * json.h - a small streaming JSON writer.
 *
 * Numbers follow the CONTRACT: %.17g, integers as integers, a value that
 * does not exist (NaN, infinity) as null.  Strings are escaped per RFC 8259
 * (control characters as \uXXXX).  Output is indented by two spaces when
 * pretty, so that reports diff well.
 */
#ifndef TT_JSON_H
#define TT_JSON_H

#include <stdbool.h>

#include "tt/base/util.h"

#define TT_JSON_MAX_DEPTH 64

typedef struct tt_json {
	tt_buf *out;
	int pretty;
	int depth;
	int after_key;
	int count[TT_JSON_MAX_DEPTH]; /* items written at each depth */
} tt_json;

void tt_json_init(tt_json *j, tt_buf *out, int pretty);

void tt_json_begin_object(tt_json *j);
void tt_json_end_object(tt_json *j);
void tt_json_begin_array(tt_json *j);
void tt_json_end_array(tt_json *j);
void tt_json_key(tt_json *j, const char *key);

void tt_json_string(tt_json *j, const char *s); /* NULL writes null */
void tt_json_number(tt_json *j, double v);
void tt_json_int(tt_json *j, long long v);
void tt_json_bool(tt_json *j, bool v);
void tt_json_null(tt_json *j);

/* key: value shorthands. */
void tt_json_kv_string(tt_json *j, const char *key, const char *s);
void tt_json_kv_number(tt_json *j, const char *key, double v);
void tt_json_kv_int(tt_json *j, const char *key, long long v);
void tt_json_kv_bool(tt_json *j, const char *key, bool v);
void tt_json_kv_null(tt_json *j, const char *key);

/* Appends s to b as a quoted, escaped JSON string. */
void tt_json_escape(tt_buf *b, const char *s);

#endif
