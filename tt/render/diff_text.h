/*
 * diff_text.h - the words of a gap analysis that the Markdown and HTML
 * renderers share, so that the two tables always carry the same content.
 * Everything is appended unescaped: the caller escapes it for its format.
 */
#ifndef TT_DIFF_TEXT_H
#define TT_DIFF_TEXT_H

#include "tt/base/util.h"
#include "tt/diff/diff.h"

/* The columns of the table of differences, after the row number. */
enum { TT_DIFF_N_CELLS = 11 };

/* The column titles, in table order. */
extern const char *const tt_diff_cell_titles[TT_DIFF_N_CELLS];

/* The cells of one entry's row, in table order; cells are initialised
 * buffers that this appends to. */
void tt_diff_entry_cells(const tt_diff_entry *e, tt_buf cells[TT_DIFF_N_CELLS]);

/* "3 differences: 1 high risk, 1 medium, 0 low, 1 without risk (site).", or
 * the sentence for no differences. */
void tt_diff_summary_text(tt_buf *b, const tt_diff *d);

/* heading_level held to 1..5, so that the subsections (one level below)
 * are still headings. */
int tt_diff_heading_level(int level);

#endif
