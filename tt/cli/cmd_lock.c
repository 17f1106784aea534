/*
 * cmd_lock.c - tt lock STUDY.yaml [--reason TEXT]: add an entry to the
 * study's lock history, fixing its acceptance criteria.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/app/audit.h"
#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/base/journal.h"
#include "tt/cli/cli.h"
#include "tt/input/lock.h"
#include "tt/input/study.h"

/* Prints what the entry recorded of the data: the report will say it. */
static void print_entry(const tt_study *study, const tt_lock *lock)
{
	const tt_lock_entry *e = &lock->entries[lock->n_entries - 1];
	tt_buf b = TT_BUF_INIT;
	tt_term_escape(&b, study->id);
	tt_buf_puts(&b, " at ");
	tt_term_escape(&b, e->locked_at);
	tt_buf_puts(&b, " by ");
	tt_term_escape(&b, e->user);
	tt_buf_puts(&b, ": ");
	tt_term_escape(&b, lock->path);
	printf("locked %s (entry %zu)\n", b.data, lock->n_entries);
	size_t present = 0;
	for (size_t i = 0; i < e->n_data; i++) {
		tt_buf_reset(&b);
		tt_term_escape(&b, e->data[i].path);
		printf("  %s: %s\n", b.data, e->data[i].sha256 ? "present" : "absent");
		present += e->data[i].sha256 != NULL;
	}
	/* An entry that keeps the criteria as they were fixes nothing new. */
	if (present && e->criteria_changed)
		fprintf(stderr,
			"tt lock: warning: %zu data file%s already exist%s: this lock does not "
			"show that the acceptance criteria were fixed before the data\n",
			present, present == 1 ? "" : "s", present == 1 ? "s" : "");
	tt_buf_free(&b);
}

int cmd_lock(int argc, char **argv);
int cmd_lock(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "reason", 0, 1 },
		{ "force", 0, 0 },
		{ NULL, 0, 0 },
	};
	tt_cli_args args;
	if (tt_cli_parse("lock", argc, argv, opts, &args))
		return TT_EXIT_USAGE;
	if (args.n_positional != 1)
		return tt_cli_usage_error("lock", args.n_positional ? "one study at a time"
								    : "no study given");
	if (tt_cli_get(opts, &args, "force"))
		return tt_cli_usage_error("lock",
					  "--force no longer replaces a lock: the lock history is "
					  "only ever appended to; to lock again, give the reason "
					  "with --reason TEXT");
	const char *reason = tt_cli_get(opts, &args, "reason");
	if (reason && !reason[strspn(reason, " \t\n")])
		return tt_cli_usage_error("lock", "--reason needs a text saying why");
	const char *study_path = args.positional[0];

	char *audit = tt_audit_path(study_path);
	tt_diags d = TT_DIAGS_INIT;
	tt_study *study = NULL;
	tt_lock *lock = NULL;
	char *when = NULL, *user = NULL;
	/* The audit trail is checked first, so that a trail that cannot take
	 * the entry stops the lock before it is written. */
	int rc = tt_audit_prepare(audit);
	if (rc) {
		fprintf(stderr, "tt lock: error: %s\n", tt_error_last());
		free(audit);
		return tt_error_exit_status(rc);
	}
	/* The criteria are locked before the data exist, so the data files
	 * need not be there yet. */
	rc = tt_study_load(&study, study_path, 0, &d);
	if (rc == 0) {
		when = tt_journal_time();
		user = tt_journal_user();
		if ((rc = tt_lock_append(&lock, study, reason, when, user, &d)) != 0) {
			tt_diags_print(&d, stderr);
			fprintf(stderr, "tt lock: error: %s\n", tt_error_last());
		}
	} else {
		tt_diags_print(&d, stderr);
	}
	int status = rc ? tt_error_exit_status(rc) : TT_EXIT_OK;
	if (lock)
		print_entry(study, lock);

	/* The entry goes beside a study file that exists; the files read are
	 * the study, its specs and the data files the lock hashed. */
	char **inputs = NULL;
	size_t n_inputs = 0, cap = 0;
	if (tt_path_is_file(study_path)) {
		inputs = tt_xgrow(inputs, &cap, 3, sizeof *inputs);
		inputs[n_inputs++] = tt_xstrdup(study_path);
		if (study) {
			inputs[n_inputs++] = tt_xstrdup(study->source_spec->path);
			inputs[n_inputs++] = tt_xstrdup(study->receiving_spec->path);
		}
		const tt_lock_entry *e = lock ? &lock->entries[lock->n_entries - 1] : NULL;
		for (size_t i = 0; e && i < e->n_data; i++) {
			inputs = tt_xgrow(inputs, &cap, n_inputs + 1, sizeof *inputs);
			inputs[n_inputs++] = tt_path_join(study->dir, e->data[i].path);
		}
		char *lock_path = tt_lock_path(study_path);
		const char *outputs[1] = { lock_path };
		tt_audit_record rec = { tt_cli_command_quoted(),
					(const char *const *)inputs,
					n_inputs,
					outputs,
					lock ? 1 : 0,
					status };
		if (tt_audit_append(audit, &rec, true) != 0) {
			fprintf(stderr, "tt lock: error: %s; %s\n", tt_error_last(),
				lock ? "the lock entry was written, the audit entry was not"
				     : "nothing was written");
			status = TT_EXIT_ENV;
		}
		free(lock_path);
	}
	for (size_t i = 0; i < n_inputs; i++)
		free(inputs[i]);
	free(inputs);
	free(when);
	free(user);
	tt_lock_free(lock);
	tt_study_free(study);
	tt_diags_free(&d);
	free(audit);
	return status;
}
