/*
 * lock.h - the pre-specification lock: the history of `tt lock STUDY.yaml`
 * in STUDY.lock, beside the study, that shows when the acceptance criteria
 * were fixed, by whom, and whether the data existed then.
 *
 * The lock file is append-only (journal.h): one JSON object a line, never
 * rewritten.  An entry, in this order of keys:
 *   locked_at         ISO 8601 with the UTC offset
 *   user              the login name of whoever ran tt lock
 *   study             the study's id
 *   reason            text, required for every entry after the first (null
 *                     allowed only in the first)
 *   criteria_sha256   the SHA-256 of the acceptance criteria (below)
 *   files             [{path, role, sha256}] for the study (with also
 *                     canonical_sha256, the SHA-256 of its canonical form),
 *                     the source and the receiving process specs
 *   data              [{path, role, state}] every data file the study names
 *                     (lot tables, then long-form tables): state is "absent"
 *                     or the file's SHA-256
 *   exclude           the ids of the lots the study excluded then
 *   tt_version        the tt that wrote it
 *   prev              the SHA-256 of the previous entry's bytes, its newline
 *                     included; null in the first entry
 * Paths are relative to the study's folder.
 *
 * The acceptance criteria are the study without its exclude list, and both
 * specs.  Their SHA-256 is that of the canonical JSON text
 *   {"receiving_process":"HEX","source_process":"HEX","study":STUDY}
 * where HEX are the specs' SHA-256 (of their bytes) and STUDY is the
 * canonical form of the study document as tt reads it (ydoc.h), with the
 * `exclude` key of its `study` mapping left out:
 *   - a mapping is {"key":value,...} with its keys sorted by their bytes;
 *   - a sequence is [value,...] in its order;
 *   - a scalar is a JSON string of its text, except an unquoted YAML null
 *     (~, null, empty), which is null; an alias is its anchor's value;
 *   - strings are escaped as json.h does; no white space anywhere.
 * Comments, layout, quoting style and the order of keys therefore do not
 * change the criteria; every value does, and so does every byte of a spec.
 *
 * A lock file written by an earlier tt is YAML (lock: {study, locked_at,
 * tt_version, files}).  It is read as one first entry that recorded no data
 * states, user or exclusions, and it is never rewritten: a new entry is
 * appended after its bytes as a JSON line whose prev is the SHA-256 of the
 * whole YAML text.  The entries after it follow the chain as usual.
 */
#ifndef TT_LOCK_H
#define TT_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/util.h"
#include "tt/input/study.h"
#include "tt/input/ydoc.h"

/* One data file at the time of a lock. */
typedef struct tt_lock_data {
	char *path;   /* relative to the study's folder */
	char *role;   /* source lots, receiving lots, source series, receiving series */
	char *sha256; /* hex; NULL when the file was absent */
} tt_lock_data;

typedef struct tt_lock_entry {
	int line;    /* where the entry starts in the lock file (1-based) */
	bool legacy; /* a YAML lock of an earlier tt: no user, data or exclusions */
	char *locked_at;
	char *user;   /* NULL in a legacy entry */
	char *reason; /* NULL when none was given (the first entry) */
	char *tt_version;
	char *criteria_sha256;  /* NULL in a legacy entry */
	char *study_sha256;     /* of the study file's bytes */
	char *canonical_sha256; /* of the study's canonical form; NULL in a legacy entry */
	char *study_path;       /* the study as the entry names it */
	char *source_sha256, *source_path;
	char *receiving_sha256, *receiving_path;
	tt_lock_data *data; /* none in a legacy entry */
	size_t n_data;
	char **exclude; /* lot ids; none in a legacy entry */
	size_t n_exclude;
	/* Whether the criteria differ from the previous entry's: 1, 0, or -1
	 * when either is a legacy entry, which recorded no criteria hash.  The
	 * first entry's is 1. */
	int criteria_changed;
} tt_lock_entry;

/* A study's lock history, oldest first. */
typedef struct tt_lock {
	char *path;
	tt_lock_entry *entries;
	size_t n_entries;
} tt_lock;

/* The criteria of a study as a lock records them, in hex. */
typedef struct tt_lock_criteria {
	char criteria[TT_SHA256_HEX_LEN + 1];
	char canonical[TT_SHA256_HEX_LEN + 1]; /* the study without exclude */
	char study[TT_SHA256_HEX_LEN + 1];     /* the study file's bytes */
	char source[TT_SHA256_HEX_LEN + 1];
	char receiving[TT_SHA256_HEX_LEN + 1];
} tt_lock_criteria;

/* The lock file's path for a study: its .yaml/.yml suffix replaced by
 * .lock (or .lock appended).  A new string. */
char *tt_lock_path(const char *study_path);

/* Appends the canonical form (above) of a study document's tree to out,
 * leaving out the `exclude` key of its `study` mapping. */
void tt_lock_canonical_study(tt_buf *out, const tt_ynode *root);

/* The criteria of a loaded study.  The study file is read again for its
 * tree; TT_EINVAL (message set) when it changed since it was loaded or no
 * longer parses. */
int tt_lock_criteria_of(tt_lock_criteria *out, const tt_study *study);

/* Reads a study's lock history and checks its chain.  Returns 0 with *out
 * NULL when there is no lock file (or an empty one); TT_EINVAL with every
 * problem in d, located at its line, when an entry is not one tt wrote, an
 * entry's prev does not match the entry before it, or the last line is
 * incomplete; TT_EINVAL (in d) when the path is a link or not a regular
 * file.  Free *out with tt_lock_free(). */
int tt_lock_load(tt_lock **out, const char *study_path, tt_diags *d);

/* The same over bytes in memory (path for the messages). */
int tt_lock_parse(tt_lock **out, const char *path, const char *bytes, size_t len, tt_diags *d);

/* Checks a loaded study against the newest entry of its lock: its criteria
 * (for a legacy entry, the bytes of the study and both specs) must be those
 * locked.  Otherwise TT_EINVAL with an error in d for each part that
 * changed since (the study's criteria, a spec), naming the lock's time. */
int tt_lock_check(const tt_lock *lock, const tt_study *study, tt_diags *d);

/* Appends an entry for a loaded study, at time locked_at by user, and
 * returns the history as it now is in *out (may be NULL).  The lock file is
 * created when missing and held locked while it is read, checked and
 * appended to.  reason may be NULL for the first entry only: after it,
 * TT_EINVAL (message names --reason).  TT_EINVAL also when the history is
 * broken (its problems in d; nothing is appended), or the path is a link;
 * TT_EIO when a data file or the lock cannot be read or written.  The
 * data files need not exist. */
int tt_lock_append(tt_lock **out, const tt_study *study, const char *reason, const char *locked_at,
		   const char *user, tt_diags *d);

/* Whether the acceptance criteria in force were fixed before the data:
 * 1 when every data file was absent at the first entry and at every later
 * entry that changed the criteria; 0 when a data file existed at one of
 * them (*entry is the first such, 0-based); -1 when it cannot be known (no
 * lock, or a legacy first entry). */
int tt_lock_before_data(const tt_lock *lock, size_t *entry);

/* Whether lot was in the first entry's exclude list: 1, 0, or -1 when it
 * cannot be known (no lock, or a legacy first entry). */
int tt_lock_excluded_at_first(const tt_lock *lock, const char *lot);

void tt_lock_free(tt_lock *lock);

#endif
