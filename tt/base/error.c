/*
 * error.c - the per-thread last error and the diagnostics list.
 */
#include "tt/base/error.h"

#include <stdlib.h>
#include <string.h>

#include "tt/base/mem.h"

static _Thread_local char last_message[1024];
static _Thread_local int last_code;

int tt_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof last_message, fmt, ap);
	va_end(ap);
	last_code = code;
	return code;
}

const char *tt_error_last(void)
{
	return last_message;
}

int tt_error_last_code(void)
{
	return last_code;
}

void tt_error_clear(void)
{
	last_message[0] = '\0';
	last_code = TT_OK;
}

int tt_error_exit_status(int code)
{
	switch (code) {
	case TT_OK:
		return TT_EXIT_OK;
	case TT_EINVAL:
	case TT_EDOMAIN:
		return TT_EXIT_USAGE;
	default:
		return TT_EXIT_ENV;
	}
}

void tt_diags_init(tt_diags *d)
{
	memset(d, 0, sizeof *d);
}

void tt_diags_free(tt_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

void tt_diags_vadd(tt_diags *d, tt_severity sev, const char *file, int line, int col,
		   const char *fmt, va_list ap)
{
	if (d->count == d->capacity) {
		d->capacity = d->capacity ? 2 * d->capacity : 16;
		d->items = tt_xrealloc(d->items, d->capacity * sizeof *d->items);
	}
	tt_diag *item = &d->items[d->count++];
	item->severity = sev;
	item->file = file ? tt_xstrdup(file) : NULL;
	item->line = line;
	item->col = col;
	item->message = tt_xvasprintf(fmt, ap);
	if (sev == TT_SEV_ERROR)
		d->errors++;
	else if (sev == TT_SEV_WARNING)
		d->warnings++;
}

void tt_diags_add(tt_diags *d, tt_severity sev, const char *file, int line, int col,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_diags_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void tt_diags_error(tt_diags *d, tt_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_diags_vadd(d, TT_SEV_ERROR, loc.file, loc.line, loc.col, fmt, ap);
	va_end(ap);
}

void tt_diags_warning(tt_diags *d, tt_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_diags_vadd(d, TT_SEV_WARNING, loc.file, loc.line, loc.col, fmt, ap);
	va_end(ap);
}

static const char *severity_name(tt_severity sev)
{
	switch (sev) {
	case TT_SEV_ERROR:
		return "error";
	case TT_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

char *tt_diag_format(const tt_diag *item)
{
	const char *sev = severity_name(item->severity);
	if (!item->file)
		return tt_xasprintf("%s: %s", sev, item->message);
	if (item->line <= 0)
		return tt_xasprintf("%s: %s: %s", item->file, sev, item->message);
	if (item->col <= 0)
		return tt_xasprintf("%s:%d: %s: %s", item->file, item->line, sev, item->message);
	return tt_xasprintf("%s:%d:%d: %s: %s", item->file, item->line, item->col, sev,
			    item->message);
}

void tt_diags_print(const tt_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = tt_diag_format(&d->items[i]);
		fprintf(out, "%s\n", s);
		free(s);
	}
}

static int diag_cmp(const tt_diag *a, const tt_diag *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void tt_diags_sort(tt_diags *d)
{
	/* A bottom-up merge sort: stable, as qsort() is not, and n log n even
	 * for the hundreds of thousands of diagnostics a file can produce
	 * (each alias to a faulty node repeats its errors, at the anchor's
	 * place, between the others). */
	size_t n = d->count;
	if (n < 2)
		return;
	tt_diag *a = d->items;
	tt_diag *b = tt_xmalloc(n * sizeof *b);
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				b[k++] = diag_cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				b[k++] = a[i++];
			while (j < hi)
				b[k++] = a[j++];
		}
		tt_diag *t = a;
		a = b;
		b = t;
	}
	if (a != d->items) {
		memcpy(d->items, a, n * sizeof *a);
		b = a;
	}
	free(b);
}
