/*
 * cmd_verify.c - tt verify REPORT_DIR: recompute a report's input checksums
 * and results, and say whether they still match, and what changed.
 *
 * Relative input paths in a report are relative to the folder tt run was
 * started in; run verify from there, or name it with --base.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/jsonread.h"
#include "tt/render/report.h"
#include "tt/base/util.h"

static int check_inputs(const tt_jv *inputs, const char **study)
{
	size_t changed = 0, n = 0;
	*study = NULL;
	for (size_t i = 0; inputs && i < inputs->count; i++) {
		const char *path = tt_jv_get_string(inputs->items[i], "path");
		const char *sha = tt_jv_get_string(inputs->items[i], "sha256");
		const char *role = tt_jv_get_string(inputs->items[i], "role");
		if (!path || !sha)
			continue;
		n++;
		if (role && strcmp(role, "study") == 0)
			*study = path;
		unsigned char digest[32];
		char hex[65];
		if (tt_sha256_file(path, digest) != 0) {
			printf("  missing: %s (%s)\n", path, tt_error_last());
			changed++;
		} else {
			tt_sha256_hex(digest, hex);
			if (strcmp(hex, sha) != 0) {
				printf("  changed: %s (SHA-256 recorded %.12s..., now %.12s...)\n", path,
				       sha, hex);
				changed++;
			}
		}
	}
	if (!changed)
		printf("inputs: %zu files, every checksum matches\n", n);
	else
		printf("inputs: %zu of %zu files differ\n", changed, n);
	return changed != 0;
}

int cmd_verify(int argc, char **argv);
int cmd_verify(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "base", 0, 1 }, { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("verify", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("verify", args.n_positional ? "one report folder at a time"
								      : "no report folder given");
	const char *base = tt_cli_get(opts, &args, "base");
	char *path = tt_xasprintf("%s/report.json", args.positional[0]);
	char *text;
	size_t len;
	if (tt_read_file(path, 256u * 1024u * 1024u, &text, &len)) {
		fprintf(stderr, "tt verify: error: %s (is '%s' a tt report folder?)\n",
			tt_error_last(), args.positional[0]);
		free(path);
		return TT_EXIT_USAGE;
	}
	tt_jv *stored;
	int rc = tt_jv_parse(&stored, text, len);
	free(text);
	if (rc) {
		fprintf(stderr, "%s: error: not valid JSON: %s\n", path, tt_error_last());
		free(path);
		return TT_EXIT_USAGE;
	}
	/* The report's relative paths are relative to where tt run started:
	 * work from there, so that recomputed paths read as recorded. */
	if (base && chdir(base) != 0) {
		fprintf(stderr, "tt verify: error: cannot change to '%s': %s\n", base,
			strerror(errno));
		tt_jv_free(stored);
		free(path);
		return TT_EXIT_USAGE;
	}
	int status = TT_EXIT_OK;
	const char *study = NULL;
	printf("verifying %s\n", path);
	if (check_inputs(tt_jv_get(stored, "inputs"), &study))
		status = TT_EXIT_FAIL;
	if (!study) {
		fprintf(stderr, "%s: error: the report names no study among its inputs\n", path);
		tt_jv_free(stored);
		free(path);
		return TT_EXIT_USAGE;
	}

	/* Recompute the results with the recorded seed and compare. */
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	const tt_jv *seed = tt_jv_get(stored, "seed");
	if (seed && seed->kind == TT_JV_NUMBER) {
		ropt.has_seed = true;
		ropt.seed = strtoull(seed->string, NULL, 10);
	}
	ropt.command_line = tt_jv_get_string(stored, "command_line");
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	rc = tt_engine_run(&run, study, &ropt, &d);
	if (rc) {
		/* The study no longer runs: every problem, then "differ". */
		for (size_t i = 0; i < d.count; i++)
			if (d.items[i].severity == TT_SEV_ERROR) {
				char *s = tt_diag_format(&d.items[i]);
				printf("  %s\n", s);
				free(s);
			}
		printf("results: the study cannot be run again as it is now\n");
		status = TT_EXIT_FAIL;
	} else {
		/* The plot names depend only on the comparisons, as in tt run. */
		const tt_jv *cmps = tt_jv_get(stored, "comparisons");
		for (size_t i = 0; cmps && i < cmps->count && i < run->n_comparisons; i++) {
			const char *plot = tt_jv_get_string(cmps->items[i], "plot");
			if (plot)
				run->comparisons[i].plot = tt_xstrdup(plot);
		}
		tt_buf b = TT_BUF_INIT;
		tt_report_json(&b, run);
		tt_jv *fresh;
		if (tt_jv_parse(&fresh, b.data, b.len) == 0) {
			static const char *const ignore[] = { "generated_at", NULL };
			tt_buf diffs = TT_BUF_INIT;
			size_t n = tt_jv_diff(stored, fresh, ignore, &diffs, 20);
			if (n) {
				printf("results: %s%zu difference%s (recorded -> recomputed)\n",
				       n > 20 ? "more than " : "", n > 20 ? (size_t)20 : n,
				       n == 1 ? "" : "s");
				fputs(diffs.data, stdout);
				status = TT_EXIT_FAIL;
			} else {
				printf("results: every result matches\n");
			}
			tt_buf_free(&diffs);
			tt_jv_free(fresh);
		}
		tt_buf_free(&b);
		tt_run_free(run);
	}
	tt_diags_free(&d);
	printf("%s\n", status == TT_EXIT_OK ? "match" : "differ");
	tt_jv_free(stored);
	free(path);
	return status;
}
