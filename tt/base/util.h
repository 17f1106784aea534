/*
 * util.h - strings, numbers and paths shared by every module.
 *
 * It includes mem.h, the allocators and the string buffer, which nearly
 * every user of these functions also needs.
 */
#ifndef TT_UTIL_H
#define TT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tt/base/mem.h"

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
