/*
 * cli.c - the option parser and usage errors shared by the commands.
 */
#include "tt/cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/util.h"

const tt_command *tt_command_find(const char *name)
{
	for (size_t i = 0; i < tt_command_count; i++)
		if (strcmp(tt_commands[i].name, name) == 0)
			return &tt_commands[i];
	return NULL;
}

int tt_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "tt %s: error: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	const tt_command *c = tt_command_find(cmd);
	if (c)
		fprintf(stderr, "usage: %s\n", c->usage);
	return TT_EXIT_USAGE;
}

static int find_long(const tt_cli_option *opts, const char *name, size_t len)
{
	for (int i = 0; opts[i].name; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
			return i;
	return -1;
}

static int find_short(const tt_cli_option *opts, char c)
{
	for (int i = 0; opts[i].name; i++)
		if (opts[i].short_name && opts[i].short_name == c)
			return i;
	return -1;
}

static int unknown_option(const char *cmd, const char *arg, const tt_cli_option *opts)
{
	const char *names[TT_CLI_MAX_OPTIONS + 1];
	int n = 0;
	for (int i = 0; opts[i].name && n < TT_CLI_MAX_OPTIONS; i++)
		names[n++] = opts[i].name;
	names[n] = NULL;
	const char *word = arg;
	while (*word == '-')
		word++;
	char *bare = tt_xstrndup(word, strcspn(word, "="));
	const char *hint = tt_suggest(bare, names);
	free(bare);
	if (hint)
		return tt_cli_usage_error(cmd, "unknown option '%s'; did you mean '--%s'?", arg,
					  hint);
	return tt_cli_usage_error(cmd, "unknown option '%s'", arg);
}

int tt_cli_parse(const char *cmd, int argc, char **argv, const tt_cli_option *opts,
		 tt_cli_args *out)
{
	memset(out, 0, sizeof *out);
	int only_positional = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int idx = -1;
		const char *value = NULL;
		if (only_positional || a[0] != '-' || a[1] == '\0' ||
		    (a[1] != '-' && (a[1] == '.' || (a[1] >= '0' && a[1] <= '9')))) {
			/* A plain argument, "-" or a negative number. */
			if (out->n_positional >= TT_CLI_MAX_POSITIONAL)
				return tt_cli_usage_error(cmd, "too many arguments");
			out->positional[out->n_positional++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_positional = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			idx = find_long(opts, name, len);
			if (idx < 0)
				return unknown_option(cmd, a, opts);
			if (eq) {
				if (!opts[idx].has_arg)
					return tt_cli_usage_error(cmd,
								  "option '--%s' takes no value",
								  opts[idx].name);
				value = eq + 1;
			}
		} else {
			if (a[2] != '\0')
				return unknown_option(cmd, a, opts);
			idx = find_short(opts, a[1]);
			if (idx < 0)
				return unknown_option(cmd, a, opts);
		}
		if (opts[idx].has_arg && !value) {
			if (i + 1 >= argc)
				return tt_cli_usage_error(cmd, "option '--%s' needs a value",
							  opts[idx].name);
			value = argv[++i];
		}
		if (idx < TT_CLI_MAX_OPTIONS)
			out->value[idx] = value ? value : "";
	}
	return 0;
}

const char *tt_cli_get(const tt_cli_option *opts, const tt_cli_args *args, const char *name)
{
	for (int i = 0; opts[i].name && i < TT_CLI_MAX_OPTIONS; i++)
		if (strcmp(opts[i].name, name) == 0)
			return args->value[i];
	return NULL;
}

void tt_cli_print_help(const tt_command *c)
{
	printf("usage: %s\n\n%s\n", c->usage, c->summary);
	if (c->help && *c->help)
		printf("\n%s", c->help);
}

int tt_cli_parse_formats(const char *cmd, const char *s, const char *const *names, const int *bits,
			 int *out)
{
	*out = 0;
	char *copy = tt_xstrdup(s);
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (int i = 0; names[i]; i++)
			if (strcmp(tok, names[i]) == 0) {
				*out |= bits[i];
				found = 1;
			}
		if (!found) {
			const char *hint = tt_suggest(tok, names);
			if (hint)
				rc = tt_cli_usage_error(
					cmd, "unknown format '%s'; did you mean '%s'?", tok, hint);
			else
				rc = tt_cli_usage_error(cmd, "unknown format '%s'", tok);
			break;
		}
	}
	free(copy);
	if (!rc && !*out)
		rc = tt_cli_usage_error(cmd, "--format needs at least one format");
	return rc;
}
