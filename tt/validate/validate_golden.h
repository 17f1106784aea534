/*
 * validate_golden.h - the group of the qualification suite that runs the
 * golden studies end to end (validate_golden.c); not part of the library's
 * interface.
 */
#ifndef TT_VALIDATE_GOLDEN_H
#define TT_VALIDATE_GOLDEN_H

#include "tt/validate/checks.h"

void tt_vgroup_golden(tt_vctx *c);

#endif
