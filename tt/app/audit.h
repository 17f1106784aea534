/*
 * audit.h - a study's audit trail: STUDY.audit beside STUDY.yaml, one JSON
 * line for every tt lock, tt run, tt sign and tt verify of the study,
 * chained by hashes and only ever appended to (journal.h).
 *
 * An entry, keys in this order:
 *   time        ISO 8601 with the UTC offset
 *   user        the login name of whoever ran tt
 *   host        the machine's name
 *   command     the command line, each argument quoted for a POSIX shell
 *               where it needs to be
 *   tt_version  the tt that ran
 *   tt_sha256   the SHA-256 of its executable (/proc/self/exe), or null
 *   inputs      [{path, sha256}] the files the command read
 *   outputs     [{path, sha256}] the files it wrote; in both, sha256 is
 *               null for a file that was not there when the entry was
 *               written
 *   result      the command's exit status
 *   prev        the SHA-256 of the previous line, its newline included;
 *               null on the first line
 *
 * The chain shows a line edited, removed or inserted at the line after it,
 * and a last line cut short at that line.  It cannot show the newest line
 * edited or removed, nor the whole file replaced: that needs a copy kept
 * elsewhere (the hash of the trail in a signed record, a backup).
 *
 * A command prepares the trail before it does anything, so that a trail
 * that cannot take its entry (a link at its path, a cut last line) stops
 * the command with nothing written, and appends its entry when it is done.
 */
#ifndef TT_AUDIT_H
#define TT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

/* The trail's path for a study: its .yaml/.yml suffix replaced by .audit
 * (or .audit appended).  A new string. */
char *tt_audit_path(const char *study_path);

/* The command line argv[0..argc) as a POSIX shell would take it back,
 * argv[0] written as "tt": an argument of letters, digits and
 * @%+=:,./_- as it is, any other in single quotes.  A new string. */
char *tt_audit_command_line(int argc, char *const *argv);

/* What one command did. */
typedef struct tt_audit_record {
	const char *command; /* tt_audit_command_line() */
	/* The files the command read and wrote, hashed when the entry is
	 * appended; a path may repeat neither within a list nor be NULL. */
	const char *const *inputs;
	size_t n_inputs;
	const char *const *outputs;
	size_t n_outputs;
	int result; /* the exit status */
} tt_audit_record;

/* Whether the trail at path can take an entry, before the command does its
 * work: 0 when it can, or when it does not exist; TT_EINVAL (message names
 * path) when path is a symbolic link or not a regular file, or its last
 * line is incomplete (tt appends only after a whole line); TT_EIO when it
 * cannot be read. */
int tt_audit_prepare(const char *path);

/* Appends the entry of rec to the trail at path, holding the trail locked
 * from the moment it reads the last line until the entry is written.
 * With create, a missing trail is made; without, a missing trail is left
 * missing and 0 returned.  The same refusals as tt_audit_prepare(); TT_EIO
 * when the entry cannot be written (message set). */
int tt_audit_append(const char *path, const tt_audit_record *rec, bool create);

/* One line of a trail, as tt audit shows it.  A field the line lacks is
 * NULL (a line that is not JSON has them all NULL). */
typedef struct tt_audit_line {
	int line;
	char *time;
	char *user;
	char *command;
	bool has_result;
	int result;
} tt_audit_line;

typedef struct tt_audit_trail {
	tt_audit_line *lines; /* every line of the file, in order */
	size_t n_lines;
	int broken; /* the first line whose chain is broken; 0 when intact */
	char *why;  /* what is wrong at that line; NULL when intact */
} tt_audit_trail;

/* Reads the trail at path and checks its chain: every line whole, a JSON
 * object, with the prev its predecessor's bytes give.  Returns 0 with *out
 * (free with tt_audit_trail_free), or 0 with *out NULL when there is no
 * trail; TT_EINVAL or TT_EIO (message names path) when it cannot be read,
 * or is a link. */
int tt_audit_check(tt_audit_trail **out, const char *path);

void tt_audit_trail_free(tt_audit_trail *t);

#endif
