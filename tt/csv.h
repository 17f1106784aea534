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

#include "tt/error.h"

#define TT_CSV_MAX_BYTES (512u * 1024u * 1024u)
#define TT_CSV_MAX_ROW_BYTES (1024u * 1024u)
#define TT_CSV_MAX_FIELDS 4096

typedef struct tt_csv_row {
	int line; /* the line the record starts on, 1-based */
	size_t n_fields;
	char **fields; /* each NUL-terminated, quotes removed */
} tt_csv_row;

typedef struct tt_csv {
	char *path;
	unsigned char sha256[32]; /* of the file's bytes */
	size_t n_rows; /* including the header, rows[0] */
	tt_csv_row *rows;
} tt_csv;

/* Reads a whole CSV file.  Errors go to d; returns 0 or TT_EINVAL/TT_EIO
 * with *out NULL. */
int tt_csv_load(tt_csv **out, const char *path, tt_diags *d);
int tt_csv_parse(tt_csv **out, const char *path, const char *bytes, size_t len, tt_diags *d);
void tt_csv_free(tt_csv *csv);

#endif
