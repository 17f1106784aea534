/*
 * cmd_sign.c - tt sign REPORT_DIR --key KEY.pem --cert CERT.pem --meaning
 * MEANING [--reason TEXT] [--pass-env VAR]: an electronic signature of a
 * report (tt/app/sign.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tt/app/audit.h"
#include "tt/app/sign.h"
#include "tt/base/error.h"
#include "tt/base/util.h"
#include "tt/cli/cli.h"

/* The audit trail of the study the report records, when that study is
 * found from where tt sign runs (as tt run recorded it, relative to where
 * it ran); NULL otherwise, with a note on stderr saying the signature goes
 * unrecorded there. */
static char *audit_of(const char *folder)
{
	char *study = tt_sign_report_study(folder);
	char *audit = NULL;
	if (study && tt_path_is_file(study))
		audit = tt_audit_path(study);
	else
		fprintf(stderr,
			"tt sign: note: the study this report records is not found from here; the "
			"signature is not entered in its audit trail (run tt sign where tt run "
			"ran)\n");
	free(study);
	return audit;
}

/* Appends the signature to the trail: the record it signs in, the
 * signature file and page out.  Returns the exit status. */
static int audit_sign(const char *audit, const char *folder, const char *file, int status)
{
	char *in[2] = { tt_xasprintf("%s/report.json", folder),
			tt_xasprintf("%s/manifest.json", folder) };
	char *page = tt_xasprintf("%s/signatures/page.html", folder);
	const char *inputs[2] = { in[0], in[1] };
	const char *outputs[2] = { file, page };
	tt_audit_record rec = { tt_cli_command_quoted(), inputs, 2, outputs, file ? 2 : 0, status };
	if (tt_audit_append(audit, &rec, true) != 0) {
		fprintf(stderr, "tt sign: error: %s; %s\n", tt_error_last(),
			file ? "the signature was written, its audit entry was not"
			     : "nothing was signed, and no audit entry was written");
		status = TT_EXIT_ENV;
	}
	free(in[0]);
	free(in[1]);
	free(page);
	return status;
}

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
	const char *folder = args.positional[0];
	/* A trail that cannot take an entry stops the signing before anything
	 * is written. */
	char *audit = audit_of(folder);
	if (audit && tt_audit_prepare(audit) != 0) {
		fprintf(stderr, "tt sign: error: %s\n", tt_error_last());
		free(audit);
		return TT_EXIT_USAGE;
	}
	tt_signature *s = NULL;
	char *file = NULL;
	int status = TT_EXIT_OK;
	int rc = tt_sign_folder(&s, &file, folder, &opt);
	if (rc) {
		fprintf(stderr, "tt sign: error: %s\n", tt_error_last());
		status = tt_error_exit_status(rc);
	} else {
		printf("signed %s: %s%s%s%s, %s, %s\n", folder, s->name, s->email ? " <" : "",
		       s->email ? s->email : "", s->email ? ">" : "", s->meaning, s->signed_at);
		printf("signature: %s\nrecord: %s\n", file, s->record);
	}
	if (audit)
		status = audit_sign(audit, folder, file, status);
	tt_signature_free(s);
	free(file);
	free(audit);
	return status;
}
