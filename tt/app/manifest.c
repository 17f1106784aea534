/*
 * manifest.c - manifest.json written and checked (the format is in
 * manifest.h).
 */
#include "tt/app/manifest.h"

#include <dirent.h>
#include <errno.h>
#include <gsl/gsl_version.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "tt/base/error.h"
#include "tt/base/json.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/engine/engine.h"

/* The largest manifest read: a folder of a hundred thousand files. */
#define MAX_MANIFEST_SIZE (64u * 1024u * 1024u)

/* A file found under a folder. */
typedef struct found {
	char *path; /* relative to the folder */
	bool regular;
	long long bytes;
} found;

typedef struct listing {
	found *items;
	size_t n, cap;
} listing;

static void listing_free(listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].path);
	free(l->items);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const found *)a)->path, ((const found *)b)->path);
}

/* Whether a name at the top of a folder is one a manifest never lists. */
static bool unlisted(const char *name)
{
	return strcmp(name, TT_MANIFEST_FILE) == 0 || strcmp(name, TT_MANIFEST_UNLISTED) == 0;
}

/* Adds every file under root/rel (rel NULL: root itself) to l, without
 * following links: a link is a file that is not regular. */
static int walk(listing *l, const char *root, const char *rel)
{
	char *dir = rel ? tt_xasprintf("%s/%s", root, rel) : tt_xstrdup(root);
	DIR *d = opendir(dir);
	int rc = 0;
	if (!d) {
		rc = tt_error_set(TT_EIO, "cannot list the folder '%s': %s", dir, strerror(errno));
		free(dir);
		return rc;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				rc = tt_error_set(TT_EIO, "cannot list the folder '%s': %s", dir,
						  strerror(errno));
			break;
		}
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || (!rel && unlisted(name)))
			continue;
		char *path = rel ? tt_xasprintf("%s/%s", rel, name) : tt_xstrdup(name);
		char *full = tt_xasprintf("%s/%s", dir, name);
		struct stat st;
		if (lstat(full, &st) != 0) {
			rc = tt_error_set(TT_EIO, "cannot read '%s': %s", full, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(l, root, path);
		} else {
			l->items = tt_xgrow(l->items, &l->cap, l->n + 1, sizeof *l->items);
			l->items[l->n++] =
				(found){ path, S_ISREG(st.st_mode), (long long)st.st_size };
			path = NULL;
		}
		free(full);
		free(path);
		if (rc)
			break;
	}
	closedir(d);
	free(dir);
	return rc;
}

/* Every file under dir that a manifest lists or should list, sorted. */
static int list_folder(listing *l, const char *dir)
{
	memset(l, 0, sizeof *l);
	int rc = walk(l, dir, NULL);
	if (rc) {
		listing_free(l);
		memset(l, 0, sizeof *l);
		return rc;
	}
	/* An empty folder has no list to sort (and qsort wants one). */
	if (l->n)
		qsort(l->items, l->n, sizeof *l->items, by_path);
	return 0;
}

static int hash_file(const char *dir, const char *rel, char hex[TT_SHA256_HEX_LEN + 1])
{
	char *path = tt_xasprintf("%s/%s", dir, rel);
	unsigned char digest[TT_SHA256_LEN];
	int rc = tt_sha256_file(path, digest);
	if (rc == 0)
		tt_sha256_hex(digest, hex);
	free(path);
	return rc;
}

static void write_libraries(tt_json *j, const char *gnuplot_version)
{
	tt_json_key(j, "libraries");
	tt_json_begin_object(j);
	tt_json_kv_string(j, "gsl", gsl_version);
	tt_json_kv_string(j, "libyaml", yaml_get_version_string());
	tt_json_kv_string(j, "openssl", OpenSSL_version(OPENSSL_VERSION));
	tt_json_kv_string(j, "jansson", jansson_version_str());
	tt_json_kv_string(j, "gnuplot", gnuplot_version);
	tt_json_end_object(j);
}

int tt_manifest_write(const char *dir, const tt_manifest_info *info)
{
	const char *exe = info->executable ? info->executable : "/proc/self/exe";
	unsigned char digest[TT_SHA256_LEN];
	char exe_hex[TT_SHA256_HEX_LEN + 1];
	char *now = NULL;
	listing l;
	tt_buf b = TT_BUF_INIT;
	int rc = tt_sha256_file(exe, digest);
	if (rc) {
		char *why = tt_xstrdup(tt_error_last());
		rc = tt_error_set(TT_EIO, "cannot read the program that runs, for the manifest: %s",
				  why);
		free(why);
		return rc;
	}
	tt_sha256_hex(digest, exe_hex);
	if ((rc = list_folder(&l, dir)) != 0)
		return rc;

	tt_json j;
	tt_json_init(&j, &b, 1);
	tt_json_begin_object(&j);
	tt_json_kv_int(&j, "manifest_version", TT_MANIFEST_VERSION);
	tt_json_kv_string(&j, "kind", info->kind);
	tt_json_key(&j, "record");
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "path", info->record);
	tt_json_kv_string(&j, "sha256", info->record_sha256);
	tt_json_end_object(&j);
	if (!info->generated_at)
		now = tt_engine_timestamp();
	tt_json_kv_string(&j, "generated_at", now ? now : info->generated_at);
	tt_json_kv_string(&j, "command_line", info->command_line);
	if (info->has_seed)
		tt_json_kv_number(&j, "seed", (double)info->seed);
	else
		tt_json_kv_null(&j, "seed");
	tt_json_kv_string(&j, "tt_version", TT_VERSION);
	tt_json_kv_string(&j, "executable_sha256", exe_hex);
	write_libraries(&j, info->gnuplot_version);
	tt_json_key(&j, "inputs");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < info->n_inputs; i++) {
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", info->inputs[i].path);
		tt_json_kv_string(&j, "role", info->inputs[i].role);
		tt_json_kv_string(&j, "sha256", info->inputs[i].sha256);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_key(&j, "files");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		char hex[TT_SHA256_HEX_LEN + 1];
		/* tt writes only regular files; anything else is not its own. */
		if (!l.items[i].regular)
			rc = tt_error_set(TT_EIO, "'%s/%s' is not a regular file", dir,
					  l.items[i].path);
		else
			rc = hash_file(dir, l.items[i].path, hex);
		if (rc)
			break;
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", l.items[i].path);
		tt_json_kv_string(&j, "sha256", hex);
		tt_json_kv_int(&j, "bytes", l.items[i].bytes);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_end_object(&j);
	tt_buf_putc(&b, '\n');
	if (rc == 0) {
		char *path = tt_xasprintf("%s/%s", dir, TT_MANIFEST_FILE);
		rc = tt_write_file(path, b.data, b.len);
		free(path);
	}
	tt_buf_free(&b);
	free(now);
	listing_free(&l);
	return rc;
}

/* ---- checking ---- */

/* A file as the manifest lists it (strings in the parsed document). */
typedef struct listed {
	const char *path;
	const char *sha256;
	long long bytes;
} listed;

static int listed_by_path(const void *a, const void *b)
{
	return strcmp(((const listed *)a)->path, ((const listed *)b)->path);
}

static bool is_hex(const char *s)
{
	if (!s || strlen(s) != TT_SHA256_HEX_LEN)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* Whether a listed path names a file a manifest may list: relative, inside
 * the folder ("", "." and ".." are no folder names), not the manifest nor
 * under signatures/. */
static bool listable(const char *path)
{
	if (!*path || *path == '/')
		return false;
	const char *end = strchr(path, '/');
	size_t first = end ? (size_t)(end - path) : strlen(path);
	if ((first == strlen(TT_MANIFEST_FILE) && !end &&
	     strncmp(path, TT_MANIFEST_FILE, first) == 0) ||
	    (first == strlen(TT_MANIFEST_UNLISTED) &&
	     strncmp(path, TT_MANIFEST_UNLISTED, first) == 0))
		return false;
	for (const char *p = path;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 0 || (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

/* Reads the files member of a manifest into *out (sorted by path), or
 * sets r->problem naming the first bad member. */
static void read_files(tt_manifest_result *r, const json_t *root, listed **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const json_t *files = json_object_get(root, "files");
	if (!json_is_array(files)) {
		r->problem = tt_xstrdup("manifest.json has no list of files (files)");
		return;
	}
	listed *l = tt_xcalloc(json_array_size(files) + 1, sizeof *l);
	for (size_t i = 0; i < json_array_size(files); i++) {
		const json_t *item = json_array_get(files, i);
		const json_t *bytes = json_object_get(item, "bytes");
		l[i].path = json_string_value(json_object_get(item, "path"));
		l[i].sha256 = json_string_value(json_object_get(item, "sha256"));
		l[i].bytes = json_integer_value(bytes);
		if (!l[i].path || !listable(l[i].path))
			r->problem = tt_xasprintf("manifest.json: files[%zu].path is not the path "
						  "of a file inside the folder",
						  i);
		else if (!is_hex(l[i].sha256))
			r->problem = tt_xasprintf("manifest.json: files[%zu].sha256 is not 64 "
						  "lower-case hex digits",
						  i);
		else if (!json_is_integer(bytes) || l[i].bytes < 0)
			r->problem = tt_xasprintf("manifest.json: files[%zu].bytes is not a "
						  "whole number >= 0",
						  i);
		if (r->problem) {
			free(l);
			return;
		}
	}
	*n = json_array_size(files);
	qsort(l, *n, sizeof *l, listed_by_path);
	for (size_t i = 1; i < *n; i++)
		if (strcmp(l[i - 1].path, l[i].path) == 0) {
			r->problem = tt_xasprintf("manifest.json lists '%s' twice", l[i].path);
			free(l);
			*n = 0;
			return;
		}
	*out = l;
}

/* Reads dir/manifest.json into r->record, r->record_sha256 and *files,
 * or sets r->problem. */
static void read_manifest(tt_manifest_result *r, const char *dir, json_t **root, listed **files,
			  size_t *n)
{
	char *path = tt_xasprintf("%s/%s", dir, TT_MANIFEST_FILE);
	char *text = NULL;
	size_t len;
	struct stat st;
	json_error_t e;
	*root = NULL;
	*files = NULL;
	*n = 0;
	if (lstat(path, &st) != 0 && errno == ENOENT) {
		r->problem = tt_xstrdup("no manifest.json: not a report folder written by this tt, "
					"or it was removed");
	} else if (tt_read_file(path, MAX_MANIFEST_SIZE, &text, &len) != 0) {
		r->problem = tt_xasprintf("manifest.json cannot be read: %s", tt_error_last());
	} else if (!(*root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e))) {
		r->problem =
			tt_xasprintf("manifest.json is not valid JSON: line %d, column %d: %s",
				     e.line < 1 ? 1 : e.line, e.column < 1 ? 1 : e.column, e.text);
	} else if (json_integer_value(json_object_get(*root, "manifest_version")) !=
		   TT_MANIFEST_VERSION) {
		r->problem = tt_xasprintf("manifest.json is not a manifest of version %d, the one "
					  "this tt reads (manifest_version)",
					  TT_MANIFEST_VERSION);
	} else {
		const json_t *rec = json_object_get(*root, "record");
		const char *rpath = json_string_value(json_object_get(rec, "path"));
		const char *rsha = json_string_value(json_object_get(rec, "sha256"));
		if (!rpath || !is_hex(rsha))
			r->problem = tt_xstrdup("manifest.json: record has no path and SHA-256");
		else
			read_files(r, *root, files, n);
		if (!r->problem) {
			listed key = { rpath, NULL, 0 };
			const listed *f = bsearch(&key, *files, *n, sizeof key, listed_by_path);
			if (!f || strcmp(f->sha256, rsha) != 0)
				r->problem = tt_xasprintf("manifest.json: the record '%s' is not "
							  "among its files with the SHA-256 given",
							  rpath);
		}
		if (!r->problem) {
			r->record = tt_xstrdup(rpath);
			r->record_sha256 = tt_xstrdup(rsha);
		}
	}
	if (r->problem) {
		free(*files);
		*files = NULL;
		*n = 0;
	}
	free(text);
	free(path);
}

static void add_difference(tt_manifest_result *r, size_t *cap, const char *path,
			   tt_manifest_change change, const char *error)
{
	r->differences =
		tt_xgrow(r->differences, cap, r->n_differences + 1, sizeof *r->differences);
	r->differences[r->n_differences++] =
		(tt_manifest_difference){ tt_xstrdup(path), change,
					  error ? tt_xstrdup(error) : NULL };
}

/* The difference of a file listed and found, if any. */
static void compare_file(tt_manifest_result *r, size_t *cap, const char *dir, const listed *want,
			 const found *have)
{
	char hex[TT_SHA256_HEX_LEN + 1];
	if (!have->regular || have->bytes != want->bytes)
		add_difference(r, cap, want->path, TT_MANIFEST_CHANGED, NULL);
	else if (hash_file(dir, want->path, hex) != 0)
		add_difference(r, cap, want->path, TT_MANIFEST_UNREADABLE, tt_error_last());
	else if (strcmp(hex, want->sha256) != 0)
		add_difference(r, cap, want->path, TT_MANIFEST_CHANGED, NULL);
}

int tt_manifest_check(tt_manifest_result *out, const char *dir)
{
	memset(out, 0, sizeof *out);
	listing have;
	int rc = list_folder(&have, dir);
	if (rc)
		return rc;
	json_t *root;
	listed *want;
	size_t n_want, cap = 0;
	read_manifest(out, dir, &root, &want, &n_want);
	out->n_listed = n_want;
	/* Both lists are sorted: one pass finds what is missing, added or
	 * changed, in the order of the paths. */
	for (size_t i = 0, k = 0; !out->problem && (i < n_want || k < have.n);) {
		int cmp;
		if (i == n_want)
			cmp = 1;
		else if (k == have.n)
			cmp = -1;
		else
			cmp = strcmp(want[i].path, have.items[k].path);
		if (cmp < 0) {
			add_difference(out, &cap, want[i++].path, TT_MANIFEST_MISSING, NULL);
		} else if (cmp > 0) {
			add_difference(out, &cap, have.items[k++].path, TT_MANIFEST_ADDED, NULL);
		} else {
			compare_file(out, &cap, dir, &want[i], &have.items[k]);
			i++;
			k++;
		}
	}
	free(want);
	json_decref(root);
	listing_free(&have);
	return 0;
}

void tt_manifest_result_free(tt_manifest_result *r)
{
	if (!r)
		return;
	free(r->problem);
	free(r->record);
	free(r->record_sha256);
	for (size_t i = 0; i < r->n_differences; i++) {
		free(r->differences[i].path);
		free(r->differences[i].error);
	}
	free(r->differences);
	memset(r, 0, sizeof *r);
}
