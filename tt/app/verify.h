/*
 * verify.h - whether a report folder still holds: its files as written,
 * its inputs unchanged and its results recomputed the same.
 *
 * tt_verify_folder() first compares the folder with its manifest.json
 * (manifest.h): a file changed, missing or added (outside signatures/), a
 * manifest missing or unreadable, each is a difference.  Then, for any
 * folder tt writes, it reads the record (report.json, plan.json or
 * validation.json) and recomputes the SHA-256 of every input it lists.  A
 * run's report is also recomputed: the study runs again with the recorded
 * seed and command line, and the report.json that run gives is compared
 * with the recorded one, member by member (generated_at aside, the figures
 * named as recorded).  Numbers compare by their text, as written.  A plan
 * and a qualification are not computed again (tt plan with the recorded
 * seed, and tt validate, do that).
 *
 * Relative paths in a report are relative to the folder tt run was started
 * in: verify from there, or name that folder in the options.
 *
 * It also checks every signature of the folder (signatures/NN.json, see
 * sign.h): a signature that does not hold is a difference.
 */
#ifndef TT_VERIFY_H
#define TT_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/app/sign.h"
#include "tt/app/folder.h"
#include "tt/app/manifest.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"

typedef struct tt_verify_options {
	/* The folder tt run was started in; NULL for the working folder. */
	const char *base;
	/* How many differences of the results to list at most. */
	size_t max_differences;
	/* CA certificates (PEM) each signer's certificate must chain to, or
	 * NULL: then the chains are not checked. */
	const char *ca;
} tt_verify_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_VERIFY_OPTIONS_INIT { NULL, 20, NULL }
/* clang-format on */

typedef enum {
	TT_VERIFY_SAME,    /* the file has the checksum recorded */
	TT_VERIFY_CHANGED, /* the file has another checksum */
	TT_VERIFY_MISSING, /* the file cannot be read */
} tt_verify_state;

/* One input the report records (with a path and a checksum). */
typedef struct tt_verify_input {
	char *path;     /* as recorded */
	char *recorded; /* the SHA-256 recorded, in hex */
	char *error;    /* MISSING: why the file cannot be read; else NULL */
	/* The SHA-256 now, in hex; "" when MISSING. */
	char now[TT_SHA256_HEX_LEN + 1];
	tt_verify_state state;
} tt_verify_input;

/* One member whose recorded and recomputed values differ.  Each value is
 * shown in short: a number as written, a string quoted and cut after 60
 * bytes ("..."), "[3 items]", "{2 members}", true, false, null, or
 * "(absent)" when one side lacks the member. */
typedef struct tt_verify_difference {
	char *where; /* ".comparisons[0].sd"; "(top)" for the whole document */
	char *recorded;
	char *recomputed;
} tt_verify_difference;

/* One signature of the folder and whether it holds. */
typedef struct tt_verify_signature {
	char *file;        /* "signatures/01.json" */
	tt_signature *sig; /* as read; NULL when the file is not a signature */
	char *problem;     /* NULL when it holds; else every check that failed */
} tt_verify_signature;

typedef struct tt_verify_result {
	/* The folder against its manifest, checked first; files_match when
	 * the manifest could be used and no file differs. */
	tt_manifest_result files;
	bool files_match;
	tt_folder_kind kind; /* of the folder, from its record */
	char *report;        /* the record: FOLDER/report.json, plan.json, validation.json */
	/* Whether the record was read and its inputs checked.  When it was
	 * not, unreadable says why it cannot be read, or NULL when an error
	 * was returned. */
	bool record_read;
	char *unreadable;
	tt_verify_input *inputs;
	size_t n_inputs;
	size_t n_changed; /* inputs CHANGED or MISSING */
	/* The path of the input whose role is study (a path of inputs), or
	 * NULL when the report names none: then nothing was recomputed. */
	const char *study;
	/* Whether the study ran again; when it did not, problems says why. */
	bool rerun;
	tt_diags problems;
	/* The first max_differences differences, in the order of the recorded
	 * report (members only the recomputed one has after those of each
	 * object); more_differences when there were more. */
	tt_verify_difference *differences;
	size_t n_differences;
	bool more_differences;
	/* Every signature of the folder, in the order of their numbers. */
	tt_verify_signature *signatures;
	size_t n_signatures;
	size_t n_bad_signatures; /* those with a problem */
	/* No file differs from the manifest, no input changed, for a run the
	 * study ran again and no result differs, and every signature holds. */
	bool match;
} tt_verify_result;

/* Verifies the folder (opt NULL: TT_VERIFY_OPTIONS_INIT).  With opt->base
 * set, the process's working folder changes to it, for good, once the
 * record is read: the record's paths are read from there, as tt run read
 * them.
 *
 * Returns 0 and *out (free it with tt_verify_result_free) when the folder
 * was verified, whatever the outcome; a record that cannot be read is a
 * difference (unreadable).  Returns TT_EINVAL when it cannot be: either d
 * holds the problem, located in the record (not valid JSON; a run's
 * report that names no study among its inputs), and *out holds what was
 * checked before (the files; the inputs); or tt_error_last() says why
 * (folder is not a folder tt writes, or the CA certificates cannot be
 * read, *out NULL; base cannot be entered,
 * *out holds the files).  TT_EIO (message set, *out NULL) when a folder
 * under folder (signatures/ among them) cannot be listed; TT_EINTERNAL (message set) when the
 * recomputed report cannot be read back. */
int tt_verify_folder(tt_verify_result **out, const char *folder, const tt_verify_options *opt,
		     tt_diags *d);

void tt_verify_result_free(tt_verify_result *r);

#endif
