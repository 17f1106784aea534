/*
 * main.c - the tt command: dispatch to the command table, help and version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/app/audit.h"
#include "tt/cli/cli.h"
#include "tt/base/error.h"
#include "tt/base/util.h"

static char *command_line, *command_quoted;

const char *tt_cli_command_line(void)
{
	return command_line ? command_line : "tt";
}

const char *tt_cli_command_quoted(void)
{
	return command_quoted ? command_quoted : "tt";
}

static void print_overview(FILE *out)
{
	fprintf(out, "usage: tt COMMAND [ARGS]\n\n"
		     "tt compares a manufacturing process at a receiving site with the source\n"
		     "site: comparability studies, process gap analysis and study planning.\n\n"
		     "commands:\n");
	for (size_t i = 0; i < tt_command_count; i++)
		fprintf(out, "  %-10s %s\n", tt_commands[i].name, tt_commands[i].summary);
	fprintf(out, "\nrun 'tt help COMMAND' for a command's options.\n");
}

static int unknown_command(const char *name)
{
	const char *names[64];
	size_t n = 0;
	for (size_t i = 0; i < tt_command_count && n < 63; i++)
		names[n++] = tt_commands[i].name;
	names[n] = NULL;
	const char *hint = tt_suggest(name, names);
	if (hint)
		fprintf(stderr, "tt: error: unknown command '%s'; did you mean '%s'?\n", name,
			hint);
	else
		fprintf(stderr, "tt: error: unknown command '%s'\n", name);
	fprintf(stderr, "usage: tt COMMAND [ARGS]; run 'tt help' for the list\n");
	return TT_EXIT_USAGE;
}

int cmd_help(int argc, char **argv);
int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return TT_EXIT_OK;
	}
	if (argc > 2)
		return tt_cli_usage_error("help", "too many arguments");
	const tt_command *c = tt_command_find(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	tt_cli_print_help(c);
	return TT_EXIT_OK;
}

static void free_command_line(void)
{
	free(command_line);
	free(command_quoted);
}

int main(int argc, char **argv)
{
	tt_buf line = TT_BUF_INIT;
	for (int i = 0; i < argc; i++) {
		if (i)
			tt_buf_putc(&line, ' ');
		tt_buf_puts(&line, i == 0 ? "tt" : argv[i]);
	}
	command_line = tt_buf_detach(&line);
	command_quoted = tt_audit_command_line(argc, argv);
	atexit(free_command_line);

	if (argc < 2) {
		print_overview(stderr);
		return TT_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("tt %s\n", TT_VERSION);
		return TT_EXIT_OK;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(1, argv + 1);
	const tt_command *c = tt_command_find(name);
	if (!c) {
		if (name[0] == '-') {
			fprintf(stderr, "tt: error: unknown option '%s'\n", name);
			fprintf(stderr, "usage: tt COMMAND [ARGS]; run 'tt help' for the list\n");
			return TT_EXIT_USAGE;
		}
		return unknown_command(name);
	}
	/* Every command answers --help / -h itself the same way. */
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			tt_cli_print_help(c);
			return TT_EXIT_OK;
		}
	}
	return c->fn(argc - 1, argv + 1);
}
