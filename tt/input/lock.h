/*
 * lock.h - the pre-specification lock: `tt lock STUDY.yaml` records the
 * SHA-256 of the study and its two specs (not the data) in STUDY.lock, so
 * that a run can show the acceptance criteria were fixed before the data.
 *
 * The lock file is YAML, beside the study; its paths are relative to it.
 */
#ifndef TT_LOCK_H
#define TT_LOCK_H

#include "tt/base/error.h"
#include "tt/input/study.h"

/* The lock file's path for a study: its .yaml/.yml suffix replaced by
 * .lock (or .lock appended).  A new string. */
char *tt_lock_path(const char *study_path);

/* Writes the lock for a loaded study.  An existing lock is replaced only
 * when force is set (TT_EINVAL otherwise, message set).  locked_at is the
 * ISO 8601 time to record. */
int tt_lock_write(const tt_study *study, const char *locked_at, int force);

/* Checks a study against its lock, if there is one.  Returns 0 with
 * *locked 0 when there is no lock file; 0 with *locked 1 and *locked_at (a
 * new string) when every file matches; TT_EINVAL with an error in d naming
 * each changed file when the criteria changed after locking. */
int tt_lock_verify(const tt_study *study, int *locked, char **locked_at, tt_diags *d);

#endif
