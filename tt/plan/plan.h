/*
 * plan.h - how likely a comparability study is to pass before any lot is
 * made: pass probabilities, operating characteristics and the lot counts
 * needed (METHODS.md "Pass probability of a study's comparison",
 * "Operating characteristics"; CONTRACT.md "tt plan").
 *
 * Units.  Everything here works on the analysis scale (ln values under
 * `scale: log` or a ratio margin) in units of the true source sd: the
 * source lots are N(mean, 1) and the receiving lots N(mean + difference_sd,
 * sd_ratio^2).  Sigma margins, quality ranges, tolerance intervals and
 * min-max ranges do not change when the data are shifted or scaled, so for
 * them neither the true sd nor the mean matters; an absolute or ratio
 * margin is divided by the true sd, and a percent margin also needs the
 * true mean.
 *
 * Exact or simulated.  A pass probability is exact where a formula exists
 * (mc_error 0):
 *   - equivalence, independent lots, sigma, absolute or ratio margin, Welch
 *     or pooled, any true difference and sd ratio: the two-dimensional
 *     integral over the two sample sds of METHODS.md, in which the margin
 *     (for a sigma margin) and the confidence interval are both estimated;
 *   - equivalence, paired lots, absolute or ratio margin: the one-
 *     dimensional integral over the sd of the differences (Owen's Q);
 *   - min-max and the nonparametric tolerance interval when the sites are
 *     identical (difference 0, sd ratio 1): a count of orderings, e.g.
 *     nR(nR-1)/((nR+nT)(nR+nT-1)) for min-max.
 * Everything else (percent margins, sigma margins in paired designs,
 * quality ranges, normal tolerance intervals, the ranges under a shift) is
 * a seeded simulation that replicates until the Monte Carlo error
 * sqrt(p(1-p)/R) is at most opt->mc_error.
 *
 * Determinism.  Replicates are made in blocks of TT_PLAN_BLOCK; block b
 * draws from substream b of the seed (tt_rng_stream), whatever thread runs
 * it, and the result is the sum of the blocks' pass counts.  So a seed
 * gives the same numbers for any number of threads, and the normal
 * deviates (tt_plan_normal) are bit-identical on every IEEE 754 platform.
 * Every computation starts again from block 0 of the seed: the scenarios
 * and curve points of one rule share their random numbers (common random
 * numbers), which keeps curves smooth.
 *
 * Every function that can fail returns 0 or a negative TT_E* with a message
 * set (tt_error_set); nothing here prints.
 *
 * plan.h has no plan.c: it is the interface of the plan layer, as stats.h
 * is of stats.  plan_setup.c checks a rule, plan_prob.c chooses between
 * the formulas (plan_exact.c) and the simulation (plan_sim.c, with
 * plan_normal.c), and plan_study.c plans a study.  Their internal headers
 * (plan_setup.h, plan_exact.h, plan_sim.h, plan_normal.h) include this one
 * and never the reverse, so that no file of the layer includes its caller.
 */
#ifndef TT_PLAN_H
#define TT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/base/rng.h"
#include "tt/stats/stats.h"
#include "tt/input/study.h"
#include "tt/base/util.h"

/* Replicates per simulation block.  Part of the definition of a seed's
 * results: changing it changes every simulated number. */
#define TT_PLAN_BLOCK 10000

/* The largest lot count per site tt plan considers (lots_for_80 searches
 * 2..TT_PLAN_MAX_LOTS). */
#define TT_PLAN_MAX_LOTS 100

/* The default correlation between the two halves of a split source in a
 * paired design, used when a study's plan block gives none. */
#define TT_PLAN_DEFAULT_CORRELATION 0.5

/* ---- one rule, one design point ---- */

/* A comparison's acceptance rule, as a study writes it. */
typedef struct tt_plan_rule {
	tt_approach approach; /* equivalence, quality-range, tolerance-interval, min-max */
	/* paired: the first min(nR, nT) lots of the two sites are the halves
	 * of split sources, correlated by truth->correlation; equivalence then
	 * analyses their differences, the other approaches take the lots as
	 * they come (as tt run does). */
	tt_design design;
	double alpha; /* each one-sided test of the TOST */
	tt_margin_type margin_type;
	double margin; /* absolute D (analysis units), sigma k, percent p, or ratio r > 1 */
	tt_variance variance;
	double k;            /* quality range */
	double min_fraction; /* quality range */
	tt_ti_options ti;    /* tolerance interval */
} tt_plan_rule;

#define TT_PLAN_RULE_INIT                                                                          \
	{                                                                                          \
		TT_APPROACH_EQUIVALENCE, TT_DESIGN_INDEPENDENT, 0.05, TT_MARGIN_SIGMA, 1.5,        \
			TT_VARIANCE_WELCH, 3.0, 0.9, TT_TI_OPTIONS_INIT                            \
	}

/* What is assumed true of the two processes. */
typedef struct tt_plan_truth {
	double sd;            /* source sd, analysis scale: absolute, ratio and percent margins */
	double mean;          /* source mean, analysis scale: percent margins */
	double difference_sd; /* receiving mean - source mean, in source sds */
	double sd_ratio;      /* receiving sd / source sd, > 0 */
	double correlation;   /* paired: between the two halves of a source, in (-1, 1) */
} tt_plan_truth;

/* clang-format off: it breaks a braced initializer in a macro over four lines */
#define TT_PLAN_TRUTH_INIT                                                                         \
	{                                                                                          \
		1.0, 0.0, 0.0, 1.0, TT_PLAN_DEFAULT_CORRELATION                                    \
	}
/* clang-format on */

typedef struct tt_plan_options {
	uint64_t seed;
	double mc_error;         /* largest Monte Carlo error wanted, > 0 */
	uint64_t min_replicates; /* first round of a simulation */
	uint64_t max_replicates; /* a simulation never goes beyond this */
	int threads;             /* 0: one per online processor */
	bool simulate;           /* simulate even where a formula exists (checks) */
} tt_plan_options;

/* clang-format off: it breaks a braced initializer in a macro over four lines */
#define TT_PLAN_OPTIONS_INIT                                                                       \
	{                                                                                          \
		1, 0.002, 100000, 10000000, 0, false                                               \
	}
/* clang-format on */

typedef enum { TT_PLAN_EXACT = 0, TT_PLAN_SIMULATED } tt_plan_method;

/* A probability and how it was obtained. */
typedef struct tt_plan_prob {
	double p;
	double mc_error;     /* 0 when exact */
	uint64_t replicates; /* 0 when exact */
	tt_plan_method method;
} tt_plan_prob;

const char *tt_plan_method_name(tt_plan_method m);

/* Whether a formula says the rule cannot pass at all (exact and 0), which
 * the reports say in words rather than as a number. */
bool tt_plan_prob_never(const tt_plan_prob *p);

/* Whether the rule's pass probability depends on the true sd (an absolute,
 * ratio or percent margin) and on the true mean (a percent margin); see
 * "Units" above. */
bool tt_plan_rule_uses_sd(const tt_plan_rule *rule);
bool tt_plan_rule_uses_mean(const tt_plan_rule *rule);

/* Checks a rule, lot counts and truth; TT_EINVAL with a message naming the
 * first bad value.  Lot counts: at least 2 at each site (paired: at least 2
 * pairs, min(n_source, n_receiving)).  The approaches graphical, profile
 * and stability have no pass probability and are refused. */
int tt_plan_check(const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		  const tt_plan_truth *truth);

/* The probability that the rule passes for these lot counts and this
 * truth: exact where a formula exists (see above), simulated otherwise. */
int tt_plan_pass_probability(tt_plan_prob *out, const tt_plan_rule *rule, size_t n_source,
			     size_t n_receiving, const tt_plan_truth *truth,
			     const tt_plan_options *opt);

/* Whether tt_plan_pass_probability has a formula for this case (a
 * nonparametric tolerance interval that does not exist at n_source never
 * passes: exactly 0). */
bool tt_plan_has_exact(const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		       const tt_plan_truth *truth);

/* The exact value alone; TT_EDOMAIN when there is no formula. */
int tt_plan_exact(double *p, const tt_plan_rule *rule, size_t n_source, size_t n_receiving,
		  const tt_plan_truth *truth);

/* The simulation alone, for any case (also those with a formula). */
int tt_plan_simulate(tt_plan_prob *out, const tt_plan_rule *rule, size_t n_source,
		     size_t n_receiving, const tt_plan_truth *truth, const tt_plan_options *opt);

/* Min-max with identical sites: nR(nR-1)/((nR+nT)(nR+nT-1)). */
double tt_plan_min_max_identical(size_t n_source, size_t n_receiving);

/* A nonparametric tolerance interval with order r (two-sided
 * [x_(r), x_(nR-r+1)], one-sided x_(r) or x_(nR-r+1)) with identical
 * sites: C(nR + nT - 2r, nT) / C(nR + nT, nT) two-sided,
 * C(nR + nT - r, nT) / C(nR + nT, nT) one-sided. */
double tt_plan_order_identical(size_t n_source, size_t n_receiving, size_t r, int sides);

/* The smallest equal lot count per site n in 2..max_n whose pass
 * probability is at least target; *n = 0 when none is (and *at is the
 * probability at max_n).  Simulated cases screen each n with TT_PLAN_BLOCK
 * x 2 replicates and compute in full only where the screen does not rule n
 * out by 5 Monte Carlo errors. */
int tt_plan_lots_for(size_t *n, tt_plan_prob *at, double target, size_t max_n,
		     const tt_plan_rule *rule, const tt_plan_truth *truth,
		     const tt_plan_options *opt);

/* Whether the rule passes for one set of lots (analysis scale, margins as
 * in the rule; paired: x[i] and y[i] are a pair for i < min(n_x, n_y), and
 * a sigma margin uses the sd of all n_x source values).  The decision of
 * tt_tost, tt_quality_range, tt_tolerance_interval and tt_min_max, made
 * the way the simulation makes it; data for which the method gives no
 * result (zero spread, no nonparametric interval) do not pass. */
int tt_plan_rule_passes(bool *pass, const tt_plan_rule *rule, const double *x, size_t n_x,
			const double *y, size_t n_y);

/* A standard normal deviate by the ziggurat method (Marsaglia and Tsang
 * 2000, 256 layers, with disjoint bits for the layer and the signed
 * abscissa), about three times faster than tt_rng_normal.  It is built from
 * +, -, *, /, sqrt and exact scaling by powers of 2 only, with its own
 * exp and log, so its output is bit-identical on every IEEE 754 platform. */
double tt_plan_normal(tt_rng *rng);

/* ---- a grid of lot counts (tt plan without a study) ---- */

typedef struct tt_plan_grid {
	size_t ns_lo, ns_hi; /* n_source from ns_lo to ns_hi: the rows */
	size_t nr_lo, nr_hi; /* n_receiving: the columns */
	tt_plan_prob *cells; /* row-major */
	/* Over the cells: whether any was simulated, the largest Monte Carlo
	 * error, and whether the rule can never pass in any. */
	bool any_simulated;
	double max_mc_error;
	bool any_never;
	size_t lots_for_80; /* 0 when 2..TT_PLAN_MAX_LOTS does not reach 0.8 */
	tt_plan_prob lots_for_80_prob;
} tt_plan_grid;

int tt_plan_grid_compute(tt_plan_grid *out, const tt_plan_rule *rule, size_t ns_lo, size_t ns_hi,
			 size_t nr_lo, size_t nr_hi, const tt_plan_truth *truth,
			 const tt_plan_options *opt);
void tt_plan_grid_free(tt_plan_grid *g);

/* ---- a study ---- */

/* The scenarios: each of TT_PLAN_N_DIFFERENCES true differences (0, 0.25,
 * 0.5 and 1 source sds) at each of the sd ratios below, scenario
 * TT_PLAN_N_SD_RATIOS i + j being difference i at ratio j.  The curves by
 * true difference are drawn at the same sd ratios. */
#define TT_PLAN_N_DIFFERENCES 4
#define TT_PLAN_N_SD_RATIOS 2
#define TT_PLAN_N_SCENARIOS (TT_PLAN_N_DIFFERENCES * TT_PLAN_N_SD_RATIOS)
extern const double tt_plan_sd_ratios[TT_PLAN_N_SD_RATIOS]; /* 1 and 1.5 */
#define TT_PLAN_CURVE_MAX_LOTS 30
#define TT_PLAN_CURVE_DIFFERENCES 16 /* 0, 0.1, ..., 1.5 margins */
/* The difference at which the patient's risk of a rule without a margin
 * (quality range, tolerance interval, min-max) is given: the FDA tier 1
 * margin of 1.5 source sds. */
#define TT_PLAN_DEFAULT_RISK_DIFFERENCE 1.5

typedef struct tt_plan_scenario {
	double difference_sd;
	double sd_ratio;
	tt_plan_prob prob;
} tt_plan_scenario;

typedef struct tt_plan_comparison {
	char *attribute;
	tt_approach approach;
	tt_scale scale;
	bool planned;         /* false: no pass probability (reason says why) */
	char *reason;         /* NULL when planned */
	bool counts_in_study; /* can fail the study (not graphical) */
	tt_plan_rule rule;
	tt_plan_truth truth;
	bool has_sd;         /* truth.sd is known (from data or plan) */
	const char *sd_from; /* "data" or "plan" (NULL without sd) */
	bool has_mean;
	const char *mean_from;
	size_t n_source, n_receiving;
	bool counts_pairs;       /* n_receiving counts complete pairs (paired equivalence) */
	const char *counts_from; /* "data" or "plan" */
	tt_plan_prob pass;
	tt_plan_scenario scenarios[TT_PLAN_N_SCENARIOS];
	/* The patient's risk: the pass probability when the true difference is
	 * the margin (equivalence) or, for rules without a margin,
	 * TT_PLAN_DEFAULT_RISK_DIFFERENCE source sds; sd ratio 1.  The basis
	 * says which: "the margin" or "the FDA tier 1 margin". */
	double patient_risk_difference_sd;
	const char *patient_risk_basis;
	tt_plan_prob patient_risk;
	size_t lots_for_80; /* 0: not reached up to TT_PLAN_MAX_LOTS */
	tt_plan_prob lots_for_80_prob;
	/* Operating characteristic curves. */
	size_t n_by_lots; /* equal lots per site 2..TT_PLAN_CURVE_MAX_LOTS */
	size_t *lots;
	tt_plan_prob *by_lots;
	size_t n_by_difference; /* 0 .. 1.5 x patient_risk_difference_sd */
	double *differences;    /* in source sds */
	tt_plan_prob *by_difference[TT_PLAN_N_SD_RATIOS]; /* at each of tt_plan_sd_ratios */
} tt_plan_comparison;

typedef struct tt_plan_input {
	char *path;
	const char *role; /* "study", "source process", ... */
	char sha256[65];
} tt_plan_input;

typedef struct tt_plan_result {
	char *study_id;
	char *title;
	char *protocol;
	uint64_t seed;
	tt_design design;
	double alpha;
	double correlation;       /* paired design */
	bool correlation_assumed; /* paired design without plan: correlation */
	double mc_error;          /* the Monte Carlo error aimed at */
	tt_plan_comparison *comparisons;
	size_t n_comparisons;
	/* The whole study's probability of passing when the receiving process
	 * equals the source: the product of the planned comparisons' (the
	 * attributes taken as independent), with its Monte Carlo error by the
	 * delta method.  Not set (has_study_pass false) when a comparison that
	 * could fail the study could not be planned. */
	bool has_study_pass;
	double study_pass_probability;
	double study_mc_error;
	char **notes; /* sentences for the reader: assumptions and warnings */
	size_t n_notes;
	tt_plan_input *inputs;
	size_t n_inputs;
} tt_plan_result;

/* Plans a loaded study: lot counts from the plan block when it gives them,
 * else from the data (non-missing values after `exclude`; paired
 * equivalence: complete pairs); the true sd (and mean, for percent
 * margins) from the plan block's assumption for the attribute, else from
 * the source lots.  source and receiving may be NULL (no data yet).
 * Graphical comparisons have no pass probability; profile and stability
 * comparisons are not planned (their outcome depends on whole time
 * courses), and the study probability then covers the others, which a
 * note says.  Problems that stop the plan (no lot counts, no sd for an
 * absolute margin) go to d as errors (TT_EINVAL); assumptions made (a
 * default correlation) go to d as warnings and to the notes.  On success
 * *out is the caller's (tt_plan_result_free). */
int tt_plan_study(tt_plan_result **out, const tt_study *study, const tt_lots *source,
		  const tt_lots *receiving, const tt_plan_options *opt, tt_diags *d);

/* Loads the study at path and its data files (those that exist: a plan
 * may come before the receiving lots), checks them as tt run does, and
 * plans it.  The seed is opt->seed when has_seed (--seed), else the
 * study's seed, else 1. */
int tt_plan_study_file(tt_plan_result **out, const char *path, const tt_plan_options *opt,
		       bool has_seed, tt_diags *d);

void tt_plan_result_free(tt_plan_result *r);

/* ---- renderers (compute nothing) ---- */

struct tt_plot_options;

/* plan.json: the CONTRACT's fields and more (see plan_report.c). */
void tt_plan_render_json(tt_buf *out, const tt_plan_result *r);
/* plan.md; plots_rel the folder the figures are linked from, or NULL. */
void tt_plan_render_md(tt_buf *out, const tt_plan_result *r, const char *plots_rel);
/* plan.html, self-contained; the figures are read from plots_dir and
 * inlined (NULL: none).  record is the record's identity, the SHA-256 of
 * plan.json in hex, printed near the top and on every printed page.
 * Fails only when a figure cannot be read. */
int tt_plan_render_html(tt_buf *out, const tt_plan_result *r, const char *plots_dir,
			const char *record);

/* The file name of comparison index's operating characteristic figure,
 * "oc-NN-ATTRIBUTE-lots.svg" (by_difference false) or
 * "...-difference.svg"; NULL when the comparison was not planned.  The
 * caller frees it. */
char *tt_plan_figure_name(const tt_plan_result *r, size_t index, bool by_difference);

/* Draws every planned comparison's two figures into plots_dir (which must
 * exist) with gnuplot (tt_plot_run_oc_curves). */
int tt_plan_draw(const tt_plan_result *r, const char *plots_dir, const struct tt_plot_options *opt);

/* The rule in words ("margin 1.5 sd of the source lots, Welch's t, alpha
 * 0.05 (90% CI)"), for titles. */
void tt_plan_rule_words(tt_buf *out, const tt_plan_rule *rule);

/* The grid as an aligned text table, a Markdown table, or JSON. */
void tt_plan_grid_render_text(tt_buf *out, const tt_plan_grid *g, const char *title);
void tt_plan_grid_render_md(tt_buf *out, const tt_plan_grid *g, const char *title);
void tt_plan_grid_render_json(tt_buf *out, const tt_plan_grid *g, const tt_plan_rule *rule,
			      const tt_plan_truth *truth, const tt_plan_options *opt);

#endif
