/*
 * series_fixture.h - long-form (lot,time,value) tables built in memory, as
 * tt_series_load() would return them, for the profile and stability tests.
 */
#ifndef TT_TEST_SERIES_FIXTURE_H
#define TT_TEST_SERIES_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "tt/input/data.h"
#include "tt/base/util.h"

typedef struct row {
	const char *lot;
	double time;
	double value;
} row;

/* Rows in the order given, lot_ids in order of first appearance, row i on
 * line i + 2 (after the header). */
static inline tt_series_table *make_table(const char *path, const row *rows, size_t n)
{
	tt_series_table *t = tt_xcalloc(1, sizeof *t);
	t->path = tt_xstrdup(path);
	t->n = n;
	t->lot = tt_xcalloc(n, sizeof *t->lot);
	t->time = tt_xcalloc(n, sizeof *t->time);
	t->value = tt_xcalloc(n, sizeof *t->value);
	t->line = tt_xcalloc(n, sizeof *t->line);
	t->lot_ids = tt_xcalloc(n, sizeof *t->lot_ids);
	for (size_t i = 0; i < n; i++) {
		t->lot[i] = tt_xstrdup(rows[i].lot);
		t->time[i] = rows[i].time;
		t->value[i] = rows[i].value;
		t->line[i] = (int)i + 2;
		size_t l = 0;
		while (l < t->n_lots && strcmp(t->lot_ids[l], rows[i].lot) != 0)
			l++;
		if (l == t->n_lots)
			t->lot_ids[t->n_lots++] = tt_xstrdup(rows[i].lot);
	}
	return t;
}

/* A table of L lots observed at the same p times: values[l * p + j] is lot
 * l at times[j]; lots are named prefix1, prefix2, ... */
static inline tt_series_table *make_grid(const char *path, const char *prefix, size_t L,
					 const double *times, size_t p, const double *values)
{
	row *rows = tt_xcalloc(L * p, sizeof *rows);
	char **names = tt_xcalloc(L, sizeof *names);
	for (size_t l = 0; l < L; l++) {
		names[l] = tt_xasprintf("%s%zu", prefix, l + 1);
		for (size_t j = 0; j < p; j++)
			rows[l * p + j] = (row){ names[l], times[j], values[l * p + j] };
	}
	tt_series_table *t = make_table(path, rows, L * p);
	for (size_t l = 0; l < L; l++)
		free(names[l]);
	free(names);
	free(rows);
	return t;
}

static inline void free_table(tt_series_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lot[i]);
	for (size_t i = 0; i < t->n_lots; i++)
		free(t->lot_ids[i]);
	free(t->lot);
	free(t->time);
	free(t->value);
	free(t->line);
	free(t->lot_ids);
	free(t->path);
	free(t);
}

#endif
