/*
 * diff_render.h - the process gap analysis (diff.h) as JSON, Markdown and
 * HTML, one renderer per format: tt diff prints the JSON or the Markdown,
 * and the run report opens with the gap analysis in each of its formats.
 *
 * The renderers compute nothing: entries, risks and values in words come
 * from the tt_diff; the renderers escape and lay them out.
 */
#ifndef TT_DIFF_RENDER_H
#define TT_DIFF_RENDER_H

#include "tt/base/json.h"
#include "tt/base/util.h"
#include "tt/diff/diff.h"

/* The JSON document of tt diff --format json, pretty-printed, without a
 * final newline: {"source", "receiving", "differences": [...],
 * "affected_attributes": [{"attribute", "risk", "differences"}], "rule"}. */
void tt_diff_json(tt_buf *out, const tt_diff *d);

/* The same object written as a value into a JSON writer already open (for
 * the run report). */
void tt_diff_json_write(tt_json *j, const tt_diff *d);

/* The gap analysis in Markdown: a heading of `heading_level` (1 to 5) and
 * its subsections one level below, so that it stands alone (tt diff) or
 * opens the run report. */
void tt_diff_md(tt_buf *out, const tt_diff *d, int heading_level);

/* The same as an HTML fragment (<section> with <hN> headings), for the run
 * report. */
void tt_diff_html(tt_buf *out, const tt_diff *d, int heading_level);

#endif
