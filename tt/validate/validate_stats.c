/*
 * validate_stats.c - the statistical groups of the qualification suite:
 * published reference values and the R-computed cases of the unit tests,
 * both from the tables of refdata.h.
 *
 * The published values are checked at the precision they are printed (an
 * absolute tolerance of half a unit in the last digit); the R cases with the
 * relative tolerances the unit tests use, from refdata.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/stats/curves.h"
#include "tt/base/error.h"
#include "tt/base/mem.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"
#include "tt/validate/validate_stats.h"

/* Room for a check's id and description. */
#define ID_SIZE 128
#define DESC_SIZE 256

/* A table label ("welch 01", "sw 01 normal n=3") as an id part: letters and
 * digits kept, everything else a '-'. */
static void id_part(char *out, size_t size, const char *label)
{
	size_t j = 0;
	for (size_t i = 0; label[i] && j + 1 < size; i++) {
		char ch = label[i];
		int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			   (ch >= '0' && ch <= '9');
		out[j++] = keep ? ch : '-';
	}
	out[j] = '\0';
}

/* ---- NIST StRD ---- */

static const char src_nist[] = "NIST StRD univariate summary statistics, certified values "
			       "(METHODS.md)";
static const char src_nist_exact[] = "exact rational arithmetic on the stored data, "
				     "tests/reference/nist_exact_sd.py";

static const tt_refdata_nist_sd *nist_sd_case(const char *name)
{
	for (size_t i = 0; i < tt_refdata_nist_sd_count; i++)
		if (strcmp(tt_refdata_nist_sd_cases[i].name, name) == 0)
			return &tt_refdata_nist_sd_cases[i];
	return NULL;
}

void tt_vgroup_nist(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_nist_set_count; i++) {
		const tt_refdata_nist_set *s = &tt_refdata_nist_sets[i];
		const tt_refdata_nist_sd *sd = nist_sd_case(s->name);
		char id_base[64], id[ID_SIZE], desc[DESC_SIZE];
		id_part(id_base, sizeof id_base, s->name);
		for (char *p = id_base; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		tt_describe_result r;
		int rc = tt_describe(&r, s->values, s->n);
		const char *err = rc ? tt_error_last() : NULL;

		snprintf(id, sizeof id, "nist.%s.mean", id_base);
		snprintf(desc, sizeof desc, "%s (n = %zu): mean", s->name, s->n);
		if (rc)
			tt_vcheck_error(c, id, desc, src_nist, s->cert_mean, TT_TOL_RELATIVE,
					TT_REFDATA_NIST_TOL_MEAN, err);
		else
			tt_vcheck_num(c, id, desc, src_nist, s->cert_mean, r.mean, TT_TOL_RELATIVE,
				      TT_REFDATA_NIST_TOL_MEAN);

		/* Without its tolerance row the certified sd cannot be judged:
		 * a failed check rather than a silent skip. */
		double cert_tol = sd ? sd->cert_tol : 0.0;
		snprintf(id, sizeof id, "nist.%s.sd", id_base);
		snprintf(desc, sizeof desc, "%s (n = %zu): standard deviation", s->name, s->n);
		if (rc || !sd)
			tt_vcheck_error(c, id, desc, src_nist, s->cert_sd, TT_TOL_RELATIVE,
					cert_tol, rc ? err : "no tolerance for this data set");
		else
			tt_vcheck_num(c, id, desc, src_nist, s->cert_sd, r.sd, TT_TOL_RELATIVE,
				      cert_tol);

		snprintf(id, sizeof id, "nist.%s.sd-exact", id_base);
		snprintf(desc, sizeof desc,
			 "%s (n = %zu): standard deviation of the data as stored (binary)", s->name,
			 s->n);
		double exact = sd ? sd->exact_sd : NAN;
		if (rc || !sd)
			tt_vcheck_error(c, id, desc, src_nist_exact, exact, TT_TOL_RELATIVE,
					TT_REFDATA_NIST_TOL_EXACT_SD,
					rc ? err : "no exact value for this data set");
		else
			tt_vcheck_num(c, id, desc, src_nist_exact, exact, r.sd, TT_TOL_RELATIVE,
				      TT_REFDATA_NIST_TOL_EXACT_SD);
	}
}

/* ---- tolerance factors, published ---- */

static const char *ti_method_name(tt_ti_method m)
{
	return m == TT_TI_HOWE ? "Howe" : m == TT_TI_NONPARAMETRIC ? "nonparametric" : "exact";
}

static void published_interval(tt_vctx *c, const tt_refdata_pub_interval *e)
{
	/* Data with exactly the printed mean and sd: (n - 1)/2 values at
	 * mean - s, as many at mean + s and one at the mean (sum of squares
	 * (n - 1) s^2 over n - 1). */
	double *x = tt_xmalloc(e->n * sizeof *x);
	for (size_t i = 0; i < e->n / 2; i++) {
		x[2 * i] = e->mean - e->sd;
		x[2 * i + 1] = e->mean + e->sd;
	}
	x[e->n - 1] = e->mean;
	tt_ti_options o = TT_TI_OPTIONS_INIT;
	o.content = e->content;
	o.confidence = e->confidence;
	o.method = e->method;
	tt_ti_result r = { 0 };
	int rc = tt_tolerance_interval(&r, x, e->n, &o, false);
	free(x);
	/* P and g to two decimals, as the tables print them. */
	char id[3][ID_SIZE], desc[3][DESC_SIZE];
	snprintf(id[0], ID_SIZE, "tolerance.%s.k", e->id);
	snprintf(desc[0], DESC_SIZE, "%s factor k2, n %zu, P %.2f, g %.2f",
		 ti_method_name(e->method), e->n, e->content, e->confidence);
	snprintf(id[1], ID_SIZE, "tolerance.%s.lower", e->id);
	snprintf(id[2], ID_SIZE, "tolerance.%s.upper", e->id);
	for (int i = 1; i < 3; i++)
		snprintf(desc[i], DESC_SIZE,
			 "tolerance interval %s bound, mean %g, s %g, n %zu, P %.2f, g %.2f",
			 i == 1 ? "lower" : "upper", e->mean, e->sd, e->n, e->content,
			 e->confidence);
	const double want[3] = { e->k, e->lower, e->upper };
	const double got[3] = { r.k, r.lower, r.upper };
	for (int i = 0; i < 3; i++) {
		if (rc)
			tt_vcheck_error(c, id[i], desc[i], e->source, want[i], TT_TOL_ABSOLUTE,
					e->half_unit, tt_error_last());
		else
			tt_vcheck_num(c, id[i], desc[i], e->source, want[i], got[i],
				      TT_TOL_ABSOLUTE, e->half_unit);
	}
}

void tt_vgroup_tolerance(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_pub_factor_count; i++) {
		const tt_refdata_pub_factor *f = &tt_refdata_pub_factor_cases[i];
		tt_ti_options o = TT_TI_OPTIONS_INIT;
		o.content = f->content;
		o.confidence = f->confidence;
		o.sides = f->sides;
		o.method = f->method;
		char id[ID_SIZE], desc[DESC_SIZE];
		snprintf(id, sizeof id, "tolerance.%s", f->id);
		snprintf(desc, sizeof desc, "%s %s-sided tolerance factor, n %zu, P %g, g %g",
			 ti_method_name(f->method), f->sides == 1 ? "one" : "two", f->n, f->content,
			 f->confidence);
		double k = NAN;
		if (tt_ti_factor(&k, f->n, &o))
			tt_vcheck_error(c, id, desc, f->source, f->k, TT_TOL_ABSOLUTE, f->half_unit,
					tt_error_last());
		else
			tt_vcheck_num(c, id, desc, f->source, f->k, k, TT_TOL_ABSOLUTE,
				      f->half_unit);
	}
	for (size_t i = 0; i < tt_refdata_pub_interval_count; i++)
		published_interval(c, &tt_refdata_pub_interval_cases[i]);

	/* The need is found from 10 lots, fewer than any of them needs. */
	for (size_t i = 0; i < tt_refdata_pub_need_count; i++) {
		const tt_refdata_pub_need *e = &tt_refdata_pub_need_cases[i];
		tt_ti_options o = TT_TI_OPTIONS_INIT;
		o.content = e->content;
		o.confidence = e->confidence;
		o.method = TT_TI_NONPARAMETRIC;
		char id[ID_SIZE], desc[DESC_SIZE];
		snprintf(id, sizeof id, "tolerance.nonparametric-needed-p%g-g%g", e->content * 100,
			 e->confidence * 100);
		snprintf(desc, sizeof desc,
			 "lots a two-sided nonparametric interval needs, P %g, g %g (from 10 lots)",
			 e->content, e->confidence);
		size_t r = 0, need = 0;
		int rc = tt_ti_nonparametric_order(&r, &need, 10, &o);
		if (rc == TT_EDOMAIN)
			tt_vcheck_num(c, id, desc, e->source, (double)e->n, (double)need,
				      TT_TOL_ABSOLUTE, 0.0);
		else
			tt_vcheck_error(c, id, desc, e->source, (double)e->n, TT_TOL_ABSOLUTE, 0.0,
					rc ? tt_error_last() : "an interval was found at 10 lots");
	}
}

/* ---- TOST power, published ---- */

void tt_vgroup_power(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_pub_power_count; i++) {
		const tt_refdata_pub_power *e = &tt_refdata_pub_power_cases[i];
		/* In units of the sd. */
		tt_power_options o = { 1.0, -e->margin, e->margin, e->delta, e->alpha };
		char id[ID_SIZE], desc[DESC_SIZE];
		snprintf(id, sizeof id, "power.n%zu-vs-n%zu", e->n_ref, e->n_test);
		snprintf(desc, sizeof desc,
			 "TOST power, %zu vs %zu lots, margin %g sigma, alpha %g, true difference "
			 "%g",
			 e->n_ref, e->n_test, e->margin, e->alpha, e->delta);
		double p = NAN;
		if (tt_tost_power(&p, e->n_ref, e->n_test, &o))
			tt_vcheck_error(c, id, desc, e->source, e->power, TT_TOL_ABSOLUTE,
					e->half_unit, tt_error_last());
		else
			tt_vcheck_num(c, id, desc, e->source, e->power, p, TT_TOL_ABSOLUTE,
				      e->half_unit);
	}
}

/* ---- f2 and MSD, published ---- */

/* The published example by id, or NULL. */
static const tt_refdata_pub_f2 *published_f2(const char *id)
{
	for (size_t i = 0; i < tt_refdata_pub_f2_count; i++)
		if (strcmp(tt_refdata_pub_f2_cases[i].id, id) == 0)
			return &tt_refdata_pub_f2_cases[i];
	return NULL;
}

/* "f2 of the mean dissolution profiles at 30, 60, 90 and 180 min"; the
 * caller frees it. */
static char *f2_description(const tt_refdata_pub_f2 *e)
{
	tt_buf b = TT_BUF_INIT;
	tt_buf_puts(&b, "f2 of the mean dissolution profiles at");
	for (size_t t = 0; t < e->p; t++) {
		const char *sep = t == 0 ? " " : t + 1 == e->p ? " and " : ", ";
		tt_buf_printf(&b, "%s%g", sep, e->times[t]);
	}
	tt_buf_puts(&b, " min");
	return tt_buf_detach(&b);
}

void tt_vgroup_f2(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_pub_f2_count; i++) {
		const tt_refdata_pub_f2 *e = &tt_refdata_pub_f2_cases[i];
		char id[ID_SIZE];
		snprintf(id, sizeof id, "f2.%s", e->id);
		char *desc = f2_description(e);
		double f2 = NAN;
		if (tt_f2(&f2, e->ref, e->test, e->p))
			tt_vcheck_error(c, id, desc, e->source, e->f2, TT_TOL_ABSOLUTE,
					e->half_unit, tt_error_last());
		else
			tt_vcheck_num(c, id, desc, e->source, e->f2, f2, TT_TOL_ABSOLUTE,
				      e->half_unit);
		free(desc);
	}
	/* Shah et al.'s profiles through the same formula in plain R, to all
	 * digits; without the published profiles the check fails rather than
	 * disappear. */
	static const char src_r[] = "R 4.2.2, tests/reference/f2.R";
	static const double want_r = 5.007179349305299e+01;
	const tt_refdata_pub_f2 *shah = published_f2("shah-1998");
	char *desc = shah ? f2_description(shah) : tt_xstrdup("f2 of Shah et al. (1998)");
	double f2 = NAN;
	if (!shah)
		tt_vcheck_error(c, "f2.shah-1998-r", desc, src_r, want_r, TT_TOL_RELATIVE, 1e-14,
				"no published profiles for this check");
	else if (tt_f2(&f2, shah->ref, shah->test, shah->p))
		tt_vcheck_error(c, "f2.shah-1998-r", desc, src_r, want_r, TT_TOL_RELATIVE, 1e-14,
				tt_error_last());
	else
		tt_vcheck_num(c, "f2.shah-1998-r", desc, src_r, want_r, f2, TT_TOL_RELATIVE, 1e-14);
	free(desc);
}

static void published_msd(tt_vctx *c, const tt_refdata_pub_msd *e)
{
	tt_msd_options o = TT_MSD_OPTIONS_INIT;
	o.region_level = e->region_level;
	o.msd_limit = e->limit;
	tt_msd_result r = { 0 };
	int rc = tt_msd(&r, e->ref, e->n_ref, e->test, e->n_test, e->p, &o);
	char f[DESC_SIZE], limit[DESC_SIZE], upper[DESC_SIZE];
	snprintf(f, sizeof f, "F quantile F(%g; %zu, %zu)", e->region_level, e->p,
		 e->n_ref + e->n_test - e->p - 1);
	snprintf(limit, sizeof limit, "similarity limit (%g%% at every time point)", e->limit);
	snprintf(upper, sizeof upper, "upper bound of the %g%% Hotelling region",
		 e->region_level * 100);
	const struct {
		const char *field, *desc;
		double want, got;
	} nums[] = {
		{ "f", f, e->f_quantile, r.f_quantile },
		{ "distance", "Mahalanobis distance between the mean profiles", e->msd, r.msd },
		{ "k", "K = nR nT/(nR+nT) (nR+nT-p-1)/((nR+nT-2) p)", e->k, r.k },
		{ "limit", limit, e->msd_limit, r.msd_limit },
		{ "upper", upper, e->msd_upper, r.msd_upper },
	};
	char id[ID_SIZE];
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		snprintf(id, sizeof id, "msd.%s.%s", e->id, nums[i].field);
		if (rc)
			tt_vcheck_error(c, id, nums[i].desc, e->source, nums[i].want,
					TT_TOL_ABSOLUTE, e->half_unit, tt_error_last());
		else
			tt_vcheck_num(c, id, nums[i].desc, e->source, nums[i].want, nums[i].got,
				      TT_TOL_ABSOLUTE, e->half_unit);
	}
	snprintf(id, sizeof id, "msd.%s.conclusion", e->id);
	tt_vcheck_text(c, id, "conclusion (upper bound below the limit)", e->source,
		       e->similar ? "similar" : "not similar",
		       rc          ? NULL
		       : r.similar ? "similar"
				   : "not similar",
		       rc ? tt_error_last() : NULL);
}

void tt_vgroup_msd(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_pub_msd_count; i++)
		published_msd(c, &tt_refdata_pub_msd_cases[i]);
}

/* ---- TOST against R's t.test ---- */

static const char src_ttest[] = "R 4.2.2 t.test, tests/reference/stats_core.R";

void tt_vgroup_r_tost(tt_vctx *c)
{
	for (size_t i = 0; i < tt_refdata_tost_count; i++) {
		const tt_refdata_tost *k = &tt_refdata_tost_cases[i];
		tt_tost_options opt = TT_TOST_OPTIONS_INIT;
		opt.margin_type = k->margin_type;
		opt.margin = k->margin;
		opt.variance = k->variance;
		opt.alpha = k->alpha;
		opt.paired = k->paired;
		opt.log_scale = k->log_scale;
		tt_tost_result r = { 0 };
		int rc = tt_tost(&r, &tt_refdata_tost_values[k->ref_at], k->n_ref,
				 &tt_refdata_tost_values[k->test_at], k->n_test, &opt);
		const char *err = rc ? tt_error_last() : NULL;
		char base[64], what[160];
		id_part(base, sizeof base, k->label);
		snprintf(what, sizeof what, "%s TOST%s, %s margin %g, alpha %g, %zu vs %zu lots",
			 k->paired                           ? "paired"
			 : k->variance == TT_VARIANCE_POOLED ? "pooled"
							     : "Welch",
			 k->log_scale ? " on the log scale" : "",
			 tt_margin_type_name(k->margin_type), k->margin, k->alpha, k->n_ref,
			 k->n_test);
		const struct {
			const char *field;
			double want, got, tol;
		} f[] = {
			{ "diff", k->diff, r.diff, TT_REFDATA_TOST_TOL_EXACT },
			{ "se", k->se, r.se, TT_REFDATA_TOST_TOL_EXACT },
			{ "df", k->df, r.df, TT_REFDATA_TOST_TOL_EXACT },
			{ "ci_lower", k->ci_lower, r.ci_lower, TT_REFDATA_TOST_TOL_CI },
			{ "ci_upper", k->ci_upper, r.ci_upper, TT_REFDATA_TOST_TOL_CI },
			{ "margin_lower", k->margin_lower, r.margin_lower,
			  TT_REFDATA_TOST_TOL_EXACT },
			{ "margin_upper", k->margin_upper, r.margin_upper,
			  TT_REFDATA_TOST_TOL_EXACT },
			{ "p_lower", k->p_lower, r.p_lower, TT_REFDATA_TOST_TOL_P },
			{ "p_upper", k->p_upper, r.p_upper, TT_REFDATA_TOST_TOL_P },
			{ "p_tost", fmax(k->p_lower, k->p_upper), r.p_tost, TT_REFDATA_TOST_TOL_P },
		};
		for (size_t j = 0; j < sizeof f / sizeof f[0]; j++) {
			char id[ID_SIZE], desc[DESC_SIZE];
			snprintf(id, sizeof id, "r-tost.%s.%s", base, f[j].field);
			snprintf(desc, sizeof desc, "%s: %s", what, f[j].field);
			if (rc)
				tt_vcheck_error(c, id, desc, src_ttest, f[j].want, TT_TOL_RELATIVE,
						f[j].tol, err);
			else
				tt_vcheck_num(c, id, desc, src_ttest, f[j].want, f[j].got,
					      TT_TOL_RELATIVE, f[j].tol);
		}
		char id[ID_SIZE], desc[DESC_SIZE];
		snprintf(id, sizeof id, "r-tost.%s.decision", base);
		snprintf(desc, sizeof desc, "%s: decision", what);
		tt_vcheck_text(c, id, desc, src_ttest,
			       k->equivalent ? "equivalent" : "not equivalent",
			       rc             ? NULL
			       : r.equivalent ? "equivalent"
					      : "not equivalent",
			       err);
	}
}

/* ---- variance ratio against R's var.test ---- */

void tt_vgroup_r_varratio(tt_vctx *c)
{
	static const char src[] = "R 4.2.2 var.test, tests/reference/stats_core.R";
	for (size_t i = 0; i < tt_refdata_vr_count; i++) {
		const tt_refdata_vr *k = &tt_refdata_vr_cases[i];
		tt_varratio_result r = { 0 };
		int rc = tt_var_ratio(&r, &tt_refdata_vr_values[k->ref_at], k->n_ref,
				      &tt_refdata_vr_values[k->test_at], k->n_test, k->alpha);
		const char *err = rc ? tt_error_last() : NULL;
		char base[64];
		id_part(base, sizeof base, k->label);
		const struct {
			const char *field;
			double want, got, tol;
		} f[] = {
			{ "ratio", k->ratio, r.ratio, TT_REFDATA_VR_TOL_RATIO },
			{ "ci_lower", k->ci_lower, r.ci_lower, TT_REFDATA_VR_TOL_CI },
			{ "ci_upper", k->ci_upper, r.ci_upper, TT_REFDATA_VR_TOL_CI },
			{ "df_num", k->df_num, r.df_num, 0.0 },
			{ "df_den", k->df_den, r.df_den, 0.0 },
			{ "p_value", k->p_value, r.p_value, TT_REFDATA_VR_TOL_P },
		};
		for (size_t j = 0; j < sizeof f / sizeof f[0]; j++) {
			char id[ID_SIZE], desc[DESC_SIZE];
			snprintf(id, sizeof id, "r-varratio.%s.%s", base, f[j].field);
			snprintf(desc, sizeof desc, "variance ratio, alpha %g, %zu vs %zu lots: %s",
				 k->alpha, k->n_ref, k->n_test, f[j].field);
			if (rc)
				tt_vcheck_error(c, id, desc, src, f[j].want, TT_TOL_RELATIVE,
						f[j].tol, err);
			else
				tt_vcheck_num(c, id, desc, src, f[j].want, f[j].got,
					      TT_TOL_RELATIVE, f[j].tol);
		}
	}
}

/* ---- Shapiro-Wilk against R's shapiro.test ---- */

static void sw_checks(tt_vctx *c, const char *base, const char *what, const char *src,
		      const double *x, size_t n, double want_w, double want_p)
{
	double w = NAN, p = NAN;
	int rc = tt_shapiro_wilk(&w, &p, x, n);
	const char *err = rc ? tt_error_last() : NULL;
	char id[ID_SIZE], desc[DESC_SIZE];
	snprintf(id, sizeof id, "r-shapiro.%s.w", base);
	snprintf(desc, sizeof desc, "%s: W", what);
	if (rc)
		tt_vcheck_error(c, id, desc, src, want_w, TT_TOL_RELATIVE, TT_REFDATA_SW_TOL_W,
				err);
	else
		tt_vcheck_num(c, id, desc, src, want_w, w, TT_TOL_RELATIVE, TT_REFDATA_SW_TOL_W);
	snprintf(id, sizeof id, "r-shapiro.%s.p", base);
	snprintf(desc, sizeof desc, "%s: p-value", what);
	if (rc)
		tt_vcheck_error(c, id, desc, src, want_p, TT_TOL_RELATIVE, TT_REFDATA_SW_TOL_P,
				err);
	else
		tt_vcheck_num(c, id, desc, src, want_p, p, TT_TOL_RELATIVE, TT_REFDATA_SW_TOL_P);
}

void tt_vgroup_r_shapiro(tt_vctx *c)
{
	static const char src[] = "R 4.2.2 shapiro.test, tests/reference/stats_core.R";
	for (size_t i = 0; i < tt_refdata_sw_count; i++) {
		const tt_refdata_sw *k = &tt_refdata_sw_cases[i];
		char base[64], what[96];
		id_part(base, sizeof base, k->label);
		snprintf(what, sizeof what, "Shapiro-Wilk, %s", k->label);
		sw_checks(c, base, what, src, &tt_refdata_sw_values[k->at], k->n, k->w, k->p);
	}
	static const char *const kinds[] = { "uniform", "near-normal", "its square", "its cube" };
	double *x = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < tt_refdata_sw_gen_count; i++) {
		const tt_refdata_sw_gen *k = &tt_refdata_sw_gen_cases[i];
		x = tt_xgrow(x, &cap, k->n, sizeof *x);
		tt_refdata_sw_generate(x, k->n, k->seed, k->kind);
		char base[64], what[128];
		snprintf(base, sizeof base, "gen-n%zu-seed%ld-kind%d", k->n, k->seed, k->kind);
		snprintf(what, sizeof what, "Shapiro-Wilk, n %zu, generated (%s, seed %ld)", k->n,
			 k->kind >= 0 && k->kind < 4 ? kinds[k->kind] : "?", k->seed);
		sw_checks(c, base, what, src, x, k->n, k->w, k->p);
	}
	free(x);
}

/* ---- quality range and min-max against R ---- */

void tt_vgroup_r_ranges(tt_vctx *c)
{
	static const char src[] = "R 4.2.2 mean and sd, tests/reference/stats_core.R";
	for (size_t i = 0; i < tt_refdata_qr_count; i++) {
		const tt_refdata_qr *k = &tt_refdata_qr_cases[i];
		const double *ref = &tt_refdata_qr_values[k->ref_at];
		const double *test = &tt_refdata_qr_values[k->test_at];
		char base[64], what[128], id[ID_SIZE], desc[DESC_SIZE];
		id_part(base, sizeof base, k->label);
		snprintf(what, sizeof what, "quality range k %g, min fraction %g%s, %zu vs %zu",
			 k->k, k->min_fraction, k->log_scale ? ", log scale" : "", k->n_ref,
			 k->n_test);
		tt_range_result r = { 0 };
		int rc = tt_quality_range(&r, ref, k->n_ref, test, k->n_test, k->k, k->min_fraction,
					  k->log_scale);
		const char *err = rc ? tt_error_last() : NULL;
		const struct {
			const char *field;
			double want, got;
			tt_tol_kind kind;
			double tol;
		} f[] = {
			{ "lower", k->lower, r.lower, TT_TOL_RELATIVE, TT_REFDATA_QR_TOL },
			{ "upper", k->upper, r.upper, TT_TOL_RELATIVE, TT_REFDATA_QR_TOL },
			{ "n_inside", (double)k->n_inside, (double)r.n_inside, TT_TOL_ABSOLUTE,
			  0.0 },
			{ "fraction_inside", (double)k->n_inside / (double)k->n_test,
			  r.fraction_inside, TT_TOL_RELATIVE, TT_REFDATA_QR_TOL },
		};
		for (size_t j = 0; j < sizeof f / sizeof f[0]; j++) {
			snprintf(id, sizeof id, "r-ranges.%s.%s", base, f[j].field);
			snprintf(desc, sizeof desc, "%s: %s", what, f[j].field);
			if (rc)
				tt_vcheck_error(c, id, desc, src, f[j].want, f[j].kind, f[j].tol,
						err);
			else
				tt_vcheck_num(c, id, desc, src, f[j].want, f[j].got, f[j].kind,
					      f[j].tol);
		}
		snprintf(id, sizeof id, "r-ranges.%s.decision", base);
		snprintf(desc, sizeof desc, "%s: decision", what);
		tt_vcheck_text(c, id, desc, src, k->pass ? "pass" : "fail",
			       rc       ? NULL
			       : r.pass ? "pass"
					: "fail",
			       err);

		rc = tt_min_max(&r, ref, k->n_ref, test, k->n_test, k->log_scale);
		err = rc ? tt_error_last() : NULL;
		snprintf(what, sizeof what, "min-max range%s, %zu vs %zu",
			 k->log_scale ? ", log scale" : "", k->n_ref, k->n_test);
		snprintf(id, sizeof id, "r-ranges.%s.minmax-inside", base);
		snprintf(desc, sizeof desc, "%s: receiving lots inside", what);
		if (rc)
			tt_vcheck_error(c, id, desc, src, (double)k->mm_inside, TT_TOL_ABSOLUTE,
					0.0, err);
		else
			tt_vcheck_num(c, id, desc, src, (double)k->mm_inside, (double)r.n_inside,
				      TT_TOL_ABSOLUTE, 0.0);
		snprintf(id, sizeof id, "r-ranges.%s.minmax-decision", base);
		snprintf(desc, sizeof desc, "%s: decision", what);
		tt_vcheck_text(c, id, desc, src, k->mm_inside == k->n_test ? "pass" : "fail",
			       rc       ? NULL
			       : r.pass ? "pass"
					: "fail",
			       err);
	}
}

/* ---- tolerance factors against R ---- */

static void factor_check(tt_vctx *c, const char *id, const char *desc, const char *src,
			 const double *row, int sides, tt_ti_method method, double tol)
{
	tt_ti_options o = TT_TI_OPTIONS_INIT;
	o.content = row[1];
	o.confidence = row[2];
	o.sides = sides;
	o.method = method;
	double k = NAN;
	if (tt_ti_factor(&k, (size_t)row[0], &o))
		tt_vcheck_error(c, id, desc, src, row[3], TT_TOL_RELATIVE, tol, tt_error_last());
	else
		tt_vcheck_num(c, id, desc, src, row[3], k, TT_TOL_RELATIVE, tol);
}

void tt_vgroup_r_tolerance(tt_vctx *c)
{
	static const char src_int[] = "R 4.2.2 integrate() and uniroot(), tests/reference/"
				      "tolerance.R";
	static const char src_howe[] = "R 4.2.2 qnorm and qchisq, tests/reference/tolerance.R";
	static const char src_qt[] = "R 4.2.2 qt with noncentrality, tests/reference/tolerance.R";
	static const char src_binom[] = "R 4.2.2 pbinom, tests/reference/tolerance.R";
	char id[ID_SIZE], desc[DESC_SIZE];
	for (size_t i = 0; i < tt_refdata_ti_exact2_count; i++) {
		const double *row = tt_refdata_ti_exact2[i];
		snprintf(id, sizeof id, "r-tolerance.exact-%02zu", i + 1);
		snprintf(desc, sizeof desc, "exact two-sided factor, n %g, P %g, g %g", row[0],
			 row[1], row[2]);
		factor_check(c, id, desc, src_int, row, 2, TT_TI_EXACT, TT_REFDATA_TI_TOL_EXACT2);
	}
	for (size_t i = 0; i < tt_refdata_ti_howe_count; i++) {
		const double *row = tt_refdata_ti_howe[i];
		snprintf(id, sizeof id, "r-tolerance.howe-%02zu", i + 1);
		snprintf(desc, sizeof desc, "Howe two-sided factor, n %g, P %g, g %g", row[0],
			 row[1], row[2]);
		factor_check(c, id, desc, src_howe, row, 2, TT_TI_HOWE, TT_REFDATA_TI_TOL_HOWE);
	}
	for (size_t i = 0; i < tt_refdata_ti_one_sided_count; i++) {
		const double *row = tt_refdata_ti_one_sided[i];
		snprintf(id, sizeof id, "r-tolerance.one-sided-%02zu", i + 1);
		snprintf(desc, sizeof desc, "exact one-sided factor, n %g, P %g, g %g", row[0],
			 row[1], row[2]);
		factor_check(c, id, desc, src_qt, row, 1, TT_TI_EXACT, TT_REFDATA_TI_TOL_ONE_SIDED);
	}
	for (size_t i = 0; i < tt_refdata_ti_wilks_count; i++) {
		const double *row = tt_refdata_ti_wilks[i];
		for (int sides = 2; sides >= 1; sides--) {
			tt_ti_options o = TT_TI_OPTIONS_INIT;
			o.content = row[1];
			o.confidence = row[2];
			o.sides = sides;
			o.method = TT_TI_NONPARAMETRIC;
			double want = row[sides == 2 ? 3 : 4];
			snprintf(id, sizeof id, "r-tolerance.wilks-%02zu-%s", i + 1,
				 sides == 2 ? "two-sided" : "one-sided");
			snprintf(
				desc, sizeof desc,
				"nonparametric %s-sided order r, n %g, P %g, g %g (0: no interval)",
				sides == 2 ? "two" : "one", row[0], row[1], row[2]);
			size_t r = 0, need = 0;
			int rc = tt_ti_nonparametric_order(&r, &need, (size_t)row[0], &o);
			if (rc == 0 || rc == TT_EDOMAIN)
				tt_vcheck_num(c, id, desc, src_binom, want, rc ? 0.0 : (double)r,
					      TT_TOL_ABSOLUTE, 0.0);
			else
				tt_vcheck_error(c, id, desc, src_binom, want, TT_TOL_ABSOLUTE, 0.0,
						tt_error_last());
		}
	}
	for (size_t i = 0; i < tt_refdata_ti_needed_count; i++) {
		const double *row = tt_refdata_ti_needed[i];
		for (int sides = 2; sides >= 1; sides--) {
			tt_ti_options o = TT_TI_OPTIONS_INIT;
			o.content = row[0];
			o.confidence = row[1];
			o.sides = sides;
			o.method = TT_TI_NONPARAMETRIC;
			double want = row[sides == 2 ? 2 : 3];
			snprintf(id, sizeof id, "r-tolerance.needed-%02zu-%s", i + 1,
				 sides == 2 ? "two-sided" : "one-sided");
			snprintf(desc, sizeof desc,
				 "lots a nonparametric %s-sided interval needs, P %g, g %g",
				 sides == 2 ? "two" : "one", row[0], row[1]);
			size_t r = 0, need = 0;
			/* One lot short of the need: no interval, and the need named. */
			int rc = tt_ti_nonparametric_order(&r, &need, (size_t)want - 1, &o);
			if (rc == TT_EDOMAIN)
				tt_vcheck_num(c, id, desc, src_binom, want, (double)need,
					      TT_TOL_ABSOLUTE, 0.0);
			else
				tt_vcheck_error(
					c, id, desc, src_binom, want, TT_TOL_ABSOLUTE, 0.0,
					rc ? tt_error_last()
					   : "an interval was found one lot short of the need");
		}
	}
}

/* ---- power and sample size against R ---- */

void tt_vgroup_r_power(tt_vctx *c)
{
	static const char src[] = "R 4.2.2 integrate(), tests/reference/power.R";
	char id[ID_SIZE], desc[DESC_SIZE];
	for (size_t i = 0; i < tt_refdata_power_count; i++) {
		const double *row = tt_refdata_power[i];
		tt_power_options o = { row[2], row[3], row[4], row[5], row[6] };
		snprintf(id, sizeof id, "r-power.power-%02zu", i + 1);
		snprintf(desc, sizeof desc,
			 "TOST power, %g vs %g lots, sd %g, margins (%g, %g), difference %g, "
			 "alpha %g",
			 row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
		double p = NAN;
		if (tt_tost_power(&p, (size_t)row[0], (size_t)row[1], &o))
			tt_vcheck_error(c, id, desc, src, row[7], TT_TOL_RELATIVE,
					TT_REFDATA_POWER_TOL, tt_error_last());
		else
			tt_vcheck_num(c, id, desc, src, row[7], p, TT_TOL_RELATIVE,
				      TT_REFDATA_POWER_TOL);
	}
	for (size_t i = 0; i < tt_refdata_sample_size_count; i++) {
		const double *row = tt_refdata_sample_size[i];
		tt_power_options o = { row[0], -row[1], row[1], row[2], row[3] };
		char what[128];
		snprintf(what, sizeof what,
			 "lots per site for power %g, sd %g, margin %g, difference %g, alpha %g",
			 row[4], row[0], row[1], row[2], row[3]);
		size_t n = 0;
		double p = NAN;
		int rc = tt_tost_sample_size(&n, &p, row[4], 1000, &o);
		const char *err = rc ? tt_error_last() : NULL;
		snprintf(id, sizeof id, "r-power.sample-size-%02zu.n", i + 1);
		snprintf(desc, sizeof desc, "%s: n", what);
		if (rc)
			tt_vcheck_error(c, id, desc, src, row[5], TT_TOL_ABSOLUTE, 0.0, err);
		else
			tt_vcheck_num(c, id, desc, src, row[5], (double)n, TT_TOL_ABSOLUTE, 0.0);
		snprintf(id, sizeof id, "r-power.sample-size-%02zu.power", i + 1);
		snprintf(desc, sizeof desc, "%s: power at n", what);
		if (rc)
			tt_vcheck_error(c, id, desc, src, row[6], TT_TOL_RELATIVE,
					TT_REFDATA_POWER_TOL, err);
		else
			tt_vcheck_num(c, id, desc, src, row[6], p, TT_TOL_RELATIVE,
				      TT_REFDATA_POWER_TOL);
	}
}

/* ---- noncentral t and scaled chi against R ---- */

void tt_vgroup_r_nct(tt_vctx *c)
{
	static const char src[] = "R 4.2.2 pt, qt and dchisq, tests/reference/nct.R";
	char id[ID_SIZE], desc[DESC_SIZE];
	for (size_t i = 0; i < tt_refdata_nct_cdf_count; i++) {
		const double *row = tt_refdata_nct_cdf[i];
		snprintf(id, sizeof id, "r-nct.cdf-%02zu", i + 1);
		snprintf(desc, sizeof desc, "noncentral t cdf at t %g, df %g, ncp %g", row[0],
			 row[1], row[2]);
		double v = NAN;
		if (tt_nct_cdf(&v, row[0], row[1], row[2]))
			tt_vcheck_error(c, id, desc, src, row[3], TT_TOL_RELATIVE,
					TT_REFDATA_NCT_TOL_CDF, tt_error_last());
		else
			tt_vcheck_num(c, id, desc, src, row[3], v, TT_TOL_RELATIVE,
				      TT_REFDATA_NCT_TOL_CDF);
	}
	for (size_t i = 0; i < tt_refdata_nct_quantile_count; i++) {
		const double *row = tt_refdata_nct_quantile[i];
		snprintf(id, sizeof id, "r-nct.quantile-%02zu", i + 1);
		snprintf(desc, sizeof desc, "noncentral t quantile, p %g, df %g, ncp %g", row[0],
			 row[1], row[2]);
		double v = NAN;
		if (tt_nct_quantile(&v, row[0], row[1], row[2]))
			tt_vcheck_error(c, id, desc, src, row[3], TT_TOL_RELATIVE,
					TT_REFDATA_NCT_TOL_QUANTILE, tt_error_last());
		else
			tt_vcheck_num(c, id, desc, src, row[3], v, TT_TOL_RELATIVE,
				      TT_REFDATA_NCT_TOL_QUANTILE);
	}
	for (size_t i = 0; i < tt_refdata_scaled_chi_pdf_count; i++) {
		const double *row = tt_refdata_scaled_chi_pdf[i];
		snprintf(id, sizeof id, "r-nct.scaled-chi-%02zu", i + 1);
		snprintf(desc, sizeof desc, "density of a sample sd (scaled chi) at %g, df %g",
			 row[0], row[1]);
		tt_vcheck_num(c, id, desc, src, row[2], tt_scaled_chi_pdf(row[0], row[1]),
			      TT_TOL_RELATIVE, TT_REFDATA_SCALED_CHI_TOL);
	}
}
