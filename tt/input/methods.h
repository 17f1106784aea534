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

#include <stddef.h>

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

typedef enum { TT_DESIGN_INDEPENDENT = 0, TT_DESIGN_PAIRED, TT_DESIGN_COUNT } tt_design;

typedef enum {
	TT_MARGIN_ABSOLUTE = 0,
	TT_MARGIN_SIGMA,
	TT_MARGIN_PERCENT,
	TT_MARGIN_RATIO,
	TT_MARGIN_COUNT
} tt_margin_type;

typedef enum { TT_VARIANCE_WELCH = 0, TT_VARIANCE_POOLED, TT_VARIANCE_COUNT } tt_variance;

typedef enum { TT_TI_EXACT = 0, TT_TI_HOWE, TT_TI_NONPARAMETRIC, TT_TI_METHOD_COUNT } tt_ti_method;

/* One-sided tolerance intervals: which bound the comparison uses. */
typedef enum {
	TT_DIRECTION_NONE = 0,
	TT_DIRECTION_LOWER,
	TT_DIRECTION_UPPER,
	TT_DIRECTION_COUNT
} tt_direction;

typedef enum {
	TT_PROFILE_F2 = 0,
	TT_PROFILE_BOOTSTRAP_F2,
	TT_PROFILE_MSD,
	TT_PROFILE_METHOD_COUNT
} tt_profile_method;

/* The names as the study file and the command line write them (CONTRACT.md,
 * "Study"), one table per enumeration, indexed by it and ended by NULL so
 * that a parser can offer the names as its choices (tt_yschema_enum,
 * tt_suggest) and turn the index of the match into the value. */
extern const char *const tt_approach_names[TT_APPROACH_COUNT + 1];
extern const char *const tt_design_names[TT_DESIGN_COUNT + 1];
extern const char *const tt_margin_type_names[TT_MARGIN_COUNT + 1];
extern const char *const tt_variance_names[TT_VARIANCE_COUNT + 1];
extern const char *const tt_ti_method_names[TT_TI_METHOD_COUNT + 1];
extern const char *const tt_profile_method_names[TT_PROFILE_METHOD_COUNT + 1];
/* "none", "lower", "upper": a study writes only the last two, so its
 * parser's choices start at tt_direction_names + TT_DIRECTION_LOWER. */
extern const char *const tt_direction_names[TT_DIRECTION_COUNT + 1];

/* A value's name from the tables above; "?" for a value out of range. */
const char *tt_approach_name(tt_approach a);
const char *tt_margin_type_name(tt_margin_type m);
const char *tt_variance_name(tt_variance v);
const char *tt_ti_method_name(tt_ti_method m);
const char *tt_profile_method_name(tt_profile_method m);
const char *tt_design_name(tt_design d);
const char *tt_direction_name(tt_direction d);

/* An approach in the words of the reports, for people: "equivalence
 * (TOST)", "quality range"; "?" out of range. */
const char *tt_approach_label(tt_approach a);

/* Whether an approach works on one value per lot (equivalence, quality
 * range, tolerance interval, min-max, graphical). */
int tt_approach_is_lot_level(tt_approach a);

/* The fewest lots with a value a lot-level approach decides from, at the
 * source and at the receiving site: equivalence 2 and 2 (an sd at each
 * site; in a paired design, 2 complete pairs); quality range, tolerance
 * interval and min-max 2 and 1 (the source lots' spread, against which
 * each receiving lot is judged); graphical 1 and 1.  The approaches that
 * are not on one value per lot give 0 and 0.  The run, the plan and the
 * planner's check all take their minimum from here. */
void tt_approach_min_lots(tt_approach a, size_t *source, size_t *receiving);

#endif
