/*
 * plot.c - the gnuplot script of a run's figures (see plot.h).
 *
 * Each figure is written as: `reset`, the shared common.gp, the figure's
 * variables and numeric datablocks, the terminal and output lines, the
 * figure's template, and `unset output` (which closes the SVG file).  User
 * strings go only through tt_plot_escape() into single-quoted strings.
 */
#include "tt/plot/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/base/error.h"

/* Numbers in datablocks and variables: enough digits for any figure, and
 * short enough to keep the script lean. */
#define NUM_FMT "%.10g"

#define MAX_TEMPLATE_SIZE (1024 * 1024)

/* ---- escaping ---- */

/* Decodes one UTF-8 character at s (len bytes left).  Returns its length
 * and sets *cp, or returns 0 for an invalid sequence (overlong forms,
 * surrogates and values past U+10FFFF included). */
static size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned char c = s[0];
	size_t n;
	unsigned long v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* Characters that must not reach a figure as themselves: control
 * characters end or bend a gnuplot line, and bidirectional overrides can
 * make a label read differently from what it holds. */
static int is_blanked(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The pieces of an escaped string: user text in single-quoted literals,
 * each quote as tt's own "'" between them, joined by gnuplot's string
 * concatenation.  gnuplot's scanner takes a doubled quote inside single
 * quotes only right after a character that is not a quote, so a text that
 * starts with a quote or has two in a row cannot be written with doubling. */
typedef struct pieces {
	tt_buf *out;
	bool any;     /* a piece was written */
	bool literal; /* inside a single-quoted piece */
} pieces;

static void piece_text(pieces *p, const char *s, size_t n)
{
	if (!p->literal) {
		if (p->any)
			tt_buf_puts(p->out, " . ");
		tt_buf_putc(p->out, '\'');
		p->literal = p->any = true;
	}
	tt_buf_put(p->out, s, n);
}

static void piece_quote(pieces *p)
{
	if (p->literal)
		tt_buf_putc(p->out, '\'');
	if (p->any)
		tt_buf_puts(p->out, " . ");
	tt_buf_puts(p->out, "\"'\"");
	p->literal = false;
	p->any = true;
}

void tt_plot_escape(tt_buf *out, const char *user)
{
	pieces p = { out, false, false };
	const unsigned char *s = (const unsigned char *)(user ? user : "");
	size_t len = strlen((const char *)s);

	/* Count characters first (an invalid byte counts as one), to know
	 * whether to cut. */
	size_t chars = 0;
	for (size_t i = 0; i < len; chars++) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
	}
	size_t keep = chars > TT_PLOT_MAX_LABEL ? TT_PLOT_MAX_LABEL - 1 : chars;

	size_t i = 0;
	for (size_t c = 0; c < keep; c++) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			piece_text(&p, "\xEF\xBF\xBD", 3); /* U+FFFD */
			i++;
			continue;
		}
		if (is_blanked(cp))
			piece_text(&p, " ", 1);
		else if (cp == '\'')
			piece_quote(&p);
		else
			piece_text(&p, (const char *)s + i, k);
		i += k;
	}
	if (keep < chars)
		piece_text(&p, "\xE2\x80\xA6", 3); /* U+2026 ellipsis */
	if (!p.any)
		piece_text(&p, "", 0);
	if (p.literal)
		tt_buf_putc(out, '\'');
}

/* ---- names ---- */

static bool has_figure(const tt_comparison_result *r)
{
	if (!r->cmp)
		return false;
	if (tt_approach_is_lot_level(r->cmp->approach))
		return r->source.n + r->receiving.n > 0;
	if (r->cmp->approach == TT_APPROACH_PROFILE)
		return r->profile && r->profile->p > 0 &&
		       r->profile->n_ref + r->profile->n_test > 0;
	if (r->cmp->approach == TT_APPROACH_STABILITY)
		return r->stability &&
		       r->stability->source.n_lots + r->stability->receiving.n_lots > 0;
	return false;
}

/* Appends s lower-cased with every run of characters outside [a-z0-9]
 * turned into one '-', without a leading or trailing '-', at most max
 * bytes. */
static void put_slug(tt_buf *b, const char *s, size_t max)
{
	size_t start = b->len;
	bool dash = false;
	for (; s && *s && b->len - start < max; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->len > start)
				tt_buf_putc(b, '-');
			dash = false;
			tt_buf_putc(b, c);
		} else {
			dash = true;
		}
	}
	if (b->len == start)
		tt_buf_puts(b, "attribute");
}

char *tt_plot_file_name(const tt_comparison_result *r, size_t index)
{
	if (!r || !has_figure(r))
		return NULL;
	tt_buf b = TT_BUF_INIT;
	tt_buf_printf(&b, "%02zu-", index + 1);
	put_slug(&b, r->cmp->attribute, 60);
	tt_buf_printf(&b, "-%s.svg", tt_approach_name(r->cmp->approach));
	return tt_buf_detach(&b);
}

static bool is_forest_row(const tt_comparison_result *r)
{
	return r->has_tost || (r->stability && r->stability->has_margin);
}

bool tt_plot_has_forest(const tt_run *run)
{
	for (size_t i = 0; run && i < run->n_comparisons; i++)
		if (is_forest_row(&run->comparisons[i]))
			return true;
	return false;
}

/* ---- the writer ---- */

enum { TPL_COMMON, TPL_FOREST, TPL_LOTS, TPL_PROFILE, TPL_STABILITY, TPL_LINES, TPL_COUNT };

static const char *const template_files[TPL_COUNT] = {
	"common.gp", "forest.gp", "lots.gp", "profile.gp", "stability.gp", "lines.gp",
};

typedef struct writer {
	FILE *out;
	const char *plots_dir;
	const tt_plot_options *opt;
	char *templates_dir;        /* found on first use, with the templates */
	char *templates[TPL_COUNT]; /* read on first use */
	size_t figures;             /* written so far, for unique SVG names */
	tt_buf b;                   /* scratch for escaped strings */
} writer;

/* The folder of the running program, from /proc/self/exe (a real path,
 * so a symbolic link to tt finds the templates of the tt it points to), or
 * NULL where the link cannot be read; a new string. */
static char *exe_dir(void)
{
	for (size_t size = 256; size <= 65536; size *= 2) {
		char *buf = tt_xmalloc(size);
		ssize_t n = readlink("/proc/self/exe", buf, size);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			char *dir = tt_path_dirname(buf);
			free(buf);
			return dir;
		}
		free(buf);
	}
	return NULL;
}

/* Whether dir holds the templates; common.gp goes into every figure. */
static int has_templates(const char *dir)
{
	char *path = tt_path_join(dir, template_files[TPL_COMMON]);
	int found = tt_path_is_file(path);
	free(path);
	return found;
}

/* Sets w->templates_dir to the folder of the templates: the option, else
 * $TT_PLOTS_DIR, else the one beside the program, so that tt needs no path
 * of the machine it was built on: TT_PLOTS_FROM_BINDIR from the folder of
 * an installed tt (bin/ to share/tt/plots/), else plots/ in the folder of
 * the program itself (the build tree, where the build copies them).
 * TT_EENV when neither holds them. */
static int find_templates_dir(writer *w)
{
	if (w->opt && w->opt->templates_dir) {
		w->templates_dir = tt_xstrdup(w->opt->templates_dir);
		return 0;
	}
	const char *env = getenv("TT_PLOTS_DIR");
	if (env && *env) {
		w->templates_dir = tt_xstrdup(env);
		return 0;
	}
	char *exe = exe_dir();
	if (!exe)
		return tt_error_set(TT_EENV,
				    "cannot find tt's plot templates: /proc/self/exe cannot be "
				    "read; set TT_PLOTS_DIR to the folder of tt's plots/*.gp "
				    "templates or run with --no-plots");
	char *installed = tt_path_join(exe, TT_PLOTS_FROM_BINDIR);
	char *beside = tt_path_join(exe, "plots");
	int rc = 0;
	if (has_templates(installed)) {
		w->templates_dir = installed;
		installed = NULL;
	} else if (has_templates(beside)) {
		w->templates_dir = beside;
		beside = NULL;
	} else {
		rc = tt_error_set(TT_EENV,
				  "cannot find tt's plot templates in '%s' or '%s'; set "
				  "TT_PLOTS_DIR to the folder of tt's plots/*.gp templates or run "
				  "with --no-plots",
				  installed, beside);
	}
	free(installed);
	free(beside);
	free(exe);
	return rc;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	return 0;
}

static int writer_init(writer *w, FILE *out, const char *plots_dir, const tt_plot_options *opt)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->plots_dir = plots_dir;
	w->opt = opt;
	if (!plots_dir || !*plots_dir)
		return tt_error_set(TT_EINVAL, "no plots folder given");
	/* tt chooses this path, but a control character would end the gnuplot
	 * line it is written on, so refuse it rather than alter it. */
	if (has_control(plots_dir))
		return tt_error_set(TT_EINVAL,
				    "plots folder '%s' has a control character in its name",
				    plots_dir);
	return 0;
}

static void writer_free(writer *w)
{
	for (int i = 0; i < TPL_COUNT; i++)
		free(w->templates[i]);
	free(w->templates_dir);
	tt_buf_free(&w->b);
}

static int load_template(writer *w, int which)
{
	if (w->templates[which])
		return 0;
	if (!w->templates_dir) {
		int rc = find_templates_dir(w);
		if (rc != 0)
			return rc;
	}
	char *path = tt_path_join(w->templates_dir, template_files[which]);
	char *text = NULL;
	size_t len = 0;
	if (tt_read_file(path, MAX_TEMPLATE_SIZE, &text, &len) != 0) {
		int rc = tt_error_set(
			TT_EENV,
			"cannot read plot template '%s'; set TT_PLOTS_DIR to the folder "
			"of tt's plots/*.gp templates or run with --no-plots",
			path);
		free(path);
		return rc;
	}
	free(path);
	w->templates[which] = text;
	return 0;
}

static void put_template(writer *w, int which)
{
	const char *t = w->templates[which];
	size_t len = strlen(t);
	fputs(t, w->out);
	if (len > 0 && t[len - 1] != '\n')
		fputc('\n', w->out);
}

static void put_num(writer *w, double v)
{
	if (isfinite(v))
		fprintf(w->out, NUM_FMT, v);
	else
		fputs("NaN", w->out);
}

/* name = 'user text' */
static void put_string(writer *w, const char *name, const char *user)
{
	tt_buf_reset(&w->b);
	tt_plot_escape(&w->b, user);
	fprintf(w->out, "%s = %s\n", name, w->b.data);
}

static void put_number(writer *w, const char *name, double v)
{
	fprintf(w->out, "%s = ", name);
	put_num(w, v);
	fputc('\n', w->out);
}

static void put_int(writer *w, const char *name, long v)
{
	fprintf(w->out, "%s = %ld\n", name, v);
}

/* A gnuplot array of n strings (at least one element, since gnuplot has
 * no empty arrays); fill it with put_item(). */
static void put_array(writer *w, const char *name, size_t n)
{
	fprintf(w->out, "array %s[%zu]\n", name, n ? n : 1);
	if (n == 0)
		fprintf(w->out, "%s[1] = ''\n", name);
}

static void put_item(writer *w, const char *name, size_t i, const char *user)
{
	tt_buf_reset(&w->b);
	tt_plot_escape(&w->b, user);
	fprintf(w->out, "%s[%zu] = %s\n", name, i + 1, w->b.data);
}

/* Datablocks hold numbers only.  One with no rows gets a row of NaN, which
 * gnuplot draws as nothing without the warning an empty block gives. */
static void block_begin(writer *w, const char *name)
{
	fprintf(w->out, "$%s << EOD\n", name);
}

static void block_row(writer *w, size_t *rows, int k, double a, double b, double c, double d,
		      double e)
{
	double v[5] = { a, b, c, d, e };
	for (int i = 0; i < k; i++) {
		if (i)
			fputc(' ', w->out);
		put_num(w, v[i]);
	}
	fputc('\n', w->out);
	(*rows)++;
}

static void block_end(writer *w, size_t rows, int k)
{
	if (rows == 0) {
		for (int i = 0; i < k; i++)
			fputs(i ? " NaN" : "NaN", w->out);
		fputc('\n', w->out);
	}
	fputs("EOD\n", w->out);
}

static int figure_begin(writer *w, int tpl, const char *file)
{
	int rc = load_template(w, TPL_COMMON);
	if (rc == 0)
		rc = load_template(w, tpl);
	if (rc)
		return rc;
	fprintf(w->out, "\n# ---- %s\nreset\nset encoding utf8\n", file);
	put_template(w, TPL_COMMON);
	return 0;
}

/* The SVG's name (its <title> and the prefix of its element ids): unique
 * per file, so that figures inlined in one HTML page do not clash. */
static void put_svg_name(writer *w, const char *file)
{
	fputs("tt_", w->out);
	for (const char *s = file; *s && strcmp(s, ".svg") != 0; s++) {
		char c = *s;
		bool ok =
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		fputc(ok ? c : '_', w->out);
	}
}

/* Appends s as a string expression without altering it (for tt's own
 * paths), quotes as in tt_plot_escape(). */
static void put_path_expr(tt_buf *b, const char *dir, const char *file)
{
	pieces p = { b, false, false };
	const char *parts[3] = { dir, "/", file };
	for (int k = 0; k < 3; k++) {
		for (const char *s = parts[k]; *s; s++) {
			if (*s == '\'')
				piece_quote(&p);
			else
				piece_text(&p, s, 1);
		}
	}
	if (p.literal)
		tt_buf_putc(b, '\'');
}

static void figure_end(writer *w, int tpl, const char *file, int width, int height)
{
	fprintf(w->out,
		"set terminal svg size %d,%d dynamic noenhanced font tt_font "
		"background rgb 'white' name '",
		width, height);
	put_svg_name(w, file);
	fputs("'\n", w->out);

	/* The path is tt's (checked free of control characters), but quoted
	 * all the same. */
	tt_buf_reset(&w->b);
	put_path_expr(&w->b, w->plots_dir, file);
	fprintf(w->out, "set output %s\n", w->b.data);

	put_template(w, tpl);
	fputs("unset output\n", w->out);
	w->figures++;
}

/* ---- text for people ---- */

/* A number with `sig` significant digits, without an exponent in the
 * usual range of measurements and without trailing zeros. */
static const char *num_text(char *buf, size_t size, double v, int sig)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "NA");
		return buf;
	}
	double a = fabs(v);
	if (a == 0.0 || (a >= 1e-3 && a < 1e6)) {
		int decimals = a == 0.0 ? 0 : sig - 1 - (int)floor(log10(a));
		if (decimals < 0)
			decimals = 0;
		snprintf(buf, size, "%.*f", decimals, v);
		if (strchr(buf, '.')) {
			char *end = buf + strlen(buf) - 1;
			while (*end == '0')
				*end-- = '\0';
			if (*end == '.')
				*end = '\0';
		}
		if (strcmp(buf, "-0") == 0)
			snprintf(buf, size, "0");
	} else {
		snprintf(buf, size, "%.*g", sig, v);
	}
	return buf;
}

/* A number for people: 3 significant digits, 4 for values above 100 so
 * that 91.2 and 1234 both keep their last digit. */
static const char *human_text(char *buf, size_t size, double v)
{
	return num_text(buf, size, v, fabs(v) >= 100 ? 4 : 3);
}

static void put_human(tt_buf *b, double v)
{
	char buf[64];
	tt_buf_puts(b, human_text(buf, sizeof buf, v));
}

static const char *attr_name(const tt_comparison_result *r)
{
	if (r->attr && r->attr->name && *r->attr->name)
		return r->attr->name;
	if (r->attr && r->attr->id)
		return r->attr->id;
	if (r->cmp && r->cmp->attribute)
		return r->cmp->attribute;
	return "attribute";
}

static const char *attr_unit(const tt_comparison_result *r)
{
	return r->attr && r->attr->unit && *r->attr->unit ? r->attr->unit : NULL;
}

static void put_unit(tt_buf *b, const tt_comparison_result *r)
{
	const char *u = attr_unit(r);
	if (u) {
		tt_buf_putc(b, ' ');
		tt_buf_puts(b, u);
	}
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* "Viable cells (%)", "Vector copy number (copies/cell, log scale)".  A
 * name too long for the side of the plot (the title has it) gives way to
 * the unit, or the attribute id when there is none. */
static char *value_label(const tt_comparison_result *r, bool log_axis)
{
	tt_buf b = TT_BUF_INIT;
	const char *u = attr_unit(r);
	const char *name = attr_name(r);
	if (utf8_length(name) > 40) {
		name = u ? NULL : r->cmp && r->cmp->attribute ? r->cmp->attribute : "value";
	}
	if (name)
		tt_buf_puts(&b, name);
	if (u || log_axis)
		tt_buf_printf(&b, name ? " (%s%s%s)" : "%s%s%s", u ? u : "",
			      u && log_axis ? ", " : "", log_axis ? "log scale" : "");
	return tt_buf_detach(&b);
}

/* "source: Shanghai GMP facility (10 lots)". */
static char *site_label(const tt_run *run, bool receiving, size_t n_lots)
{
	const tt_spec *spec = NULL;
	if (run && run->study)
		spec = receiving ? run->study->receiving_spec : run->study->source_spec;
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, receiving ? "receiving" : "source");
	if (spec && spec->site.name && *spec->site.name)
		tt_buf_printf(&b, ": %s", spec->site.name);
	tt_buf_printf(&b, " (%zu lot%s)", n_lots, n_lots == 1 ? "" : "s");
	return tt_buf_detach(&b);
}

/* The estimate, its CI and the margin in the attribute's units (ratios for
 * a log-scale or ratio comparison).  Long: "difference -0.8 (90% CI -3.1
 * to 1.5), margin ±3.15 %"; compact, for the forest plot's column:
 * "-0.8 (-3.1 to 1.5); ±3.15 %". */
static void put_interval_text(tt_buf *b, const tt_comparison_result *r, bool compact)
{
	char pct[32];
	num_text(pct, sizeof pct, 100.0 * r->ci_level, 3);
	double est, lo, hi, ml, mu;
	bool ratio = false, slope = false;
	if (r->has_tost) {
		est = r->tost.diff;
		lo = r->tost.ci_lower;
		hi = r->tost.ci_upper;
		ml = r->tost.margin_lower;
		mu = r->tost.margin_upper;
		ratio = r->tost.log_scale;
	} else {
		const tt_stability_result *s = r->stability;
		est = s->slope_difference;
		lo = s->ci_lower;
		hi = s->ci_upper;
		ml = s->margin_lower;
		mu = s->margin_upper;
		slope = true;
	}
	if (!compact)
		tt_buf_puts(b, ratio ? "ratio " : slope ? "slope difference " : "difference ");
	put_human(b, est);
	tt_buf_printf(b, compact ? " (" : " (%s%% CI ", pct);
	put_human(b, lo);
	tt_buf_puts(b, " to ");
	put_human(b, hi);
	tt_buf_puts(b, compact ? "); " : "), margin ");
	if (!ratio && fabs(ml + mu) <= 1e-12 * fabs(mu)) {
		tt_buf_puts(b, "\xC2\xB1"); /* ± */
		put_human(b, mu);
	} else {
		put_human(b, ml);
		tt_buf_puts(b, " to ");
		put_human(b, mu);
	}
	if (!ratio && !slope)
		put_unit(b, r);
}

static void put_outcome(tt_buf *b, const tt_comparison_result *r)
{
	tt_buf_printf(b, " \xE2\x80\x94 %s", tt_outcome_words(r->outcome)); /* em dash */
	if (r->outcome != TT_OUTCOME_PASS && r->reason && *r->reason)
		tt_buf_printf(b, " (%s)", r->reason);
}

/* ---- axis ranges ---- */

typedef struct span {
	double lo, hi;
	bool log;
} span;

static void span_add(span *s, double v)
{
	if (!isfinite(v) || (s->log && v <= 0))
		return;
	if (v < s->lo)
		s->lo = v;
	if (v > s->hi)
		s->hi = v;
}

/* Pads the span by a fraction of its width on each side (on the ln scale
 * for a log axis), and gives an empty or one-point span a width. */
static void span_finish(span *s, double pad)
{
	if (!(s->lo <= s->hi)) {
		s->lo = s->log ? 1 : 0;
		s->hi = s->log ? 10 : 1;
	}
	if (s->log) {
		double l = log(s->lo), h = log(s->hi);
		if (h - l < 1e-9) {
			l -= log(2);
			h += log(2);
		}
		double d = (h - l) * pad;
		s->lo = exp(l - d);
		s->hi = exp(h + d);
	} else {
		double l = s->lo, h = s->hi;
		if (h - l <= 1e-12 * fmax(fabs(l), fabs(h))) {
			double d = l != 0 ? fabs(l) * 0.1 : 1;
			l -= d;
			h += d;
		}
		double d = (h - l) * pad;
		s->lo = l - d;
		s->hi = h + d;
	}
}

#define SPAN_INIT(islog)                                                                           \
	{                                                                                          \
		INFINITY, -INFINITY, (islog)                                                       \
	}

#define MAX_LOG_TICS 12

/* Tic values for a log axis over [lo, hi]: gnuplot labels only powers of
 * ten, which leaves an axis within one decade (most log-scale attributes)
 * unlabelled.  Takes the coarsest of the 1-2-5 style series that gives at
 * least four tics; returns how many were stored (0: leave it to gnuplot). */
static size_t log_tics(double lo, double hi, double *out)
{
	static const double series[][10] = {
		{ 1 },
		{ 1, 2, 5 },
		{ 1, 1.5, 2, 3, 5, 7 },
		{ 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 },
	};
	static const size_t len[] = { 1, 3, 6, 10 };
	if (!(lo > 0 && hi > lo))
		return 0;
	size_t best = 0;
	double tmp[MAX_LOG_TICS];
	for (size_t s = 0; s < sizeof len / sizeof len[0]; s++) {
		size_t n = 0;
		bool over = false;
		for (int e = (int)floor(log10(lo)) - 1; e <= (int)ceil(log10(hi)) && !over; e++) {
			for (size_t k = 0; k < len[s]; k++) {
				/* Rounded to 12 digits so that 0.3 prints as 0.3. */
				double v = series[s][k] * pow(10, e);
				char buf[32];
				snprintf(buf, sizeof buf, "%.12g", v);
				v = strtod(buf, NULL);
				if (v < lo || v > hi)
					continue;
				if (n == MAX_LOG_TICS) {
					over = true;
					break;
				}
				tmp[n++] = v;
			}
		}
		if (over)
			break;
		memcpy(out, tmp, n * sizeof *tmp);
		best = n;
		if (n >= 4)
			break;
	}
	return best;
}

static void put_log_tics(writer *w, bool log_axis, double lo, double hi)
{
	double v[MAX_LOG_TICS];
	size_t n = log_axis ? log_tics(lo, hi, v) : 0;
	put_int(w, "n_ytics", (long)n);
	fprintf(w->out, "array ytic_value[%zu]\n", n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		fprintf(w->out, "ytic_value[%zu] = ", i + 1);
		put_num(w, v[i]);
		fputc('\n', w->out);
	}
}

/* The source spec's limits of a continuous attribute, the ones a log axis
 * cannot show dropped (NaN when absent). */
static tt_spec_limits limits_of(const tt_comparison_result *r, bool log_axis)
{
	tt_spec_limits s = { false, false, NAN, NAN, NULL };
	const tt_attr *a = r->attr;
	if (!a || a->type != TT_ATTR_CONTINUOUS)
		return s;
	s.has_min = a->has_min && isfinite(a->min) && (!log_axis || a->min > 0);
	s.has_max = a->has_max && isfinite(a->max) && (!log_axis || a->max > 0);
	s.min = s.has_min ? a->min : NAN;
	s.max = s.has_max ? a->max : NAN;
	return s;
}

/* "specification ≥ 70 %", "specification 2 to 5 copies/cell". */
static char *spec_text(const tt_comparison_result *r, const tt_spec_limits *s)
{
	static const tt_spec_words_style style = { human_text, true, false };
	char *words = tt_spec_limits_words(s, attr_unit(r), &style);
	char *text = tt_xasprintf("specification %s", words);
	free(words);
	return text;
}

static void put_spec(writer *w, const tt_comparison_result *r, const tt_spec_limits *s, double x0,
		     double x1)
{
	char *text = spec_text(r, s);
	put_int(w, "has_spec_min", s->has_min);
	put_int(w, "has_spec_max", s->has_max);
	put_string(w, "spec_label", text);
	free(text);
	size_t rows = 0;
	block_begin(w, "spec");
	if (s->has_min || s->has_max) {
		block_row(w, &rows, 3, x0, s->min, s->max, 0, 0);
		block_row(w, &rows, 3, x1, s->min, s->max, 0, 0);
	}
	block_end(w, rows, 3);
}

/* ---- the forest plot ---- */

#define FOREST_WIDTH 960

/* Maps v onto the margin scale: L -> -1, 0 -> 0, U -> +1 (on the ln scale
 * for ratios), linearly on each side of zero. */
static double to_margin_scale(double v, double lower, double upper, bool ratio)
{
	if (ratio) {
		if (!(v > 0 && lower > 0 && upper > 0))
			return NAN;
		v = log(v);
		lower = log(lower);
		upper = log(upper);
	}
	if (lower < 0 && upper > 0)
		return v >= 0 ? v / upper : v / -lower;
	/* A margin that does not straddle zero: map it affinely. */
	double half = (upper - lower) / 2;
	return half > 0 ? (v - (upper + lower) / 2) / half : NAN;
}

static int write_forest(writer *w, const tt_run *run)
{
	int rc = figure_begin(w, TPL_FOREST, TT_PLOT_FOREST_FILE);
	if (rc)
		return rc;
	/* The rows' intervals share one level, the study's 1 - 2 alpha: the
	 * caption takes the first row's. */
	size_t n = 0;
	double level = NAN;
	for (size_t i = 0; i < run->n_comparisons; i++)
		if (is_forest_row(&run->comparisons[i]) && n++ == 0)
			level = run->comparisons[i].ci_level;

	char pct[32];
	num_text(pct, sizeof pct, 100.0 * level, 3);
	tt_buf t = TT_BUF_INIT;
	put_string(w, "title_text", "Equivalence comparisons");
	tt_buf_printf(&t,
		      "%s%% confidence intervals divided by each margin; the margins are at -1 "
		      "and +1",
		      pct);
	put_string(w, "subtitle_text", t.data);
	put_string(w, "xlabel_text",
		   "estimate / margin (ratios and log-scale attributes: on the ln scale)");

	put_array(w, "row_label", n);
	put_array(w, "row_text", n);
	size_t k = 0, right = 10;
	long n_pass = 0, n_fail = 0, n_other = 0;
	double xmax = 1;
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		if (!is_forest_row(r))
			continue;
		tt_buf_reset(&t);
		tt_buf_puts(&t, attr_name(r));
		if (!r->has_tost)
			tt_buf_puts(&t, ", slope");
		put_item(w, "row_label", k, t.data);
		tt_buf_reset(&t);
		put_interval_text(&t, r, true);
		put_item(w, "row_text", k, t.data);
		right = right > utf8_length(t.data) ? right : utf8_length(t.data);
		k++;
	}
	put_int(w, "n_rows", (long)n);
	tt_buf_reset(&t);
	tt_buf_printf(&t, "estimate (%s%% CI); margin", pct);
	put_string(w, "right_header", t.data);
	/* The text column's width: about 0.55 em a character in Helvetica. */
	right = right > 60 ? 60 : right;
	put_number(w, "right_edge", 1.0 - (18.0 + 0.55 * 12.0 * (double)right) / FOREST_WIDTH);

	/* Intervals far outside the margins are cut at the edge (the text
	 * beside the row gives the numbers), so the margins stay readable. */
	const double cap = 4;
	size_t rows = 0;
	k = 0;
	block_begin(w, "forest");
	for (size_t i = 0; i < run->n_comparisons; i++) {
		const tt_comparison_result *r = &run->comparisons[i];
		if (!is_forest_row(r))
			continue;
		double est, lo, hi;
		if (r->has_tost) {
			const tt_tost_result *s = &r->tost;
			est = to_margin_scale(s->diff, s->margin_lower, s->margin_upper,
					      s->log_scale);
			lo = to_margin_scale(s->ci_lower, s->margin_lower, s->margin_upper,
					     s->log_scale);
			hi = to_margin_scale(s->ci_upper, s->margin_lower, s->margin_upper,
					     s->log_scale);
		} else {
			const tt_stability_result *s = r->stability;
			est = to_margin_scale(s->slope_difference, s->margin_lower, s->margin_upper,
					      false);
			lo = to_margin_scale(s->ci_lower, s->margin_lower, s->margin_upper, false);
			hi = to_margin_scale(s->ci_upper, s->margin_lower, s->margin_upper, false);
		}
		est = fmax(-cap, fmin(cap, est));
		lo = fmax(-cap, fmin(cap, lo));
		hi = fmax(-cap, fmin(cap, hi));
		if (isfinite(lo))
			xmax = fmax(xmax, fabs(lo));
		if (isfinite(hi))
			xmax = fmax(xmax, fabs(hi));
		int code = r->outcome == TT_OUTCOME_PASS   ? 0
			   : r->outcome == TT_OUTCOME_FAIL ? 1
							   : 2;
		n_pass += code == 0;
		n_fail += code == 1;
		n_other += code == 2;
		block_row(w, &rows, 5, (double)(++k), est, lo, hi, code);
	}
	block_end(w, rows, 5);
	put_int(w, "n_pass", n_pass);
	put_int(w, "n_fail", n_fail);
	put_int(w, "n_other", n_other);
	/* Round the axis up to a half so the tics fall on margins. */
	put_number(w, "x_lim", ceil(xmax * 1.15 * 2) / 2);
	tt_buf_free(&t);

	figure_end(w, TPL_FOREST, TT_PLOT_FOREST_FILE, FOREST_WIDTH,
		   170 + 34 * (int)(n < 60 ? n : 60));
	return 0;
}

/* ---- lot-level figures ---- */

typedef struct placed {
	const tt_lot_value *v;
	int site; /* 0 source, 1 receiving */
	size_t k; /* position in its site's list */
} placed;

static int placed_cmp(const void *pa, const void *pb)
{
	const placed *a = pa, *b = pb;
	int c = strcmp(a->v->date, b->v->date);
	if (c)
		return c;
	if (a->site != b->site)
		return a->site - b->site;
	return a->k < b->k ? -1 : a->k > b->k;
}

static double site_center(const tt_site_values *s, bool log_scale)
{
	if (s->n == 0)
		return NAN;
	return log_scale && s->has_log ? s->geometric_mean : s->describe.mean;
}

/* "quality range: ...; 8 of 8 receiving lots inside (90% needed) — pass". */
static void put_band_subtitle(tt_buf *sub, const tt_comparison_result *r, const char *rule,
			      double needed)
{
	char num[64];
	tt_buf_puts(sub, rule);
	if (r->has_range || r->has_ti) {
		size_t inside = r->range.n_inside, n = r->range.n_test;
		tt_buf_printf(sub, "; %zu of %zu receiving lot%s inside", inside, n,
			      n == 1 ? "" : "s");
		if (needed < 1)
			tt_buf_printf(sub, " (%s%% needed)",
				      num_text(num, sizeof num, 100 * needed, 3));
	}
	put_outcome(sub, r);
}

static int write_lots(writer *w, const tt_run *run, const tt_comparison_result *r, const char *file)
{
	int rc = figure_begin(w, TPL_LOTS, file);
	if (rc)
		return rc;
	const tt_site_values *sv[2] = { &r->source, &r->receiving };
	size_t n = r->source.n + r->receiving.n;
	placed *p = tt_xcalloc(n, sizeof *p);
	bool dated = true;
	size_t m = 0;
	for (int s = 0; s < 2; s++) {
		for (size_t k = 0; k < sv[s]->n; k++) {
			p[m].v = &sv[s]->lots[k];
			p[m].site = s;
			p[m].k = k;
			if (!p[m].v->date)
				dated = false;
			m++;
		}
	}
	/* With a date on every lot, both sites share one time line; without,
	 * the source lots come first, each site in its file order. */
	if (dated)
		qsort(p, n, sizeof *p, placed_cmp);

	tt_approach a = r->cmp->approach;
	bool log_axis = r->log_scale;
	double lo = -INFINITY, hi = INFINITY;
	bool has_band = false;
	char num[64];
	/* The key names the band briefly; the subtitle says it in full. */
	tt_buf band = TT_BUF_INIT, sub = TT_BUF_INIT, rule = TT_BUF_INIT;
	if (a == TT_APPROACH_QUALITY_RANGE) {
		tt_buf_printf(&band, "quality range (source %s \xC2\xB1 %s SD%s)",
			      log_axis ? "geometric mean" : "mean",
			      num_text(num, sizeof num, r->cmp->k, 3),
			      log_axis ? " on ln scale" : "");
		has_band = r->has_range;
		put_band_subtitle(&sub, r, band.data, r->cmp->min_fraction);
	} else if (a == TT_APPROACH_TOLERANCE_INTERVAL) {
		char c2[64];
		num_text(num, sizeof num, 100 * r->cmp->content, 4);
		num_text(c2, sizeof c2, 100 * r->cmp->confidence, 4);
		tt_buf_printf(&band, "tolerance interval (%s%% / %s%%)", num, c2);
		tt_buf_printf(&rule,
			      "%s%stolerance interval of the source lots, %s%% content with %s%% "
			      "confidence",
			      r->cmp->sides == 1 ? "one-sided " : "",
			      r->cmp->ti_method == TT_TI_NONPARAMETRIC ? "nonparametric " : "", num,
			      c2);
		has_band = r->has_range;
		put_band_subtitle(&sub, r, rule.data, 1);
	} else if (a == TT_APPROACH_MIN_MAX) {
		tt_buf_puts(&band, "source range (min to max)");
		has_band = r->has_range;
		put_band_subtitle(&sub, r, "range of the source lots (minimum to maximum)", 1);
	} else if (a == TT_APPROACH_EQUIVALENCE) {
		tt_buf_puts(&sub,
			    log_axis ? "equivalence of geometric means" : "equivalence of means");
		if (r->has_tost) {
			tt_buf_puts(&sub, ": ");
			put_interval_text(&sub, r, false);
		}
		put_outcome(&sub, r);
	} else {
		tt_buf_puts(&sub, "shown for information; no acceptance criterion");
	}
	/* The band as the rule judged the receiving lots by: a one-sided
	 * tolerance interval's open side is infinite. */
	if (has_band) {
		lo = r->range.lower;
		hi = r->range.upper;
	}
	bool has_means = a == TT_APPROACH_EQUIVALENCE || a == TT_APPROACH_GRAPHICAL;
	double center[2] = { site_center(&r->source, log_axis),
			     site_center(&r->receiving, log_axis) };
	tt_spec_limits lim = limits_of(r, log_axis);

	span y = SPAN_INIT(log_axis);
	for (size_t i = 0; i < n; i++)
		span_add(&y, p[i].v->value);
	span_add(&y, lo);
	span_add(&y, hi);
	if (lim.has_min)
		span_add(&y, lim.min);
	if (lim.has_max)
		span_add(&y, lim.max);
	span_finish(&y, 0.08);
	double x0 = 0.5, x1 = (double)n + 0.5;

	put_string(w, "title_text", attr_name(r));
	put_string(w, "subtitle_text", sub.data);
	put_string(w, "xlabel_text",
		   dated ? "lot, by date"
			 : "lot (source lots, then receiving lots, in file order)");
	char *text = value_label(r, log_axis);
	put_string(w, "ylabel_text", text);
	free(text);
	text = site_label(run, false, r->source.n);
	put_string(w, "source_label", text);
	free(text);
	text = site_label(run, true, r->receiving.n);
	put_string(w, "receiving_label", text);
	free(text);

	put_int(w, "n_lots", (long)n);
	/* At most about 60 lot labels fit along the axis. */
	put_int(w, "lot_tic_step", (long)(n / 60 + 1));
	put_array(w, "lot_label", n);
	for (size_t i = 0; i < n; i++)
		put_item(w, "lot_label", i, p[i].v->lot);
	/* The first label, rotated by 45 degrees, reaches left of the plot
	 * by about 0.6 character widths per character: make room for a long
	 * one (0: gnuplot's own margin, which also lays the key out better). */
	size_t first = n ? utf8_length(p[0].v->lot) : 0;
	first = first > TT_PLOT_MAX_LABEL ? TT_PLOT_MAX_LABEL : first;
	double need = ceil(0.6 * (double)first);
	put_int(w, "left_margin", need > 10 ? (long)need : 0);
	/* Without dates the sites are side by side: mark where they meet. */
	bool split = !dated && r->source.n > 0 && r->receiving.n > 0;
	put_int(w, "has_split", split);
	put_number(w, "split_x", split ? (double)r->source.n + 0.5 : NAN);

	static const char *const blocks[2] = { "source", "receiving" };
	for (int s = 0; s < 2; s++) {
		size_t rows = 0;
		block_begin(w, blocks[s]);
		for (size_t i = 0; i < n; i++)
			if (p[i].site == s)
				block_row(w, &rows, 2, (double)(i + 1), p[i].v->value, 0, 0, 0);
		block_end(w, rows, 2);
	}
	size_t outside = 0;
	block_begin(w, "outside");
	for (size_t i = 0; has_band && i < n; i++) {
		double v = p[i].v->value;
		if (p[i].site == 1 && !(v >= lo && v <= hi))
			block_row(w, &outside, 2, (double)(i + 1), v, 0, 0, 0);
	}
	block_end(w, outside, 2);
	put_int(w, "n_outside", (long)outside);

	put_int(w, "has_band", has_band);
	put_string(w, "band_label", band.data);
	size_t rows = 0;
	block_begin(w, "band");
	if (has_band) {
		double blo = isfinite(lo) ? lo : y.lo, bhi = isfinite(hi) ? hi : y.hi;
		block_row(w, &rows, 3, x0, blo, bhi, 0, 0);
		block_row(w, &rows, 3, x1, blo, bhi, 0, 0);
	}
	block_end(w, rows, 3);

	put_int(w, "has_means", has_means);
	rows = 0;
	block_begin(w, "means");
	if (has_means) {
		block_row(w, &rows, 3, x0, center[0], center[1], 0, 0);
		block_row(w, &rows, 3, x1, center[0], center[1], 0, 0);
	}
	block_end(w, rows, 3);

	put_spec(w, r, &lim, x0, x1);
	put_string(w, "mean_word", log_axis ? "geometric mean" : "mean");
	put_int(w, "log_y", log_axis);
	put_log_tics(w, log_axis, y.lo, y.hi);
	put_number(w, "x_min", x0);
	put_number(w, "x_max", x1);
	put_number(w, "y_min", y.lo);
	put_number(w, "y_max", y.hi);
	figure_end(w, TPL_LOTS, file, 900, 540);

	tt_buf_free(&band);
	tt_buf_free(&sub);
	tt_buf_free(&rule);
	free(p);
	return 0;
}

/* ---- profiles ---- */

static void put_profile_block(writer *w, const char *name, const double *t, const double *v,
			      size_t n_lots, size_t p)
{
	size_t rows = 0;
	block_begin(w, name);
	for (size_t i = 0; i < n_lots; i++) {
		if (i)
			fputc('\n', w->out); /* a blank line breaks the line between lots */
		for (size_t j = 0; j < p; j++)
			block_row(w, &rows, 2, t[j], v[i * p + j], 0, 0, 0);
	}
	block_end(w, rows, 2);
}

static int write_profile(writer *w, const tt_run *run, const tt_comparison_result *r,
			 const char *file)
{
	int rc = figure_begin(w, TPL_PROFILE, file);
	if (rc)
		return rc;
	const tt_profile_result *pr = r->profile;
	size_t p = pr->p;
	char a[64], b[64], c[64];
	tt_buf sub = TT_BUF_INIT;
	switch (r->cmp->profile_method) {
	case TT_PROFILE_F2:
		tt_buf_printf(&sub, "f2 = %s (similar when f2 \xE2\x89\xA5 50)",
			      num_text(a, sizeof a, pr->f2, 3));
		break;
	case TT_PROFILE_BOOTSTRAP_F2:
		tt_buf_printf(&sub, "f2 = %s", num_text(a, sizeof a, pr->f2, 3));
		if (pr->has_f2_ci)
			tt_buf_printf(&sub, ", %g%% BCa CI %s to %s", 100.0 * r->ci_level,
				      num_text(a, sizeof a, pr->f2_ci_lower, 3),
				      num_text(b, sizeof b, pr->f2_ci_upper, 3));
		tt_buf_printf(&sub,
			      " (similar when the lower bound \xE2\x89\xA5 50; %ld resamples)",
			      pr->bootstrap);
		break;
	case TT_PROFILE_MSD:
		tt_buf_printf(&sub,
			      "Mahalanobis distance %s, upper bound %s, limit %s (similar when "
			      "the bound is below the limit)",
			      num_text(a, sizeof a, pr->msd, 3),
			      num_text(b, sizeof b, pr->msd_upper, 3),
			      num_text(c, sizeof c, pr->msd_limit, 3));
		break;
	case TT_PROFILE_METHOD_COUNT: /* not a method */
		break;
	}
	put_outcome(&sub, r);

	span x = SPAN_INIT(false), y = SPAN_INIT(false);
	for (size_t j = 0; j < p; j++)
		span_add(&x, pr->times[j]);
	for (size_t i = 0; i < pr->n_ref * p; i++)
		span_add(&y, pr->ref_values[i]);
	for (size_t i = 0; i < pr->n_test * p; i++)
		span_add(&y, pr->test_values[i]);
	for (size_t j = 0; j < p; j++) {
		span_add(&y, pr->ref_mean[j]);
		span_add(&y, pr->test_mean[j]);
	}
	span_finish(&x, 0.04);
	span_finish(&y, 0.06);

	put_string(w, "title_text", attr_name(r));
	put_string(w, "subtitle_text", sub.data);
	put_string(w, "xlabel_text", "time");
	char *text = value_label(r, false);
	put_string(w, "ylabel_text", text);
	free(text);
	text = site_label(run, false, pr->n_ref);
	put_string(w, "source_label", text);
	free(text);
	text = site_label(run, true, pr->n_test);
	put_string(w, "receiving_label", text);
	free(text);

	put_profile_block(w, "source_lots", pr->times, pr->ref_values, pr->n_ref, p);
	put_profile_block(w, "receiving_lots", pr->times, pr->test_values, pr->n_test, p);
	put_profile_block(w, "source_mean", pr->times, pr->ref_mean, 1, p);
	put_profile_block(w, "receiving_mean", pr->times, pr->test_mean, 1, p);
	put_number(w, "x_min", x.lo);
	put_number(w, "x_max", x.hi);
	put_number(w, "y_min", y.lo);
	put_number(w, "y_max", y.hi);
	figure_end(w, TPL_PROFILE, file, 900, 540);
	tt_buf_free(&sub);
	return 0;
}

/* ---- stability ---- */

/* The row range of one fitted lot in a long-form table (rows are grouped
 * by lot), or 0 when the lot is not there. */
static int lot_rows(const tt_series_table *t, const char *lot, size_t *first, size_t *end)
{
	size_t i = 0;
	while (i < t->n && strcmp(t->lot[i], lot) != 0)
		i++;
	if (i == t->n)
		return 0;
	*first = i;
	while (i < t->n && strcmp(t->lot[i], lot) == 0)
		i++;
	*end = i;
	return 1;
}

static void put_stability_blocks(writer *w, const char *points, const char *fits,
				 const tt_stability_site *s, const tt_series_table *t)
{
	size_t rows = 0, a, b;
	block_begin(w, points);
	for (size_t i = 0; i < s->n_lots; i++)
		if (lot_rows(t, s->lots[i], &a, &b))
			for (size_t j = a; j < b; j++)
				block_row(w, &rows, 2, t->time[j], t->value[j], 0, 0, 0);
	block_end(w, rows, 2);

	rows = 0;
	block_begin(w, fits);
	for (size_t i = 0; i < s->n_lots; i++) {
		span x = SPAN_INIT(false);
		if (lot_rows(t, s->lots[i], &a, &b))
			for (size_t j = a; j < b; j++)
				span_add(&x, t->time[j]);
		if (!(x.lo < x.hi))
			continue;
		if (rows)
			fputc('\n', w->out);
		double c = s->lot_intercept[i], m = s->lot_slope[i];
		block_row(w, &rows, 2, x.lo, c + m * x.lo, 0, 0, 0);
		block_row(w, &rows, 2, x.hi, c + m * x.hi, 0, 0, 0);
	}
	block_end(w, rows, 2);
}

static void put_shelf_life(writer *w, const char *site, const tt_stability_site *s,
			   const char *unit, span *x)
{
	bool has = s->has_shelf_life && s->shelf_life_reached && isfinite(s->shelf_life);
	char name[64], num[64];
	snprintf(name, sizeof name, "has_shelf_%s", site);
	put_int(w, name, has);
	snprintf(name, sizeof name, "shelf_%s", site);
	put_number(w, name, has ? s->shelf_life : NAN);
	tt_buf t = TT_BUF_INIT;
	if (has) {
		tt_buf_printf(&t, "%s shelf life %s", site,
			      num_text(num, sizeof num, s->shelf_life, 3));
		if (unit)
			tt_buf_printf(&t, " %s", unit);
		span_add(x, s->shelf_life);
	}
	snprintf(name, sizeof name, "shelf_%s_text", site);
	put_string(w, name, t.data ? t.data : "");
	tt_buf_free(&t);
}

static int write_stability(writer *w, const tt_run *run, const tt_comparison_result *r,
			   const char *file)
{
	int rc = figure_begin(w, TPL_STABILITY, file);
	if (rc)
		return rc;
	const tt_stability_result *st = r->stability;
	/* The time unit comes from the long-form table's header, "time [month]". */
	const char *unit = r->series_source ? r->series_source->time_unit : NULL;
	tt_buf sub = TT_BUF_INIT;
	tt_buf_puts(&sub, "mean slope: source ");
	put_human(&sub, st->source.slope);
	tt_buf_puts(&sub, ", receiving ");
	put_human(&sub, st->receiving.slope);
	if (st->has_margin) {
		tt_buf_puts(&sub, "; ");
		put_interval_text(&sub, r, false);
	}
	put_outcome(&sub, r);

	span x = SPAN_INIT(false), y = SPAN_INIT(false);
	span_add(&x, 0);
	const tt_series_table *tables[2] = { r->series_source, r->series_receiving };
	for (int s = 0; s < 2; s++) {
		for (size_t j = 0; tables[s] && j < tables[s]->n; j++) {
			span_add(&x, tables[s]->time[j]);
			span_add(&y, tables[s]->value[j]);
		}
	}
	tt_spec_limits lim = limits_of(r, false);
	if (lim.has_min)
		span_add(&y, lim.min);
	if (lim.has_max)
		span_add(&y, lim.max);

	put_string(w, "title_text", attr_name(r));
	put_string(w, "subtitle_text", sub.data);
	tt_buf_reset(&sub);
	tt_buf_puts(&sub, "time");
	if (unit)
		tt_buf_printf(&sub, " (%s)", unit);
	put_string(w, "xlabel_text", sub.data);
	char *text = value_label(r, false);
	put_string(w, "ylabel_text", text);
	free(text);
	text = site_label(run, false, st->source.n_lots);
	put_string(w, "source_label", text);
	free(text);
	text = site_label(run, true, st->receiving.n_lots);
	put_string(w, "receiving_label", text);
	free(text);

	put_stability_blocks(w, "source_points", "source_fits", &st->source, r->series_source);
	put_stability_blocks(w, "receiving_points", "receiving_fits", &st->receiving,
			     r->series_receiving);
	put_shelf_life(w, "source", &st->source, unit, &x);
	put_shelf_life(w, "receiving", &st->receiving, unit, &x);
	span_finish(&x, 0.02);
	span_finish(&y, 0.08);
	put_spec(w, r, &lim, x.lo, x.hi);
	put_number(w, "x_min", x.lo);
	put_number(w, "x_max", x.hi);
	put_number(w, "y_min", y.lo);
	put_number(w, "y_max", y.hi);
	figure_end(w, TPL_STABILITY, file, 900, 540);
	tt_buf_free(&sub);
	return 0;
}

/* ---- the script of a run ---- */

static int write_comparison(writer *w, const tt_run *run, const tt_comparison_result *r,
			    const char *file)
{
	switch (r->cmp->approach) {
	case TT_APPROACH_PROFILE:
		return write_profile(w, run, r, file);
	case TT_APPROACH_STABILITY:
		return write_stability(w, run, r, file);
	default:
		return write_lots(w, run, r, file);
	}
}

static void write_header(writer *w)
{
	fputs("# tt figures: gnuplot script written by tt; see plots/*.gp for the templates\n",
	      w->out);
}

static int write_end(writer *w, int rc)
{
	if (rc == 0 && (fflush(w->out) != 0 || ferror(w->out)))
		rc = tt_error_set(TT_EIO, "cannot write the gnuplot script");
	return rc;
}

static int write_run(FILE *out, const tt_run *run, const char *plots_dir,
		     const tt_plot_options *opt, size_t *figures)
{
	*figures = 0;
	if (!run)
		return tt_error_set(TT_EINVAL, "no run to plot");
	writer w;
	int rc = writer_init(&w, out, plots_dir, opt);
	if (rc == 0)
		write_header(&w);
	if (rc == 0 && tt_plot_has_forest(run))
		rc = write_forest(&w, run);
	for (size_t i = 0; rc == 0 && i < run->n_comparisons; i++) {
		char *file = tt_plot_file_name(&run->comparisons[i], i);
		if (file)
			rc = write_comparison(&w, run, &run->comparisons[i], file);
		free(file);
	}
	rc = write_end(&w, rc);
	*figures = w.figures;
	writer_free(&w);
	return rc;
}

int tt_plot_write_script(FILE *out, const tt_run *run, const char *plots_dir,
			 const tt_plot_options *opt)
{
	size_t figures;
	return write_run(out, run, plots_dir, opt, &figures);
}

/* Runs the script a writer callback produces, skipping gnuplot when there
 * is nothing to draw. */
static int run_script(int (*write)(FILE *, const void *, const char *, const tt_plot_options *,
				   size_t *),
		      const void *what, const char *plots_dir, const tt_plot_options *opt)
{
	char *script = NULL;
	size_t len = 0, figures = 0;
	FILE *f = open_memstream(&script, &len);
	if (!f)
		return tt_error_set(TT_ENOMEM, "cannot hold the gnuplot script in memory");
	int rc = write(f, what, plots_dir, opt, &figures);
	if (fclose(f) != 0 && rc == 0)
		rc = tt_error_set(TT_ENOMEM, "cannot hold the gnuplot script in memory");
	if (rc == 0 && figures > 0 && !tt_path_exists(plots_dir))
		rc = tt_error_set(TT_EENV, "plots folder '%s' does not exist", plots_dir);
	if (rc == 0 && figures > 0)
		rc = tt_plot_exec(script, len, opt);
	free(script);
	return rc;
}

static int write_run_cb(FILE *out, const void *what, const char *plots_dir,
			const tt_plot_options *opt, size_t *figures)
{
	return write_run(out, what, plots_dir, opt, figures);
}

int tt_plot_run(const tt_run *run, const char *plots_dir, const tt_plot_options *opt)
{
	return run_script(write_run_cb, run, plots_dir, opt);
}

/* ---- line charts ---- */

static int check_file_name(const char *name)
{
	if (!name || !*name || name[0] == '.')
		return tt_error_set(TT_EINVAL, "bad figure file name '%s'", name ? name : "");
	for (const char *s = name; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return tt_error_set(TT_EINVAL, "bad figure file name '%s'", name);
	}
	return 0;
}

static int write_line_chart(writer *w, const tt_plot_line_chart *c)
{
	int rc = check_file_name(c->file_name);
	if (rc == 0)
		rc = figure_begin(w, TPL_LINES, c->file_name);
	if (rc)
		return rc;
	put_string(w, "title_text", c->title);
	put_string(w, "subtitle_text", c->subtitle);
	put_string(w, "xlabel_text", c->x_label);
	put_string(w, "ylabel_text", c->y_label);
	size_t ns = c->series ? c->n_series : 0;
	put_int(w, "n_series", ns ? (long)ns : 1);
	put_array(w, "series_label", ns);
	for (size_t i = 0; i < ns; i++)
		put_item(w, "series_label", i, c->series[i].label);

	span x = SPAN_INIT(false);
	block_begin(w, "lines");
	for (size_t i = 0; i < ns; i++) {
		const tt_plot_series *s = &c->series[i];
		size_t rows = 0;
		if (i)
			fputs("\n\n", w->out); /* the next index */
		for (size_t j = 0; s->x && s->y && j < s->n; j++) {
			bool ok = isfinite(s->x[j]) && isfinite(s->y[j]);
			block_row(w, &rows, 2, ok ? s->x[j] : NAN, ok ? s->y[j] : NAN, 0, 0, 0);
			if (ok)
				span_add(&x, s->x[j]);
		}
		if (rows == 0)
			fputs("NaN NaN\n", w->out);
	}
	if (ns == 0)
		fputs("NaN NaN\n", w->out);
	fputs("EOD\n", w->out);
	span_finish(&x, 0);

	bool ref = c->has_reference && isfinite(c->reference_y);
	put_int(w, "has_reference", ref);
	put_string(w, "reference_label", c->reference_label);
	size_t rows = 0;
	block_begin(w, "reference");
	if (ref) {
		block_row(w, &rows, 2, x.lo, c->reference_y, 0, 0, 0);
		block_row(w, &rows, 2, x.hi, c->reference_y, 0, 0, 0);
	}
	block_end(w, rows, 2);
	bool yr = c->has_y_range && isfinite(c->y_min) && isfinite(c->y_max) && c->y_min < c->y_max;
	put_int(w, "has_y_range", yr);
	put_number(w, "y_min", yr ? c->y_min : 0);
	put_number(w, "y_max", yr ? c->y_max : 1);
	put_number(w, "x_min", x.lo);
	put_number(w, "x_max", x.hi);
	figure_end(w, TPL_LINES, c->file_name, 820, 520);
	return 0;
}

typedef struct chart_list {
	const tt_plot_line_chart *charts;
	size_t n;
} chart_list;

static int write_charts(FILE *out, const void *what, const char *plots_dir,
			const tt_plot_options *opt, size_t *figures)
{
	const chart_list *l = what;
	writer w;
	int rc = writer_init(&w, out, plots_dir, opt);
	if (rc == 0)
		write_header(&w);
	for (size_t i = 0; rc == 0 && i < l->n; i++)
		rc = write_line_chart(&w, &l->charts[i]);
	rc = write_end(&w, rc);
	*figures = w.figures;
	writer_free(&w);
	return rc;
}

int tt_plot_oc_curves(FILE *out, const tt_plot_line_chart *charts, size_t n, const char *plots_dir,
		      const tt_plot_options *opt)
{
	chart_list l = { charts, n };
	size_t figures;
	return write_charts(out, &l, plots_dir, opt, &figures);
}

int tt_plot_run_oc_curves(const tt_plot_line_chart *charts, size_t n, const char *plots_dir,
			  const tt_plot_options *opt)
{
	chart_list l = { charts, n };
	return run_script(write_charts, &l, plots_dir, opt);
}

int tt_plot_available(const tt_plot_options *opt)
{
	const char *prog = opt && opt->gnuplot ? opt->gnuplot : "gnuplot";
	if (strchr(prog, '/')) {
		if (access(prog, X_OK) == 0)
			return 0;
	} else {
		const char *path = getenv("PATH");
		char *copy = tt_xstrdup(path ? path : "/usr/bin:/bin");
		char *save = NULL;
		for (char *dir = strtok_r(copy, ":", &save); dir;
		     dir = strtok_r(NULL, ":", &save)) {
			char *full = tt_xasprintf("%s/%s", *dir ? dir : ".", prog);
			int found = access(full, X_OK) == 0;
			free(full);
			if (found) {
				free(copy);
				return 0;
			}
		}
		free(copy);
	}
	return tt_error_set(TT_EENV, "gnuplot not found; install gnuplot or run with --no-plots");
}

char *tt_plot_version(const tt_plot_options *opt)
{
	if (tt_plot_available(opt) != 0)
		return tt_xstrdup("not found");
	const char *prog = opt && opt->gnuplot ? opt->gnuplot : "gnuplot";
	/* prog is tt's own setting, never a user's file content; the shell
	 * sees it quoted all the same. */
	tt_buf cmd = TT_BUF_INIT;
	tt_buf_puts(&cmd, "'");
	for (const char *c = prog; *c; c++)
		tt_buf_puts(&cmd, *c == '\'' ? "'\\''" : (char[]){ *c, 0 });
	tt_buf_puts(&cmd, "' --version 2>/dev/null");
	FILE *p = popen(cmd.data, "r");
	tt_buf_free(&cmd);
	if (!p)
		return tt_xstrdup("not found");
	char line[256] = "", rest[256];
	char *got = fgets(line, sizeof line, p);
	while (fgets(rest, sizeof rest, p)) /* so gnuplot never blocks on a full pipe */
		;
	int status = pclose(p);
	line[strcspn(line, "\r\n")] = '\0';
	if (!got || status != 0 || !*line)
		return tt_xstrdup("not found");
	return tt_xstrdup(line);
}
