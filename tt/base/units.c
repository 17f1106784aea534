/*
 * units.c - a small unit table and the arithmetic of "multiplier
 * numerator/denominator" units (see units.h).
 */
#include "tt/base/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/util.h"

typedef enum {
	DIM_WORD = 0, /* a word the table does not know: matches only itself */
	DIM_TIME,
	DIM_VOLUME,
	DIM_MASS,
	DIM_LENGTH,
	DIM_PRESSURE,
	DIM_TEMPERATURE,
	DIM_ROTATION,
	DIM_PERCENT,
} unit_dim;

typedef struct unit_def {
	const char *symbol;
	unit_dim dim;
	double factor; /* to the dimension's base: s, L, g, m, Pa, degC, rpm, % */
} unit_def;

/* Micro is stored as 'u'; the micro sign and the Greek mu are rewritten to
 * it before the lookup. */
static const unit_def unit_table[] = {
	{ "s", DIM_TIME, 1 },
	{ "sec", DIM_TIME, 1 },
	{ "second", DIM_TIME, 1 },
	{ "seconds", DIM_TIME, 1 },
	{ "min", DIM_TIME, 60 },
	{ "mins", DIM_TIME, 60 },
	{ "minute", DIM_TIME, 60 },
	{ "minutes", DIM_TIME, 60 },
	{ "h", DIM_TIME, 3600 },
	{ "hr", DIM_TIME, 3600 },
	{ "hrs", DIM_TIME, 3600 },
	{ "hour", DIM_TIME, 3600 },
	{ "hours", DIM_TIME, 3600 },
	{ "d", DIM_TIME, 86400 },
	{ "day", DIM_TIME, 86400 },
	{ "days", DIM_TIME, 86400 },
	{ "wk", DIM_TIME, 604800 },
	{ "week", DIM_TIME, 604800 },
	{ "weeks", DIM_TIME, 604800 },
	{ "nL", DIM_VOLUME, 1e-9 },
	{ "nl", DIM_VOLUME, 1e-9 },
	{ "uL", DIM_VOLUME, 1e-6 },
	{ "ul", DIM_VOLUME, 1e-6 },
	{ "mL", DIM_VOLUME, 1e-3 },
	{ "ml", DIM_VOLUME, 1e-3 },
	{ "dL", DIM_VOLUME, 1e-1 },
	{ "dl", DIM_VOLUME, 1e-1 },
	{ "L", DIM_VOLUME, 1 },
	{ "l", DIM_VOLUME, 1 },
	{ "pg", DIM_MASS, 1e-12 },
	{ "ng", DIM_MASS, 1e-9 },
	{ "ug", DIM_MASS, 1e-6 },
	{ "mg", DIM_MASS, 1e-3 },
	{ "g", DIM_MASS, 1 },
	{ "kg", DIM_MASS, 1e3 },
	{ "um", DIM_LENGTH, 1e-6 },
	{ "mm", DIM_LENGTH, 1e-3 },
	{ "cm", DIM_LENGTH, 1e-2 },
	{ "m", DIM_LENGTH, 1 },
	{ "Pa", DIM_PRESSURE, 1 },
	{ "kPa", DIM_PRESSURE, 1e3 },
	{ "mbar", DIM_PRESSURE, 1e2 },
	{ "bar", DIM_PRESSURE, 1e5 },
	/* 1 psi = 0.45359237 kg * 9.80665 m/s^2 / (0.0254 m)^2. */
	{ "psi", DIM_PRESSURE, 6894.757293168361 },
	{ "C", DIM_TEMPERATURE, 1 },
	{ "degC", DIM_TEMPERATURE, 1 },
	{ "\xc2\xb0"
	  "C",
	  DIM_TEMPERATURE, 1 },                 /* degree sign, C */
	{ "\xe2\x84\x83", DIM_TEMPERATURE, 1 }, /* degree Celsius sign */
	{ "rpm", DIM_ROTATION, 1 },
	{ "%", DIM_PERCENT, 1 },
};

typedef struct unit_term {
	unit_dim dim;
	double factor;
	char *word; /* the term as written (micro rewritten), owned */
} unit_term;

typedef struct unit_parsed {
	int absent; /* no unit at all: a pure number */
	double mult;
	unit_term num;
	int has_den;
	unit_term den;
} unit_parsed;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A copy of s[0..n) without surrounding spaces. */
static char *trimmed_copy(const char *s, size_t n)
{
	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return tt_xstrndup(s, n);
}

/* Rewrites a leading micro sign (U+00B5) or Greek mu (U+03BC) to 'u'. */
static void rewrite_micro(char *w)
{
	if ((w[0] == '\xc2' && w[1] == '\xb5') || (w[0] == '\xce' && w[1] == '\xbc')) {
		w[0] = 'u';
		memmove(w + 1, w + 2, strlen(w + 2) + 1);
	}
}

static void term_read(unit_term *t, const char *s, size_t n)
{
	t->word = trimmed_copy(s, n);
	rewrite_micro(t->word);
	t->dim = DIM_WORD;
	t->factor = 1;
	for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++) {
		if (strcmp(unit_table[i].symbol, t->word) == 0) {
			t->dim = unit_table[i].dim;
			t->factor = unit_table[i].factor;
			return;
		}
	}
}

/* Reads a multiplier token: a plain number, or 10^N, x10^N, (times)10^N. */
static int read_multiplier(const char *tok, double *out)
{
	if (tt_parse_double(tok, out) == 0)
		return *out > 0 ? 0 : -1;
	const char *p = tok;
	if (*p == 'x' || *p == 'X')
		p++;
	else if (p[0] == '\xc3' && p[1] == '\x97')
		p += 2;
	if (strncmp(p, "10^", 3) != 0)
		return -1;
	long e;
	if (tt_parse_long(p + 3, -30, 30, &e) != 0)
		return -1;
	*out = pow(10.0, (double)e);
	return 0;
}

static void unit_parse(unit_parsed *u, const char *text)
{
	memset(u, 0, sizeof *u);
	u->mult = 1;
	char *s = trimmed_copy(text ? text : "", text ? strlen(text) : 0);
	if (!*s) {
		u->absent = 1;
		free(s);
		return;
	}
	const char *rest = s;
	size_t first = strcspn(s, " \t");
	if (s[first]) {
		char *tok = tt_xstrndup(s, first);
		double m;
		if (read_multiplier(tok, &m) == 0) {
			u->mult = m;
			rest = s + first;
		}
		free(tok);
	}
	const char *slash = strchr(rest, '/');
	if (slash && !strchr(slash + 1, '/')) {
		term_read(&u->num, rest, (size_t)(slash - rest));
		term_read(&u->den, slash + 1, strlen(slash + 1));
		u->has_den = 1;
	} else {
		term_read(&u->num, rest, strlen(rest));
	}
	free(s);
}

static void unit_parsed_free(unit_parsed *u)
{
	free(u->num.word);
	free(u->den.word);
}

static int term_compatible(const unit_term *a, const unit_term *b)
{
	if (a->dim != b->dim)
		return 0;
	return a->dim != DIM_WORD || strcmp(a->word, b->word) == 0;
}

static double unit_scale(const unit_parsed *u)
{
	return u->mult * u->num.factor / (u->has_den ? u->den.factor : 1.0);
}

/* The factor without setting a message: 0 or -1. */
static int unit_factor(const char *from, const char *to, double *factor)
{
	unit_parsed a, b;
	unit_parse(&a, from);
	unit_parse(&b, to);
	int ok;
	if (a.absent || b.absent)
		ok = a.absent && b.absent;
	else
		ok = term_compatible(&a.num, &b.num) && a.has_den == b.has_den &&
		     (!a.has_den || term_compatible(&a.den, &b.den));
	if (ok)
		*factor = (a.absent && b.absent) ? 1.0 : unit_scale(&a) / unit_scale(&b);
	unit_parsed_free(&a);
	unit_parsed_free(&b);
	return ok ? 0 : -1;
}

int tt_unit_factor(const char *from, const char *to, double *factor)
{
	if (unit_factor(from, to, factor) != 0)
		return tt_error_set(TT_EINVAL, "cannot convert '%s' to '%s'",
				    from && *from ? from : "(no unit)",
				    to && *to ? to : "(no unit)");
	return 0;
}

int tt_unit_try_factor(const char *from, const char *to, double *factor)
{
	return unit_factor(from, to, factor) == 0;
}

int tt_unit_convert(double value, const char *from, const char *to, double *out)
{
	double f;
	int rc = tt_unit_factor(from, to, &f);
	if (rc)
		return rc;
	*out = value * f;
	return 0;
}

int tt_unit_same(const char *a, const char *b)
{
	double f;
	if (unit_factor(a, b, &f) != 0)
		return 0;
	return fabs(f - 1.0) <= 1e-12;
}

int tt_unit_known(const char *unit)
{
	unit_parsed u;
	unit_parse(&u, unit);
	int known = u.absent || (u.num.dim != DIM_WORD && (!u.has_den || u.den.dim != DIM_WORD));
	unit_parsed_free(&u);
	return known;
}
