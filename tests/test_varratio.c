/*
 * test_varratio.c - the variance ratio against R's var.test and by hand.
 *
 * The reference tables live in tt/validate/refdata/refdata_varratio.c (tolerances in
 * tt/validate/refdata/refdata.h), shared with the qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include "tt/base/error.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"

static void r_reference_cases(void **state)
{
	(void)state;
	size_t ncases = tt_refdata_vr_count;
	assert_true(ncases >= 30);
	for (size_t i = 0; i < ncases; i++) {
		const tt_refdata_vr *c = &tt_refdata_vr_cases[i];
		tt_varratio_result r;
		int rc = tt_var_ratio(&r, &tt_refdata_vr_values[c->ref_at], c->n_ref,
				      &tt_refdata_vr_values[c->test_at], c->n_test, c->alpha);
		if (rc)
			fail_msg("%s: %s", c->label, tt_error_last());
		char label[96];
#define CHECK(field, tol)                                                                          \
	do {                                                                                       \
		snprintf(label, sizeof label, "R var.test %s " #field, c->label);                  \
		tt_assert_rel(r.field, c->field, tol, label);                                      \
	} while (0)
		CHECK(ratio, TT_REFDATA_VR_TOL_RATIO);
		CHECK(ci_lower, TT_REFDATA_VR_TOL_CI);
		CHECK(ci_upper, TT_REFDATA_VR_TOL_CI);
		CHECK(df_num, 0.0);
		CHECK(df_den, 0.0);
		CHECK(p_value, TT_REFDATA_VR_TOL_P);
#undef CHECK
	}
}

/* Hand-computed: ref 1, 2, 3 (variance 1), test 2, 4, 6 (variance 4):
 * ratio 4 on (2, 2) degrees of freedom.  F(2, 2) has cdf x/(1 + x), so its
 * p quantile is p/(1 - p): F(0.95) = 19 and F(0.05) = 1/19, the 90% CI is
 * [4/19, 76], and the p-value 2 min(4/5, 1/5) = 0.4. */
static void f_2_2_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 3 }, test[] = { 2, 4, 6 };
	tt_varratio_result r;
	assert_int_equal(tt_var_ratio(&r, ref, 3, test, 3, 0.05), 0);
	tt_assert_rel(r.ratio, 4.0, 1e-15, "hand F(2,2): ratio 4");
	tt_assert_rel(r.ci_lower, 4.0 / 19.0, 1e-13, "hand F(2,2): 4/F(0.95) = 4/19");
	tt_assert_rel(r.ci_upper, 76.0, 1e-13, "hand F(2,2): 4/F(0.05) = 76");
	tt_assert_rel(r.df_num, 2.0, 0.0, "hand F(2,2): df_num nT - 1");
	tt_assert_rel(r.df_den, 2.0, 0.0, "hand F(2,2): df_den nR - 1");
	tt_assert_rel(r.p_value, 0.4, 1e-14, "hand F(2,2): p 2 min(0.8, 0.2)");
	/* Swapping the sites inverts the ratio and the interval. */
	assert_int_equal(tt_var_ratio(&r, test, 3, ref, 3, 0.05), 0);
	tt_assert_rel(r.ratio, 0.25, 1e-15, "hand F(2,2) swapped: ratio 1/4");
	tt_assert_rel(r.ci_lower, 0.25 / 19.0, 1e-13, "hand F(2,2) swapped: ci_lower");
	tt_assert_rel(r.ci_upper, 19.0 / 4.0, 1e-13, "hand F(2,2) swapped: ci_upper");
	tt_assert_rel(r.p_value, 0.4, 1e-14, "hand F(2,2) swapped: p");
}

/* Equal variances give ratio 1 and p 1 (both tails 1/2 at F = 1 when the
 * degrees of freedom are equal). */
static void equal_variances(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 3, 4 }, test[] = { 11, 12, 13, 14 };
	tt_varratio_result r;
	assert_int_equal(tt_var_ratio(&r, ref, 4, test, 4, 0.05), 0);
	tt_assert_rel(r.ratio, 1.0, 1e-15, "hand: equal variances ratio 1");
	tt_assert_rel(r.p_value, 1.0, 1e-14, "hand: equal variances p 1");
}

/* A receiving set without spread has ratio 0 (it exists: sT = 0); a source
 * set without spread has no ratio. */
static void zero_spread(void **state)
{
	(void)state;
	const double ref[] = { 1, 2, 3 }, flat[] = { 5, 5, 5 };
	tt_varratio_result r;
	assert_int_equal(tt_var_ratio(&r, ref, 3, flat, 3, 0.05), 0);
	tt_assert_rel(r.ratio, 0.0, 0.0, "hand: receiving without spread, ratio 0");
	tt_assert_rel(r.ci_upper, 0.0, 0.0, "hand: receiving without spread, ci_upper 0");
	tt_assert_rel(r.p_value, 0.0, 0.0, "hand: receiving without spread, p 0");
	assert_int_equal(tt_var_ratio(&r, flat, 3, ref, 3, 0.05), TT_EDOMAIN);
	assert_string_equal(tt_error_last(),
			    "zero spread in the source values: the variance ratio does not exist");
}

static void errors(void **state)
{
	(void)state;
	const double a[] = { 1, 2, 3 }, nan3[] = { 1, NAN, 2 };
	tt_varratio_result r;
	assert_int_equal(tt_var_ratio(&r, a, 1, a, 3, 0.05), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 source values are needed for a variance ratio (got 1)");
	assert_int_equal(tt_var_ratio(&r, a, 3, a, 1, 0.05), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 receiving values are needed for a variance ratio (got 1)");
	assert_int_equal(tt_var_ratio(&r, a, 3, a, 3, 0.0), TT_EINVAL);
	assert_string_equal(tt_error_last(), "alpha '0' is not between 0 and 0.5");
	assert_int_equal(tt_var_ratio(&r, a, 3, nan3, 3, 0.05), TT_EINVAL);
	assert_string_equal(tt_error_last(), "receiving value 2 is not a finite number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(r_reference_cases),
		cmocka_unit_test(f_2_2_by_hand),
		cmocka_unit_test(equal_variances),
		cmocka_unit_test(zero_spread),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
