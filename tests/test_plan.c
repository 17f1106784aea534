/*
 * test_plan.c - pass probabilities, operating characteristics and lot
 * counts (tt/plan/plan.h).
 *
 * Sources of the expected values:
 *   - METHODS.md "Public reference values": the study-level values of a
 *     1.5 sR margin (Welch and pooled, 3 vs 3 to 10 vs 10, from a
 *     simulation of 10^6 replicates, so good to their 3 printed digits
 *     plus a Monte Carlo error of at most 0.0005);
 *   - tests/reference/published.tsv: the known-margin TOST power of
 *     PowerTOST, as published;
 *   - tests/reference/plan.R (output plan.out): the same integrals written
 *     independently in R over (sR, sT) with nested integrate(), to 1e-10,
 *     and R simulations of 10^6 replicates for what tt simulates;
 *   - tests/reference/plan_reference.py (output plan_reference.out): the
 *     ziggurat deviates replayed in Python bit for bit;
 *   - formulas by hand (the min-max and order-statistic counts).
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "tt/plan/plan.h"
#include "tt/render/plan_report.h"
#include "tt/base/rng.h"
#include "tt/stats/stats.h"

/* A record identity, as the folder writer gives the HTML renderer. */
#define RECORD "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#include "tt/validate/refdata/refdata.h"

/* ---- helpers ---- */

static tt_plan_rule equivalence(tt_margin_type type, double margin, tt_variance variance)
{
	tt_plan_rule r = TT_PLAN_RULE_INIT;
	r.margin_type = type;
	r.margin = margin;
	r.variance = variance;
	return r;
}

static tt_plan_truth truth_of(double difference_sd, double sd_ratio)
{
	tt_plan_truth t = TT_PLAN_TRUTH_INIT;
	t.difference_sd = difference_sd;
	t.sd_ratio = sd_ratio;
	return t;
}

static double exact(const tt_plan_rule *rule, size_t nR, size_t nT, const tt_plan_truth *truth)
{
	double p = NAN;
	int rc = tt_plan_exact(&p, rule, nR, nT, truth);
	if (rc)
		fail_msg("tt_plan_exact(%zu, %zu): %s", nR, nT, tt_error_last());
	return p;
}

static tt_plan_prob simulated(const tt_plan_rule *rule, size_t nR, size_t nT,
			      const tt_plan_truth *truth, uint64_t replicates, int threads)
{
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	o.min_replicates = replicates;
	o.max_replicates = replicates;
	o.threads = threads;
	tt_plan_prob p = { NAN, NAN, 0, TT_PLAN_EXACT };
	int rc = tt_plan_simulate(&p, rule, nR, nT, truth, &o);
	if (rc)
		fail_msg("tt_plan_simulate(%zu, %zu): %s", nR, nT, tt_error_last());
	assert_int_equal(p.replicates, replicates);
	return p;
}

/* A simulated value against an expected one with its own Monte Carlo error
 * (0 for an exact value): within 4 combined standard errors. */
static void check_mc(tt_plan_prob got, double expected, double expected_error, const char *label)
{
	double tol = 4.0 * sqrt(got.mc_error * got.mc_error + expected_error * expected_error);
	tt_assert_abs(got.p, expected, tol, label);
}

/* ---- METHODS.md ---- */

static void methods_study_level_values(void **state)
{
	(void)state;
	/* METHODS.md: margin 1.5 sR estimated, delta 0, simulation 10^6:
	 * printed to 3 digits, each within 0.0005 of its own simulation's
	 * truth by rounding and within 3 x 0.0005 by Monte Carlo error. */
	const double tol = 0.0015;
	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	tt_plan_rule p = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_POOLED);
	tt_plan_truth t = truth_of(0, 1);
	tt_assert_abs(exact(&w, 5, 5, &t), 0.343, tol, "Welch 5 vs 5 = 0.343 (METHODS.md)");
	tt_assert_abs(exact(&w, 10, 10, &t), 0.812, tol, "Welch 10 vs 10 = 0.812 (METHODS.md)");
	tt_assert_abs(exact(&w, 3, 10, &t), 0.004, tol, "Welch 3 vs 10 = 0.004 (METHODS.md)");
	tt_assert_abs(exact(&p, 3, 3, &t), 0.058, tol, "pooled 3 vs 3 = 0.058 (METHODS.md)");
	tt_assert_abs(exact(&p, 5, 5, &t), 0.356, tol, "pooled 5 vs 5 = 0.356 (METHODS.md)");
	tt_assert_abs(exact(&p, 10, 10, &t), 0.815, tol, "pooled 10 vs 10 = 0.815 (METHODS.md)");
	tt_assert_abs(exact(&p, 3, 10, &t), 0.317, tol, "pooled 3 vs 10 = 0.317 (METHODS.md)");
	/* The eighth value, Welch 3 vs 3, is exactly 0: see below. */
	assert_true(exact(&w, 3, 3, &t) == 0.0);
}

static void methods_known_margin_power(void **state)
{
	(void)state;
	/* PowerTOST's power.TOST(method = "exact") as published
	 * (tests/reference/published.tsv): TOST power with the margin known,
	 * in units of the sd: the pooled rule with an absolute margin through
	 * the plan's integral and through tt_tost_power. */
	for (size_t i = 0; i < tt_refdata_pub_power_count; i++) {
		const tt_refdata_pub_power *e = &tt_refdata_pub_power_cases[i];
		tt_plan_truth t = truth_of(e->delta, 1);
		tt_plan_rule r = equivalence(TT_MARGIN_ABSOLUTE, e->margin, TT_VARIANCE_POOLED);
		r.alpha = e->alpha;
		char label[192];
		snprintf(label, sizeof label, "known margin %zu vs %zu = %g (%s)", e->n_ref,
			 e->n_test, e->power, e->source);
		double p = exact(&r, e->n_ref, e->n_test, &t);
		tt_assert_abs(p, e->power, e->half_unit, label);
		tt_power_options po = { 1.0, -e->margin, e->margin, e->delta, e->alpha };
		double q = NAN;
		assert_int_equal(tt_tost_power(&q, e->n_ref, e->n_test, &po), 0);
		tt_assert_abs(p, q, 1e-10, "plan integral = tt_tost_power (Owen's Q)");
	}
}

/*
 * Welch, 3 vs 3, margin 1.5 sR: the CI's half-width always exceeds the
 * margin, so the rule cannot pass.  With u = sT/sR, h/sR = g(u) =
 * t(0.95, df(u)) sqrt((1 + u^2)/3), df(u) = 2 (1 + u^2)^2 / (1 + u^4) in
 * [2, 4]; g(0) = t(0.95, 2)/sqrt(3) = 1.686, g grows without bound, and
 * its minimum, near u = 0.55, is about 1.53 > 1.5.  The plan's integral
 * must then be 0.0 exactly, not merely small.
 */
static void welch_3v3_is_exactly_zero(void **state)
{
	(void)state;
	double g_min = INFINITY;
	for (int i = 0; i <= 200000; i++) {
		double u = i * 1e-4; /* 0 to 20; beyond, g > t(0.95, 4) u / sqrt(3) > 40 */
		double u2 = u * u;
		double df = 2.0 * (1.0 + u2) * (1.0 + u2) / (1.0 + u2 * u2);
		double g = gsl_cdf_tdist_Qinv(0.05, df) * sqrt((1.0 + u2) / 3.0);
		if (g < g_min)
			g_min = g;
	}
	tt_assert_abs(g_min, 1.53, 0.01, "min over u of h/sR, Welch 3 vs 3");
	assert_true(g_min > 1.5);

	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	tt_plan_truth t = truth_of(0, 1);
	assert_true(exact(&w, 3, 3, &t) == 0.0);
	/* Whatever the truth: the rule depends on the data only through
	 * sR and sT, and h > D for every pair. */
	tt_plan_truth t2 = truth_of(0.5, 1.5);
	assert_true(exact(&w, 3, 3, &t2) == 0.0);
	tt_plan_prob p;
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	assert_int_equal(tt_plan_pass_probability(&p, &w, 3, 3, &t, &o), 0);
	assert_true(p.p == 0.0);
	assert_true(p.mc_error == 0.0);
	assert_int_equal(p.method, TT_PLAN_EXACT);
	/* No replicate of a simulation passes either. */
	tt_plan_prob s = simulated(&w, 3, 3, &t, 200000, 2);
	assert_true(s.p == 0.0);
	/* 2 vs 2 likewise (R: 0). */
	assert_true(exact(&w, 2, 2, &t) == 0.0);
}

/* ---- the integrals against R (tests/reference/plan.out, section 1, 2) ---- */

static void integrals_match_r(void **state)
{
	(void)state;
	struct {
		const char *label;
		size_t nR, nT;
		tt_margin_type type;
		double margin;
		tt_variance var;
		double delta, ratio, want;
	} c[] = {
		{ "Welch sigma 1.5 5v5 (plan.R)", 5, 5, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH, 0,
		  1, 0.342711928221 },
		{ "Welch sigma 1.5 10v10 (plan.R)", 10, 10, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH,
		  0, 1, 0.812382252590 },
		{ "Welch sigma 1.5 3v10 (plan.R)", 3, 10, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH,
		  0, 1, 0.004154423656 },
		{ "pooled sigma 1.5 3v3 (plan.R)", 3, 3, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_POOLED,
		  0, 1, 0.057676420675 },
		{ "pooled sigma 1.5 5v5 (plan.R)", 5, 5, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_POOLED,
		  0, 1, 0.355321151270 },
		{ "pooled sigma 1.5 10v10 (plan.R)", 10, 10, TT_MARGIN_SIGMA, 1.5,
		  TT_VARIANCE_POOLED, 0, 1, 0.815297618073 },
		{ "pooled sigma 1.5 3v10 (plan.R)", 3, 10, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_POOLED,
		  0, 1, 0.316121948960 },
		{ "Welch sigma 1.5 6v6 delta 0.5 ratio 1.5 (plan.R)", 6, 6, TT_MARGIN_SIGMA, 1.5,
		  TT_VARIANCE_WELCH, 0.5, 1.5, 0.195020102977 },
		{ "Welch sigma 1.5 10v10 delta 1.5: patient's risk (plan.R)", 10, 10,
		  TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH, 1.5, 1, 0.061086182986 },
		{ "pooled sigma 2 4v8 delta 0.25 ratio 1.5 (plan.R)", 4, 8, TT_MARGIN_SIGMA, 2,
		  TT_VARIANCE_POOLED, 0.25, 1.5, 0.389615622716 },
		{ "Welch sigma 3 2v30 (plan.R)", 2, 30, TT_MARGIN_SIGMA, 3, TT_VARIANCE_WELCH, 0, 1,
		  0.058875742022 },
		{ "Welch absolute 1.5 5v5 delta 0.25 ratio 1.5 (plan.R)", 5, 5, TT_MARGIN_ABSOLUTE,
		  1.5, TT_VARIANCE_WELCH, 0.25, 1.5, 0.146922518557 },
		{ "pooled absolute 1.5 3v3 (plan.R)", 3, 3, TT_MARGIN_ABSOLUTE, 1.5,
		  TT_VARIANCE_POOLED, 0, 1, 0.153181391049 },
		{ "pooled absolute 1.5 10v10 (plan.R)", 10, 10, TT_MARGIN_ABSOLUTE, 1.5,
		  TT_VARIANCE_POOLED, 0, 1, 0.885727271873 },
		{ "Welch absolute 2 8v4 delta 1 ratio 0.7 (plan.R)", 8, 4, TT_MARGIN_ABSOLUTE, 2,
		  TT_VARIANCE_WELCH, 1, 0.7, 0.565988241708 },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		tt_plan_rule r = equivalence(c[i].type, c[i].margin, c[i].var);
		tt_plan_truth t = truth_of(c[i].delta, c[i].ratio);
		tt_assert_abs(exact(&r, c[i].nR, c[i].nT, &t), c[i].want, 1e-9, c[i].label);
	}
	/* A ratio margin r is an absolute margin ln r on the log scale, in
	 * units of the sd of the logs. */
	tt_plan_rule ratio = equivalence(TT_MARGIN_RATIO, exp(1.5 * 0.2), TT_VARIANCE_POOLED);
	tt_plan_truth t = truth_of(0, 1);
	t.sd = 0.2;
	tt_assert_abs(exact(&ratio, 3, 3, &t), 0.153181391049, 1e-9,
		      "ratio margin exp(0.3), sd of logs 0.2 = absolute 1.5 sd (plan.R)");
	/* An absolute margin is in data units: 3 with sd 2 is 1.5 sds. */
	tt_plan_rule abs3 = equivalence(TT_MARGIN_ABSOLUTE, 3, TT_VARIANCE_POOLED);
	t.sd = 2;
	tt_assert_abs(exact(&abs3, 10, 10, &t), 0.885727271873, 1e-9,
		      "absolute 3, sd 2 = 1.5 sds (plan.R)");
}

static void paired_absolute_matches_r(void **state)
{
	(void)state;
	tt_plan_rule r = equivalence(TT_MARGIN_ABSOLUTE, 1.5, TT_VARIANCE_WELCH);
	r.design = TT_DESIGN_PAIRED;
	tt_plan_truth t = truth_of(0.25, 1);
	t.correlation = 0.5;
	tt_assert_abs(exact(&r, 6, 6, &t), 0.812215796538, 1e-9,
		      "paired absolute 1.5, 6 pairs, rho 0.5, delta 0.25 (plan.R)");
	r.margin = 1;
	t = truth_of(0, 1.5);
	t.correlation = 0.8;
	tt_assert_abs(exact(&r, 10, 10, &t), 0.869520506520, 1e-9,
		      "paired absolute 1, 10 pairs, rho 0.8, ratio 1.5 (plan.R)");
	/* Extra source lots do not enter a paired known-margin rule. */
	tt_assert_abs(exact(&r, 14, 10, &t), 0.869520506520, 1e-9,
		      "paired, 14 source lots and 10 pairs (plan.R)");
	/* sd of differences sigma sqrt(2 (1 - rho)): rho 0.5 gives sigma,
	 * so the paired rule is the one-sample TOST with sd 1. */
	tt_plan_rule one = equivalence(TT_MARGIN_ABSOLUTE, 1.0, TT_VARIANCE_WELCH);
	one.design = TT_DESIGN_PAIRED;
	tt_plan_truth half = truth_of(0, 1);
	half.correlation = 0.5;
	tt_plan_truth zero = truth_of(0, 1);
	zero.correlation = 0.0;
	double p_half = exact(&one, 8, 8, &half);
	one.margin = sqrt(2.0);
	double p_zero = exact(&one, 8, 8, &zero);
	tt_assert_abs(p_half, p_zero, 1e-12, "rho 0 with margin sqrt 2 = rho 0.5 with margin 1");
}

/* ---- simulation against the formulas and against R ---- */

static void simulation_agrees_with_integral(void **state)
{
	(void)state;
	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	tt_plan_rule p = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_POOLED);
	tt_plan_truth t0 = truth_of(0, 1);
	tt_plan_truth t1 = truth_of(0.5, 1.5);
	check_mc(simulated(&w, 5, 5, &t0, 1000000, 0), 0.342711928221, 0,
		 "simulated Welch 5v5 vs integral");
	check_mc(simulated(&w, 3, 10, &t0, 1000000, 0), 0.004154423656, 0,
		 "simulated Welch 3v10 vs integral");
	check_mc(simulated(&p, 10, 10, &t0, 1000000, 0), 0.815297618073, 0,
		 "simulated pooled 10v10 vs integral");
	check_mc(simulated(&w, 6, 6, &t1, 1000000, 0), 0.195020102977, 0,
		 "simulated Welch 6v6 delta 0.5 ratio 1.5 vs integral");
	tt_plan_rule a = equivalence(TT_MARGIN_ABSOLUTE, 1.5, TT_VARIANCE_WELCH);
	tt_plan_truth t2 = truth_of(0.25, 1.5);
	check_mc(simulated(&a, 5, 5, &t2, 1000000, 0), 0.146922518557, 0,
		 "simulated Welch absolute 5v5 vs integral");
	tt_plan_rule pa = a;
	pa.design = TT_DESIGN_PAIRED;
	tt_plan_truth t3 = truth_of(0.25, 1);
	t3.correlation = 0.5;
	check_mc(simulated(&pa, 6, 6, &t3, 1000000, 0), 0.812215796538, 0,
		 "simulated paired absolute 6 pairs vs integral");
	/* Far corners of the integral: very unequal lot counts and sd
	 * ratios, where one site's sd dominates Welch's df. */
	struct {
		size_t nR, nT;
		tt_margin_type type;
		double margin;
		tt_variance var;
		double delta, ratio;
	} far[] = {
		{ 2, 200, TT_MARGIN_ABSOLUTE, 2.5, TT_VARIANCE_WELCH, 0, 5 },
		{ 200, 2, TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH, 0.3, 0.2 },
		{ 100, 100, TT_MARGIN_SIGMA, 0.4, TT_VARIANCE_WELCH, 0, 0.2 },
		{ 50, 7, TT_MARGIN_ABSOLUTE, 0.8, TT_VARIANCE_POOLED, 0.3, 1 },
	};
	for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
		tt_plan_rule r = equivalence(far[i].type, far[i].margin, far[i].var);
		tt_plan_truth t = truth_of(far[i].delta, far[i].ratio);
		char label[96];
		snprintf(label, sizeof label, "simulated vs integral, %zu vs %zu, ratio %g",
			 far[i].nR, far[i].nT, far[i].ratio);
		check_mc(simulated(&r, far[i].nR, far[i].nT, &t, 200000, 0),
			 exact(&r, far[i].nR, far[i].nT, &t), 0, label);
	}
}

static void simulation_agrees_with_r(void **state)
{
	(void)state;
	/* tests/reference/plan.out, section 3 (10^6 replicates each). */
	tt_plan_rule qr = TT_PLAN_RULE_INIT;
	qr.approach = TT_APPROACH_QUALITY_RANGE;
	qr.k = 3;
	qr.min_fraction = 0.9;
	tt_plan_truth t = truth_of(0, 1);
	check_mc(simulated(&qr, 10, 10, &t, 1000000, 0), 0.965352, 0.000183,
		 "quality range 10v10 (plan.R)");
	t = truth_of(0.5, 1.5);
	check_mc(simulated(&qr, 6, 6, &t, 1000000, 0), 0.556649, 0.000497,
		 "quality range 6v6 delta 0.5 ratio 1.5 (plan.R)");
	qr.k = 2;
	qr.min_fraction = 0.8;
	t = truth_of(1, 1);
	check_mc(simulated(&qr, 5, 10, &t, 1000000, 0), 0.568909, 0.000495,
		 "quality range k 2 f 0.8 5v10 delta 1 (plan.R)");

	tt_plan_rule ti = TT_PLAN_RULE_INIT;
	ti.approach = TT_APPROACH_TOLERANCE_INTERVAL;
	t = truth_of(0, 1);
	check_mc(simulated(&ti, 10, 10, &t, 1000000, 0), 0.981665, 0.000134,
		 "tolerance exact 0.99/0.95 10v10 (plan.R)");
	t = truth_of(0.5, 1.5);
	check_mc(simulated(&ti, 10, 10, &t, 1000000, 0), 0.839149, 0.000367,
		 "tolerance exact 0.99/0.95 10v10 delta 0.5 ratio 1.5 (plan.R)");
	ti.ti.method = TT_TI_HOWE;
	ti.ti.content = 0.95;
	ti.ti.confidence = 0.90;
	t = truth_of(0.25, 1);
	check_mc(simulated(&ti, 8, 5, &t, 1000000, 0), 0.919053, 0.000273,
		 "tolerance Howe 0.95/0.90 8v5 delta 0.25 (plan.R)");
	ti.ti.method = TT_TI_EXACT;
	ti.ti.confidence = 0.95;
	ti.ti.sides = 1;
	ti.ti.direction = TT_DIRECTION_LOWER;
	t = truth_of(-0.5, 1);
	check_mc(simulated(&ti, 12, 6, &t, 1000000, 0), 0.841562, 0.000365,
		 "tolerance one-sided lower 0.95/0.95 12v6 delta -0.5 (plan.R)");

	tt_plan_rule mm = TT_PLAN_RULE_INIT;
	mm.approach = TT_APPROACH_MIN_MAX;
	t = truth_of(0.5, 1.5);
	check_mc(simulated(&mm, 5, 5, &t, 1000000, 0), 0.067367, 0.000251,
		 "min-max 5v5 delta 0.5 ratio 1.5 (plan.R)");
	t = truth_of(0, 0.5);
	check_mc(simulated(&mm, 10, 3, &t, 1000000, 0), 0.905380, 0.000293,
		 "min-max 10v3 ratio 0.5 (plan.R)");

	tt_plan_rule pc = equivalence(TT_MARGIN_PERCENT, 10, TT_VARIANCE_WELCH);
	t = truth_of(0, 1);
	t.mean = 20;
	check_mc(simulated(&pc, 6, 6, &t, 1000000, 0), 0.875176, 0.000331,
		 "percent 10, mean 20 sds, Welch 6v6 (plan.R)");
	pc.margin = 5;
	t = truth_of(0.5, 1);
	t.mean = 40;
	check_mc(simulated(&pc, 8, 8, &t, 1000000, 0), 0.877017, 0.000328,
		 "percent 5, mean 40 sds, Welch 8v8 delta 0.5 (plan.R)");
	/* The percent margin is scale-free: mean 200 with sd 10 is the
	 * same truth as mean 20 with sd 1. */
	pc.margin = 10;
	t = truth_of(0, 1);
	t.mean = 200;
	t.sd = 10;
	check_mc(simulated(&pc, 6, 6, &t, 1000000, 0), 0.875176, 0.000331,
		 "percent 10, mean 200, sd 10, Welch 6v6 (plan.R)");

	tt_plan_rule ps = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	ps.design = TT_DESIGN_PAIRED;
	t = truth_of(0, 1);
	t.correlation = 0.6;
	check_mc(simulated(&ps, 8, 8, &t, 1000000, 0), 0.922936, 0.000267,
		 "paired sigma 1.5, 8 pairs, rho 0.6 (plan.R)");
	t = truth_of(0.5, 1);
	t.correlation = 0.3;
	check_mc(simulated(&ps, 5, 5, &t, 1000000, 0), 0.362798, 0.000481,
		 "paired sigma 1.5, 5 pairs, rho 0.3, delta 0.5 (plan.R)");
}

static void min_max_formula(void **state)
{
	(void)state;
	/* nR(nR-1)/((nR+nT)(nR+nT-1)) by hand. */
	tt_assert_rel(tt_plan_min_max_identical(3, 3), 6.0 / 30.0, 1e-15, "min-max 3v3 = 1/5");
	tt_assert_rel(tt_plan_min_max_identical(5, 5), 20.0 / 90.0, 1e-15, "min-max 5v5 = 2/9");
	tt_assert_rel(tt_plan_min_max_identical(10, 3), 90.0 / 156.0, 1e-15,
		      "min-max 10v3 = 90/156");
	tt_assert_rel(tt_plan_min_max_identical(2, 10), 2.0 / 132.0, 1e-15, "min-max 2v10 = 2/132");
	/* Equal counts: (n - 1)/(2 (2n - 1)) < 1/4, never 0.8. */
	tt_assert_rel(tt_plan_min_max_identical(100, 100), 99.0 / 398.0, 1e-14,
		      "min-max 100v100 = 99/398");

	tt_plan_rule mm = TT_PLAN_RULE_INIT;
	mm.approach = TT_APPROACH_MIN_MAX;
	tt_plan_truth t = truth_of(0, 1);
	tt_plan_prob p;
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	assert_int_equal(tt_plan_pass_probability(&p, &mm, 5, 5, &t, &o), 0);
	assert_int_equal(p.method, TT_PLAN_EXACT);
	tt_assert_rel(p.p, 2.0 / 9.0, 1e-15, "min-max 5v5 through the dispatcher");
	/* The simulation agrees with the formula (and with R: 0.221826). */
	check_mc(simulated(&mm, 5, 5, &t, 1000000, 0), 2.0 / 9.0, 0, "simulated min-max 5v5");
	check_mc(simulated(&mm, 10, 3, &t, 1000000, 0), 90.0 / 156.0, 0, "simulated min-max 10v3");
	check_mc(simulated(&mm, 3, 8, &t, 1000000, 0), 6.0 / 110.0, 0, "simulated min-max 3v8");
}

static void order_statistic_formula(void **state)
{
	(void)state;
	/* C(N - 2r, nT)/C(N, nT): r = 2, nR = 10, nT = 4: C(10, 4)/C(14, 4)
	 * = 210/1001; one-sided C(12, 4)/C(14, 4) = 495/1001. */
	tt_assert_rel(tt_plan_order_identical(10, 4, 2, 2), 210.0 / 1001.0, 1e-15,
		      "order 2 of 10, 4 receiving, two-sided");
	tt_assert_rel(tt_plan_order_identical(10, 4, 2, 1), 495.0 / 1001.0, 1e-15,
		      "order 2 of 10, 4 receiving, one-sided");
	assert_true(tt_plan_order_identical(3, 4, 2, 2) == 0.0);

	/* Nonparametric content 0.8, confidence 0.9 at nR = 40: Wilks's
	 * order r (two-sided 1 - pbinom(40 - 2r, 40, 0.8) >= 0.9 ... here
	 * taken from tt_ti_nonparametric_order) against the simulation. */
	tt_plan_rule np = TT_PLAN_RULE_INIT;
	np.approach = TT_APPROACH_TOLERANCE_INTERVAL;
	np.ti.method = TT_TI_NONPARAMETRIC;
	np.ti.content = 0.8;
	np.ti.confidence = 0.9;
	size_t r = 0;
	assert_int_equal(tt_ti_nonparametric_order(&r, NULL, 40, &np.ti), 0);
	assert_true(r >= 1);
	tt_plan_truth t = truth_of(0, 1);
	double want = tt_plan_order_identical(40, 6, r, 2);
	tt_assert_rel(exact(&np, 40, 6, &t), want, 1e-15, "nonparametric 40v6 exact");
	check_mc(simulated(&np, 40, 6, &t, 400000, 0), want, 0, "simulated nonparametric 40v6");
	np.ti.sides = 1;
	np.ti.direction = TT_DIRECTION_UPPER;
	assert_int_equal(tt_ti_nonparametric_order(&r, NULL, 40, &np.ti), 0);
	want = tt_plan_order_identical(40, 6, r, 1);
	check_mc(simulated(&np, 40, 6, &t, 400000, 0), want, 0,
		 "simulated nonparametric one-sided upper 40v6");
	/* 0.99/0.95 two-sided needs 473 lots: at 100 it never passes. */
	np.ti.sides = 2;
	np.ti.direction = TT_DIRECTION_NONE;
	np.ti.content = 0.99;
	np.ti.confidence = 0.95;
	tt_plan_truth shifted = truth_of(0.5, 1);
	assert_true(tt_plan_has_exact(&np, 100, 10, &shifted));
	assert_true(exact(&np, 100, 10, &shifted) == 0.0);
}

/* ---- determinism ---- */

static void same_numbers_for_any_thread_count(void **state)
{
	(void)state;
	tt_plan_rule rules[4];
	rules[0] = (tt_plan_rule)TT_PLAN_RULE_INIT;
	rules[0].approach = TT_APPROACH_QUALITY_RANGE;
	rules[1] = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	rules[2] = (tt_plan_rule)TT_PLAN_RULE_INIT;
	rules[2].approach = TT_APPROACH_TOLERANCE_INTERVAL;
	rules[3] = equivalence(TT_MARGIN_PERCENT, 10, TT_VARIANCE_WELCH);
	tt_plan_truth t = truth_of(0.25, 1.5);
	t.mean = 20;
	for (int i = 0; i < 4; i++) {
		tt_plan_prob got[3];
		const int threads[3] = { 1, 2, 5 };
		for (int k = 0; k < 3; k++) {
			tt_plan_options o = TT_PLAN_OPTIONS_INIT;
			/* 125000 asked, 13 whole blocks run. */
			o.min_replicates = o.max_replicates = 125000;
			o.threads = threads[k];
			assert_int_equal(tt_plan_simulate(&got[k], &rules[i], 7, 5, &t, &o), 0);
			assert_int_equal(got[k].replicates, 13 * TT_PLAN_BLOCK);
		}
		assert_true(got[0].p == got[1].p);
		assert_true(got[0].p == got[2].p);
		assert_true(got[0].mc_error == got[1].mc_error);
	}
	/* Another seed gives other numbers. */
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	tt_plan_prob s1, s2;
	assert_int_equal(tt_plan_simulate(&s1, &rules[0], 7, 5, &t, &o), 0);
	o.seed = 2;
	assert_int_equal(tt_plan_simulate(&s2, &rules[0], 7, 5, &t, &o), 0);
	assert_true(s1.p != s2.p);
}

static void replicates_adapt_to_the_error_wanted(void **state)
{
	(void)state;
	tt_plan_rule qr = TT_PLAN_RULE_INIT;
	qr.approach = TT_APPROACH_QUALITY_RANGE;
	tt_plan_truth t = truth_of(1.0, 1.5); /* p near 0.5: the largest error */
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	tt_plan_prob p;
	assert_int_equal(tt_plan_simulate(&p, &qr, 6, 6, &t, &o), 0);
	assert_true(p.mc_error <= 0.002);
	assert_int_equal(p.replicates, 100000);
	o.mc_error = 0.0005;
	assert_int_equal(tt_plan_simulate(&p, &qr, 6, 6, &t, &o), 0);
	assert_true(p.mc_error <= 0.0005);
	assert_true(p.replicates >= 4 * 250000 * p.p * (1 - p.p) * 0.99);
	/* The cap wins over the error. */
	o.mc_error = 1e-6;
	o.max_replicates = 300000;
	assert_int_equal(tt_plan_simulate(&p, &qr, 6, 6, &t, &o), 0);
	assert_int_equal(p.replicates, 300000);
	assert_true(p.mc_error > 1e-6);
	/* The error formula: sqrt(p (1 - p)/R) with p moved half a replicate
	 * towards 1/2. */
	double pe = (p.p * 300000 + 0.5) / 300001.0;
	tt_assert_rel(p.mc_error, sqrt(pe * (1 - pe) / 300000), 1e-12, "mc_error formula");
}

/* ---- the ziggurat ---- */

static void normal_deviates_match_python(void **state)
{
	(void)state;
	/* plan_reference.out, "seed 1 normal". */
	static const double seed1[8] = { -0x1.41f13ab340fcbp-1, -0x1.5e3d3deb13b62p-1,
					 -0x1.1caa30e123b41p+1, 0x1.fe30ff7b8b80ep-1,
					 -0x1.f7c707b9dd8b1p-1, 0x1.5be0fe9bd5003p-1,
					 0x1.ba98ec471ceccp-4,  0x1.05aee1cf24e9dp+0 };
	tt_rng rng;
	tt_rng_seed(&rng, 1);
	for (int i = 0; i < 8; i++)
		assert_true(tt_plan_normal(&rng) == seed1[i]);
	/* "seed 20240917 stream 2 normal". */
	static const double stream2[4] = { 0x1.352439db6a742p+0, -0x1.2a8be568913bdp-1,
					   0x1.a8d7352e95ffdp+0, 0x1.59be650835b66p+0 };
	tt_rng_stream(&rng, 20240917, 2);
	for (int i = 0; i < 4; i++)
		assert_true(tt_plan_normal(&rng) == stream2[i]);
	/* "seed 7 200000 normals": 1596 wedges and 39 tails on the way. */
	tt_rng_seed(&rng, 7);
	double sum = 0.0, last = 0.0;
	for (int i = 0; i < 200000; i++) {
		last = tt_plan_normal(&rng);
		sum += last;
	}
	assert_true(sum == -0x1.25e0ba33ac35ep+7);
	assert_true(last == -0x1.9039e44f8ba57p-3);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void normal_deviates_are_normal(void **state)
{
	(void)state;
	const size_t n = 1000000;
	double *z = malloc(n * sizeof *z);
	assert_non_null(z);
	tt_rng rng;
	tt_rng_seed(&rng, 11);
	double s1 = 0, s2 = 0, s4 = 0;
	size_t tail = 0;
	for (size_t i = 0; i < n; i++) {
		z[i] = tt_plan_normal(&rng);
		s1 += z[i];
		s2 += z[i] * z[i];
		s4 += z[i] * z[i] * z[i] * z[i];
		tail += fabs(z[i]) > 3.6541528853610088;
	}
	/* Moments within 5 standard errors: mean (se 1/sqrt n), variance
	 * (se sqrt(2/n)), fourth moment 3 (se sqrt(96/n)). */
	tt_assert_abs(s1 / n, 0.0, 5.0 / 1000.0, "mean of 10^6 deviates");
	tt_assert_abs(s2 / n, 1.0, 5.0 * sqrt(2.0 / n), "variance of 10^6 deviates");
	tt_assert_abs(s4 / n, 3.0, 5.0 * sqrt(96.0 / n), "fourth moment of 10^6 deviates");
	/* The tail beyond r, which only the tail algorithm makes. */
	double pt = 2.0 * gsl_cdf_ugaussian_Q(3.6541528853610088);
	tt_assert_abs((double)tail / n, pt, 5.0 * sqrt(pt / n), "share beyond r = 2 Q(r)");
	/* Kolmogorov-Smirnov distance against Phi, below the 1% critical
	 * value 1.628/sqrt(n). */
	qsort(z, n, sizeof *z, cmp_double);
	double dmax = 0.0;
	for (size_t i = 0; i < n; i++) {
		double F = gsl_cdf_ugaussian_P(z[i]);
		double d1 = fabs((double)(i + 1) / n - F), d2 = fabs(F - (double)i / n);
		dmax = fmax(dmax, fmax(d1, d2));
	}
	assert_true(dmax < 1.628 / sqrt((double)n));
	free(z);
}

/* ---- the simulation decides as the analysis does ---- */

static void decisions_match_the_library(void **state)
{
	(void)state;
	tt_rng rng;
	tt_rng_seed(&rng, 99);
	double x[12], y[12], ex[12], ey[12];
	int agree = 0, passes = 0, total = 0;
	for (int kind = 0; kind < 10; kind++) {
		for (int rep = 0; rep < 400; rep++) {
			size_t nx = 3 + tt_rng_uniform_index(&rng, 9);
			size_t ny = 3 + tt_rng_uniform_index(&rng, 9);
			double shift = 0.6 * tt_rng_normal(&rng);
			for (size_t i = 0; i < nx; i++)
				x[i] = 5.0 + 0.3 * tt_rng_normal(&rng);
			for (size_t j = 0; j < ny; j++)
				y[j] = 5.0 + shift + 0.3 * tt_rng_normal(&rng);
			tt_plan_rule rule = TT_PLAN_RULE_INIT;
			bool want = false;
			switch (kind) {
			case 0:
			case 1: {
				rule = equivalence(TT_MARGIN_SIGMA, 1.5,
						   kind ? TT_VARIANCE_POOLED : TT_VARIANCE_WELCH);
				tt_tost_options o = TT_TOST_OPTIONS_INIT;
				o.margin_type = TT_MARGIN_SIGMA;
				o.margin = 1.5;
				o.variance = rule.variance;
				tt_tost_result r;
				assert_int_equal(tt_tost(&r, x, nx, y, ny, &o), 0);
				want = r.equivalent;
				break;
			}
			case 2: {
				rule = equivalence(TT_MARGIN_PERCENT, 6, TT_VARIANCE_WELCH);
				tt_tost_options o = TT_TOST_OPTIONS_INIT;
				o.margin_type = TT_MARGIN_PERCENT;
				o.margin = 6;
				tt_tost_result r;
				assert_int_equal(tt_tost(&r, x, nx, y, ny, &o), 0);
				want = r.equivalent;
				break;
			}
			case 3: {
				/* Ratio: the plan decides on ln values, tt_tost
				 * takes the values themselves. */
				rule = equivalence(TT_MARGIN_RATIO, 1.25, TT_VARIANCE_WELCH);
				for (size_t i = 0; i < nx; i++)
					ex[i] = exp(x[i] - 5.0);
				for (size_t j = 0; j < ny; j++)
					ey[j] = exp(y[j] - 5.0);
				tt_tost_options o = TT_TOST_OPTIONS_INIT;
				o.margin_type = TT_MARGIN_RATIO;
				o.margin = 1.25;
				tt_tost_result r;
				assert_int_equal(tt_tost(&r, ex, nx, ey, ny, &o), 0);
				want = r.equivalent;
				for (size_t i = 0; i < nx; i++)
					x[i] = log(ex[i]);
				for (size_t j = 0; j < ny; j++)
					y[j] = log(ey[j]);
				break;
			}
			case 4: {
				/* Paired, sigma margin from all source lots. */
				rule = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
				rule.design = TT_DESIGN_PAIRED;
				size_t np = nx < ny ? nx : ny;
				tt_tost_options o = TT_TOST_OPTIONS_INIT;
				o.margin_type = TT_MARGIN_SIGMA;
				o.margin = 1.5;
				o.paired = true;
				o.sigma_ref = tt_sd(x, nx);
				tt_tost_result r;
				assert_int_equal(tt_tost(&r, x, np, y, np, &o), 0);
				want = r.equivalent;
				break;
			}
			case 5: {
				rule.approach = TT_APPROACH_QUALITY_RANGE;
				rule.k = 2;
				rule.min_fraction = 0.7;
				tt_range_result r;
				assert_int_equal(tt_quality_range(&r, x, nx, y, ny, 2, 0.7, false),
						 0);
				want = r.pass;
				break;
			}
			case 6:
			case 7:
			case 8: {
				rule.approach = TT_APPROACH_TOLERANCE_INTERVAL;
				rule.ti.content = 0.9;
				rule.ti.confidence = 0.9;
				if (kind == 7) {
					rule.ti.sides = 1;
					rule.ti.direction = TT_DIRECTION_UPPER;
				}
				if (kind == 8) {
					rule.ti.method = TT_TI_NONPARAMETRIC;
					rule.ti.content = 0.5;
					rule.ti.confidence = 0.5;
				}
				tt_ti_result r;
				int rc = tt_tolerance_interval(&r, x, nx, &rule.ti, false);
				if (rc == TT_EDOMAIN) {
					want = false;
				} else {
					assert_int_equal(rc, 0);
					tt_range_result rr;
					tt_ti_compare(&rr, &r, &rule.ti, y, ny);
					want = rr.pass;
				}
				break;
			}
			default: {
				rule.approach = TT_APPROACH_MIN_MAX;
				tt_range_result r;
				assert_int_equal(tt_min_max(&r, x, nx, y, ny, false), 0);
				want = r.pass;
				break;
			}
			}
			bool got = !want;
			assert_int_equal(tt_plan_rule_passes(&got, &rule, x, nx, y, ny), 0);
			agree += got == want;
			passes += want;
			total++;
		}
	}
	assert_int_equal(agree, total);
	/* Both outcomes were met. */
	assert_true(passes > total / 10 && passes < total * 9 / 10);
}

/*
 * ---- and at the boundaries of each rule ----
 *
 * The library and the simulator compute their statistics in different
 * ways (compensated sums against plain ones), and decide with the same
 * functions (tt/stats/decide.h).  On small whole numbers whose mean is
 * whole too, every sum both take is exact, so their statistics are equal
 * to the bit and a margin or a bound placed exactly on what the library
 * computed is exactly on what the simulator computed: there a rule that
 * differed by as little as < against <= would show.
 */

/* n in [3, n_max] whole numbers with a whole mean and some spread in v.
 * With square, ss/(n - 1) is a perfect square too, so that the sd squared
 * that tt_tost takes for the variance is the variance exactly. */
static size_t exact_sample(tt_rng *rng, double *v, size_t n_max, bool square)
{
	for (;;) {
		size_t n = 3 + (size_t)tt_rng_uniform_index(rng, n_max - 2);
		long sum = 0;
		for (size_t i = 0; i < n; i++) {
			v[i] = (double)tt_rng_uniform_index(rng, 21);
			sum += (long)v[i];
		}
		long over = sum % (long)n;
		v[n - 1] -= (double)over;
		long mean = (sum - over) / (long)n, ss = 0;
		for (size_t i = 0; i < n; i++)
			ss += ((long)v[i] - mean) * ((long)v[i] - mean);
		if (ss == 0)
			continue;
		if (!square)
			return n;
		long var = ss / (long)(n - 1), sd = lround(sqrt((double)var));
		if (ss % (long)(n - 1) == 0 && sd * sd == var)
			return n;
	}
}

static bool simulator_passes(const tt_plan_rule *rule, const double *x, size_t nx, const double *y,
			     size_t ny)
{
	bool pass = false;
	if (tt_plan_rule_passes(&pass, rule, x, nx, y, ny))
		fail_msg("tt_plan_rule_passes: %s", tt_error_last());
	return pass;
}

/* An absolute margin one ulp inside, exactly on, and one ulp outside the
 * farther end of the interval: tt_tost and the simulator fail, fail and
 * pass alike, for Welch, pooled and paired tests. */
static void tost_decides_alike_at_the_margin(void **state)
{
	(void)state;
	tt_rng rng;
	tt_rng_seed(&rng, 2024);
	double x[9], y[9], e[9];
	for (int rep = 0; rep < 600; rep++) {
		tt_plan_rule rule =
			equivalence(TT_MARGIN_ABSOLUTE, 1.0,
				    rep % 3 == 1 ? TT_VARIANCE_POOLED : TT_VARIANCE_WELCH);
		tt_tost_options o = TT_TOST_OPTIONS_INIT;
		o.variance = rule.variance;
		size_t nx, ny;
		if (rep % 3 == 2) {
			/* Paired: the differences are the exact sample. */
			rule.design = TT_DESIGN_PAIRED;
			o.paired = true;
			nx = ny = exact_sample(&rng, e, 9, false);
			for (size_t i = 0; i < nx; i++) {
				x[i] = (double)tt_rng_uniform_index(&rng, 21);
				y[i] = x[i] + e[i];
			}
		} else {
			nx = exact_sample(&rng, x, 9, true);
			ny = exact_sample(&rng, y, 9, true);
		}
		tt_tost_result r;
		o.margin = 1e6;
		assert_int_equal(tt_tost(&r, x, nx, y, ny, &o), 0);
		double edge = fmax(-r.ci_lower, r.ci_upper);
		const double margins[3] = { nextafter(edge, 0.0), edge, nextafter(edge, INFINITY) };
		for (int k = 0; k < 3; k++) {
			o.margin = rule.margin = margins[k];
			assert_int_equal(tt_tost(&r, x, nx, y, ny, &o), 0);
			bool got = simulator_passes(&rule, x, nx, y, ny);
			if (got != r.equivalent || r.equivalent != (k == 2))
				fail_msg("%s, %zu vs %zu lots, CI [%.17g, %.17g], margin %.17g: "
					 "tt_tost %d, simulator %d, expected %d",
					 rep % 3 == 2 ? "paired"
					 : rep % 3    ? "pooled"
						      : "Welch",
					 nx, ny, r.ci_lower, r.ci_upper, margins[k], r.equivalent,
					 got, k == 2);
		}
	}
}

/* Receiving lots exactly on a quality range's bounds and one ulp outside,
 * as many inside as the fraction needs and one fewer. */
static void quality_range_decides_alike_at_the_bounds(void **state)
{
	(void)state;
	static const struct {
		double fraction;
		size_t n_test, need; /* need: the fewest inside that pass */
	} cases[] = {
		{ 0.9, 10, 9 },   { 0.56, 25, 14 }, { 0.56, 50, 28 }, { 0.07, 100, 7 },
		{ 0.95, 10, 10 }, { 0.95, 20, 19 }, { 1.0, 10, 10 },  { 0.0, 10, 0 },
		{ 0.7, 10, 7 },   { 0.3, 10, 3 },   { 0.5, 7, 4 },    { 0.85, 20, 17 },
		{ 0.1, 30, 3 },   { 0.6, 5, 3 },
	};
	static const double ks[] = { 1.0, 2.0, 2.5, 3.0, 1.7 };
	tt_rng rng;
	tt_rng_seed(&rng, 41);
	double x[9], y[100];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int rep = 0; rep < 20; rep++) {
			size_t nx = exact_sample(&rng, x, 9, false), nt = cases[i].n_test;
			double k = ks[rep % 5];
			tt_range_result r;
			assert_int_equal(tt_quality_range(&r, x, nx, x, nx, k, 0.5, false), 0);
			double lo = r.lower, hi = r.upper;
			tt_plan_rule rule = TT_PLAN_RULE_INIT;
			rule.approach = TT_APPROACH_QUALITY_RANGE;
			rule.k = k;
			rule.min_fraction = cases[i].fraction;
			for (size_t inside = cases[i].need ? cases[i].need - 1 : 0;
			     inside <= cases[i].need; inside++) {
				for (size_t j = 0; j < nt; j++) {
					if (j < inside)
						y[j] = j % 3 == 0   ? lo
						       : j % 3 == 1 ? hi
								    : 0.5 * (lo + hi);
					else
						y[j] = j % 2 ? nextafter(lo, -INFINITY)
							     : nextafter(hi, INFINITY);
				}
				assert_int_equal(tt_quality_range(&r, x, nx, y, nt, k,
								  cases[i].fraction, false),
						 0);
				bool got = simulator_passes(&rule, x, nx, y, nt);
				if (r.n_inside != inside || got != r.pass ||
				    r.pass != (inside >= cases[i].need))
					fail_msg("%zu of %zu inside [%.17g, %.17g] (counted %zu) "
						 "against %.17g: tt_quality_range %d, simulator %d",
						 inside, nt, lo, hi, r.n_inside, cases[i].fraction,
						 r.pass, got);
			}
		}
	}
}

/* Tolerance intervals (normal two- and one-sided, nonparametric) and
 * min-max: receiving lots on every bound that is closed pass, one lot an
 * ulp beyond one fails, for tt run's comparison and the simulator alike. */
static void intervals_decide_alike_at_the_bounds(void **state)
{
	(void)state;
	tt_rng rng;
	tt_rng_seed(&rng, 77);
	double x[12], y[4];
	int no_interval = 0;
	for (int rep = 0; rep < 600; rep++) {
		int kind = rep % 6;
		tt_plan_rule rule = TT_PLAN_RULE_INIT;
		rule.approach = kind == 5 ? TT_APPROACH_MIN_MAX : TT_APPROACH_TOLERANCE_INTERVAL;
		rule.ti.content = 0.9;
		rule.ti.confidence = 0.9;
		if (kind == 1)
			rule.ti.method = TT_TI_HOWE;
		if (kind == 2 || kind == 3) {
			rule.ti.sides = 1;
			rule.ti.direction = kind == 2 ? TT_DIRECTION_LOWER : TT_DIRECTION_UPPER;
		}
		if (kind == 4) {
			/* An interval from 8 lots on. */
			rule.ti.method = TT_TI_NONPARAMETRIC;
			rule.ti.content = 0.7;
			rule.ti.confidence = 0.7;
		}
		size_t nx = exact_sample(&rng, x, 12, false);
		/* tt run's bounds, with the sides a comparison opens. */
		tt_range_result r;
		tt_ti_result ti;
		if (kind == 5) {
			assert_int_equal(tt_min_max(&r, x, nx, x, 1, false), 0);
		} else {
			int rc = tt_tolerance_interval(&ti, x, nx, &rule.ti, false);
			if (rc == TT_EDOMAIN) {
				/* tt run: inconclusive; the simulator: no pass. */
				tt_error_clear();
				no_interval++;
				assert_false(simulator_passes(&rule, x, nx, x, nx));
				continue;
			}
			assert_int_equal(rc, 0);
			tt_ti_compare(&r, &ti, &rule.ti, x, 1);
		}
		double lo = r.lower, hi = r.upper;
		y[0] = isinf(lo) ? -1e300 : lo;
		y[1] = isinf(hi) ? 1e300 : hi;
		y[2] = 0.5 * (y[0] + y[1]);
		for (int out = 0; out < 3; out++) {
			/* out 0: all inside; 1: one below lo; 2: one above hi. */
			if ((out == 1 && isinf(lo)) || (out == 2 && isinf(hi)))
				continue;
			y[3] = out == 0   ? y[2]
			       : out == 1 ? nextafter(lo, -INFINITY)
					  : nextafter(hi, INFINITY);
			if (kind == 5)
				assert_int_equal(tt_min_max(&r, x, nx, y, 4, false), 0);
			else
				tt_ti_compare(&r, &ti, &rule.ti, y, 4);
			bool got = simulator_passes(&rule, x, nx, y, 4);
			if (got != r.pass || r.pass != (out == 0))
				fail_msg("kind %d, %zu source lots, bounds [%.17g, %.17g], lot "
					 "%.17g: "
					 "tt run %d, simulator %d",
					 kind, nx, lo, hi, y[3], r.pass, got);
		}
	}
	/* Of the 100 nonparametric cases, some had an interval and some not. */
	assert_true(no_interval > 0 && no_interval < 100);
}

/* ---- lot counts ---- */

static void lots_for_80(void **state)
{
	(void)state;
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	tt_plan_truth t = truth_of(0, 1);
	size_t n = 0;
	tt_plan_prob at;
	/* Welch, 1.5 sR: 10 vs 10 gives 0.812, so at most 10; the smallest
	 * is where the exact value first reaches 0.8. */
	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	assert_int_equal(tt_plan_lots_for(&n, &at, 0.8, TT_PLAN_MAX_LOTS, &w, &t, &o), 0);
	assert_int_equal(n, 10);
	assert_true(exact(&w, 9, 9, &t) < 0.8);
	tt_assert_abs(at.p, 0.812382252590, 1e-9, "lots_for_80 Welch: 10 at 0.812 (plan.R)");
	/* Min-max never reaches 0.8: (n-1)/(2(2n-1)) < 1/4. */
	tt_plan_rule mm = TT_PLAN_RULE_INIT;
	mm.approach = TT_APPROACH_MIN_MAX;
	assert_int_equal(tt_plan_lots_for(&n, &at, 0.8, TT_PLAN_MAX_LOTS, &mm, &t, &o), 0);
	assert_int_equal(n, 0);
	tt_assert_rel(at.p, 99.0 / 398.0, 1e-14, "min-max at 100 lots");
	/* Quality range, simulated: the n found passes 0.8 and n - 1, in
	 * full, does not. */
	tt_plan_rule qr = TT_PLAN_RULE_INIT;
	qr.approach = TT_APPROACH_QUALITY_RANGE;
	tt_plan_truth shifted = truth_of(1.0, 1);
	assert_int_equal(tt_plan_lots_for(&n, &at, 0.8, TT_PLAN_MAX_LOTS, &qr, &shifted, &o), 0);
	assert_true(n > 2);
	assert_true(at.p >= 0.8);
	tt_plan_prob below;
	assert_int_equal(tt_plan_pass_probability(&below, &qr, n - 1, n - 1, &shifted, &o), 0);
	assert_true(below.p < 0.8);
}

static void grid_of_lot_counts(void **state)
{
	(void)state;
	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	tt_plan_truth t = truth_of(0, 1);
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	tt_plan_grid g;
	assert_int_equal(tt_plan_grid_compute(&g, &w, 3, 5, 3, 10, &t, &o), 0);
	assert_int_equal(g.ns_lo, 3);
	assert_int_equal(g.nr_hi, 10);
	assert_true(g.cells[0].p == 0.0); /* 3 vs 3 */
	tt_assert_abs(g.cells[2 * 8 + 2].p, 0.342711928221, 1e-9, "grid 5 vs 5 (plan.R)");
	tt_assert_abs(g.cells[0 * 8 + 7].p, 0.004154423656, 1e-9, "grid 3 vs 10 (plan.R)");
	assert_int_equal(g.lots_for_80, 10);
	tt_plan_grid_free(&g);
	/* A range that decreases. */
	assert_int_equal(tt_plan_grid_compute(&g, &w, 3, 2, 3, 5, &t, &o), TT_EINVAL);
	assert_int_equal(tt_plan_grid_compute(&g, &w, 3, 5, 9, 4, &t, &o), TT_EINVAL);
	assert_int_equal(tt_plan_grid_compute(&g, &w, 1, 5, 3, 5, &t, &o), TT_EINVAL);
	assert_string_equal(tt_error_last(), "at least 2 source lots are needed, not 1");
}

/* ---- bad arguments ---- */

static void bad_arguments(void **state)
{
	(void)state;
	tt_plan_truth t = truth_of(0, 1);
	tt_plan_rule r = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	assert_int_equal(tt_plan_check(&r, 1, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "at least 2 source lots are needed, not 1");
	assert_int_equal(tt_plan_check(&r, 5, 1, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "at least 2 receiving lots are needed, not 1");
	assert_int_equal(tt_plan_check(&r, 5, 20000, &t), TT_EINVAL);
	r.alpha = 0.5;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "alpha must be between 0 and 0.5, not 0.5");
	r.alpha = 0.05;
	r.margin = 0;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the margin must be a positive number, not 0");
	r = equivalence(TT_MARGIN_RATIO, 0.8, TT_VARIANCE_WELCH);
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "a ratio margin must be above 1, not 0.8");
	r = equivalence(TT_MARGIN_ABSOLUTE, 2, TT_VARIANCE_WELCH);
	t.sd = 0;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the true sd must be a positive number, not 0");
	t.sd = 1;
	r = equivalence(TT_MARGIN_PERCENT, 10, TT_VARIANCE_WELCH);
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "a percent margin needs the true mean, and it must not be 0");
	r = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	r.design = TT_DESIGN_PAIRED;
	assert_int_equal(tt_plan_check(&r, 5, 1, &t), TT_EINVAL);
	t.correlation = 1.0;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the correlation must be between -1 and 1, not 1");
	t = truth_of(0, 0);
	r.design = TT_DESIGN_INDEPENDENT;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the sd ratio must be a positive number, not 0");
	t = truth_of(NAN, 1);
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	t = truth_of(0, 1);

	r = (tt_plan_rule)TT_PLAN_RULE_INIT;
	r.approach = TT_APPROACH_GRAPHICAL;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(), "approach 'graphical' has no pass probability");
	r.approach = TT_APPROACH_QUALITY_RANGE;
	r.min_fraction = 1.5;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	r.min_fraction = 0.9;
	r.k = -1;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	r = (tt_plan_rule)TT_PLAN_RULE_INIT;
	r.approach = TT_APPROACH_TOLERANCE_INTERVAL;
	r.ti.sides = 1;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "a one-sided tolerance interval needs a direction, lower or upper");
	r.ti.sides = 3;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);
	r.ti.sides = 2;
	r.ti.content = 1;
	assert_int_equal(tt_plan_check(&r, 5, 5, &t), TT_EINVAL);

	/* Options and searches. */
	r = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	tt_plan_prob p;
	o.mc_error = 0;
	assert_int_equal(tt_plan_pass_probability(&p, &r, 5, 5, &t, &o), TT_EINVAL);
	o = (tt_plan_options)TT_PLAN_OPTIONS_INIT;
	o.max_replicates = 10;
	assert_int_equal(tt_plan_simulate(&p, &r, 5, 5, &t, &o), TT_EINVAL);
	o = (tt_plan_options)TT_PLAN_OPTIONS_INIT;
	size_t n;
	assert_int_equal(tt_plan_lots_for(&n, &p, 1.0, 100, &r, &t, &o), TT_EINVAL);
	assert_int_equal(tt_plan_lots_for(&n, &p, 0.8, 1, &r, &t, &o), TT_EINVAL);
	/* No formula: the exact function says so. */
	tt_plan_rule qr = TT_PLAN_RULE_INIT;
	qr.approach = TT_APPROACH_QUALITY_RANGE;
	double v;
	assert_int_equal(tt_plan_exact(&v, &qr, 5, 5, &t), TT_EDOMAIN);
	assert_false(tt_plan_has_exact(&qr, 5, 5, &t));
}

/* ---- a study ---- */

static tt_plan_result *plan_file(const char *rel, int threads, tt_diags *d)
{
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	o.threads = threads;
	tt_plan_result *r = NULL;
	int rc = tt_plan_study_file(&r, tt_test_resource(rel), &o, false, d);
	if (rc) {
		tt_test_diags_dump(d);
		fail_msg("tt_plan_study_file(%s): %s", rel, tt_error_last());
	}
	return r;
}

static const tt_plan_comparison *find(const tt_plan_result *r, const char *attr)
{
	for (size_t i = 0; i < r->n_comparisons; i++)
		if (strcmp(r->comparisons[i].attribute, attr) == 0)
			return &r->comparisons[i];
	fail_msg("no comparison of '%s'", attr);
	return NULL;
}

static void study_without_data(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_plan_result *r = plan_file("plan/no-data.yaml", 0, &d);
	assert_int_equal(d.errors, 0);
	assert_string_equal(r->study_id, "plan-no-data");
	assert_true(r->seed == 7); /* the study's seed */
	assert_int_equal(r->n_comparisons, 7);
	tt_plan_truth t = truth_of(0, 1);

	/* viability: Welch, 1.5 sR, 10 vs 6 from the plan block; exact. */
	const tt_plan_comparison *v = find(r, "viability");
	assert_true(v->planned);
	assert_int_equal(v->n_source, 10);
	assert_int_equal(v->n_receiving, 6);
	assert_string_equal(tt_plan_from_name(v->counts_from), "plan");
	assert_string_equal(tt_plan_from_name(v->sd_from), "plan");
	tt_plan_rule w = equivalence(TT_MARGIN_SIGMA, 1.5, TT_VARIANCE_WELCH);
	assert_true(v->pass.p == exact(&w, 10, 6, &t));
	assert_int_equal(v->pass.method, TT_PLAN_EXACT);
	assert_true(v->pass.mc_error == 0.0);
	/* Scenarios: 0, 0.25, 0.5, 1 crossed with 1, 1.5; the first is the
	 * pass probability. */
	const double diffs[4] = { 0, 0.25, 0.5, 1 };
	for (int i = 0; i < TT_PLAN_N_SCENARIOS; i++) {
		assert_true(v->scenarios[i].difference_sd == diffs[i / 2]);
		assert_true(v->scenarios[i].sd_ratio == (i % 2 ? 1.5 : 1.0));
		tt_plan_truth ti = truth_of(diffs[i / 2], i % 2 ? 1.5 : 1.0);
		assert_true(v->scenarios[i].prob.p == exact(&w, 10, 6, &ti));
	}
	/* The patient's risk at the margin, 1.5 sds. */
	tt_assert_rel(v->patient_risk_difference_sd, 1.5, 0, "viability risk difference");
	tt_plan_truth at_margin = truth_of(1.5, 1);
	assert_true(v->patient_risk.p == exact(&w, 10, 6, &at_margin));
	assert_int_equal(v->lots_for_80, 10);
	assert_int_equal(v->n_by_lots, 29);
	assert_int_equal(v->lots[0], 2);
	assert_int_equal(v->lots[28], 30);
	assert_true(v->by_lots[1].p == 0.0); /* 3 vs 3 */
	assert_int_equal(v->n_by_difference, 16);
	tt_assert_rel(v->differences[15], 2.25, 1e-15, "curve to 1.5 margins");

	/* vcn: a ratio margin of 1.25 with the sd of the ln values 0.2 is an
	 * absolute margin ln 1.25 / 0.2 sds; pooled. */
	const tt_plan_comparison *c = find(r, "vcn");
	tt_plan_rule pr = equivalence(TT_MARGIN_RATIO, 1.25, TT_VARIANCE_POOLED);
	tt_plan_truth tl = truth_of(0, 1);
	tl.sd = 0.2;
	assert_true(c->pass.p == exact(&pr, 10, 6, &tl));
	tt_assert_rel(c->patient_risk_difference_sd, log(1.25) / 0.2, 1e-15,
		      "vcn risk difference ln(1.25)/0.2");

	/* potency: percent margin, simulated with the study's seed. */
	c = find(r, "potency");
	assert_int_equal(c->pass.method, TT_PLAN_SIMULATED);
	tt_plan_rule pp = equivalence(TT_MARGIN_PERCENT, 30, TT_VARIANCE_WELCH);
	tt_plan_truth tp = truth_of(0, 1);
	tp.sd = 400;
	tp.mean = 2000;
	tt_plan_options o = TT_PLAN_OPTIONS_INIT;
	o.seed = 7;
	tt_plan_prob sp;
	assert_int_equal(tt_plan_simulate(&sp, &pp, 10, 6, &tp, &o), 0);
	assert_true(c->pass.p == sp.p);
	assert_true(c->pass.mc_error <= 0.002);
	tt_assert_rel(c->patient_risk_difference_sd, 0.3 * 2000 / 400, 1e-15,
		      "potency risk difference 30% of 2000 / 400");

	/* min-max: 10 vs 6 identical sites, 10 9 / (16 15). */
	c = find(r, "tscm-fraction");
	tt_assert_rel(c->pass.p, 90.0 / 240.0, 1e-15, "min-max 10 vs 6 = 0.375");
	assert_int_equal(c->lots_for_80, 0);
	tt_assert_rel(c->patient_risk_difference_sd, 1.5, 0, "min-max risk at 1.5 sds");

	/* graphical: no pass probability, and not in the study's. */
	c = find(r, "phenotype-tem");
	assert_false(c->planned);
	assert_non_null(c->reason);
	double product = 1.0;
	for (size_t i = 0; i < r->n_comparisons; i++)
		if (r->comparisons[i].planned)
			product *= r->comparisons[i].pass.p;
	assert_true(r->has_study_pass);
	tt_assert_rel(r->study_pass_probability, product, 1e-15, "study = product");
	assert_true(r->study_mc_error > 0.0 && r->study_mc_error < 0.002);

	/* plan.json: the CONTRACT's fields. */
	tt_buf b = TT_BUF_INIT;
	tt_plan_render_json(&b, r);
	const char *want[] = { "\"study\": \"plan-no-data\"",
			       "\"comparisons\": [",
			       "\"attribute\": \"viability\"",
			       "\"approach\": \"equivalence\"",
			       "\"n_source\": 10",
			       "\"n_receiving\": 6",
			       "\"pass_probability\": ",
			       "\"mc_error\": 0,",
			       "\"scenarios\": [",
			       "\"difference_sd\": 0.25",
			       "\"sd_ratio\": 1.5",
			       "\"lots_for_80\": 10,",
			       "\"lots_for_80\": null",
			       "\"patient_risk\": ",
			       "\"study_pass_probability\": ",
			       "\"pass_probability\": null",
			       "\"approach\": \"graphical\"" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(b.data, want[i]))
			fail_msg("plan.json lacks %s", want[i]);
	tt_buf_free(&b);
	/* Markdown and HTML render (HTML without figures). */
	tt_plan_render_md(&b, r, NULL);
	assert_non_null(strstr(b.data, "## Summary"));
	assert_non_null(strstr(b.data, "| 1. viability | equivalence (TOST) | 10, 6 |"));
	tt_buf_free(&b);
	assert_int_equal(tt_plan_render_html(&b, r, NULL, RECORD), 0);
	assert_non_null(strstr(b.data, "<h2>Summary</h2>"));
	/* The record's identity, given by the folder writer, near the top and
	 * in the foot of every printed page. */
	assert_non_null(strstr(b.data,
			       "Record identity <code>0123456789abcdef</code> (the first 16 "
			       "hex digits of the SHA-256 of plan.json)"));
	assert_non_null(
		strstr(b.data, "@bottom-right{content:\"Record identity 0123456789abcdef\""));
	assert_non_null(strstr(b.data, "</html>"));
	tt_buf_free(&b);
	tt_plan_result_free(r);
	tt_diags_free(&d);
}

static void study_same_for_any_thread_count(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_plan_result *r1 = plan_file("plan/paired.yaml", 1, &d);
	tt_plan_result *r2 = plan_file("plan/paired.yaml", 2, &d);
	tt_buf a = TT_BUF_INIT, b = TT_BUF_INIT;
	tt_plan_render_json(&a, r1);
	tt_plan_render_json(&b, r2);
	assert_string_equal(a.data, b.data);
	tt_buf_free(&a);
	tt_buf_free(&b);
	tt_plan_result_free(r1);
	tt_plan_result_free(r2);
	tt_diags_free(&d);
}

static void study_paired(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_plan_result *r = plan_file("plan/paired.yaml", 0, &d);
	/* No correlation given: 0.5, with a warning and a note. */
	assert_int_equal(d.warnings, 1);
	char *msg = tt_diag_format(&d.items[0]);
	assert_non_null(strstr(msg, "plan/paired.yaml:9:5: warning: the paired design's "
				    "between-donor correlation is assumed to be 0.5; give it as "
				    "'correlation' in the plan block"));
	free(msg);
	assert_true(r->correlation_assumed);
	tt_assert_rel(r->correlation, 0.5, 0, "assumed correlation");
	assert_true(r->n_notes >= 1);
	assert_non_null(strstr(r->notes[0], "correlation"));
	/* Absolute margin 3 with sd 2: 1.5 sds; differences with sd
	 * sqrt(2 (1 - 0.5)) = 1; exact. */
	const tt_plan_comparison *c = find(r, "viability");
	tt_plan_rule pa = equivalence(TT_MARGIN_ABSOLUTE, 3, TT_VARIANCE_WELCH);
	pa.design = TT_DESIGN_PAIRED;
	tt_plan_truth t = truth_of(0, 1);
	t.sd = 2;
	t.correlation = 0.5;
	assert_true(c->pass.p == exact(&pa, 8, 8, &t));
	tt_plan_rule one = equivalence(TT_MARGIN_ABSOLUTE, 1.5, TT_VARIANCE_WELCH);
	one.design = TT_DESIGN_PAIRED;
	tt_plan_truth t1 = truth_of(0, 1);
	t1.correlation = 0.5;
	tt_assert_rel(c->pass.p, exact(&one, 8, 8, &t1), 1e-14, "3 with sd 2 = 1.5 sds");
	double p_half = c->pass.p;
	tt_plan_result_free(r);
	tt_diags_free(&d);

	/* With the correlation given, no warning, and a higher correlation
	 * passes more often. */
	tt_diags d2 = TT_DIAGS_INIT;
	r = plan_file("plan/paired-rho.yaml", 0, &d2);
	assert_int_equal(d2.warnings, 0);
	assert_false(r->correlation_assumed);
	t.correlation = 0.8;
	assert_true(r->comparisons[0].pass.p == exact(&pa, 8, 8, &t));
	assert_true(r->comparisons[0].pass.p > p_half);
	tt_plan_result_free(r);
	tt_diags_free(&d2);
}

static void paired_design_in_other_approaches(void **state)
{
	(void)state;
	/* A paired design with correlation 0 draws the same lots as an
	 * independent one (0 * z adds nothing), so a quality range plans the
	 * same to the last bit; a positive correlation helps it pass. */
	tt_plan_rule qr = TT_PLAN_RULE_INIT;
	qr.approach = TT_APPROACH_QUALITY_RANGE;
	tt_plan_truth t = truth_of(0.5, 1.2);
	tt_plan_prob ind = simulated(&qr, 6, 6, &t, 100000, 0);
	qr.design = TT_DESIGN_PAIRED;
	t.correlation = 0.0;
	tt_plan_prob zero = simulated(&qr, 6, 6, &t, 100000, 0);
	assert_true(ind.p == zero.p);
	t.correlation = 0.9;
	tt_plan_prob high = simulated(&qr, 6, 6, &t, 100000, 0);
	assert_true(high.p > ind.p + 10 * ind.mc_error);
	/* Min-max is exact only for independent identical sites. */
	tt_plan_rule mm = TT_PLAN_RULE_INIT;
	mm.approach = TT_APPROACH_MIN_MAX;
	mm.design = TT_DESIGN_PAIRED;
	tt_plan_truth same = truth_of(0, 1);
	same.correlation = 0.5;
	assert_false(tt_plan_has_exact(&mm, 6, 6, &same));
	same.correlation = 0.0;
	assert_true(tt_plan_has_exact(&mm, 6, 6, &same));
}

static void study_with_source_data_only(void **state)
{
	(void)state;
	tt_diags d = TT_DIAGS_INIT;
	tt_plan_result *r = plan_file("plan/source-only.yaml", 0, &d);
	const tt_plan_comparison *c = find(r, "viability");
	/* studies/data/sh-lots.csv, viability without SH-007 (excluded). */
	const double x[11] = { 94.7, 91.4, 89.3, 92.5, 91.2, 88.4, 90.5, 92.6, 92.3, 94.2, 88.6 };
	assert_int_equal(c->n_source, 11);
	assert_int_equal(c->n_receiving, 5);
	assert_string_equal(tt_plan_from_name(c->sd_from), "data");
	assert_string_equal(tt_plan_from_name(c->counts_from), "plan and data");
	tt_assert_rel(c->truth.sd, tt_sd(x, 11), 1e-14, "true sd = sd of the source lots");
	tt_plan_rule a = equivalence(TT_MARGIN_ABSOLUTE, 3, TT_VARIANCE_WELCH);
	tt_plan_truth t = truth_of(0, 1);
	t.sd = tt_sd(x, 11);
	tt_assert_rel(c->pass.p, exact(&a, 11, 5, &t), 1e-14, "viability 11 vs 5, absolute 3");
	tt_assert_rel(c->patient_risk_difference_sd, 3.0 / tt_sd(x, 11), 1e-14,
		      "risk at the margin 3 / sd");
	/* The inputs: the study, both specs, the source lots. */
	assert_int_equal(r->n_inputs, 4);
	assert_string_equal(r->inputs[3].role, "source lots");
	assert_int_equal(strlen(r->inputs[3].sha256), 64);
	tt_plan_result_free(r);
	tt_diags_free(&d);
}

static void study_errors(void **state)
{
	(void)state;
	struct {
		const char *file;
		const char *diag;
	} cases[] = {
		{ "plan/no-counts.yaml", "error: no source lot count: give the source data or "
					 "'n_source' in the plan block" },
		{ "plan/no-counts.yaml",
		  "error: no receiving lot count: give the receiving data or "
		  "'n_receiving' in the plan block" },
		{ "plan/no-sd.yaml", "error: the absolute margin of 'viability' needs the "
				     "attribute's true sd: give the source lots or a plan "
				     "assumption { attribute: viability, sd: ... }" },
		{ "plan/missing-receiving.yaml", "' not found; give 'n_receiving' in the plan "
						 "block to plan without it" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tt_diags d = TT_DIAGS_INIT;
		tt_plan_options o = TT_PLAN_OPTIONS_INIT;
		tt_plan_result *r = (tt_plan_result *)&d; /* must be set to NULL */
		int rc = tt_plan_study_file(&r, tt_test_resource(cases[i].file), &o, false, &d);
		assert_int_equal(rc, TT_EINVAL);
		assert_null(r);
		int found = 0;
		for (size_t k = 0; k < d.count; k++) {
			char *s = tt_diag_format(&d.items[k]);
			found |= strstr(s, cases[i].diag) != NULL;
			free(s);
		}
		if (!found) {
			tt_test_diags_dump(&d);
			fail_msg("%s: no diagnostic with '%s'", cases[i].file, cases[i].diag);
		}
		tt_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(methods_study_level_values),
		cmocka_unit_test(methods_known_margin_power),
		cmocka_unit_test(welch_3v3_is_exactly_zero),
		cmocka_unit_test(integrals_match_r),
		cmocka_unit_test(paired_absolute_matches_r),
		cmocka_unit_test(simulation_agrees_with_integral),
		cmocka_unit_test(simulation_agrees_with_r),
		cmocka_unit_test(min_max_formula),
		cmocka_unit_test(order_statistic_formula),
		cmocka_unit_test(same_numbers_for_any_thread_count),
		cmocka_unit_test(replicates_adapt_to_the_error_wanted),
		cmocka_unit_test(normal_deviates_match_python),
		cmocka_unit_test(normal_deviates_are_normal),
		cmocka_unit_test(decisions_match_the_library),
		cmocka_unit_test(tost_decides_alike_at_the_margin),
		cmocka_unit_test(quality_range_decides_alike_at_the_bounds),
		cmocka_unit_test(intervals_decide_alike_at_the_bounds),
		cmocka_unit_test(lots_for_80),
		cmocka_unit_test(grid_of_lot_counts),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(study_without_data),
		cmocka_unit_test(study_same_for_any_thread_count),
		cmocka_unit_test(study_paired),
		cmocka_unit_test(paired_design_in_other_approaches),
		cmocka_unit_test(study_with_source_data_only),
		cmocka_unit_test(study_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
