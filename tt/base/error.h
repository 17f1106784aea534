/*
 * error.h - error codes, the last error message, and located diagnostics.
 *
 * Library functions that can fail return 0 or a negative TT_E* code and set
 * a message once with tt_error_set(); callers read it with tt_error_last().
 * The message is per thread, so worker threads do not trample each other.
 *
 * Problems found in a user's files are collected in a tt_diags list instead,
 * each with its file, line and column, so that every problem in a file is
 * reported, not only the first.  The CLI prints them as
 *   FILE:LINE:COLUMN: error: MESSAGE
 * (FILE:LINE: when the column is 0, FILE: when the line is 0).
 */
#ifndef TT_ERROR_H
#define TT_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum {
	TT_OK = 0,
	TT_EINVAL = -1,  /* bad input: a user's file, option or value */
	TT_ENOMEM = -2,  /* out of memory */
	TT_EIO = -3,     /* a file could not be read or written */
	TT_EDOMAIN = -4, /* a statistic does not exist for these data (n too small, zero spread) */
	TT_ENOCONV = -5, /* a numerical method did not converge */
	TT_EENV = -6,    /* the environment lacks something (gnuplot, a folder) */
	TT_EINTERNAL = -7, /* a bug in tt */
};

/* Exit statuses of the tt command (CONTRACT.md). */
enum {
	TT_EXIT_OK = 0,
	TT_EXIT_FAIL = 1,  /* not comparable, inconclusive, a check failed */
	TT_EXIT_USAGE = 2, /* bad input or usage */
	TT_EXIT_ENV = 3,   /* environment or internal error */
};

/* Sets this thread's last error message and returns code, so that a failing
 * function can end with `return tt_error_set(TT_EINVAL, "...", ...);`. */
int tt_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The last message set in this thread ("" if none).  Valid until the next
 * tt_error_set() in this thread. */
const char *tt_error_last(void);

/* The code given with the last message (TT_OK if none). */
int tt_error_last_code(void);

void tt_error_clear(void);

/* The exit status that fits an error code. */
int tt_error_exit_status(int code);

typedef enum { TT_SEV_ERROR, TT_SEV_WARNING, TT_SEV_NOTE } tt_severity;

/* A place in a user's file.  `file` is borrowed (it points at a path owned by
 * the document or table the place came from).  line and col are 1-based; 0
 * means unknown. */
typedef struct tt_loc {
	const char *file;
	int line;
	int col;
} tt_loc;

typedef struct tt_diag {
	tt_severity severity;
	char *file; /* owned copy */
	int line;
	int col;
	char *message; /* owned */
} tt_diag;

typedef struct tt_diags {
	tt_diag *items;
	size_t count;
	size_t capacity;
	size_t errors;   /* how many items are TT_SEV_ERROR */
	size_t warnings; /* how many items are TT_SEV_WARNING */
} tt_diags;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_DIAGS_INIT { NULL, 0, 0, 0, 0 }
/* clang-format on */

void tt_diags_init(tt_diags *d);
void tt_diags_free(tt_diags *d);

/* Adds one diagnostic.  file may be NULL (no place). */
void tt_diags_add(tt_diags *d, tt_severity sev, const char *file, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void tt_diags_vadd(tt_diags *d, tt_severity sev, const char *file, int line, int col,
		   const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Shorthands taking a tt_loc. */
void tt_diags_error(tt_diags *d, tt_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tt_diags_warning(tt_diags *d, tt_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Formats one diagnostic as "FILE:LINE:COL: error: MESSAGE" into a new
 * string the caller frees. */
char *tt_diag_format(const tt_diag *item);

/* Prints every diagnostic, one a line, in the order they were added. */
void tt_diags_print(const tt_diags *d, FILE *out);

/* Sorts diagnostics by file, line and column (stable), for a reader who
 * walks a file top to bottom. */
void tt_diags_sort(tt_diags *d);

#endif
