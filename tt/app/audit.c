/*
 * audit.c - appending to and checking a study's audit trail.
 */
#include "tt/app/audit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/journal.h"
#include "tt/base/json.h"
#include "tt/base/util.h"

char *tt_audit_path(const char *study_path)
{
	size_t n = strlen(study_path);
	if (n > 5 && strcmp(study_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(study_path + n - 4, ".yml") == 0)
		n -= 4;
	return tt_xasprintf("%.*s.audit", (int)n, study_path);
}

char *tt_audit_command_line(int argc, char *const *argv)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789@%+=:,./_-";
	tt_buf b = TT_BUF_INIT;
	for (int i = 0; i < argc; i++) {
		const char *a = i == 0 ? "tt" : argv[i];
		if (i)
			tt_buf_putc(&b, ' ');
		if (*a && strspn(a, plain) == strlen(a)) {
			tt_buf_puts(&b, a);
			continue;
		}
		/* Inside single quotes nothing is special but the quote itself,
		 * which ends the quotes, is written escaped, and opens them
		 * again. */
		tt_buf_putc(&b, '\'');
		for (const char *p = a; *p; p++) {
			if (*p == '\'')
				tt_buf_puts(&b, "'\\''");
			else
				tt_buf_putc(&b, *p);
		}
		tt_buf_putc(&b, '\'');
	}
	return tt_buf_detach(&b);
}

/* The start of the last line of bytes[0..len), which ends in a newline. */
static size_t last_line(const char *bytes, size_t len)
{
	size_t start = len - 1;
	while (start > 0 && bytes[start - 1] != '\n')
		start--;
	return start;
}

static int refuse_cut(const char *path, const char *bytes, size_t len)
{
	if (len && bytes[len - 1] != '\n') {
		int line = 1;
		for (size_t i = 0; i < len; i++)
			line += bytes[i] == '\n';
		return tt_error_set(TT_EINVAL,
				    "'%s' ends in an incomplete line (line %d): the trail was cut; "
				    "tt appends only after a whole line (run tt audit on the "
				    "study, and keep the file as it is for review)",
				    path, line);
	}
	return TT_OK;
}

int tt_audit_prepare(const char *path)
{
	char *bytes;
	size_t len;
	bool exists;
	int rc = tt_journal_read(path, &bytes, &len, &exists);
	if (rc == 0 && exists)
		rc = refuse_cut(path, bytes, len);
	free(bytes);
	return rc;
}

static void files_json(tt_json *j, const char *key, const char *const *paths, size_t n)
{
	tt_json_key(j, key);
	tt_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		unsigned char digest[TT_SHA256_LEN];
		char hex[TT_SHA256_HEX_LEN + 1];
		int ok = tt_sha256_file(paths[i], digest) == 0;
		tt_json_begin_object(j);
		tt_json_kv_string(j, "path", paths[i]);
		tt_json_kv_string(j, "sha256", ok ? tt_sha256_hex(digest, hex) : NULL);
		tt_json_end_object(j);
	}
	tt_json_end_array(j);
}

/* The entry as one JSON line, its newline included. */
static void entry_line(tt_buf *out, const tt_audit_record *rec, const char *prev)
{
	char *time = tt_journal_time();
	char *user = tt_journal_user();
	char host[256];
	int have_host = gethostname(host, sizeof host) == 0;
	host[sizeof host - 1] = '\0';
	unsigned char digest[TT_SHA256_LEN];
	char exe[TT_SHA256_HEX_LEN + 1];
	int have_exe = tt_sha256_file("/proc/self/exe", digest) == 0;
	if (have_exe)
		tt_sha256_hex(digest, exe);

	tt_json j;
	tt_json_init(&j, out, 0);
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "time", time);
	tt_json_kv_string(&j, "user", user);
	tt_json_kv_string(&j, "host", have_host ? host : NULL);
	tt_json_kv_string(&j, "command", rec->command);
	tt_json_kv_string(&j, "tt_version", TT_VERSION);
	tt_json_kv_string(&j, "tt_sha256", have_exe ? exe : NULL);
	files_json(&j, "inputs", rec->inputs, rec->n_inputs);
	files_json(&j, "outputs", rec->outputs, rec->n_outputs);
	tt_json_kv_int(&j, "result", rec->result);
	tt_json_kv_string(&j, "prev", prev);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
	free(time);
	free(user);
}

int tt_audit_append(const char *path, const tt_audit_record *rec, bool create)
{
	tt_journal *j;
	int rc = tt_journal_open(&j, path, create);
	if (rc || !j)
		return rc;
	tt_buf line = TT_BUF_INIT;
	char prev[TT_SHA256_HEX_LEN + 1];
	if ((rc = refuse_cut(path, j->bytes, j->len)) != 0)
		goto cleanup;
	if (j->len) {
		size_t start = last_line(j->bytes, j->len);
		if ((rc = tt_journal_hash(j->bytes + start, j->len - start, prev)) != 0)
			goto cleanup;
	}
	entry_line(&line, rec, j->len ? prev : NULL);
	rc = tt_journal_append(j, line.data, line.len);
cleanup:
	tt_buf_free(&line);
	tt_journal_close(j);
	return rc;
}

static char *string_member(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? tt_xstrdup(json_string_value(v)) : NULL;
}

/* Records the first break only: later lines are shown, not judged. */
static void broken(tt_audit_trail *t, int line, const char *why)
{
	if (t->broken)
		return;
	t->broken = line;
	t->why = tt_xstrdup(why);
}

int tt_audit_check(tt_audit_trail **out, const char *path)
{
	*out = NULL;
	char *bytes;
	size_t len;
	bool exists;
	int rc = tt_journal_read(path, &bytes, &len, &exists);
	if (rc || !exists)
		return rc;
	tt_audit_trail *t = tt_xcalloc(1, sizeof *t);
	size_t cap = 0, pos = 0;
	char prev[TT_SHA256_HEX_LEN + 1];
	for (int line = 1; pos < len; line++) {
		size_t n = tt_journal_line_length(bytes + pos, len - pos);
		t->lines = tt_xgrow(t->lines, &cap, t->n_lines + 1, sizeof *t->lines);
		tt_audit_line *l = &t->lines[t->n_lines++];
		memset(l, 0, sizeof *l);
		l->line = line;
		int whole = bytes[pos + n - 1] == '\n';
		json_t *o =
			json_loadb(bytes + pos, whole ? n - 1 : n, JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(o)) {
			l->time = string_member(o, "time");
			l->user = string_member(o, "user");
			l->command = string_member(o, "command");
			const json_t *r = json_object_get(o, "result");
			l->has_result = json_is_integer(r);
			l->result = l->has_result ? (int)json_integer_value(r) : 0;
		}
		const json_t *pv = json_object_get(o, "prev");
		if (!whole)
			broken(t, line,
			       "the line is incomplete (no newline at its end): the trail was cut");
		else if (!json_is_object(o))
			broken(t, line, "the line is not a JSON object: it was edited");
		else if (line == 1 && !json_is_null(pv))
			broken(t, line,
			       "the first line's prev is not null: lines before it were removed");
		else if (line > 1 && (!json_is_string(pv) || strcmp(json_string_value(pv), prev)))
			broken(t, line,
			       "prev is not the SHA-256 of the line before: that line was edited, "
			       "or a line was removed or inserted there");
		json_decref(o);
		if ((rc = tt_journal_hash(bytes + pos, n, prev)) != 0)
			break;
		pos += n;
	}
	free(bytes);
	if (rc) {
		tt_audit_trail_free(t);
		return rc;
	}
	*out = t;
	return TT_OK;
}

void tt_audit_trail_free(tt_audit_trail *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_lines; i++) {
		free(t->lines[i].time);
		free(t->lines[i].user);
		free(t->lines[i].command);
	}
	free(t->lines);
	free(t->why);
	free(t);
}
