/*
 * diff_text.c - the words of a gap analysis that the Markdown and HTML
 * renderers share (diff_text.h).
 */
#include "tt/render/diff_text.h"

void tt_diff_summary_text(tt_buf *b, const tt_diff *d)
{
	size_t c[4];
	tt_diff_count_risks(d, c);
	if (!d->n_entries) {
		tt_buf_puts(b, "No differences: the two processes agree in every compared field.");
		return;
	}
	tt_buf_printf(b, "%zu difference%s: %zu high risk, %zu medium, %zu low", d->n_entries,
		      d->n_entries == 1 ? "" : "s", c[TT_RISK_HIGH], c[TT_RISK_MEDIUM],
		      c[TT_RISK_LOW]);
	if (c[TT_RISK_NONE])
		tt_buf_printf(b, ", %zu without risk (site)", c[TT_RISK_NONE]);
	tt_buf_putc(b, '.');
}

static void put_rpn_text(tt_buf *b, const tt_diff_entry *e)
{
	if (e->risk != TT_RISK_NONE)
		tt_buf_printf(b, "%d x %d x %d = %d", e->severity, e->occurrence, e->detectability,
			      e->severity * e->occurrence * e->detectability);
}

static void put_affects_text(tt_buf *b, const tt_diff_entry *e)
{
	for (size_t i = 0; i < e->n_affects; i++)
		tt_buf_printf(b, "%s%s", i ? ", " : "", e->affects[i]);
}

void tt_diff_entry_cells(const tt_diff_entry *e, tt_buf cells[TT_DIFF_N_CELLS])
{
	tt_buf_puts(&cells[0], tt_diff_kind_name(e->kind));
	tt_buf_puts(&cells[1], e->step ? e->step : "");
	tt_buf_puts(&cells[2], e->id ? e->id : "");
	tt_buf_puts(&cells[3], e->field ? e->field : "");
	tt_dval_text(&cells[4], &e->source, e->source_unit);
	tt_dval_text(&cells[5], &e->receiving, e->receiving_unit);
	if (e->kind == TT_DIFF_PARAMETER && e->cls != TT_CLASS_UNSET)
		tt_buf_puts(&cells[6], tt_param_class_name(e->cls));
	tt_buf_puts(&cells[7], tt_risk_name(e->risk));
	put_rpn_text(&cells[8], e);
	put_affects_text(&cells[9], e);
	tt_buf_puts(&cells[10], e->note ? e->note : "");
}

const char *const tt_diff_cell_titles[TT_DIFF_N_CELLS] = {
	"Kind",      "Step",  "Item", "Field",           "Source",
	"Receiving", "Class", "Risk", "S x O x D = RPN", "Affects",
	"Note",
};

int tt_diff_heading_level(int level)
{
	return level < 1 ? 1 : level > 5 ? 5 : level;
}
