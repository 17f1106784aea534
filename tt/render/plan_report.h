/*
 * plan_report.h - a plan in words and numbers: plan.json, plan.md and
 * plan.html over one tt_plan_result, and the grid of `tt plan` without a
 * study (plan.h) as text, Markdown or JSON.
 *
 * The renderers compute nothing: every number and decision is in the
 * tt_plan_result or tt_plan_grid.
 */
#ifndef TT_PLAN_REPORT_H
#define TT_PLAN_REPORT_H

#include "tt/base/util.h"
#include "tt/plan/plan.h"

/* plan.json: the CONTRACT's fields and more (see plan_report.c). */
void tt_plan_render_json(tt_buf *out, const tt_plan_result *r);
/* plan.md; plots_rel the folder the figures are linked from, or NULL. */
void tt_plan_render_md(tt_buf *out, const tt_plan_result *r, const char *plots_rel);
/* plan.html, self-contained; the figures are read from plots_dir and
 * inlined (NULL: none).  Fails only when a figure cannot be read. */
int tt_plan_render_html(tt_buf *out, const tt_plan_result *r, const char *plots_dir,
			const char *record);

/* The grid as an aligned text table, a Markdown table, or JSON. */
void tt_plan_grid_render_text(tt_buf *out, const tt_plan_grid *g, const char *title);
void tt_plan_grid_render_md(tt_buf *out, const tt_plan_grid *g, const char *title);
void tt_plan_grid_render_json(tt_buf *out, const tt_plan_grid *g, const tt_plan_rule *rule,
			      const tt_plan_truth *truth, const tt_plan_options *opt);

#endif
