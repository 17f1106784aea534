/*
 * methods.c - the names of the methods and their options (methods.h), one
 * table per enumeration, for every caller to take them from.
 */
#include "tt/input/methods.h"

/* One row per approach: its name in the study file and on the command line,
 * and the words the reports use for people.  The rows give the table of
 * names, which parsers take as their choices, and beside it the labels. */
#define APPROACHES(X)                                                                              \
	X(TT_APPROACH_EQUIVALENCE, "equivalence", "equivalence (TOST)")                            \
	X(TT_APPROACH_QUALITY_RANGE, "quality-range", "quality range")                             \
	X(TT_APPROACH_TOLERANCE_INTERVAL, "tolerance-interval", "tolerance interval")              \
	X(TT_APPROACH_MIN_MAX, "min-max", "min-max")                                               \
	X(TT_APPROACH_GRAPHICAL, "graphical", "graphical")                                         \
	X(TT_APPROACH_PROFILE, "profile", "profile")                                               \
	X(TT_APPROACH_STABILITY, "stability", "stability")
#define APPROACH_NAME(value, name, label) [value] = name,
#define APPROACH_LABEL(value, name, label) [value] = label,

const char *const tt_approach_names[TT_APPROACH_COUNT + 1] = { APPROACHES(APPROACH_NAME) };
static const char *const approach_labels[TT_APPROACH_COUNT] = { APPROACHES(APPROACH_LABEL) };

const char *const tt_design_names[TT_DESIGN_COUNT + 1] = {
	[TT_DESIGN_INDEPENDENT] = "independent",
	[TT_DESIGN_PAIRED] = "paired",
};

const char *const tt_margin_type_names[TT_MARGIN_COUNT + 1] = {
	[TT_MARGIN_ABSOLUTE] = "absolute",
	[TT_MARGIN_SIGMA] = "sigma",
	[TT_MARGIN_PERCENT] = "percent",
	[TT_MARGIN_RATIO] = "ratio",
};

const char *const tt_variance_names[TT_VARIANCE_COUNT + 1] = {
	[TT_VARIANCE_WELCH] = "welch",
	[TT_VARIANCE_POOLED] = "pooled",
};

const char *const tt_ti_method_names[TT_TI_METHOD_COUNT + 1] = {
	[TT_TI_EXACT] = "exact",
	[TT_TI_HOWE] = "howe",
	[TT_TI_NONPARAMETRIC] = "nonparametric",
};

const char *const tt_profile_method_names[TT_PROFILE_METHOD_COUNT + 1] = {
	[TT_PROFILE_F2] = "f2",
	[TT_PROFILE_BOOTSTRAP_F2] = "bootstrap-f2",
	[TT_PROFILE_MSD] = "msd",
};

const char *const tt_direction_names[TT_DIRECTION_COUNT + 1] = {
	[TT_DIRECTION_NONE] = "none",
	[TT_DIRECTION_LOWER] = "lower",
	[TT_DIRECTION_UPPER] = "upper",
};

/* The entry of a table for v, or "?" when v is out of range. */
static const char *lookup(const char *const *names, unsigned count, unsigned v)
{
	return v < count ? names[v] : "?";
}

const char *tt_approach_name(tt_approach a)
{
	return lookup(tt_approach_names, TT_APPROACH_COUNT, a);
}

const char *tt_approach_label(tt_approach a)
{
	return lookup(approach_labels, TT_APPROACH_COUNT, a);
}

const char *tt_margin_type_name(tt_margin_type m)
{
	return lookup(tt_margin_type_names, TT_MARGIN_COUNT, m);
}

const char *tt_variance_name(tt_variance v)
{
	return lookup(tt_variance_names, TT_VARIANCE_COUNT, v);
}

const char *tt_ti_method_name(tt_ti_method m)
{
	return lookup(tt_ti_method_names, TT_TI_METHOD_COUNT, m);
}

const char *tt_profile_method_name(tt_profile_method m)
{
	return lookup(tt_profile_method_names, TT_PROFILE_METHOD_COUNT, m);
}

const char *tt_design_name(tt_design d)
{
	return lookup(tt_design_names, TT_DESIGN_COUNT, d);
}

const char *tt_direction_name(tt_direction d)
{
	return lookup(tt_direction_names, TT_DIRECTION_COUNT, d);
}

void tt_approach_min_lots(tt_approach a, size_t *source, size_t *receiving)
{
	*source = *receiving = 0;
	if (!tt_approach_is_lot_level(a))
		return;
	*source = a == TT_APPROACH_GRAPHICAL ? 1 : 2;
	*receiving = a == TT_APPROACH_EQUIVALENCE ? 2 : 1;
}

int tt_approach_is_lot_level(tt_approach a)
{
	return a == TT_APPROACH_EQUIVALENCE || a == TT_APPROACH_QUALITY_RANGE ||
	       a == TT_APPROACH_TOLERANCE_INTERVAL || a == TT_APPROACH_MIN_MAX ||
	       a == TT_APPROACH_GRAPHICAL;
}
