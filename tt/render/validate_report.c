/*
 * validate_report.c - the qualification report: validation.json for
 * machines and validation.html for people (one self-contained file, inline
 * CSS, laid out for A4), over one tt_validation.  The renderers compute
 * nothing but whether a group passed: it has checks and every one passed.
 */
#include "tt/render/validate_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/escape.h"
#include "tt/base/json.h"
#include "tt/render/report.h"
#include "tt/validate/validate.h"

/* ---- JSON ---- */

static void json_env(tt_json *j, const tt_validate_env *env)
{
	tt_json_key(j, "environment");
	tt_json_begin_object(j);
	tt_json_kv_string(j, "tt", env->tt_version);
	tt_json_kv_string(j, "gsl", env->gsl_version);
	tt_json_kv_string(j, "libyaml", env->yaml_version);
	tt_json_kv_string(j, "gnuplot", env->gnuplot_version);
	tt_json_kv_string(j, "compiler", env->compiler);
	tt_json_kv_string(j, "os", env->os);
	tt_json_kv_string(j, "cpu", env->cpu);
	tt_json_kv_string(j, "date", env->date);
	tt_json_end_object(j);
}

static void json_check(tt_json *j, const tt_check *k)
{
	tt_json_begin_object(j);
	tt_json_kv_string(j, "id", k->id);
	tt_json_kv_string(j, "group", k->group);
	tt_json_kv_string(j, "description", k->description);
	tt_json_kv_string(j, "source", k->source);
	tt_json_key(j, "tolerance");
	tt_json_begin_object(j);
	if (k->expected_text) {
		tt_json_kv_string(j, "type", "exact");
		tt_json_end_object(j);
		tt_json_kv_string(j, "expected", k->expected_text);
		tt_json_kv_string(j, "observed", k->observed_text);
	} else {
		tt_json_kv_string(j, "type", tt_tol_kind_name(k->tol_kind));
		tt_json_kv_number(j, "value", k->tolerance);
		tt_json_end_object(j);
		tt_json_kv_number(j, "expected", k->expected);
		tt_json_kv_number(j, "observed", k->observed);
		tt_json_kv_number(j, "deviation", k->deviation);
	}
	tt_json_kv_bool(j, "pass", k->pass);
	if (k->error)
		tt_json_kv_string(j, "error", k->error);
	tt_json_end_object(j);
}

void tt_validate_json(tt_buf *out, const tt_validation *v)
{
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "report", "tt operational qualification");
	tt_json_kv_string(&j, "tt_version", v->env.tt_version);
	tt_json_kv_string(&j, "generated_at", v->env.date);
	tt_json_kv_string(&j, "result", v->n_failed == 0 ? "pass" : "fail");
	json_env(&j, &v->env);

	tt_json_key(&j, "summary");
	tt_json_begin_object(&j);
	tt_json_kv_int(&j, "checks", (long long)v->n_checks);
	tt_json_kv_int(&j, "passed", (long long)v->n_passed);
	tt_json_kv_int(&j, "failed", (long long)v->n_failed);
	tt_json_key(&j, "groups");
	tt_json_begin_array(&j);
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		size_t n, passed;
		tt_validate_group_counts(v, tt_validate_groups[g].id, &n, &passed);
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "id", tt_validate_groups[g].id);
		tt_json_kv_string(&j, "title", tt_validate_groups[g].title);
		tt_json_kv_int(&j, "checks", (long long)n);
		tt_json_kv_int(&j, "passed", (long long)passed);
		tt_json_kv_int(&j, "failed", (long long)(n - passed));
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_end_object(&j);

	tt_json_key(&j, "checks");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < v->n_checks; i++)
		json_check(&j, &v->checks[i]);
	tt_json_end_array(&j);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
}

/* ---- HTML ---- */

/* clang-format off */
static const char css[] =
	"*{box-sizing:border-box}"
	"body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;font-size:10pt;"
	"color:#1a1a1a;max-width:1100px;margin:0 auto;padding:24px;line-height:1.4}"
	"h1{font-size:18pt;margin:0 0 4px}h2{font-size:13pt;border-bottom:2px solid #ddd;"
	"padding-bottom:3px;margin-top:26px}"
	".meta{color:#555;margin:0 0 14px}"
	".banner{padding:12px 16px;border-radius:6px;margin:12px 0 18px;color:#fff}"
	".banner strong{font-size:15pt;display:block}"
	".pass-bg{background:#1b7f3b}.fail-bg{background:#b42318}"
	"table{border-collapse:collapse;margin:6px 0 12px;font-size:9pt;width:100%}"
	"th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
	"th{background:#f2f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}"
	"table.checks{font-size:7.5pt;table-layout:fixed}table.checks td{overflow-wrap:anywhere}"
	"table.checks td.num{white-space:normal}"
	"table.env th{width:22%}"
	"code{font-family:Menlo,Consolas,monospace;font-size:7.5pt;word-break:break-all}"
	".r{font-weight:bold;white-space:nowrap}.r-pass{color:#1b7f3b}.r-fail{color:#b42318}"
	"tr.failed td{background:#fef3f2}"
	".err{color:#b42318}"
	".sign td{height:40px}.sign th{width:20%}"
	"thead{display:table-header-group}"
	"@page{size:A4;margin:14mm}"
	"@media print{body{padding:0;max-width:none;font-size:9pt}"
	".banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"tr{break-inside:avoid}h2{break-after:avoid}.signoff{break-inside:avoid}}";
/* clang-format on */

static void e(tt_buf *b, const char *s)
{
	tt_html_escape(b, s);
}

/* The shortest decimal that reads back as the same double, so that a
 * published 0.153 shows as 0.153 and a computed value to full precision. */
static const char *exact_number(char *buf, size_t size, double v)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "%s", isnan(v) ? "none" : v > 0 ? "inf" : "-inf");
		return buf;
	}
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

static void td_num(tt_buf *b, double v)
{
	char tmp[64];
	tt_buf_puts(b, "<td class=\"num\">");
	e(b, exact_number(tmp, sizeof tmp, v));
	tt_buf_puts(b, "</td>");
}

static void env_row(tt_buf *b, const char *what, const char *value)
{
	tt_buf_puts(b, "<tr><th>");
	e(b, what);
	tt_buf_puts(b, "</th><td>");
	e(b, value);
	tt_buf_puts(b, "</td></tr>\n");
}

static void check_row(tt_buf *b, const tt_check *k, bool with_source)
{
	tt_buf_puts(b, k->pass ? "<tr>" : "<tr class=\"failed\">");
	tt_buf_puts(b, "<td><code>");
	e(b, k->id);
	tt_buf_puts(b, "</code></td><td>");
	e(b, k->description);
	if (k->error) {
		tt_buf_puts(b, "<br><span class=\"err\">error: ");
		e(b, k->error);
		tt_buf_puts(b, "</span>");
	}
	tt_buf_puts(b, "</td>");
	if (k->expected_text) {
		tt_buf_puts(b, "<td>");
		e(b, k->expected_text);
		tt_buf_puts(b, "</td><td>");
		e(b, k->observed_text ? k->observed_text : "none");
		tt_buf_puts(b, "</td><td>exact</td><td class=\"num\"></td>");
	} else {
		char tmp[64];
		td_num(b, k->expected);
		td_num(b, k->observed);
		tt_buf_printf(b, "<td class=\"num\">%s %s</td>",
			      k->tol_kind == TT_TOL_RELATIVE ? "rel" : "abs",
			      exact_number(tmp, sizeof tmp, k->tolerance));
		if (isfinite(k->deviation))
			tt_buf_printf(b, "<td class=\"num\">%.2g</td>", k->deviation);
		else
			tt_buf_puts(b, "<td class=\"num\"></td>");
	}
	if (with_source) {
		tt_buf_puts(b, "<td>");
		e(b, k->source);
		tt_buf_puts(b, "</td>");
	}
	tt_buf_printf(b, "<td class=\"r r-%s\">%s</td></tr>\n", k->pass ? "pass" : "fail",
		      k->pass ? "PASS" : "FAIL");
}

/* The head of a table of checks; the column widths are fixed so that long
 * numbers and ids wrap the same way on every page. */
static void check_head(tt_buf *b, bool with_source)
{
	static const char *const widths[2][8] = {
		{ "17%", "26%", "17%", "17%", "9%", "8%", "6%", NULL },
		{ "14%", "18%", "15%", "15%", "8%", "8%", "16%", "6%" },
	};
	tt_buf_puts(b, "<table class=\"checks\"><colgroup>");
	for (int i = 0; i < 8 && widths[with_source][i]; i++)
		tt_buf_printf(b, "<col style=\"width:%s\">", widths[with_source][i]);
	tt_buf_puts(b, "</colgroup><thead><tr><th>check</th><th>description</th><th>expected</th>"
		       "<th>observed</th><th>tolerance</th><th>deviation</th>");
	if (with_source)
		tt_buf_puts(b, "<th>source</th>");
	tt_buf_puts(b, "<th>result</th></tr></thead><tbody>\n");
}

/* The source every check of a group shares, or NULL when they differ. */
static const char *common_source(const tt_validation *v, const char *group)
{
	const char *src = NULL;
	for (size_t i = 0; i < v->n_checks; i++) {
		const tt_check *k = &v->checks[i];
		if (strcmp(k->group, group) != 0)
			continue;
		if (!src)
			src = k->source;
		else if (strcmp(src, k->source) != 0)
			return NULL;
	}
	return src;
}

void tt_validate_html(tt_buf *b, const tt_validation *v, const char *record)
{
	const tt_validate_env *env = &v->env;
	bool ok = v->n_failed == 0;
	tt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<title>tt operational qualification</title>\n<style>");
	tt_buf_puts(b, css);
	tt_html_record_css(b, record);
	tt_buf_puts(b, "</style>\n</head>\n<body>\n");
	tt_buf_puts(b, "<h1>tt operational qualification</h1>\n<p class=\"meta\">tt ");
	e(b, env->tt_version);
	tt_buf_puts(b, ", run ");
	e(b, env->date);
	tt_buf_puts(b, "</p>\n");
	tt_html_record_line(b, record, "validation.json");

	tt_buf_printf(b, "<div class=\"banner %s\"><strong>%s</strong>", ok ? "pass-bg" : "fail-bg",
		      ok ? "PASS" : "FAIL");
	if (ok)
		tt_buf_printf(b, "all %zu checks passed", v->n_checks);
	else
		tt_buf_printf(b, "%zu of %zu checks failed", v->n_failed, v->n_checks);
	tt_buf_puts(b, "</div>\n");

	tt_buf_puts(b,
		    "<h2>Purpose</h2>\n<p>Software used for GMP decisions is qualified where it is "
		    "installed. This report records the operational qualification of tt on the "
		    "system below: the installed program recomputed every reference value of its "
		    "qualification suite and compared each with its expected value within the "
		    "tolerance stated. The expected values come from published sources (NIST, "
		    "statistical tables, papers) and from independent computations in R; they, "
		    "their sources and the tolerances are fixed in the program and were not "
		    "chosen at run time. The suite passes only when every check passes.</p>\n");

	tt_buf_puts(b, "<h2>Environment</h2>\n<table class=\"env\">\n");
	env_row(b, "tt", env->tt_version);
	env_row(b, "GSL", env->gsl_version);
	env_row(b, "libyaml", env->yaml_version);
	env_row(b, "gnuplot", env->gnuplot_version);
	env_row(b, "compiler", env->compiler);
	env_row(b, "operating system", env->os);
	env_row(b, "processor", env->cpu);
	env_row(b, "date (UTC)", env->date);
	tt_buf_puts(b, "</table>\n");

	tt_buf_puts(b, "<h2>Summary</h2>\n<table><thead><tr><th>group</th><th>what is checked"
		       "</th><th>checks</th><th>passed</th><th>failed</th><th>result</th></tr>"
		       "</thead><tbody>\n");
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		const tt_validate_group *grp = &tt_validate_groups[g];
		size_t n, passed;
		tt_validate_group_counts(v, grp->id, &n, &passed);
		bool gok = n > 0 && passed == n;
		tt_buf_puts(b, "<tr><td>");
		e(b, grp->title);
		tt_buf_puts(b, "</td><td>");
		e(b, grp->about);
		tt_buf_printf(b,
			      "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			      "<td class=\"num\">%zu</td><td class=\"r r-%s\">%s</td></tr>\n",
			      n, passed, n - passed, gok ? "pass" : "fail", gok ? "PASS" : "FAIL");
	}
	tt_buf_printf(b,
		      "<tr><th colspan=\"2\">all groups</th><th class=\"num\">%zu</th>"
		      "<th class=\"num\">%zu</th><th class=\"num\">%zu</th>"
		      "<th class=\"r r-%s\">%s</th></tr>\n</tbody></table>\n",
		      v->n_checks, v->n_passed, v->n_failed, ok ? "pass" : "fail",
		      ok ? "PASS" : "FAIL");
	tt_buf_puts(b, "<p>Tolerances: <em>rel</em> t passes when |observed &minus; expected| "
		       "&le; t &times; |expected|; <em>abs</em> t when |observed &minus; expected| "
		       "&le; t; published values are checked to half a unit of their last "
		       "printed digit. The deviation column is |observed &minus; expected| in the "
		       "same terms. Text results (decisions, outcomes, verdicts) must match "
		       "exactly.</p>\n");

	if (!ok) {
		tt_buf_puts(b, "<h2>Failed checks</h2>\n");
		check_head(b, true);
		for (size_t i = 0; i < v->n_checks; i++)
			if (!v->checks[i].pass)
				check_row(b, &v->checks[i], true);
		tt_buf_puts(b, "</tbody></table>\n");
	}

	for (size_t g = 0; g < tt_validate_group_count; g++) {
		const tt_validate_group *grp = &tt_validate_groups[g];
		tt_buf_puts(b, "<h2>");
		e(b, grp->title);
		tt_buf_puts(b, "</h2>\n<p>");
		e(b, grp->about);
		tt_buf_puts(b, "</p>\n");
		/* A source that every check of the group shares is said once. */
		const char *src = common_source(v, grp->id);
		if (src) {
			tt_buf_puts(b, "<p><strong>Source:</strong> ");
			e(b, src);
			tt_buf_puts(b, "</p>\n");
		}
		check_head(b, src == NULL);
		for (size_t i = 0; i < v->n_checks; i++)
			if (strcmp(v->checks[i].group, grp->id) == 0)
				check_row(b, &v->checks[i], src == NULL);
		tt_buf_puts(b, "</tbody></table>\n");
	}

	tt_buf_puts(b, "<div class=\"signoff\">\n<h2>Sign-off</h2>\n<p>By signing, each person "
		       "confirms the role below for this qualification run of tt ");
	e(b, env->tt_version);
	tt_buf_puts(b, " on the system described above.</p>\n"
		       "<table class=\"sign\"><thead><tr><th>role</th><th>name</th>"
		       "<th>signature</th><th>date</th></tr></thead><tbody>\n"
		       "<tr><th>Executed by</th><td></td><td></td><td></td></tr>\n"
		       "<tr><th>Reviewed by</th><td></td><td></td><td></td></tr>\n"
		       "<tr><th>QA approved</th><td></td><td></td><td></td></tr>\n"
		       "</tbody></table>\n<p>Comments and deviations:</p>\n"
		       "<table class=\"sign\"><tr><td></td></tr></table>\n</div>\n");
	tt_buf_puts(b, "</body>\n</html>\n");
}
