/*
 * study.h - a comparability study: the two sites, their lot data and one
 * comparison per attribute (CONTRACT.md, "Study").
 *
 * tt_study_load() reads the study, loads both process specs, and checks the
 * cross-references: every compared attribute exists in both specs, the
 * approach fits the attribute's type, the two specs agree on its unit, and
 * the data files exist (paths are resolved relative to the study file).  It
 * does not read the data; data.h does.
 *
 * Defaults are filled in on load, so a comparison always carries its
 * resolved parameters.
 *
 * Per approach, a comparison takes only its own keys (a key of another
 * approach is an error that says so):
 *   equivalence         margin (required: exactly one of sigma, absolute,
 *                       percent > 0, or ratio > 1), variance
 *   quality-range       k > 0, min_fraction in (0, 1]
 *   tolerance-interval  content and confidence in (0, 1), method, sides 1|2,
 *                       direction (required with sides 1, refused with 2)
 *   min-max, graphical  nothing more
 *   profile             method (f2 | bootstrap-f2 | msd), bootstrap
 *                       (bootstrap-f2 only, 100..1000000), region_level in
 *                       (0, 1) and msd_limit > 0 (msd only), data (required)
 *   stability           slope_margin > 0, data (required)
 * and every approach takes attribute, approach and justification.
 * Cross-references: the attribute is in both specs, continuous (qualitative
 * attributes are checked for conformance only), with the same unit and
 * scale in both; an attribute is compared once; absolute and percent
 * margins are refused on the log scale; f2 and bootstrap-f2 need a '%'
 * attribute; msd needs msd_limit unless the unit is '%' (default 10).
 */
#ifndef TT_STUDY_H
#define TT_STUDY_H

#include <stddef.h>
#include <stdint.h>

#include "tt/base/error.h"
#include "tt/input/methods.h"
#include "tt/input/spec.h"

typedef struct tt_comparison {
	char *attribute;
	tt_loc loc; /* of the comparison's mapping */
	tt_approach approach;
	char *justification; /* NULL when absent */

	/* equivalence */
	tt_margin_type margin_type;
	double margin; /* absolute D, sigma k, percent p, or ratio r > 1 */
	tt_variance variance;

	/* quality-range */
	double k;            /* default 3 */
	double min_fraction; /* default 0.9 */

	/* tolerance-interval */
	double content;    /* default 0.99 */
	double confidence; /* default 0.95 */
	tt_ti_method ti_method;
	int sides;              /* 2 (default) or 1 */
	tt_direction direction; /* with sides 1 */

	/* profile */
	tt_profile_method profile_method;
	long bootstrap;      /* B, default 10000 */
	double region_level; /* MSD, default 0.90 */
	int has_msd_limit;   /* msd_limit given, or defaulted to 10 for '%' */
	double msd_limit;

	/* stability */
	int has_slope_margin;
	double slope_margin;

	/* profile and stability: long-form data files, resolved paths */
	char *data_source;
	char *data_receiving;
	tt_loc data_loc;

	/* Resolved on load. */
	tt_scale scale;                /* the analysis scale: log when the attribute has scale: log
					* in the specs or the margin is a ratio, else linear */
	const tt_attr *source_attr;    /* borrowed from study->source_spec */
	const tt_attr *receiving_attr; /* borrowed from study->receiving_spec */

	/* Places of individual keys' values, for later messages (equal to loc
	 * when the key is absent). */
	tt_loc attribute_loc;
	tt_loc margin_loc;
	tt_loc method_loc;
	tt_loc data_source_loc, data_receiving_loc;
} tt_comparison;

typedef struct tt_exclusion {
	char *lot;
	char *reason;
	tt_loc loc;
} tt_exclusion;

/* The optional `plan:` block: assumptions for tt plan when there are no
 * data yet (or to override the lot counts of the data).
 *
 *   plan:
 *     n_source: 10          # lots per site, integers 2..1000
 *     n_receiving: 6
 *     correlation: 0.6      # paired design: between-donor correlation, in (-1, 1)
 *     assumptions:          # per attribute, on the analysis scale (ln for log)
 *       - { attribute: viability, sd: 2.0, mean: 91 }   # sd > 0
 *
 * An assumption's attribute must be in the source spec; one that no
 * comparison uses, or a correlation with the independent design, draws a
 * warning. */
typedef struct tt_plan_assumption {
	char *attribute;
	int has_sd;
	double sd; /* true sd of the attribute (on the analysis scale) */
	int has_mean;
	double mean;
	tt_loc loc;
} tt_plan_assumption;

typedef struct tt_plan_block {
	int present;
	tt_loc loc;
	long n_source;    /* 0 when not given */
	long n_receiving; /* 0 when not given */
	int has_correlation;
	double correlation; /* paired designs: between-donor correlation */
	tt_plan_assumption *assumptions;
	size_t n_assumptions;
} tt_plan_block;

typedef struct tt_study {
	char *path;
	char *dir; /* the study file's folder, for relative paths */
	unsigned char sha256[32];
	char *id;
	char *title;
	char *protocol;
	char *source_process;    /* resolved path */
	char *source_data;       /* resolved path, NULL when absent */
	char *receiving_process; /* resolved path */
	char *receiving_data;    /* resolved path, NULL when absent */
	tt_loc source_data_loc, receiving_data_loc;
	tt_design design;
	double alpha; /* default 0.05 */
	int has_seed;
	uint64_t seed;
	tt_exclusion *exclude;
	size_t n_exclude;
	tt_comparison *comparisons;
	size_t n_comparisons;
	tt_plan_block plan;

	tt_spec *source_spec;    /* owned */
	tt_spec *receiving_spec; /* owned */

	tt_loc loc; /* of the `study` mapping */
	tt_loc source_process_loc, receiving_process_loc;
} tt_study;

/* Loads a study, both specs, and checks the cross-references (see above).
 * require_data: whether the lot data files must be named and exist (tt run
 * and tt check: yes; tt plan with a plan block: no).  On failure returns
 * TT_EINVAL with every problem in d and *out NULL. */
int tt_study_load(tt_study **out, const char *path, int require_data, tt_diags *d);

struct tt_ydoc;
int tt_study_from_doc(tt_study **out, const struct tt_ydoc *doc, int require_data, tt_diags *d);

void tt_study_free(tt_study *study);

#endif
