/*
 * cmd_diff.c - tt diff SOURCE_SPEC.yaml RECEIVING_SPEC.yaml: the process
 * gap analysis between two sites, in Markdown or JSON on stdout.
 *
 * The exit status is 0 whether or not the processes differ (CONTRACT.md):
 * differences are the answer, not a failure.  Bad specs or usage give 2.
 */
#include <stdio.h>
#include <string.h>

#include "tt/cli/cli.h"
#include "tt/diff/diff.h"
#include "tt/base/error.h"
#include "tt/input/spec.h"
#include "tt/render/diff_render.h"
#include "tt/base/util.h"

int cmd_diff(int argc, char **argv);
int cmd_diff(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "format", 'f', 1 },
		{ NULL, 0, 0 },
	};
	tt_cli_args args;
	int rc = tt_cli_parse("diff", argc, argv, opts, &args);
	if (rc)
		return rc;
	if (args.n_positional != 2)
		return tt_cli_usage_error("diff", "%s",
					  args.n_positional < 2 ? "two process specs are needed"
								: "too many arguments");
	const char *format = tt_cli_get(opts, &args, "format");
	int json = 0;
	if (format && strcmp(format, "json") == 0) {
		json = 1;
	} else if (format && strcmp(format, "md") != 0) {
		static const char *const formats[] = { "md", "json", NULL };
		const char *hint = tt_suggest(format, formats);
		if (hint)
			return tt_cli_usage_error("diff", "unknown format '%s'; did you mean '%s'?",
						  format, hint);
		return tt_cli_usage_error("diff", "unknown format '%s'; use 'md' or 'json'",
					  format);
	}

	/* Both specs are loaded before giving up, so that every problem in
	 * either file is reported at once. */
	tt_diags diags = TT_DIAGS_INIT;
	tt_spec *source = NULL, *receiving = NULL;
	tt_diff *d = NULL;
	tt_buf out = TT_BUF_INIT;
	int rs = tt_spec_load(&source, args.positional[0], &diags);
	int rr = tt_spec_load(&receiving, args.positional[1], &diags);
	tt_diags_print(&diags, stderr);
	tt_diags_free(&diags);
	int status = TT_EXIT_OK;
	if (rs || rr || !source || !receiving) {
		status = TT_EXIT_USAGE;
		goto cleanup;
	}

	rc = tt_diff_specs(&d, source, receiving);
	if (rc) {
		fprintf(stderr, "tt diff: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
		goto cleanup;
	}
	if (json) {
		tt_diff_json(&out, d);
		tt_buf_putc(&out, '\n');
	} else {
		tt_diff_md(&out, d, 1);
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		fprintf(stderr, "tt diff: error: cannot write the output\n");
		status = TT_EXIT_ENV;
	}
cleanup:
	tt_buf_free(&out);
	tt_diff_free(d);
	tt_spec_free(source);
	tt_spec_free(receiving);
	return status;
}
