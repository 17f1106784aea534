/*
 * validate.c - the qualification suite: the groups, running them, and
 * evaluating one check on its own.
 */
#include "tt/validate/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/mem.h"
#include "tt/validate/checks.h"
#include "tt/validate/validate_env.h"
#include "tt/validate/validate_golden.h"
#include "tt/validate/validate_stats.h"

const tt_validate_group tt_validate_groups[] = {
	{ "nist", "NIST StRD univariate summary statistics",
	  "Mean and standard deviation of the eight NIST Statistical Reference Datasets for "
	  "univariate summary statistics, against the certified values, and the standard "
	  "deviation against the exact value of the data as stored (binary doubles), computed "
	  "in rational arithmetic." },
	{ "tolerance", "Tolerance factors, published",
	  "Normal tolerance factors (exact two-sided, Howe, exact one-sided) and the NIST/SEMATECH "
	  "e-Handbook tolerance interval, against the published tables at the precision they are "
	  "printed; the lots a nonparametric interval needs." },
	{ "power", "TOST power, published",
	  "Exact power of the two one-sided tests with a known margin of 1.5 sigma, against "
	  "PowerTOST's power.TOST(method = \"exact\") as METHODS.md gives it." },
	{ "f2", "f2 similarity factor, published",
	  "The f2 similarity factor of the Shah et al. (1998) dissolution example." },
	{ "msd", "Multivariate statistical distance, published",
	  "The Mahalanobis distance method of Tsong et al. (1996) on the paper's data: distance, "
	  "F quantile, K, similarity limit, upper bound of the Hotelling region, conclusion." },
	{ "r-tost", "Equivalence test (TOST) against R",
	  "Welch, pooled, paired and log-scale TOST with absolute, sigma, percent and ratio "
	  "margins, against R's t.test: difference, standard error, degrees of freedom, "
	  "confidence interval, margins, p-values and the decision." },
	{ "r-varratio", "Variance ratio against R",
	  "The variance ratio, its F interval, degrees of freedom and p-value, against R's "
	  "var.test." },
	{ "r-shapiro", "Shapiro-Wilk test against R",
	  "W and its p-value for n from 3 to 5000, on normal, skewed and uniform data, against "
	  "R's shapiro.test." },
	{ "r-ranges", "Quality range and min-max against R",
	  "Quality-range bounds from R's mean and sd (linear and log scale), the receiving lots "
	  "inside, the decision, and the lots inside the min-max range." },
	{ "r-tolerance", "Tolerance factors against R",
	  "Exact two-sided factors (R integrate and uniroot), Howe factors, one-sided factors "
	  "(R's noncentral t), nonparametric orders and lots needed (R pbinom)." },
	{ "r-power", "TOST power and sample size against R",
	  "Exact TOST power over lot counts, margins, differences and alpha (R integrate of the "
	  "same integral), and the smallest lot counts reaching a target power." },
	{ "r-nct", "Noncentral t and scaled chi against R",
	  "The noncentral t distribution function and quantile (R's pt and qt) and the density "
	  "of a sample standard deviation (R's dchisq), which the tolerance and power "
	  "computations rest on." },
	{ "golden", "Golden studies end to end",
	  "Three complete studies (comparable, not comparable, paired) run through the whole "
	  "engine from their YAML and CSV files: every reported number against R, every "
	  "comparison's outcome and the verdict." },
};

const size_t tt_validate_group_count = sizeof tt_validate_groups / sizeof tt_validate_groups[0];

/* The function of each group, in the order of tt_validate_groups. */
static void (*const group_fns[])(tt_vctx *) = {
	tt_vgroup_nist,     tt_vgroup_tolerance,   tt_vgroup_power,      tt_vgroup_f2,
	tt_vgroup_msd,      tt_vgroup_r_tost,      tt_vgroup_r_varratio, tt_vgroup_r_shapiro,
	tt_vgroup_r_ranges, tt_vgroup_r_tolerance, tt_vgroup_r_power,    tt_vgroup_r_nct,
	tt_vgroup_golden,
};

_Static_assert(sizeof group_fns / sizeof group_fns[0] ==
		       sizeof tt_validate_groups / sizeof tt_validate_groups[0],
	       "one function per group");

static tt_validation *new_validation(void)
{
	tt_validation *v = tt_xcalloc(1, sizeof *v);
	return v;
}

void tt_validation_free(tt_validation *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n_checks; i++)
		tt_check_clear(&v->checks[i]);
	free(v->checks);
	tt_validate_env_clear(&v->env);
	free(v);
}

int tt_validate_run(tt_validation **out)
{
	tt_validation *v = new_validation();
	tt_validate_env_fill(&v->env);
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		tt_vctx c = { v, tt_validate_groups[g].id, NULL, NAN, NULL, false };
		size_t before = v->n_checks;
		group_fns[g](&c);
		/* A group that checked nothing has shown nothing: that fails. */
		if (v->n_checks == before) {
			char id[64];
			snprintf(id, sizeof id, "%s.present", tt_validate_groups[g].id);
			tt_vcheck_error(&c, id, "the group records at least one check",
					"the qualification suite", 1.0, TT_TOL_ABSOLUTE, 0.0,
					"no check was recorded");
		}
	}
	*out = v;
	return 0;
}

int tt_validate_check(tt_check *out, const char *id, double expected, const char *expected_text)
{
	memset(out, 0, sizeof *out);
	/* The group is the part of the id before its first dot. */
	const char *dot = strchr(id, '.');
	size_t len = dot ? (size_t)(dot - id) : strlen(id);
	for (size_t g = 0; g < tt_validate_group_count; g++) {
		const char *gid = tt_validate_groups[g].id;
		if (strlen(gid) != len || strncmp(gid, id, len) != 0)
			continue;
		tt_validation *v = new_validation();
		tt_vctx c = { v, gid, id, expected, expected_text, false };
		group_fns[g](&c);
		if (c.found) {
			*out = v->checks[0];
			v->n_checks = 0;
		}
		tt_validation_free(v);
		if (c.found)
			return 0;
		break;
	}
	return tt_error_set(TT_EINVAL, "no check '%s' in the qualification suite", id);
}

void tt_validate_group_counts(const tt_validation *v, const char *group, size_t *checks,
			      size_t *passed)
{
	*checks = *passed = 0;
	for (size_t i = 0; i < v->n_checks; i++) {
		if (strcmp(v->checks[i].group, group) != 0)
			continue;
		(*checks)++;
		if (v->checks[i].pass)
			(*passed)++;
	}
}
