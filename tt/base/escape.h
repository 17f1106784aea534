/*
 * escape.h - user text made safe for the output formats that give
 * characters a meaning: HTML, Markdown and the terminal.
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

/* Appends s as a terminal may show it: control characters (C0, DEL, C1),
 * which could move the cursor or change colours, and bytes that are not
 * valid UTF-8 as \xNN, and a backslash as \\, so that what is shown
 * names s alone and unambiguously; the rest is copied. */
void tt_term_escape(tt_buf *out, const char *s);

#endif
