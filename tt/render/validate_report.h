/*
 * validate_report.h - the qualification report over one tt_validation
 * (validate.h): validation.json for machines and validation.html for
 * people.
 */
#ifndef TT_VALIDATE_REPORT_H
#define TT_VALIDATE_REPORT_H

#include "tt/base/util.h"
#include "tt/validate/validate.h"

/* validation.json: environment, summary per group and every check. */
void tt_validate_json(tt_buf *out, const tt_validation *v);

/* validation.html: one self-contained file (inline CSS, A4 print) with the
 * environment, the summary, every check and a sign-off block. */
void tt_validate_html(tt_buf *out, const tt_validation *v, const char *record);

#endif
