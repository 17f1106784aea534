/*
 * report_text.h - the words and formatted statistics that the Markdown and
 * HTML reports share, so the two always carry the same content.
 */
#ifndef TT_REPORT_TEXT_H
#define TT_REPORT_TEXT_H

#include <stddef.h>

#include "tt/engine/results.h"
#include "tt/base/util.h"

/* What decided the verdict, for people: the comparisons that failed or
 * were inconclusive and the receiving lots out of specification ("Failed:
 * vcn, potency. Out of specification: JP-004 (vcn)."), then every lot out
 * of its specification that does not decide it ("Not deciding the
 * verdict: excluded source lot SH-007 (deviation DV-113) is out of
 * specification for viability (68.2 %, spec >= 70 %)."); empty when there
 * is nothing to say.  Appends plain text (the caller escapes it). */
void tt_report_verdict_detail(tt_buf *out, const tt_run *run);

/* The conformance of the lots in a sentence or two for the summary: how
 * many receiving lots the study includes are out of specification, and
 * which excluded lots and source lots are ("No receiving lot that the
 * study includes is out of specification (8 checked). Out of
 * specification, without deciding the verdict: SH-007 (excluded source
 * lot: viability)."), never that every lot met its specification when one
 * did not.  Appends plain text (the caller escapes it). */
void tt_report_conformance_summary(tt_buf *out, const tt_run *run);

/* An excluded lot's values for people: "viability 87.4 %, sterility
 * negative, potency missing"; "none" without any.  Plain text. */
void tt_report_excluded_values(tt_buf *out, const tt_excluded_lot *x);

/* An excluded lot's conformance to its site's specification for people:
 * "out of specification: viability (68.2 %, spec >= 70 %)", "within the
 * source specification", with the attributes not tested; "in neither lot
 * table" when it was not found.  Plain text. */
void tt_report_excluded_conformance(tt_buf *out, const tt_excluded_lot *x);

/* The study's design in words: "paired (split source); alpha = 0.05 for
 * each one-sided test; seed 7".  Appends plain text without characters
 * that Markdown or HTML would need escaped. */
void tt_report_design(tt_buf *out, const tt_run *run);

/* One row of the table of a lot-level comparison's two sites. */
typedef struct tt_report_site_row {
	const char *label;
	char value[2][40]; /* source, receiving */
} tt_report_site_row;

#define TT_REPORT_SITE_ROWS 9

/* Fills rows with the table of the two sites: lots used, missing values,
 * mean, sd, min, median and max, and on the log scale the geometric mean
 * and the sd of the ln values (4 significant digits); returns the count. */
size_t tt_report_site_rows(const tt_comparison_result *r,
			   tt_report_site_row rows[TT_REPORT_SITE_ROWS]);

/* One row of a comparison's statistics table. */
typedef struct tt_report_stat_row {
	char label[64];
	char value[96];
} tt_report_stat_row;

/* Fills up to max rows with the statistics of one comparison, formatted
 * for people (4 significant digits, p-values 3); returns the count. */
size_t tt_report_stat_rows(const tt_comparison_result *r, tt_report_stat_row *rows, size_t max);

/* The escaper of the format being written (tt_md_escape, tt_html_escape). */
typedef void (*tt_report_escape_fn)(tt_buf *out, const char *s);

/* Whether and when the acceptance criteria were locked, in words: "locked
 * before the data (tt lock, T, by U)" only when run->locked_before_data is
 * 1; otherwise the lock after which data files existed and which, or that
 * it is not known, or "not locked".  Text from files goes through esc. */
void tt_report_lock_sentence(tt_buf *out, const tt_run *run, tt_report_escape_fn esc);

/* One row of the lock history table: entry i of run->lock. */
typedef struct tt_report_lock_row {
	const char *locked_at, *user, *reason; /* from the lock: escape them */
	const char *criteria;                  /* first lock, changed, unchanged, not recorded */
} tt_report_lock_row;

void tt_report_lock_row_of(tt_report_lock_row *row, const tt_run *run, size_t i);

/* The data files of lock entry i in words: "all absent", "present:
 * data/a.csv (source lots); absent: ...", "none named", or "not recorded"
 * for a lock of an earlier tt.  Paths go through esc. */
void tt_report_lock_data(tt_buf *out, const tt_run *run, size_t i, tt_report_escape_fn esc);

/* Whether excluded lot i (study->exclude[i]) was excluded at the first
 * lock: "yes", "no", "not locked" or "not recorded" (a lock of an earlier
 * tt). */
const char *tt_report_at_first_lock(const tt_run *run, size_t i);

#endif
