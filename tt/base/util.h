/*
 * util.h - memory, strings, numbers and paths shared by every module.
 *
 * The tt_x* allocators never return NULL: on exhaustion they print
 * "tt: out of memory" and exit with status 3 (an environment error), so the
 * rest of the code need not thread an out-of-memory path through every call.
 */
#ifndef TT_UTIL_H
#define TT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void *tt_xmalloc(size_t size);
void *tt_xcalloc(size_t count, size_t size);
void *tt_xrealloc(void *ptr, size_t size);
/* Grows an array of count elements of size `size` to hold at least `need`
 * elements, doubling; returns the (possibly moved) array. */
void *tt_xgrow(void *ptr, size_t *capacity, size_t need, size_t size);
char *tt_xstrdup(const char *s);
char *tt_xstrndup(const char *s, size_t n);
char *tt_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *tt_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable, always NUL-terminated byte buffer. */
typedef struct tt_buf {
	char *data;
	size_t len;
	size_t cap;
} tt_buf;

#define TT_BUF_INIT { NULL, 0, 0 }

void tt_buf_init(tt_buf *b);
void tt_buf_free(tt_buf *b);
void tt_buf_reset(tt_buf *b);
void tt_buf_put(tt_buf *b, const char *s, size_t n);
void tt_buf_puts(tt_buf *b, const char *s);
void tt_buf_putc(tt_buf *b, char c);
void tt_buf_printf(tt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tt_buf_vprintf(tt_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the buffer's string to the caller (never NULL) and empties b. */
char *tt_buf_detach(tt_buf *b);

/* Levenshtein distance between two strings (bytes). */
size_t tt_edit_distance(const char *a, const char *b);

/* The candidate closest to word, if it is close enough to be a plausible
 * typo (distance at most 2, and less than half the word's length), else
 * NULL.  candidates ends with NULL.  Returns a pointer into candidates. */
const char *tt_suggest(const char *word, const char *const *candidates);

/* Parses a whole string as a finite decimal number, locale-independently:
 * optional sign, digits with an optional '.' fraction, optional exponent.
 * Rejects empty strings, surrounding junk or spaces, "nan", "inf", hex.
 * Returns 0 on success, TT_EINVAL otherwise (no message set). */
int tt_parse_double(const char *s, double *out);

/* Parses a whole string as a decimal integer in [min, max]. */
int tt_parse_long(const char *s, long min, long max, long *out);

/* Parses "a,b,c" into a new array of finite numbers (the caller frees *out).
 * On failure sets a message naming the offending item. */
int tt_parse_number_list(const char *s, double **out, size_t *n);

/* Reads a whole file into a new NUL-terminated buffer (the caller frees it).
 * Fails with TT_EIO (message set) if it cannot be read, TT_EINVAL if it is
 * larger than max_size bytes. */
int tt_read_file(const char *path, size_t max_size, char **out, size_t *len);

/* The folder part of a path ("." if none); a new string. */
char *tt_path_dirname(const char *path);
/* dir/rel, or rel itself when rel is absolute; a new string. */
char *tt_path_join(const char *dir, const char *rel);
/* Whether path names an existing regular file. */
int tt_path_is_file(const char *path);
/* Whether path exists at all. */
int tt_path_exists(const char *path);

/* Whether s is a valid id: letters, digits, '-' and '_', non-empty. */
int tt_is_id(const char *s);

/* Whether the n bytes at s are valid UTF-8; on failure *bad is the offset of
 * the first bad byte. */
int tt_utf8_valid(const char *s, size_t n, size_t *bad);

/* Formats a double the way every report does: %.17g for finite values,
 * an integer without exponent or fraction when it is one (and below 2^53),
 * into buf (at least 32 bytes).  Non-finite values give "null". */
const char *tt_format_number(char *buf, size_t size, double v);

/* Formats a double for people with `digits` significant digits (%.*g),
 * "NA" for non-finite values. */
const char *tt_format_human(char *buf, size_t size, double v, int digits);

#endif
