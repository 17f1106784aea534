/*
 * commands.c - the command table: name, function, one-line help, usage.
 */
#include "tt/cli/cli.h"

int cmd_help(int argc, char **argv);
int cmd_check(int argc, char **argv);

const tt_command tt_commands[] = {
	{ "check", cmd_check, "validate process specs and studies without computing",
	  "tt check FILE.yaml...",
	  "Each FILE is a process spec or a study; a study's specs and data files\n"
	  "are checked too.  Every problem is printed as FILE:LINE:COLUMN: error: ...\n"
	  "Exit status: 0 valid, 2 invalid.\n" },
	{ "help", cmd_help, "show the commands, or one command's options", "tt help [COMMAND]",
	  "" },
};

const size_t tt_command_count = sizeof tt_commands / sizeof tt_commands[0];
