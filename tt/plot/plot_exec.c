/*
 * plot_exec.c - runs one gnuplot process on a script (see plot.h).
 *
 * gnuplot is started with posix_spawnp(), so a missing program is told
 * apart cleanly (ENOENT) from one that fails.  The script goes through a
 * pipe that gnuplot reads as a script file, `gnuplot -d /dev/stdin`: in
 * that mode it draws the run's figures in about half the time it takes in
 * its interactive stdin mode, stops at the first error and names its line.
 * -d (--default-settings) keeps a user's ~/.gnuplot out of the figures.
 *
 * SIGPIPE is blocked in the writing thread while the script is written, so
 * a gnuplot that dies early shows as EPIPE (and its exit status) instead
 * of killing tt; a SIGPIPE raised meanwhile is consumed before the mask is
 * restored.  gnuplot's stderr is read while the script is written (poll),
 * so neither side can block the other however much gnuplot complains; its
 * first lines become the error message.
 */
#include "tt/plot/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt/base/error.h"

extern char **environ;

/* How much of gnuplot's error output is kept, and how many of its lines
 * go into the message. */
#define MAX_STDERR (64 * 1024)
#define MESSAGE_LINES 4

static const char not_found[] = "gnuplot not found; install gnuplot or run with --no-plots";

static void set_flags(int fd, int fd_flags, int fl_flags)
{
	if (fd_flags)
		fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | fd_flags);
	if (fl_flags)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | fl_flags);
}

/* The first lines of gnuplot's complaints, trimmed, without the lines
 * that only hold the '^' pointing at a column, joined by "; ". */
static char *first_lines(const tt_buf *err)
{
	tt_buf m = TT_BUF_INIT;
	int lines = 0;
	const char *s = err->data ? err->data : "";
	while (*s && lines < MESSAGE_LINES) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		size_t a = 0, b = len;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
			b--;
		bool caret = b - a == 1 && s[a] == '^';
		if (b > a && !caret) {
			if (lines++)
				tt_buf_puts(&m, "; ");
			tt_buf_put(&m, s + a, b - a);
		}
		s += len + (end ? 1 : 0);
	}
	if (m.len == 0)
		tt_buf_puts(&m, "no error output");
	return tt_buf_detach(&m);
}

/* Writes the script to fd while reading gnuplot's stderr from efd, then
 * reads stderr to its end.  A write that fails (gnuplot exited) stops the
 * writing; the exit status then tells what happened. */
static void pump(int fd, int efd, const char *script, size_t len, tt_buf *err)
{
	size_t done = 0;
	bool writing = true, reading = true;
	while (writing || reading) {
		struct pollfd p[2];
		int np = 0, wi = -1, ri = -1;
		if (writing) {
			p[np] = (struct pollfd){ .fd = fd, .events = POLLOUT };
			wi = np++;
		}
		if (reading) {
			p[np] = (struct pollfd){ .fd = efd, .events = POLLIN };
			ri = np++;
		}
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (wi >= 0 && p[wi].revents) {
			ssize_t k = done < len ? write(fd, script + done, len - done) : 0;
			if (k > 0)
				done += (size_t)k;
			else if (k < 0 &&
				 (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
				continue;
			if (k <= 0 || done == len) {
				writing = false;
				close(fd); /* end of the script: gnuplot quits */
			}
		}
		if (ri >= 0 && p[ri].revents) {
			char buf[4096];
			ssize_t k = read(efd, buf, sizeof buf);
			if (k > 0) {
				if (err->len < MAX_STDERR)
					tt_buf_put(err, buf, (size_t)k);
			} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
				reading = false;
			}
		}
	}
	if (writing)
		close(fd);
}

/* gnuplot names the failing line of the script ("/dev/stdin" line 12:),
 * which exists only in memory: appends that line's text to the message,
 * so a broken template can be found. */
static void put_failing_line(tt_buf *m, const tt_buf *err, const char *script, size_t len)
{
	const char *at = err->data ? strstr(err->data, "\"/dev/stdin\" line ") : NULL;
	if (!at)
		return;
	long line = strtol(at + strlen("\"/dev/stdin\" line "), NULL, 10);
	const char *s = script, *end = script + len;
	for (long i = 1; i < line && s < end; i++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		s = nl ? nl + 1 : end;
	}
	if (line < 1 || s >= end)
		return;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	tt_buf_printf(m, "; line %ld is: %.*s%s", line, (int)(n > 200 ? 200 : n), s,
		      n > 200 ? "..." : "");
}

int tt_plot_exec(const char *script, size_t len, const tt_plot_options *opt)
{
	const char *prog = opt && opt->gnuplot ? opt->gnuplot : "gnuplot";
	int in[2] = { -1, -1 }, err[2] = { -1, -1 };
	if (pipe(in) != 0 || pipe(err) != 0) {
		int e = errno;
		for (int i = 0; i < 2; i++) {
			if (in[i] >= 0)
				close(in[i]);
			if (err[i] >= 0)
				close(err[i]);
		}
		return tt_error_set(TT_EENV, "cannot start gnuplot: %s", strerror(e));
	}
	/* The child gets only its dup2'ed copies (dup2 clears close-on-exec). */
	for (int i = 0; i < 2; i++) {
		set_flags(in[i], FD_CLOEXEC, 0);
		set_flags(err[i], FD_CLOEXEC, 0);
	}

	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	/* gnuplot gets default signal handling whatever the caller set up. */
	posix_spawnattr_init(&attr);
	sigset_t none, def;
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

	char *argv[] = { (char *)prog, (char *)"-d", (char *)"/dev/stdin", NULL };
	pid_t pid;
	int e = posix_spawnp(&pid, prog, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(in[0]);
	close(err[1]);
	if (e != 0) {
		close(in[1]);
		close(err[0]);
		if (e == ENOENT || e == ENOTDIR)
			return tt_error_set(TT_EENV, "%s", not_found);
		return tt_error_set(TT_EENV, "cannot start gnuplot '%s': %s", prog, strerror(e));
	}

	set_flags(in[1], 0, O_NONBLOCK);
	set_flags(err[0], 0, O_NONBLOCK);
	sigset_t pipe_set, old_mask, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);
	sigpending(&pending);
	bool was_pending = sigismember(&pending, SIGPIPE);

	tt_buf errors = TT_BUF_INIT;
	pump(in[1], err[0], script, len, &errors);
	close(err[0]);

	sigpending(&pending);
	if (!was_pending && sigismember(&pending, SIGPIPE)) {
		struct timespec zero = { 0, 0 };
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);

	int status = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			tt_buf_free(&errors);
			return tt_error_set(TT_EENV, "cannot wait for gnuplot: %s",
					    strerror(errno));
		}
	}

	int rc = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		/* What a shell or exec wrapper reports for a missing program. */
		rc = tt_error_set(TT_EENV, "%s", not_found);
	} else {
		tt_buf m = TT_BUF_INIT;
		char *lines = first_lines(&errors);
		tt_buf_puts(&m, lines);
		free(lines);
		put_failing_line(&m, &errors, script, len);
		char *first = tt_buf_detach(&m);
		if (WIFEXITED(status))
			rc = tt_error_set(TT_EENV, "gnuplot failed with exit status %d: %s",
					  WEXITSTATUS(status), first);
		else
			rc = tt_error_set(TT_EENV, "gnuplot was killed by signal %d: %s",
					  WIFSIGNALED(status) ? WTERMSIG(status) : 0, first);
		free(first);
	}
	tt_buf_free(&errors);
	return rc;
}
