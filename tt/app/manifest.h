/*
 * manifest.h - manifest.json: what a report folder held when tt wrote it,
 * how and from what, and whether the folder still holds exactly that.
 *
 * Every folder tt writes (tt run, tt plan, tt validate; folder.h) holds a
 * manifest.json, the last file written before the folder is moved into
 * place.  Its format, version 1: one JSON object, indented by two spaces,
 * with these members in this order:
 *
 *   manifest_version   1
 *   kind               "run", "plan" or "validation"
 *   record             { "path": "report.json", "sha256": HEX }: the
 *                      folder's JSON record (report.json, plan.json or
 *                      validation.json) and its SHA-256, the record's
 *                      identity, which the HTML report prints (its first 16
 *                      hex digits) on every printed page
 *   generated_at       ISO 8601 UTC, SOURCE_DATE_EPOCH when set: the
 *                      record's own generated_at (a run, a qualification);
 *                      a plan, which records no time, the time its folder
 *                      was written
 *   command_line       the command that wrote the folder, its words joined
 *                      by spaces, or null when not known
 *   seed               the seed the results were computed with (a run, a
 *                      plan); null for a qualification, which has none
 *   tt_version         tt's version
 *   executable_sha256  HEX: the SHA-256 of the program that ran (read from
 *                      /proc/self/exe unless the caller names it)
 *   libraries          { "gsl", "libyaml", "openssl", "jansson", "gnuplot" }:
 *                      each library's version as it reports it at run time
 *                      (gsl_version, yaml_get_version_string(),
 *                      OpenSSL_version(OPENSSL_VERSION), jansson_version_str(),
 *                      the first line of gnuplot --version); gnuplot is null
 *                      when the folder has no figures
 *   inputs             [ { "path", "role", "sha256": HEX } ]: the inputs
 *                      as the record lists them, in its order; [] for a
 *                      qualification, which reads no file
 *   files              [ { "path", "sha256": HEX, "bytes" } ]: every
 *                      regular file under the folder, path relative to it
 *                      with '/' between folders, sorted byte by byte; not
 *                      manifest.json itself, and nothing under signatures/,
 *                      where tt sign adds signatures over this manifest
 *                      after it is written
 *
 * HEX is 64 lower-case hex digits.  A folder holds only regular files and
 * folders; a folder with no file in it is not listed.
 */
#ifndef TT_MANIFEST_H
#define TT_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tt/base/hash.h"

#define TT_MANIFEST_FILE "manifest.json"
#define TT_MANIFEST_VERSION 1
/* The folder, at the top of a report folder, that no manifest lists. */
#define TT_MANIFEST_UNLISTED "signatures"

/* One input of the results, as the record lists it (borrowed strings). */
typedef struct tt_manifest_input {
	const char *path;
	const char *role;
	const char *sha256; /* HEX */
} tt_manifest_input;

/* What a manifest records besides the files: the folder writer fills it
 * from the results and the command.  Strings are borrowed. */
typedef struct tt_manifest_info {
	const char *kind;          /* "run", "plan", "validation" */
	const char *record;        /* "report.json", the record's path in the folder */
	const char *record_sha256; /* HEX: the record's identity */
	const char *generated_at;  /* NULL: now (tt_engine_timestamp()) */
	const char *command_line;  /* NULL: null */
	bool has_seed;
	uint64_t seed;
	const char *executable;      /* the program that runs; NULL: /proc/self/exe */
	const char *gnuplot_version; /* NULL when no figure was drawn */
	const tt_manifest_input *inputs;
	size_t n_inputs;
} tt_manifest_info;

/* Writes dir/manifest.json for the files now under dir.  Returns 0, or
 * TT_EIO (message set) when a file under dir or the executable cannot be
 * read, or dir holds something other than regular files and folders. */
int tt_manifest_write(const char *dir, const tt_manifest_info *info);

/* How a file of a folder differs from its manifest. */
typedef enum {
	TT_MANIFEST_CHANGED,    /* listed, and its SHA-256 or size is not the one listed */
	TT_MANIFEST_MISSING,    /* listed, and not in the folder */
	TT_MANIFEST_UNREADABLE, /* listed, in the folder, and cannot be read */
	TT_MANIFEST_ADDED,      /* in the folder, and not listed */
} tt_manifest_change;

typedef struct tt_manifest_difference {
	char *path; /* relative to the folder, as listed or as found */
	tt_manifest_change change;
	char *error; /* UNREADABLE: why; else NULL */
} tt_manifest_difference;

typedef struct tt_manifest_result {
	/* Why the manifest could not be used, or NULL: "no manifest.json: ...",
	 * cannot be read, not valid JSON (line and column), not a manifest
	 * of this version (the first bad member named).  Then no file was
	 * compared and the members below are empty. */
	char *problem;
	char *record;        /* the record's path in the folder, as listed */
	char *record_sha256; /* its identity, as listed */
	size_t n_listed;     /* files listed */
	/* Every difference, in the order of the paths (byte by byte). */
	tt_manifest_difference *differences;
	size_t n_differences;
} tt_manifest_result;

/* Compares the folder dir with its manifest.json.  Returns 0 and fills
 * *out (free it with tt_manifest_result_free) whatever the outcome: a
 * missing or bad manifest is out->problem, a file that differs is one of
 * out->differences.  Returns TT_EIO (message set; *out empty) only when a
 * folder under dir cannot be listed. */
int tt_manifest_check(tt_manifest_result *out, const char *dir);

void tt_manifest_result_free(tt_manifest_result *r);

#endif
