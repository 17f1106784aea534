/*
 * mem.h - allocation that cannot fail, and a growable string buffer: the
 * bottom of the library, which every other module, the error module
 * included, builds on.
 *
 * The tt_x* allocators never return NULL: on exhaustion they print
 * "tt: out of memory" and exit with status 3 (an environment error), so the
 * rest of the code need not thread an out-of-memory path through every call.
 */
#ifndef TT_MEM_H
#define TT_MEM_H

#include <stdarg.h>
#include <stddef.h>

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

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_BUF_INIT { NULL, 0, 0 }
/* clang-format on */

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

#endif
