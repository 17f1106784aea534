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
 * plots_dir and inlined (NULL: no figures).  Fails only when a figure
 * cannot be read. */
int tt_report_html(tt_buf *out, const tt_run *run, const char *plots_dir);

/* The style sheet of report.html, for other pages of a report folder
 * (the signature page) to look like it. */
extern const char tt_report_html_css[];

/* Inlines the SVG figure plots_dir/name into b (everything from "<svg" on,
 * inside <div class="fig">).  Fails when the file cannot be read or is not
 * an SVG file. */
int tt_html_inline_svg(tt_buf *b, const char *plots_dir, const char *name);

#endif
