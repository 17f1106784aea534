/*
 * ydoc.h - a YAML document tree over libyaml that keeps every node's place.
 *
 * Every node carries its file, line and column (1-based), so an error found
 * late, such as an unknown attribute id in a study, still points at the
 * exact place in the file.  Loading refuses, with located errors:
 *   - files larger than TT_YDOC_MAX_BYTES, invalid UTF-8, tabs in indentation;
 *   - syntax errors (libyaml's message, located);
 *   - duplicate keys in a mapping, non-scalar keys;
 *   - nesting deeper than TT_YDOC_MAX_DEPTH;
 *   - aliases whose expansion would take the tree beyond TT_YDOC_MAX_NODES
 *     nodes (a "billion laughs" file fails at once, before it eats memory);
 *   - more than one document in a file;
 *   - tags other than YAML's core ones (!!str makes a scalar quoted).
 * Aliases are expanded by reference: the alias points at the anchored node,
 * which keeps the anchor's place.  YAML 1.1 merge keys ('<<') are not
 * supported; such a key reaches the schema checks like any other.
 * Every problem found is added to the tt_diags list, not only the first.
 */
#ifndef TT_YDOC_H
#define TT_YDOC_H

#include <stddef.h>

#include "tt/base/error.h"

#define TT_YDOC_MAX_BYTES (16u * 1024u * 1024u)
#define TT_YDOC_MAX_DEPTH 64
#define TT_YDOC_MAX_NODES 200000

typedef enum { TT_YNODE_SCALAR, TT_YNODE_SEQ, TT_YNODE_MAP } tt_ynode_kind;

typedef struct tt_ynode tt_ynode;
typedef struct tt_ypair {
	tt_ynode *key; /* always a scalar */
	tt_ynode *value;
} tt_ypair;

struct tt_ynode {
	tt_ynode_kind kind;
	tt_loc loc;       /* loc.file points at the document's path */
	char *text;       /* SCALAR: the value as written (never NULL) */
	int quoted;       /* SCALAR: written in quotes or as a block ('3.2' vs 3.2) */
	size_t count;     /* SEQ: items; MAP: pairs */
	tt_ynode **items; /* SEQ */
	tt_ypair *pairs;  /* MAP, in the file's order */
};

typedef struct tt_ydoc {
	char *path;
	tt_ynode *root;           /* NULL for an empty document */
	size_t n_nodes;           /* as if every alias were expanded */
	unsigned char sha256[32]; /* of the file's bytes */

	/* Every node allocated, each once.  An alias shares the anchored node
	 * instead of copying it, so the tree is a DAG and is freed from this
	 * list, never by walking it. */
	tt_ynode **all;
	size_t n_all;
	size_t cap_all;
} tt_ydoc;

/* Loads a YAML file.  On success *out owns the tree (free with
 * tt_ydoc_free) and 0 is returned; problems go to d and the function
 * returns TT_EINVAL (or TT_EIO when the file cannot be read, also added to
 * d at FILE with no line).  *out is NULL on failure. */
int tt_ydoc_load(tt_ydoc **out, const char *path, tt_diags *d);

/* The same from a buffer in memory; path is used for locations only. */
int tt_ydoc_parse(tt_ydoc **out, const char *path, const char *bytes, size_t len, tt_diags *d);

void tt_ydoc_free(tt_ydoc *doc);

/* The value for key in a mapping, or NULL (also NULL if map is not a MAP). */
tt_ynode *tt_ynode_get(const tt_ynode *map, const char *key);
/* The pair for key (for the key's own location), or NULL. */
const tt_ypair *tt_ynode_get_pair(const tt_ynode *map, const char *key);

/* Whether a scalar is YAML null (~, null, empty and unquoted). */
int tt_ynode_is_null(const tt_ynode *n);

const char *tt_ynode_kind_name(tt_ynode_kind kind);

/*
 * Schema helpers: each checks one node and, on a problem, adds a located
 * error to d and returns TT_EINVAL.  They never print.
 */

/* Errors for every key of map not in allowed (NULL-terminated), with a
 * did-you-mean suggestion ("unknown key 'margn' in comparison; did you mean
 * 'margin'?").  `what` names the mapping for the message.  Also errors when
 * map is not a mapping. */
int tt_yschema_keys(const tt_ynode *map, const char *what, const char *const *allowed, tt_diags *d);

/* A required key: error "missing required key 'id' in process" at the
 * mapping's place when absent.  Returns the value node or NULL. */
tt_ynode *tt_yschema_require(const tt_ynode *map, const char *what, const char *key, tt_diags *d);

/* A scalar string (numbers are accepted as their text).  *out borrows the
 * node's text. */
int tt_yschema_string(const tt_ynode *n, const char *key, const char **out, tt_diags *d);
/* A string that is a valid id (letters, digits, '-', '_'). */
int tt_yschema_id(const tt_ynode *n, const char *key, const char **out, tt_diags *d);
/* A finite number, unquoted. */
int tt_yschema_number(const tt_ynode *n, const char *key, double *out, tt_diags *d);
/* A number within a range; lo_open/hi_open make that end exclusive.  Use
 * -INFINITY/INFINITY for no bound.  The message states the range. */
int tt_yschema_number_in(const tt_ynode *n, const char *key, double lo, int lo_open, double hi,
			 int hi_open, double *out, tt_diags *d);
/* An integer within [lo, hi]. */
int tt_yschema_int(const tt_ynode *n, const char *key, long lo, long hi, long *out, tt_diags *d);
/* One of the NULL-terminated choices; returns its index in *out; the error
 * lists the choices and suggests the nearest. */
int tt_yschema_enum(const tt_ynode *n, const char *key, const char *const *choices, int *out,
		    tt_diags *d);
/* true/false (also yes/no). */
int tt_yschema_bool(const tt_ynode *n, const char *key, int *out, tt_diags *d);
/* A sequence (a single scalar is not accepted). */
int tt_yschema_seq(const tt_ynode *n, const char *key, tt_diags *d);
/* A mapping. */
int tt_yschema_map(const tt_ynode *n, const char *key, tt_diags *d);

#endif
