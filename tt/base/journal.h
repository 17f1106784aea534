/*
 * journal.h - the files tt only ever appends to: a study's lock history
 * (STUDY.lock) and its audit trail (STUDY.audit), and who and when their
 * entries record.
 *
 * They are users' records, so tt never truncates, replaces or rewrites
 * them, and never writes through a link:
 *   - a journal is opened with O_NOFOLLOW, so a symbolic link at its path
 *     is refused (TT_EINVAL, the message names the path), and it must be a
 *     regular file;
 *   - it is opened with O_APPEND, so every write lands after the bytes
 *     that are there, whatever another process did;
 *   - a writer holds an exclusive flock(2) from the moment it reads the
 *     file until its line is appended, so that two tt processes cannot
 *     interleave their lines or both chain a line to the same predecessor;
 *     a reader holds a shared one, so it never sees half a line.
 * The lock is advisory: it orders tt processes, not other programs.
 */
#ifndef TT_JOURNAL_H
#define TT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

/* The largest journal tt reads (256 MiB: hundreds of thousands of
 * entries). */
#define TT_JOURNAL_MAX_BYTES (256u * 1024u * 1024u)

/* A journal open for appending, locked, with what it held when opened. */
typedef struct tt_journal {
	char *path;
	int fd;
	char *bytes; /* the whole file as read under the lock, NUL-terminated */
	size_t len;
} tt_journal;

/* Opens path for appending, takes the exclusive lock and reads the file.
 * With create, a missing file is made (mode 0644 less the umask); without,
 * a missing file gives 0 and *out NULL.  Fails with TT_EINVAL when path is
 * a symbolic link or not a regular file or is larger than
 * TT_JOURNAL_MAX_BYTES, TT_EIO when it cannot be opened or read (message
 * set, naming path).  Free *out with tt_journal_close(). */
int tt_journal_open(tt_journal **out, const char *path, bool create);

/* Appends len bytes (whole lines, each ending in a newline) in one write
 * and flushes them to the disk.  TT_EIO (message set) when that fails; the
 * bytes already there are never touched. */
int tt_journal_append(tt_journal *j, const char *bytes, size_t len);

/* Releases the lock and frees j (NULL is allowed). */
void tt_journal_close(tt_journal *j);

/* Reads a whole journal under the shared lock into a new NUL-terminated
 * buffer.  A missing file gives 0 with *exists false and *out NULL.  The
 * same refusals as tt_journal_open(). */
int tt_journal_read(const char *path, char **out, size_t *len, bool *exists);

/* The length of the first line of bytes[0..len), its newline included, or
 * len when the bytes end without one (an incomplete line). */
size_t tt_journal_line_length(const char *bytes, size_t len);

/* The SHA-256 of n bytes as 64 hex digits into hex; TT_EINTERNAL if
 * libcrypto fails. */
int tt_journal_hash(const char *bytes, size_t n, char hex[65]);

/* Who runs tt: the login name of the effective user (getpwuid), else
 * $USER, else "uid N".  A new string. */
char *tt_journal_user(void);

/* Now in ISO 8601 with the UTC offset ("2024-09-17T14:03:12+08:00"): the
 * local time, or, when SOURCE_DATE_EPOCH is set, that time in UTC
 * ("+00:00"), so that tests and reproducible runs record the same.  A new
 * string. */
char *tt_journal_time(void);

#endif
