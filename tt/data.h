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

#include "tt/error.h"
#include "tt/study.h"

#define TT_DATA_MAX_LOTS 1000000
#define TT_DATA_MAX_COLUMNS 1000

typedef enum {
	TT_CELL_MISSING = 0,
	TT_CELL_NUMBER,
	TT_CELL_CENSORED, /* '<' or '>' followed by a number */
	TT_CELL_TEXT,
} tt_cell_kind;

typedef struct tt_cell {
	tt_cell_kind kind;
	char censor; /* '<' or '>' for TT_CELL_CENSORED, else 0 */
	double value; /* NUMBER and CENSORED */
	char *text;   /* the cell as written (NULL for an empty cell) */
} tt_cell;

typedef struct tt_column {
	char *name; /* the header without its unit */
	char *unit; /* from "name [unit]", NULL if none */
	int index;  /* 0-based position in the file, for messages */
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
} tt_lots;

/* Loads a lot table; structural problems (no lot column, duplicate lot ids,
 * ragged rows, duplicate columns, a header only, a bad date) go to d. */
int tt_lots_load(tt_lots **out, const char *path, tt_diags *d);
void tt_lots_free(tt_lots *lots);

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
 * "receiving", for messages. */
int tt_lots_check(const tt_lots *lots, const tt_study *study, const tt_spec *spec,
		  const char *site, tt_diags *d);

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
} tt_series_table;

int tt_series_load(tt_series_table **out, const char *path, tt_diags *d);
void tt_series_free(tt_series_table *t);

#endif
