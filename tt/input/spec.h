/*
 * spec.h - one site's process: steps, parameters, materials, equipment and
 * the quality attributes with their release specifications
 * (CONTRACT.md, "Process spec").
 *
 * Every key of the contract is checked for type, range and required-ness;
 * unknown keys are errors with a did-you-mean suggestion.  Beyond the
 * contract, process, steps, parameters, materials and attributes take an
 * optional `description` string.  Ids are unique within their list
 * (parameter ids within their step); attribute ids cannot be lot, date, pair
 * or tested_at, the lot table's own columns; a parameter's `affects` must name
 * attributes of the same spec.  A parameter's target need not lie inside
 * its range (a target at the edge of a proven range is a choice, not an
 * error).
 *
 * A loaded tt_spec owns every string in it.  Each item keeps the place it
 * was written (tt_loc, whose file points at spec->path), so later checks can
 * point at it.  Optional strings are NULL when absent.
 */
#ifndef TT_SPEC_H
#define TT_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "tt/base/error.h"

typedef enum {
	TT_CLASS_UNSET = 0,
	TT_CLASS_CRITICAL,
	TT_CLASS_KEY,
	TT_CLASS_NONCRITICAL,
} tt_param_class;

typedef enum {
	TT_CRIT_UNSET = 0,
	TT_CRIT_HIGH,
	TT_CRIT_MEDIUM,
	TT_CRIT_LOW,
} tt_criticality;

typedef enum { TT_ATTR_CONTINUOUS = 0, TT_ATTR_QUALITATIVE } tt_attr_type;
typedef enum { TT_SCALE_LINEAR = 0, TT_SCALE_LOG } tt_scale;

typedef struct tt_param {
	char *id;
	char *name;
	int has_target;
	double target;
	int has_range;
	double range[2]; /* proven acceptable range, range[0] <= range[1] */
	char *unit;
	tt_param_class cls;
	char **affects; /* attribute ids */
	size_t n_affects;
	tt_loc loc;
	char *description;
} tt_param;

typedef struct tt_step {
	char *id;
	char *name;
	char **equipment;
	size_t n_equipment;
	tt_param *params;
	size_t n_params;
	tt_loc loc;
	char *description;
} tt_step;

typedef struct tt_material {
	char *id;
	char *name;
	char *supplier;
	char *grade;
	tt_loc loc;
	char *description;
} tt_material;

typedef struct tt_attr {
	char *id;
	char *name;
	char *unit;   /* NULL when unitless */
	char *method; /* analytical method */
	tt_attr_type type;
	int has_spec;
	int has_min, has_max; /* continuous: inclusive limits */
	double min, max;
	char *equals; /* qualitative: the required value */
	tt_scale scale;
	tt_criticality criticality;
	tt_loc loc;
	char *description;
	tt_loc spec_loc; /* of the `spec` mapping (loc when there is none) */
} tt_attr;

typedef struct tt_site {
	char *name;
	char *country;
	char *regulator;
} tt_site;

typedef struct tt_spec {
	char *path;
	unsigned char sha256[32];
	char *id;
	char *name;
	char *product;
	char *version;
	tt_site site;
	tt_step *steps;
	size_t n_steps;
	tt_material *materials;
	size_t n_materials;
	tt_attr *attrs;
	size_t n_attrs;
	char *description;
	tt_loc loc; /* of the `process` mapping */
} tt_spec;

/* Loads and validates a process spec.  On success *out owns the spec and 0
 * is returned; every problem goes to d (located) and TT_EINVAL is returned
 * with *out NULL. */
int tt_spec_load(tt_spec **out, const char *path, tt_diags *d);

/* Validates an already parsed document (used by tt check, which decides
 * from the top-level key whether a file is a spec or a study). */
struct tt_ydoc;
int tt_spec_from_doc(tt_spec **out, const struct tt_ydoc *doc, tt_diags *d);

void tt_spec_free(tt_spec *spec);

const tt_attr *tt_spec_attr(const tt_spec *spec, const char *id);
const tt_step *tt_spec_step(const tt_spec *spec, const char *id);

/* The limits of a release specification, apart from their attribute: a
 * figure passes only those its axis can show. */
typedef struct tt_spec_limits {
	bool has_min, has_max; /* continuous: inclusive limits */
	double min, max;
	const char *equals; /* qualitative: the required value, else NULL */
} tt_spec_limits;

/* The limits of a's specification (none when it has none). */
tt_spec_limits tt_spec_limits_of(const tt_attr *a);

/* How tt_spec_limits_words writes a specification.  A NULL style is
 * ASCII with the limits as %g: ">= 70 %", "2 to 5 copies/cell",
 * "= negative". */
typedef struct tt_spec_words_style {
	/* Writes a limit into buf (size bytes) and returns buf, so that each
	 * output writes limits as it writes its other numbers; NULL: %g. */
	const char *(*number)(char *buf, size_t size, double v);
	bool symbols; /* "≥ 70", "≤ 5" (UTF-8) rather than ">= 70", "<= 5" */
	bool prose;   /* "equals negative" rather than "= negative" */
} tt_spec_words_style;

/* A specification in words, the one way every output puts it: "= X" (or
 * "equals X") for a qualitative one; "MIN to MAX", ">= MIN" or "<= MAX"
 * followed by the unit (NULL or "" for none) for a continuous one; "none"
 * without a limit.  A new string. */
char *tt_spec_limits_words(const tt_spec_limits *s, const char *unit,
			   const tt_spec_words_style *style);

/* a's specification in words in the NULL style of tt_spec_limits_words,
 * for tables and sentences.  A new string. */
char *tt_spec_words(const tt_attr *a);

/* Text names of the enumerations, as written in YAML. */
const char *tt_param_class_name(tt_param_class c);
const char *tt_criticality_name(tt_criticality c);
const char *tt_attr_type_name(tt_attr_type t);
const char *tt_scale_name(tt_scale s);

#endif
