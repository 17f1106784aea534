/*
 * cmd_plan.c - tt plan: power, lot counts and operating characteristics.
 *
 *   tt plan STUDY.yaml [--format md,html,json] [-o DIR] [--seed N]
 *                      [--no-plots] [--force] [--mc-error E] [--threads N]
 *   tt plan --approach A [rule options] [--n-source R] [--n-receiving R]
 *           [--difference-sd D] [--sd-ratio Q] [--format text|md|json]
 *
 * With a study, one Markdown or JSON plan goes to stdout; with -o, with
 * HTML, or with several formats, the plan is a folder (plan.md, plan.html,
 * plan.json and plots/) written all at once like a run's report.  Without
 * a study, the grid of pass probabilities over the lot counts is printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/app/folder.h"
#include "tt/cli/cli.h"
#include "tt/base/error.h"
#include "tt/input/methods.h"
#include "tt/plan/plan.h"
#include "tt/plot/plot.h"
#include "tt/render/plan_report.h"
#include "tt/input/study.h"
#include "tt/base/util.h"

static const tt_cli_option opts[] = {
	/* Both modes. */
	{ "format", 'f', 1 },
	{ "seed", 0, 1 },
	{ "mc-error", 0, 1 },
	{ "threads", 0, 1 },
	{ "simulate", 0, 0 },
	/* With a study. */
	{ "output", 'o', 1 },
	{ "no-plots", 0, 0 },
	{ "force", 0, 0 },
	/* Without one: the grid. */
	{ "approach", 0, 1 },
	{ "margin-sigma", 0, 1 },
	{ "margin-absolute", 0, 1 },
	{ "margin-percent", 0, 1 },
	{ "margin-ratio", 0, 1 },
	{ "sd", 0, 1 },
	{ "mean", 0, 1 },
	{ "variance", 0, 1 },
	{ "alpha", 0, 1 },
	{ "paired", 0, 0 },
	{ "correlation", 0, 1 },
	{ "k", 0, 1 },
	{ "min-fraction", 0, 1 },
	{ "content", 0, 1 },
	{ "confidence", 0, 1 },
	{ "method", 0, 1 },
	{ "sides", 0, 1 },
	{ "direction", 0, 1 },
	{ "n-source", 0, 1 },
	{ "n-receiving", 0, 1 },
	{ "difference-sd", 0, 1 },
	{ "sd-ratio", 0, 1 },
	{ NULL, 0, 0 },
};

/* The first grid-only option in opts. */
#define FIRST_GRID_OPTION 8

static const char *get(const tt_cli_args *a, const char *name)
{
	return tt_cli_get(opts, a, name);
}

static int number_opt(const tt_cli_args *a, const char *name, double *v)
{
	const char *s = get(a, name);
	if (!s)
		return 0;
	if (tt_parse_double(s, v) != 0)
		return tt_cli_usage_error("plan", "--%s needs a number, not '%s'", name, s);
	return 0;
}

/* One word of a fixed set; *index its position. */
static int word_opt(const tt_cli_args *a, const char *name, const char *const *words, int *index)
{
	const char *s = get(a, name);
	if (!s)
		return 0;
	for (int i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0) {
			*index = i;
			return 0;
		}
	const char *hint = tt_suggest(s, words);
	if (hint)
		return tt_cli_usage_error("plan", "unknown %s '%s'; did you mean '%s'?", name, s,
					  hint);
	return tt_cli_usage_error("plan", "unknown %s '%s'", name, s);
}

static int seed_opt(const tt_cli_args *a, bool *has, uint64_t *seed)
{
	const char *s = get(a, "seed");
	*has = s != NULL;
	if (!s)
		return 0;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-' || s[0] == '+' || s[0] == ' ')
		return tt_cli_usage_error("plan", "--seed needs a whole number >= 0, not '%s'", s);
	*seed = v;
	return 0;
}

static int engine_opts(const tt_cli_args *a, tt_plan_options *o, bool *has_seed)
{
	if (seed_opt(a, has_seed, &o->seed))
		return TT_EXIT_USAGE;
	if (number_opt(a, "mc-error", &o->mc_error))
		return TT_EXIT_USAGE;
	if (get(a, "mc-error") && !(o->mc_error >= 1e-4 && o->mc_error < 0.5))
		return tt_cli_usage_error("plan",
					  "--mc-error must be between 0.0001 and 0.5, not "
					  "'%s'",
					  get(a, "mc-error"));
	/* Replicates enough for the error asked, and never fewer than the
	 * default's first round. */
	double need = 0.25 / (o->mc_error * o->mc_error);
	if (need > (double)o->max_replicates)
		o->max_replicates = (uint64_t)need + TT_PLAN_BLOCK;
	const char *t = get(a, "threads");
	if (t) {
		long n;
		if (tt_parse_long(t, 1, 64, &n) != 0)
			return tt_cli_usage_error("plan",
						  "--threads needs a number from 1 to 64, "
						  "not '%s'",
						  t);
		o->threads = (int)n;
	}
	o->simulate = get(a, "simulate") != NULL;
	return 0;
}

/* ---- with a study ---- */

static int write_folder(const tt_plan_result *r, const char *target, const tt_folder_options *fopt,
			bool force)
{
	tt_folder *folder;
	int rc = tt_folder_claim(&folder, target, TT_FOLDER_PLAN, force);
	if (rc) {
		fprintf(stderr, "tt plan: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}
	if (tt_folder_write_plan(folder, r, fopt) != 0) {
		/* Once the folder is claimed, a failure is the environment's
		 * (gnuplot, the disk), not the study's. */
		fprintf(stderr, "tt plan: error: %s\n", tt_error_last());
		return TT_EXIT_ENV;
	}
	printf("%s: plan written to %s/\n", r->study_id, target);
	return TT_EXIT_OK;
}

static int plan_study(const tt_cli_args *a)
{
	for (int i = FIRST_GRID_OPTION; opts[i].name; i++)
		if (a->value[i])
			return tt_cli_usage_error("plan",
						  "--%s describes a rule for the grid without a "
						  "study; a study's rules are in the study file",
						  opts[i].name);
	static const char *const fmt_names[] = { "html", "md", "json", NULL };
	static const int fmt_bits[] = { TT_FOLDER_HTML, TT_FOLDER_MD, TT_FOLDER_JSON };
	const char *f = get(a, "format");
	const char *out = get(a, "output");
	tt_folder_options fopt = TT_FOLDER_OPTIONS_INIT;
	fopt.command_line = tt_cli_command_line();
	if (!out)
		fopt.formats = TT_FOLDER_MD;
	if (f && tt_cli_parse_formats("plan", f, fmt_names, fmt_bits, &fopt.formats))
		return TT_EXIT_USAGE;
	/* One Markdown or JSON plan goes to stdout; anything more is a
	 * folder. */
	bool to_stdout = !out && (fopt.formats == TT_FOLDER_MD || fopt.formats == TT_FOLDER_JSON);
	fopt.plots = !to_stdout && !get(a, "no-plots");
	bool force = get(a, "force") != NULL;
	if (to_stdout && (get(a, "no-plots") || force))
		return tt_cli_usage_error("plan",
					  "--%s applies only when the plan is written to "
					  "a folder (-o DIR, html or several formats)",
					  force ? "force" : "no-plots");

	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	bool has_seed = false;
	if (engine_opts(a, &o, &has_seed))
		return TT_EXIT_USAGE;
	tt_plot_options popt = TT_PLOT_OPTIONS_INIT;
	fopt.plot = &popt;
	if (fopt.plots && tt_plot_available(&popt) != 0) {
		fprintf(stderr, "tt plan: error: %s\n", tt_error_last());
		return TT_EXIT_ENV;
	}

	tt_diags d = TT_DIAGS_INIT;
	tt_plan_result *r = NULL;
	int rc = tt_plan_study_file(&r, a->positional[0], &o, has_seed, &d);
	tt_diags_print(&d, stderr);
	tt_diags_free(&d);
	if (rc) {
		if (rc != TT_EINVAL)
			fprintf(stderr, "tt plan: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}
	int status = TT_EXIT_OK;
	if (to_stdout) {
		tt_buf b = TT_BUF_INIT;
		if (fopt.formats == TT_FOLDER_JSON)
			tt_plan_render_json(&b, r);
		else
			tt_plan_render_md(&b, r, NULL);
		fwrite(b.data, 1, b.len, stdout);
		tt_buf_free(&b);
	} else {
		char *target = out ? tt_xstrdup(out) : tt_xasprintf("reports/%s-plan", r->study_id);
		status = write_folder(r, target, &fopt, force);
		free(target);
	}
	tt_plan_result_free(r);
	return status;
}

/* ---- without a study: the grid ---- */

/* "A..B" or "N": lot counts from 2 to 1000. */
static int range_opt(const tt_cli_args *a, const char *name, size_t *lo, size_t *hi)
{
	const char *s = get(a, name);
	if (!s)
		s = "3..15";
	const char *dots = strstr(s, "..");
	char *first = tt_xstrndup(s, dots ? (size_t)(dots - s) : strlen(s));
	const char *second = dots ? dots + 2 : first;
	long l, h;
	int bad = tt_parse_long(first, -1000000, 1000000, &l) != 0 ||
		  tt_parse_long(second, -1000000, 1000000, &h) != 0;
	free(first);
	if (bad)
		return tt_cli_usage_error("plan",
					  "--%s needs a lot count N or a range A..B, not "
					  "'%s'",
					  name, s);
	if (l < 2 || h < 2)
		return tt_cli_usage_error("plan", "--%s: lot counts start at 2, not %ld", name,
					  l < h ? l : h);
	if (l > 1000 || h > 1000)
		return tt_cli_usage_error("plan", "--%s: at most 1000 lots, not %ld", name,
					  l > h ? l : h);
	if (l > h)
		return tt_cli_usage_error("plan", "--%s: the range '%s' decreases", name, s);
	*lo = (size_t)l;
	*hi = (size_t)h;
	return 0;
}

/* Refuses the options of other approaches. */
static int only_for(const tt_cli_args *a, const char *const *names, const char *approach)
{
	for (int i = 0; names[i]; i++)
		if (get(a, names[i]))
			return tt_cli_usage_error("plan", "--%s does not apply to approach '%s'",
						  names[i], approach);
	return 0;
}

static int plan_grid(const tt_cli_args *a)
{
	static const char *const study_only[] = { "output", "no-plots", "force", NULL };
	for (int i = 0; study_only[i]; i++)
		if (get(a, study_only[i]))
			return tt_cli_usage_error("plan", "--%s needs a study", study_only[i]);
	const char *approach = get(a, "approach");
	if (!approach)
		return tt_cli_usage_error("plan", "no study given (or --approach for a grid of lot "
						  "counts)");
	int ai = 0;
	if (word_opt(a, "approach", tt_approach_names, &ai))
		return TT_EXIT_USAGE;
	if (!tt_plan_approach_has_rule((tt_approach)ai))
		return tt_cli_usage_error("plan", "approach '%s' has no pass probability to plan",
					  approach);

	tt_plan_rule rule = TT_PLAN_RULE_INIT;
	tt_plan_truth truth = TT_PLAN_TRUTH_INIT;
	rule.approach = (tt_approach)ai;
	static const char *const eq_opts[] = { "margin-sigma",
					       "margin-absolute",
					       "margin-percent",
					       "margin-ratio",
					       "sd",
					       "mean",
					       "variance",
					       "alpha",
					       NULL };
	static const char *const qr_opts[] = { "k", "min-fraction", NULL };
	static const char *const ti_opts[] = { "content", "confidence", "method",
					       "sides",   "direction",  NULL };
	if (rule.approach != TT_APPROACH_EQUIVALENCE && only_for(a, eq_opts, approach))
		return TT_EXIT_USAGE;
	if (rule.approach != TT_APPROACH_QUALITY_RANGE && only_for(a, qr_opts, approach))
		return TT_EXIT_USAGE;
	if (rule.approach != TT_APPROACH_TOLERANCE_INTERVAL && only_for(a, ti_opts, approach))
		return TT_EXIT_USAGE;

	if (rule.approach == TT_APPROACH_EQUIVALENCE) {
		static const char *const margins[] = { "margin-absolute", "margin-sigma",
						       "margin-percent", "margin-ratio" };
		int given = -1;
		for (int i = 0; i < 4; i++) {
			if (!get(a, margins[i]))
				continue;
			if (given >= 0)
				return tt_cli_usage_error("plan",
							  "give one margin, not --%s and "
							  "--%s",
							  margins[given], margins[i]);
			given = i;
		}
		if (given < 0)
			return tt_cli_usage_error("plan", "equivalence needs a margin: "
							  "--margin-sigma, --margin-absolute, "
							  "--margin-percent or --margin-ratio");
		rule.margin_type = (tt_margin_type)given;
		if (number_opt(a, margins[given], &rule.margin))
			return TT_EXIT_USAGE;
		bool needs_sd = tt_plan_rule_uses_sd(&rule);
		if (needs_sd && !get(a, "sd"))
			return tt_cli_usage_error(
				"plan", "--%s needs the true sd: --sd S%s", margins[given],
				rule.margin_type == TT_MARGIN_RATIO ? " (the sd of the ln values)"
								    : "");
		if (!needs_sd && get(a, "sd"))
			return tt_cli_usage_error("plan", "--sd is not needed with --margin-sigma: "
							  "the rule does not depend on it");
		if (tt_plan_rule_uses_mean(&rule) && !get(a, "mean"))
			return tt_cli_usage_error("plan", "--margin-percent needs the true mean: "
							  "--mean M");
		if (!tt_plan_rule_uses_mean(&rule) && get(a, "mean"))
			return tt_cli_usage_error("plan", "--mean is used only with "
							  "--margin-percent");
		if (number_opt(a, "sd", &truth.sd) || number_opt(a, "mean", &truth.mean) ||
		    number_opt(a, "alpha", &rule.alpha))
			return TT_EXIT_USAGE;
		int vi = 0;
		if (word_opt(a, "variance", tt_variance_names, &vi))
			return TT_EXIT_USAGE;
		rule.variance = (tt_variance)vi;
	} else if (rule.approach == TT_APPROACH_QUALITY_RANGE) {
		if (number_opt(a, "k", &rule.k) ||
		    number_opt(a, "min-fraction", &rule.min_fraction))
			return TT_EXIT_USAGE;
	} else if (rule.approach == TT_APPROACH_TOLERANCE_INTERVAL) {
		if (number_opt(a, "content", &rule.ti.content) ||
		    number_opt(a, "confidence", &rule.ti.confidence))
			return TT_EXIT_USAGE;
		static const char *const sides[] = { "1", "2", NULL };
		/* The command line, like a study, names only a bound: the
		 * choices start at "lower". */
		int mi = 0, si = 1, di = -1;
		if (word_opt(a, "method", tt_ti_method_names, &mi) ||
		    word_opt(a, "sides", sides, &si) ||
		    word_opt(a, "direction", tt_direction_names + TT_DIRECTION_LOWER, &di))
			return TT_EXIT_USAGE;
		rule.ti.method = (tt_ti_method)mi;
		rule.ti.sides = si + 1;
		if (rule.ti.sides == 1 && di < 0)
			return tt_cli_usage_error("plan", "--sides 1 needs --direction lower or "
							  "upper");
		if (rule.ti.sides == 2 && di >= 0)
			return tt_cli_usage_error("plan", "--direction is for --sides 1");
		rule.ti.direction =
			di < 0 ? TT_DIRECTION_NONE : (tt_direction)(TT_DIRECTION_LOWER + di);
	}
	if (get(a, "paired")) {
		rule.design = TT_DESIGN_PAIRED;
		if (!get(a, "correlation"))
			fprintf(stderr,
				"tt plan: warning: the between-donor correlation is assumed "
				"to be %g; give it with --correlation\n",
				TT_PLAN_DEFAULT_CORRELATION);
	} else if (get(a, "correlation")) {
		return tt_cli_usage_error("plan",
					  "--correlation is for a paired design (--paired)");
	}
	if (number_opt(a, "correlation", &truth.correlation) ||
	    number_opt(a, "difference-sd", &truth.difference_sd) ||
	    number_opt(a, "sd-ratio", &truth.sd_ratio))
		return TT_EXIT_USAGE;

	size_t ns_lo, ns_hi, nr_lo, nr_hi;
	if (range_opt(a, "n-source", &ns_lo, &ns_hi) || range_opt(a, "n-receiving", &nr_lo, &nr_hi))
		return TT_EXIT_USAGE;

	static const char *const fmt_names[] = { "text", "md", "json", NULL };
	int fi = 0;
	if (word_opt(a, "format", fmt_names, &fi))
		return TT_EXIT_USAGE;
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	bool has_seed = false;
	if (engine_opts(a, &o, &has_seed))
		return TT_EXIT_USAGE;

	/* Every value checked by the library, with its message. */
	if (tt_plan_check(&rule, ns_lo, nr_lo, &truth) ||
	    tt_plan_check(&rule, ns_hi, nr_hi, &truth))
		return tt_cli_usage_error("plan", "%s", tt_error_last());

	tt_plan_grid g;
	int rc = tt_plan_grid_compute(&g, &rule, ns_lo, ns_hi, nr_lo, nr_hi, &truth, &o);
	if (rc) {
		fprintf(stderr, "tt plan: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}
	tt_buf title = TT_BUF_INIT;
	tt_buf_printf(&title, "pass probability of %s: ", approach);
	tt_plan_rule_words(&title, &rule);
	tt_buf_printf(&title, "; true difference %g sd, sd ratio %g", truth.difference_sd,
		      truth.sd_ratio);
	if (rule.design == TT_DESIGN_PAIRED)
		tt_buf_printf(&title, ", correlation %g", truth.correlation);
	if (tt_plan_rule_uses_sd(&rule))
		tt_buf_printf(&title, ", sd %g", truth.sd);
	if (tt_plan_rule_uses_mean(&rule))
		tt_buf_printf(&title, ", mean %g", truth.mean);
	tt_buf b = TT_BUF_INIT;
	if (fi == 2)
		tt_plan_grid_render_json(&b, &g, &rule, &truth, &o);
	else if (fi == 1)
		tt_plan_grid_render_md(&b, &g, title.data);
	else
		tt_plan_grid_render_text(&b, &g, title.data);
	fwrite(b.data, 1, b.len, stdout);
	tt_buf_free(&b);
	tt_buf_free(&title);
	tt_plan_grid_free(&g);
	return TT_EXIT_OK;
}

int cmd_plan(int argc, char **argv);
int cmd_plan(int argc, char **argv)
{
	tt_cli_args args;
	if (tt_cli_parse("plan", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional > 1)
		return tt_cli_usage_error("plan", "one study at a time");
	if (args.n_positional == 1)
		return plan_study(&args);
	return plan_grid(&args);
}
