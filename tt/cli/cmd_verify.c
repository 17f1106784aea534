/*
 * cmd_verify.c - tt verify REPORT_DIR: check a report folder's files
 * against its manifest, recompute its input checksums and results, check
 * its signatures, and say whether they still match, and what changed.
 *
 * Relative input paths in a report are relative to the folder tt run was
 * started in; run verify from there, or name it with --base.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/app/audit.h"
#include "tt/app/verify.h"
#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/base/util.h"
#include "tt/cli/cli.h"

/* Each signature with its signer, meaning and time, and whether it
 * holds; the signature files hold no control character (sign.h). */
static void print_signatures(const tt_verify_result *r, const char *ca)
{
	if (!r->n_signatures) {
		printf("signatures: none\n");
		return;
	}
	for (size_t i = 0; i < r->n_signatures; i++) {
		const tt_verify_signature *v = &r->signatures[i];
		const char *number = strchr(v->file, '/') + 1;
		printf("signature %.*s: ", (int)strcspn(number, "."), number);
		if (v->sig)
			printf("%s%s%s%s, %s, %s: ", v->sig->name, v->sig->email ? " <" : "",
			       v->sig->email ? v->sig->email : "", v->sig->email ? ">" : "",
			       v->sig->meaning, v->sig->signed_at);
		if (v->problem)
			printf("invalid: %s: %s\n", v->file, v->problem);
		else
			printf("valid\n");
	}
	if (r->n_bad_signatures)
		printf("signatures: %zu of %zu do not hold\n", r->n_bad_signatures,
		       r->n_signatures);
	else if (ca)
		printf("signatures: %zu, each valid, each certificate chains to a CA of '%s'\n",
		       r->n_signatures, ca);
	else
		printf("signatures: %zu, each valid; the certificates' chains were not checked "
		       "(no --ca)\n",
		       r->n_signatures);
}

/* Prints a path or message from the folder, made safe for a terminal,
 * between before and after. */
static void print_safe(const char *before, const char *s, const char *after)
{
	tt_buf b = TT_BUF_INIT;
	tt_term_escape(&b, s);
	printf("%s%s%s", before, b.data ? b.data : "", after);
	tt_buf_free(&b);
}

/* The folder against its manifest: each file that differs, then a line of
 * counts and the record's identity. */
static void print_files(const tt_verify_result *r)
{
	const tt_manifest_result *m = &r->files;
	if (m->problem) {
		print_safe("  ", m->problem, "\n");
		printf("files: not checked against a manifest\n");
		return;
	}
	size_t added = 0;
	for (size_t i = 0; i < m->n_differences; i++) {
		const tt_manifest_difference *x = &m->differences[i];
		print_safe("  ", x->path, "");
		switch (x->change) {
		case TT_MANIFEST_CHANGED:
			printf(" changed since the report was written\n");
			break;
		case TT_MANIFEST_MISSING:
			printf(" is missing\n");
			break;
		case TT_MANIFEST_UNREADABLE:
			print_safe(" cannot be read (", x->error, ")\n");
			break;
		case TT_MANIFEST_ADDED:
			printf(" was added\n");
			added++;
			break;
		}
	}
	if (!m->n_differences)
		printf("files: %zu files, every checksum matches the manifest\n", m->n_listed);
	else
		printf("files: %zu of the %zu in the manifest changed or missing, %zu added\n",
		       m->n_differences - added, m->n_listed, added);
	print_safe("record: ", m->record, "");
	printf(", identity %.16s\n", m->record_sha256);
}

static void print_result(const tt_verify_result *r, const char *ca)
{
	printf("verifying %s\n", r->report);
	print_files(r);
	if (!r->record_read) {
		/* Nothing more was checked: why is below, or on stderr. */
		if (r->unreadable) {
			print_safe("record: ", r->unreadable, "\n");
			printf("differ\n");
		}
		return;
	}
	for (size_t i = 0; i < r->n_inputs; i++) {
		const tt_verify_input *in = &r->inputs[i];
		if (in->state == TT_VERIFY_MISSING)
			printf("  missing: %s (%s)\n", in->path, in->error);
		else if (in->state == TT_VERIFY_CHANGED)
			printf("  changed: %s (SHA-256 recorded %.12s..., now %.12s...)\n",
			       in->path, in->recorded, in->now);
	}
	if (r->kind == TT_FOLDER_VALIDATION && !r->n_inputs)
		printf("inputs: none (a qualification reads no file)\n");
	else if (!r->n_changed)
		printf("inputs: %zu files, every checksum matches\n", r->n_inputs);
	else
		printf("inputs: %zu of %zu files differ\n", r->n_changed, r->n_inputs);
	if (r->kind != TT_FOLDER_RUN) {
		printf("results: not computed again for a %s\n",
		       r->kind == TT_FOLDER_PLAN ? "plan (tt plan with the recorded seed does that)"
						 : "qualification (tt validate does that)");
		printf("%s\n", r->match ? "match" : "differ");
		return;
	}
	if (!r->study)
		return;
	if (!r->rerun) {
		/* The study no longer runs: every problem, then "differ". */
		for (size_t i = 0; i < r->problems.count; i++)
			if (r->problems.items[i].severity == TT_SEV_ERROR) {
				char *s = tt_diag_format(&r->problems.items[i]);
				printf("  %s\n", s);
				free(s);
			}
		printf("results: the study cannot be run again as it is now\n");
	} else if (r->n_differences || r->more_differences) {
		printf("results: %s%zu difference%s (recorded -> recomputed)\n",
		       r->more_differences ? "more than " : "", r->n_differences,
		       r->n_differences == 1 && !r->more_differences ? "" : "s");
		for (size_t i = 0; i < r->n_differences; i++)
			printf("%s: %s -> %s\n", r->differences[i].where,
			       r->differences[i].recorded, r->differences[i].recomputed);
	} else {
		printf("results: every result matches\n");
	}
	print_signatures(r, ca);
	printf("%s\n", r->match ? "match" : "differ");
}

/* Appends the verification to the audit trail of the study the report
 * names, when that trail exists: verify reads and never writes a user's
 * files, so it does not start a trail beside a study (a copy of a report
 * verified elsewhere, a study run by an earlier tt).  The inputs are the
 * report's record files and the inputs it names.  Returns the exit
 * status: status, or 2 or 3 when the entry cannot be written. */
static int audit_verify(const tt_verify_result *r, const char *folder, int status)
{
	char *audit = tt_audit_path(r->study);
	char *files[2] = { tt_xasprintf("%s/report.json", folder),
			   tt_xasprintf("%s/manifest.json", folder) };
	const char **inputs = tt_xcalloc(r->n_inputs + 2, sizeof *inputs);
	size_t n = 0;
	for (int i = 0; i < 2; i++)
		if (tt_path_is_file(files[i]))
			inputs[n++] = files[i];
	for (size_t i = 0; i < r->n_inputs; i++)
		inputs[n++] = r->inputs[i].path;
	tt_audit_record rec = { tt_cli_command_quoted(), inputs, n, NULL, 0, status };
	int rc = tt_audit_append(audit, &rec, false);
	if (rc) {
		fprintf(stderr, "tt verify: error: %s; the verification was not recorded\n",
			tt_error_last());
		status = rc == TT_EINVAL ? TT_EXIT_USAGE : TT_EXIT_ENV;
	}
	free(inputs);
	free(files[0]);
	free(files[1]);
	free(audit);
	return status;
}

int cmd_verify(int argc, char **argv);
int cmd_verify(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "base", 0, 1 }, { "ca", 0, 1 }, { NULL, 0, 0 } };
	tt_cli_args args;
	if (tt_cli_parse("verify", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("verify", args.n_positional
							    ? "one report folder at a time"
							    : "no report folder given");
	tt_verify_options opt = TT_VERIFY_OPTIONS_INIT;
	opt.base = tt_cli_get(opts, &args, "base");
	opt.ca = tt_cli_get(opts, &args, "ca");
	tt_diags d = TT_DIAGS_INIT;
	tt_verify_result *r = NULL;
	/* The folder's path from where tt verify ends up: --base moves the
	 * working folder. */
	char cwd[4096];
	char *folder = !opt.base                 ? tt_xstrdup(args.positional[0])
		       : getcwd(cwd, sizeof cwd) ? tt_path_join(cwd, args.positional[0])
						 : NULL;
	int rc = tt_verify_folder(&r, args.positional[0], &opt, &d);
	if (r)
		print_result(r, opt.ca);
	tt_diags_print(&d, stderr);
	if (rc && !d.errors)
		fprintf(stderr, "tt verify: error: %s\n", tt_error_last());
	int status = rc ? tt_error_exit_status(rc) : r->match ? TT_EXIT_OK : TT_EXIT_FAIL;
	if (r && r->study && folder)
		status = audit_verify(r, folder, status);
	free(folder);
	tt_diags_free(&d);
	tt_verify_result_free(r);
	return status;
}
