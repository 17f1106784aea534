/*
 * data.c - lot tables and long-form (lot,time,value) tables.
 *
 * Both are built in one pass of the in-place CSV scanner (csv.h), so every
 * string of a table points into the file's own bytes.  A lot table's cells
 * live in one block, column after column; the block is sized before the
 * first data row from a bound on the number of rows (the file's line count,
 * and its size over the header's field count, since each stored row spans
 * at least that many bytes), so it never has to grow and be copied.  The
 * peak memory of a loaded table is therefore its file size plus
 * sizeof(tt_cell) per cell plus a little per lot; a cell refers to its
 * text by offset, not by pointer, to keep it at 16 bytes.
 */
#include "tt/input/data.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tt/input/csv.h"
#include "tt/base/hash.h"
#include "tt/base/util.h"

/* ---- strings ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims spaces and tabs in place and returns the start. */
static char *trim(char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int is_blank(const char *s)
{
	while (is_space(*s))
		s++;
	return *s == '\0';
}

/* Empty (after trimming) or NA. */
static int is_missing(const char *s)
{
	return s[0] == '\0' || (s[0] == 'N' && s[1] == 'A' && s[2] == '\0');
}

/* Splits a trimmed header name "name [unit]" in place.  Returns the name;
 * *unit is the unit (possibly empty), or NULL when there are no brackets. */
static char *split_unit(char *s, char **unit)
{
	*unit = NULL;
	size_t n = strlen(s);
	if (n == 0 || s[n - 1] != ']')
		return s;
	char *open = strrchr(s, '[');
	if (!open)
		return s;
	s[n - 1] = '\0';
	*open = '\0';
	*unit = trim(open + 1);
	return trim(s);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- a string index: open addressing over an array of keys ---- */

struct tt_lots_index {
	size_t mask; /* slots - 1; slots is a power of two */
	size_t count;
	uint32_t *slot; /* key position + 1, or 0 when empty */
};

static uint64_t hash_string(const char *s)
{
	/* FNV-1a: ids are short, and this is all the spread they need. */
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

static struct tt_lots_index *index_new(void)
{
	struct tt_lots_index *ix = tt_xcalloc(1, sizeof *ix);
	ix->mask = 63;
	ix->slot = tt_xcalloc(ix->mask + 1, sizeof *ix->slot);
	return ix;
}

static void index_free(struct tt_lots_index *ix)
{
	if (!ix)
		return;
	free(ix->slot);
	free(ix);
}

/* The position of s among keys, or -1. */
static long index_find(const struct tt_lots_index *ix, char *const *keys, const char *s)
{
	size_t i = hash_string(s) & ix->mask;
	while (ix->slot[i]) {
		size_t k = ix->slot[i] - 1;
		if (strcmp(keys[k], s) == 0)
			return (long)k;
		i = (i + 1) & ix->mask;
	}
	return -1;
}

/* Adds keys[pos], which must not be there yet; keeps the load under half. */
static void index_add(struct tt_lots_index *ix, char *const *keys, size_t pos)
{
	if (2 * (ix->count + 1) > ix->mask + 1) {
		size_t slots = 2 * (ix->mask + 1);
		uint32_t *old = ix->slot;
		size_t old_slots = ix->mask + 1;
		ix->slot = tt_xcalloc(slots, sizeof *ix->slot);
		ix->mask = slots - 1;
		for (size_t j = 0; j < old_slots; j++) {
			if (!old[j])
				continue;
			size_t i = hash_string(keys[old[j] - 1]) & ix->mask;
			while (ix->slot[i])
				i = (i + 1) & ix->mask;
			ix->slot[i] = old[j];
		}
		free(old);
	}
	size_t i = hash_string(keys[pos]) & ix->mask;
	while (ix->slot[i])
		i = (i + 1) & ix->mask;
	ix->slot[i] = (uint32_t)(pos + 1);
	ix->count++;
}

/* ---- cells and dates ---- */

/* tt_parse_double(), with a fast path for the numbers lot tables are made
 * of.  When the decimal significand w has at most 19 digits and is at most
 * 2^53, and the power of ten p is at most 22 in magnitude, both w and 10^p
 * are exact doubles, so one multiplication or division gives the correctly
 * rounded result (Clinger 1990), the same double strtod() gives.  Anything
 * else, valid or not, goes to tt_parse_double(), which decides. */
static int parse_number(const char *s, double *out)
{
	static const double pow10[23] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
					  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
					  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	const char *p = s;
	int neg = 0, any = 0, nd = 0, exp10 = 0;
	uint64_t w = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++) {
		any = 1;
		if (w || *p != '0') {
			if (++nd > 19)
				return tt_parse_double(s, out);
			w = 10 * w + (uint64_t)(*p - '0');
		}
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			any = 1;
			exp10--;
			if (w || *p != '0') {
				if (++nd > 19)
					return tt_parse_double(s, out);
				w = 10 * w + (uint64_t)(*p - '0');
			}
		}
	}
	if (!any)
		return tt_parse_double(s, out);
	if (*p == 'e' || *p == 'E') {
		int eneg = 0, e = 0;
		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		if (!(*p >= '0' && *p <= '9'))
			return tt_parse_double(s, out);
		for (; *p >= '0' && *p <= '9'; p++)
			if (e < 100000)
				e = 10 * e + (*p - '0');
		exp10 += eneg ? -e : e;
	}
	if (*p != '\0' || w > (UINT64_C(1) << 53) || exp10 < -22 || exp10 > 22)
		return tt_parse_double(s, out);
	double v = (double)w;
	v = exp10 < 0 ? v / pow10[-exp10] : v * pow10[exp10];
	*out = neg ? -v : v;
	return TT_OK;
}

/* A cell's text is an offset into the table's bytes, which the file-size
 * limit keeps below 4 GiB; this value marks an empty cell. */
#define NO_TEXT UINT32_MAX

_Static_assert(sizeof(tt_cell) == 16, "a cell is 16 bytes: the memory of a table depends on it");
_Static_assert(TT_CSV_MAX_BYTES < NO_TEXT, "every offset into a table's bytes fits a cell");

/* Classifies the cell raw, which lies in the table's bytes starting at
 * base. */
static void classify(tt_cell *c, char *raw, const char *base)
{
	char *s = trim(raw);
	double v;
	c->censor = 0;
	c->value = NAN;
	if (s[0] == '\0') {
		c->kind = TT_CELL_MISSING;
		c->text = NO_TEXT;
		return;
	}
	c->text = (uint32_t)(s - base);
	if (is_missing(s)) {
		c->kind = TT_CELL_MISSING;
	} else if (parse_number(s, &v) == TT_OK) {
		c->kind = TT_CELL_NUMBER;
		c->value = v;
	} else if (s[0] == '<' || s[0] == '>') {
		const char *t = s + 1;
		while (is_space(*t))
			t++;
		if (parse_number(t, &v) == TT_OK) {
			c->kind = TT_CELL_CENSORED;
			c->censor = s[0];
			c->value = v;
		} else {
			c->kind = TT_CELL_TEXT;
		}
	} else {
		c->kind = TT_CELL_TEXT;
	}
}

/* Reads exactly n digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = 10 * v + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* YYYY-MM-DD, optionally 'T' or ' ' and hh:mm[:ss[.fff]], then optionally
 * 'Z' or +hh:mm / -hh:mm / +hh. */
static int is_iso_date(const char *s)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, hh, mm, ss;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
	    !digits(s + 8, 2, &d))
		return 0;
	if (m < 1 || m > 12)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > days[m - 1] + (m == 2 && leap))
		return 0;
	s += 10;
	if (*s == '\0')
		return 1;
	if (*s != 'T' && *s != ' ')
		return 0;
	s++;
	if (!digits(s, 2, &hh) || s[2] != ':' || !digits(s + 3, 2, &mm) || hh > 23 || mm > 59)
		return 0;
	s += 5;
	if (*s == ':') {
		if (!digits(s + 1, 2, &ss) || ss > 60)
			return 0;
		s += 3;
		if (*s == '.') {
			s++;
			if (!isdigit((unsigned char)*s))
				return 0;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	if (*s == 'Z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		if (!digits(s + 1, 2, &hh) || hh > 23)
			return 0;
		s += 3;
		if (*s == ':') {
			if (!digits(s + 1, 2, &mm) || mm > 59)
				return 0;
			s += 3;
		}
	}
	return *s == '\0';
}

/* ---- the header ---- */

static const char *const lot_reserved[] = { "lot", "date", "pair", "tested_at", NULL };

/* Adds the error for a required column that is absent, suggesting a header
 * name that looks like a misspelling of it. */
static void missing_column(tt_diags *d, const char *path, int line, const char *want,
			   char *const *names, size_t n)
{
	const char **cand = tt_xcalloc(n + 1, sizeof *cand);
	for (size_t i = 0; i < n; i++)
		cand[i] = names[i];
	const char *near = tt_suggest(want, cand);
	if (!near) {
		for (size_t i = 0; i < n && !near; i++)
			if (strcasecmp(names[i], want) == 0)
				near = names[i];
	}
	if (near)
		tt_diags_add(d, TT_SEV_ERROR, path, line, 0,
			     "no '%s' column in the header; rename '%s' to '%s'?", want, near,
			     want);
	else
		tt_diags_add(d, TT_SEV_ERROR, path, line, 0, "no '%s' column in the header", want);
	free(cand);
}

/* Trims and splits every header name in place into names[] and units[];
 * reports empty names, empty units and duplicates.  Returns 0 when the
 * header is usable. */
static int read_header(const tt_csv_row *row, const char *path, char **names, char **units,
		       tt_diags *d)
{
	int bad = 0;
	for (size_t i = 0; i < row->n_fields; i++) {
		names[i] = split_unit(trim(row->fields[i]), &units[i]);
		if (names[i][0] == '\0') {
			tt_diags_add(d, TT_SEV_ERROR, path, row->line, 0,
				     "column %zu of the header has no name", i + 1);
			bad = 1;
		} else if (units[i] && units[i][0] == '\0') {
			tt_diags_add(d, TT_SEV_ERROR, path, row->line, 0,
				     "column '%s' has empty brackets where its unit belongs",
				     names[i]);
			bad = 1;
		}
	}
	for (size_t i = 1; i < row->n_fields; i++) {
		if (names[i][0] == '\0')
			continue;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(names[i], names[j]) == 0) {
				tt_diags_add(d, TT_SEV_ERROR, path, row->line, 0,
					     "duplicate column '%s' (columns %zu and %zu)",
					     names[i], j + 1, i + 1);
				bad = 1;
				break;
			}
		}
	}
	return bad ? TT_EINVAL : TT_OK;
}

/* Whether a row after the header holds data to read: a blank row is
 * passed over; one with another number of fields than the header's
 * (n_fields) is counted in *data_rows but is an error, reported to d. */
static bool data_row(const tt_csv_row *row, size_t n_fields, const char *path, size_t *data_rows,
		     tt_diags *d)
{
	size_t i;
	for (i = 0; i < row->n_fields; i++)
		if (!is_blank(row->fields[i]))
			break;
	if (i == row->n_fields)
		return false;
	(*data_rows)++;
	if (row->n_fields != n_fields) {
		tt_diags_add(d, TT_SEV_ERROR, path, row->line, 0,
			     "row has %zu %s, the header has %zu", row->n_fields,
			     plural(row->n_fields, "field", "fields"), n_fields);
		return false;
	}
	return true;
}

static size_t count_newlines(const char *s, size_t len)
{
	size_t n = 0;
	const char *end = s + len;
	while (s < end && (s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* ---- lot tables ---- */

typedef struct lots_builder {
	tt_lots *lots;
	tt_diags *d;
	size_t len; /* the file's size and line count bound the rows */
	size_t newlines;
	int have_header;
	int broken;      /* the header is unusable: rows are not read */
	size_t n_fields; /* of the header */
	long lot_field, date_field, pair_field, tested_field; /* -1 when absent */
	long *column_of;  /* per field, its attribute column or -1 */
	size_t cap;       /* rows the arrays hold */
	size_t data_rows; /* non-blank rows after the header */
} lots_builder;

static int lots_header(lots_builder *b, const tt_csv_row *row)
{
	tt_lots *L = b->lots;
	const char *path = L->path;
	size_t n = row->n_fields;
	L->header_line = row->line;
	b->have_header = 1;
	b->n_fields = n;

	char **names = tt_xcalloc(n, sizeof *names);
	char **units = tt_xcalloc(n, sizeof *units);
	if (read_header(row, path, names, units, b->d) != TT_OK)
		b->broken = 1;

	b->column_of = tt_xmalloc(n * sizeof *b->column_of);
	size_t n_columns = 0;
	for (size_t i = 0; i < n; i++) {
		b->column_of[i] = -1;
		if (strcmp(names[i], "lot") == 0)
			b->lot_field = (long)i;
		else if (strcmp(names[i], "date") == 0)
			b->date_field = (long)i;
		else if (strcmp(names[i], "pair") == 0)
			b->pair_field = (long)i;
		else if (strcmp(names[i], "tested_at") == 0)
			b->tested_field = (long)i;
		else if (names[i][0] != '\0')
			b->column_of[i] = (long)n_columns++;
	}
	if (b->lot_field < 0) {
		missing_column(b->d, path, row->line, "lot", names, n);
		b->broken = 1;
	}
	if (n_columns > TT_DATA_MAX_COLUMNS) {
		tt_diags_add(b->d, TT_SEV_ERROR, path, row->line, 0,
			     "%zu attribute columns, more than the limit of %d", n_columns,
			     TT_DATA_MAX_COLUMNS);
		b->broken = 1;
	}
	if (b->broken) {
		free(names);
		free(units);
		return 0;
	}

	/* Each stored row has n fields, so n - 1 commas and a lot id of at
	 * least one byte: no more than len / n of them fit in the file. */
	size_t cap = b->newlines + 1;
	if (b->len / n + 1 < cap)
		cap = b->len / n + 1;
	if (cap > TT_DATA_MAX_LOTS)
		cap = TT_DATA_MAX_LOTS;
	b->cap = cap;

	if (n_columns && cap > SIZE_MAX / sizeof(tt_cell) / n_columns) {
		tt_diags_add(b->d, TT_SEV_ERROR, path, row->line, 0,
			     "the table is too large for this computer's address space");
		b->broken = 1;
		free(names);
		free(units);
		return 0;
	}
	L->n_columns = n_columns;
	L->columns = tt_xcalloc(n_columns ? n_columns : 1, sizeof *L->columns);
	L->cells = tt_xmalloc(n_columns * cap * sizeof *L->cells);
	for (size_t i = 0; i < n; i++) {
		long c = b->column_of[i];
		if (c < 0)
			continue;
		tt_column *col = &L->columns[c];
		col->name = names[i];
		col->unit = units[i];
		col->index = (int)i;
		col->cells = L->cells + (size_t)c * cap;
	}
	L->lot = tt_xmalloc(cap * sizeof *L->lot);
	L->line = tt_xmalloc(cap * sizeof *L->line);
	if (b->date_field >= 0)
		L->date = tt_xmalloc(cap * sizeof *L->date);
	if (b->pair_field >= 0)
		L->pair = tt_xmalloc(cap * sizeof *L->pair);
	if (b->tested_field >= 0)
		L->tested_at = tt_xmalloc(cap * sizeof *L->tested_at);
	L->index = index_new();
	free(names);
	free(units);
	return 0;
}

/* A trimmed optional text cell: NULL when empty or NA. */
static char *optional_text(char *raw)
{
	char *s = trim(raw);
	return is_missing(s) ? NULL : s;
}

static int lots_row(const tt_csv_row *row, void *ctx)
{
	lots_builder *b = ctx;
	tt_lots *L = b->lots;
	if (!b->have_header)
		return lots_header(b, row);
	if (b->broken || row->malformed ||
	    !data_row(row, b->n_fields, L->path, &b->data_rows, b->d))
		return 0;
	char *id = trim(row->fields[b->lot_field]);
	if (id[0] == '\0') {
		tt_diags_add(b->d, TT_SEV_ERROR, L->path, row->line, 0, "empty lot id");
		return 0;
	}
	long first = index_find(L->index, L->lot, id);
	if (first >= 0) {
		tt_diags_add(b->d, TT_SEV_ERROR, L->path, row->line, 0,
			     "duplicate lot '%s' (first at line %d)", id, L->line[first]);
		return 0;
	}
	if (L->n_lots >= b->cap) {
		if (L->n_lots >= TT_DATA_MAX_LOTS)
			tt_diags_add(b->d, TT_SEV_ERROR, L->path, row->line, 0,
				     "more than the limit of %d lots; the rows from here on are "
				     "not read",
				     TT_DATA_MAX_LOTS);
		else
			tt_diags_add(b->d, TT_SEV_ERROR, L->path, row->line, 0,
				     "internal error: more rows than the file can hold");
		return 1;
	}
	size_t r = L->n_lots++;
	L->lot[r] = id;
	L->line[r] = row->line;
	index_add(L->index, L->lot, r);
	if (L->date) {
		char *s = optional_text(row->fields[b->date_field]);
		if (s && !is_iso_date(s))
			tt_diags_add(b->d, TT_SEV_ERROR, L->path, row->line, 0,
				     "date '%s' of lot '%s' is not an ISO 8601 date (YYYY-MM-DD)",
				     s, id);
		L->date[r] = s;
	}
	if (L->pair)
		L->pair[r] = optional_text(row->fields[b->pair_field]);
	if (L->tested_at)
		L->tested_at[r] = optional_text(row->fields[b->tested_field]);
	for (size_t i = 0; i < row->n_fields; i++) {
		long c = b->column_of[i];
		if (c >= 0)
			classify(&L->columns[c].cells[r], row->fields[i], L->text);
	}
	return 0;
}

/* Moves the columns together when fewer rows came than were allowed for,
 * and gives the spare memory back. */
static void lots_compact(tt_lots *L, size_t cap)
{
	size_t n = L->n_lots;
	if (n == cap || n == 0)
		return;
	for (size_t c = 1; c < L->n_columns; c++)
		memmove(L->cells + c * n, L->cells + c * cap, n * sizeof *L->cells);
	if (L->n_columns)
		L->cells = tt_xrealloc(L->cells, L->n_columns * n * sizeof *L->cells);
	for (size_t c = 0; c < L->n_columns; c++)
		L->columns[c].cells = L->cells + c * n;
	L->lot = tt_xrealloc(L->lot, n * sizeof *L->lot);
	L->line = tt_xrealloc(L->line, n * sizeof *L->line);
	if (L->date)
		L->date = tt_xrealloc(L->date, n * sizeof *L->date);
	if (L->pair)
		L->pair = tt_xrealloc(L->pair, n * sizeof *L->pair);
	if (L->tested_at)
		L->tested_at = tt_xrealloc(L->tested_at, n * sizeof *L->tested_at);
}

/* Builds a lot table from buf (len bytes and a spare one, owned from here). */
static int lots_from_buffer(tt_lots **out, const char *path, char *buf, size_t len, tt_diags *d)
{
	tt_lots *L = tt_xcalloc(1, sizeof *L);
	L->path = tt_xstrdup(path);
	L->text = buf;
	int rc = tt_sha256(buf, len, L->sha256);
	if (rc) {
		tt_lots_free(L);
		return rc;
	}
	size_t errors_before = d->errors;
	lots_builder b = { 0 };
	b.lots = L;
	b.d = d;
	b.len = len;
	b.newlines = count_newlines(buf, len);
	b.lot_field = b.date_field = b.pair_field = b.tested_field = -1;
	rc = tt_csv_scan(buf, len, L->path, lots_row, &b, d);
	if (rc == TT_OK && !b.have_header)
		tt_diags_add(d, TT_SEV_ERROR, L->path, 0, 0,
			     "empty file; a lot table needs a header row");
	else if (rc == TT_OK && !b.broken && b.data_rows == 0)
		tt_diags_add(d, TT_SEV_ERROR, L->path, L->header_line, 0, "no lots");
	free(b.column_of);
	if (rc != TT_OK || d->errors > errors_before) {
		tt_lots_free(L);
		return tt_error_set(TT_EINVAL, "'%s' is not a valid lot table", path);
	}
	lots_compact(L, b.cap);
	*out = L;
	return TT_OK;
}

int tt_lots_load(tt_lots **out, const char *path, tt_diags *d)
{
	*out = NULL;
	char *buf;
	size_t len;
	int rc = tt_csv_read(path, &buf, &len, d);
	if (rc)
		return rc;
	return lots_from_buffer(out, path, buf, len, d);
}

/* The limit tt_csv_read() applies to files, for bytes given in memory: a
 * cell's text offset relies on it. */
static int too_large(const char *path, size_t len, tt_diags *d)
{
	tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
		     "file of %zu bytes is larger than the limit of %u bytes", len,
		     (unsigned)TT_CSV_MAX_BYTES);
	return tt_error_set(TT_EINVAL, "'%s' is larger than the limit of %u bytes", path,
			    (unsigned)TT_CSV_MAX_BYTES);
}

int tt_lots_parse(tt_lots **out, const char *path, const char *bytes, size_t len, tt_diags *d)
{
	*out = NULL;
	if (len > TT_CSV_MAX_BYTES)
		return too_large(path, len, d);
	char *buf = tt_xmalloc(len + 1);
	memcpy(buf, bytes, len);
	return lots_from_buffer(out, path, buf, len, d);
}

void tt_lots_free(tt_lots *lots)
{
	if (!lots)
		return;
	free(lots->path);
	free(lots->lot);
	free(lots->line);
	free(lots->date);
	free(lots->pair);
	free(lots->tested_at);
	free(lots->columns);
	free(lots->cells);
	free(lots->text);
	index_free(lots->index);
	free(lots);
}

const char *tt_cell_text(const tt_lots *lots, const tt_cell *c)
{
	return c->text == NO_TEXT ? NULL : lots->text + c->text;
}

const tt_column *tt_lots_column(const tt_lots *lots, const char *name)
{
	for (size_t i = 0; i < lots->n_columns; i++)
		if (strcmp(lots->columns[i].name, name) == 0)
			return &lots->columns[i];
	return NULL;
}

long tt_lots_find(const tt_lots *lots, const char *lot)
{
	if (!lots->index)
		return -1;
	return index_find(lots->index, lots->lot, lot);
}

/* ---- checking a lot table against the study ---- */

/* The lot-level approaches, as tt_approach_is_lot_level() has them; kept
 * here so that the data module does not depend on the study loader. */
/* The first lot-level comparison of an attribute, or NULL. */
static const tt_comparison *lot_comparison(const tt_study *study, const char *attr)
{
	for (size_t i = 0; i < study->n_comparisons; i++) {
		const tt_comparison *c = &study->comparisons[i];
		if (tt_approach_is_lot_level(c->approach) && strcmp(c->attribute, attr) == 0)
			return c;
	}
	return NULL;
}

static int is_excluded(const tt_study *study, const char *lot)
{
	for (size_t i = 0; i < study->n_exclude; i++)
		if (study->exclude[i].lot && strcmp(study->exclude[i].lot, lot) == 0)
			return 1;
	return 0;
}

static void warn_unknown_column(const tt_lots *lots, const tt_column *col, const tt_spec *spec,
				tt_diags *d)
{
	size_t n = spec ? spec->n_attrs : 0;
	const char **cand = tt_xcalloc(n + 5, sizeof *cand);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		cand[k++] = spec->attrs[i].id;
	for (size_t i = 0; lot_reserved[i]; i++)
		cand[k++] = lot_reserved[i];
	const char *near = tt_suggest(col->name, cand);
	if (near)
		tt_diags_add(d, TT_SEV_WARNING, lots->path, lots->header_line, 0,
			     "unknown column '%s'; did you mean '%s'?", col->name, near);
	else
		tt_diags_add(d, TT_SEV_WARNING, lots->path, lots->header_line, 0,
			     "unknown column '%s'", col->name);
	free(cand);
}

/* The values of one continuous attribute's column: numbers wherever a
 * comparison (cmp, may be NULL) or the conformance check reads them. */
static void check_values(const tt_lots *lots, const tt_study *study, const tt_column *col,
			 const tt_attr *attr, const tt_comparison *cmp, tt_diags *d)
{
	int log_scale =
		attr->scale == TT_SCALE_LOG || (cmp && cmp->approach == TT_APPROACH_EQUIVALENCE &&
						cmp->margin_type == TT_MARGIN_RATIO);
	for (size_t r = 0; r < lots->n_lots; r++) {
		const tt_cell *c = &col->cells[r];
		if (c->kind == TT_CELL_MISSING ||
		    (c->kind == TT_CELL_NUMBER && !(cmp && log_scale)))
			continue;
		if (is_excluded(study, lots->lot[r]))
			continue;
		if (c->kind == TT_CELL_TEXT) {
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->line[r], 0,
				     "value '%s' of '%s' for lot '%s' is not a number",
				     tt_cell_text(lots, c), col->name, lots->lot[r]);
		} else if (c->kind == TT_CELL_CENSORED && cmp) {
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->line[r], 0,
				     "censored value '%s' of '%s' for lot '%s' cannot be used in "
				     "the %s comparison",
				     tt_cell_text(lots, c), col->name, lots->lot[r],
				     tt_approach_name(cmp->approach));
		} else if (c->kind == TT_CELL_NUMBER && cmp && log_scale && !(c->value > 0)) {
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->line[r], 0,
				     "value '%s' of '%s' for lot '%s' is not positive, which the "
				     "log scale needs",
				     tt_cell_text(lots, c), col->name, lots->lot[r]);
		}
	}
}

static void check_pairs(const tt_lots *lots, const tt_study *study, tt_diags *d)
{
	if (!lots->pair) {
		tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->header_line, 0,
			     "no 'pair' column, which the paired design needs");
		return;
	}
	/* keys[k] is the pair id of lot rows[k]: the index works on it. */
	char **keys = tt_xmalloc((lots->n_lots ? lots->n_lots : 1) * sizeof *keys);
	size_t *rows = tt_xmalloc((lots->n_lots ? lots->n_lots : 1) * sizeof *rows);
	size_t n = 0;
	struct tt_lots_index *ix = index_new();
	for (size_t r = 0; r < lots->n_lots; r++) {
		if (is_excluded(study, lots->lot[r]))
			continue;
		const char *p = lots->pair[r];
		if (!p) {
			tt_diags_add(d, TT_SEV_WARNING, lots->path, lots->line[r], 0,
				     "lot '%s' has no pair id; the paired comparisons leave it out",
				     lots->lot[r]);
			continue;
		}
		long first = index_find(ix, keys, p);
		if (first >= 0) {
			size_t f = rows[first];
			tt_diags_add(
				d, TT_SEV_ERROR, lots->path, lots->line[r], 0,
				"pair '%s' of lot '%s' is repeated (first for lot '%s' at line "
				"%d)",
				p, lots->lot[r], lots->lot[f], lots->line[f]);
			continue;
		}
		keys[n] = lots->pair[r];
		rows[n] = r;
		index_add(ix, keys, n);
		n++;
	}
	index_free(ix);
	free(keys);
	free(rows);
}

int tt_lots_check(const tt_lots *lots, const tt_study *study, const tt_spec *spec, const char *site,
		  tt_diags *d)
{
	size_t errors_before = d->errors;

	for (size_t i = 0; i < study->n_comparisons; i++) {
		const tt_comparison *c = &study->comparisons[i];
		if (!tt_approach_is_lot_level(c->approach) ||
		    lot_comparison(study, c->attribute) != c)
			continue;
		if (!tt_lots_column(lots, c->attribute))
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->header_line, 0,
				     "no column for attribute '%s', which the study compares",
				     c->attribute);
	}

	for (size_t j = 0; j < lots->n_columns; j++) {
		const tt_column *col = &lots->columns[j];
		const tt_attr *attr = tt_spec_attr(spec, col->name);
		if (!attr) {
			warn_unknown_column(lots, col, spec, d);
			continue;
		}
		if (col->unit && !attr->unit)
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->header_line, 0,
				     "column '%s' has unit '%s' but the spec gives no unit",
				     col->name, col->unit);
		else if (col->unit && strcmp(col->unit, attr->unit) != 0)
			tt_diags_add(d, TT_SEV_ERROR, lots->path, lots->header_line, 0,
				     "column '%s' has unit '%s' but the spec says '%s'", col->name,
				     col->unit, attr->unit);
		if (attr->type != TT_ATTR_CONTINUOUS)
			continue;
		/* Conformance reads every lot of both sites (CONTRACT.md). */
		const tt_comparison *cmp = lot_comparison(study, attr->id);
		if (cmp || attr->has_spec)
			check_values(lots, study, col, attr, cmp, d);
	}

	if (spec) {
		for (size_t i = 0; i < spec->n_attrs; i++) {
			const tt_attr *a = &spec->attrs[i];
			if (!a->has_spec || tt_lots_column(lots, a->id) ||
			    lot_comparison(study, a->id))
				continue;
			tt_diags_add(d, TT_SEV_WARNING, lots->path, lots->header_line, 0,
				     "no column for attribute '%s' (it has a release spec): the "
				     "conformance of the %s lots is not checked",
				     a->id, site ? site : "site's");
		}
	}

	if (study->design == TT_DESIGN_PAIRED)
		check_pairs(lots, study, d);

	return d->errors > errors_before ? TT_EINVAL : TT_OK;
}

void tt_lots_check_exclusions(const tt_study *study, const tt_lots *source,
			      const tt_lots *receiving, tt_diags *d)
{
	if (!source || !receiving)
		return;
	for (size_t i = 0; i < study->n_exclude; i++) {
		const tt_exclusion *e = &study->exclude[i];
		if (!e->lot || tt_lots_find(source, e->lot) >= 0 ||
		    tt_lots_find(receiving, e->lot) >= 0)
			continue;
		tt_diags_warning(d, e->loc, "excluded lot '%s' is in neither lot table", e->lot);
	}
}

/* ---- long-form tables ---- */

typedef struct series_row {
	size_t lot; /* position in the builder's ids */
	int line;
	int missing;
	double time;
	double value;
	const char *time_text;
} series_row;

typedef struct series_builder {
	tt_series_table *t;
	tt_diags *d;
	int have_header;
	int broken;
	size_t n_fields;
	long lot_field, time_field, value_field;
	series_row *rows;
	size_t n_rows, rows_cap;
	char **ids; /* distinct lots in order of first appearance */
	size_t n_ids, ids_cap;
	struct tt_lots_index *index;
	size_t data_rows;
} series_builder;

static int series_header(series_builder *b, const tt_csv_row *row)
{
	tt_series_table *t = b->t;
	size_t n = row->n_fields;
	t->header_line = row->line;
	b->have_header = 1;
	b->n_fields = n;
	char **names = tt_xcalloc(n, sizeof *names);
	char **units = tt_xcalloc(n, sizeof *units);
	if (read_header(row, t->path, names, units, b->d) != TT_OK)
		b->broken = 1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], "lot") == 0) {
			b->lot_field = (long)i;
		} else if (strcmp(names[i], "time") == 0) {
			b->time_field = (long)i;
			t->time_unit = units[i];
		} else if (strcmp(names[i], "value") == 0) {
			b->value_field = (long)i;
			t->value_unit = units[i];
		}
	}
	static const char *const want[] = { "lot", "time", "value" };
	long have[3] = { b->lot_field, b->time_field, b->value_field };
	for (int k = 0; k < 3; k++) {
		if (have[k] < 0) {
			missing_column(b->d, t->path, row->line, want[k], names, n);
			b->broken = 1;
		}
	}
	for (size_t i = 0; i < n && !b->broken; i++) {
		if ((long)i == b->lot_field || (long)i == b->time_field ||
		    (long)i == b->value_field)
			continue;
		tt_diags_add(b->d, TT_SEV_WARNING, t->path, row->line, 0,
			     "column '%s' is ignored; a long-form table has the columns 'lot', "
			     "'time' and 'value'",
			     names[i]);
	}
	free(names);
	free(units);
	b->index = index_new();
	return 0;
}

static int series_row_fn(const tt_csv_row *row, void *ctx)
{
	series_builder *b = ctx;
	tt_series_table *t = b->t;
	if (!b->have_header)
		return series_header(b, row);
	if (b->broken || row->malformed ||
	    !data_row(row, b->n_fields, t->path, &b->data_rows, b->d))
		return 0;
	char *id = trim(row->fields[b->lot_field]);
	char *time = trim(row->fields[b->time_field]);
	char *value = trim(row->fields[b->value_field]);
	if (id[0] == '\0') {
		tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0, "empty lot id");
		return 0;
	}
	series_row sr = { 0, row->line, 0, 0, NAN, time };
	if (is_missing(time)) {
		tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0, "missing time for lot '%s'",
			     id);
		return 0;
	}
	if (tt_parse_double(time, &sr.time) != TT_OK) {
		tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0,
			     "time '%s' of lot '%s' is not a number", time, id);
		return 0;
	}
	if (is_missing(value)) {
		sr.missing = 1;
	} else if (tt_parse_double(value, &sr.value) != TT_OK) {
		tt_cell c;
		classify(&c, value, t->text);
		if (c.kind == TT_CELL_CENSORED)
			tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0,
				     "censored value '%s' of lot '%s' at time %s cannot be used "
				     "in a profile or stability analysis",
				     value, id, time);
		else
			tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0,
				     "value '%s' of lot '%s' at time %s is not a number", value, id,
				     time);
		return 0;
	}
	long k = index_find(b->index, b->ids, id);
	if (k < 0) {
		if (b->n_ids >= UINT32_MAX - 1) {
			tt_diags_add(b->d, TT_SEV_ERROR, t->path, row->line, 0, "too many lots");
			return 1;
		}
		b->ids = tt_xgrow(b->ids, &b->ids_cap, b->n_ids + 1, sizeof *b->ids);
		b->ids[b->n_ids] = id;
		index_add(b->index, b->ids, b->n_ids);
		k = (long)b->n_ids++;
	}
	sr.lot = (size_t)k;
	b->rows = tt_xgrow(b->rows, &b->rows_cap, b->n_rows + 1, sizeof *b->rows);
	b->rows[b->n_rows++] = sr;
	return 0;
}

static int series_cmp(const void *pa, const void *pb)
{
	const series_row *a = pa, *b = pb;
	if (a->lot != b->lot)
		return a->lot < b->lot ? -1 : 1;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

/* Sorts the rows, reports repeated (lot, time) pairs, and fills the table
 * with the rows that carry a value. */
static void series_finish(series_builder *b)
{
	tt_series_table *t = b->t;
	if (b->n_rows)
		qsort(b->rows, b->n_rows, sizeof *b->rows, series_cmp);
	for (size_t i = 1; i < b->n_rows; i++) {
		const series_row *p = &b->rows[i - 1], *r = &b->rows[i];
		if (p->lot == r->lot && p->time == r->time)
			tt_diags_add(b->d, TT_SEV_ERROR, t->path, r->line, 0,
				     "repeated time %s for lot '%s' (first at line %d)",
				     r->time_text, b->ids[r->lot], p->line);
	}
	size_t kept = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		kept += !b->rows[i].missing;
	t->n_missing = b->n_rows - kept;
	size_t m = kept ? kept : 1;
	t->lot = tt_xmalloc(m * sizeof *t->lot);
	t->time = tt_xmalloc(m * sizeof *t->time);
	t->value = tt_xmalloc(m * sizeof *t->value);
	t->line = tt_xmalloc(m * sizeof *t->line);
	t->lot_ids = tt_xmalloc((b->n_ids ? b->n_ids : 1) * sizeof *t->lot_ids);
	/* Sorted by lot position, so each lot's rows are together and the
	 * lots come in the order they first appeared. */
	size_t n = 0, last = SIZE_MAX;
	for (size_t i = 0; i < b->n_rows; i++) {
		const series_row *r = &b->rows[i];
		if (r->missing)
			continue;
		if (r->lot != last) {
			t->lot_ids[t->n_lots++] = b->ids[r->lot];
			last = r->lot;
		}
		t->lot[n] = b->ids[r->lot];
		t->time[n] = r->time;
		t->value[n] = r->value;
		t->line[n] = r->line;
		n++;
	}
	t->n = n;
}

static int series_from_buffer(tt_series_table **out, const char *path, char *buf, size_t len,
			      tt_diags *d)
{
	tt_series_table *t = tt_xcalloc(1, sizeof *t);
	t->path = tt_xstrdup(path);
	t->text = buf;
	int rc = tt_sha256(buf, len, t->sha256);
	if (rc) {
		tt_series_free(t);
		return rc;
	}
	size_t errors_before = d->errors;
	series_builder b = { 0 };
	b.t = t;
	b.d = d;
	b.lot_field = b.time_field = b.value_field = -1;
	rc = tt_csv_scan(buf, len, t->path, series_row_fn, &b, d);
	if (rc == TT_OK && !b.have_header)
		tt_diags_add(d, TT_SEV_ERROR, t->path, 0, 0,
			     "empty file; a long-form table needs the header 'lot,time,value'");
	else if (rc == TT_OK && !b.broken && b.data_rows == 0)
		tt_diags_add(d, TT_SEV_ERROR, t->path, t->header_line, 0, "no lots");
	if (rc == TT_OK && d->errors == errors_before)
		series_finish(&b);
	free(b.rows);
	free(b.ids);
	index_free(b.index);
	if (rc != TT_OK || d->errors > errors_before) {
		tt_series_free(t);
		return tt_error_set(TT_EINVAL, "'%s' is not a valid long-form table", path);
	}
	*out = t;
	return TT_OK;
}

int tt_series_load(tt_series_table **out, const char *path, tt_diags *d)
{
	*out = NULL;
	char *buf;
	size_t len;
	int rc = tt_csv_read(path, &buf, &len, d);
	if (rc)
		return rc;
	return series_from_buffer(out, path, buf, len, d);
}

int tt_series_parse(tt_series_table **out, const char *path, const char *bytes, size_t len,
		    tt_diags *d)
{
	*out = NULL;
	if (len > TT_CSV_MAX_BYTES)
		return too_large(path, len, d);
	char *buf = tt_xmalloc(len + 1);
	memcpy(buf, bytes, len);
	return series_from_buffer(out, path, buf, len, d);
}

void tt_series_free(tt_series_table *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->lot);
	free(t->time);
	free(t->value);
	free(t->line);
	free(t->lot_ids);
	free(t->text);
	free(t);
}
