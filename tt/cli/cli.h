/*
 * cli.h - what the tt command's parts share: the command table and a small
 * option parser.
 *
 * Every command is one tt/cli/cmd_<name>.c exporting cmd_<name>(); it parses
 * its own options with tt_cli_parse(), writes results to stdout and
 * everything else to stderr, and returns an exit status (error.h TT_EXIT_*).
 */
#ifndef TT_CLI_H
#define TT_CLI_H

#include <stddef.h>

typedef struct tt_command {
	const char *name;
	int (*fn)(int argc, char **argv); /* argv[0] is the command's name */
	const char *summary;              /* one line for `tt help` */
	const char *usage;                /* "tt run STUDY.yaml [-o DIR] ..." */
	const char *help;                 /* the rest of `tt help NAME` */
} tt_command;

extern const tt_command tt_commands[];
extern const size_t tt_command_count;

const tt_command *tt_command_find(const char *name);

/* One option a command takes: --name (and -c when short_name is set);
 * has_arg says whether it takes a value (--name V or --name=V). */
typedef struct tt_cli_option {
	const char *name;
	char short_name;
	int has_arg;
} tt_cli_option;

#define TT_CLI_MAX_OPTIONS 32
#define TT_CLI_MAX_POSITIONAL 64

typedef struct tt_cli_args {
	const char *value[TT_CLI_MAX_OPTIONS]; /* per option: its value, "" for a flag, NULL if
						  absent */
	const char *positional[TT_CLI_MAX_POSITIONAL];
	int n_positional;
} tt_cli_args;

/* Parses argv[1..argc-1] of command `cmd` against opts (ending with a NULL
 * name).  An unknown option, a missing value or too many arguments prints
 * "tt CMD: error: ..." with a did-you-mean suggestion and the usage line to
 * stderr and returns 2; otherwise 0.  "--" ends the options. */
int tt_cli_parse(const char *cmd, int argc, char **argv, const tt_cli_option *opts,
		 tt_cli_args *out);

/* The value of option `name` (NULL if absent). */
const char *tt_cli_get(const tt_cli_option *opts, const tt_cli_args *args, const char *name);

/* Prints "tt CMD: error: MESSAGE" and the command's usage line; returns 2. */
int tt_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a --format list ("html,md,json") against names (NULL-ended) into
 * the union of the matching bits; an unknown or empty list prints a usage
 * error with a suggestion and returns 2, else 0. */
int tt_cli_parse_formats(const char *cmd, const char *s, const char *const *names, const int *bits,
			 int *out);

/* Prints `tt help NAME` text for one command to stdout. */
void tt_cli_print_help(const tt_command *c);

/* The command line tt was started with, joined by spaces (for reports). */
const char *tt_cli_command_line(void);

/* The same with each argument quoted for a shell where it needs to be
 * (tt_audit_command_line(), for the audit trail). */
const char *tt_cli_command_quoted(void);

#endif
