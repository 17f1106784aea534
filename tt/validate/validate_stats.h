/*
 * validate_stats.h - the groups of the qualification suite that check the
 * statistics against published values and R (validate_stats.c); not part
 * of the library's interface.
 */
#ifndef TT_VALIDATE_STATS_H
#define TT_VALIDATE_STATS_H

#include "tt/validate/checks.h"

void tt_vgroup_nist(tt_vctx *c);
void tt_vgroup_tolerance(tt_vctx *c);
void tt_vgroup_power(tt_vctx *c);
void tt_vgroup_f2(tt_vctx *c);
void tt_vgroup_msd(tt_vctx *c);
void tt_vgroup_r_tost(tt_vctx *c);
void tt_vgroup_r_varratio(tt_vctx *c);
void tt_vgroup_r_shapiro(tt_vctx *c);
void tt_vgroup_r_ranges(tt_vctx *c);
void tt_vgroup_r_tolerance(tt_vctx *c);
void tt_vgroup_r_power(tt_vctx *c);
void tt_vgroup_r_nct(tt_vctx *c);

#endif
