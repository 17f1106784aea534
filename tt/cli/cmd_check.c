/*
 * cmd_check.c - tt check FILE.yaml...: validate process specs and studies.
 *
 * A file is a process spec or a study according to its top-level key.  A
 * study is checked with its two specs, and its data files are loaded and
 * checked against it, so that `tt check` finds everything `tt run` would
 * refuse before it computes anything.  Every diagnostic is printed to
 * stderr, sorted by file and place; a diagnostic reached twice (a spec given
 * on the command line and also named by a study) is printed once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/cli/cli.h"
#include "tt/diff/diff.h"
#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/input/spec.h"
#include "tt/input/study.h"
#include "tt/base/util.h"
#include "tt/input/ydoc.h"

static void check_file(const char *path, tt_diags *d)
{
	tt_ydoc *doc;
	if (tt_ydoc_load(&doc, path, d) < 0)
		return;
	const tt_ynode *root = doc->root;
	if (root && tt_ynode_get(root, "process")) {
		tt_spec *spec;
		if (tt_spec_from_doc(&spec, doc, d) == 0)
			tt_spec_free(spec);
	} else if (root && tt_ynode_get(root, "study")) {
		tt_study *study;
		if (tt_study_from_doc(&study, doc, 1, d) == 0) {
			tt_engine_check_data(study, d);
			tt_diff *gap;
			if (tt_diff_specs(&gap, study->source_spec, study->receiving_spec) == 0) {
				tt_diff_study_warnings(gap, study, d);
				tt_diff_free(gap);
			}
			tt_study_free(study);
		}
	} else if (!root) {
		tt_diags_add(d, TT_SEV_ERROR, doc->path, 0, 0,
			     "empty file: expected the top-level key 'process' or 'study'");
	} else {
		static const char *const kinds[] = { "process", "study", NULL };
		const char *hint = NULL;
		tt_loc loc = root->loc;
		if (root->kind == TT_YNODE_MAP) {
			for (size_t i = 0; i < root->count && !hint; i++) {
				hint = tt_suggest(root->pairs[i].key->text, kinds);
				if (hint)
					loc = root->pairs[i].key->loc;
			}
		}
		if (hint)
			tt_diags_error(d, loc,
				       "not a process spec or a study: expected the top-level key "
				       "'process' or 'study'; did you mean '%s'?",
				       hint);
		else
			tt_diags_error(d, loc,
				       "not a process spec or a study: expected the top-level key "
				       "'process' or 'study'");
	}
	tt_ydoc_free(doc);
}

/* Prints the sorted diagnostics, each distinct line once.  Equal lines
 * have equal places, so after sorting they lie in the same run of one
 * place. */
static void print_diags(tt_diags *d)
{
	tt_diags_sort(d);
	size_t run = 0; /* the first item at the current place */
	char **lines = tt_xcalloc(d->count + 1, sizeof *lines);
	for (size_t i = 0; i < d->count; i++) {
		const tt_diag *a = &d->items[i], *b = &d->items[run];
		int same_place = a->line == b->line && a->col == b->col &&
				 strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0;
		if (!same_place)
			run = i;
		lines[i] = tt_diag_format(a);
		int seen = 0;
		for (size_t j = run; j < i && !seen; j++)
			seen = strcmp(lines[j], lines[i]) == 0;
		if (!seen)
			fprintf(stderr, "%s\n", lines[i]);
	}
	for (size_t i = 0; i < d->count; i++)
		free(lines[i]);
	free(lines);
}

int cmd_check(int argc, char **argv);
int cmd_check(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { NULL, 0, 0 } };
	tt_cli_args args;
	int rc = tt_cli_parse("check", argc, argv, opts, &args);
	if (rc)
		return rc;
	if (args.n_positional == 0)
		return tt_cli_usage_error("check", "no file given");

	tt_diags d = TT_DIAGS_INIT;
	int *ok = tt_xcalloc((size_t)args.n_positional, sizeof *ok);
	for (int i = 0; i < args.n_positional; i++) {
		size_t before = d.errors;
		check_file(args.positional[i], &d);
		ok[i] = d.errors == before;
	}
	print_diags(&d);
	int all_ok = 1;
	for (int i = 0; i < args.n_positional; i++) {
		if (ok[i])
			printf("%s: ok\n", args.positional[i]);
		else
			all_ok = 0;
	}
	free(ok);
	tt_diags_free(&d);
	return all_ok ? TT_EXIT_OK : TT_EXIT_USAGE;
}
