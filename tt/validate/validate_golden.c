/*
 * validate_golden.c - the golden studies end to end: the embedded study
 * files (refdata.h) are written to a private temporary folder, run through
 * the whole engine as `tt run` would, and every number R computed for them
 * is compared with the engine's, with each comparison's outcome and the
 * verdict.  The folder is removed afterwards.
 *
 * The tolerances are those of tests/test_engine.c: closed forms computed
 * from the same data agree to 1e-9 or better; the exact tolerance factor
 * and the Shapiro-Wilk p-value are checked to 1e-6, the precision of R's
 * integrate() and of the p-value approximation's comparison.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/engine/engine.h"
#include "tt/base/error.h"
#include "tt/base/mem.h"
#include "tt/base/outdir.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/validate/validate_golden.h"

static const char src_r[] = "R 4.2.2, tests/reference/engine_golden.R";
static const char src_rule[] = "CONTRACT.md decision rules applied to R's values, "
			       "tests/reference/engine_golden.R";

/* The studies: the key of their labels in engine_golden.out, their file,
 * and the verdict and outcomes R's values imply. */
typedef struct golden_outcome {
	const char *attribute;
	const char *outcome;
} golden_outcome;

typedef struct golden_study {
	const char *key;
	const char *file;
	const char *verdict;
	golden_outcome outcomes[8]; /* ends with a NULL attribute */
} golden_study;

static const golden_study studies[] = {
	{ "comparable",
	  "comparable.yaml",
	  "comparable",
	  { { "potency", "pass" },
	    { "purity", "pass" },
	    { "titer", "pass" },
	    { "viability", "pass" },
	    { "yield", "pass" },
	    { "size", "pass" },
	    { "ph", "info" },
	    { NULL, NULL } } },
	/* Tighter criteria on the same data; no nonparametric 99%/95%
	 * interval exists with 8 lots, so yield is inconclusive. */
	{ "notcomparable",
	  "not-comparable.yaml",
	  "not-comparable",
	  { { "potency", "fail" },
	    { "purity", "fail" },
	    { "titer", "fail" },
	    { "viability", "fail" },
	    { "yield", "inconclusive" },
	    { "size", "pass" },
	    { NULL, NULL } } },
	{ "paired",
	  "paired.yaml",
	  "not-comparable",
	  { { "potency", "pass" }, { "titer", "pass" }, { "purity", "fail" }, { NULL, NULL } } },
	{ "curves",
	  "curves.yaml",
	  "comparable",
	  { { "lysis", "pass" },
	    { "release", "pass" },
	    { "aggregates", "pass" },
	    { NULL, NULL } } },
};

static const tt_comparison_result *find(const tt_run *run, const char *attr)
{
	for (size_t i = 0; i < run->n_comparisons; i++)
		if (strcmp(run->comparisons[i].cmp->attribute, attr) == 0)
			return &run->comparisons[i];
	return NULL;
}

/* A field of a profile or stability comparison: its value, tolerance and
 * description; -1 when the comparison has no such field. */
typedef struct curve_field {
	const char *field, *what;
	double tol;
	double value;
} curve_field;

static int observe_curves(const tt_comparison_result *r, const char *field, double *value,
			  double *tol, const char **what)
{
	curve_field f[16];
	size_t n = 0;
#define F(name, desc, t, v)                                                                        \
	f[n++] = (curve_field)                                                                     \
	{                                                                                          \
		name, desc, t, v                                                                   \
	}
	if (r->profile) {
		const tt_profile_result *p = r->profile;
		F("f2", "similarity factor f2", 1e-12, p->f2);
		F("msd", "Mahalanobis distance of the mean profiles", 1e-10, p->msd);
		F("msd_upper", "upper bound of the Mahalanobis distance", 1e-10, p->msd_upper);
		F("msd_limit", "similarity limit (Mahalanobis length)", 1e-10, p->msd_limit);
		F("k", "Hotelling scale factor K", 1e-14, p->msd_k);
		F("f_quantile", "F quantile of the Hotelling region", 1e-10, p->msd_f_quantile);
	}
	if (r->stability) {
		const tt_stability_result *st = r->stability;
		F("slope_source", "mean lot slope, source", 1e-12, st->source.slope);
		F("slope_receiving", "mean lot slope, receiving", 1e-12, st->receiving.slope);
		F("slope_difference", "slope difference receiving - source", 1e-10,
		  st->slope_difference);
		F("se", "standard error of the slope difference", 1e-10, st->se);
		F("df", "Welch degrees of freedom", 1e-10, st->df);
		F("ci_lower", "confidence interval, lower", 1e-9, st->ci_lower);
		F("ci_upper", "confidence interval, upper", 1e-9, st->ci_upper);
		F("p_slopes_source", "ICH Q1E poolability of slopes, p, source", 1e-9,
		  st->source.p_slopes);
		F("p_slopes_receiving", "ICH Q1E poolability of slopes, p, receiving", 1e-9,
		  st->receiving.p_slopes);
		F("p_intercepts_source", "ICH Q1E poolability of intercepts, p, source", 1e-7,
		  st->source.p_intercepts);
		F("p_intercepts_receiving", "ICH Q1E poolability of intercepts, p, receiving", 1e-7,
		  st->receiving.p_intercepts);
		F("shelf_life_source", "shelf life, source", 1e-9, st->source.shelf_life);
		F("shelf_life_receiving", "shelf life, receiving", 1e-9, st->receiving.shelf_life);
	}
#undef F
	for (size_t i = 0; i < n; i++) {
		if (strcmp(field, f[i].field) != 0)
			continue;
		*value = f[i].value;
		*tol = f[i].tol;
		*what = f[i].what;
		return 0;
	}
	return -1;
}

/* The engine's value for a label's ATTRIBUTE.FIELD (or SITE.ATTRIBUTE.FIELD),
 * with the tolerance it is held to; -1 when the run has no such value. */
static int observe(const tt_run *run, const char *rest, double *value, tt_tol_kind *kind,
		   double *tol, const char **what)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", rest);
	char *site = NULL, *attr = buf, *field;
	if (strncmp(buf, "source.", 7) == 0 || strncmp(buf, "receiving.", 10) == 0) {
		site = buf;
		attr = strchr(buf, '.');
		*attr++ = '\0';
	}
	field = strchr(attr, '.');
	if (!field)
		return -1;
	*field++ = '\0';
	const tt_comparison_result *r = find(run, attr);
	if (!r)
		return -1;
	*kind = TT_TOL_RELATIVE;
	if (site) {
		const tt_site_values *sv = strcmp(site, "source") == 0 ? &r->source : &r->receiving;
		static const struct {
			const char *field, *what;
			double tol;
		} f[] = {
			{ "mean", "mean", 1e-14 },
			{ "sd", "standard deviation", 1e-13 },
			{ "geometric_mean", "geometric mean", 1e-12 },
			{ "sd_log", "standard deviation of the logs", 1e-12 },
		};
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
			if (strcmp(field, f[i].field) != 0)
				continue;
			*value = i == 0   ? sv->describe.mean
				 : i == 1 ? sv->describe.sd
				 : i == 2 ? sv->geometric_mean
					  : sv->sd_log;
			*tol = f[i].tol;
			*what = f[i].what;
			return 0;
		}
		return -1;
	}
	if (r->has_tost) {
		static const struct {
			const char *field, *what;
			double tol;
		} f[] = {
			{ "difference", "difference receiving - source", 1e-9 },
			{ "se", "standard error", 1e-9 },
			{ "df", "degrees of freedom", 1e-9 },
			{ "ci_lower", "confidence interval, lower", 1e-9 },
			{ "ci_upper", "confidence interval, upper", 1e-9 },
			{ "margin_lower", "margin, lower", 1e-12 },
			{ "margin_upper", "margin, upper", 1e-12 },
			{ "p_tost", "TOST p-value", 1e-7 },
			{ "equivalent", "equivalent (1 yes, 0 no)", 0.0 },
		};
		const double got[] = { r->tost.diff,         r->tost.se,       r->tost.df,
				       r->tost.ci_lower,     r->tost.ci_upper, r->tost.margin_lower,
				       r->tost.margin_upper, r->tost.p_tost,   r->tost.equivalent };
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
			if (strcmp(field, f[i].field) != 0)
				continue;
			*value = got[i];
			*tol = f[i].tol;
			*what = f[i].what;
			if (f[i].tol == 0.0)
				*kind = TT_TOL_ABSOLUTE;
			return 0;
		}
	}
	if (strcmp(field, "shapiro_p_source") == 0 || strcmp(field, "shapiro_p_receiving") == 0) {
		*value = field[10] == 's' ? r->sw_p_source : r->sw_p_receiving;
		*tol = 1e-6;
		*what = field[10] == 's' ? "Shapiro-Wilk p-value, source lots"
					 : "Shapiro-Wilk p-value, receiving lots";
		return 0;
	}
	if (r->has_range) {
		/* The tolerance interval's bounds rest on the factor, which R
		 * found by integrate(); min-max bounds are data values. */
		double band_tol = r->cmp->approach == TT_APPROACH_TOLERANCE_INTERVAL ? 1e-6
				  : r->cmp->approach == TT_APPROACH_MIN_MAX          ? 0.0
										     : 1e-12;
		if (strcmp(field, "lower") == 0 || strcmp(field, "upper") == 0) {
			*value = field[0] == 'l' ? r->range.lower : r->range.upper;
			*tol = band_tol;
			*what = field[0] == 'l' ? "lower bound" : "upper bound";
			return 0;
		}
		if (strcmp(field, "fraction_inside") == 0) {
			*value = r->range.fraction_inside;
			*tol = 1e-15;
			*what = "fraction of receiving lots inside";
			return 0;
		}
	}
	if (r->has_ti && strcmp(field, "k") == 0) {
		*value = r->ti.k;
		*tol = 1e-6;
		*what = "tolerance factor";
		return 0;
	}
	return observe_curves(r, field, value, tol, what);
}

/* Every expected value of one study against a run (NULL: the run failed
 * with message err). */
static void study_checks(tt_vctx *c, const golden_study *s, const tt_run *run, const char *err)
{
	size_t keylen = strlen(s->key);
	for (size_t i = 0; i < tt_refdata_golden_expected_count; i++) {
		const tt_refdata_value *e = &tt_refdata_golden_expected[i];
		if (strncmp(e->label, s->key, keylen) != 0 || e->label[keylen] != '.')
			continue;
		const char *rest = e->label + keylen + 1;
		char id[160], desc[256];
		snprintf(id, sizeof id, "golden.%s", e->label);
		double value = NAN, tol = 0.0;
		tt_tol_kind kind = TT_TOL_RELATIVE;
		const char *what = NULL;
		if (!run) {
			snprintf(desc, sizeof desc, "%s: %s", s->file, rest);
			tt_vcheck_error(c, id, desc, src_r, e->value, kind, tol, err);
		} else if (observe(run, rest, &value, &kind, &tol, &what) != 0) {
			snprintf(desc, sizeof desc, "%s: %s", s->file, rest);
			tt_vcheck_error(c, id, desc, src_r, e->value, kind, tol,
					"the run has no such value");
		} else {
			snprintf(desc, sizeof desc, "%s: %s, %s", s->file, rest, what);
			tt_vcheck_num(c, id, desc, src_r, e->value, value, kind, tol);
		}
	}
	for (const golden_outcome *o = s->outcomes; o->attribute; o++) {
		char id[160], desc[256];
		snprintf(id, sizeof id, "golden.%s.%s.outcome", s->key, o->attribute);
		snprintf(desc, sizeof desc, "%s: outcome of the %s comparison", s->file,
			 o->attribute);
		const tt_comparison_result *r = run ? find(run, o->attribute) : NULL;
		tt_vcheck_text(c, id, desc, src_rule, o->outcome,
			       r ? tt_outcome_name(r->outcome) : NULL,
			       run ? "the run has no such comparison" : err);
	}
	char id[160], desc[256];
	snprintf(id, sizeof id, "golden.%s.verdict", s->key);
	snprintf(desc, sizeof desc, "%s: verdict of the study", s->file);
	tt_vcheck_text(c, id, desc, src_rule, s->verdict,
		       run ? tt_verdict_name(run->verdict) : NULL, err);
}

/* Writes the embedded golden files into dir. */
static int write_files(const char *dir)
{
	for (size_t i = 0; i < tt_refdata_golden_file_count; i++) {
		const tt_refdata_file *f = &tt_refdata_golden_files[i];
		char *path = tt_xasprintf("%s/%s", dir, f->name);
		int rc = tt_write_file(path, f->text, strlen(f->text));
		free(path);
		if (rc)
			return rc;
	}
	return 0;
}

/* The first error among the diagnostics, or the last error message. */
static char *run_error(const tt_diags *d)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].severity == TT_SEV_ERROR)
			return tt_diag_format(&d->items[i]);
	return tt_xstrdup(tt_error_last());
}

void tt_vgroup_golden(tt_vctx *c)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = tt_xasprintf("%s/tt-validate-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *setup_error = NULL;
	int made = 0;
	if (!mkdtemp(dir)) {
		setup_error = tt_xasprintf("cannot create a temporary folder '%s': %s", dir,
					   strerror(errno));
	} else {
		made = 1;
		if (write_files(dir) != 0)
			setup_error = tt_xstrdup(tt_error_last());
	}

	for (size_t i = 0; i < sizeof studies / sizeof studies[0]; i++) {
		const golden_study *s = &studies[i];
		if (setup_error) {
			study_checks(c, s, NULL, setup_error);
			continue;
		}
		char *path = tt_xasprintf("%s/%s", dir, s->file);
		tt_diags d = TT_DIAGS_INIT;
		tt_run *run = NULL;
		tt_run_options opt = TT_RUN_OPTIONS_INIT;
		int rc = tt_engine_run(&run, path, &opt, &d);
		char *err = rc ? run_error(&d) : NULL;
		study_checks(c, s, rc ? NULL : run, err);
		free(err);
		tt_run_free(run);
		tt_diags_free(&d);
		free(path);
	}
	/* Only a folder this function made is removed. */
	if (made)
		tt_remove_tree(dir);
	free(setup_error);
	free(dir);
}
