/*
 * util.c - strings, numbers and paths.
 */
#include "tt/base/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt/base/error.h"
#include "tt/base/mem.h"

size_t tt_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = tt_xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

const char *tt_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	size_t len = strlen(word);
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = tt_edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (!best || best_d == 0 || best_d > 2 || 2 * best_d >= len + (len < 3 ? 1 : 0))
		return NULL;
	return best;
}

int tt_parse_double(const char *s, double *out)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	size_t digits = 0;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return TT_EINVAL;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return TT_EINVAL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return TT_EINVAL;
	/* The syntax is checked above, so strtod sees only plain decimal
	 * numbers.  strtod honours LC_NUMERIC, but tt never calls setlocale,
	 * so the C locale (dot decimal point) is in force. */
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		return TT_EINVAL;
	*out = v;
	return TT_OK;
}

int tt_parse_long(const char *s, long min, long max, long *out)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return TT_EINVAL;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p)
		return TT_EINVAL;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno || v < min || v > max)
		return TT_EINVAL;
	*out = v;
	return TT_OK;
}

int tt_parse_number_list(const char *s, double **out, size_t *n)
{
	size_t cap = 0, count = 0;
	double *v = NULL;
	const char *p = s;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *item = tt_xstrndup(p, len);
		/* Allow spaces around an item, as in "1, 2, 3". */
		char *a = item, *e = item + len;
		while (*a == ' ')
			a++;
		while (e > a && e[-1] == ' ')
			*--e = '\0';
		double x;
		if (tt_parse_double(a, &x) != TT_OK) {
			tt_error_set(TT_EINVAL, "'%s' is not a number (item %zu of '%s')", a,
				     count + 1, s);
			free(item);
			free(v);
			return TT_EINVAL;
		}
		free(item);
		v = tt_xgrow(v, &cap, count + 1, sizeof *v);
		v[count++] = x;
		if (!comma)
			break;
		p = comma + 1;
	}
	*out = v;
	*n = count;
	return TT_OK;
}

int tt_read_file(const char *path, size_t max_size, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tt_error_set(TT_EIO, "cannot open '%s': %s", path, strerror(errno));
	tt_buf b = TT_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max_size) {
			fclose(f);
			tt_buf_free(&b);
			return tt_error_set(TT_EINVAL, "'%s' is larger than the limit of %zu bytes",
					    path, max_size);
		}
		tt_buf_put(&b, chunk, n);
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		tt_buf_free(&b);
		return tt_error_set(TT_EIO, "cannot read '%s'", path);
	}
	*len = b.len;
	*out = tt_buf_detach(&b);
	return TT_OK;
}

char *tt_path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return tt_xstrdup(".");
	if (slash == path)
		return tt_xstrdup("/");
	return tt_xstrndup(path, (size_t)(slash - path));
}

char *tt_path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
		return tt_xstrdup(rel);
	size_t l = strlen(dir);
	return tt_xasprintf("%s%s%s", dir, dir[l - 1] == '/' ? "" : "/", rel);
}

int tt_path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int tt_path_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int tt_is_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

int tt_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t extra;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			extra = 1;
			min = 0x80;
			c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			extra = 2;
			min = 0x800;
			c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			extra = 3;
			min = 0x10000;
			c &= 0x07;
		} else {
			goto fail;
		}
		if (i + extra >= n)
			goto fail;
		for (size_t k = 1; k <= extra; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto fail;
			c = (c << 6) | (p[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			goto fail;
		i += extra + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

const char *tt_format_number(char *buf, size_t size, double v)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "null");
	} else if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		snprintf(buf, size, "%.0f", v);
		if (strcmp(buf, "-0") == 0)
			snprintf(buf, size, "0");
	} else {
		snprintf(buf, size, "%.17g", v);
	}
	return buf;
}

const char *tt_format_human(char *buf, size_t size, double v, int digits)
{
	if (!isfinite(v))
		snprintf(buf, size, "NA");
	else
		snprintf(buf, size, "%.*g", digits, v);
	return buf;
}
