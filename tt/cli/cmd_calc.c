/*
 * cmd_calc.c - tt calc KIND ...: one computation from numbers on the
 * command line (CONTRACT.md, "tt calc").
 *
 * Each kind parses its options, calls one library function and prints the
 * result for people, or as one JSON object with --json.  Bad input (a
 * malformed number, too few values, an option out of range, data the
 * method cannot use) is a clear error and exit 2; nothing that is not a
 * finite number is ever printed as a result.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/cli/cli.h"
#include "tt/stats/curves.h"
#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/base/json.h"
#include "tt/input/methods.h"
#include "tt/stats/stats.h"
#include "tt/base/util.h"

/* The output of one calculation: named fields in order, printed either way. */
typedef struct calc_out {
	tt_buf text; /* human form */
	tt_buf json;
	tt_json j;
	int use_json;
} calc_out;

static void out_init(calc_out *o, int use_json)
{
	memset(o, 0, sizeof *o);
	o->use_json = use_json;
	tt_json_init(&o->j, &o->json, 0);
	tt_json_begin_object(&o->j);
}

static void out_num(calc_out *o, const char *key, double v)
{
	char tmp[48];
	tt_json_kv_number(&o->j, key, v);
	tt_buf_printf(&o->text, "%-15s %s\n", key,
		      isfinite(v) ? (snprintf(tmp, sizeof tmp, "%.10g", v), tmp) : "not defined");
}

static void out_int(calc_out *o, const char *key, long long v)
{
	tt_json_kv_int(&o->j, key, v);
	tt_buf_printf(&o->text, "%-15s %lld\n", key, v);
}

static void out_bool(calc_out *o, const char *key, bool v)
{
	tt_json_kv_bool(&o->j, key, v);
	tt_buf_printf(&o->text, "%-15s %s\n", key, v ? "yes" : "no");
}

static int out_finish(calc_out *o)
{
	tt_json_end_object(&o->j);
	if (o->use_json)
		printf("%s\n", o->json.data);
	else
		fputs(o->text.data ? o->text.data : "", stdout);
	tt_buf_free(&o->text);
	tt_buf_free(&o->json);
	return TT_EXIT_OK;
}

static int calc_error(const char *kind, const char *msg)
{
	fprintf(stderr, "tt calc %s: error: %s\n", kind, msg);
	return TT_EXIT_USAGE;
}

/* Option helpers: each prints a located usage error and returns nonzero. */
static int get_list(const char *kind, const char *opt, const char *s, double **v, size_t *n)
{
	if (!s) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s is required", opt);
		return calc_error(kind, msg);
	}
	if (tt_parse_number_list(s, v, n)) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s: %s", opt, tt_error_last());
		return calc_error(kind, msg);
	}
	return 0;
}

static int get_num(const char *kind, const char *opt, const char *s, double dflt, double lo,
		   int lo_open, double hi, int hi_open, double *out)
{
	if (!s) {
		if (isnan(dflt)) {
			char msg[128];
			snprintf(msg, sizeof msg, "%s is required", opt);
			return calc_error(kind, msg);
		}
		*out = dflt;
		return 0;
	}
	double v;
	if (tt_parse_double(s, &v)) {
		char msg[300];
		snprintf(msg, sizeof msg, "%s: '%s' is not a number", opt, s);
		return calc_error(kind, msg);
	}
	if ((lo_open ? v <= lo : v < lo) || (hi_open ? v >= hi : v > hi)) {
		char msg[300];
		snprintf(msg, sizeof msg, "%s must be in %s%g, %g%s, not %s", opt,
			 lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]", s);
		return calc_error(kind, msg);
	}
	*out = v;
	return 0;
}

static int get_count(const char *kind, const char *opt, const char *s, long lo, long hi, long *out)
{
	if (!s) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s is required", opt);
		return calc_error(kind, msg);
	}
	if (tt_parse_long(s, lo, hi, out)) {
		char msg[300];
		snprintf(msg, sizeof msg, "%s must be a whole number from %ld to %ld, not '%s'",
			 opt, lo, hi, s);
		return calc_error(kind, msg);
	}
	return 0;
}

static int get_choice(const char *kind, const char *opt, const char *s, const char *const *choices,
		      int dflt, int *out)
{
	*out = dflt;
	if (!s)
		return 0;
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0) {
			*out = i;
			return 0;
		}
	tt_buf b = TT_BUF_INIT;
	for (int i = 0; choices[i]; i++)
		tt_buf_printf(&b, "%s%s", i ? ", " : "", choices[i]);
	const char *hint = tt_suggest(s, choices);
	char msg[400];
	snprintf(msg, sizeof msg, "%s must be one of %s, not '%s'%s%s%s", opt, b.data, s,
		 hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	tt_buf_free(&b);
	return calc_error(kind, msg);
}

/* A library failure: its message, exit 2 (the input cannot be computed). */
static int lib_error(const char *kind)
{
	return calc_error(kind, tt_error_last());
}

#define OPT(name) tt_cli_get(opts, &args, name)
#define PARSE(kind)                                                                                \
	tt_cli_args args;                                                                          \
	if (tt_cli_parse("calc", argc, argv, opts, &args))                                         \
		return TT_EXIT_USAGE;                                                              \
	int use_json = OPT("json") != NULL;

static int one_positional(const char *kind, const tt_cli_args *args, double **v, size_t *n)
{
	if (args->n_positional != 1)
		return calc_error(kind, args->n_positional
						? "give the values as one comma-separated list"
						: "no values given");
	if (tt_parse_number_list(args->positional[0], v, n))
		return calc_error(kind, tt_error_last());
	return 0;
}

static int no_positional(const char *kind, const tt_cli_args *args)
{
	if (args->n_positional) {
		char msg[300];
		snprintf(msg, sizeof msg, "unexpected argument '%s'", args->positional[0]);
		return calc_error(kind, msg);
	}
	return 0;
}

static int calc_describe(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "json", 0, 0 }, { NULL, 0, 0 } };
	PARSE("describe");
	double *x;
	size_t n;
	if (one_positional("describe", &args, &x, &n))
		return TT_EXIT_USAGE;
	tt_describe_result r;
	int rc = tt_describe(&r, x, n);
	free(x);
	if (rc)
		return lib_error("describe");
	calc_out o;
	out_init(&o, use_json);
	out_int(&o, "n", (long long)r.n);
	out_num(&o, "mean", r.mean);
	out_num(&o, "sd", r.n > 1 ? r.sd : NAN);
	out_num(&o, "min", r.min);
	out_num(&o, "max", r.max);
	out_num(&o, "median", r.median);
	out_num(&o, "cv", r.has_cv && r.n > 1 ? r.cv : NAN);
	return out_finish(&o);
}

static int calc_tost(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },         { "test", 0, 1 },     { "margin", 0, 1 },
		{ "margin-type", 0, 1 }, { "variance", 0, 1 }, { "alpha", 0, 1 },
		{ "paired", 0, 0 },      { "json", 0, 0 },     { NULL, 0, 0 },
	};
	PARSE("tost");
	double *x = NULL, *y = NULL;
	size_t nx, ny;
	tt_tost_options opt = TT_TOST_OPTIONS_INIT;
	int mt, vt, status = TT_EXIT_USAGE;
	if (no_positional("tost", &args) || get_list("tost", "--ref", OPT("ref"), &x, &nx) ||
	    get_list("tost", "--test", OPT("test"), &y, &ny) ||
	    get_choice("tost", "--margin-type", OPT("margin-type"), tt_margin_type_names, 0, &mt) ||
	    get_choice("tost", "--variance", OPT("variance"), tt_variance_names, 0, &vt) ||
	    get_num("tost", "--margin", OPT("margin"), NAN, 0, 1, INFINITY, 0, &opt.margin) ||
	    get_num("tost", "--alpha", OPT("alpha"), 0.05, 0, 1, 0.5, 1, &opt.alpha))
		goto done;
	opt.margin_type = (tt_margin_type)mt;
	opt.variance = (tt_variance)vt;
	opt.paired = OPT("paired") != NULL;
	if (opt.margin_type == TT_MARGIN_RATIO && !(opt.margin > 1)) {
		status = calc_error("tost", "a ratio margin must be greater than 1");
		goto done;
	}
	if (opt.paired && nx != ny) {
		char msg[200];
		snprintf(msg, sizeof msg,
			 "--paired needs as many --ref as --test values (pairs), not %zu and %zu",
			 nx, ny);
		status = calc_error("tost", msg);
		goto done;
	}
	tt_tost_result r;
	if (tt_tost(&r, x, nx, y, ny, &opt)) {
		status = lib_error("tost");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "diff", r.diff);
	out_num(&o, "se", r.se);
	out_num(&o, "df", r.df);
	out_num(&o, "ci_lower", r.ci_lower);
	out_num(&o, "ci_upper", r.ci_upper);
	out_num(&o, "margin_lower", r.margin_lower);
	out_num(&o, "margin_upper", r.margin_upper);
	out_num(&o, "p_lower", r.p_lower);
	out_num(&o, "p_upper", r.p_upper);
	out_num(&o, "p_tost", r.p_tost);
	out_bool(&o, "equivalent", r.equivalent);
	status = out_finish(&o);
done:
	free(x);
	free(y);
	return status;
}

static int calc_qr(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },          { "test", 0, 1 }, { "k", 0, 1 },
		{ "min-fraction", 0, 1 }, { "json", 0, 0 }, { NULL, 0, 0 },
	};
	PARSE("qr");
	double *x = NULL, *y = NULL, k, mf;
	size_t nx, ny;
	int status = TT_EXIT_USAGE;
	if (no_positional("qr", &args) || get_list("qr", "--ref", OPT("ref"), &x, &nx) ||
	    get_list("qr", "--test", OPT("test"), &y, &ny) ||
	    get_num("qr", "--k", OPT("k"), 3, 0, 1, INFINITY, 0, &k) ||
	    get_num("qr", "--min-fraction", OPT("min-fraction"), 0.9, 0, 1, 1, 0, &mf))
		goto done;
	tt_range_result r;
	if (tt_quality_range(&r, x, nx, y, ny, k, mf, false)) {
		status = lib_error("qr");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "lower", r.lower);
	out_num(&o, "upper", r.upper);
	out_int(&o, "n_inside", (long long)r.n_inside);
	out_num(&o, "fraction_inside", r.fraction_inside);
	out_bool(&o, "pass", r.pass);
	status = out_finish(&o);
done:
	free(x);
	free(y);
	return status;
}

static int calc_ti(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "content", 0, 1 }, { "confidence", 0, 1 }, { "sides", 0, 1 },
		{ "method", 0, 1 },  { "json", 0, 0 },       { NULL, 0, 0 },
	};
	PARSE("ti");
	double *x = NULL;
	size_t n;
	long sides;
	int m, status = TT_EXIT_USAGE;
	tt_ti_options opt = TT_TI_OPTIONS_INIT;
	if (one_positional("ti", &args, &x, &n) ||
	    get_num("ti", "--content", OPT("content"), 0.99, 0, 1, 1, 1, &opt.content) ||
	    get_num("ti", "--confidence", OPT("confidence"), 0.95, 0, 1, 1, 1, &opt.confidence) ||
	    get_choice("ti", "--method", OPT("method"), tt_ti_method_names, 0, &m))
		goto done;
	if (OPT("sides")) {
		if (get_count("ti", "--sides", OPT("sides"), 1, 2, &sides))
			goto done;
		opt.sides = (int)sides;
	}
	opt.method = (tt_ti_method)m;
	if (opt.sides == 1 && opt.method == TT_TI_HOWE) {
		status = calc_error("ti", "the Howe factor is two-sided; use --method exact for "
					  "--sides 1");
		goto done;
	}
	tt_ti_result r;
	if (tt_tolerance_interval(&r, x, n, &opt, false)) {
		status = lib_error("ti");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_int(&o, "n", (long long)n);
	out_num(&o, "k", r.k);
	if (opt.method == TT_TI_NONPARAMETRIC)
		out_int(&o, "order", (long long)r.order);
	out_num(&o, "lower", r.lower);
	out_num(&o, "upper", r.upper);
	status = out_finish(&o);
done:
	free(x);
	return status;
}

static int calc_f2(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },
		{ "test", 0, 1 },
		{ "json", 0, 0 },
		{ NULL, 0, 0 },
	};
	PARSE("f2");
	double *x = NULL, *y = NULL, f2;
	size_t nx, ny;
	int status = TT_EXIT_USAGE;
	if (no_positional("f2", &args) || get_list("f2", "--ref", OPT("ref"), &x, &nx) ||
	    get_list("f2", "--test", OPT("test"), &y, &ny))
		goto done;
	if (nx != ny) {
		char msg[200];
		snprintf(msg, sizeof msg,
			 "--ref and --test must be mean profiles at the same time points: %zu and "
			 "%zu values",
			 nx, ny);
		status = calc_error("f2", msg);
		goto done;
	}
	if (tt_f2(&f2, x, y, nx)) {
		status = lib_error("f2");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "f2", f2);
	out_bool(&o, "similar", f2 >= 50);
	status = out_finish(&o);
done:
	free(x);
	free(y);
	return status;
}

static int power_options(const char *kind, const tt_cli_option *opts, const tt_cli_args *a,
			 tt_power_options *p)
{
	double margin;
	const tt_cli_args args = *a;
	if (get_num(kind, "--sd", OPT("sd"), NAN, 0, 1, INFINITY, 0, &p->sd) ||
	    get_num(kind, "--margin", OPT("margin"), NAN, 0, 1, INFINITY, 0, &margin) ||
	    get_num(kind, "--diff", OPT("diff"), 0, -INFINITY, 0, INFINITY, 0, &p->delta) ||
	    get_num(kind, "--alpha", OPT("alpha"), 0.05, 0, 1, 0.5, 1, &p->alpha))
		return 1;
	p->lower = -margin;
	p->upper = margin;
	return 0;
}

static int calc_power(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "sd", 0, 1 },     { "margin", 0, 1 }, { "diff", 0, 1 }, { "n-ref", 0, 1 },
		{ "n-test", 0, 1 }, { "alpha", 0, 1 },  { "json", 0, 0 }, { NULL, 0, 0 },
	};
	PARSE("power");
	tt_power_options p;
	long nr, nt;
	if (no_positional("power", &args) || power_options("power", opts, &args, &p) ||
	    get_count("power", "--n-ref", OPT("n-ref"), 2, 100000, &nr) ||
	    get_count("power", "--n-test", OPT("n-test"), 2, 100000, &nt))
		return TT_EXIT_USAGE;
	double power;
	if (tt_tost_power(&power, (size_t)nr, (size_t)nt, &p))
		return lib_error("power");
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "power", power);
	return out_finish(&o);
}

static int calc_samplesize(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "sd", 0, 1 },    { "margin", 0, 1 }, { "diff", 0, 1 }, { "power", 0, 1 },
		{ "alpha", 0, 1 }, { "json", 0, 0 },   { NULL, 0, 0 },
	};
	PARSE("samplesize");
	tt_power_options p;
	double target;
	if (no_positional("samplesize", &args) || power_options("samplesize", opts, &args, &p) ||
	    get_num("samplesize", "--power", OPT("power"), NAN, 0, 1, 1, 1, &target))
		return TT_EXIT_USAGE;
	size_t n;
	double power;
	if (tt_tost_sample_size(&n, &power, target, 100000, &p))
		return lib_error("samplesize");
	calc_out o;
	out_init(&o, use_json);
	out_int(&o, "n_ref", (long long)n);
	out_int(&o, "n_test", (long long)n);
	out_num(&o, "power", power);
	return out_finish(&o);
}

static int calc_normality(int argc, char **argv)
{
	static const tt_cli_option opts[] = { { "json", 0, 0 }, { NULL, 0, 0 } };
	PARSE("normality");
	double *x;
	size_t n;
	if (one_positional("normality", &args, &x, &n))
		return TT_EXIT_USAGE;
	double w, p;
	int rc = tt_shapiro_wilk(&w, &p, x, n);
	free(x);
	if (rc)
		return lib_error("normality");
	calc_out o;
	out_init(&o, use_json);
	out_int(&o, "n", (long long)n);
	out_num(&o, "w", w);
	out_num(&o, "p", p);
	return out_finish(&o);
}

static int calc_varratio(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },  { "test", 0, 1 }, { "alpha", 0, 1 },
		{ "json", 0, 0 }, { NULL, 0, 0 },
	};
	PARSE("varratio");
	double *x = NULL, *y = NULL, alpha;
	size_t nx, ny;
	int status = TT_EXIT_USAGE;
	if (no_positional("varratio", &args) ||
	    get_list("varratio", "--ref", OPT("ref"), &x, &nx) ||
	    get_list("varratio", "--test", OPT("test"), &y, &ny) ||
	    get_num("varratio", "--alpha", OPT("alpha"), 0.05, 0, 1, 0.5, 1, &alpha))
		goto done;
	tt_varratio_result r;
	if (tt_var_ratio(&r, x, nx, y, ny, alpha)) {
		status = lib_error("varratio");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "ratio", r.ratio);
	out_num(&o, "ci_lower", r.ci_lower);
	out_num(&o, "ci_upper", r.ci_upper);
	out_num(&o, "df_num", r.df_num);
	out_num(&o, "df_den", r.df_den);
	out_num(&o, "p", r.p_value);
	status = out_finish(&o);
done:
	free(x);
	free(y);
	return status;
}

/* A lots-by-time-points matrix on the command line: rows (lots) separated
 * by ';', the values of a row by ','; every row the same length. */
static int get_matrix(const char *kind, const char *opt, const char *s, double **v, size_t *rows,
		      size_t *cols)
{
	if (!s) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s is required", opt);
		return calc_error(kind, msg);
	}
	char *copy = tt_xstrdup(s);
	tt_buf all = TT_BUF_INIT;
	size_t r = 0, c = 0;
	int status = 0;
	char *save = NULL;
	for (char *row = strtok_r(copy, ";", &save); row; row = strtok_r(NULL, ";", &save)) {
		double *x;
		size_t n;
		char msg[700];
		if (tt_parse_number_list(row, &x, &n)) {
			snprintf(msg, sizeof msg, "%s, lot %zu: %s", opt, r + 1, tt_error_last());
			status = calc_error(kind, msg);
			break;
		}
		if (r > 0 && n != c) {
			snprintf(msg, sizeof msg,
				 "%s: lot %zu has %zu values, lot 1 has %zu; every lot needs a "
				 "value "
				 "at every time point",
				 opt, r + 1, n, c);
			free(x);
			status = calc_error(kind, msg);
			break;
		}
		c = n;
		tt_buf_put(&all, (const char *)x, n * sizeof *x);
		free(x);
		r++;
	}
	free(copy);
	if (!status && r == 0)
		status = calc_error(kind, "a matrix needs at least one lot");
	if (status) {
		tt_buf_free(&all);
		return status;
	}
	*v = (double *)tt_buf_detach(&all);
	*rows = r;
	*cols = c;
	return 0;
}

static int get_two_matrices(const char *kind, const tt_cli_option *opts, const tt_cli_args *a,
			    double **x, size_t *nx, double **y, size_t *ny, size_t *p)
{
	const tt_cli_args args = *a;
	size_t px, py;
	if (get_matrix(kind, "--ref", OPT("ref"), x, nx, &px))
		return 1;
	if (get_matrix(kind, "--test", OPT("test"), y, ny, &py)) {
		free(*x);
		return 1;
	}
	if (px != py) {
		char msg[200];
		snprintf(
			msg, sizeof msg,
			"--ref and --test must have the same time points: %zu and %zu values a lot",
			px, py);
		free(*x);
		free(*y);
		return calc_error(kind, msg);
	}
	*p = px;
	return 0;
}

static int calc_msd(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },   { "test", 0, 1 }, { "region-level", 0, 1 },
		{ "limit", 0, 1 }, { "json", 0, 0 }, { NULL, 0, 0 },
	};
	PARSE("msd");
	double *x, *y;
	size_t nx, ny, p;
	tt_msd_options mo = TT_MSD_OPTIONS_INIT;
	if (no_positional("msd", &args) ||
	    get_num("msd", "--region-level", OPT("region-level"), 0.90, 0, 1, 1, 1,
		    &mo.region_level) ||
	    get_num("msd", "--limit", OPT("limit"), 10, 0, 1, INFINITY, 0, &mo.msd_limit) ||
	    get_two_matrices("msd", opts, &args, &x, &nx, &y, &ny, &p))
		return TT_EXIT_USAGE;
	tt_msd_result r;
	int rc = tt_msd(&r, x, nx, y, ny, p, &mo);
	free(x);
	free(y);
	if (rc)
		return lib_error("msd");
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "msd", r.msd);
	out_num(&o, "msd_upper", r.msd_upper);
	out_num(&o, "msd_limit", r.msd_limit);
	out_num(&o, "k", r.k);
	out_num(&o, "f_quantile", r.f_quantile);
	out_bool(&o, "similar", r.similar);
	return out_finish(&o);
}

static int calc_f2_bootstrap(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },  { "test", 0, 1 }, { "bootstrap", 0, 1 },
		{ "seed", 0, 1 }, { "json", 0, 0 }, { NULL, 0, 0 },
	};
	PARSE("f2-bootstrap");
	double *x, *y;
	size_t nx, ny, p;
	long b = 10000, seed = 1;
	tt_f2_boot_options bo = TT_F2_BOOT_OPTIONS_INIT;
	if (no_positional("f2-bootstrap", &args) ||
	    (OPT("bootstrap") &&
	     get_count("f2-bootstrap", "--bootstrap", OPT("bootstrap"), 100, 1000000, &b)) ||
	    (OPT("seed") && get_count("f2-bootstrap", "--seed", OPT("seed"), 0, LONG_MAX, &seed)) ||
	    get_two_matrices("f2-bootstrap", opts, &args, &x, &nx, &y, &ny, &p))
		return TT_EXIT_USAGE;
	bo.n_boot = (size_t)b;
	bo.seed = (uint64_t)seed;
	bo.threads = 2;
	tt_f2_boot_result r;
	int rc = tt_f2_bootstrap(&r, x, nx, y, ny, p, &bo);
	free(x);
	free(y);
	if (rc)
		return lib_error("f2-bootstrap");
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "f2", r.f2);
	out_num(&o, "ci_lower", r.ci_lower);
	out_num(&o, "ci_upper", r.ci_upper);
	out_int(&o, "bootstrap", (long long)r.n_boot);
	out_bool(&o, "similar", r.similar);
	return out_finish(&o);
}

/* Stability from two long-form files (lot,time,value), as a study reads
 * them. */
static int calc_stability(int argc, char **argv)
{
	static const tt_cli_option opts[] = {
		{ "ref", 0, 1 },   { "test", 0, 1 },     { "slope-margin", 0, 1 },
		{ "alpha", 0, 1 }, { "spec-min", 0, 1 }, { "spec-max", 0, 1 },
		{ "json", 0, 0 },  { NULL, 0, 0 },
	};
	PARSE("stability");
	tt_stability_options so = TT_STABILITY_OPTIONS_INIT;
	if (no_positional("stability", &args) ||
	    get_num("stability", "--alpha", OPT("alpha"), 0.05, 0, 1, 0.5, 1, &so.alpha))
		return TT_EXIT_USAGE;
	if (OPT("slope-margin")) {
		if (get_num("stability", "--slope-margin", OPT("slope-margin"), NAN, 0, 1, INFINITY,
			    0, &so.slope_margin))
			return TT_EXIT_USAGE;
		so.has_slope_margin = true;
	}
	if (OPT("spec-min")) {
		if (get_num("stability", "--spec-min", OPT("spec-min"), NAN, -INFINITY, 0, INFINITY,
			    0, &so.spec_min))
			return TT_EXIT_USAGE;
		so.has_spec_min = true;
	}
	if (OPT("spec-max")) {
		if (get_num("stability", "--spec-max", OPT("spec-max"), NAN, -INFINITY, 0, INFINITY,
			    0, &so.spec_max))
			return TT_EXIT_USAGE;
		so.has_spec_max = true;
	}
	if (!OPT("ref") || !OPT("test"))
		return calc_error("stability", "--ref and --test name long-form CSV files "
					       "(lot,time,value)");
	tt_diags d = TT_DIAGS_INIT;
	tt_series_table *ref = NULL, *test = NULL;
	tt_series_load(&ref, OPT("ref"), &d);
	tt_series_load(&test, OPT("test"), &d);
	int status = TT_EXIT_USAGE;
	tt_diags_print(&d, stderr);
	if (d.errors || !ref || !test)
		goto done;
	tt_stability_result r;
	if (tt_stability(&r, ref, test, &so)) {
		status = lib_error("stability");
		goto done;
	}
	calc_out o;
	out_init(&o, use_json);
	out_num(&o, "slope_source", r.source.slope);
	out_num(&o, "slope_receiving", r.receiving.slope);
	out_num(&o, "slope_difference", r.slope_difference);
	out_num(&o, "se", r.se);
	out_num(&o, "df", r.df);
	out_num(&o, "ci_lower", r.ci_lower);
	out_num(&o, "ci_upper", r.ci_upper);
	if (r.has_margin)
		out_bool(&o, "pass", r.pass);
	const tt_stability_site *sites[2] = { &r.source, &r.receiving };
	const char *names[2] = { "source", "receiving" };
	for (int i = 0; i < 2; i++) {
		char key[64];
		snprintf(key, sizeof key, "poolability_%s", names[i]);
		tt_json_kv_string(&o.j, key, tt_poolability_name(sites[i]->poolability));
		tt_buf_printf(&o.text, "%-15s %s\n", key,
			      tt_poolability_name(sites[i]->poolability));
		if (sites[i]->has_shelf_life) {
			snprintf(key, sizeof key, "shelf_life_%s", names[i]);
			out_num(&o, key, sites[i]->shelf_life_reached ? sites[i]->shelf_life : NAN);
		}
	}
	tt_stability_result_free(&r);
	status = out_finish(&o);
done:
	tt_diags_free(&d);
	tt_series_free(ref);
	tt_series_free(test);
	return status;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} kinds[] = {
	{ "describe", calc_describe, "describe VALUES" },
	{ "tost", calc_tost,
	  "tost --ref V --test V --margin X [--margin-type absolute|sigma|percent|ratio] "
	  "[--variance welch|pooled] [--alpha A] [--paired]" },
	{ "qr", calc_qr, "qr --ref V --test V [--k K] [--min-fraction F]" },
	{ "ti", calc_ti,
	  "ti VALUES [--content P] [--confidence G] [--sides 1|2] "
	  "[--method exact|howe|nonparametric]" },
	{ "f2", calc_f2, "f2 --ref V --test V" },
	{ "power", calc_power,
	  "power --sd S --margin D --diff d --n-ref N --n-test M [--alpha A]" },
	{ "samplesize", calc_samplesize,
	  "samplesize --sd S --margin D --diff d --power P [--alpha A]" },
	{ "normality", calc_normality, "normality VALUES" },
	{ "varratio", calc_varratio, "varratio --ref V --test V [--alpha A]" },
	{ "msd", calc_msd, "msd --ref M --test M [--region-level Q] [--limit L]" },
	{ "f2-bootstrap", calc_f2_bootstrap,
	  "f2-bootstrap --ref M --test M [--bootstrap B] [--seed N]" },
	{ "stability", calc_stability,
	  "stability --ref FILE --test FILE [--slope-margin M] [--alpha A] [--spec-min X] "
	  "[--spec-max X]" },
};

int cmd_calc(int argc, char **argv);
int cmd_calc(int argc, char **argv)
{
	size_t nk = sizeof kinds / sizeof kinds[0];
	if (argc < 2)
		return tt_cli_usage_error("calc",
					  "no kind given; one of describe, tost, qr, ti, "
					  "f2, power, samplesize, normality, varratio, msd, "
					  "f2-bootstrap, stability");
	for (size_t i = 0; i < nk; i++)
		if (strcmp(argv[1], kinds[i].name) == 0)
			return kinds[i].fn(argc - 1, argv + 1);
	const char *names[32];
	for (size_t i = 0; i < nk; i++)
		names[i] = kinds[i].name;
	names[nk] = NULL;
	const char *hint = tt_suggest(argv[1], names);
	if (hint)
		return tt_cli_usage_error("calc", "unknown kind '%s'; did you mean '%s'?", argv[1],
					  hint);
	return tt_cli_usage_error("calc", "unknown kind '%s'", argv[1]);
}
