/*
 * csv.h - an RFC 4180 reader that keeps each record's line.
 *
 * Quoted fields with embedded commas, quotes ("") and line breaks, LF or
 * CRLF line ends, and a UTF-8 byte-order mark are accepted.  Invalid UTF-8,
 * a quote inside an unquoted field, an unterminated quote, rows longer than
 * TT_CSV_MAX_ROW_BYTES and files over TT_CSV_MAX_BYTES are errors, reported
 * as FILE:LINE: error: ... .  Blank lines are skipped.
 */
#ifndef TT_CSV_H
#define TT_CSV_H

#include <stddef.h>

#include "tt/base/error.h"

#define TT_CSV_MAX_BYTES (512u * 1024u * 1024u)
#define TT_CSV_MAX_ROW_BYTES (1024u * 1024u)
#define TT_CSV_MAX_FIELDS 4096

typedef struct tt_csv_row {
	int line; /* the line the record starts on, 1-based */
	size_t n_fields;
	char **fields; /* each NUL-terminated, quotes removed */
	int malformed; /* an error was reported for this record (tt_csv_scan) */
} tt_csv_row;

typedef struct tt_csv {
	char *path;
	unsigned char sha256[32]; /* of the file's bytes */
	size_t n_rows;            /* including the header, rows[0] */
	tt_csv_row *rows;

	/* Storage, private to csv.c: every field's text lies in text, every
	 * row's field pointers in field_ptrs. */
	char *text;
	char **field_ptrs;
} tt_csv;

/* Reads a whole CSV file.  Errors go to d; returns 0 or TT_EINVAL/TT_EIO
 * with *out NULL. */
int tt_csv_load(tt_csv **out, const char *path, tt_diags *d);
int tt_csv_parse(tt_csv **out, const char *path, const char *bytes, size_t len, tt_diags *d);
void tt_csv_free(tt_csv *csv);

/*
 * The streaming interface, for tables too large to hold twice.
 *
 * tt_csv_read() reads a file into a new buffer of len + 1 bytes (the caller
 * frees *buf), refusing files over TT_CSV_MAX_BYTES before reading them.
 * Problems go to d at FILE (no line): TT_EIO when the file cannot be read,
 * TT_EINVAL when it is too large.
 *
 * tt_csv_scan() parses the len bytes at buf in place: fields are unquoted
 * and NUL-terminated inside buf itself (buf[len] must be writable), so the
 * field text needs no memory of its own and stays valid as long as buf.
 * fn is called once per record, in order, malformed ones included (flagged,
 * after their error was added to d); the row and its array of field
 * pointers are valid only during the call.  fn returns 0 to go on, anything
 * else to stop the scan, which then returns that value.  Otherwise the scan
 * returns 0, or TT_EINVAL when it added an error to d.  Invalid UTF-8 and
 * NUL bytes end the scan at the first one: the file is then not UTF-8 text,
 * and every later line would repeat the same complaint.
 */
typedef int (*tt_csv_row_fn)(const tt_csv_row *row, void *ctx);

int tt_csv_read(const char *path, char **buf, size_t *len, tt_diags *d);
int tt_csv_scan(char *buf, size_t len, const char *path, tt_csv_row_fn fn, void *ctx, tt_diags *d);

#endif
