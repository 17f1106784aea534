/*
 * report.h - the report renderers, one per format, over one tt_run.
 *
 * Renderers compute nothing: every number and sentence comes from the
 * tt_run.  JSON and Markdown are deterministic: the same run gives the same
 * bytes (the generation time honours SOURCE_DATE_EPOCH).
 */
#ifndef TT_REPORT_H
#define TT_REPORT_H

#include "tt/engine/results.h"
#include "tt/base/util.h"

/* report.json per CONTRACT.md. */
void tt_report_json(tt_buf *out, const tt_run *run);

/* report.md for people.  plots_rel is the folder the figures are linked
 * from (relative to the report, "plots"), or NULL when there are none. */
void tt_report_md(tt_buf *out, const tt_run *run, const char *plots_rel);

/* report.html: one self-contained file; the SVG figures are read from
 * plots_dir and inlined (NULL: no figures).  record is the record's
 * identity, the SHA-256 of report.json in hex (the folder writer computes
 * it), printed near the top and on every printed page.  Fails only when a
 * figure cannot be read. */
int tt_report_html(tt_buf *out, const tt_run *run, const char *plots_dir, const char *record);

/* How many hex digits of a record's identity the HTML reports print. */
#define TT_REPORT_RECORD_DIGITS 16

/* CSS for an HTML report whose record has the identity record (64 hex
 * digits): the look of tt_html_record_line(), and page-margin boxes that
 * print "Page N of M" and "Record identity" with the first
 * TT_REPORT_RECORD_DIGITS digits at the foot of every printed page.
 * (Chromium prints page-margin boxes; a browser that does not prints the
 * line at the top of the first page.) */
void tt_html_record_css(tt_buf *b, const char *record);

/* The line near the top of an HTML report that gives its record's
 * identity, the first TT_REPORT_RECORD_DIGITS hex digits of the SHA-256 of
 * file ("report.json"). */
void tt_html_record_line(tt_buf *b, const char *record, const char *file);

/* The style sheet of report.html, for other pages of a report folder
 * (the signature page) to look like it. */
extern const char tt_report_html_css[];

/* Inlines the SVG figure plots_dir/name into b (everything from "<svg" on,
 * inside <div class="fig">).  Fails when the file cannot be read or is not
 * an SVG file. */
int tt_html_inline_svg(tt_buf *b, const char *plots_dir, const char *name);

#endif
