/*
 * cmd_run.c - tt run STUDY.yaml: the comparability study end to end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "tt/app/audit.h"
#include "tt/app/folder.h"
#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/plot/plot.h"
#include "tt/base/util.h"

/* Prints one kind of lot out of its specification: a count, then each
 * lot's sentence. */
static void print_out_of_spec(const tt_run *run, const char *label, bool decides, bool excluded)
{
	size_t n = 0;
	for (size_t i = 0; i < run->n_out_of_spec; i++) {
		const tt_lot_out_of_spec *o = &run->out_of_spec[i];
		n += o->decides_verdict == decides && (o->exclusion != NULL) == excluded;
	}
	printf("  %s out of specification: %zu%s\n", label, n,
	       n && !decides ? " (not deciding the verdict)" : "");
	for (size_t i = 0; i < run->n_out_of_spec; i++) {
		const tt_lot_out_of_spec *o = &run->out_of_spec[i];
		if (o->decides_verdict != decides || (o->exclusion != NULL) != excluded)
			continue;
		/* Lot ids and reasons come from the user's files. */
		tt_buf b = TT_BUF_INIT;
		tt_term_escape(&b, o->sentence);
		printf("    %s\n", b.data);
		tt_buf_free(&b);
	}
}

static void print_summary(const tt_run *run, const char *dir)
{
	size_t counts[TT_OUTCOME_COUNT] = { 0 };
	for (size_t i = 0; i < run->n_comparisons; i++)
		counts[run->comparisons[i].outcome]++;
	printf("%s: %s\n", run->study->id, tt_verdict_name(run->verdict));
	printf("  comparisons: %zu pass, %zu fail, %zu inconclusive, %zu info\n",
	       counts[TT_OUTCOME_PASS], counts[TT_OUTCOME_FAIL], counts[TT_OUTCOME_INCONCLUSIVE],
	       counts[TT_OUTCOME_INFO]);
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		printf("    %-13s %-20s %s\n", tt_outcome_name(r->outcome), r->cmp->attribute,
		       r->reason ? r->reason : "");
	}
	print_out_of_spec(run, "receiving lots", true, false);
	print_out_of_spec(run, "excluded lots", false, true);
	print_out_of_spec(run, "source lots", false, false);
	printf("  report: %s/\n", dir);
}

/* Appends the run's entry to the study's audit trail: the inputs the run
 * read (the study alone when it did not load) and the report folder's
 * record files when it was written (folder NULL when not).  Returns the
 * exit status: status, or 3 when the entry cannot be written. */
static int audit_run(const char *audit, const char *study_path, const tt_run *run,
		     const char *folder, int status)
{
	if (!tt_path_is_file(study_path))
		return status;
	size_t n_inputs = run ? run->n_inputs : 1;
	const char **inputs = tt_xcalloc(n_inputs, sizeof *inputs);
	for (size_t i = 0; i < n_inputs; i++)
		inputs[i] = run ? run->inputs[i].path : study_path;
	char *files[2] = { NULL, NULL };
	const char *outputs[2];
	size_t n_outputs = 0;
	static const char *const names[2] = { "report.json", "manifest.json" };
	for (int i = 0; folder && i < 2; i++) {
		files[i] = tt_xasprintf("%s/%s", folder, names[i]);
		if (tt_path_is_file(files[i]))
			outputs[n_outputs++] = files[i];
	}
	tt_audit_record rec = {
		tt_cli_command_quoted(), inputs, n_inputs, outputs, n_outputs, status
	};
	if (tt_audit_append(audit, &rec, true) != 0) {
		fprintf(stderr, "tt run: error: %s; %s\n", tt_error_last(),
			folder ? "the report was written, its audit entry was not"
			       : "no report was written, and no audit entry");
		status = TT_EXIT_ENV;
	}
	free(files[0]);
	free(files[1]);
	free(inputs);
	return status;
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

	/* Fail early, before any work, when gnuplot is needed but missing or
	 * the audit trail cannot take the run's entry. */
	tt_plot_options plot_opt = TT_PLOT_OPTIONS_INIT;
	fopt.plot = &plot_opt;
	if (fopt.plots && tt_plot_available(&plot_opt) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		return TT_EXIT_ENV;
	}
	const char *study_path = args.positional[0];
	char *audit = tt_audit_path(study_path);
	int arc = tt_audit_prepare(audit);
	if (arc) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		free(audit);
		return tt_error_exit_status(arc);
	}

	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	char *target = NULL;
	int status;
	int rc = tt_engine_run(&run, study_path, &ropt, &d);
	tt_diags_print(&d, stderr);
	tt_diags_free(&d);
	if (rc) {
		if (rc != TT_EINVAL)
			fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
		goto audit;
	}

	const char *out = tt_cli_get(opts, &args, "output");
	target = out ? tt_xstrdup(out) : tt_xasprintf("reports/%s", run->study->id);
	tt_folder *folder;
	if ((rc = tt_folder_claim(&folder, target, TT_FOLDER_RUN, force)) != 0) {
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
		free(target);
		target = NULL;
	} else if (tt_folder_write_run(folder, run, &fopt) != 0) {
		/* Once the folder is claimed, a failure is the environment's
		 * (gnuplot, the disk), not the study's. */
		fprintf(stderr, "tt run: error: %s\n", tt_error_last());
		status = TT_EXIT_ENV;
		free(target);
		target = NULL;
	} else {
		print_summary(run, target);
		status = tt_verdict_exit_status(run->verdict);
	}
audit:
	status = audit_run(audit, study_path, run, target, status);
	free(target);
	free(audit);
	tt_run_free(run);
	return status;
}
