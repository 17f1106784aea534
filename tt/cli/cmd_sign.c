/*
 * cmd_sign.c - tt sign REPORT_DIR --key KEY.pem --cert CERT.pem --meaning
 * MEANING [--reason TEXT] [--pass-env VAR]: an electronic signature of a
 * report (tt/app/sign.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt/app/sign.h"
#include "tt/base/error.h"
#include "tt/cli/cli.h"

int cmd_sign(int argc, char **argv);
int cmd_sign(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "key", 0, 1 },      { "cert", 0, 1 },
					      { "meaning", 0, 1 },  { "reason", 0, 1 },
					      { "pass-env", 0, 1 }, { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("sign", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("sign", args.n_positional ? "one report folder at a time"
								    : "no report folder given");
	tt_sign_options opt = { 0 };
	opt.key = tt_cli_get(opts, &args, "key");
	opt.cert = tt_cli_get(opts, &args, "cert");
	opt.meaning = tt_cli_get(opts, &args, "meaning");
	opt.reason = tt_cli_get(opts, &args, "reason");
	opt.pass_env = tt_cli_get(opts, &args, "pass-env");
	if (!opt.key || !opt.cert || !opt.meaning)
		return tt_cli_usage_error("sign", "--key, --cert and --meaning are required");
	tt_signature *s = NULL;
	char *file = NULL;
	int rc = tt_sign_folder(&s, &file, args.positional[0], &opt);
	if (rc) {
		fprintf(stderr, "tt sign: error: %s\n", tt_error_last());
		return tt_error_exit_status(rc);
	}
	printf("signed %s: %s%s%s%s, %s, %s\n", args.positional[0], s->name, s->email ? " <" : "",
	       s->email ? s->email : "", s->email ? ">" : "", s->meaning, s->signed_at);
	printf("signature: %s\nrecord: %s\n", file, s->record);
	tt_signature_free(s);
	free(file);
	return TT_EXIT_OK;
}
