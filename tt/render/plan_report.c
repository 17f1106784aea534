/*
 * plan_report.c - the plan's renderers: plan.json, plan.md, plan.html (which
 * link or inline the figures of plot_plan.c), and the grid of `tt plan`
 * without a study.  They compute nothing: every number is in the
 * tt_plan_result or tt_plan_grid.
 *
 * plan.json holds the CONTRACT's fields ("tt plan --format json") and adds,
 * per comparison: method, replicates, reason (why a comparison has no
 * pass probability), parameters (the rule, as the run report echoes it),
 * assumptions (the true sd and mean and where they came from),
 * patient_risk with its difference and error, lots_for_80_probability, the
 * error of every scenario, and the curves; for the study: title, seed,
 * alpha, design, correlation, study_mc_error, study_pass_excludes, notes
 * and inputs with their SHA-256.
 */
#include "tt/render/plan_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/base/json.h"
#include "tt/plan/plan.h"
#include "tt/plot/plot.h"
#include "tt/render/report.h"
#include "tt/render/report_text.h"
#include "tt/base/util.h"

/* ---- words shared by the renderers ---- */

/* A probability for people: 3 decimals, "0 (exactly)" when a formula
 * says so, and the Monte Carlo error of a simulated one. */
static void prob_words(tt_buf *b, const tt_plan_prob *p)
{
	if (tt_plan_prob_never(p)) {
		tt_buf_puts(b, "0 (exactly)");
		return;
	}
	tt_buf_printf(b, "%.3f", p->p);
	if (p->method == TT_PLAN_SIMULATED)
		tt_buf_printf(b, " \xC2\xB1 %.1g", p->mc_error);
}

static void lots_for_words(tt_buf *b, const tt_plan_comparison *pc)
{
	if (pc->lots_for_80)
		tt_buf_printf(b, "%zu per site (%.3f)", pc->lots_for_80, pc->lots_for_80_prob.p);
	else
		tt_buf_printf(b, "not reached with up to %d per site", TT_PLAN_MAX_LOTS);
}

/* ---- JSON ---- */

static void json_prob_or_null(tt_json *j, const char *key, const char *err_key, bool set,
			      const tt_plan_prob *p)
{
	if (set) {
		tt_json_kv_number(j, key, p->p);
		if (err_key)
			tt_json_kv_number(j, err_key, p->mc_error);
	} else {
		tt_json_kv_null(j, key);
		if (err_key)
			tt_json_kv_null(j, err_key);
	}
}

static void json_parameters(tt_json *j, const tt_plan_rule *r, tt_scale scale)
{
	tt_json_key(j, "parameters");
	tt_json_begin_object(j);
	switch (r->approach) {
	case TT_APPROACH_EQUIVALENCE:
		tt_json_kv_number(j, "alpha", r->alpha);
		tt_json_key(j, "margin");
		tt_json_begin_object(j);
		tt_json_kv_number(j, tt_margin_type_name(r->margin_type), r->margin);
		tt_json_end_object(j);
		tt_json_kv_string(j, "variance", tt_variance_name(r->variance));
		break;
	case TT_APPROACH_QUALITY_RANGE:
		tt_json_kv_number(j, "k", r->k);
		tt_json_kv_number(j, "min_fraction", r->min_fraction);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		tt_json_kv_number(j, "content", r->ti.content);
		tt_json_kv_number(j, "confidence", r->ti.confidence);
		tt_json_kv_string(j, "method", tt_ti_method_name(r->ti.method));
		tt_json_kv_int(j, "sides", r->ti.sides);
		if (r->ti.sides == 1)
			tt_json_kv_string(j, "direction", tt_direction_name(r->ti.direction));
		break;
	default:
		break;
	}
	tt_json_kv_string(j, "design", tt_design_name(r->design));
	tt_json_kv_string(j, "scale", tt_scale_name(scale));
	tt_json_end_object(j);
}

static void json_comparison(tt_json *j, const tt_plan_result *res, const tt_plan_comparison *pc)
{
	tt_json_begin_object(j);
	tt_json_kv_string(j, "attribute", pc->attribute);
	tt_json_kv_string(j, "approach", tt_approach_name(pc->approach));
	if (pc->n_source)
		tt_json_kv_int(j, "n_source", (long long)pc->n_source);
	else
		tt_json_kv_null(j, "n_source");
	if (pc->n_receiving)
		tt_json_kv_int(j, "n_receiving", (long long)pc->n_receiving);
	else
		tt_json_kv_null(j, "n_receiving");
	json_prob_or_null(j, "pass_probability", "mc_error", pc->planned, &pc->pass);
	if (pc->planned) {
		tt_json_kv_string(j, "method", tt_plan_method_name(pc->pass.method));
		tt_json_kv_int(j, "replicates", (long long)pc->pass.replicates);
	}
	tt_json_kv_string(j, "reason", pc->reason);

	tt_json_key(j, "scenarios");
	tt_json_begin_array(j);
	for (int i = 0; pc->planned && i < TT_PLAN_N_SCENARIOS; i++) {
		const tt_plan_scenario *s = &pc->scenarios[i];
		tt_json_begin_object(j);
		tt_json_kv_number(j, "difference_sd", s->difference_sd);
		tt_json_kv_number(j, "sd_ratio", s->sd_ratio);
		tt_json_kv_number(j, "pass_probability", s->prob.p);
		tt_json_kv_number(j, "mc_error", s->prob.mc_error);
		tt_json_end_object(j);
	}
	tt_json_end_array(j);

	if (pc->planned && pc->lots_for_80) {
		tt_json_kv_int(j, "lots_for_80", (long long)pc->lots_for_80);
		tt_json_kv_number(j, "lots_for_80_probability", pc->lots_for_80_prob.p);
	} else {
		tt_json_kv_null(j, "lots_for_80");
		tt_json_kv_null(j, "lots_for_80_probability");
	}
	json_prob_or_null(j, "patient_risk", "patient_risk_mc_error", pc->planned,
			  &pc->patient_risk);
	if (pc->planned)
		tt_json_kv_number(j, "patient_risk_difference_sd", pc->patient_risk_difference_sd);
	else
		tt_json_kv_null(j, "patient_risk_difference_sd");

	if (tt_plan_approach_has_rule(pc->approach))
		json_parameters(j, &pc->rule, pc->scale);

	tt_json_key(j, "assumptions");
	tt_json_begin_object(j);
	if (pc->has_sd)
		tt_json_kv_number(j, "sd", pc->truth.sd);
	else
		tt_json_kv_null(j, "sd");
	tt_json_kv_string(j, "sd_from", tt_plan_from_name(pc->sd_from));
	if (pc->has_mean)
		tt_json_kv_number(j, "mean", pc->truth.mean);
	else
		tt_json_kv_null(j, "mean");
	tt_json_kv_string(j, "mean_from", tt_plan_from_name(pc->mean_from));
	tt_json_kv_string(j, "counts_from", tt_plan_from_name(pc->counts_from));
	if (res->design == TT_DESIGN_PAIRED)
		tt_json_kv_number(j, "correlation", res->correlation);
	tt_json_end_object(j);

	if (pc->planned) {
		tt_json_key(j, "curves");
		tt_json_begin_object(j);
		tt_json_key(j, "by_lots");
		tt_json_begin_array(j);
		for (size_t i = 0; i < pc->n_by_lots; i++) {
			tt_json_begin_object(j);
			tt_json_kv_int(j, "n_source", (long long)pc->lots[i]);
			tt_json_kv_int(j, "n_receiving", (long long)pc->lots[i]);
			tt_json_kv_number(j, "pass_probability", pc->by_lots[i].p);
			tt_json_kv_number(j, "mc_error", pc->by_lots[i].mc_error);
			tt_json_end_object(j);
		}
		tt_json_end_array(j);
		tt_json_key(j, "by_difference");
		tt_json_begin_array(j);
		for (int k = 0; k < TT_PLAN_N_SD_RATIOS; k++) {
			for (size_t i = 0; i < pc->n_by_difference; i++) {
				tt_json_begin_object(j);
				tt_json_kv_number(j, "difference_sd", pc->differences[i]);
				tt_json_kv_number(j, "sd_ratio", tt_plan_sd_ratios[k]);
				tt_json_kv_number(j, "pass_probability", pc->by_difference[k][i].p);
				tt_json_kv_number(j, "mc_error", pc->by_difference[k][i].mc_error);
				tt_json_end_object(j);
			}
		}
		tt_json_end_array(j);
		tt_json_end_object(j);
	}
	tt_json_end_object(j);
}

void tt_plan_render_json(tt_buf *out, const tt_plan_result *r)
{
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "tt_version", TT_VERSION);
	tt_json_kv_string(&j, "study", r->study_id);
	tt_json_kv_string(&j, "title", r->title);
	tt_json_kv_string(&j, "protocol", r->protocol);
	tt_json_kv_number(&j, "seed", (double)r->seed);
	tt_json_kv_number(&j, "alpha", r->alpha);
	tt_json_kv_string(&j, "design", tt_design_name(r->design));
	if (r->design == TT_DESIGN_PAIRED) {
		tt_json_kv_number(&j, "correlation", r->correlation);
		tt_json_kv_bool(&j, "correlation_assumed", r->correlation_assumed);
	}
	tt_json_kv_number(&j, "mc_error_target", r->mc_error);
	tt_json_key(&j, "comparisons");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < r->n_comparisons; i++)
		json_comparison(&j, r, &r->comparisons[i]);
	tt_json_end_array(&j);
	if (r->has_study_pass) {
		tt_json_kv_number(&j, "study_pass_probability", r->study_pass_probability);
		tt_json_kv_number(&j, "study_mc_error", r->study_mc_error);
	} else {
		tt_json_kv_null(&j, "study_pass_probability");
		tt_json_kv_null(&j, "study_mc_error");
	}
	tt_json_key(&j, "study_pass_excludes");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < r->n_comparisons; i++) {
		const tt_plan_comparison *pc = &r->comparisons[i];
		if (!pc->planned)
			tt_json_string(&j, pc->attribute);
	}
	tt_json_end_array(&j);
	tt_json_key(&j, "notes");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < r->n_notes; i++)
		tt_json_string(&j, r->notes[i]);
	tt_json_end_array(&j);
	tt_json_key(&j, "inputs");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < r->n_inputs; i++) {
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", r->inputs[i].path);
		tt_json_kv_string(&j, "role", r->inputs[i].role);
		tt_json_kv_string(&j, "sha256", r->inputs[i].sha256);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
}

/* ---- Markdown ---- */

static void md_assumptions(tt_buf *b, const tt_plan_result *r, const tt_plan_comparison *pc)
{
	tt_buf_printf(b, "- Lots: %zu source, %zu receiving%s (from the %s).\n", pc->n_source,
		      pc->n_receiving, pc->counts_pairs ? " (pairs)" : "",
		      tt_plan_from_name(pc->counts_from));
	if (pc->has_sd)
		tt_buf_printf(b, "- True sd%s: %.4g (from the %s)%s.\n",
			      pc->scale == TT_SCALE_LOG ? " of the ln values" : "", pc->truth.sd,
			      pc->sd_from == TT_PLAN_FROM_PLAN ? "plan block" : "source lots",
			      tt_plan_rule_uses_sd(&pc->rule) ? ""
							      : "; the rule does not depend on it");
	if (r->design == TT_DESIGN_PAIRED)
		tt_buf_printf(b, "- Between-donor correlation: %g%s.\n", r->correlation,
			      r->correlation_assumed ? " (assumed)" : "");
}

static void md_scenarios(tt_buf *b, const tt_plan_comparison *pc)
{
	tt_buf_puts(b, "| True difference (source sds) |");
	for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++)
		tt_buf_printf(b, " sd ratio %g |", tt_plan_sd_ratios[j]);
	tt_buf_puts(b, "\n|---:|");
	for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++)
		tt_buf_puts(b, "---:|");
	tt_buf_putc(b, '\n');
	for (int i = 0; i < TT_PLAN_N_DIFFERENCES; i++) {
		const tt_plan_scenario *row = &pc->scenarios[i * TT_PLAN_N_SD_RATIOS];
		tt_buf_printf(b, "| %g |", row->difference_sd);
		for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++) {
			tt_buf_putc(b, ' ');
			prob_words(b, &row[j].prob);
			tt_buf_puts(b, " |");
		}
		tt_buf_putc(b, '\n');
	}
	/* The patient's risk is at sd ratio 1, the first column. */
	tt_buf_printf(b, "| %.3g (the patient's risk) | ", pc->patient_risk_difference_sd);
	prob_words(b, &pc->patient_risk);
	tt_buf_puts(b, " |");
	for (int j = 1; j < TT_PLAN_N_SD_RATIOS; j++)
		tt_buf_puts(b, " |");
	tt_buf_puts(b, "\n\n");
}

static void md_lot_curve(tt_buf *b, const tt_plan_comparison *pc)
{
	tt_buf_puts(b,
		    "Pass probability by equal lot count per site (receiving equals source):\n\n");
	for (size_t start = 0; start < pc->n_by_lots; start += 10) {
		size_t end = start + 10 < pc->n_by_lots ? start + 10 : pc->n_by_lots;
		tt_buf_puts(b, "| Lots |");
		for (size_t i = start; i < end; i++)
			tt_buf_printf(b, " %zu |", pc->lots[i]);
		tt_buf_puts(b, "\n|---|");
		for (size_t i = start; i < end; i++)
			tt_buf_puts(b, "---:|");
		tt_buf_puts(b, "\n| P(pass) |");
		for (size_t i = start; i < end; i++)
			tt_buf_printf(b, " %.3f |", pc->by_lots[i].p);
		tt_buf_puts(b, "\n\n");
	}
}

void tt_plan_render_md(tt_buf *b, const tt_plan_result *r, const char *plots_rel)
{
	tt_buf_puts(b, "# Study plan: ");
	tt_md_escape(b, r->title ? r->title : r->study_id);
	tt_buf_puts(b, "\n\nStudy `");
	tt_md_escape(b, r->study_id);
	tt_buf_puts(b, "`");
	if (r->protocol) {
		tt_buf_puts(b, ", protocol ");
		tt_md_escape(b, r->protocol);
	}
	tt_buf_printf(b, ".  Design %s, alpha %g, seed %llu.  tt %s.\n\n",
		      tt_design_name(r->design), r->alpha, (unsigned long long)r->seed, TT_VERSION);
	tt_buf_puts(b, "How likely each comparison is to pass as written, before any receiving lot "
		       "is made: when the receiving process truly equals the source (pass "
		       "probability), under true differences and sd ratios (scenarios), and when "
		       "the true difference equals the margin (the patient's risk).\n\n");

	tt_buf_puts(b, "## Summary\n\n");
	if (r->has_study_pass) {
		tt_buf_printf(b, "**Probability that the whole study passes: %.3f",
			      r->study_pass_probability);
		if (r->study_mc_error > 0.0)
			tt_buf_printf(b, " \xC2\xB1 %.1g", r->study_mc_error);
		tt_buf_puts(b, "**\n\n");
	} else {
		tt_buf_puts(b,
			    "**The whole study's probability of passing is not known: a comparison "
			    "could not be planned.**\n\n");
	}
	tt_buf_puts(b, "| Comparison | Approach | Lots (source, receiving) | Pass probability | "
		       "Patient's risk | Lots per site for 80% |\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->n_comparisons; i++) {
		const tt_plan_comparison *pc = &r->comparisons[i];
		tt_buf_printf(b, "| %zu. ", i + 1);
		tt_md_escape(b, pc->attribute);
		tt_buf_printf(b, " | %s | ", tt_approach_label(pc->approach));
		if (!pc->planned) {
			tt_buf_puts(b, "| not planned | | |\n");
			continue;
		}
		tt_buf_printf(b, "%zu, %zu | ", pc->n_source, pc->n_receiving);
		prob_words(b, &pc->pass);
		tt_buf_puts(b, " | ");
		prob_words(b, &pc->patient_risk);
		tt_buf_puts(b, " | ");
		lots_for_words(b, pc);
		tt_buf_puts(b, " |\n");
	}
	tt_buf_putc(b, '\n');

	tt_buf_puts(b, "## Comparisons\n\n");
	for (size_t i = 0; i < r->n_comparisons; i++) {
		const tt_plan_comparison *pc = &r->comparisons[i];
		tt_buf_printf(b, "### %zu. ", i + 1);
		tt_md_escape(b, pc->attribute);
		tt_buf_printf(b, ": %s\n\n", tt_approach_label(pc->approach));
		if (!pc->planned) {
			tt_buf_puts(b, "Not planned: ");
			tt_md_escape(b, pc->reason);
			tt_buf_puts(b, ".\n\n");
			continue;
		}
		tt_buf_puts(b, "Rule: ");
		tt_plan_rule_words(b, &pc->rule);
		tt_buf_puts(b, ".\n\n");
		md_assumptions(b, r, pc);
		tt_buf_puts(b,
			    "- Pass probability when the receiving process equals the source: **");
		prob_words(b, &pc->pass);
		tt_buf_printf(b, "** (%s", tt_plan_method_name(pc->pass.method));
		if (pc->pass.method == TT_PLAN_SIMULATED)
			tt_buf_printf(b, ", %llu replicates",
				      (unsigned long long)pc->pass.replicates);
		tt_buf_puts(b, ").\n- Patient's risk (pass probability at a true difference of ");
		tt_buf_printf(b, "%.3g source sds, %s): ", pc->patient_risk_difference_sd,
			      pc->patient_risk_basis);
		prob_words(b, &pc->patient_risk);
		tt_buf_puts(b, ".\n- Lots per site for 80%: ");
		lots_for_words(b, pc);
		tt_buf_puts(b, ".\n\n");
		md_scenarios(b, pc);
		md_lot_curve(b, pc);
		if (plots_rel) {
			for (int k = 0; k < 2; k++) {
				char *name = tt_plot_plan_file_name(r, i, k == 1);
				tt_buf_printf(b, "![%s](%s/%s)\n\n",
					      k ? "pass probability by true difference"
						: "pass probability by lot count",
					      plots_rel, name);
				free(name);
			}
		}
	}
	if (r->n_notes) {
		tt_buf_puts(b, "## Notes\n\n");
		for (size_t i = 0; i < r->n_notes; i++) {
			tt_buf_puts(b, "- ");
			tt_md_escape(b, r->notes[i]);
			tt_buf_putc(b, '\n');
		}
		tt_buf_putc(b, '\n');
	}
	tt_buf_printf(b,
		      "## Method\n\n"
		      "Probabilities are exact where a formula exists (equivalence with a "
		      "sigma, absolute or ratio margin: an integral over the sample sds, "
		      "METHODS.md; min-max and nonparametric tolerance intervals with identical "
		      "sites: a count of orderings) and otherwise simulated with seed %llu until "
		      "the Monte Carlo error is at most %g.  The same seed gives the same numbers "
		      "on every platform and for any number of threads.\n\n",
		      (unsigned long long)r->seed, r->mc_error);
	if (r->n_inputs) {
		tt_buf_puts(b, "## Inputs\n\n| File | Role | SHA-256 |\n|---|---|---|\n");
		for (size_t i = 0; i < r->n_inputs; i++) {
			tt_buf_puts(b, "| ");
			tt_md_escape(b, r->inputs[i].path);
			tt_buf_printf(b, " | %s | `%s` |\n", r->inputs[i].role,
				      r->inputs[i].sha256);
		}
		tt_buf_putc(b, '\n');
	}
}

/* ---- HTML ---- */

static const char css[] =
	"*{box-sizing:border-box}"
	"body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;font-size:10.5pt;"
	"color:#1a1a1a;max-width:1100px;margin:0 auto;padding:24px;line-height:1.4}"
	"h1{font-size:18pt;margin:0 0 4px}h2{font-size:14pt;border-bottom:2px solid #ddd;"
	"padding-bottom:3px;margin-top:28px}h3{font-size:12pt;margin:0 0 6px}"
	".meta{color:#555;margin:0 0 14px}"
	".banner{padding:14px 18px;border-radius:6px;margin:12px 0 18px;color:#fff;"
	"background:#1d4f91}.banner strong{font-size:16pt;display:block}"
	"table{border-collapse:collapse;margin:6px 0 12px;font-size:9.5pt}"
	"th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
	"th{background:#f2f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums}"
	".cmp{border:1px solid #ddd;border-radius:6px;padding:12px 14px;margin:14px 0;"
	"break-inside:avoid}"
	".figs{display:flex;gap:16px}.figs .fig{flex:1 1 50%;min-width:0}"
	".fig svg{width:100%;height:auto;display:block}"
	"code{font-family:Menlo,Consolas,monospace;font-size:8.5pt;word-break:break-all}"
	"@page{size:A4;margin:14mm}"
	"@media print{body{padding:0;max-width:none;font-size:9.5pt}.figs{display:block}"
	".banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void h(tt_buf *b, const char *s)
{
	tt_html_escape(b, s);
}

static void html_prob(tt_buf *b, const tt_plan_prob *p)
{
	tt_buf tmp = TT_BUF_INIT;
	prob_words(&tmp, p);
	h(b, tmp.data ? tmp.data : "");
	tt_buf_free(&tmp);
}

static int html_comparison(tt_buf *b, const tt_plan_result *r, size_t i, const char *plots_dir)
{
	const tt_plan_comparison *pc = &r->comparisons[i];
	tt_buf_printf(b, "<div class=\"cmp\" id=\"c%zu\"><h3>%zu. ", i + 1, i + 1);
	h(b, pc->attribute);
	tt_buf_printf(b, ": %s</h3>\n", tt_approach_label(pc->approach));
	if (!pc->planned) {
		tt_buf_puts(b, "<p>Not planned: ");
		h(b, pc->reason);
		tt_buf_puts(b, ".</p></div>\n");
		return 0;
	}
	tt_buf rule = TT_BUF_INIT;
	tt_plan_rule_words(&rule, &pc->rule);
	tt_buf_puts(b, "<p>Rule: ");
	h(b, rule.data);
	tt_buf_puts(b, ".</p>\n<ul>");
	tt_buf_free(&rule);
	tt_buf md = TT_BUF_INIT;
	md_assumptions(&md, r, pc);
	/* The assumption lines are plain text ("- ...\n"): one item each. */
	for (char *line = md.data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		tt_buf_puts(b, "<li>");
		h(b, line + 2);
		tt_buf_puts(b, "</li>");
		if (!next)
			break;
	}
	tt_buf_free(&md);
	tt_buf_puts(b,
		    "<li>Pass probability when the receiving process equals the source: <strong>");
	html_prob(b, &pc->pass);
	tt_buf_printf(b, "</strong> (%s", tt_plan_method_name(pc->pass.method));
	if (pc->pass.method == TT_PLAN_SIMULATED)
		tt_buf_printf(b, ", %llu replicates", (unsigned long long)pc->pass.replicates);
	tt_buf_printf(b, ")</li><li>Patient's risk (true difference %.3g source sds, %s): ",
		      pc->patient_risk_difference_sd, pc->patient_risk_basis);
	html_prob(b, &pc->patient_risk);
	tt_buf_puts(b, "</li><li>Lots per site for 80%: ");
	tt_buf words = TT_BUF_INIT;
	lots_for_words(&words, pc);
	h(b, words.data);
	tt_buf_free(&words);
	tt_buf_puts(b, "</li></ul>\n<table><tr><th>True difference (source sds)</th>");
	for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++)
		tt_buf_printf(b, "<th>sd ratio %g</th>", tt_plan_sd_ratios[j]);
	tt_buf_puts(b, "</tr>\n");
	for (int k = 0; k < TT_PLAN_N_DIFFERENCES; k++) {
		const tt_plan_scenario *row = &pc->scenarios[k * TT_PLAN_N_SD_RATIOS];
		tt_buf_printf(b, "<tr><td class=\"num\">%g</td>", row->difference_sd);
		for (int j = 0; j < TT_PLAN_N_SD_RATIOS; j++) {
			tt_buf_puts(b, "<td class=\"num\">");
			html_prob(b, &row[j].prob);
			tt_buf_puts(b, "</td>");
		}
		tt_buf_puts(b, "</tr>\n");
	}
	/* The patient's risk is at sd ratio 1, the first column. */
	tt_buf_printf(b, "<tr><td class=\"num\">%.3g (patient's risk)</td><td class=\"num\">",
		      pc->patient_risk_difference_sd);
	html_prob(b, &pc->patient_risk);
	tt_buf_puts(b, "</td>");
	for (int j = 1; j < TT_PLAN_N_SD_RATIOS; j++)
		tt_buf_puts(b, "<td></td>");
	tt_buf_puts(b, "</tr></table>\n");
	if (plots_dir) {
		tt_buf_puts(b, "<div class=\"figs\">");
		for (int k = 0; k < 2; k++) {
			char *name = tt_plot_plan_file_name(r, i, k == 1);
			int rc = tt_html_inline_svg(b, plots_dir, name);
			free(name);
			if (rc)
				return rc;
		}
		tt_buf_puts(b, "</div>\n");
	} else {
		tt_buf_puts(b, "<table><tr><th>Lots per site</th>");
		for (size_t k = 0; k < pc->n_by_lots; k++)
			tt_buf_printf(b, "<th>%zu</th>", pc->lots[k]);
		tt_buf_puts(b, "</tr><tr><td>P(pass)</td>");
		for (size_t k = 0; k < pc->n_by_lots; k++)
			tt_buf_printf(b, "<td class=\"num\">%.3f</td>", pc->by_lots[k].p);
		tt_buf_puts(b, "</tr></table>\n");
	}
	tt_buf_puts(b, "</div>\n");
	return 0;
}

int tt_plan_render_html(tt_buf *b, const tt_plan_result *r, const char *plots_dir,
			const char *record)
{
	tt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		       "<title>Study plan: ");
	h(b, r->title ? r->title : r->study_id);
	tt_buf_printf(b, "</title><style>%s", css);
	tt_html_record_css(b, record);
	tt_buf_puts(b, "</style></head><body>\n<h1>Study plan: ");
	h(b, r->title ? r->title : r->study_id);
	tt_buf_puts(b, "</h1>\n<p class=\"meta\">Study <code>");
	h(b, r->study_id);
	tt_buf_puts(b, "</code>");
	if (r->protocol) {
		tt_buf_puts(b, ", protocol ");
		h(b, r->protocol);
	}
	tt_buf_printf(b, ". Design %s, alpha %g, seed %llu. tt %s.</p>\n",
		      tt_design_name(r->design), r->alpha, (unsigned long long)r->seed, TT_VERSION);
	tt_html_record_line(b, record, "plan.json");
	tt_buf_puts(b, "<div class=\"banner\">");
	if (r->has_study_pass) {
		tt_buf_printf(b, "<strong>Probability that the whole study passes: %.3f",
			      r->study_pass_probability);
		if (r->study_mc_error > 0.0)
			tt_buf_printf(b, " \xC2\xB1 %.1g", r->study_mc_error);
		tt_buf_puts(b, "</strong>when the receiving process equals the source");
	} else {
		tt_buf_puts(b, "<strong>The whole study's probability of passing is not "
			       "known</strong>a comparison could not be planned");
	}
	tt_buf_puts(b, "</div>\n<h2>Summary</h2>\n<table><tr><th>Comparison</th><th>Approach</th>"
		       "<th>Lots (source, receiving)</th><th>Pass probability</th>"
		       "<th>Patient's risk</th><th>Lots per site for 80%</th></tr>\n");
	for (size_t i = 0; i < r->n_comparisons; i++) {
		const tt_plan_comparison *pc = &r->comparisons[i];
		tt_buf_printf(b, "<tr><td><a href=\"#c%zu\">%zu. ", i + 1, i + 1);
		h(b, pc->attribute);
		tt_buf_printf(b, "</a></td><td>%s</td>", tt_approach_label(pc->approach));
		if (!pc->planned) {
			tt_buf_puts(b, "<td></td><td>not planned</td><td></td><td></td></tr>\n");
			continue;
		}
		tt_buf_printf(b, "<td class=\"num\">%zu, %zu</td><td class=\"num\">", pc->n_source,
			      pc->n_receiving);
		html_prob(b, &pc->pass);
		tt_buf_puts(b, "</td><td class=\"num\">");
		html_prob(b, &pc->patient_risk);
		tt_buf_puts(b, "</td><td>");
		tt_buf words = TT_BUF_INIT;
		lots_for_words(&words, pc);
		h(b, words.data);
		tt_buf_free(&words);
		tt_buf_puts(b, "</td></tr>\n");
	}
	tt_buf_puts(b, "</table>\n<h2>Comparisons</h2>\n");
	for (size_t i = 0; i < r->n_comparisons; i++) {
		int rc = html_comparison(b, r, i, plots_dir);
		if (rc)
			return rc;
	}
	if (r->n_notes) {
		tt_buf_puts(b, "<h2>Notes</h2>\n<ul>");
		for (size_t i = 0; i < r->n_notes; i++) {
			tt_buf_puts(b, "<li>");
			h(b, r->notes[i]);
			tt_buf_puts(b, "</li>");
		}
		tt_buf_puts(b, "</ul>\n");
	}
	tt_buf_printf(b,
		      "<h2>Method</h2>\n<p>Probabilities are exact where a formula exists "
		      "(equivalence with a sigma, absolute or ratio margin: an integral over "
		      "the sample sds; min-max and nonparametric tolerance intervals with "
		      "identical sites: a count of orderings) and otherwise simulated with "
		      "seed %llu until the Monte Carlo error is at most %g. The same seed gives "
		      "the same numbers on every platform and for any number of threads.</p>\n",
		      (unsigned long long)r->seed, r->mc_error);
	if (r->n_inputs) {
		tt_buf_puts(b, "<h2>Inputs</h2>\n<table><tr><th>File</th><th>Role</th>"
			       "<th>SHA-256</th></tr>\n");
		for (size_t i = 0; i < r->n_inputs; i++) {
			tt_buf_puts(b, "<tr><td>");
			h(b, r->inputs[i].path);
			tt_buf_printf(b, "</td><td>%s</td><td><code>%s</code></td></tr>\n",
				      r->inputs[i].role, r->inputs[i].sha256);
		}
		tt_buf_puts(b, "</table>\n");
	}
	tt_buf_puts(b, "</body></html>\n");
	return 0;
}

/* ---- the grid ---- */

static size_t grid_cols(const tt_plan_grid *g)
{
	return g->nr_hi - g->nr_lo + 1;
}

/* A grid cell: 3 decimals, or "0" when a formula says the rule cannot
 * pass at all. */
static const char *cell_text(char buf[32], const tt_plan_prob *p)
{
	if (tt_plan_prob_never(p))
		return "0";
	snprintf(buf, 32, "%.3f", p->p);
	return buf;
}

/* The lines under a grid, each starting with prefix. */
static void grid_footer(tt_buf *b, const tt_plan_grid *g, const char *prefix)
{
	if (g->any_simulated)
		tt_buf_printf(b, "%ssimulated: Monte Carlo error at most %.1g\n", prefix,
			      g->max_mc_error);
	else
		tt_buf_printf(b, "%sexact\n", prefix);
	if (g->any_never)
		tt_buf_printf(b, "%s0: the rule cannot pass at these lot counts\n", prefix);
	if (g->lots_for_80)
		tt_buf_printf(b, "%slots per site for 80%%: %zu (%.3f)\n", prefix, g->lots_for_80,
			      g->lots_for_80_prob.p);
	else
		tt_buf_printf(b, "%slots per site for 80%%: not reached with up to %d\n", prefix,
			      TT_PLAN_MAX_LOTS);
}

void tt_plan_grid_render_text(tt_buf *b, const tt_plan_grid *g, const char *title)
{
	size_t cols = grid_cols(g);
	tt_buf_printf(b, "%s\n", title);
	tt_buf_printf(b, "%-8s", "source");
	for (size_t j = 0; j < cols; j++)
		tt_buf_printf(b, " %6zu", g->nr_lo + j);
	tt_buf_puts(b, "   <- receiving\n");
	for (size_t n = g->ns_lo; n <= g->ns_hi; n++) {
		tt_buf_printf(b, "%-8zu", n);
		for (size_t j = 0; j < cols; j++) {
			char cell[32];
			tt_buf_printf(b, " %6s",
				      cell_text(cell, &g->cells[(n - g->ns_lo) * cols + j]));
		}
		tt_buf_putc(b, '\n');
	}
	grid_footer(b, g, "");
}

void tt_plan_grid_render_md(tt_buf *b, const tt_plan_grid *g, const char *title)
{
	size_t cols = grid_cols(g);
	tt_buf_printf(b, "%s\n\n| source \\\\ receiving |", title);
	for (size_t j = 0; j < cols; j++)
		tt_buf_printf(b, " %zu |", g->nr_lo + j);
	tt_buf_puts(b, "\n|---:|");
	for (size_t j = 0; j < cols; j++)
		tt_buf_puts(b, "---:|");
	tt_buf_putc(b, '\n');
	for (size_t n = g->ns_lo; n <= g->ns_hi; n++) {
		tt_buf_printf(b, "| %zu |", n);
		for (size_t j = 0; j < cols; j++) {
			char cell[32];
			tt_buf_printf(b, " %s |",
				      cell_text(cell, &g->cells[(n - g->ns_lo) * cols + j]));
		}
		tt_buf_putc(b, '\n');
	}
	tt_buf_putc(b, '\n');
	grid_footer(b, g, "- ");
}

void tt_plan_grid_render_json(tt_buf *out, const tt_plan_grid *g, const tt_plan_rule *rule,
			      const tt_plan_truth *truth, const tt_plan_options *opt)
{
	size_t cols = grid_cols(g);
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "tt_version", TT_VERSION);
	tt_json_kv_string(&j, "approach", tt_approach_name(rule->approach));
	json_parameters(&j, rule, TT_SCALE_LINEAR);
	tt_json_kv_number(&j, "difference_sd", truth->difference_sd);
	tt_json_kv_number(&j, "sd_ratio", truth->sd_ratio);
	if (tt_plan_rule_uses_sd(rule))
		tt_json_kv_number(&j, "sd", truth->sd);
	if (tt_plan_rule_uses_mean(rule))
		tt_json_kv_number(&j, "mean", truth->mean);
	if (rule->design == TT_DESIGN_PAIRED)
		tt_json_kv_number(&j, "correlation", truth->correlation);
	tt_json_kv_number(&j, "seed", (double)opt->seed);
	tt_json_key(&j, "n_source");
	tt_json_begin_array(&j);
	for (size_t n = g->ns_lo; n <= g->ns_hi; n++)
		tt_json_int(&j, (long long)n);
	tt_json_end_array(&j);
	tt_json_key(&j, "n_receiving");
	tt_json_begin_array(&j);
	for (size_t n = g->nr_lo; n <= g->nr_hi; n++)
		tt_json_int(&j, (long long)n);
	tt_json_end_array(&j);
	for (int pass = 0; pass < 2; pass++) {
		tt_json_key(&j, pass ? "mc_error" : "pass_probability");
		tt_json_begin_array(&j);
		for (size_t n = g->ns_lo; n <= g->ns_hi; n++) {
			tt_json_begin_array(&j);
			for (size_t k = 0; k < cols; k++) {
				const tt_plan_prob *p = &g->cells[(n - g->ns_lo) * cols + k];
				tt_json_number(&j, pass ? p->mc_error : p->p);
			}
			tt_json_end_array(&j);
		}
		tt_json_end_array(&j);
	}
	tt_json_kv_string(&j, "method", tt_plan_method_name(g->cells[0].method));
	if (g->lots_for_80) {
		tt_json_kv_int(&j, "lots_for_80", (long long)g->lots_for_80);
		tt_json_kv_number(&j, "lots_for_80_probability", g->lots_for_80_prob.p);
	} else {
		tt_json_kv_null(&j, "lots_for_80");
		tt_json_kv_null(&j, "lots_for_80_probability");
	}
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
}
