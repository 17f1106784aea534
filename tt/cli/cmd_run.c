/*
 * cmd_run.c - tt run STUDY.yaml: the comparability study end to end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "tt/app/folder.h"
#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/plot/plot.h"
#include "tt/base/util.h"

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
	static const int fmt_bits[] = { TT_FOLDER_HTML, TT_FOLDER_MD, TT_FOLDER_JSON };
	tt_folder_options fopt = TT_FOLDER_OPTIONS_INIT;
	const char *f = tt_cli_get(opts, &args, "format");
	if (f && tt_cli_parse_formats("run", f, fmt_names, fmt_bits, &fopt.formats))
		return TT_EXIT_USAGE;
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	const char *seed = tt_cli_get(opts, &args, "seed");
	if (seed) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(seed, &end, 10);
		if (!*seed || *end || errno || seed[0] == '-')
			return tt_cli_usage_error(
				"run", "--seed needs a whole number >= 0, not '%s'", seed);
		ropt.has_seed = true;
		ropt.seed = v;
	}
	ropt.command_line = tt_cli_command_line();
	fopt.command_line = ropt.command_line;
	fopt.plots = !tt_cli_get(opts, &args, "no-plots");
	bool force = tt_cli_get(opts, &args, "force") != NULL;

	/* Fail early, before any work, when gnuplot is needed but missing. */
	tt_plot_options plot_opt = TT_PLOT_OPTIONS_INIT;
	fopt.plot = &plot_opt;
	if (fopt.plots && tt_plot_available(&plot_opt) != 0) {
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
	tt_folder *folder;
	int status;
	if ((rc = tt_folder_claim(&folder, target, TT_FOLDER_RUN, force)) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
	} else if (tt_folder_write_run(folder, run, &fopt) != 0) {
		/* Once the folder is claimed, a failure is the environment's
		 * (gnuplot, the disk), not the study's. */
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
