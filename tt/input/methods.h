/*
 * methods.h - the statistical methods a comparison can use and their
 * options: the approach, the design, the equivalence margin and variance,
 * the tolerance interval's method and direction, the profile method.
 *
 * The study loader (study.h) fills these in, the statistics (stats.h) and
 * the planner take them as options, and the reports print their names.
 * This header includes nothing of the loaders, so that the statistics use
 * the methods without depending on how a study is read.
 */
#ifndef TT_METHODS_H
#define TT_METHODS_H

typedef enum {
	TT_APPROACH_EQUIVALENCE = 0,
	TT_APPROACH_QUALITY_RANGE,
	TT_APPROACH_TOLERANCE_INTERVAL,
	TT_APPROACH_MIN_MAX,
	TT_APPROACH_GRAPHICAL,
	TT_APPROACH_PROFILE,
	TT_APPROACH_STABILITY,
	TT_APPROACH_COUNT
} tt_approach;

typedef enum { TT_DESIGN_INDEPENDENT = 0, TT_DESIGN_PAIRED } tt_design;

typedef enum {
	TT_MARGIN_ABSOLUTE = 0,
	TT_MARGIN_SIGMA,
	TT_MARGIN_PERCENT,
	TT_MARGIN_RATIO,
} tt_margin_type;

typedef enum { TT_VARIANCE_WELCH = 0, TT_VARIANCE_POOLED } tt_variance;

typedef enum { TT_TI_EXACT = 0, TT_TI_HOWE, TT_TI_NONPARAMETRIC } tt_ti_method;

/* One-sided tolerance intervals: which bound the comparison uses. */
typedef enum { TT_DIRECTION_NONE = 0, TT_DIRECTION_LOWER, TT_DIRECTION_UPPER } tt_direction;

typedef enum { TT_PROFILE_F2 = 0, TT_PROFILE_BOOTSTRAP_F2, TT_PROFILE_MSD } tt_profile_method;

const char *tt_approach_name(tt_approach a);
const char *tt_margin_type_name(tt_margin_type m);
const char *tt_variance_name(tt_variance v);
const char *tt_ti_method_name(tt_ti_method m);
const char *tt_profile_method_name(tt_profile_method m);
const char *tt_design_name(tt_design d);
const char *tt_direction_name(tt_direction d);

/* Whether an approach works on one value per lot (equivalence, quality
 * range, tolerance interval, min-max, graphical). */
int tt_approach_is_lot_level(tt_approach a);

#endif
