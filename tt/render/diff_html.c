/*
 * diff_html.c - the gap analysis as an HTML fragment, the first section of
 * report.html (whose style sheet colours the rows by risk).
 */
#include "tt/render/diff_render.h"

#include "tt/base/escape.h"
#include "tt/render/diff_text.h"

void tt_diff_html(tt_buf *out, const tt_diff *d, int heading_level)
{
	int h = tt_diff_heading_level(heading_level);
	tt_buf t = TT_BUF_INIT;
	tt_buf_puts(out, "<section class=\"gap-analysis\">\n");
	tt_buf_printf(out, "<h%d>Process differences: ", h);
	tt_html_escape(out, d->source_id);
	tt_buf_puts(out, " to ");
	tt_html_escape(out, d->receiving_id);
	tt_buf_printf(out, "</h%d>\n<p>", h);
	tt_diff_summary_text(&t, d);
	tt_html_escape(out, t.data);
	tt_buf_puts(out, "</p>\n");
	if (d->n_entries) {
		tt_buf_puts(out, "<table>\n<thead><tr><th>#</th>");
		for (int k = 0; k < TT_DIFF_N_CELLS; k++)
			tt_buf_printf(out, "<th>%s</th>", tt_diff_cell_titles[k]);
		tt_buf_puts(out, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < d->n_entries; i++) {
			const tt_diff_entry *e = &d->entries[i];
			tt_buf cells[TT_DIFF_N_CELLS];
			for (int k = 0; k < TT_DIFF_N_CELLS; k++)
				tt_buf_init(&cells[k]);
			tt_diff_entry_cells(e, cells);
			tt_buf_printf(out, "<tr class=\"risk-%s\"><td>%zu</td>",
				      tt_risk_name(e->risk), i + 1);
			for (int k = 0; k < TT_DIFF_N_CELLS; k++) {
				tt_buf_puts(out, "<td>");
				tt_html_escape(out, cells[k].data ? cells[k].data : "");
				tt_buf_puts(out, "</td>");
				tt_buf_free(&cells[k]);
			}
			tt_buf_puts(out, "</tr>\n");
		}
		tt_buf_puts(out, "</tbody>\n</table>\n");
	}
	tt_buf_printf(out, "<h%d>Attributes the differences can move</h%d>\n", h + 1, h + 1);
	if (!d->n_affected) {
		tt_buf_puts(out, "<p>None: no difference affects an attribute.</p>\n");
	} else {
		tt_buf_puts(out, "<table>\n<thead><tr><th>Attribute</th><th>Highest risk</th>"
				 "<th>Differences</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < d->n_affected; i++) {
			tt_buf_printf(out, "<tr class=\"risk-%s\"><td>",
				      tt_risk_name(d->affected[i].risk));
			tt_html_escape(out, d->affected[i].id);
			tt_buf_printf(out, "</td><td>%s</td><td>%zu</td></tr>\n",
				      tt_risk_name(d->affected[i].risk),
				      d->affected[i].n_differences);
		}
		tt_buf_puts(out, "</tbody>\n</table>\n");
	}
	tt_buf_printf(out, "<h%d>Risk rule</h%d>\n<p>", h + 1, h + 1);
	tt_html_escape(out, d->rule_text);
	tt_buf_puts(out, "</p>\n</section>\n");
	tt_buf_free(&t);
}
