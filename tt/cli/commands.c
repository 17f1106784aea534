/*
 * commands.c - the command table: name, function, one-line help, usage.
 */
#include "tt/cli/cli.h"

int cmd_help(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);

const tt_command tt_commands[] = {
	{ "check", cmd_check, "validate process specs and studies without computing",
	  "tt check FILE.yaml...",
	  "Each FILE is a process spec or a study; a study's specs and data files\n"
	  "are checked too.  Every problem is printed as FILE:LINE:COLUMN: error: ...\n"
	  "Exit status: 0 valid, 2 invalid.\n" },
	{ "diff", cmd_diff, "process gap analysis between two sites, each difference risk-ranked",
	  "tt diff SOURCE_SPEC.yaml RECEIVING_SPEC.yaml [--format md,json]",
	  "Compares two process specs by id: site, steps (added, removed, reordered),\n"
	  "parameters (target, range, unit, class, affects), equipment, materials\n"
	  "(supplier, grade) and attributes (spec, unit, method, scale, criticality).\n"
	  "Targets and ranges are compared in the source's unit, so 48 h and 2880 min\n"
	  "are the same target.  Each difference is scored for risk (ICH Q9, FMEA:\n"
	  "severity x occurrence x detectability) by the rule printed with the output,\n"
	  "and the attributes the differences can move are listed.\n\n"
	  "options:\n"
	  "  -f, --format md|json   Markdown (default) or JSON, on stdout\n\n"
	  "Exit status: 0 (also when the processes differ), 2 bad input or usage.\n" },
	{ "help", cmd_help, "show the commands, or one command's options", "tt help [COMMAND]",
	  "" },
};

const size_t tt_command_count = sizeof tt_commands / sizeof tt_commands[0];
