/*
 * results.h - everything a comparability run found, in one structure that
 * every report renderer reads (report_json.c, report_md.c, report_html.c)
 * and the plot module draws.  Renderers compute nothing: every number and
 * every sentence a report shows is here.
 *
 * A tt_run owns its study, its lot tables and every string and array in it.
 */
#ifndef TT_RESULTS_H
#define TT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tt/stats/curves.h"
#include "tt/input/data.h"
#include "tt/input/lock.h"
#include "tt/stats/stats.h"
#include "tt/input/study.h"

typedef enum {
	TT_OUTCOME_PASS = 0,
	TT_OUTCOME_FAIL,
	TT_OUTCOME_INCONCLUSIVE,
	TT_OUTCOME_INFO,
	TT_OUTCOME_COUNT /* the number of outcomes, not one */
} tt_outcome;

typedef enum {
	TT_VERDICT_COMPARABLE = 0,
	TT_VERDICT_NOT_COMPARABLE,
	TT_VERDICT_INCONCLUSIVE,
	TT_VERDICT_COUNT /* the number of verdicts, not one */
} tt_verdict;

/* The words of outcomes and verdicts, from one table each (results.c);
 * "?" for a value out of range. */
const char *tt_outcome_name(tt_outcome o);  /* as in report.json: "pass" */
const char *tt_outcome_label(tt_outcome o); /* for people: "PASS" */
const char *tt_outcome_words(tt_outcome o); /* in a sentence: "information only" */
const char *tt_verdict_name(tt_verdict v);  /* as in report.json: "not-comparable" */
const char *tt_verdict_label(tt_verdict v); /* for people: "NOT COMPARABLE" */
/* What the verdict means, in one sentence for people. */
const char *tt_verdict_sentence(tt_verdict v);

/* Whose lots: each site's lots are checked against that site's own
 * release specification. */
typedef enum {
	TT_SITE_SOURCE = 0,
	TT_SITE_RECEIVING,
	TT_SITE_COUNT /* the number of sites, not one */
} tt_site_role;

/* As in report.json: "source", "receiving"; "?" out of range. */
const char *tt_site_role_name(tt_site_role s);

/* One lot's value as used in a lot-level comparison (raw scale, as
 * recorded). */
typedef struct tt_lot_value {
	const char *lot;  /* borrowed from the lot table */
	const char *date; /* NULL when the table has no date */
	double value;
} tt_lot_value;

/* One site's lots in one comparison. */
typedef struct tt_site_values {
	size_t n;                  /* non-missing values used */
	size_t n_missing;          /* missing values (excluded, reported) */
	const char **missing_lots; /* n_missing lot ids, borrowed */
	tt_lot_value *lots;        /* n values, in date order (file order without dates) */
	/* On the raw scale.  A statistic that does not exist is NaN: all of
	 * them when n = 0, the sd and cv when n = 1. */
	tt_describe_result describe;
	bool has_log;          /* log scale with values: the two below are set */
	double geometric_mean; /* NaN when n = 0 */
	double sd_log;         /* NaN when n < 2 */
} tt_site_values;

/* Profile (f2, bootstrap f2, MSD) results, set when approach is profile. */
typedef struct tt_profile_result {
	size_t p;                         /* time points used */
	double *times;                    /* p */
	double *ref_mean, *test_mean;     /* p mean profiles */
	size_t n_ref, n_test;             /* units (lots) per site */
	char **ref_lots, **test_lots;     /* lot ids (owned) */
	double *ref_values, *test_values; /* n x p, row-major, per lot */
	double f2;
	bool has_f2_ci;
	double f2_ci_lower, f2_ci_upper; /* bootstrap-f2: 90% BCa */
	long bootstrap;
	double msd, msd_upper, msd_limit; /* msd method */
	double msd_k, msd_f_quantile;
	bool similar;
} tt_profile_result;

/* Stability results are curves.h's tt_stability_result; the points behind
 * them (for figures) are the comparison's series tables. */

typedef struct tt_comparison_result {
	const tt_comparison *cmp; /* borrowed from the study */
	const tt_attr *attr;      /* the source spec's attribute */
	tt_outcome outcome;
	char *reason;   /* why: inconclusive and fail reasons, one sentence */
	char *rule;     /* the decision rule in words, with its basis */
	bool log_scale; /* the analysis ran on ln(value) */
	/* The two-sided level of the comparison's confidence interval (0.90):
	 * 1 - 2 alpha for equivalence and stability, the bootstrap's for
	 * bootstrap f2; NaN for the others. */
	double ci_level;

	tt_site_values source, receiving;

	/* Equivalence. */
	bool has_tost;
	tt_tost_result tost;
	size_t n_pairs; /* paired design */

	/* Quality range, min-max and tolerance interval: the band and the
	 * receiving lots inside it (bounds back-transformed). */
	bool has_range;
	tt_range_result range;
	bool has_ti;
	tt_ti_result ti;

	/* Shapiro-Wilk on each site's values (analysis scale), when the
	 * approach assumes normal data (equivalence, quality range and the
	 * normal tolerance intervals) and n >= 3; p is NaN otherwise. */
	bool assumes_normal;
	double sw_p_source, sw_p_receiving;

	tt_profile_result *profile;     /* approach profile, else NULL */
	tt_stability_result *stability; /* approach stability, else NULL */
	double pool_level;        /* stability: ICH Q1E's significance level for pooling lots */
	bool has_shelf_life_spec; /* the attribute has a spec limit */
	/* Profile and stability: the long-form tables (owned), for figures. */
	tt_series_table *series_source, *series_receiving;

	char *plot; /* file name of this comparison's figure under plots/, or NULL */
} tt_comparison_result;

/* One attribute's release specification against one site's lots.  The
 * lots the study excludes are checked all the same and kept apart: they do
 * not decide the verdict, and they are never hidden. */
typedef struct tt_conformance {
	const tt_attr *attr;       /* the site's own spec's attribute */
	tt_site_role site;         /* whose lots, against whose spec */
	bool checked;              /* the site's lots have a column for it */
	bool spec_differs;         /* the other site's limits differ */
	char *spec_text;           /* the spec in words: ">= 70 %", "= negative" */
	size_t n_lots;             /* included lots checked */
	const char **out_of_spec;  /* included lot ids, borrowed */
	char **out_of_spec_values; /* the values as written, owned */
	size_t n_out_of_spec;
	const char **not_tested; /* included lot ids with a missing value, borrowed */
	size_t n_not_tested;
	const char **excluded_out_of_spec;  /* excluded lot ids, borrowed */
	char **excluded_out_of_spec_values; /* the values as written, owned */
	size_t n_excluded_out_of_spec;
} tt_conformance;

/* One lot out of its own site's specification, for one attribute or
 * more. */
typedef struct tt_lot_out_of_spec {
	const char *lot; /* borrowed from the lot table */
	tt_site_role site;
	const tt_exclusion *exclusion; /* the study's, when it excludes the lot; else NULL */
	/* An included receiving lot: it makes the study not comparable.  The
	 * others are warnings. */
	bool decides_verdict;
	/* For people, naming the lot, its exclusion, each attribute, value and
	 * spec: "excluded receiving lot RTP-009 (deviation DV-201) is out of
	 * specification for viability (68.2 %, spec >= 70 %)". */
	char *sentence;
} tt_lot_out_of_spec;

/* One value of an excluded lot, as its lot table holds it. */
typedef struct tt_excluded_value {
	const tt_attr *attr; /* the site's own spec's attribute */
	const char *text;    /* as written; NULL when missing.  Borrowed */
	bool is_number;      /* a number: value holds it */
	bool censored;       /* a censored number, "<0.5" */
	double value;
	const char *spec; /* the spec in words (its conformance entry's), or NULL */
	bool out_of_spec; /* a value that does not meet the spec */
} tt_excluded_value;

/* A lot the study excludes, with its values and their conformance. */
typedef struct tt_excluded_lot {
	const tt_exclusion *exclusion; /* borrowed from the study: lot and reason */
	bool found;                    /* in a lot table; false: in neither */
	tt_site_role site;             /* whose table holds it, when found */
	/* Each attribute of the site's spec that the lot table has a column
	 * for and that the study compares or that has a spec, in column
	 * order. */
	tt_excluded_value *values;
	size_t n_values;
	size_t n_out_of_spec; /* values out of the spec */
	size_t n_not_tested;  /* attributes with a spec and no value */
} tt_excluded_lot;

typedef struct tt_input_file {
	char *path;      /* as given or resolved from the study (relative paths stay relative) */
	char *role;      /* study, source spec, receiving spec, source data, ... */
	char sha256[65]; /* hex */
} tt_input_file;

/* The gap analysis of the two specs (tt diff), carried into the run
 * report as its first section; NULL until the diff module provides it. */
struct tt_diff;

typedef struct tt_run {
	tt_study *study;
	tt_lots *source_lots;
	tt_lots *receiving_lots;

	tt_comparison_result *comparisons;
	size_t n_comparisons;

	/* The receiving site's attributes first, then the source's. */
	tt_conformance *conformance;
	size_t n_conformance;

	/* Every lot out of its own site's specification, excluded lots
	 * included: the receiving lots first, then the source's, each in the
	 * order of its lot table. */
	tt_lot_out_of_spec *out_of_spec;
	size_t n_out_of_spec;

	/* One entry per exclusion of the study and lot table that holds the
	 * lot (one with found false when neither does), in the study's
	 * order. */
	tt_excluded_lot *excluded;
	size_t n_excluded;

	char **warnings; /* sentences, in the order found; also printed to stderr */
	size_t n_warnings;

	tt_input_file *inputs;
	size_t n_inputs;

	tt_verdict verdict;
	uint64_t seed;
	char *generated_at; /* ISO 8601 UTC; SOURCE_DATE_EPOCH when set */
	char *command_line;
	char *tt_version, *gsl_version, *yaml_version;

	bool locked;
	char *locked_at; /* when the study was first locked, or NULL */
	tt_lock *lock;   /* the lock history, or NULL without one */
	/* Whether the criteria in force were fixed before the data
	 * (tt_lock_before_data()): 1, 0 or -1 when not known (no lock, or a
	 * lock of an earlier tt).  With 0, lock_with_data is the entry (0-based)
	 * at which data files existed. */
	int locked_before_data;
	size_t lock_with_data;
	/* Per study->exclude[i]: whether the lot was excluded at the first
	 * lock (tt_lock_excluded_at_first()): 1, 0 or -1. */
	int *exclude_at_first_lock;

	struct tt_diff *diff; /* may be NULL */
} tt_run;

void tt_run_free(tt_run *run);

#endif
