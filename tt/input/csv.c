/*
 * csv.c - an RFC 4180 reader that parses in place.
 *
 * The file is read into one buffer and every field is unquoted and
 * NUL-terminated inside that buffer: unquoting only ever shortens a field,
 * and the byte after each field (a comma, a line end, the closing quote, or
 * the spare byte at the end of the buffer) leaves room for its NUL.  A table
 * of millions of fields thus costs its file size plus one pointer per field
 * (and tt_csv_scan() not even that), never a small allocation per field.
 */
#include "tt/input/csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt/base/hash.h"
#include "tt/base/util.h"

typedef struct scanner {
	char *p;   /* the next byte to read */
	char *end; /* one past the data (a writable byte) */
	int line;  /* the line of p */
	const char *path;
	tt_diags *d;
	int fatal; /* invalid UTF-8 or a NUL byte was met: stop */
} scanner;

/* The length of the valid UTF-8 sequence at p (whose first byte is >= 0x80),
 * or 0 if there is none. */
static size_t utf8_sequence(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (n == 1 || (size_t)(end - p) < n || !tt_utf8_valid(p, n, NULL))
		return 0;
	return n;
}

/* Checks a byte that is NUL or >= 0x80.  Returns how many bytes to step
 * over, or 0 after reporting the file as not UTF-8 text (s->fatal set). */
static size_t odd_byte(scanner *s, const char *p)
{
	if (*p == '\0') {
		tt_diags_add(s->d, TT_SEV_ERROR, s->path, s->line, 0,
			     "NUL byte in the data; a CSV file must be text");
		s->fatal = 1;
		return 0;
	}
	size_t n = utf8_sequence(p, s->end);
	if (n == 0) {
		tt_diags_add(s->d, TT_SEV_ERROR, s->path, s->line, 0,
			     "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
			     (unsigned char)*p);
		s->fatal = 1;
	}
	return n;
}

/* Whether p is at a field's end: a comma, LF, CRLF, a CR that ends the
 * data, or the end.  A CR elsewhere is data, as RFC 4180 has it. */
static int at_delimiter(const scanner *s, const char *p)
{
	if (p == s->end)
		return 1;
	if (*p == ',' || *p == '\n')
		return 1;
	return *p == '\r' && (p + 1 == s->end || p[1] == '\n');
}

/* Scans an unquoted field from s->p and leaves s->p at its delimiter.  A
 * quote inside it is reported once and kept as data. */
static void scan_unquoted(scanner *s, size_t field_no, int *malformed)
{
	char *p = s->p;
	int quote_reported = 0;
	for (;;) {
		unsigned char c = (unsigned char)*p;
		/* The common bytes first: the test below is what the loop
		 * spends its time on. */
		if (c > '"' && c != ',' && c < 0x80) {
			p++;
			continue;
		}
		if (at_delimiter(s, p))
			break;
		if (c == '"') {
			if (!quote_reported) {
				tt_diags_add(s->d, TT_SEV_ERROR, s->path, s->line, 0,
					     "quote in unquoted field %zu; quote the whole field "
					     "and double the quotes inside it",
					     field_no);
				*malformed = 1;
				quote_reported = 1;
			}
			p++;
		} else if (c == 0 || c >= 0x80) {
			size_t n = odd_byte(s, p);
			if (n == 0)
				break;
			p += n;
		} else {
			p++;
		}
	}
	s->p = p;
}

/* Scans a quoted field whose opening quote is at s->p, unquoting it in place
 * ("" becomes "), and leaves s->p at the delimiter after the closing quote.
 * Returns the field's text. */
static char *scan_quoted(scanner *s, size_t field_no, int *malformed)
{
	int start_line = s->line;
	char *text = s->p + 1;
	char *w = text;
	char *p = text;
	for (;;) {
		if (p == s->end) {
			/* Reported where the field opens: that is where the
			 * missing quote belongs, however far the scan ran. */
			tt_diags_add(s->d, TT_SEV_ERROR, s->path, start_line, 0,
				     "unterminated quoted field %zu", field_no);
			*malformed = 1;
			*w = '\0';
			s->p = p;
			return text;
		}
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			if (p + 1 < s->end && p[1] == '"') {
				*w++ = '"';
				p += 2;
				continue;
			}
			p++;
			break;
		}
		if (c == '\n') {
			s->line++;
		} else if (c == 0 || c >= 0x80) {
			size_t n = odd_byte(s, p);
			if (n == 0) {
				s->p = p;
				return text;
			}
			memmove(w, p, n);
			w += n;
			p += n;
			continue;
		}
		*w++ = *p++;
	}
	/* w is at most the closing quote's place, so the NUL fits. */
	*w = '\0';
	if (!at_delimiter(s, p)) {
		tt_diags_add(s->d, TT_SEV_ERROR, s->path, s->line, 0,
			     "text after the closing quote of field %zu", field_no);
		*malformed = 1;
		while (!at_delimiter(s, p)) {
			unsigned char c = (unsigned char)*p;
			if (c == 0 || c >= 0x80) {
				size_t n = odd_byte(s, p);
				if (n == 0)
					break;
				p += n;
			} else {
				p++;
			}
		}
	}
	s->p = p;
	return text;
}

int tt_csv_scan(char *buf, size_t len, const char *path, tt_csv_row_fn fn, void *ctx, tt_diags *d)
{
	scanner s = { buf, buf + len, 1, path, d, 0 };
	size_t errors_before = d->errors;
	char **fields = NULL;
	size_t cap = 0;
	int rc = 0;

	buf[len] = '\0';
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		s.p += 3;
	while (s.p < s.end) {
		/* Blank lines are skipped. */
		if (*s.p == '\n' || (*s.p == '\r' && at_delimiter(&s, s.p))) {
			s.p += *s.p == '\r' && s.p + 1 < s.end ? 2 : 1;
			s.line++;
			continue;
		}
		char *start = s.p;
		tt_csv_row row = { s.line, 0, NULL, 0 };
		size_t n = 0;
		for (;;) {
			char *text;
			if (*s.p == '"') {
				text = scan_quoted(&s, n + 1, &row.malformed);
			} else {
				text = s.p;
				scan_unquoted(&s, n + 1, &row.malformed);
			}
			if (s.fatal)
				break;
			if (n < TT_CSV_MAX_FIELDS) {
				fields = tt_xgrow(fields, &cap, n + 1, sizeof *fields);
				fields[n] = text;
			}
			n++;
			if (s.p == s.end)
				break;
			char c = *s.p;
			*s.p = '\0';
			if (c == ',') {
				s.p++;
				continue;
			}
			s.p += c == '\r' && s.p + 1 < s.end ? 2 : 1;
			s.line++;
			break;
		}
		if (s.fatal)
			break;
		if ((size_t)(s.p - start) > TT_CSV_MAX_ROW_BYTES) {
			tt_diags_add(d, TT_SEV_ERROR, path, row.line, 0,
				     "row is longer than the limit of %u bytes",
				     (unsigned)TT_CSV_MAX_ROW_BYTES);
			row.malformed = 1;
		}
		if (n > TT_CSV_MAX_FIELDS) {
			tt_diags_add(d, TT_SEV_ERROR, path, row.line, 0,
				     "row has more than %d fields", TT_CSV_MAX_FIELDS);
			row.malformed = 1;
			n = TT_CSV_MAX_FIELDS;
		}
		row.n_fields = n;
		row.fields = fields;
		rc = fn(&row, ctx);
		if (rc)
			break;
	}
	free(fields);
	if (rc)
		return rc;
	return d->errors > errors_before ? TT_EINVAL : TT_OK;
}

static int too_large(const char *path, uintmax_t size, tt_diags *d)
{
	tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
		     "file of %ju bytes is larger than the limit of %u bytes", size,
		     (unsigned)TT_CSV_MAX_BYTES);
	return tt_error_set(TT_EINVAL, "'%s' is larger than the limit of %u bytes", path,
			    (unsigned)TT_CSV_MAX_BYTES);
}

int tt_csv_read(const char *path, char **buf, size_t *len, tt_diags *d)
{
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "cannot open the file: %s", strerror(e));
		return tt_error_set(TT_EIO, "cannot open '%s': %s", path, strerror(e));
	}
	struct stat st;
	char *data = NULL;
	size_t n = 0;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		/* A regular file is read in one piece into a buffer of its
		 * size, so the peak is the file size, not the doubling of a
		 * growing buffer; and a file over the limit is refused before
		 * any of it is read. */
		if ((uintmax_t)st.st_size > TT_CSV_MAX_BYTES) {
			fclose(f);
			return too_large(path, (uintmax_t)st.st_size, d);
		}
		size_t size = (size_t)st.st_size;
		data = tt_xmalloc(size + 1);
		n = fread(data, 1, size, f);
		if (n == size && fgetc(f) != EOF) {
			free(data);
			fclose(f);
			tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
				     "the file grew while it was read");
			return tt_error_set(TT_EIO, "'%s' grew while it was read", path);
		}
	} else {
		tt_buf b = TT_BUF_INIT;
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
			if (b.len + got > TT_CSV_MAX_BYTES) {
				tt_buf_free(&b);
				fclose(f);
				return too_large(path, (uintmax_t)b.len + got, d);
			}
			tt_buf_put(&b, chunk, got);
		}
		n = b.len;
		data = tt_buf_detach(&b);
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0, "cannot read the file");
		return tt_error_set(TT_EIO, "cannot read '%s'", path);
	}
	fclose(f);
	data[n] = '\0';
	*buf = data;
	*len = n;
	return TT_OK;
}

typedef struct collector {
	tt_csv *csv;
	size_t rows_cap;
	size_t n_ptrs, ptrs_cap;
	size_t *first; /* per row, the index of its first field pointer */
	size_t first_cap;
} collector;

static int collect_row(const tt_csv_row *row, void *ctx)
{
	collector *c = ctx;
	tt_csv *csv = c->csv;
	csv->rows = tt_xgrow(csv->rows, &c->rows_cap, csv->n_rows + 1, sizeof *csv->rows);
	c->first = tt_xgrow(c->first, &c->first_cap, csv->n_rows + 1, sizeof *c->first);
	csv->field_ptrs = tt_xgrow(csv->field_ptrs, &c->ptrs_cap, c->n_ptrs + row->n_fields,
				   sizeof *csv->field_ptrs);
	memcpy(csv->field_ptrs + c->n_ptrs, row->fields, row->n_fields * sizeof *row->fields);
	csv->rows[csv->n_rows] = *row;
	csv->rows[csv->n_rows].fields = NULL;
	c->first[csv->n_rows] = c->n_ptrs;
	c->n_ptrs += row->n_fields;
	csv->n_rows++;
	return 0;
}

/* Parses buf (len bytes and a spare one, owned from here on) into *out. */
static int csv_from_buffer(tt_csv **out, const char *path, char *buf, size_t len, tt_diags *d)
{
	tt_csv *csv = tt_xcalloc(1, sizeof *csv);
	csv->path = tt_xstrdup(path);
	csv->text = buf;
	int rc = tt_sha256(buf, len, csv->sha256);
	if (rc) {
		tt_csv_free(csv);
		return rc;
	}
	collector c = { csv, 0, 0, 0, NULL, 0 };
	rc = tt_csv_scan(buf, len, csv->path, collect_row, &c, d);
	/* The pointer array has stopped moving: point each row into it. */
	for (size_t i = 0; i < csv->n_rows; i++)
		csv->rows[i].fields = csv->field_ptrs + c.first[i];
	free(c.first);
	if (rc) {
		tt_csv_free(csv);
		return tt_error_set(TT_EINVAL, "'%s' is not a valid CSV file", path);
	}
	*out = csv;
	return TT_OK;
}

int tt_csv_parse(tt_csv **out, const char *path, const char *bytes, size_t len, tt_diags *d)
{
	*out = NULL;
	if (len > TT_CSV_MAX_BYTES)
		return too_large(path, (uintmax_t)len, d);
	char *buf = tt_xmalloc(len + 1);
	memcpy(buf, bytes, len);
	return csv_from_buffer(out, path, buf, len, d);
}

int tt_csv_load(tt_csv **out, const char *path, tt_diags *d)
{
	*out = NULL;
	char *buf;
	size_t len;
	int rc = tt_csv_read(path, &buf, &len, d);
	if (rc)
		return rc;
	return csv_from_buffer(out, path, buf, len, d);
}

void tt_csv_free(tt_csv *csv)
{
	if (!csv)
		return;
	free(csv->path);
	free(csv->rows);
	free(csv->field_ptrs);
	free(csv->text);
	free(csv);
}
