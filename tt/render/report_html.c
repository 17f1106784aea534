/*
 * report_html.c - report.html: one self-contained file (CSS and SVG inline,
 * no external reference of any kind) with the same content as report.md,
 * laid out for the screen and for printing on A4.
 *
 * Every string that came from a user's file goes through tt_html_escape.
 * Figures are gnuplot's SVG files, read back and inlined without their XML
 * prolog.
 */
#include "tt/render/report.h"

#include <stdlib.h>
#include <string.h>

#include "tt/render/diff_render.h"
#include "tt/base/escape.h"
#include "tt/base/error.h"
#include "tt/plot/plot.h"
#include "tt/render/report_text.h"

const char tt_report_html_css[] =
	"*{box-sizing:border-box}"
	"body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;font-size:10.5pt;"
	"color:#1a1a1a;max-width:1100px;margin:0 auto;padding:24px;line-height:1.4}"
	"h1{font-size:18pt;margin:0 0 4px}h2{font-size:14pt;border-bottom:2px solid #ddd;"
	"padding-bottom:3px;margin-top:28px}h3{font-size:12pt;margin:0 0 6px}"
	".meta{color:#555;margin:0 0 14px}"
	".banner{padding:14px 18px;border-radius:6px;margin:12px 0 18px;color:#fff}"
	".banner strong{font-size:16pt;display:block}"
	".v-comparable{background:#1b7f3b}.v-not-comparable{background:#b42318}"
	".v-inconclusive{background:#b54708}"
	"table{border-collapse:collapse;margin:6px 0 12px;font-size:9.5pt}"
	"th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
	"th{background:#f2f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums}"
	".o{font-weight:bold;padding:1px 6px;border-radius:3px;color:#fff;white-space:nowrap}"
	".o-pass{background:#1b7f3b}.o-fail{background:#b42318}"
	".o-inconclusive{background:#b54708}.o-info{background:#475467}"
	"td.oos{font-weight:bold;color:#b42318}.nw{white-space:nowrap}"
	".cmp{border:1px solid #ddd;border-radius:6px;padding:12px 14px;margin:14px 0;"
	"break-inside:avoid}"
	".cmp-body{display:flex;gap:16px;align-items:flex-start}"
	".cmp-text{flex:1 1 48%;min-width:0}.cmp-fig{flex:1 1 52%;min-width:0}"
	".fig svg{width:100%;height:auto;display:block}"
	".fig{margin:8px 0}"
	"nav ol{font-size:9.5pt;margin:4px 0}nav>ol{columns:2}nav li{break-inside:avoid}"
	".sign td{height:38px;width:25%}"
	"code,.hash{font-family:Menlo,Consolas,monospace;font-size:8.5pt;word-break:break-all}"
	"@page{size:A4;margin:14mm}"
	"@media print{body{padding:0;max-width:none;font-size:9.5pt}"
	".cmp-body{display:block}.banner{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}.o{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}nav{break-after:page}h2{break-after:avoid}}";

static void e(tt_buf *b, const char *s)
{
	tt_html_escape(b, s);
}

int tt_html_inline_svg(tt_buf *b, const char *plots_dir, const char *name)
{
	char *path = tt_xasprintf("%s/%s", plots_dir, name);
	char *svg;
	size_t len;
	int rc = tt_read_file(path, 64u * 1024u * 1024u, &svg, &len);
	free(path);
	if (rc)
		return rc;
	const char *start = strstr(svg, "<svg");
	if (!start) {
		free(svg);
		return tt_error_set(TT_EIO, "figure '%s' is not an SVG file", name);
	}
	tt_buf_puts(b, "<div class=\"fig\">");
	tt_buf_puts(b, start);
	tt_buf_puts(b, "</div>\n");
	free(svg);
	return 0;
}

static void lot_list(tt_buf *b, const tt_site_values *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			tt_buf_puts(b, ", ");
		e(b, sv->lots[i].lot);
	}
	if (!sv->n)
		tt_buf_puts(b, "none");
}

static void site_table(tt_buf *b, const tt_comparison_result *r)
{
	tt_report_site_row rows[TT_REPORT_SITE_ROWS];
	size_t n = tt_report_site_rows(r, rows);
	tt_buf_puts(b, "<table><tr><th></th><th>Source</th><th>Receiving</th></tr>");
	for (size_t k = 0; k < n; k++)
		tt_buf_printf(b, "<tr><td>%s</td><td class=num>%s</td><td class=num>%s</td></tr>",
			      rows[k].label, rows[k].value[0], rows[k].value[1]);
	tt_buf_puts(b, "</table>\n");
}

static int comparison_html(tt_buf *b, const tt_comparison_result *r, size_t index,
			   const char *plots_dir)
{
	const tt_comparison *c = r->cmp;
	const char *oname = tt_outcome_name(r->outcome);
	tt_buf_printf(b, "<section class=\"cmp\" id=\"c%zu\"><h3>%zu. ", index + 1, index + 1);
	e(b, c->attribute);
	tt_buf_printf(b, ": %s <span class=\"o o-%s\">%s</span></h3>\n",
		      tt_approach_label(c->approach), oname, tt_outcome_label(r->outcome));
	tt_buf_puts(b, "<div class=\"cmp-body\"><div class=\"cmp-text\">");
	if (r->attr && r->attr->name) {
		tt_buf_puts(b, "<p><em>");
		e(b, r->attr->name);
		if (r->attr->unit) {
			tt_buf_puts(b, ", ");
			e(b, r->attr->unit);
		}
		tt_buf_puts(b, r->log_scale ? "; analysed on the log scale</em></p>" : "</em></p>");
	}
	if (r->rule) {
		tt_buf_puts(b, "<p><strong>Rule.</strong> ");
		e(b, r->rule);
		tt_buf_puts(b, "</p>");
	}
	if (c->justification) {
		tt_buf_puts(b, "<p><strong>Justification.</strong> ");
		e(b, c->justification);
		tt_buf_puts(b, "</p>");
	}
	if (tt_approach_is_lot_level(c->approach)) {
		tt_buf_puts(b, "<p><strong>Lots used.</strong> Source: ");
		lot_list(b, &r->source);
		tt_buf_puts(b, ". Receiving: ");
		lot_list(b, &r->receiving);
		tt_buf_puts(b, ".</p>");
		site_table(b, r);
	}
	tt_report_stat_row rows[32];
	size_t n = tt_report_stat_rows(r, rows, 32);
	if (n) {
		tt_buf_puts(b, "<table><tr><th>Statistic</th><th>Value</th></tr>");
		for (size_t i = 0; i < n; i++) {
			tt_buf_printf(b, "<tr><td>%s</td><td class=num>", rows[i].label);
			e(b, rows[i].value);
			tt_buf_puts(b, "</td></tr>");
		}
		tt_buf_puts(b, "</table>\n");
	}
	tt_buf_printf(b, "<p><strong>Result: %s.</strong> ", tt_outcome_label(r->outcome));
	e(b, r->reason);
	tt_buf_puts(b, r->reason ? ".</p>" : "</p>");
	tt_buf_puts(b, "</div>");
	if (plots_dir && r->plot) {
		tt_buf_puts(b, "<div class=\"cmp-fig\">");
		int rc = tt_html_inline_svg(b, plots_dir, r->plot);
		if (rc)
			return rc;
		tt_buf_puts(b, "</div>");
	}
	tt_buf_puts(b, "</div></section>\n");
	return 0;
}

static void site_row(tt_buf *b, const char *role, const tt_spec *sp)
{
	tt_buf_printf(b, "<tr><th>%s site</th><td>", role);
	e(b, sp->site.name ? sp->site.name : sp->id);
	if (sp->site.country || sp->site.regulator) {
		tt_buf_puts(b, " (");
		e(b, sp->site.country ? sp->site.country : "");
		if (sp->site.country && sp->site.regulator)
			tt_buf_puts(b, ", ");
		e(b, sp->site.regulator ? sp->site.regulator : "");
		tt_buf_puts(b, ")");
	}
	tt_buf_puts(b, "; process <code>");
	e(b, sp->id);
	tt_buf_puts(b, "</code>");
	if (sp->version) {
		tt_buf_puts(b, " version ");
		e(b, sp->version);
	}
	tt_buf_puts(b, "</td></tr>");
}

/* Prints an "id (value)" list of lots out of spec, the ids in bold. */
static void oos_list(tt_buf *b, const char *const *lots, char *const *values, size_t n)
{
	if (!n)
		tt_buf_puts(b, "none");
	for (size_t k = 0; k < n; k++) {
		tt_buf_puts(b, k ? ", <strong>" : "<strong>");
		e(b, lots[k]);
		tt_buf_puts(b, "</strong> (");
		e(b, values[k]);
		tt_buf_puts(b, ")");
	}
}

static void conformance_site_html(tt_buf *b, const tt_run *run, tt_site_role site)
{
	const char *name = tt_site_role_name(site);
	tt_buf_printf(b,
		      "<h3>%s lots</h3><p>Each %s lot against the %s site's release "
		      "specification%s</p><table><tr><th>Attribute</th><th>Specification</th>"
		      "<th>Lots checked</th><th>Out of specification</th><th>Excluded lots out "
		      "of specification</th><th>Not tested</th></tr>",
		      site == TT_SITE_SOURCE ? "Source" : "Receiving", name, name,
		      site == TT_SITE_RECEIVING
			      ? "; those the study includes decide the verdict."
			      : "; a lot out of it is a warning and does not decide the verdict.");
	for (size_t i = 0; i < run->n_conformance; i++) {
		const tt_conformance *cf = &run->conformance[i];
		if (cf->site != site)
			continue;
		tt_buf_puts(b, "<tr><td>");
		e(b, cf->attr->id);
		tt_buf_puts(b, "</td><td>");
		e(b, cf->spec_text);
		if (cf->spec_differs)
			tt_buf_printf(b, " (differs from the %s's)",
				      site == TT_SITE_SOURCE ? "receiving" : "source");
		if (!cf->checked) {
			tt_buf_puts(b, "</td><td class=num>0</td><td>not checked: no "
				       "data</td><td></td><td></td></tr>");
			continue;
		}
		tt_buf_printf(b, "</td><td class=num>%zu</td><td>", cf->n_lots);
		oos_list(b, cf->out_of_spec, cf->out_of_spec_values, cf->n_out_of_spec);
		tt_buf_puts(b, "</td><td>");
		oos_list(b, cf->excluded_out_of_spec, cf->excluded_out_of_spec_values,
			 cf->n_excluded_out_of_spec);
		tt_buf_puts(b, "</td><td>");
		for (size_t k = 0; k < cf->n_not_tested; k++) {
			if (k)
				tt_buf_puts(b, ", ");
			e(b, cf->not_tested[k]);
		}
		tt_buf_puts(b, "</td></tr>");
	}
	tt_buf_puts(b, "</table>\n");
}

static void conformance_html(tt_buf *b, const tt_run *run)
{
	tt_buf_puts(b, "<h2 id=\"conformance\">Conformance to the release specifications</h2>"
		       "<p>Every lot of both sites, excluded lots included, against its own "
		       "site's release specification.</p>");
	conformance_site_html(b, run, TT_SITE_RECEIVING);
	conformance_site_html(b, run, TT_SITE_SOURCE);
}

/* Each excluded lot with its site, reason, values and conformance. */
static void excluded_html(tt_buf *b, const tt_run *run)
{
	tt_buf_puts(b, "<h2 id=\"excluded\">Excluded lots</h2><p>Excluded lots do not enter "
		       "the comparisons or decide the verdict; each is checked against its own "
		       "site's release specification all the same.</p><table><tr><th>Lot</th>"
		       "<th>Site</th><th>Reason</th><th>Values</th><th>Conformance</th><th>At "
		       "first lock</th></tr>");
	tt_buf text = TT_BUF_INIT;
	for (size_t i = 0; i < run->n_excluded; i++) {
		const tt_excluded_lot *x = &run->excluded[i];
		tt_buf_puts(b, "<tr><td class=\"nw\">");
		e(b, x->exclusion->lot);
		tt_buf_printf(b, "</td><td>%s</td><td>",
			      x->found ? tt_site_role_name(x->site) : "");
		e(b, x->exclusion->reason);
		tt_buf_puts(b, "</td><td>");
		tt_buf_reset(&text);
		tt_report_excluded_values(&text, x);
		e(b, text.data);
		tt_buf_puts(b, x->n_out_of_spec ? "</td><td class=\"oos\">" : "</td><td>");
		tt_buf_reset(&text);
		tt_report_excluded_conformance(&text, x);
		e(b, text.data);
		tt_buf_printf(
			b, "</td><td>%s</td></tr>",
			tt_report_at_first_lock(run, (size_t)(x->exclusion - run->study->exclude)));
	}
	tt_buf_free(&text);
}

/* Every entry of the lock: the first lock and each re-lock with its
 * reason. */
static void lock_history_html(tt_buf *b, const tt_run *run)
{
	if (!run->lock)
		return;
	tt_buf_puts(b, "<h3 id=\"lock-history\">Lock history</h3><table><tr><th>#</th>"
		       "<th>Locked at</th><th>By</th><th>Reason</th><th>Criteria</th>"
		       "<th>Data files</th></tr>");
	for (size_t i = 0; i < run->lock->n_entries; i++) {
		tt_report_lock_row row;
		tt_report_lock_row_of(&row, run, i);
		tt_buf_printf(b, "<tr><td class=num>%zu</td><td>", i + 1);
		e(b, row.locked_at);
		tt_buf_puts(b, "</td><td>");
		e(b, row.user);
		tt_buf_puts(b, "</td><td>");
		e(b, row.reason);
		tt_buf_printf(b, "</td><td>%s</td><td>", row.criteria);
		tt_report_lock_data(b, run, i, e);
		tt_buf_puts(b, "</td></tr>");
	}
	tt_buf_puts(b, "</table>\n");
}

/* A browser prints its own page numbers in the foot of the page only when
 * the page defines no margin box there, so the page number is given here
 * too. */
void tt_html_record_css(tt_buf *b, const char *record)
{
	tt_buf_printf(b,
		      ".record{color:#555;margin:0 0 14px;font-size:9.5pt}"
		      "@page{@bottom-left{content:\"Page \" counter(page) \" of \" counter(pages);"
		      "font-size:8pt;color:#555}"
		      "@bottom-right{content:\"Record identity %.*s\";"
		      "font-family:Menlo,Consolas,monospace;font-size:8pt;color:#555}}",
		      TT_REPORT_RECORD_DIGITS, record);
}

void tt_html_record_line(tt_buf *b, const char *record, const char *file)
{
	tt_buf_printf(b,
		      "<p class=\"record\" id=\"record\">Record identity <code>%.*s</code> "
		      "(the first %d hex digits of the SHA-256 of %s)</p>\n",
		      TT_REPORT_RECORD_DIGITS, record, TT_REPORT_RECORD_DIGITS, file);
}

int tt_report_html(tt_buf *b, const tt_run *run, const char *plots_dir, const char *record)
{
	const tt_study *st = run->study;
	const char *vname = tt_verdict_name(run->verdict);
	tt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		       "<title>Comparability report: ");
	e(b, st->title ? st->title : st->id);
	tt_buf_printf(b, "</title><style>%s", tt_report_html_css);
	tt_html_record_css(b, record);
	tt_buf_puts(b, "</style></head><body>\n");

	tt_buf_puts(b, "<header><h1>Comparability report: ");
	e(b, st->title ? st->title : st->id);
	tt_buf_puts(b, "</h1><p class=\"meta\">Study <code>");
	e(b, st->id);
	tt_buf_puts(b, "</code>");
	if (st->protocol) {
		tt_buf_puts(b, ", protocol ");
		e(b, st->protocol);
	}
	tt_buf_printf(b, ". Generated %s by tt %s.</p>", run->generated_at, run->tt_version);
	tt_html_record_line(b, record, "report.json");
	tt_buf_printf(b, "<div class=\"banner v-%s\" id=\"verdict\"><strong>Verdict: %s</strong>%s",
		      vname, tt_verdict_label(run->verdict), tt_verdict_sentence(run->verdict));
	tt_buf detail = TT_BUF_INIT;
	tt_report_verdict_detail(&detail, run);
	if (detail.len) {
		tt_buf_puts(b, "<br>");
		e(b, detail.data);
	}
	tt_buf_free(&detail);
	tt_buf_puts(b, "</div></header>\n");

	tt_buf_puts(b, "<nav><h2>Contents</h2><ol><li><a href=\"#summary\">Summary</a></li>");
	if (run->diff)
		tt_buf_puts(b, "<li><a href=\"#gap-analysis\">Process gap analysis</a></li>");
	tt_buf_puts(b, "<li><a href=\"#study\">Study</a></li>");
	if (run->n_excluded)
		tt_buf_puts(b, "<li><a href=\"#excluded\">Excluded lots</a></li>");
	tt_buf_puts(b, "<li><a href=\"#comparisons\">Comparisons</a><ol>");
	for (size_t i = 0; i < run->n_comparisons; i++) {
		tt_buf_printf(b, "<li><a href=\"#c%zu\">", i + 1);
		e(b, run->comparisons[i].cmp->attribute);
		tt_buf_puts(b, "</a></li>");
	}
	tt_buf_puts(b, "</ol></li><li><a href=\"#conformance\">Conformance</a></li>"
		       "<li><a href=\"#warnings\">Warnings</a></li>"
		       "<li><a href=\"#inputs\">Inputs and provenance</a></li>"
		       "<li><a href=\"#signoff\">Sign-off</a></li></ol></nav>\n");

	tt_buf_puts(b, "<h2 id=\"summary\">Summary</h2><table><tr><th>#</th><th>Attribute</th>"
		       "<th>Approach</th><th>Outcome</th><th>Result</th></tr>");
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		tt_buf_printf(b, "<tr><td class=num>%zu</td><td><a href=\"#c%zu\">", i + 1, i + 1);
		e(b, r->cmp->attribute);
		tt_buf_printf(b,
			      "</a></td><td>%s</td><td><span class=\"o o-%s\">%s</span></td><td>",
			      tt_approach_label(r->cmp->approach), tt_outcome_name(r->outcome),
			      tt_outcome_label(r->outcome));
		e(b, r->reason);
		tt_buf_puts(b, "</td></tr>");
	}
	tt_buf_puts(b, "</table>\n<p><strong>Conformance.</strong> ");
	detail = (tt_buf)TT_BUF_INIT;
	tt_report_conformance_summary(&detail, run);
	e(b, detail.data);
	tt_buf_free(&detail);
	tt_buf_puts(b, " <a href=\"#conformance\">See the conformance of every lot.</a></p>\n");

	if (run->diff) {
		tt_buf_puts(b, "<div id=\"gap-analysis\">");
		tt_diff_html(b, run->diff, 2);
		tt_buf_puts(b, "</div>\n");
	}

	tt_buf_puts(b, "<h2 id=\"study\">Study</h2><table>");
	site_row(b, "Source", st->source_spec);
	site_row(b, "Receiving", st->receiving_spec);
	tt_buf_puts(b, "<tr><th>Design</th><td>");
	tt_report_design(b, run);
	tt_buf_puts(b, "</td></tr>");
	tt_buf_puts(b, "<tr><th>Acceptance criteria</th><td>");
	tt_report_lock_sentence(b, run, e);
	tt_buf_puts(b, "</td></tr></table>\n");
	lock_history_html(b, run);

	if (run->n_excluded)
		excluded_html(b, run);

	tt_buf_puts(b, "<h2 id=\"comparisons\">Comparisons</h2>\n");
	if (plots_dir && tt_plot_has_forest(run)) {
		int rc = tt_html_inline_svg(b, plots_dir, TT_PLOT_FOREST_FILE);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < run->n_comparisons; i++) {
		int rc = comparison_html(b, &run->comparisons[i], i, plots_dir);
		if (rc)
			return rc;
	}

	conformance_html(b, run);

	tt_buf_puts(b, "<h2 id=\"warnings\">Warnings</h2>");
	if (!run->n_warnings)
		tt_buf_puts(b, "<p>None.</p>");
	else {
		tt_buf_puts(b, "<ul>");
		for (size_t i = 0; i < run->n_warnings; i++) {
			tt_buf_puts(b, "<li>");
			e(b, run->warnings[i]);
			tt_buf_puts(b, "</li>");
		}
		tt_buf_puts(b, "</ul>");
	}

	tt_buf_puts(b, "\n<h2 id=\"inputs\">Inputs and provenance</h2><table><tr><th>File</th>"
		       "<th>Role</th><th>SHA-256</th></tr>");
	for (size_t i = 0; i < run->n_inputs; i++) {
		tt_buf_puts(b, "<tr><td>");
		e(b, run->inputs[i].path);
		tt_buf_puts(b, "</td><td>");
		e(b, run->inputs[i].role);
		tt_buf_printf(b, "</td><td class=\"hash\">%s</td></tr>", run->inputs[i].sha256);
	}
	tt_buf_puts(b, "</table><ul><li>Command: <code>");
	e(b, run->command_line);
	tt_buf_printf(b,
		      "</code></li><li>Seed: %llu</li><li>Versions: tt %s, GSL %s, libyaml %s"
		      "</li></ul>\n",
		      (unsigned long long)run->seed, run->tt_version, run->gsl_version,
		      run->yaml_version);

	tt_buf_puts(b, "<h2 id=\"signoff\">Sign-off</h2><table class=\"sign\"><tr><th>Role</th>"
		       "<th>Name</th><th>Signature</th><th>Date</th></tr>"
		       "<tr><td>Prepared by</td><td></td><td></td><td></td></tr>"
		       "<tr><td>Reviewed by</td><td></td><td></td><td></td></tr>"
		       "<tr><td>QA approved by</td><td></td><td></td><td></td></tr></table>\n"
		       "</body></html>\n");
	return 0;
}
