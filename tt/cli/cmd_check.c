/*
 * cmd_check.c - tt check FILE.yaml...: validate specs and studies.
 */
#include <stdio.h>

#include "tt/cli/cli.h"
#include "tt/error.h"

int cmd_check(int argc, char **argv);
int cmd_check(int argc, char **argv)
{
	(void)argv;
	if (argc < 2)
		return tt_cli_usage_error("check", "no file given");
	fprintf(stderr, "tt check: error: not built yet\n");
	return TT_EXIT_ENV;
}
