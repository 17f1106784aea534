/*
 * report_text.h - the words and formatted statistics that the Markdown and
 * HTML reports share, so the two always carry the same content.
 */
#ifndef TT_REPORT_TEXT_H
#define TT_REPORT_TEXT_H

#include <stddef.h>

#include "tt/engine/results.h"
#include "tt/base/util.h"

const char *tt_approach_label(tt_approach a); /* "equivalence (TOST)" */

/* What decided the verdict, in one sentence for people: the comparisons
 * that failed or were inconclusive and the receiving lots out of
 * specification ("Failed: vcn, potency. Out of specification: JP-004
 * (vcn)."); empty for a comparable run.  Appends plain text (the caller
 * escapes it). */
void tt_report_verdict_detail(tt_buf *out, const tt_run *run);

/* The study's design in words: "paired (split source); alpha = 0.05 for
 * each one-sided test; seed 7".  Appends plain text without characters
 * that Markdown or HTML would need escaped. */
void tt_report_design(tt_buf *out, const tt_run *run);

/* One row of a comparison's statistics table. */
typedef struct tt_report_stat_row {
	char label[64];
	char value[96];
} tt_report_stat_row;

/* Fills up to max rows with the statistics of one comparison, formatted
 * for people (4 significant digits, p-values 3); returns the count. */
size_t tt_report_stat_rows(const tt_comparison_result *r, tt_report_stat_row *rows, size_t max);

#endif
