/*
 * cmd_run.c - tt run STUDY.yaml: the comparability study end to end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/base/outdir.h"
#include "tt/plot/plot.h"
#include "tt/render/report.h"
#include "tt/base/util.h"

enum { FMT_HTML = 1, FMT_MD = 2, FMT_JSON = 4 };

static int write_reports(const tt_outdir *o, tt_run *run, int formats, int plots)
{
	int rc = 0;
	char *plots_dir = tt_outdir_path(o, "plots");
	if (plots) {
		if (tt_mkdir_p(plots_dir) != 0) {
			rc = tt_error_set(TT_EIO, "cannot create '%s': %s", plots_dir,
					  strerror(errno));
			goto done;
		}
		tt_plot_options popt = TT_PLOT_OPTIONS_INIT;
		for (size_t i = 0; i < run->n_comparisons; i++)
			run->comparisons[i].plot = tt_plot_file_name(&run->comparisons[i], i);
		if ((rc = tt_plot_run(run, plots_dir, &popt)) != 0)
			goto done;
	}
	const char *names[3] = { "report.json", "report.md", "report.html" };
	for (int k = 0; k < 3; k++) {
		int bit = k == 0 ? FMT_JSON : k == 1 ? FMT_MD : FMT_HTML;
		if (!(formats & bit))
			continue;
		tt_buf b = TT_BUF_INIT;
		if (k == 0)
			tt_report_json(&b, run);
		else if (k == 1)
			tt_report_md(&b, run, plots ? "plots" : NULL);
		else if ((rc = tt_report_html(&b, run, plots ? plots_dir : NULL)) != 0) {
			tt_buf_free(&b);
			goto done;
		}
		char *path = tt_outdir_path(o, names[k]);
		rc = tt_write_file(path, b.data ? b.data : "", b.len);
		free(path);
		tt_buf_free(&b);
		if (rc)
			goto done;
	}
	/* Every report folder holds report.json, whatever --format says: it
	 * marks the folder as tt's (so --force may replace it) and is what
	 * tt verify reads. */
	if (!(formats & FMT_JSON)) {
		tt_buf b = TT_BUF_INIT;
		tt_report_json(&b, run);
		char *path = tt_outdir_path(o, "report.json");
		rc = tt_write_file(path, b.data, b.len);
		free(path);
		tt_buf_free(&b);
	}
done:
	free(plots_dir);
	return rc;
}

static void print_summary(const tt_run *run, const char *dir)
{
	size_t counts[TT_OUTCOME_COUNT] = { 0 };
	for (size_t i = 0; i < run->n_comparisons; i++)
		counts[run->comparisons[i].outcome]++;
	size_t oos = 0;
	for (size_t i = 0; i < run->n_conformance; i++)
		oos += run->conformance[i].n_out_of_spec;
	printf("%s: %s\n", run->study->id, tt_verdict_name(run->verdict));
	printf("  comparisons: %zu pass, %zu fail, %zu inconclusive, %zu info\n",
	       counts[TT_OUTCOME_PASS], counts[TT_OUTCOME_FAIL], counts[TT_OUTCOME_INCONCLUSIVE],
	       counts[TT_OUTCOME_INFO]);
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		printf("    %-13s %-20s %s\n", tt_outcome_name(r->outcome), r->cmp->attribute,
		       r->reason ? r->reason : "");
	}
	printf("  receiving lots out of specification: %zu\n", oos);
	printf("  report: %s/\n", dir);
}

int cmd_run(int argc, char **argv);
int cmd_run(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "output", 'o', 1 }, { "format", 0, 1 }, { "seed", 0, 1 },
		{ "no-plots", 0, 0 }, { "force", 0, 0 },  { NULL, 0, 0 },
	};
	tt_cli_args args;
	if (tt_cli_parse("run", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("run", args.n_positional ? "one study at a time"
								   : "no study given");
	static const char *const fmt_names[] = { "html", "md", "json", NULL };
	static const int fmt_bits[] = { FMT_HTML, FMT_MD, FMT_JSON };
	int formats = FMT_HTML | FMT_MD | FMT_JSON;
	const char *f = tt_cli_get(opts, &args, "format");
	if (f && tt_cli_parse_formats("run", f, fmt_names, fmt_bits, &formats))
		return TT_EXIT_USAGE;
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	const char *seed = tt_cli_get(opts, &args, "seed");
	if (seed) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(seed, &end, 10);
		if (!*seed || *end || errno || seed[0] == '-')
			return tt_cli_usage_error("run", "--seed needs a whole number >= 0, not '%s'",
						  seed);
		ropt.has_seed = true;
		ropt.seed = v;
	}
	ropt.command_line = tt_cli_command_line();
	int plots = !tt_cli_get(opts, &args, "no-plots");
	int force = tt_cli_get(opts, &args, "force") != NULL;

	/* Fail early, before any work, when gnuplot is needed but missing. */
	tt_plot_options plot_opt = TT_PLOT_OPTIONS_INIT;
	if (plots && tt_plot_available(&plot_opt) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		return TT_EXIT_ENV;
	}

	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	int rc = tt_engine_run(&run, args.positional[0], &ropt, &d);
	tt_diags_print(&d, stderr);
	tt_diags_free(&d);
	if (rc) {
		if (rc != TT_EINVAL)
			fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}

	const char *out = tt_cli_get(opts, &args, "output");
	char *target = out ? tt_xstrdup(out) : tt_xasprintf("reports/%s", run->study->id);
	tt_outdir o;
	int status;
	if ((rc = tt_outdir_begin(&o, target, "report.json", force)) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
	} else if ((rc = write_reports(&o, run, formats, plots)) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		tt_outdir_abort(&o);
		status = tt_error_exit_status(rc);
		if (status == TT_EXIT_USAGE)
			status = TT_EXIT_ENV;
	} else if ((rc = tt_outdir_commit(&o)) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = TT_EXIT_ENV;
	} else {
		print_summary(run, target);
		status = tt_verdict_exit_status(run->verdict);
	}
	free(target);
	tt_run_free(run);
	return status;
}
