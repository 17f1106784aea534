/*
 * cmd_audit.c - tt audit STUDY.yaml: print a study's audit trail and say
 * whether its chain is intact.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt/app/audit.h"
#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/cli/cli.h"

/* One line for people: number, time, user, result, command; text from the
 * file escaped for the terminal. */
static void print_line(const tt_audit_line *l)
{
	tt_buf b = TT_BUF_INIT;
	tt_buf_printf(&b, "%4d  ", l->line);
	if (!l->time && !l->user && !l->command && !l->has_result) {
		tt_buf_puts(&b, "(not an entry)");
	} else {
		tt_term_escape(&b, l->time ? l->time : "(no time)");
		tt_buf_puts(&b, "  ");
		tt_term_escape(&b, l->user ? l->user : "(no user)");
		if (l->has_result)
			tt_buf_printf(&b, "  exit %d  ", l->result);
		else
			tt_buf_puts(&b, "  exit ?  ");
		tt_term_escape(&b, l->command ? l->command : "(no command)");
	}
	puts(b.data);
	tt_buf_free(&b);
}

int cmd_audit(int argc, char **argv);
int cmd_audit(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("audit", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("audit", args.n_positional ? "one study at a time"
								     : "no study given");
	char *path = tt_audit_path(args.positional[0]);
	tt_audit_trail *t = NULL;
	int status = TT_EXIT_OK;
	int rc = tt_audit_check(&t, path);
	tt_buf name = TT_BUF_INIT;
	tt_term_escape(&name, path);
	if (rc) {
		fprintf(stderr, "tt audit: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
	} else if (!t) {
		printf("no audit trail: %s does not exist (tt lock and tt run start it)\n",
		       name.data);
	} else {
		for (size_t i = 0; i < t->n_lines; i++)
			print_line(&t->lines[i]);
		if (t->broken) {
			fprintf(stderr, "%s:%d: error: the chain is broken: %s\n", name.data,
				t->broken, t->why);
			status = TT_EXIT_FAIL;
		} else {
			printf("%s: %zu entr%s, chain intact\n", name.data, t->n_lines,
			       t->n_lines == 1 ? "y" : "ies");
		}
	}
	tt_buf_free(&name);
	tt_audit_trail_free(t);
	free(path);
	return status;
}
