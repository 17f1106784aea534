/*
 * folder.h - writing a report folder: the reports of a run, a plan or a
 * qualification, in the formats asked, with their figures, all at once.
 *
 * A folder is claimed first, so that one that may not be replaced is
 * refused before any long work.  Writing then renders every file into a
 * temporary folder beside the target and moves it into place, or removes
 * it on any failure, so that a failure leaves no partial folder and an old
 * folder as it was (outdir.h).
 *
 *   kind         files                                 figures, in plots/
 *   run          report.json, report.md, report.html   tt_plot_file_name()
 *   plan         plan.json, plan.md, plan.html         tt_plot_plan_file_name()
 *   validation   validation.json, validation.html      none
 *
 * Every folder holds its JSON file, the record, whatever the formats
 * asked: it marks the folder as tt's (so that force may replace it) and is
 * what tt verify reads.  The record is written first, after the figures:
 * its SHA-256 is the record's identity, which the HTML report prints on
 * every page.  manifest.json (manifest.h) is written last: every other
 * file with its SHA-256 and size, and how the folder was made.
 */
#ifndef TT_FOLDER_H
#define TT_FOLDER_H

#include <stdbool.h>

#include "tt/engine/results.h"
#include "tt/plan/plan.h"
#include "tt/plot/plot.h"
#include "tt/validate/validate.h"

typedef enum {
	TT_FOLDER_RUN,
	TT_FOLDER_PLAN,
	TT_FOLDER_VALIDATION,
} tt_folder_kind;

/* The formats of the reports, as bits. */
enum { TT_FOLDER_HTML = 1, TT_FOLDER_MD = 2, TT_FOLDER_JSON = 4 };

typedef struct tt_folder_options {
	/* TT_FOLDER_* bits; JSON is written whatever they say. */
	int formats;
	/* Draw the figures and show them in the reports. */
	bool plots;
	/* How gnuplot is run; NULL for the defaults. */
	const tt_plot_options *plot;
	/* The command, for the manifest; NULL when not known. */
	const char *command_line;
	/* The program that runs, whose SHA-256 the manifest records; NULL for
	 * /proc/self/exe. */
	const char *executable;
} tt_folder_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_FOLDER_OPTIONS_INIT { TT_FOLDER_HTML | TT_FOLDER_MD | TT_FOLDER_JSON, true, NULL, NULL, NULL }
/* clang-format on */

/* A folder claimed and not yet written. */
typedef struct tt_folder tt_folder;

/* Claims target for a folder of this kind.  Fails with TT_EINVAL
 * (message set) when target exists and force is false, or exists and is
 * not a folder of this kind (it lacks the JSON file); TT_EIO when the
 * temporary folder cannot be made.  Parent folders are made as needed. */
int tt_folder_claim(tt_folder **out, const char *target, tt_folder_kind kind, bool force);

/* Each writes the folder f (claimed for its kind) and moves it into place,
 * or, on any failure, removes it and returns the error (message set);
 * either way f is freed.  tt_folder_write_run() names the figures of the
 * run's comparisons (tt_plot_file_name()) when it draws them, so that the
 * reports show them. */
int tt_folder_write_run(tt_folder *f, tt_run *run, const tt_folder_options *opt);
int tt_folder_write_plan(tt_folder *f, const tt_plan_result *r, const tt_folder_options *opt);
/* The JSON and HTML reports, whatever opt->formats says; a qualification
 * has no figures. */
int tt_folder_write_validation(tt_folder *f, const tt_validation *v, const tt_folder_options *opt);

/* The record's file name in a folder of this kind: "report.json",
 * "plan.json" or "validation.json". */
const char *tt_folder_record_name(tt_folder_kind kind);

#endif
