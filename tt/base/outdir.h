/*
 * outdir.h - writing a report folder all at once.
 *
 * Outputs go to a temporary folder beside the target and are renamed into
 * place at the end, so a run that fails leaves no partial report.  An
 * existing folder is replaced only when asked (force), and only if it is a
 * tt output folder (it holds the marker file a report names), so that
 * `--force` can never remove a folder of the user's.
 */
#ifndef TT_OUTDIR_H
#define TT_OUTDIR_H

#include <stddef.h>

typedef struct tt_outdir {
	char *target;       /* the folder asked for */
	char *tmp;          /* where outputs are written until commit */
	const char *marker; /* a file every folder of this kind holds */
} tt_outdir;

/* Prepares to write target.  Fails (TT_EINVAL, message set) if target
 * exists and force is 0, or exists and does not hold `marker` (a file name,
 * e.g. "report.json"); TT_EIO if the temporary folder cannot be made.
 * Parent folders are created as needed. */
int tt_outdir_begin(tt_outdir *o, const char *target, const char *marker, int force);

/* A path inside the temporary folder (a new string). */
char *tt_outdir_path(const tt_outdir *o, const char *name);

/* Moves the temporary folder into place (replacing an old one). */
int tt_outdir_commit(tt_outdir *o);

/* Removes the temporary folder and everything in it. */
void tt_outdir_abort(tt_outdir *o);

/* Writes a whole file (creating or truncating it). */
int tt_write_file(const char *path, const char *data, size_t len);

/* Removes a folder tree (no symlinks followed).  Returns 0 or -1. */
int tt_remove_tree(const char *path);

/* mkdir -p. */
int tt_mkdir_p(const char *path);

#endif
