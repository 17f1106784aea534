/*
 * diff_md.c - the gap analysis in Markdown: tt diff's output, and the first
 * section of report.md.
 */
#include "tt/render/diff_render.h"

#include "tt/base/escape.h"
#include "tt/render/diff_text.h"

static void md_heading(tt_buf *out, int level, const char *text)
{
	for (int i = 0; i < level; i++)
		tt_buf_putc(out, '#');
	tt_buf_putc(out, ' ');
	tt_buf_puts(out, text);
	tt_buf_puts(out, "\n\n");
}

void tt_diff_md(tt_buf *out, const tt_diff *d, int heading_level)
{
	int h = tt_diff_heading_level(heading_level);
	tt_buf t = TT_BUF_INIT;
	tt_buf_puts(&t, "Process differences: ");
	tt_md_escape(&t, d->source_id);
	tt_buf_puts(&t, " to ");
	tt_md_escape(&t, d->receiving_id);
	md_heading(out, h, t.data);
	tt_buf_reset(&t);

	tt_buf_puts(out, "Source process ");
	tt_md_escape(out, d->source_id);
	tt_buf_puts(out, ", receiving process ");
	tt_md_escape(out, d->receiving_id);
	tt_buf_puts(out, ". ");
	tt_diff_summary_text(&t, d);
	tt_md_escape(out, t.data);
	tt_buf_puts(out, "\n\n");

	if (d->n_entries) {
		tt_buf_puts(out, "| #");
		for (int k = 0; k < TT_DIFF_N_CELLS; k++)
			tt_buf_printf(out, " | %s", tt_diff_cell_titles[k]);
		tt_buf_puts(out, " |\n|---:");
		for (int k = 0; k < TT_DIFF_N_CELLS; k++)
			tt_buf_puts(out, "|---");
		tt_buf_puts(out, "|\n");
		for (size_t i = 0; i < d->n_entries; i++) {
			tt_buf cells[TT_DIFF_N_CELLS];
			for (int k = 0; k < TT_DIFF_N_CELLS; k++)
				tt_buf_init(&cells[k]);
			tt_diff_entry_cells(&d->entries[i], cells);
			tt_buf_printf(out, "| %zu", i + 1);
			for (int k = 0; k < TT_DIFF_N_CELLS; k++) {
				tt_buf_puts(out, " | ");
				tt_md_escape(out, cells[k].data ? cells[k].data : "");
				tt_buf_free(&cells[k]);
			}
			tt_buf_puts(out, " |\n");
		}
		tt_buf_putc(out, '\n');
	}

	md_heading(out, h + 1, "Attributes the differences can move");
	if (!d->n_affected) {
		tt_buf_puts(out, "None: no difference affects an attribute.\n\n");
	} else {
		tt_buf_puts(out, "| Attribute | Highest risk | Differences |\n|---|---|---:|\n");
		for (size_t i = 0; i < d->n_affected; i++) {
			tt_buf_puts(out, "| ");
			tt_md_escape(out, d->affected[i].id);
			tt_buf_printf(out, " | %s | %zu |\n", tt_risk_name(d->affected[i].risk),
				      d->affected[i].n_differences);
		}
		tt_buf_putc(out, '\n');
	}

	md_heading(out, h + 1, "Risk rule");
	tt_md_escape(out, d->rule_text);
	tt_buf_puts(out, "\n");
	tt_buf_free(&t);
}
