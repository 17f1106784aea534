/*
 * escape.h - user text made safe for the output formats that give
 * characters a meaning: HTML and Markdown.
 *
 * Every renderer puts a string that came from a user's file (an id, a name,
 * a note) through these, so that no input can add markup to a report.  The
 * escapers sit below the renderers and know nothing of any report.  JSON
 * strings are escaped by the JSON writer (json.h), gnuplot strings by the
 * plot module.
 */
#ifndef TT_ESCAPE_H
#define TT_ESCAPE_H

#include "tt/base/util.h"

/* Appends s with the five HTML special characters escaped, and any
 * invalid UTF-8 or control character replaced. */
void tt_html_escape(tt_buf *out, const char *s);

/* Appends s escaped for a Markdown table cell or paragraph: the characters
 * Markdown gives meaning (\ ` * _ [ ] < > | # ! { }) are
 * backslash-escaped, line breaks become spaces. */
void tt_md_escape(tt_buf *out, const char *s);

/* Appends s for a terminal line: every control character (C0 with tab and
 * newline, DEL, C1) and every byte of invalid UTF-8 becomes \xNN, so that
 * no text can move the cursor, change colours or end the line. */
void tt_term_escape(tt_buf *out, const char *s);

#endif
