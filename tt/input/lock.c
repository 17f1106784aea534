/*
 * lock.c - writing and verifying STUDY.lock.
 */
#include "tt/input/lock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/base/hash.h"
#include "tt/base/util.h"
#include "tt/input/ydoc.h"

char *tt_lock_path(const char *study_path)
{
	size_t n = strlen(study_path);
	if (n > 5 && strcmp(study_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(study_path + n - 4, ".yml") == 0)
		n -= 4;
	return tt_xasprintf("%.*s.lock", (int)n, study_path);
}

/* path relative to the study's folder, for a path resolved from it. */
static const char *relative_to_dir(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (strcmp(dir, ".") != 0 && strncmp(path, dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static void put_yaml_string(tt_buf *b, const char *s)
{
	/* Double-quoted YAML: escape backslash, quote and control characters. */
	tt_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			tt_buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			tt_buf_printf(b, "\\x%02x", *p);
		else
			tt_buf_putc(b, (char)*p);
	}
	tt_buf_putc(b, '"');
}

int tt_lock_write(const tt_study *study, const char *locked_at, int force)
{
	char *path = tt_lock_path(study->path);
	if (!force && tt_path_exists(path)) {
		tt_error_set(TT_EINVAL, "'%s' exists; use --force to lock the study again", path);
		free(path);
		return TT_EINVAL;
	}
	const char *paths[3] = { study->path, study->source_spec->path,
				 study->receiving_spec->path };
	const char *roles[3] = { "study", "source process", "receiving process" };
	const unsigned char *shas[3] = { study->sha256, study->source_spec->sha256,
					 study->receiving_spec->sha256 };
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "# tt lock: the acceptance criteria of this study, fixed before the data.\n"
			"# tt run refuses the study if any file below has changed since.\n"
			"lock:\n  study: ");
	put_yaml_string(&b, study->id);
	tt_buf_puts(&b, "\n  locked_at: ");
	put_yaml_string(&b, locked_at);
	tt_buf_printf(&b, "\n  tt_version: \"%s\"\n  files:\n", TT_VERSION);
	for (int i = 0; i < 3; i++) {
		char hex[65];
		tt_sha256_hex(shas[i], hex);
		tt_buf_puts(&b, "    - path: ");
		put_yaml_string(&b, relative_to_dir(study->dir, paths[i]));
		tt_buf_printf(&b, "\n      role: %s\n      sha256: %s\n", roles[i], hex);
	}
	/* Write beside the target and rename, so a failed write leaves any
	 * earlier lock as it was. */
	char *tmp = tt_xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int rc = 0;
	if (!f || fwrite(b.data, 1, b.len, f) != b.len) {
		rc = tt_error_set(TT_EIO, "cannot write '%s': %s", tmp, strerror(errno));
		if (f)
			fclose(f);
		unlink(tmp);
	} else if (fclose(f) != 0 || rename(tmp, path) != 0) {
		rc = tt_error_set(TT_EIO, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(path);
	tt_buf_free(&b);
	return rc;
}

int tt_lock_verify(const tt_study *study, int *locked, char **locked_at, tt_diags *d)
{
	*locked = 0;
	*locked_at = NULL;
	char *path = tt_lock_path(study->path);
	if (!tt_path_exists(path)) {
		free(path);
		return 0;
	}
	tt_ydoc *doc;
	if (tt_ydoc_load(&doc, path, d)) {
		free(path);
		return TT_EINVAL;
	}
	size_t errors = d->errors;
	tt_ynode *lock = tt_ynode_get(doc->root, "lock");
	tt_ynode *files = lock ? tt_ynode_get(lock, "files") : NULL;
	tt_ynode *when = lock ? tt_ynode_get(lock, "locked_at") : NULL;
	if (!files || files->kind != TT_YNODE_SEQ || !when || when->kind != TT_YNODE_SCALAR) {
		tt_diags_add(d, TT_SEV_ERROR, path, 0, 0,
			     "not a tt lock file (no lock.files and lock.locked_at); run 'tt lock "
			     "--force' to lock the study again");
		goto done;
	}
	/* Every file the study needs now must be in the lock, unchanged. */
	const char *paths[3] = { study->path, study->source_spec->path,
				 study->receiving_spec->path };
	const unsigned char *shas[3] = { study->sha256, study->source_spec->sha256,
					 study->receiving_spec->sha256 };
	for (int i = 0; i < 3; i++) {
		const char *rel = relative_to_dir(study->dir, paths[i]);
		const tt_ynode *found = NULL;
		for (size_t k = 0; k < files->count; k++) {
			const tt_ynode *p = tt_ynode_get(files->items[k], "path");
			if (p && p->kind == TT_YNODE_SCALAR && strcmp(p->text, rel) == 0)
				found = files->items[k];
		}
		char hex[65];
		tt_sha256_hex(shas[i], hex);
		const tt_ynode *sha = found ? tt_ynode_get(found, "sha256") : NULL;
		if (!found)
			tt_diags_add(d, TT_SEV_ERROR, paths[i], 0, 0,
				     "not in the lock '%s': the study names a file it did not "
				     "name when it was locked on %s",
				     path, when->text);
		else if (!sha || sha->kind != TT_YNODE_SCALAR || strcmp(sha->text, hex) != 0)
			tt_diags_add(
				d, TT_SEV_ERROR, paths[i], 0, 0,
				"changed after the study was locked on %s (its SHA-256 differs "
				"from '%s'); the acceptance criteria are no longer the locked "
				"ones",
				when->text, path);
	}
	if (d->errors == errors) {
		*locked = 1;
		*locked_at = tt_xstrdup(when->text);
	}
done:
	tt_ydoc_free(doc);
	free(path);
	return d->errors == errors ? 0 : TT_EINVAL;
}
