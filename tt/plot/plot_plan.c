/*
 * plot_plan.c - the operating characteristic figures of a plan (see
 * plot.h): two line charts per planned comparison, drawn with the generic
 * line chart of plot.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt/base/util.h"
#include "tt/plan/plan.h"
#include "tt/plot/plot.h"

char *tt_plot_plan_file_name(const tt_plan_result *r, size_t index, bool by_difference)
{
	if (index >= r->n_comparisons || !r->comparisons[index].planned)
		return NULL;
	tt_buf b = TT_BUF_INIT;
	tt_buf_printf(&b, "oc-%02zu-", index + 1);
	for (const char *p = r->comparisons[index].attribute; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		tt_buf_putc(&b, (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
	}
	tt_buf_puts(&b, by_difference ? "-difference.svg" : "-lots.svg");
	return tt_buf_detach(&b);
}

int tt_plot_plan(const tt_plan_result *r, const char *plots_dir, const tt_plot_options *opt)
{
	size_t planned = 0;
	for (size_t i = 0; i < r->n_comparisons; i++)
		planned += r->comparisons[i].planned;
	if (planned == 0)
		return 0;
	/* Per planned comparison: two charts, a series by lot count and one
	 * per sd ratio, their x and y arrays, and four strings. */
	size_t n = 2 * planned;
	tt_plot_line_chart *charts = tt_xcalloc(n, sizeof *charts);
	tt_plot_series *series = tt_xcalloc((1 + TT_PLAN_N_SD_RATIOS) * planned, sizeof *series);
	double **arrays = tt_xcalloc((2 + TT_PLAN_N_SD_RATIOS) * planned, sizeof *arrays);
	char **strings = tt_xcalloc(4 * planned, sizeof *strings);
	char ratio_label[TT_PLAN_N_SD_RATIOS][32];
	for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++)
		snprintf(ratio_label[j], sizeof ratio_label[j], "sd ratio %g",
			 tt_plan_sd_ratios[j]);
	size_t c = 0, s = 0, a = 0, t = 0;
	for (size_t i = 0; i < r->n_comparisons; i++) {
		const tt_plan_comparison *pc = &r->comparisons[i];
		if (!pc->planned)
			continue;
		tt_buf sub = TT_BUF_INIT;
		tt_plan_rule_words(&sub, &pc->rule);
		char *subtitle = tt_buf_detach(&sub);
		strings[t++] = subtitle;

		/* By lot count. */
		double *x = tt_xcalloc(pc->n_by_lots, sizeof *x);
		double *y = tt_xcalloc(pc->n_by_lots, sizeof *y);
		for (size_t k = 0; k < pc->n_by_lots; k++) {
			x[k] = (double)pc->lots[k];
			y[k] = pc->by_lots[k].p;
		}
		arrays[a++] = x;
		arrays[a++] = y;
		series[s] = (tt_plot_series){ "receiving equals source", pc->n_by_lots, x, y };
		char *title = tt_xasprintf("%s (%s): pass probability by lot count", pc->attribute,
					   tt_approach_label(pc->approach));
		strings[t++] = title;
		tt_plot_line_chart *ch = &charts[c++];
		ch->file_name = strings[t++] = tt_plot_plan_file_name(r, i, false);
		ch->title = title;
		ch->subtitle = subtitle;
		ch->x_label = "lots per site (equal counts)";
		ch->y_label = "probability of passing";
		ch->series = &series[s++];
		ch->n_series = 1;
		ch->has_y_range = true;
		ch->y_min = 0.0;
		ch->y_max = 1.0;
		ch->has_reference = true;
		ch->reference_y = 0.8;
		ch->reference_label = "80%";

		/* By true difference, at each sd ratio. */
		tt_plot_line_chart *cd = &charts[c++];
		cd->series = &series[s];
		cd->n_series = TT_PLAN_N_SD_RATIOS;
		for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++) {
			y = tt_xcalloc(pc->n_by_difference, sizeof *y);
			for (size_t k = 0; k < pc->n_by_difference; k++)
				y[k] = pc->by_difference[j][k].p;
			arrays[a++] = y;
			series[s++] = (tt_plot_series){ ratio_label[j], pc->n_by_difference,
							pc->differences, y };
		}
		title = tt_xasprintf(
			"%s (%s): pass probability by true difference, %zu vs %zu lots",
			pc->attribute, tt_approach_label(pc->approach), pc->n_source,
			pc->n_receiving);
		strings[t++] = title;
		cd->file_name = tt_plot_plan_file_name(r, i, true);
		cd->title = title;
		cd->subtitle = subtitle;
		cd->x_label = "true difference, receiving - source (source sds)";
		cd->y_label = "probability of passing";
		cd->has_y_range = true;
		cd->y_min = 0.0;
		cd->y_max = 1.0;
		cd->has_reference = true;
		cd->reference_y = 0.05;
		cd->reference_label = "5%";
	}
	int rc = tt_plot_run_oc_curves(charts, n, plots_dir, opt);
	for (size_t k = 0; k < c; k++)
		if (k % 2 == 1)
			free((char *)charts[k].file_name);
	for (size_t k = 0; k < t; k++)
		free(strings[k]);
	for (size_t k = 0; k < a; k++)
		free(arrays[k]);
	free(strings);
	free(arrays);
	free(series);
	free(charts);
	return rc;
}
