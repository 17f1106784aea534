/*
 * plot_fixture.h - a synthetic run with eight comparisons, one of every
 * kind the plot module draws, filled in by hand (no loaders), for
 * tests/test_plot.c and bench/bench_plot.c.
 *
 * Everything lives in one plot_fixture, which the caller allocates (it is
 * large) and frees in one piece; the strings are literals or arrays in it.
 * The values are made up but plausible for a CAR-T transfer; the results
 * are not computed from them (the plot module draws what it is given).
 */
#ifndef TT_TEST_PLOT_FIXTURE_H
#define TT_TEST_PLOT_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tt/engine/results.h"

#define FIX_CMPS 8
#define FIX_LOTS 12 /* at most, per site */
#define FIX_PROFILE_P 5
#define FIX_PROFILE_N 3
#define FIX_STAB_LOTS 3
#define FIX_STAB_POINTS 5

typedef struct plot_fixture {
	tt_run run;
	tt_study study;
	tt_spec source_spec, receiving_spec;
	tt_attr attrs[FIX_CMPS];
	tt_comparison cmps[FIX_CMPS];
	tt_comparison_result res[FIX_CMPS];
	tt_lot_value lots[FIX_CMPS][2][FIX_LOTS];
	char lot_ids[2][FIX_LOTS][32];
	char dates[2][FIX_LOTS][16];

	tt_profile_result profile;
	double p_times[FIX_PROFILE_P], p_ref_mean[FIX_PROFILE_P], p_test_mean[FIX_PROFILE_P];
	double p_ref[FIX_PROFILE_N * FIX_PROFILE_P], p_test[FIX_PROFILE_N * FIX_PROFILE_P];
	char *p_ref_lots[FIX_PROFILE_N], *p_test_lots[FIX_PROFILE_N];

	tt_stability_result stab;
	char *stab_lot_ids[2][FIX_STAB_LOTS];
	double stab_slope[2][FIX_STAB_LOTS], stab_icpt[2][FIX_STAB_LOTS];
	tt_series_table stab_table[2];
	char *stab_row_lot[2][FIX_STAB_LOTS * FIX_STAB_POINTS];
	double stab_t[2][FIX_STAB_LOTS * FIX_STAB_POINTS],
		stab_v[2][FIX_STAB_LOTS * FIX_STAB_POINTS];
} plot_fixture;

/* A small deterministic generator (a 64-bit LCG), so that the fixture is
 * the same on every machine. */
static double fix_uniform(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*s >> 11) / 9007199254740992.0;
}

static double fix_normal(unsigned long long *s)
{
	double u = fix_uniform(s), v = fix_uniform(s);
	return sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static void fix_site(tt_site_values *sv, tt_lot_value *lots, size_t n, bool log_scale)
{
	double sum = 0, sum2 = 0, lsum = 0, lsum2 = 0, mn = INFINITY, mx = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double v = lots[i].value;
		sum += v;
		lsum += log(v);
		mn = fmin(mn, v);
		mx = fmax(mx, v);
	}
	double mean = sum / (double)n, lmean = lsum / (double)n;
	for (size_t i = 0; i < n; i++) {
		sum2 += (lots[i].value - mean) * (lots[i].value - mean);
		lsum2 += (log(lots[i].value) - lmean) * (log(lots[i].value) - lmean);
	}
	memset(sv, 0, sizeof *sv);
	sv->n = n;
	sv->lots = lots;
	sv->describe.n = n;
	sv->describe.mean = mean;
	sv->describe.sd = n > 1 ? sqrt(sum2 / (double)(n - 1)) : 0;
	sv->describe.min = mn;
	sv->describe.max = mx;
	sv->describe.median = mean;
	sv->has_log = log_scale;
	sv->geometric_mean = exp(lmean);
	sv->sd_log = n > 1 ? sqrt(lsum2 / (double)(n - 1)) : 0;
}

static void fix_attr(tt_attr *a, const char *id, const char *name, const char *unit, int has_min,
		     double min, int has_max, double max, tt_scale scale)
{
	memset(a, 0, sizeof *a);
	a->id = (char *)id;
	a->name = (char *)name;
	a->unit = (char *)unit;
	a->type = TT_ATTR_CONTINUOUS;
	a->has_spec = has_min || has_max;
	a->has_min = has_min;
	a->min = min;
	a->has_max = has_max;
	a->max = max;
	a->scale = scale;
}

/* Lot-level values for comparison c: n_src source lots around mean with sd,
 * n_rec receiving lots around mean + shift. */
static void fix_values(plot_fixture *f, int c, size_t n_src, size_t n_rec, double mean, double sd,
		       double shift, bool log_scale, unsigned long long seed)
{
	size_t n[2] = { n_src, n_rec };
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < n[s]; i++) {
			double z = fix_normal(&seed);
			double v = log_scale ? exp(log(mean) + (s ? shift : 0) + sd * z)
					     : mean + (s ? shift : 0) + sd * z;
			f->lots[c][s][i] = (tt_lot_value){ f->lot_ids[s][i], f->dates[s][i], v };
		}
	}
	fix_site(&f->res[c].source, f->lots[c][0], n_src, log_scale);
	fix_site(&f->res[c].receiving, f->lots[c][1], n_rec, log_scale);
}

static void fix_range(tt_comparison_result *r, double lower, double upper)
{
	const tt_site_values *t = &r->receiving;
	size_t inside = 0;
	for (size_t i = 0; i < t->n; i++)
		inside += t->lots[i].value >= lower && t->lots[i].value <= upper;
	r->has_range = true;
	r->range = (tt_range_result){
		lower, upper, inside, t->n, (double)inside / (double)t->n, inside == t->n
	};
}

static void plot_fixture_init(plot_fixture *f)
{
	memset(f, 0, sizeof *f);
	unsigned long long seed = 20240917;

	/* Source lots every month of 2022; receiving lots from mid-2022, so
	 * the two sites interleave on the date axis. */
	for (int i = 0; i < FIX_LOTS; i++) {
		snprintf(f->lot_ids[0][i], sizeof f->lot_ids[0][i], "SH-%03d", i + 1);
		snprintf(f->dates[0][i], sizeof f->dates[0][i], "2022-%02d-10", i + 1);
		snprintf(f->lot_ids[1][i], sizeof f->lot_ids[1][i], "RTP-%03d", i + 1);
		snprintf(f->dates[1][i], sizeof f->dates[1][i], "2022-%02d-20", i < 6 ? i + 7 : 12);
	}

	f->source_spec.site.name = (char *)"Shanghai GMP facility";
	f->receiving_spec.site.name = (char *)"Research Triangle Park";
	f->study.id = (char *)"ct053-sh-rtp";
	f->study.title = (char *)"CT053 site transfer, Shanghai to Research Triangle Park";
	f->study.alpha = 0.05;
	f->study.source_spec = &f->source_spec;
	f->study.receiving_spec = &f->receiving_spec;
	f->study.comparisons = f->cmps;
	f->study.n_comparisons = FIX_CMPS;

	static const char *const ids[FIX_CMPS] = { "viability",     "car-positive",
						   "cd4-cd8-ratio", "tscm-fraction",
						   "phenotype-tem", "vcn",
						   "cytotoxicity",  "potency" };
	static const tt_approach approaches[FIX_CMPS] = {
		TT_APPROACH_EQUIVALENCE, TT_APPROACH_QUALITY_RANGE, TT_APPROACH_TOLERANCE_INTERVAL,
		TT_APPROACH_MIN_MAX,     TT_APPROACH_GRAPHICAL,     TT_APPROACH_EQUIVALENCE,
		TT_APPROACH_PROFILE,     TT_APPROACH_STABILITY,
	};
	fix_attr(&f->attrs[0], ids[0], "Viable cells", "%", 1, 70, 0, 0, TT_SCALE_LINEAR);
	fix_attr(&f->attrs[1], ids[1], "CAR-positive T cells", "%", 1, 20, 0, 0, TT_SCALE_LINEAR);
	fix_attr(&f->attrs[2], ids[2], "CD4/CD8 ratio", NULL, 1, 0.2, 1, 5, TT_SCALE_LINEAR);
	fix_attr(&f->attrs[3], ids[3], "Stem-cell memory T cells", "%", 0, 0, 0, 0,
		 TT_SCALE_LINEAR);
	fix_attr(&f->attrs[4], ids[4], "Effector memory T cells", "%", 0, 0, 0, 0, TT_SCALE_LINEAR);
	fix_attr(&f->attrs[5], ids[5], "Vector copy number", "copies/cell", 0, 0, 1, 5,
		 TT_SCALE_LOG);
	fix_attr(&f->attrs[6], ids[6], "Cytotoxicity", "%", 0, 0, 0, 0, TT_SCALE_LINEAR);
	fix_attr(&f->attrs[7], ids[7], "Potency (IFN-g release)", "% of reference", 1, 50, 0, 0,
		 TT_SCALE_LINEAR);

	for (int c = 0; c < FIX_CMPS; c++) {
		tt_comparison *cm = &f->cmps[c];
		cm->attribute = (char *)ids[c];
		cm->approach = approaches[c];
		cm->k = 3;
		cm->min_fraction = 0.9;
		cm->content = 0.99;
		cm->confidence = 0.95;
		cm->sides = 2;
		f->res[c].cmp = cm;
		f->res[c].attr = &f->attrs[c];
		f->res[c].sw_p_source = NAN;
		f->res[c].sw_p_receiving = NAN;
		/* The engine's: 1 - 2 alpha for equivalence and stability. */
		f->res[c].ci_level = approaches[c] == TT_APPROACH_EQUIVALENCE ||
						     approaches[c] == TT_APPROACH_STABILITY
					     ? 1 - 2 * f->study.alpha
					     : NAN;
	}
	f->cmps[0].justification = (char *)"FDA tier 1 margin; 12 historical source lots";
	f->cmps[0].margin_type = TT_MARGIN_SIGMA;
	f->cmps[0].margin = 1.5;
	f->cmps[5].margin_type = TT_MARGIN_RATIO;
	f->cmps[5].margin = 1.25;

	/* 0: viability, equivalence (sigma margin): pass. */
	tt_comparison_result *r = &f->res[0];
	fix_values(f, 0, 10, 6, 91.2, 2.1, -0.8, false, seed++);
	r->outcome = TT_OUTCOME_PASS;
	r->has_tost = true;
	r->tost = (tt_tost_result){ .diff = -0.8,
				    .se = 1.24,
				    .df = 8.92,
				    .ci_lower = -3.1,
				    .ci_upper = 1.5,
				    .margin_lower = -3.15,
				    .margin_upper = 3.15,
				    .equivalent = true,
				    .n_ref = 10,
				    .n_test = 6 };

	/* 1: CAR-positive, quality range: pass. */
	r = &f->res[1];
	fix_values(f, 1, 12, 8, 45, 4, 1, false, seed++);
	fix_range(r, r->source.describe.mean - 3 * r->source.describe.sd,
		  r->source.describe.mean + 3 * r->source.describe.sd);
	r->outcome = r->range.fraction_inside >= 0.9 ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL;

	/* 2: CD4/CD8 ratio, tolerance interval: pass. */
	r = &f->res[2];
	fix_values(f, 2, 12, 6, 1.4, 0.25, 0.05, false, seed++);
	r->has_ti = true;
	r->ti = (tt_ti_result){ .k = 3.9,
				.lower = r->source.describe.mean - 3.9 * r->source.describe.sd,
				.upper = r->source.describe.mean + 3.9 * r->source.describe.sd };
	fix_range(r, r->ti.lower, r->ti.upper);
	r->outcome = r->range.pass ? TT_OUTCOME_PASS : TT_OUTCOME_FAIL;

	/* 3: Tscm fraction, min-max: one receiving lot below the source's
	 * minimum, so it fails. */
	r = &f->res[3];
	fix_values(f, 3, 8, 5, 12, 1.5, 0, false, seed++);
	f->lots[3][1][2].value = r->source.describe.min - 1.2;
	fix_site(&r->receiving, f->lots[3][1], 5, false);
	fix_range(r, r->source.describe.min, r->source.describe.max);
	r->outcome = TT_OUTCOME_FAIL;
	r->reason = (char *)"1 of 5 receiving lots is outside the source range";

	/* 4: Tem phenotype, graphical. */
	r = &f->res[4];
	fix_values(f, 4, 10, 6, 30, 5, 3, false, seed++);
	r->outcome = TT_OUTCOME_INFO;

	/* 5: VCN, equivalence of geometric means (ratio margin, log scale). */
	r = &f->res[5];
	fix_values(f, 5, 10, 6, 2.0, 0.3, -0.05, true, seed++);
	r->log_scale = true;
	r->outcome = TT_OUTCOME_PASS;
	r->has_tost = true;
	r->tost = (tt_tost_result){ .diff = 0.95,
				    .se = 0.14,
				    .df = 12.3,
				    .ci_lower = 0.82,
				    .ci_upper = 1.1,
				    .margin_lower = 0.8,
				    .margin_upper = 1.25,
				    .equivalent = true,
				    .log_scale = true,
				    .n_ref = 10,
				    .n_test = 6 };

	/* 6: cytotoxicity profile, f2. */
	r = &f->res[6];
	r->outcome = TT_OUTCOME_PASS;
	r->profile = &f->profile;
	tt_profile_result *p = &f->profile;
	static const double times[FIX_PROFILE_P] = { 4, 8, 12, 24, 48 };
	static const double curve[FIX_PROFILE_P] = { 18, 32, 45, 63, 78 };
	static char *const ref_names[FIX_PROFILE_N] = { "SH-001", "SH-002", "SH-003" };
	static char *const test_names[FIX_PROFILE_N] = { "RTP-001", "RTP-002", "RTP-003" };
	p->p = FIX_PROFILE_P;
	p->times = f->p_times;
	p->ref_mean = f->p_ref_mean;
	p->test_mean = f->p_test_mean;
	p->n_ref = p->n_test = FIX_PROFILE_N;
	p->ref_lots = f->p_ref_lots;
	p->test_lots = f->p_test_lots;
	p->ref_values = f->p_ref;
	p->test_values = f->p_test;
	for (int i = 0; i < FIX_PROFILE_N; i++) {
		f->p_ref_lots[i] = ref_names[i];
		f->p_test_lots[i] = test_names[i];
	}
	for (int j = 0; j < FIX_PROFILE_P; j++) {
		f->p_times[j] = times[j];
		double a = 0, b = 0;
		for (int i = 0; i < FIX_PROFILE_N; i++) {
			f->p_ref[i * FIX_PROFILE_P + j] = curve[j] + 2.5 * fix_normal(&seed);
			f->p_test[i * FIX_PROFILE_P + j] = curve[j] - 3 + 2.5 * fix_normal(&seed);
			a += f->p_ref[i * FIX_PROFILE_P + j];
			b += f->p_test[i * FIX_PROFILE_P + j];
		}
		f->p_ref_mean[j] = a / FIX_PROFILE_N;
		f->p_test_mean[j] = b / FIX_PROFILE_N;
	}
	p->f2 = 71.4;
	p->similar = true;

	/* 7: potency stability with a slope margin and a shelf life. */
	r = &f->res[7];
	r->outcome = TT_OUTCOME_PASS;
	r->stability = &f->stab;
	tt_stability_result *st = &f->stab;
	tt_stability_site *site[2] = { &st->source, &st->receiving };
	static const double slope[2] = { -1.6, -1.8 };
	/* The points live in long-form tables, as the engine keeps them; the
	 * fitted lines in the stability result. */
	for (int s = 0; s < 2; s++) {
		tt_series_table *t = &f->stab_table[s];
		site[s]->n_lots = FIX_STAB_LOTS;
		site[s]->lots = f->stab_lot_ids[s];
		site[s]->lot_slope = f->stab_slope[s];
		site[s]->lot_intercept = f->stab_icpt[s];
		t->n = FIX_STAB_LOTS * FIX_STAB_POINTS;
		t->lot = f->stab_row_lot[s];
		t->time = f->stab_t[s];
		t->value = f->stab_v[s];
		t->n_lots = FIX_STAB_LOTS;
		t->lot_ids = f->stab_lot_ids[s];
		t->time_unit = (char *)"months";
		double sum = 0;
		for (int i = 0; i < FIX_STAB_LOTS; i++) {
			f->stab_lot_ids[s][i] = s ? (char *)test_names[i] : (char *)ref_names[i];
			double icpt = 100 + 2 * fix_normal(&seed);
			double m = slope[s] + 0.1 * fix_normal(&seed);
			f->stab_icpt[s][i] = icpt;
			f->stab_slope[s][i] = m;
			for (int j = 0; j < FIX_STAB_POINTS; j++) {
				size_t k = (size_t)i * FIX_STAB_POINTS + (size_t)j;
				t->lot[k] = f->stab_lot_ids[s][i];
				t->time[k] = 3.0 * j;
				t->value[k] = icpt + m * t->time[k] + 1.5 * fix_normal(&seed);
			}
			sum += m;
		}
		site[s]->slope = sum / FIX_STAB_LOTS;
		site[s]->poolability = TT_POOL_FULL;
		site[s]->p_slopes = 0.6;
		site[s]->p_intercepts = 0.4;
		site[s]->has_shelf_life = true;
		site[s]->shelf_life = s ? 24.5 : 27.1;
		site[s]->shelf_life_reached = true;
	}
	r->series_source = &f->stab_table[0];
	r->series_receiving = &f->stab_table[1];
	st->slope_difference = st->receiving.slope - st->source.slope;
	st->ci_lower = st->slope_difference - 0.3;
	st->ci_upper = st->slope_difference + 0.3;
	st->has_margin = true;
	st->margin_lower = -0.8;
	st->margin_upper = 0.8;

	f->run.study = &f->study;
	f->run.comparisons = f->res;
	f->run.n_comparisons = FIX_CMPS;
	f->run.verdict = TT_VERDICT_NOT_COMPARABLE;
	f->run.seed = 20240917;
}

#endif
