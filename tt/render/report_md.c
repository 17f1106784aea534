/*
 * report_md.c - report.md: the same content as report.json, for people.
 *
 * Order: the verdict and a summary table first, then the study, each
 * comparison (rule, lots used, statistics, result, figure), the conformance
 * of every lot of both sites, the warnings, and the inputs with checksums.
 */
#include "tt/render/report.h"

#include <string.h>

#include "tt/render/diff_render.h"
#include "tt/base/escape.h"
#include "tt/plot/plot.h"
#include "tt/render/report_text.h"

static void lot_list(tt_buf *b, const tt_site_values *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			tt_buf_puts(b, ", ");
		tt_md_escape(b, sv->lots[i].lot);
	}
	if (!sv->n)
		tt_buf_puts(b, "none");
}

static void site_table(tt_buf *b, const tt_comparison_result *r)
{
	tt_report_site_row rows[TT_REPORT_SITE_ROWS];
	size_t n = tt_report_site_rows(r, rows);
	tt_buf_puts(b, "| | Source | Receiving |\n|---|---:|---:|\n");
	for (size_t k = 0; k < n; k++)
		tt_buf_printf(b, "| %s | %s | %s |\n", rows[k].label, rows[k].value[0],
			      rows[k].value[1]);
	tt_buf_puts(b, "\n");
}

static void stats_lines(tt_buf *b, const tt_comparison_result *r)
{
	tt_report_stat_row rows[32];
	size_t n = tt_report_stat_rows(r, rows, 32);
	if (!n)
		return;
	tt_buf_puts(b, "| Statistic | Value |\n|---|---:|\n");
	for (size_t i = 0; i < n; i++) {
		tt_buf_printf(b, "| %s | ", rows[i].label);
		tt_md_escape(b, rows[i].value);
		tt_buf_puts(b, " |\n");
	}
	tt_buf_puts(b, "\n");
}

static void comparison_md(tt_buf *b, const tt_comparison_result *r, size_t index,
			  const char *plots_rel)
{
	const tt_comparison *c = r->cmp;
	tt_buf_printf(b, "### %zu. ", index + 1);
	tt_md_escape(b, c->attribute);
	tt_buf_printf(b, ": %s, %s\n\n", tt_approach_label(c->approach),
		      tt_outcome_label(r->outcome));
	if (r->attr && r->attr->name) {
		tt_buf_puts(b, "*");
		tt_md_escape(b, r->attr->name);
		if (r->attr->unit) {
			tt_buf_puts(b, ", ");
			tt_md_escape(b, r->attr->unit);
		}
		tt_buf_puts(b, r->log_scale ? "; analysed on the log scale*\n\n" : "*\n\n");
	}
	if (r->rule) {
		tt_buf_puts(b, "**Rule.** ");
		tt_md_escape(b, r->rule);
		tt_buf_puts(b, "\n\n");
	}
	if (c->justification) {
		tt_buf_puts(b, "**Justification.** ");
		tt_md_escape(b, c->justification);
		tt_buf_puts(b, "\n\n");
	}
	if (tt_approach_is_lot_level(c->approach)) {
		tt_buf_puts(b, "**Lots used.** Source: ");
		lot_list(b, &r->source);
		tt_buf_puts(b, ". Receiving: ");
		lot_list(b, &r->receiving);
		tt_buf_puts(b, ".\n\n");
		site_table(b, r);
	}
	stats_lines(b, r);
	tt_buf_printf(b, "**Result: %s.** ", tt_outcome_label(r->outcome));
	if (r->reason) {
		tt_md_escape(b, r->reason);
		tt_buf_puts(b, ".");
	}
	tt_buf_puts(b, "\n\n");
	if (plots_rel && r->plot) {
		tt_buf_puts(b, "![");
		tt_md_escape(b, c->attribute);
		tt_buf_printf(b, "](%s/%s)\n\n", plots_rel, r->plot);
	}
}

static void summary_table(tt_buf *b, const tt_run *run)
{
	tt_buf_puts(b, "| # | Attribute | Approach | Outcome | Result |\n|---:|---|---|---|---|\n");
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		tt_buf_printf(b, "| %zu | ", i + 1);
		tt_md_escape(b, r->cmp->attribute);
		tt_buf_printf(b, " | %s | **%s** | ", tt_approach_label(r->cmp->approach),
			      tt_outcome_label(r->outcome));
		tt_md_escape(b, r->reason);
		tt_buf_puts(b, " |\n");
	}
	tt_buf_puts(b, "\n");
}

static void site_line(tt_buf *b, const char *role, const tt_spec *sp)
{
	tt_buf_printf(b, "- **%s site:** ", role);
	tt_md_escape(b, sp->site.name ? sp->site.name : sp->id);
	if (sp->site.country || sp->site.regulator) {
		tt_buf_puts(b, " (");
		tt_md_escape(b, sp->site.country ? sp->site.country : "");
		if (sp->site.country && sp->site.regulator)
			tt_buf_puts(b, ", ");
		tt_md_escape(b, sp->site.regulator ? sp->site.regulator : "");
		tt_buf_puts(b, ")");
	}
	tt_buf_puts(b, "; process `");
	tt_md_escape(b, sp->id);
	tt_buf_puts(b, "`");
	if (sp->version) {
		tt_buf_puts(b, " version ");
		tt_md_escape(b, sp->version);
	}
	tt_buf_puts(b, "\n");
}

/* Prints an "id (value)" list of lots out of spec, in bold. */
static void oos_list(tt_buf *b, const char *const *lots, char *const *values, size_t n)
{
	if (!n)
		tt_buf_puts(b, "none");
	for (size_t k = 0; k < n; k++) {
		tt_buf_puts(b, k ? ", **" : "**");
		tt_md_escape(b, lots[k]);
		tt_buf_puts(b, "** (");
		tt_md_escape(b, values[k]);
		tt_buf_puts(b, ")");
	}
}

static void conformance_site_md(tt_buf *b, const tt_run *run, tt_site_role site)
{
	const char *name = tt_site_role_name(site);
	tt_buf_printf(b,
		      "### %s lots\n\n"
		      "Each %s lot against the %s site's release specification%s\n\n"
		      "| Attribute | Specification | Lots checked | Out of specification | "
		      "Excluded lots out of specification | Not tested |\n"
		      "|---|---|---:|---|---|---|\n",
		      site == TT_SITE_SOURCE ? "Source" : "Receiving", name, name,
		      site == TT_SITE_RECEIVING
			      ? "; those the study includes decide the verdict."
			      : "; a lot out of it is a warning and does not decide the verdict.");
	for (size_t i = 0; i < run->n_conformance; i++) {
		const tt_conformance *cf = &run->conformance[i];
		if (cf->site != site)
			continue;
		tt_buf_puts(b, "| ");
		tt_md_escape(b, cf->attr->id);
		tt_buf_puts(b, " | ");
		tt_md_escape(b, cf->spec_text);
		if (cf->spec_differs)
			tt_buf_printf(b, " (differs from the %s's)",
				      site == TT_SITE_SOURCE ? "receiving" : "source");
		if (!cf->checked) {
			tt_buf_puts(b, " | 0 | not checked: no data | | |\n");
			continue;
		}
		tt_buf_printf(b, " | %zu | ", cf->n_lots);
		oos_list(b, cf->out_of_spec, cf->out_of_spec_values, cf->n_out_of_spec);
		tt_buf_puts(b, " | ");
		oos_list(b, cf->excluded_out_of_spec, cf->excluded_out_of_spec_values,
			 cf->n_excluded_out_of_spec);
		tt_buf_puts(b, " | ");
		for (size_t k = 0; k < cf->n_not_tested; k++) {
			if (k)
				tt_buf_puts(b, ", ");
			tt_md_escape(b, cf->not_tested[k]);
		}
		tt_buf_puts(b, " |\n");
	}
	tt_buf_puts(b, "\n");
}

static void conformance_md(tt_buf *b, const tt_run *run)
{
	tt_buf_puts(b, "## Conformance to the release specifications\n\n"
		       "Every lot of both sites, excluded lots included, against its own site's "
		       "release specification.\n\n");
	conformance_site_md(b, run, TT_SITE_RECEIVING);
	conformance_site_md(b, run, TT_SITE_SOURCE);
}

/* Each excluded lot with its site, reason, values and conformance. */
static void excluded_md(tt_buf *b, const tt_run *run)
{
	tt_buf_puts(b, "## Excluded lots\n\n"
		       "Excluded lots do not enter the comparisons or decide the verdict; each "
		       "is checked against its own site's release specification all the "
		       "same.\n\n"
		       "| Lot | Site | Reason | Values | Conformance | At first lock |\n"
		       "|---|---|---|---|---|---|\n");
	tt_buf text = TT_BUF_INIT;
	for (size_t i = 0; i < run->n_excluded; i++) {
		const tt_excluded_lot *x = &run->excluded[i];
		tt_buf_puts(b, "| ");
		tt_md_escape(b, x->exclusion->lot);
		tt_buf_printf(b, " | %s | ", x->found ? tt_site_role_name(x->site) : "");
		tt_md_escape(b, x->exclusion->reason);
		tt_buf_puts(b, " | ");
		tt_buf_reset(&text);
		tt_report_excluded_values(&text, x);
		tt_md_escape(b, text.data);
		tt_buf_puts(b, x->n_out_of_spec ? " | **" : " | ");
		tt_buf_reset(&text);
		tt_report_excluded_conformance(&text, x);
		tt_md_escape(b, text.data);
		tt_buf_puts(b, x->n_out_of_spec ? "** | " : " | ");
		tt_buf_printf(
			b, "%s |\n",
			tt_report_at_first_lock(run, (size_t)(x->exclusion - run->study->exclude)));
	}
	tt_buf_free(&text);
}

/* Every entry of the lock: the first lock and each re-lock with its
 * reason. */
static void lock_history_md(tt_buf *b, const tt_run *run)
{
	if (!run->lock)
		return;
	tt_buf_puts(b, "### Lock history\n\n| # | Locked at | By | Reason | Criteria | Data files "
		       "|\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < run->lock->n_entries; i++) {
		tt_report_lock_row row;
		tt_report_lock_row_of(&row, run, i);
		tt_buf_printf(b, "| %zu | ", i + 1);
		tt_md_escape(b, row.locked_at);
		tt_buf_puts(b, " | ");
		tt_md_escape(b, row.user);
		tt_buf_puts(b, " | ");
		tt_md_escape(b, row.reason);
		tt_buf_printf(b, " | %s | ", row.criteria);
		tt_report_lock_data(b, run, i, tt_md_escape);
		tt_buf_puts(b, " |\n");
	}
	tt_buf_puts(b, "\n");
}

void tt_report_md(tt_buf *b, const tt_run *run, const char *plots_rel)
{
	const tt_study *st = run->study;
	tt_buf_puts(b, "# Comparability report: ");
	tt_md_escape(b, st->title ? st->title : st->id);
	tt_buf_puts(b, "\n\n");
	tt_buf_puts(b, "Study `");
	tt_md_escape(b, st->id);
	tt_buf_puts(b, "`");
	if (st->protocol) {
		tt_buf_puts(b, ", protocol ");
		tt_md_escape(b, st->protocol);
	}
	tt_buf_printf(b, ". Generated %s by tt %s.\n\n", run->generated_at, run->tt_version);

	tt_buf_printf(b, "## Verdict: %s\n\n", tt_verdict_label(run->verdict));
	tt_buf_puts(b, tt_verdict_sentence(run->verdict));
	tt_buf detail = TT_BUF_INIT;
	tt_report_verdict_detail(&detail, run);
	if (detail.len) {
		tt_buf_puts(b, " ");
		tt_md_escape(b, detail.data);
	}
	tt_buf_puts(b, "\n\n");
	summary_table(b, run);
	tt_buf_puts(b, "**Conformance.** ");
	tt_buf_reset(&detail);
	tt_report_conformance_summary(&detail, run);
	tt_md_escape(b, detail.data);
	tt_buf_free(&detail);
	tt_buf_puts(b, "\n\n");

	if (run->diff)
		tt_diff_md(b, run->diff, 2);

	tt_buf_puts(b, "## Study\n\n");
	site_line(b, "Source", st->source_spec);
	site_line(b, "Receiving", st->receiving_spec);
	tt_buf_puts(b, "- **Design:** ");
	tt_report_design(b, run);
	tt_buf_puts(b, "\n");
	tt_buf_puts(b, "- **Acceptance criteria:** ");
	tt_report_lock_sentence(b, run, tt_md_escape);
	tt_buf_puts(b, "\n\n");
	lock_history_md(b, run);

	if (run->n_excluded)
		excluded_md(b, run);

	tt_buf_puts(b, "## Comparisons\n\n");
	if (plots_rel && tt_plot_has_forest(run))
		tt_buf_printf(b, "![Equivalence comparisons](%s/%s)\n\n", plots_rel,
			      TT_PLOT_FOREST_FILE);
	for (size_t i = 0; i < run->n_comparisons; i++)
		comparison_md(b, &run->comparisons[i], i, plots_rel);

	conformance_md(b, run);

	tt_buf_puts(b, "## Warnings\n\n");
	if (!run->n_warnings)
		tt_buf_puts(b, "None.\n");
	for (size_t i = 0; i < run->n_warnings; i++) {
		tt_buf_puts(b, "- ");
		tt_md_escape(b, run->warnings[i]);
		tt_buf_puts(b, "\n");
	}
	tt_buf_puts(b, "\n## Inputs\n\n| File | Role | SHA-256 |\n|---|---|---|\n");
	for (size_t i = 0; i < run->n_inputs; i++) {
		tt_buf_puts(b, "| ");
		tt_md_escape(b, run->inputs[i].path);
		tt_buf_printf(b, " | %s | `%s` |\n", run->inputs[i].role, run->inputs[i].sha256);
	}
	tt_buf_puts(b, "\n## Provenance\n\n- Command: ");
	tt_md_escape(b, run->command_line);
	tt_buf_printf(b, "\n- Seed: %llu\n- Versions: tt %s, GSL %s, libyaml %s\n",
		      (unsigned long long)run->seed, run->tt_version, run->gsl_version,
		      run->yaml_version);
	tt_buf_puts(b, "\n## Sign-off\n\n| Role | Name | Signature | Date |\n|---|---|---|---|\n"
		       "| Prepared by | | | |\n| Reviewed by | | | |\n| QA approved by | | | |\n");
}
