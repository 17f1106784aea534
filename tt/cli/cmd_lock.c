/*
 * cmd_lock.c - tt lock STUDY.yaml: fix the acceptance criteria before the
 * data.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt/cli/cli.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/input/lock.h"
#include "tt/input/study.h"

int cmd_lock(int argc, char **argv);
int cmd_lock(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "force", 0, 0 }, { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("lock", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("lock", args.n_positional ? "one study at a time"
								    : "no study given");
	tt_diags d = TT_DIAGS_INIT;
	tt_study *study = NULL;
	/* The criteria are locked before the data exist, so the data files
	 * need not be there yet. */
	int rc = tt_study_load(&study, args.positional[0], 0, &d);
	tt_diags_print(&d, stderr);
	tt_diags_free(&d);
	if (rc)
		return TT_EXIT_USAGE;
	char *when = tt_engine_timestamp();
	int force = tt_cli_get(opts, &args, "force") != NULL;
	rc = tt_lock_write(study, when, force);
	char *path = tt_lock_path(study->path);
	if (rc)
		fprintf(stderr, "tt lock: error: %s\n", tt_error_last());
	else
		printf("locked %s at %s: %s\n", study->id, when, path);
	free(path);
	free(when);
	tt_study_free(study);
	return rc ? tt_error_exit_status(rc) : TT_EXIT_OK;
}
