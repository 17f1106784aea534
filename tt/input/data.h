/*
 * data.h - lot tables and long-form (lot,time,value) tables, typed.
 *
 * A lot table has a `lot` column (unique ids), optional `date` (ISO 8601),
 * `pair` and `tested_at`, then one column per attribute id; a header may
 * carry a unit, `viability [%]`.  Each cell is classified once on load:
 * missing (empty or NA), a number (strict, dot decimal, scientific allowed),
 * a censored result (`<0.5`, `>1e6`), or text.
 *
 * Checking the table against a study (which columns are needed, units
 * against the spec, numbers where a comparison needs them) is done by
 * tt_lots_check(), so that all problems are reported at once.
 */
#ifndef TT_DATA_H
#define TT_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "tt/base/error.h"
#include "tt/input/study.h"

#define TT_DATA_MAX_LOTS 1000000
#define TT_DATA_MAX_COLUMNS 1000

typedef enum {
	TT_CELL_MISSING = 0,
	TT_CELL_NUMBER,
	TT_CELL_CENSORED, /* '<' or '>' followed by a number */
	TT_CELL_TEXT,
} tt_cell_kind;

/* A cell takes 16 bytes: a table of 100,000 lots by 50 attributes holds
 * five million of them, and the cells, not the file's text, then decide
 * the memory a loaded table needs.  So the cell keeps its text as an
 * offset into the table's storage instead of a pointer; read it with
 * tt_cell_text(). */
typedef struct tt_cell {
	double value;  /* NUMBER and CENSORED, else NaN */
	uint32_t text; /* private to data.c: see tt_cell_text() */
	uint8_t kind;  /* a tt_cell_kind */
	char censor;   /* '<' or '>' for TT_CELL_CENSORED, else 0 */
} tt_cell;

typedef struct tt_column {
	char *name;     /* the header without its unit */
	char *unit;     /* from "name [unit]", NULL if none */
	int index;      /* 0-based position in the file, for messages */
	tt_cell *cells; /* n_lots cells */
} tt_column;

typedef struct tt_lots {
	char *path;
	unsigned char sha256[32];
	size_t n_lots;
	char **lot;       /* ids */
	int *line;        /* each lot's line in the file */
	char **date;      /* NULL entries when absent; the array NULL without a date column */
	char **pair;      /* likewise */
	char **tested_at; /* likewise */
	size_t n_columns; /* attribute columns (lot, date, pair, tested_at excluded) */
	tt_column *columns;
	int header_line;

	/* Storage, private to data.c.  Every string above points into text
	 * (the file's bytes, parsed in place); every column's cells into
	 * cells; index finds a lot id's row. */
	char *text;
	tt_cell *cells;
	struct tt_lots_index *index;
} tt_lots;

/* Loads a lot table; structural problems (no lot column, duplicate lot ids,
 * ragged rows, duplicate columns, a header only, a bad date) go to d.
 * Returns 0, or TT_EINVAL/TT_EIO with every problem in d and *out NULL.
 *
 * Details: header names are trimmed of spaces and tabs and "name [unit]" is
 * split; `lot`, `date`, `pair` and `tested_at` are the reserved names (case
 * matters).  Cells are trimmed the same way before they are classified.
 * Rows whose cells are all empty (a spreadsheet's trailing ",,,") are
 * skipped like blank lines.  A `date` is ISO 8601: YYYY-MM-DD, optionally
 * followed by 'T' or a space and hh:mm[:ss[.fff]] with an optional 'Z' or
 * +hh:mm; an empty or NA date is absent.  The whole table costs about its
 * file size plus sizeof(tt_cell) (16 bytes) per cell. */
int tt_lots_load(tt_lots **out, const char *path, tt_diags *d);
/* The same from bytes in memory (copied); path is used for locations. */
int tt_lots_parse(tt_lots **out, const char *path, const char *bytes, size_t len, tt_diags *d);
void tt_lots_free(tt_lots *lots);

/* The cell as written, trimmed of spaces and tabs ("NA" for an NA cell),
 * or NULL for an empty cell.  The text lives as long as lots. */
const char *tt_cell_text(const tt_lots *lots, const tt_cell *c);

const tt_column *tt_lots_column(const tt_lots *lots, const char *name);
/* The row of a lot id, or -1. */
long tt_lots_find(const tt_lots *lots, const char *lot);

/* Checks a site's lot table against the study and that site's spec:
 * every attribute compared by a lot-level approach has a column (error),
 * header units match the spec's (error), values of compared continuous
 * attributes are numbers (a censored value is an error there, text too;
 * ln scale: non-positive values are errors), unknown columns (warning),
 * attributes with a spec but no column (warning: conformance not checked),
 * and, for the paired design, a `pair` column.  `site` is "source" or
 * "receiving", for messages.
 *
 * Details: conformance checks every lot of both sites against its own
 * site's spec, so the values of an attribute with a spec are read even
 * when it is not compared (numbers, censored ones allowed).  Lots the
 * study excludes are not read: their values are reported as written, and
 * one that is not a number fails a continuous spec.  In the paired design
 * a pair id repeated within the table is an error and a lot without one a
 * warning.  Returns 0, or TT_EINVAL when it added an error to d. */
int tt_lots_check(const tt_lots *lots, const tt_study *study, const tt_spec *spec, const char *site,
		  tt_diags *d);

/* Checks what needs both tables: a lot the study excludes that is in
 * neither table gets a warning at the exclusion.  Either table may be NULL
 * (not loaded), and then nothing is said about that lot. */
void tt_lots_check_exclusions(const tt_study *study, const tt_lots *source,
			      const tt_lots *receiving, tt_diags *d);

/* A long-form table: lot,time,value.  Rows sorted by lot (in order of first
 * appearance) then time; a repeated (lot, time) pair, a non-numeric time or
 * value, or a missing column are errors.  Missing values (empty, NA) are
 * dropped and counted in n_missing. */
typedef struct tt_series_table {
	char *path;
	unsigned char sha256[32];
	size_t n; /* rows kept */
	char **lot;
	double *time;
	double *value;
	int *line;
	size_t n_missing;
	size_t n_lots;
	char **lot_ids; /* distinct lots, in order of first appearance */

	/* Units written in the header ("time [h]"), NULL when none. */
	char *time_unit;
	char *value_unit;
	int header_line;

	/* Storage, private to data.c: the strings point into text. */
	char *text;
} tt_series_table;

/* Loads a long-form table.  The header names `lot`, `time` and `value` in
 * any order (each may carry a unit); another column is ignored with a
 * warning.  lot_ids lists the lots that kept at least one row; a lot whose
 * every value is missing counts only in n_missing.  Returns 0, or
 * TT_EINVAL/TT_EIO with every problem in d and *out NULL. */
int tt_series_load(tt_series_table **out, const char *path, tt_diags *d);
/* The same from bytes in memory (copied); path is used for locations. */
int tt_series_parse(tt_series_table **out, const char *path, const char *bytes, size_t len,
		    tt_diags *d);
void tt_series_free(tt_series_table *t);

#endif
