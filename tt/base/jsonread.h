/*
 * jsonread.h - a small JSON reader (RFC 8259) for tt's own files: reports
 * read back by tt verify, and tests.
 *
 * Values form a tree; objects keep their members in order.  Depth and size
 * are limited; numbers are doubles.
 */
#ifndef TT_JSONREAD_H
#define TT_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/base/util.h"

typedef enum {
	TT_JV_NULL,
	TT_JV_BOOL,
	TT_JV_NUMBER,
	TT_JV_STRING,
	TT_JV_ARRAY,
	TT_JV_OBJECT,
} tt_jv_kind;

typedef struct tt_jv tt_jv;
struct tt_jv {
	tt_jv_kind kind;
	bool boolean;
	double number;
	char *string; /* STRING; also the number as written for NUMBER */
	size_t count;
	tt_jv **items; /* ARRAY items, OBJECT values */
	char **keys;   /* OBJECT keys */
};

/* Parses text; on error returns TT_EINVAL with a message naming the line
 * and column. */
int tt_jv_parse(tt_jv **out, const char *text, size_t len);
void tt_jv_free(tt_jv *v);

/* The member of an object, or NULL. */
const tt_jv *tt_jv_get(const tt_jv *obj, const char *key);
/* A string member, or NULL. */
const char *tt_jv_get_string(const tt_jv *obj, const char *key);

/* Compares two values; on the first max differences, appends a line
 * "PATH: A -> B" to diffs.  Object members named in `ignore` (NULL-ended)
 * are skipped at any depth.  Numbers compare by their written form.
 * Returns the number of differences found. */
size_t tt_jv_diff(const tt_jv *a, const tt_jv *b, const char *const *ignore, tt_buf *diffs,
		  size_t max);

#endif
