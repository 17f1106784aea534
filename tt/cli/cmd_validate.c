/*
 * cmd_validate.c - tt validate: runs the qualification suite, prints a
 * summary and writes the operational-qualification report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/app/folder.h"
#include "tt/cli/cli.h"
#include "tt/base/error.h"
#include "tt/validate/validate.h"

#define DEFAULT_DIR "reports/validation"

static void print_summary(const tt_validation *v)
{
	size_t width = strlen("group");
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		size_t n = strlen(tt_validate_groups[g].title);
		if (n > width)
			width = n;
	}
	printf("%-*s %7s %7s\n", (int)width, "group", "checks", "passed");
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		size_t n, passed;
		tt_validate_group_counts(v, tt_validate_groups[g].id, &n, &passed);
		printf("%-*s %7zu %7zu\n", (int)width, tt_validate_groups[g].title, n, passed);
	}
	for (size_t i = 0; i < v->n_checks; i++) {
		const tt_check *k = &v->checks[i];
		if (k->pass)
			continue;
		if (k->error)
			printf("FAIL %s: %s\n", k->id, k->error);
		else if (k->expected_text)
			printf("FAIL %s: expected '%s', observed '%s'\n", k->id, k->expected_text,
			       k->observed_text);
		else
			printf("FAIL %s: expected %.17g, observed %.17g, %s tolerance %g\n", k->id,
			       k->expected, k->observed, tt_tol_kind_name(k->tol_kind),
			       k->tolerance);
	}
}

int cmd_validate(int argc, char **argv);
int cmd_validate(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "output", 'o', 1 },
		{ "force", 0, 0 },
		{ NULL, 0, 0 },
	};
	tt_cli_args args;
	if (tt_cli_parse("validate", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 0)
		return tt_cli_usage_error("validate", "unexpected argument '%s'",
					  args.positional[0]);
	const char *out = tt_cli_get(opts, &args, "output");
	const char *target = out ? out : DEFAULT_DIR;
	bool force = tt_cli_get(opts, &args, "force") != NULL;

	/* Refuse an existing report before spending time on the suite. */
	tt_folder *folder;
	int rc = tt_folder_claim(&folder, target, TT_FOLDER_VALIDATION, force);
	if (rc) {
		fprintf(stderr, "tt validate: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}
	tt_validation *v = NULL;
	tt_validate_run(&v);
	tt_folder_options fopt = TT_FOLDER_OPTIONS_INIT;
	fopt.command_line = tt_cli_command_line();
	if (tt_folder_write_validation(folder, v, &fopt) != 0) {
		fprintf(stderr, "tt validate: error: %s\n", tt_error_last());
		tt_validation_free(v);
		return TT_EXIT_ENV;
	}
	print_summary(v);
	size_t len = strlen(target);
	while (len > 1 && target[len - 1] == '/')
		len--;
	printf("report: %.*s/\n", (int)len, target);
	printf("%zu passed, %zu failed\n", v->n_passed, v->n_failed);
	int status = v->n_failed == 0 ? TT_EXIT_OK : TT_EXIT_FAIL;
	tt_validation_free(v);
	return status;
}
