/*
 * journal.c - append-only files: the safe open, the lock, the append.
 */
#include "tt/base/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/util.h"

/* Opens path with flags plus O_NOFOLLOW and checks it is a regular file;
 * *fd is -1 with 0 returned when the file is missing and may be. */
static int open_journal(int *fd, const char *path, int flags)
{
	*fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (*fd < 0) {
		if (errno == ENOENT && !(flags & O_CREAT))
			return TT_OK;
		if (errno == ELOOP)
			return tt_error_set(TT_EINVAL,
					    "'%s' is a symbolic link; tt does not read or write "
					    "a lock or audit trail through a link",
					    path);
		return tt_error_set(TT_EIO, "cannot open '%s': %s", path, strerror(errno));
	}
	struct stat st;
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(*fd);
		*fd = -1;
		return tt_error_set(TT_EINVAL, "'%s' is not a regular file", path);
	}
	return TT_OK;
}

/* Takes the lock, waiting for it (and again when a signal interrupts). */
static int lock_fd(int fd, int op, const char *path)
{
	while (flock(fd, op) != 0)
		if (errno != EINTR)
			return tt_error_set(TT_EIO, "cannot lock '%s': %s", path, strerror(errno));
	return TT_OK;
}

/* Reads the whole file from its start into a new NUL-terminated buffer. */
static int read_fd(int fd, const char *path, char **out, size_t *len)
{
	tt_buf b = TT_BUF_INIT;
	char chunk[65536];
	off_t at = 0;
	for (;;) {
		ssize_t n = pread(fd, chunk, sizeof chunk, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tt_buf_free(&b);
			return tt_error_set(TT_EIO, "cannot read '%s': %s", path, strerror(errno));
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > TT_JOURNAL_MAX_BYTES) {
			tt_buf_free(&b);
			return tt_error_set(TT_EINVAL, "'%s' is larger than the limit of %u bytes",
					    path, TT_JOURNAL_MAX_BYTES);
		}
		tt_buf_put(&b, chunk, (size_t)n);
		at += n;
	}
	*len = b.len;
	/* An empty buffer has no storage yet; the caller gets "" all the same. */
	tt_buf_putc(&b, '\0');
	*out = tt_buf_detach(&b);
	return TT_OK;
}

int tt_journal_open(tt_journal **out, const char *path, bool create)
{
	*out = NULL;
	int fd;
	int rc = open_journal(&fd, path, O_RDWR | O_APPEND | (create ? O_CREAT : 0));
	if (rc || fd < 0)
		return rc;
	char *bytes = NULL;
	size_t len = 0;
	if ((rc = lock_fd(fd, LOCK_EX, path)) != 0 || (rc = read_fd(fd, path, &bytes, &len)) != 0) {
		close(fd);
		return rc;
	}
	tt_journal *j = tt_xcalloc(1, sizeof *j);
	j->path = tt_xstrdup(path);
	j->fd = fd;
	j->bytes = bytes;
	j->len = len;
	*out = j;
	return TT_OK;
}

int tt_journal_append(tt_journal *j, const char *bytes, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(j->fd, bytes + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return tt_error_set(TT_EIO, "cannot append to '%s': %s", j->path,
					    n < 0 ? strerror(errno) : "nothing written");
		done += (size_t)n;
	}
	if (fsync(j->fd) != 0)
		return tt_error_set(TT_EIO, "cannot write '%s' to the disk: %s", j->path,
				    strerror(errno));
	return TT_OK;
}

void tt_journal_close(tt_journal *j)
{
	if (!j)
		return;
	/* Closing the descriptor releases the lock. */
	close(j->fd);
	free(j->path);
	free(j->bytes);
	free(j);
}

int tt_journal_read(const char *path, char **out, size_t *len, bool *exists)
{
	*out = NULL;
	*len = 0;
	*exists = false;
	int fd;
	int rc = open_journal(&fd, path, O_RDONLY);
	if (rc || fd < 0)
		return rc;
	*exists = true;
	if ((rc = lock_fd(fd, LOCK_SH, path)) == 0)
		rc = read_fd(fd, path, out, len);
	close(fd);
	return rc;
}

size_t tt_journal_line_length(const char *bytes, size_t len)
{
	const char *nl = memchr(bytes, '\n', len);
	return nl ? (size_t)(nl - bytes) + 1 : len;
}

int tt_journal_hash(const char *bytes, size_t n, char hex[65])
{
	unsigned char digest[TT_SHA256_LEN];
	int rc = tt_sha256(bytes, n, digest);
	if (rc == 0)
		tt_sha256_hex(digest, hex);
	return rc;
}

char *tt_journal_user(void)
{
	/* The effective user's login name first: $USER is whatever the
	 * environment says and is kept only for a user the system cannot
	 * name. */
	struct passwd pw, *found = NULL;
	char buf[4096];
	if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &found) == 0 && found && pw.pw_name &&
	    *pw.pw_name)
		return tt_xstrdup(pw.pw_name);
	const char *user = getenv("USER");
	if (user && *user)
		return tt_xstrdup(user);
	return tt_xasprintf("uid %lu", (unsigned long)geteuid());
}

char *tt_journal_time(void)
{
	time_t t = time(NULL);
	struct tm tm;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long v;
	if (sde && tt_parse_long(sde, 0, 253402300799L, &v) == 0) {
		t = (time_t)v;
		gmtime_r(&t, &tm);
	} else {
		localtime_r(&t, &tm);
	}
	char when[32], zone[8];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	/* %z gives +hhmm (gmtime's tm gives +0000); ISO 8601's extended form
	 * puts a colon in it. */
	if (strftime(zone, sizeof zone, "%z", &tm) != 5)
		strcpy(zone, "+0000");
	return tt_xasprintf("%s%.3s:%.2s", when, zone, zone + 3);
}
