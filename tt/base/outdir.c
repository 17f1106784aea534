/*
 * outdir.c - temporary folders renamed into place.
 */
#include "tt/base/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt/base/error.h"
#include "tt/base/util.h"

int tt_mkdir_p(const char *path)
{
	char *p = tt_xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = (mkdir(p, 0777) != 0 && errno != EEXIST) ? -1 : 0;
	free(p);
	return rc;
}

int tt_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *dir = opendir(path);
	if (!dir)
		return -1;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *child = tt_xasprintf("%s/%s", path, e->d_name);
		if (tt_remove_tree(child) != 0)
			rc = -1;
		free(child);
	}
	closedir(dir);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

int tt_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return tt_error_set(TT_EIO, "cannot write '%s': %s", path, strerror(errno));
	size_t w = fwrite(data, 1, len, f);
	int bad = w != len;
	if (fclose(f) != 0)
		bad = 1;
	if (bad)
		return tt_error_set(TT_EIO, "cannot write '%s'", path);
	return 0;
}

static char *strip_slashes(const char *target)
{
	char *t = tt_xstrdup(target);
	size_t n = strlen(t);
	while (n > 1 && t[n - 1] == '/')
		t[--n] = '\0';
	return t;
}

int tt_outdir_begin(tt_outdir *o, const char *target, const char *marker, int force)
{
	memset(o, 0, sizeof *o);
	o->marker = marker;
	o->target = strip_slashes(target);
	struct stat st;
	if (stat(o->target, &st) == 0) {
		if (!force) {
			tt_error_set(
				TT_EINVAL,
				"'%s' exists; use --force to replace it, or -o to write elsewhere",
				o->target);
			goto fail;
		}
		char *m = tt_xasprintf("%s/%s", o->target, marker);
		int ours = S_ISDIR(st.st_mode) && tt_path_is_file(m);
		free(m);
		if (!ours) {
			tt_error_set(TT_EINVAL,
				     "'%s' exists and is not a tt output folder (it has no %s); "
				     "refusing to replace it",
				     o->target, marker);
			goto fail;
		}
	}
	char *parent = tt_path_dirname(o->target);
	if (tt_mkdir_p(parent) != 0) {
		tt_error_set(TT_EIO, "cannot create '%s': %s", parent, strerror(errno));
		free(parent);
		goto fail;
	}
	free(parent);
	o->tmp = tt_xasprintf("%s.tmp-XXXXXX", o->target);
	if (!mkdtemp(o->tmp)) {
		tt_error_set(TT_EIO, "cannot create a folder beside '%s': %s", o->target,
			     strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	/* mkdtemp makes the folder private; a report is as readable as any
	 * other file the user creates. */
	mode_t mask = umask(0);
	umask(mask);
	chmod(o->tmp, 0777 & ~mask);
	return 0;
fail:
	free(o->target);
	o->target = NULL;
	return tt_error_last_code();
}

char *tt_outdir_path(const tt_outdir *o, const char *name)
{
	return tt_xasprintf("%s/%s", o->tmp, name);
}

int tt_outdir_commit(tt_outdir *o)
{
	int rc = 0;
	char *old = NULL;
	if (tt_path_exists(o->target)) {
		old = tt_xasprintf("%s.old-XXXXXX", o->target);
		/* mkdtemp reserves a unique name; rename onto an empty folder
		 * replaces it atomically. */
		if (!mkdtemp(old) || rename(o->target, old) != 0) {
			rc = tt_error_set(TT_EIO, "cannot move the old '%s' aside: %s", o->target,
					  strerror(errno));
			goto done;
		}
	}
	if (rename(o->tmp, o->target) != 0) {
		rc = tt_error_set(TT_EIO, "cannot move the report into '%s': %s", o->target,
				  strerror(errno));
		if (old)
			rename(old, o->target);
		goto done;
	}
	if (old)
		tt_remove_tree(old);
done:
	if (rc)
		tt_remove_tree(o->tmp);
	free(old);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return rc;
}

void tt_outdir_abort(tt_outdir *o)
{
	if (o->tmp)
		tt_remove_tree(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
