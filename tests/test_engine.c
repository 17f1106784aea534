/*
 * test_engine.c - the run engine on the golden studies: every reported
 * number against R (tests/reference/engine_golden.R, whose output
 * engine_golden.out is read here), outcomes, verdicts, warnings,
 * conformance of every lot at both sites, excluded lots, and bad input.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/engine/engine.h"
#include "tt/base/util.h"

#define GOLDEN TT_TEST_RESOURCES "/studies/golden/"

/* ---- the expected values, label value per line ---- */

typedef struct {
	char label[96];
	double value;
} expected_value;

static expected_value expected[256];
static size_t n_expected;

static int load_expected(void **state)
{
	(void)state;
	FILE *f = fopen(TT_TEST_RESOURCES "/../reference/engine_golden.out", "r");
	assert_non_null(f);
	char line[256];
	while (fgets(line, sizeof line, f) && n_expected < 256) {
		expected_value *e = &expected[n_expected];
		if (sscanf(line, "%95s %lf", e->label, &e->value) == 2)
			n_expected++;
	}
	fclose(f);
	return n_expected > 90 ? 0 : -1;
}

static double want(const char *label)
{
	for (size_t i = 0; i < n_expected; i++)
		if (strcmp(expected[i].label, label) == 0)
			return expected[i].value;
	fail_msg("no expected value '%s' in engine_golden.out", label);
	return NAN;
}

static tt_run *run_study(const char *name, tt_diags *d)
{
	tt_run *run = NULL;
	tt_run_options opt = TT_RUN_OPTIONS_INIT;
	char path[512];
	snprintf(path, sizeof path, GOLDEN "%s", name);
	int rc = tt_engine_run(&run, path, &opt, d);
	if (rc) {
		tt_test_diags_dump(d);
		fail_msg("tt_engine_run(%s) failed: %d %s", name, rc, tt_error_last());
	}
	return run;
}

static const tt_comparison_result *find(const tt_run *run, const char *attr)
{
	for (size_t i = 0; i < run->n_comparisons; i++)
		if (strcmp(run->comparisons[i].cmp->attribute, attr) == 0)
			return &run->comparisons[i];
	fail_msg("no comparison of '%s'", attr);
	return NULL;
}

/* Checks a comparison's TOST numbers against R's t.test (1e-9 relative:
 * both sides compute the same closed forms from the same data). */
static void check_tost(const tt_comparison_result *r, const char *tag, int equivalent)
{
	char l[128];
	assert_true(r->has_tost);
#define T(field, tol)                                                                              \
	snprintf(l, sizeof l, "%s.%s", tag, #field);                                               \
	tt_assert_rel(r->tost.field, want(l), tol, l);
	T(ci_lower, 1e-9)
	T(ci_upper, 1e-9)
	T(margin_lower, 1e-12)
	T(margin_upper, 1e-12)
	T(se, 1e-9)
	T(df, 1e-9)
	T(p_tost, 1e-7)
#undef T
	snprintf(l, sizeof l, "%s.difference", tag);
	tt_assert_rel(r->tost.diff, want(l), 1e-9, l);
	snprintf(l, sizeof l, "%s.equivalent", tag);
	assert_int_equal((int)r->tost.equivalent, (int)want(l));
	assert_int_equal((int)r->tost.equivalent, equivalent);
	assert_int_equal(r->outcome, equivalent ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL);
}

static int has_warning(const tt_run *run, const char *part)
{
	for (size_t i = 0; i < run->n_warnings; i++)
		if (strstr(run->warnings[i], part))
			return 1;
	return 0;
}

static const tt_conformance *conformance_of(const tt_run *run, tt_site_role site, const char *attr)
{
	for (size_t i = 0; i < run->n_conformance; i++)
		if (run->conformance[i].site == site &&
		    strcmp(run->conformance[i].attr->id, attr) == 0)
			return &run->conformance[i];
	fail_msg("no %s conformance of '%s'", tt_site_role_name(site), attr);
	return NULL;
}

static void comparable_study(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("comparable.yaml", &d);
	assert_int_equal(run->verdict, TT_VERDICT_COMPARABLE);
	assert_int_equal(run->n_comparisons, 7);
	assert_int_equal(run->seed, 7);

	check_tost(find(run, "potency"), "comparable.potency", 1);
	check_tost(find(run, "purity"), "comparable.purity", 1);
	const tt_comparison_result *titer = find(run, "titer");
	check_tost(titer, "comparable.titer", 1);
	assert_true(titer->log_scale);
	tt_assert_rel(titer->source.geometric_mean, want("comparable.source.titer.geometric_mean"),
		      1e-12, "titer geometric mean (source)");
	tt_assert_rel(titer->source.sd_log, want("comparable.source.titer.sd_log"), 1e-12,
		      "titer sd of logs (source)");

	const tt_comparison_result *pot = find(run, "potency");
	tt_assert_rel(pot->ci_level, 0.90, 1e-15, "TOST CI level, 1 - 2 alpha");
	assert_true(isnan(find(run, "viability")->ci_level));
	/* Shapiro-Wilk where the approach assumes normal data. */
	assert_true(pot->assumes_normal && isfinite(pot->sw_p_source));
	assert_true(find(run, "yield")->assumes_normal);
	assert_false(find(run, "size")->assumes_normal);
	assert_true(isnan(find(run, "size")->sw_p_source));
	assert_false(find(run, "ph")->assumes_normal);
	tt_assert_rel(pot->source.describe.mean, want("comparable.source.potency.mean"), 1e-14,
		      "potency mean (source)");
	tt_assert_rel(pot->source.describe.sd, want("comparable.source.potency.sd"), 1e-13,
		      "potency sd (source)");
	tt_assert_rel(pot->receiving.describe.mean, want("comparable.receiving.potency.mean"),
		      1e-14, "potency mean (receiving)");
	tt_assert_rel(pot->receiving.describe.sd, want("comparable.receiving.potency.sd"), 1e-13,
		      "potency sd (receiving)");
	tt_assert_rel(pot->sw_p_source, want("comparable.potency.shapiro_p_source"), 1e-6,
		      "Shapiro-Wilk p (source potency)");
	tt_assert_rel(pot->sw_p_receiving, want("comparable.potency.shapiro_p_receiving"), 1e-6,
		      "Shapiro-Wilk p (receiving potency)");
	assert_int_equal(pot->source.n, 8);
	assert_int_equal(pot->receiving.n, 6);

	const tt_comparison_result *via = find(run, "viability");
	assert_int_equal(via->outcome, TT_OUTCOME_PASS);
	tt_assert_rel(via->range.lower, want("comparable.viability.lower"), 1e-12, "QR lower");
	tt_assert_rel(via->range.upper, want("comparable.viability.upper"), 1e-12, "QR upper");
	tt_assert_rel(via->range.fraction_inside, want("comparable.viability.fraction_inside"),
		      1e-15, "QR fraction inside");
	assert_int_equal(via->receiving.n, 5);
	assert_int_equal(via->receiving.n_missing, 1);
	assert_string_equal(via->receiving.missing_lots[0], "R-05");

	const tt_comparison_result *yield = find(run, "yield");
	assert_int_equal(yield->outcome, TT_OUTCOME_PASS);
	tt_assert_rel(yield->ti.k, want("comparable.yield.k"), 1e-6, "exact TI factor n=8");
	tt_assert_rel(yield->range.lower, want("comparable.yield.lower"), 1e-6, "TI lower");
	tt_assert_rel(yield->range.upper, want("comparable.yield.upper"), 1e-6, "TI upper");

	const tt_comparison_result *size = find(run, "size");
	assert_int_equal(size->outcome, TT_OUTCOME_PASS);
	tt_assert_rel(size->range.lower, want("comparable.size.lower"), 0, "min-max lower");
	tt_assert_rel(size->range.upper, want("comparable.size.upper"), 0, "min-max upper");

	assert_int_equal(find(run, "ph")->outcome, TT_OUTCOME_INFO);

	/* Warnings a reader needs. */
	assert_true(has_warning(run, "potency: the sigma margin is estimated from 8 source lots"));
	assert_true(has_warning(run, "viability: 1 missing value excluded at the receiving site "
				     "(R-05)"));
	assert_true(has_warning(run, "aggregates: 1 receiving lot not tested"));

	/* Conformance: the censored <0.5 meets max 5; NA is not tested. */
	const tt_conformance *agg = conformance_of(run, TT_SITE_RECEIVING, "aggregates");
	assert_int_equal(agg->n_out_of_spec, 0);
	assert_int_equal(agg->n_not_tested, 1);
	assert_string_equal(agg->not_tested[0], "R-04");
	assert_int_equal(agg->n_lots, 5);
	/* The source lots against the source spec: all within it. */
	agg = conformance_of(run, TT_SITE_SOURCE, "aggregates");
	assert_int_equal(agg->n_lots, 8);
	assert_int_equal(agg->n_out_of_spec, 0);
	assert_int_equal(run->n_out_of_spec, 0);
	assert_int_equal(run->n_excluded, 0);

	/* Inputs with checksums: study, two specs, two lot tables. */
	assert_int_equal(run->n_inputs, 5);
	for (size_t i = 0; i < run->n_inputs; i++)
		assert_int_equal(strlen(run->inputs[i].sha256), 64);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void not_comparable_study(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("not-comparable.yaml", &d);
	assert_int_equal(run->verdict, TT_VERDICT_NOT_COMPARABLE);
	check_tost(find(run, "potency"), "notcomparable.potency", 0);
	check_tost(find(run, "purity"), "notcomparable.purity", 0);
	check_tost(find(run, "titer"), "notcomparable.titer", 0);
	const tt_comparison_result *via = find(run, "viability");
	tt_assert_rel(via->range.lower, want("notcomparable.viability.lower"), 1e-12, "QR lower");
	tt_assert_rel(via->range.upper, want("notcomparable.viability.upper"), 1e-12, "QR upper");
	tt_assert_rel(via->range.fraction_inside, want("notcomparable.viability.fraction_inside"),
		      1e-15, "QR fraction");
	assert_int_equal(via->outcome, TT_OUTCOME_FAIL); /* 3 of 5 < 0.8 x 5 */
	/* No nonparametric 99%/95% interval exists with 8 lots: inconclusive,
	 * saying how many are needed. */
	const tt_comparison_result *y = find(run, "yield");
	assert_int_equal(y->outcome, TT_OUTCOME_INCONCLUSIVE);
	assert_non_null(strstr(y->reason, "473 are needed"));
	tt_run_free(run);
	tt_diags_free(&d);
}

static void paired_study(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("paired.yaml", &d);
	check_tost(find(run, "potency"), "paired.potency", 1);
	check_tost(find(run, "titer"), "paired.titer", 1);
	check_tost(find(run, "purity"), "paired.purity", 0);
	assert_int_equal(find(run, "potency")->n_pairs, 5);
	assert_int_equal(run->verdict, TT_VERDICT_NOT_COMPARABLE);
	/* S-06 lost its partner R-06 (excluded); S-07 and S-08 have none. */
	assert_true(has_warning(run, "lots without a complete pair are left out of the paired "
				     "comparison (S-06, S-07, S-08)"));
	tt_run_free(run);
	tt_diags_free(&d);
}

static void curves_study(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("curves.yaml", &d);
	assert_int_equal(run->verdict, TT_VERDICT_COMPARABLE);
	assert_int_equal(run->n_comparisons, 3);

	/* f2 over 10, 20, 30 and 45 min: t = 0 is in the tables but left out. */
	const tt_comparison_result *lysis = find(run, "lysis");
	assert_int_equal(lysis->outcome, TT_OUTCOME_PASS);
	assert_non_null(lysis->profile);
	assert_int_equal(lysis->profile->p, 4);
	assert_true(lysis->profile->times[0] == 10.0);
	assert_int_equal(lysis->profile->n_ref, 6);
	assert_int_equal(lysis->profile->n_test, 6);
	tt_assert_rel(lysis->profile->f2, want("curves.lysis.f2"), 1e-12, "f2");
	assert_true(lysis->profile->similar);

	const tt_comparison_result *rel = find(run, "release");
	const tt_profile_result *m = rel->profile;
	assert_int_equal(rel->outcome, TT_OUTCOME_PASS);
	assert_int_equal(m->p, 3);
	assert_int_equal(m->n_ref, 8);
	assert_int_equal(m->n_test, 6);
	tt_assert_rel(m->msd, want("curves.release.msd"), 1e-10, "Mahalanobis distance");
	tt_assert_rel(m->msd_k, want("curves.release.k"), 1e-14, "K");
	tt_assert_rel(m->msd_f_quantile, want("curves.release.f_quantile"), 1e-10, "F quantile");
	tt_assert_rel(m->msd_upper, want("curves.release.msd_upper"), 1e-10, "MSD upper bound");
	tt_assert_rel(m->msd_limit, want("curves.release.msd_limit"), 1e-10, "MSD limit");

	/* Stability: Welch on the lot slopes, ICH Q1E per site, shelf life
	 * against the spec's max 5 %. */
	const tt_comparison_result *agg = find(run, "aggregates");
	const tt_stability_result *st = agg->stability;
	assert_non_null(st);
	assert_int_equal(agg->outcome, TT_OUTCOME_PASS);
	tt_assert_rel(st->source.slope, want("curves.aggregates.slope_source"), 1e-12,
		      "mean slope (source)");
	tt_assert_rel(st->receiving.slope, want("curves.aggregates.slope_receiving"), 1e-12,
		      "mean slope (receiving)");
	tt_assert_rel(st->slope_difference, want("curves.aggregates.slope_difference"), 1e-10,
		      "slope difference");
	tt_assert_rel(st->se, want("curves.aggregates.se"), 1e-10, "slope difference se");
	tt_assert_rel(st->df, want("curves.aggregates.df"), 1e-10, "Welch df");
	tt_assert_rel(st->ci_lower, want("curves.aggregates.ci_lower"), 1e-9, "CI lower");
	tt_assert_rel(st->ci_upper, want("curves.aggregates.ci_upper"), 1e-9, "CI upper");
	tt_assert_rel(st->source.p_slopes, want("curves.aggregates.p_slopes_source"), 1e-9,
		      "poolability of slopes, p (source)");
	tt_assert_rel(st->source.p_intercepts, want("curves.aggregates.p_intercepts_source"), 1e-7,
		      "poolability of intercepts, p (source)");
	tt_assert_rel(st->receiving.p_slopes, want("curves.aggregates.p_slopes_receiving"), 1e-9,
		      "poolability of slopes, p (receiving)");
	tt_assert_rel(st->receiving.p_intercepts, want("curves.aggregates.p_intercepts_receiving"),
		      1e-7, "poolability of intercepts, p (receiving)");
	/* The ICH Q1E model R's p-values give, at 0.25: a common slope at both
	 * sites (slopes pool, intercepts do not). */
	assert_true(want("curves.aggregates.p_slopes_source") > 0.25);
	assert_true(want("curves.aggregates.p_intercepts_source") <= 0.25);
	assert_true(want("curves.aggregates.p_slopes_receiving") > 0.25);
	assert_true(want("curves.aggregates.p_intercepts_receiving") <= 0.25);
	assert_int_equal(st->source.poolability, TT_POOL_COMMON_SLOPE);
	assert_int_equal(st->receiving.poolability, TT_POOL_COMMON_SLOPE);
	/* The levels the analysis used are in the results, and its rule says them. */
	assert_true(agg->pool_level == 0.25);
	tt_assert_rel(agg->ci_level, 0.90, 1e-15, "stability CI level, 1 - 2 alpha");
	assert_non_null(strstr(agg->rule, "90% confidence interval"));
	assert_non_null(strstr(agg->rule, "poolability of lots at 0.25 and the shelf life "
					  "where the one-sided 95% confidence bound"));
	assert_true(isnan(lysis->ci_level));
	assert_true(isnan(rel->ci_level));
	assert_true(st->source.shelf_life_reached);
	tt_assert_rel(st->source.shelf_life, want("curves.aggregates.shelf_life_source"), 1e-9,
		      "shelf life (source)");
	tt_assert_rel(st->receiving.shelf_life, want("curves.aggregates.shelf_life_receiving"),
		      1e-9, "shelf life (receiving)");
	tt_run_free(run);
	tt_diags_free(&d);
}

static void stability_ignores_log_scale_and_says_so(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("log-stability.yaml", &d);
	const tt_comparison_result *r = find(run, "titer");
	assert_int_equal(r->attr->scale, TT_SCALE_LOG);
	assert_false(r->log_scale);
	assert_int_equal(r->outcome, TT_OUTCOME_INFO);
	/* The same tables as the curves study's aggregates: the same lines. */
	tt_assert_rel(r->stability->source.slope, want("curves.aggregates.slope_source"), 1e-12,
		      "mean slope of the values as given (source)");
	tt_assert_rel(r->stability->slope_difference, want("curves.aggregates.slope_difference"),
		      1e-10, "slope difference of the values as given");
	assert_true(has_warning(run, "titer: the attribute has scale: log, which applies to "
				     "lot-level comparisons only; this stability comparison uses "
				     "the values as given"));
	tt_run_free(run);
	/* A lot-level comparison of the same attribute has no such warning. */
	run = run_study("comparable.yaml", &d);
	assert_false(has_warning(run, "scale: log"));
	assert_true(find(run, "titer")->log_scale);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void statistics_that_do_not_exist_are_nan(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	assert_int_equal(
		tt_engine_run(&run, TT_TEST_RESOURCES "/studies/one-lot/study.yaml", NULL, &d), 0);
	/* One receiving lot: no sd, on either scale, and no cv. */
	const tt_comparison_result *r = find(run, "titer");
	assert_int_equal(r->receiving.n, 1);
	assert_true(r->receiving.describe.mean == 3.20e8);
	assert_true(r->receiving.describe.min == 3.20e8);
	assert_true(isnan(r->receiving.describe.sd));
	assert_true(isnan(r->receiving.describe.cv));
	assert_false(r->receiving.describe.has_cv);
	assert_true(r->receiving.has_log);
	assert_true(isnan(r->receiving.sd_log));
	assert_true(r->source.describe.sd > 0);
	assert_true(r->source.sd_log > 0);
	/* No value at all: no statistic. */
	r = find(run, "aggregates");
	assert_int_equal(r->receiving.n, 0);
	assert_int_equal(r->receiving.n_missing, 1);
	assert_true(isnan(r->receiving.describe.mean));
	assert_true(isnan(r->receiving.describe.sd));
	assert_true(isnan(r->receiving.describe.min));
	assert_true(isnan(r->receiving.describe.median));
	assert_true(isnan(r->receiving.describe.max));
	assert_true(r->log_scale);
	assert_false(r->receiving.has_log);
	assert_true(isnan(r->receiving.geometric_mean));
	assert_true(isnan(r->receiving.sd_log));
	assert_int_equal(run->verdict, TT_VERDICT_INCONCLUSIVE);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void seed_option_overrides_the_study(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	tt_run_options opt = TT_RUN_OPTIONS_INIT;
	opt.has_seed = true;
	opt.seed = 99;
	assert_int_equal(tt_engine_run(&run, GOLDEN "comparable.yaml", &opt, &d), 0);
	assert_int_equal(run->seed, 99);
	tt_run_free(run);
	/* Without a seed anywhere the seed is 1. */
	opt = (tt_run_options)TT_RUN_OPTIONS_INIT;
	assert_int_equal(tt_engine_run(&run, GOLDEN "not-comparable.yaml", &opt, &d), 0);
	assert_int_equal(run->seed, 1);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void verdict_rule(void **state)
{
	(void)state;
	tt_comparison_result c[2];
	memset(c, 0, sizeof c);
	tt_run run;
	memset(&run, 0, sizeof run);
	run.comparisons = c;
	run.n_comparisons = 2;
	c[0].outcome = TT_OUTCOME_PASS;
	c[1].outcome = TT_OUTCOME_INFO;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_COMPARABLE);
	c[1].outcome = TT_OUTCOME_INCONCLUSIVE;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_INCONCLUSIVE);
	c[0].outcome = TT_OUTCOME_FAIL;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_NOT_COMPARABLE);
	c[0].outcome = TT_OUTCOME_PASS;
	c[1].outcome = TT_OUTCOME_PASS;
	/* Only an included receiving lot out of spec decides: a source lot
	 * or an excluded lot does not. */
	tt_conformance cf;
	memset(&cf, 0, sizeof cf);
	cf.site = TT_SITE_SOURCE;
	cf.n_out_of_spec = 1;
	cf.n_excluded_out_of_spec = 1;
	run.conformance = &cf;
	run.n_conformance = 1;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_COMPARABLE);
	cf.site = TT_SITE_RECEIVING;
	cf.n_out_of_spec = 0;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_COMPARABLE);
	cf.n_out_of_spec = 1;
	assert_int_equal(tt_engine_verdict(&run), TT_VERDICT_NOT_COMPARABLE);
	assert_int_equal(tt_verdict_exit_status(TT_VERDICT_COMPARABLE), 0);
	assert_int_equal(tt_verdict_exit_status(TT_VERDICT_INCONCLUSIVE), 1);
	assert_int_equal(tt_verdict_exit_status(TT_VERDICT_NOT_COMPARABLE), 1);
}

static void names_of_outcomes_and_verdicts(void **state)
{
	(void)state;
	assert_string_equal(tt_outcome_name(TT_OUTCOME_PASS), "pass");
	assert_string_equal(tt_outcome_label(TT_OUTCOME_INCONCLUSIVE), "INCONCLUSIVE");
	assert_string_equal(tt_outcome_words(TT_OUTCOME_INFO), "information only");
	assert_string_equal(tt_verdict_name(TT_VERDICT_NOT_COMPARABLE), "not-comparable");
	assert_string_equal(tt_verdict_label(TT_VERDICT_NOT_COMPARABLE), "NOT COMPARABLE");
	/* Every value has its words, and the count none. */
	for (int o = 0; o < TT_OUTCOME_COUNT; o++) {
		assert_string_not_equal(tt_outcome_name((tt_outcome)o), "?");
		assert_string_not_equal(tt_outcome_label((tt_outcome)o), "?");
		assert_string_not_equal(tt_outcome_words((tt_outcome)o), "?");
	}
	for (int v = 0; v < TT_VERDICT_COUNT; v++) {
		assert_string_not_equal(tt_verdict_name((tt_verdict)v), "?");
		assert_string_not_equal(tt_verdict_label((tt_verdict)v), "?");
		assert_string_not_equal(tt_verdict_sentence((tt_verdict)v), "?");
	}
	assert_string_equal(tt_outcome_name(TT_OUTCOME_COUNT), "?");
	assert_string_equal(tt_verdict_sentence(TT_VERDICT_COUNT), "?");
	assert_string_equal(tt_site_role_name(TT_SITE_SOURCE), "source");
	assert_string_equal(tt_site_role_name(TT_SITE_RECEIVING), "receiving");
	assert_string_equal(tt_site_role_name(TT_SITE_COUNT), "?");
	/* No verdict says that every lot met its specification: an excluded
	 * lot or a source lot may not have, and the verdict does not hear of
	 * them.  Each speaks of the receiving lots the study includes. */
	for (int v = 0; v < TT_VERDICT_COUNT; v++) {
		const char *s = tt_verdict_sentence((tt_verdict)v);
		assert_null(strstr(s, "every receiving lot"));
		assert_null(strstr(s, "every lot"));
		assert_non_null(strstr(s, "receiving lot that the study includes"));
	}
}

static void side_by_side_testing_is_checked(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = run_study("comparable.yaml", &d);
	/* One receiving lot was tested in the source's lab (QC-A). */
	assert_false(has_warning(run, "tested only in its own labs"));
	tt_run_free(run);
	run = run_study("own-lab.yaml", &d);
	assert_true(has_warning(run, "each site's lots were tested only in its own labs"));
	/* A warning, not a verdict. */
	assert_int_equal(run->verdict, TT_VERDICT_COMPARABLE);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void every_lot_of_both_sites_is_checked(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	assert_int_equal(
		tt_engine_run(&run, TT_TEST_RESOURCES "/studies/conformance/study.yaml", NULL, &d),
		0);
	/* Neither the excluded receiving lot nor the source lot decides. */
	assert_int_equal(run->verdict, TT_VERDICT_COMPARABLE);

	/* The receiving site's entries first, each against its own spec. */
	assert_int_equal(run->n_conformance, 4);
	assert_int_equal(run->conformance[0].site, TT_SITE_RECEIVING);
	assert_int_equal(run->conformance[3].site, TT_SITE_SOURCE);
	const tt_conformance *rv = conformance_of(run, TT_SITE_RECEIVING, "viability");
	assert_ptr_equal(rv->attr, tt_spec_attr(run->study->receiving_spec, "viability"));
	assert_int_equal(rv->n_lots, 3);
	assert_int_equal(rv->n_out_of_spec, 0);
	assert_int_equal(rv->n_excluded_out_of_spec, 1);
	assert_string_equal(rv->excluded_out_of_spec[0], "R-04");
	assert_string_equal(rv->excluded_out_of_spec_values[0], "66.5");
	const tt_conformance *rs = conformance_of(run, TT_SITE_RECEIVING, "sterility");
	assert_int_equal(rs->n_excluded_out_of_spec, 1);
	assert_string_equal(rs->excluded_out_of_spec_values[0], "positive");
	const tt_conformance *sv = conformance_of(run, TT_SITE_SOURCE, "viability");
	assert_ptr_equal(sv->attr, tt_spec_attr(run->study->source_spec, "viability"));
	assert_true(sv->checked);
	assert_int_equal(sv->n_lots, 5);
	assert_int_equal(sv->n_out_of_spec, 1);
	assert_string_equal(sv->out_of_spec[0], "S-03");
	assert_string_equal(sv->out_of_spec_values[0], "68.0");
	assert_int_equal(sv->n_excluded_out_of_spec, 0);
	assert_int_equal(conformance_of(run, TT_SITE_SOURCE, "sterility")->n_out_of_spec, 0);

	/* Each lot out of spec once, named with its exclusion, every attribute
	 * with its value and spec; neither decides, so both are warnings. */
	assert_int_equal(run->n_out_of_spec, 2);
	const tt_lot_out_of_spec *r04 = &run->out_of_spec[0], *s03 = &run->out_of_spec[1];
	assert_string_equal(r04->lot, "R-04");
	assert_int_equal(r04->site, TT_SITE_RECEIVING);
	assert_non_null(r04->exclusion);
	assert_false(r04->decides_verdict);
	assert_string_equal(r04->sentence,
			    "excluded receiving lot R-04 (deviation DV-201, thaw hold time "
			    "exceeded) is out of specification for viability (66.5 %, spec >= 70 "
			    "%) and sterility (positive, spec = negative)");
	assert_string_equal(s03->lot, "S-03");
	assert_int_equal(s03->site, TT_SITE_SOURCE);
	assert_null(s03->exclusion);
	assert_false(s03->decides_verdict);
	assert_string_equal(s03->sentence, "source lot S-03 is out of specification for viability "
					   "(68.0 %, spec >= 70 %)");
	assert_true(has_warning(run, r04->sentence));
	assert_true(has_warning(run, s03->sentence));
	assert_true(tt_test_diags_has(&d, TT_TEST_RESOURCES
				      "/studies/conformance/source-lots.csv:4: warning: source lot "
				      "S-03 is out of specification for viability (68.0 %, spec >= "
				      "70 %)"));

	/* The excluded lot with its values and their conformance. */
	assert_int_equal(run->n_excluded, 1);
	const tt_excluded_lot *x = &run->excluded[0];
	assert_string_equal(x->exclusion->lot, "R-04");
	assert_true(x->found);
	assert_int_equal(x->site, TT_SITE_RECEIVING);
	assert_int_equal(x->n_values, 2);
	assert_int_equal(x->n_out_of_spec, 2);
	assert_int_equal(x->n_not_tested, 0);
	assert_string_equal(x->values[0].attr->id, "viability");
	assert_true(x->values[0].is_number);
	assert_true(x->values[0].value == 66.5);
	assert_string_equal(x->values[0].spec, ">= 70 %");
	assert_true(x->values[0].out_of_spec);
	assert_string_equal(x->values[1].attr->id, "sterility");
	assert_false(x->values[1].is_number);
	assert_string_equal(x->values[1].text, "positive");
	assert_true(x->values[1].out_of_spec);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void excluded_lots_are_listed_with_their_values(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	/* R-06 is an excluded receiving lot within its spec. */
	tt_run *run = run_study("paired.yaml", &d);
	assert_int_equal(run->n_excluded, 1);
	const tt_excluded_lot *x = &run->excluded[0];
	assert_true(x->found);
	assert_int_equal(x->site, TT_SITE_RECEIVING);
	assert_int_equal(x->n_out_of_spec, 0);
	/* The compared attributes and those with a spec, not the others. */
	bool potency = false, sterility = false;
	for (size_t i = 0; i < x->n_values; i++) {
		potency |= strcmp(x->values[i].attr->id, "potency") == 0;
		sterility |= strcmp(x->values[i].attr->id, "sterility") == 0;
		assert_string_not_equal(x->values[i].attr->id, "yield");
	}
	assert_true(potency && sterility);
	for (size_t i = 0; i < run->n_out_of_spec; i++)
		assert_string_not_equal(run->out_of_spec[i].lot, "R-06");
	tt_run_free(run);
	/* A lot in neither table is listed all the same, found false. */
	run = run_study("exclude-unknown.yaml", &d);
	assert_int_equal(run->n_excluded, 1);
	assert_false(run->excluded[0].found);
	assert_int_equal(run->excluded[0].n_values, 0);
	tt_run_free(run);
	tt_diags_free(&d);
}

static void bad_study_is_refused(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = (tt_run *)1;
	assert_int_equal(tt_engine_run(&run, GOLDEN "no-such-study.yaml", NULL, &d), TT_EINVAL);
	assert_null(run);
	assert_true(d.errors > 0);
	tt_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comparable_study),
		cmocka_unit_test(not_comparable_study),
		cmocka_unit_test(paired_study),
		cmocka_unit_test(curves_study),
		cmocka_unit_test(stability_ignores_log_scale_and_says_so),
		cmocka_unit_test(statistics_that_do_not_exist_are_nan),
		cmocka_unit_test(seed_option_overrides_the_study),
		cmocka_unit_test(verdict_rule),
		cmocka_unit_test(names_of_outcomes_and_verdicts),
		cmocka_unit_test(side_by_side_testing_is_checked),
		cmocka_unit_test(every_lot_of_both_sites_is_checked),
		cmocka_unit_test(excluded_lots_are_listed_with_their_values),
		cmocka_unit_test(bad_study_is_refused),
	};
	return cmocka_run_group_tests(tests, load_expected, NULL);
}
