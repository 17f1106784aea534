/*
 * lock.c - the lock history: the criteria's canonical form, reading and
 * checking the chain, appending an entry, and the facts a report states.
 */
#include "tt/input/lock.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tt/base/journal.h"
#include "tt/base/json.h"

char *tt_lock_path(const char *study_path)
{
	size_t n = strlen(study_path);
	if (n > 5 && strcmp(study_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(study_path + n - 4, ".yml") == 0)
		n -= 4;
	return tt_xasprintf("%.*s.lock", (int)n, study_path);
}

static int is_dotdot(const char *seg, size_t len)
{
	return len == 2 && seg[0] == '.' && seg[1] == '.';
}

/* The segments of a path, "." left out and ".." taking back the segment
 * before it where there is one; returns the count. */
static size_t segments(const char *path, const char **segs, size_t *lens)
{
	size_t n = 0;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (is_dotdot(p, len) && n > 0 && !is_dotdot(segs[n - 1], lens[n - 1])) {
			n--;
		} else if (len && !(len == 1 && p[0] == '.')) {
			segs[n] = p;
			lens[n] = len;
			n++;
		}
		p += len;
	}
	return n;
}

/* A path the study loader resolved (relative to the working folder, or
 * absolute) made relative to the study's folder, lexically as the loader
 * resolved it: "specs/a.yaml" seen from the folder "studies" is
 * "../specs/a.yaml".  A new string: the path as it is when the two cannot
 * be related (one is absolute, or the folder lies above the working
 * folder, whose name the path does not hold). */
static char *relative_to_dir(const char *dir, const char *path)
{
	if ((dir[0] == '/') != (path[0] == '/'))
		return tt_xstrdup(path);
	size_t nd = strlen(dir) + 1, np = strlen(path) + 1;
	const char **ds = tt_xcalloc(nd, sizeof *ds), **ps = tt_xcalloc(np, sizeof *ps);
	size_t *dl = tt_xcalloc(nd, sizeof *dl), *pl = tt_xcalloc(np, sizeof *pl);
	nd = segments(dir, ds, dl);
	np = segments(path, ps, pl);
	size_t common = 0;
	while (common < nd && common < np && dl[common] == pl[common] &&
	       memcmp(ds[common], ps[common], dl[common]) == 0)
		common++;
	tt_buf b = TT_BUF_INIT;
	int above = 0;
	for (size_t i = common; i < nd; i++) {
		above |= is_dotdot(ds[i], dl[i]);
		tt_buf_puts(&b, "../");
	}
	for (size_t i = common; i < np; i++) {
		if (i > common)
			tt_buf_putc(&b, '/');
		tt_buf_put(&b, ps[i], pl[i]);
	}
	if (above) {
		tt_buf_reset(&b);
		tt_buf_puts(&b, path);
	}
	free(ds);
	free(ps);
	free(dl);
	free(pl);
	return tt_buf_detach(&b);
}

/* ---- the canonical form ------------------------------------------------- */

static int pair_cmp(const void *a, const void *b)
{
	const tt_ypair *x = *(const tt_ypair *const *)a, *y = *(const tt_ypair *const *)b;
	return strcmp(x->key->text, y->key->text);
}

/* Writes n canonically; the key skip_key of the mapping skip_in is left
 * out. */
static void canonical(tt_buf *out, const tt_ynode *n, const tt_ynode *skip_in, const char *skip_key)
{
	if (n->kind == TT_YNODE_SCALAR) {
		if (tt_ynode_is_null(n))
			tt_buf_puts(out, "null");
		else
			tt_json_escape(out, n->text);
		return;
	}
	if (n->kind == TT_YNODE_SEQ) {
		tt_buf_putc(out, '[');
		for (size_t i = 0; i < n->count; i++) {
			if (i)
				tt_buf_putc(out, ',');
			canonical(out, n->items[i], skip_in, skip_key);
		}
		tt_buf_putc(out, ']');
		return;
	}
	/* Keys are unique (ydoc refuses duplicates), so the order is total. */
	const tt_ypair **sorted = tt_xmalloc((n->count ? n->count : 1) * sizeof *sorted);
	for (size_t i = 0; i < n->count; i++)
		sorted[i] = &n->pairs[i];
	qsort(sorted, n->count, sizeof *sorted, pair_cmp);
	tt_buf_putc(out, '{');
	int first = 1;
	for (size_t i = 0; i < n->count; i++) {
		if (n == skip_in && strcmp(sorted[i]->key->text, skip_key) == 0)
			continue;
		if (!first)
			tt_buf_putc(out, ',');
		first = 0;
		tt_json_escape(out, sorted[i]->key->text);
		tt_buf_putc(out, ':');
		canonical(out, sorted[i]->value, skip_in, skip_key);
	}
	tt_buf_putc(out, '}');
	free(sorted);
}

void tt_lock_canonical_study(tt_buf *out, const tt_ynode *root)
{
	if (!root) {
		tt_buf_puts(out, "null");
		return;
	}
	canonical(out, root, tt_ynode_get(root, "study"), "exclude");
}

int tt_lock_criteria_of(tt_lock_criteria *out, const tt_study *study)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_ydoc *doc = NULL;
	tt_buf canon = TT_BUF_INIT, text = TT_BUF_INIT;
	int rc = TT_OK;
	/* The tree is read again rather than kept by the study loader; the
	 * hash of its bytes ties it to the study that was checked. */
	if (tt_ydoc_load(&doc, study->path, &d) != 0 ||
	    memcmp(doc->sha256, study->sha256, sizeof study->sha256) != 0) {
		rc = tt_error_set(TT_EINVAL, "'%s' changed while tt read it; run the command again",
				  study->path);
		goto cleanup;
	}
	tt_sha256_hex(study->sha256, out->study);
	tt_sha256_hex(study->source_spec->sha256, out->source);
	tt_sha256_hex(study->receiving_spec->sha256, out->receiving);
	tt_lock_canonical_study(&canon, doc->root);
	if ((rc = tt_journal_hash(canon.data, canon.len, out->canonical)) != 0)
		goto cleanup;
	tt_buf_printf(&text, "{\"receiving_process\":\"%s\",\"source_process\":\"%s\",\"study\":",
		      out->receiving, out->source);
	tt_buf_put(&text, canon.data, canon.len);
	tt_buf_putc(&text, '}');
	rc = tt_journal_hash(text.data, text.len, out->criteria);
cleanup:
	tt_buf_free(&canon);
	tt_buf_free(&text);
	tt_ydoc_free(doc);
	tt_diags_free(&d);
	return rc;
}

/* ---- reading ------------------------------------------------------------ */

static void entry_free(tt_lock_entry *e)
{
	free(e->locked_at);
	free(e->user);
	free(e->reason);
	free(e->tt_version);
	free(e->criteria_sha256);
	free(e->study_sha256);
	free(e->canonical_sha256);
	free(e->study_path);
	free(e->source_sha256);
	free(e->source_path);
	free(e->receiving_sha256);
	free(e->receiving_path);
	for (size_t i = 0; i < e->n_data; i++) {
		free(e->data[i].path);
		free(e->data[i].role);
		free(e->data[i].sha256);
	}
	free(e->data);
	for (size_t i = 0; i < e->n_exclude; i++)
		free(e->exclude[i]);
	free(e->exclude);
}

void tt_lock_free(tt_lock *lock)
{
	if (!lock)
		return;
	for (size_t i = 0; i < lock->n_entries; i++)
		entry_free(&lock->entries[i]);
	free(lock->entries);
	free(lock->path);
	free(lock);
}

static int is_hex64(const char *s)
{
	if (!s || strlen(s) != TT_SHA256_HEX_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/* Where the problems of one entry are reported. */
typedef struct place {
	const char *path;
	int line;
	tt_diags *d;
	int bad;
} place;

static void bad(place *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(place *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_diags_vadd(p->d, TT_SEV_ERROR, p->path, p->line, 0, fmt, ap);
	va_end(ap);
	p->bad = 1;
}

/* The string member key of o (a new string), or NULL with an error; with
 * nullable, a JSON null is allowed and gives NULL without one. */
static char *member_string(place *p, const json_t *o, const char *key, int nullable)
{
	const json_t *v = json_object_get(o, key);
	if (nullable && json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		bad(p, "not a tt lock entry: '%s' is missing or not a string", key);
		return NULL;
	}
	return tt_xstrdup(json_string_value(v));
}

static char *member_hex(place *p, const json_t *o, const char *key)
{
	char *s = member_string(p, o, key, 0);
	if (s && !is_hex64(s)) {
		bad(p, "not a tt lock entry: '%s' is not a SHA-256 in hex", key);
		free(s);
		s = NULL;
	}
	return s;
}

/* The files member: the study and both specs, by role. */
static void read_files(place *p, tt_lock_entry *e, const json_t *files)
{
	if (!json_is_array(files)) {
		bad(p, "not a tt lock entry: '%s' is missing or not a list", "files");
		return;
	}
	static const char *const roles[3] = { "study", "source process", "receiving process" };
	for (int r = 0; r < 3; r++) {
		const json_t *found = NULL;
		for (size_t i = 0; i < json_array_size(files); i++) {
			const json_t *role = json_object_get(json_array_get(files, i), "role");
			if (json_is_string(role) && strcmp(json_string_value(role), roles[r]) == 0)
				found = json_array_get(files, i);
		}
		if (!found) {
			bad(p, "not a tt lock entry: 'files' has no %s", roles[r]);
			continue;
		}
		char *path = member_string(p, found, "path", 0);
		char *sha = member_hex(p, found, "sha256");
		if (r == 0) {
			e->study_path = path;
			e->study_sha256 = sha;
			e->canonical_sha256 = member_hex(p, found, "canonical_sha256");
		} else if (r == 1) {
			e->source_path = path;
			e->source_sha256 = sha;
		} else {
			e->receiving_path = path;
			e->receiving_sha256 = sha;
		}
	}
}

static void read_data(place *p, tt_lock_entry *e, const json_t *data)
{
	if (!json_is_array(data)) {
		bad(p, "not a tt lock entry: '%s' is missing or not a list", "data");
		return;
	}
	size_t n = json_array_size(data);
	e->data = tt_xcalloc(n ? n : 1, sizeof *e->data);
	for (size_t i = 0; i < n; i++) {
		const json_t *item = json_array_get(data, i);
		tt_lock_data *x = &e->data[e->n_data++];
		x->path = member_string(p, item, "path", 0);
		x->role = member_string(p, item, "role", 0);
		char *state = member_string(p, item, "state", 0);
		if (state && strcmp(state, "absent") != 0 && !is_hex64(state))
			bad(p,
			    "not a tt lock entry: a data file's '%s' is neither absent nor a "
			    "SHA-256",
			    "state");
		if (state && is_hex64(state))
			x->sha256 = state;
		else
			free(state);
	}
}

static void read_exclude(place *p, tt_lock_entry *e, const json_t *ex)
{
	if (!json_is_array(ex)) {
		bad(p, "not a tt lock entry: '%s' is missing or not a list", "exclude");
		return;
	}
	size_t n = json_array_size(ex);
	e->exclude = tt_xcalloc(n ? n : 1, sizeof *e->exclude);
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_array_get(ex, i);
		if (!json_is_string(v)) {
			bad(p, "not a tt lock entry: '%s' holds something other than lot ids",
			    "exclude");
			continue;
		}
		e->exclude[e->n_exclude++] = tt_xstrdup(json_string_value(v));
	}
}

/* Reads one JSON line (without its newline) into e, and checks its prev
 * against the SHA-256 of the entry before (NULL for none). */
static int read_entry(tt_lock_entry *e, place *p, const char *text, size_t len, const char *prev)
{
	json_error_t err;
	json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!json_is_object(o)) {
		tt_diags_add(p->d, TT_SEV_ERROR, p->path, p->line, 0, "not a tt lock entry: %s",
			     o ? "not a JSON object" : err.text);
		json_decref(o);
		return TT_EINVAL;
	}
	e->line = p->line;
	e->locked_at = member_string(p, o, "locked_at", 0);
	e->user = member_string(p, o, "user", 0);
	e->reason = member_string(p, o, "reason", 1);
	e->tt_version = member_string(p, o, "tt_version", 0);
	e->criteria_sha256 = member_hex(p, o, "criteria_sha256");
	read_files(p, e, json_object_get(o, "files"));
	read_data(p, e, json_object_get(o, "data"));
	read_exclude(p, e, json_object_get(o, "exclude"));
	if (prev && !e->reason)
		bad(p, "an entry after the first has no '%s': every re-lock needs one", "reason");
	const json_t *pv = json_object_get(o, "prev");
	if (!prev && !json_is_null(pv))
		tt_diags_add(p->d, TT_SEV_ERROR, p->path, p->line, 0,
			     "the chain is broken: the first entry's 'prev' is not null (an "
			     "entry before it was removed)");
	else if (prev && (!json_is_string(pv) || strcmp(json_string_value(pv), prev) != 0))
		tt_diags_add(p->d, TT_SEV_ERROR, p->path, p->line, 0,
			     "the chain is broken: 'prev' is not the SHA-256 of the entry before "
			     "it (line %d was changed, or an entry was removed or inserted there)",
			     p->line - 1);
	json_decref(o);
	return p->bad ? TT_EINVAL : TT_OK;
}

/* The YAML lock of an earlier tt, as a first entry. */
static int read_legacy(tt_lock_entry *e, const char *path, const char *text, size_t len,
		       tt_diags *d)
{
	tt_ydoc *doc;
	if (tt_ydoc_parse(&doc, path, text, len, d))
		return TT_EINVAL;
	int rc = TT_OK;
	const tt_ynode *lock = tt_ynode_get(doc->root, "lock");
	const tt_ynode *files = tt_ynode_get(lock, "files");
	const tt_ynode *when = tt_ynode_get(lock, "locked_at");
	const tt_ynode *version = tt_ynode_get(lock, "tt_version");
	if (!files || files->kind != TT_YNODE_SEQ || !when || when->kind != TT_YNODE_SCALAR) {
		tt_diags_add(d, TT_SEV_ERROR, path, 1, 0,
			     "not a tt lock file (neither JSON lines nor the YAML of an earlier "
			     "tt, with lock.files and lock.locked_at)");
		rc = TT_EINVAL;
		goto done;
	}
	e->line = 1;
	e->legacy = true;
	e->criteria_changed = 1;
	e->locked_at = tt_xstrdup(when->text);
	if (version && version->kind == TT_YNODE_SCALAR)
		e->tt_version = tt_xstrdup(version->text);
	static const char *const roles[3] = { "study", "source process", "receiving process" };
	char **paths[3] = { &e->study_path, &e->source_path, &e->receiving_path };
	char **shas[3] = { &e->study_sha256, &e->source_sha256, &e->receiving_sha256 };
	for (size_t k = 0; k < files->count; k++) {
		const tt_ynode *p = tt_ynode_get(files->items[k], "path");
		const tt_ynode *r = tt_ynode_get(files->items[k], "role");
		const tt_ynode *s = tt_ynode_get(files->items[k], "sha256");
		if (!p || p->kind != TT_YNODE_SCALAR || !r || r->kind != TT_YNODE_SCALAR || !s ||
		    s->kind != TT_YNODE_SCALAR)
			continue;
		for (int i = 0; i < 3; i++) {
			if (strcmp(r->text, roles[i]) == 0 && !*paths[i]) {
				*paths[i] = tt_xstrdup(p->text);
				*shas[i] = tt_xstrdup(s->text);
			}
		}
	}
	for (int i = 0; i < 3; i++) {
		if (!*paths[i]) {
			tt_diags_add(d, TT_SEV_ERROR, path, files->loc.line, 0,
				     "not a tt lock file: lock.files names no %s", roles[i]);
			rc = TT_EINVAL;
		}
	}
done:
	tt_ydoc_free(doc);
	return rc;
}

int tt_lock_parse(tt_lock **out, const char *path, const char *bytes, size_t len, tt_diags *d)
{
	*out = NULL;
	size_t errors = d->errors;
	tt_lock *lock = tt_xcalloc(1, sizeof *lock);
	lock->path = tt_xstrdup(path);
	size_t cap = 0, pos = 0;
	int line = 1;
	char prev[TT_SHA256_HEX_LEN + 1];
	int have_prev = 0;
	if (len && bytes[0] != '{') {
		/* An earlier tt's YAML: the lines before the first that opens a
		 * JSON object, hashed whole for the entry after it. */
		size_t end = 0;
		int lines = 0;
		while (end < len && bytes[end] != '{') {
			end += tt_journal_line_length(bytes + end, len - end);
			lines++;
		}
		tt_lock_entry e = { 0 };
		if (read_legacy(&e, path, bytes, end, d) == 0) {
			lock->entries = tt_xgrow(lock->entries, &cap, 1, sizeof *lock->entries);
			lock->entries[lock->n_entries++] = e;
		} else {
			entry_free(&e);
		}
		if (tt_journal_hash(bytes, end, prev) != 0) {
			tt_diags_add(d, TT_SEV_ERROR, NULL, 0, 0, "%s", tt_error_last());
			goto done;
		}
		have_prev = 1;
		pos = end;
		line += lines;
	}
	while (pos < len) {
		size_t n = tt_journal_line_length(bytes + pos, len - pos);
		if (bytes[pos + n - 1] != '\n') {
			tt_diags_add(
				d, TT_SEV_ERROR, path, line, 0,
				"the last line is incomplete (no newline at its end): the lock "
				"file was cut");
			break;
		}
		place p = { path, line, d, 0 };
		tt_lock_entry e = { 0 };
		if (read_entry(&e, &p, bytes + pos, n - 1, have_prev ? prev : NULL) == 0) {
			lock->entries = tt_xgrow(lock->entries, &cap, lock->n_entries + 1,
						 sizeof *lock->entries);
			lock->entries[lock->n_entries++] = e;
		} else {
			entry_free(&e);
		}
		if (tt_journal_hash(bytes + pos, n, prev) != 0) {
			tt_diags_add(d, TT_SEV_ERROR, NULL, 0, 0, "%s", tt_error_last());
			goto done;
		}
		have_prev = 1;
		pos += n;
		line++;
	}
	for (size_t i = 0; i < lock->n_entries; i++) {
		tt_lock_entry *e = &lock->entries[i];
		const tt_lock_entry *before = i ? &lock->entries[i - 1] : NULL;
		if (!before)
			e->criteria_changed = 1;
		else if (e->legacy || before->legacy)
			e->criteria_changed = -1;
		else
			e->criteria_changed =
				strcmp(e->criteria_sha256, before->criteria_sha256) != 0;
	}
done:
	if (d->errors != errors || !lock->n_entries) {
		tt_lock_free(lock);
		return d->errors != errors ? TT_EINVAL : TT_OK;
	}
	*out = lock;
	return TT_OK;
}

int tt_lock_load(tt_lock **out, const char *study_path, tt_diags *d)
{
	*out = NULL;
	char *path = tt_lock_path(study_path);
	char *bytes = NULL;
	size_t len;
	bool exists;
	int rc = tt_journal_read(path, &bytes, &len, &exists);
	if (rc)
		tt_diags_add(d, TT_SEV_ERROR, NULL, 0, 0, "%s", tt_error_last());
	else if (exists)
		rc = tt_lock_parse(out, path, bytes, len, d);
	free(bytes);
	free(path);
	return rc;
}

/* ---- checking ----------------------------------------------------------- */

static void changed(tt_diags *d, const char *file, const tt_lock *lock, const tt_lock_entry *e,
		    const tt_study *study)
{
	tt_diags_add(d, TT_SEV_ERROR, file, 0, 0,
		     "changed after the study was locked on %s (its SHA-256 differs from the one "
		     "in '%s'); the acceptance criteria are no longer the locked ones; if the "
		     "change is intended, lock again: tt lock %s --reason TEXT",
		     e->locked_at, lock->path, study->path);
}

/* A legacy entry locked the bytes of each file.  They are matched by role:
 * a study that names another spec has other bytes itself. */
static void check_legacy(const tt_lock *lock, const tt_lock_entry *e, const tt_study *study,
			 const tt_lock_criteria *c, tt_diags *d)
{
	const char *paths[3] = { study->path, study->source_spec->path,
				 study->receiving_spec->path };
	const char *locked[3] = { e->study_sha256, e->source_sha256, e->receiving_sha256 };
	const char *now[3] = { c->study, c->source, c->receiving };
	for (int i = 0; i < 3; i++)
		if (strcmp(now[i], locked[i]) != 0)
			changed(d, paths[i], lock, e, study);
}

int tt_lock_check(const tt_lock *lock, const tt_study *study, tt_diags *d)
{
	const tt_lock_entry *e = &lock->entries[lock->n_entries - 1];
	tt_lock_criteria c;
	if (tt_lock_criteria_of(&c, study) != 0) {
		tt_diags_add(d, TT_SEV_ERROR, NULL, 0, 0, "%s", tt_error_last());
		return TT_EINVAL;
	}
	size_t errors = d->errors;
	if (e->legacy) {
		check_legacy(lock, e, study, &c, d);
		return d->errors == errors ? TT_OK : TT_EINVAL;
	}
	if (strcmp(c.criteria, e->criteria_sha256) == 0)
		return TT_OK;
	if (strcmp(c.canonical, e->canonical_sha256) != 0)
		tt_diags_add(d, TT_SEV_ERROR, study->path, 0, 0,
			     "changed after the study was locked on %s: its acceptance criteria "
			     "differ from those locked in '%s' (after a lock only 'exclude', "
			     "comments and layout may change); if the change is intended, lock "
			     "again: tt lock %s --reason TEXT",
			     e->locked_at, lock->path, study->path);
	if (strcmp(c.source, e->source_sha256) != 0)
		changed(d, study->source_spec->path, lock, e, study);
	if (strcmp(c.receiving, e->receiving_sha256) != 0)
		changed(d, study->receiving_spec->path, lock, e, study);
	if (d->errors == errors)
		tt_diags_add(d, TT_SEV_ERROR, lock->path, e->line, 0,
			     "the acceptance criteria's SHA-256 differs from this entry's, "
			     "although the study and the specs match it: the entry was changed");
	return TT_EINVAL;
}

/* ---- appending ---------------------------------------------------------- */

/* The data files a study names, each once, with the role of its first
 * mention: lot tables, then the long-form tables of the comparisons. */
typedef struct data_file {
	const char *path; /* resolved */
	const char *role;
} data_file;

static size_t data_files(const tt_study *s, data_file **out)
{
	size_t n = 0, cap = 0;
	data_file *v = NULL;
	const char *paths[2] = { s->source_data, s->receiving_data };
	const char *roles[2] = { "source lots", "receiving lots" };
	for (size_t i = 0; i < 2 + 2 * s->n_comparisons; i++) {
		const char *path, *role;
		if (i < 2) {
			path = paths[i];
			role = roles[i];
		} else {
			const tt_comparison *c = &s->comparisons[(i - 2) / 2];
			path = i % 2 == 0 ? c->data_source : c->data_receiving;
			role = i % 2 == 0 ? "source series" : "receiving series";
		}
		if (!path)
			continue;
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(v[k].path, path) == 0;
		if (seen)
			continue;
		v = tt_xgrow(v, &cap, n + 1, sizeof *v);
		v[n].path = path;
		v[n].role = role;
		n++;
	}
	*out = v;
	return n;
}

/* The entry as one JSON line, its newline included. */
static int entry_line(tt_buf *out, const tt_study *study, const tt_lock_criteria *c,
		      const char *reason, const char *locked_at, const char *user, const char *prev)
{
	tt_json j;
	tt_json_init(&j, out, 0);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "locked_at", locked_at);
	tt_json_kv_string(&j, "user", user);
	tt_json_kv_string(&j, "study", study->id);
	tt_json_kv_string(&j, "reason", reason);
	tt_json_kv_string(&j, "criteria_sha256", c->criteria);
	tt_json_key(&j, "files");
	tt_json_begin_array(&j);
	const char *paths[3] = { study->path, study->source_spec->path,
				 study->receiving_spec->path };
	const char *roles[3] = { "study", "source process", "receiving process" };
	const char *shas[3] = { c->study, c->source, c->receiving };
	for (int i = 0; i < 3; i++) {
		char *rel = relative_to_dir(study->dir, paths[i]);
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", rel);
		free(rel);
		tt_json_kv_string(&j, "role", roles[i]);
		tt_json_kv_string(&j, "sha256", shas[i]);
		if (i == 0)
			tt_json_kv_string(&j, "canonical_sha256", c->canonical);
		tt_json_end_object(&j);
	}
	tt_json_end_array(&j);
	tt_json_key(&j, "data");
	tt_json_begin_array(&j);
	data_file *files;
	size_t n = data_files(study, &files);
	int rc = TT_OK;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char hex[TT_SHA256_HEX_LEN + 1] = "absent";
		unsigned char digest[TT_SHA256_LEN];
		if (tt_path_exists(files[i].path)) {
			if ((rc = tt_sha256_file(files[i].path, digest)) != 0)
				break;
			tt_sha256_hex(digest, hex);
		}
		char *rel = relative_to_dir(study->dir, files[i].path);
		tt_json_begin_object(&j);
		tt_json_kv_string(&j, "path", rel);
		free(rel);
		tt_json_kv_string(&j, "role", files[i].role);
		tt_json_kv_string(&j, "state", hex);
		tt_json_end_object(&j);
	}
	free(files);
	tt_json_end_array(&j);
	tt_json_key(&j, "exclude");
	tt_json_begin_array(&j);
	for (size_t i = 0; i < study->n_exclude; i++)
		tt_json_string(&j, study->exclude[i].lot);
	tt_json_end_array(&j);
	tt_json_kv_string(&j, "tt_version", TT_VERSION);
	tt_json_kv_string(&j, "prev", prev);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
	return rc;
}

int tt_lock_append(tt_lock **out, const tt_study *study, const char *reason, const char *locked_at,
		   const char *user, tt_diags *d)
{
	if (out)
		*out = NULL;
	char *path = tt_lock_path(study->path);
	tt_journal *j = NULL;
	tt_lock *lock = NULL;
	tt_buf line = TT_BUF_INIT;
	tt_lock_criteria c;
	int rc = tt_lock_criteria_of(&c, study);
	if (rc || (rc = tt_journal_open(&j, path, true)) != 0)
		goto cleanup;
	if (tt_lock_parse(&lock, path, j->bytes, j->len, d) != 0) {
		rc = tt_error_set(
			TT_EINVAL,
			"the lock history '%s' is broken (see above); nothing was appended", path);
		goto cleanup;
	}
	if (lock && !reason) {
		rc = tt_error_set(TT_EINVAL,
				  "'%s' already holds %zu %s; a new lock needs its reason: tt lock "
				  "%s --reason TEXT",
				  path, lock->n_entries, lock->n_entries == 1 ? "entry" : "entries",
				  study->path);
		goto cleanup;
	}
	if (j->len && j->bytes[j->len - 1] != '\n') {
		rc = tt_error_set(TT_EINVAL,
				  "'%s' does not end with a newline; tt appends only after a "
				  "complete line, and never rewrites one",
				  path);
		goto cleanup;
	}
	/* The previous entry: the last line, or a legacy YAML lock whole. */
	char prev[TT_SHA256_HEX_LEN + 1];
	if (lock) {
		size_t start = 0;
		if (!lock->entries[lock->n_entries - 1].legacy)
			for (size_t i = j->len - 1; i > 0; i--)
				if (j->bytes[i - 1] == '\n') {
					start = i;
					break;
				}
		if ((rc = tt_journal_hash(j->bytes + start, j->len - start, prev)) != 0)
			goto cleanup;
	}
	if ((rc = entry_line(&line, study, &c, reason, locked_at, user, lock ? prev : NULL)) != 0 ||
	    (rc = tt_journal_append(j, line.data, line.len)) != 0)
		goto cleanup;
	if (out) {
		tt_buf all = TT_BUF_INIT;
		tt_buf_put(&all, j->bytes, j->len);
		tt_buf_put(&all, line.data, line.len);
		rc = tt_lock_parse(out, path, all.data, all.len, d);
		tt_buf_free(&all);
	}
cleanup:
	tt_lock_free(lock);
	tt_journal_close(j);
	tt_buf_free(&line);
	free(path);
	return rc;
}

/* ---- the facts a report states ------------------------------------------ */

int tt_lock_before_data(const tt_lock *lock, size_t *entry)
{
	*entry = 0;
	if (!lock || !lock->n_entries || lock->entries[0].legacy)
		return -1;
	/* The criteria in force were fixed by the first entry and by every
	 * entry that changed them.  (Only a first entry can be a legacy one.) */
	for (size_t i = 0; i < lock->n_entries; i++) {
		const tt_lock_entry *e = &lock->entries[i];
		if (e->criteria_changed == 0)
			continue;
		for (size_t k = 0; k < e->n_data; k++) {
			if (e->data[k].sha256) {
				*entry = i;
				return 0;
			}
		}
	}
	return 1;
}

int tt_lock_excluded_at_first(const tt_lock *lock, const char *lot)
{
	if (!lock || !lock->n_entries || lock->entries[0].legacy)
		return -1;
	const tt_lock_entry *e = &lock->entries[0];
	for (size_t i = 0; i < e->n_exclude; i++)
		if (strcmp(e->exclude[i], lot) == 0)
			return 1;
	return 0;
}
