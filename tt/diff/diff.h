/*
 * diff.h - process gap analysis between the source and the receiving site
 * (tt diff; CONTRACT.md, "tt diff --format json").
 *
 * Steps, parameters, materials and attributes are matched by id; every
 * changed field is one entry, and items that are the same are not listed.
 * What is compared:
 *   site       name, country, regulator (information: risk none)
 *   step       added, removed, or moved in the order of the steps both
 *              sites share (field "position")
 *   parameter  target, range, unit, class, affects; added or removed
 *   equipment  the list of a step's equipment, as a set
 *   material   supplier, grade; added or removed
 *   attribute  spec, unit, method, scale, criticality, type; added or
 *              removed
 * Names are labels and are not compared; ids are the identity.  An id
 * present at one site only gets a hint when an id at the other site looks
 * like it under another name (near in spelling, or the same name).
 *
 * Units: a parameter's target and range are compared after converting the
 * receiving values into the source's unit (units.h), so 48 h and 2880 min
 * are the same target and not listed.  A parameter's unit is listed only
 * when the two cannot be converted.  An attribute's unit is listed
 * whenever it is another unit (spellings of one unit aside), since the lot
 * data of the two sites must then be converted before any comparison; its
 * spec limits are compared after conversion.
 *
 * Every entry but a site's is scored for risk (ICH Q9, FMEA); the rule is
 * TT_DIFF_RULE, printed with every output so that QA can audit it.
 */
#ifndef TT_DIFF_H
#define TT_DIFF_H

#include <stddef.h>

#include "tt/base/error.h"
#include "tt/input/spec.h"
#include "tt/input/study.h"
#include "tt/base/util.h"

/* The risk rule, as printed in every output. */
#define TT_DIFF_RULE                                                                               \
	"ICH Q9 FMEA. Severity S: 3 if the parameter is critical or affects a "                    \
	"high-criticality attribute, 2 if it is key or affects a medium-criticality one, 1 "       \
	"otherwise (a step or its equipment: the highest S of the step's parameters, 1 "           \
	"without any; a material: 2, since the spec links no attribute to materials; an "          \
	"attribute: 3, 2 or 1 by its own criticality; the more critical of the two sites "         \
	"counts, and an unset criticality counts as low). Occurrence O: 3 if the receiving "       \
	"target or range leaves the source's proven acceptable range (or the source states "       \
	"none), a value or an item is added or removed, units cannot be converted, an "            \
	"attribute's spec is widened (a limit relaxed or dropped, or another required value) "     \
	"or its type changed; 2 if a target or range moves within the source's range, a spec "     \
	"is narrowed, or the equipment, a supplier, a grade or the order of steps changed; 1 "     \
	"if no value moves (a class, affects, unit, method, scale or criticality changed, or "     \
	"an attribute is tested at the receiving site only). Detectability D: 3 if an "            \
	"affected attribute's analytical method differs between the sites or the attribute "       \
	"is in one spec only; 2 if the difference affects no attribute; 1 otherwise. RPN = S "     \
	"x O x D. Risk: high if S = 3 or RPN >= 12; medium if S = 2 or RPN >= 6; low "             \
	"otherwise (the default rule by severity is a floor that the RPN can only raise). "        \
	"Site differences carry no risk."

typedef enum {
	TT_DIFF_SITE = 0,
	TT_DIFF_STEP,
	TT_DIFF_PARAMETER,
	TT_DIFF_EQUIPMENT,
	TT_DIFF_MATERIAL,
	TT_DIFF_ATTRIBUTE,
} tt_diff_kind;

/* Ordered: a higher value is a higher risk. */
typedef enum {
	TT_RISK_NONE = 0, /* information only (site) */
	TT_RISK_LOW,
	TT_RISK_MEDIUM,
	TT_RISK_HIGH,
} tt_risk;

/* A value as one site has it, ready for JSON. */
typedef enum {
	TT_DVAL_NULL = 0, /* absent at this site */
	TT_DVAL_STRING,
	TT_DVAL_NUMBER,
	TT_DVAL_PAIR, /* a range [lo, hi] */
	TT_DVAL_LIST, /* strings */
	TT_DVAL_SPEC, /* a release specification: {min, max} or {equals} */
} tt_dval_kind;

typedef struct tt_dval {
	tt_dval_kind kind;
	char *str;     /* STRING; SPEC: the qualitative `equals` or NULL */
	double num[2]; /* NUMBER: num[0]; PAIR: lo, hi; SPEC: min, max */
	int has[2];    /* SPEC: whether min and max are given */
	char **list;   /* LIST */
	size_t n_list;
} tt_dval;

typedef struct tt_diff_entry {
	tt_diff_kind kind;
	char *step;  /* the step a parameter or equipment belongs to; else NULL */
	char *id;    /* the item's id; NULL for equipment and site fields */
	char *field; /* "target", "range", "spec", "added", "removed", "position", ...;
			NULL for equipment (the whole list is the field) */
	tt_dval source, receiving;
	/* Parameter target and range, attribute unit and spec: the unit of
	 * each side's value, NULL when none. */
	char *source_unit, *receiving_unit;
	tt_param_class cls; /* parameter entries: the more critical class of the two */
	tt_risk risk;
	int severity, occurrence, detectability; /* 1..3; 0 with TT_RISK_NONE */
	char **affects;                          /* attribute ids the difference can move */
	size_t n_affects;
	char *note;                       /* renamed hint, unit conversion, or NULL */
	tt_loc source_loc, receiving_loc; /* where the item is written; zero when absent */
} tt_diff_entry;

/* An attribute the differences can move, with the highest risk among the
 * differences that affect it and the one that set it (for messages). */
typedef struct tt_diff_affected {
	char *id;
	tt_risk risk;
	size_t n_differences; /* how many differences affect it */
	size_t worst;         /* index into entries of the first highest-risk one */
} tt_diff_affected;

typedef struct tt_diff {
	char *source_id, *receiving_id;
	/* Site, then each source step in order (its own entry, its parameters,
	 * its equipment), steps added at the receiving site, materials, and
	 * attributes. */
	tt_diff_entry *entries;
	size_t n_entries;
	/* Sorted by risk, highest first, then by id. */
	tt_diff_affected *affected;
	size_t n_affected;
	const char *rule_text; /* TT_DIFF_RULE */
} tt_diff;

/* Compares two process specs.  On success *out owns the result (free with
 * tt_diff_free) and 0 is returned.  The specs are only read. */
int tt_diff_specs(tt_diff **out, const tt_spec *source, const tt_spec *receiving);

void tt_diff_free(tt_diff *d);

/* Counts of entries per risk level, indexed by tt_risk. */
void tt_diff_count_risks(const tt_diff *d, size_t counts[4]);

/* Appends a value as people read it, unescaped: "48 h", "[44, 52] h",
 * ">= 70 %", "a, b", "(none)".  unit is the unit of that side's value
 * (tt_diff_entry) or NULL. */
void tt_dval_text(tt_buf *out, const tt_dval *v, const char *unit);

/* Warns, for every attribute a high-risk difference can move, when the
 * study compares it only graphically (warning at the comparison) or not at
 * all (warning at the study file, no line).  A qualitative attribute with a
 * spec at the receiving site is exempt from the second: its conformance,
 * which every study checks, is the comparison it can have.  The message
 * names the difference that set the risk.  For tt check and tt run, with d
 * from tt_diff_specs(study->source_spec, study->receiving_spec).  Returns
 * the number of warnings added. */
int tt_diff_study_warnings(const tt_diff *d, const tt_study *study, tt_diags *diags);

const char *tt_diff_kind_name(tt_diff_kind k);
const char *tt_risk_name(tt_risk r);

#endif
