/*
 * data_stub.c - TEMPORARY: placeholders for tt/data.h so that this branch
 * links before data.c lands.  Delete this file when data.c is merged.
 *
 * The loaders return empty tables and check nothing.
 */
#include "tt/data.h"

#include <stdlib.h>

#include "tt/util.h"

int tt_lots_load(tt_lots **out, const char *path, tt_diags *d)
{
	(void)d;
	*out = tt_xcalloc(1, sizeof **out);
	(*out)->path = tt_xstrdup(path);
	return TT_OK;
}

void tt_lots_free(tt_lots *lots)
{
	if (!lots)
		return;
	free(lots->path);
	free(lots);
}

const tt_column *tt_lots_column(const tt_lots *lots, const char *name)
{
	(void)lots;
	(void)name;
	return NULL;
}

long tt_lots_find(const tt_lots *lots, const char *lot)
{
	(void)lots;
	(void)lot;
	return -1;
}

int tt_lots_check(const tt_lots *lots, const tt_study *study, const tt_spec *spec,
		  const char *site, tt_diags *d)
{
	(void)lots;
	(void)study;
	(void)spec;
	(void)site;
	(void)d;
	return TT_OK;
}

int tt_series_load(tt_series_table **out, const char *path, tt_diags *d)
{
	(void)d;
	*out = tt_xcalloc(1, sizeof **out);
	(*out)->path = tt_xstrdup(path);
	return TT_OK;
}

void tt_series_free(tt_series_table *t)
{
	if (!t)
		return;
	free(t->path);
	free(t);
}
