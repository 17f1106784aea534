/*
 * test_nct.c - the noncentral t cdf and quantile, and the scaled chi
 * density they integrate over.
 *
 * Expected values are R 4.2.2's pt(t, df, ncp), qt(p, df, ncp) (R's own
 * series algorithm, AS 243, independent of tt's quadrature) and dchisq,
 * printed by tests/reference/nct.R.
 *
 * The reference tables live in tt/validate/refdata/refdata_nct.c (tolerances in
 * tt/validate/refdata/refdata.h), shared with the qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>

#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"

static void cdf_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_nct_cdf_count; i++) {
		const double *c = tt_refdata_nct_cdf[i];
		char label[128];
		snprintf(label, sizeof label, "pt(%g, %g, %g) (R)", c[0], c[1], c[2]);
		double v = -1;
		assert_int_equal(tt_nct_cdf(&v, c[0], c[1], c[2]), 0);
		tt_assert_rel(v, c[3], TT_REFDATA_NCT_TOL_CDF, label);
	}
}

static void quantile_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_nct_quantile_count; i++) {
		const double *c = tt_refdata_nct_quantile[i];
		char label[128];
		snprintf(label, sizeof label, "qt(%g, %g, %g) (R)", c[0], c[1], c[2]);
		double v = NAN;
		assert_int_equal(tt_nct_quantile(&v, c[0], c[1], c[2]), 0);
		tt_assert_rel(v, c[3], TT_REFDATA_NCT_TOL_QUANTILE, label);
	}
}

static void quantile_inverts_cdf(void **state)
{
	(void)state;
	const double p[] = { 1e-6, 0.01, 0.5, 0.95, 0.999999 };
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
		double q, back;
		char label[128];
		assert_int_equal(tt_nct_quantile(&q, p[i], 7.0, 2.5), 0);
		assert_int_equal(tt_nct_cdf(&back, q, 7.0, 2.5), 0);
		snprintf(label, sizeof label, "cdf(quantile(%g)) = p (df 7, ncp 2.5)", p[i]);
		tt_assert_rel(back, p[i], 1e-9, label);
	}
}

static void zero_ncp_is_central_t(void **state)
{
	(void)state;
	/* With ncp 0 the distribution is Student's t: GSL's own cdf and
	 * quantile are the reference. */
	double v;
	assert_int_equal(tt_nct_cdf(&v, 1.7, 6.0, 0.0), 0);
	tt_assert_rel(v, gsl_cdf_tdist_P(1.7, 6.0), 1e-12, "cdf(1.7; 6, 0) = gsl t cdf");
	assert_int_equal(tt_nct_cdf(&v, -2.3, 3.5, 0.0), 0);
	tt_assert_rel(v, gsl_cdf_tdist_P(-2.3, 3.5), 1e-11, "cdf(-2.3; 3.5, 0) = gsl t cdf");
	assert_int_equal(tt_nct_quantile(&v, 0.975, 12.0, 0.0), 0);
	tt_assert_rel(v, gsl_cdf_tdist_Pinv(0.975, 12.0), 1e-11, "quantile(0.975; 12, 0) = gsl");
}

static void reflection(void **state)
{
	(void)state;
	/* P(T <= t; ncp) = 1 - P(T <= -t; -ncp), from T(-ncp) = -T(ncp). */
	double a, b;
	assert_int_equal(tt_nct_cdf(&a, 1.9, 11.0, 1.4), 0);
	assert_int_equal(tt_nct_cdf(&b, -1.9, 11.0, -1.4), 0);
	tt_assert_rel(a, 1.0 - b, 1e-12, "cdf(t; ncp) = 1 - cdf(-t; -ncp)");
}

static void infinite_t(void **state)
{
	(void)state;
	double v = 0.5;
	assert_int_equal(tt_nct_cdf(&v, INFINITY, 4.0, 1.0), 0);
	assert_true(v == 1.0);
	assert_int_equal(tt_nct_cdf(&v, -INFINITY, 4.0, 1.0), 0);
	assert_true(v == 0.0);
}

static void scaled_chi_density_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < tt_refdata_scaled_chi_pdf_count; i++) {
		const double *c = tt_refdata_scaled_chi_pdf[i];
		char label[128];
		snprintf(label, sizeof label, "scaled chi density at %g, df %g (R dchisq)", c[0],
			 c[1]);
		tt_assert_rel(tt_scaled_chi_pdf(c[0], c[1]), c[2], TT_REFDATA_SCALED_CHI_TOL,
			      label);
	}
	assert_true(tt_scaled_chi_pdf(0.0, 3.0) == 0.0);
	assert_true(tt_scaled_chi_pdf(-1.0, 3.0) == 0.0);
	tt_assert_rel(tt_scaled_chi_pdf(0.0, 1.0), sqrt(2.0 / M_PI), 1e-15,
		      "df 1: half-normal density at 0 is sqrt(2/pi)");
}

static void scaled_chi_range_holds_the_mass(void **state)
{
	(void)state;
	const double df[] = { 1, 2, 5, 30, 1000 };
	for (size_t i = 0; i < sizeof df / sizeof df[0]; i++) {
		double lo, hi;
		char label[128];
		tt_scaled_chi_range(&lo, &hi, df[i], 8.0);
		/* P(S < lo) + P(S > hi) through GSL's chi-square. */
		double out = gsl_cdf_chisq_P(df[i] * lo * lo, df[i]) +
			     gsl_cdf_chisq_Q(df[i] * hi * hi, df[i]);
		snprintf(label, sizeof label, "mass outside the range at df %g below 2e-15", df[i]);
		tt_assert_abs(out, 0.0, 2e-15, label);
		assert_true(lo < 1.0 && hi > 1.0);
	}
}

static void bad_arguments(void **state)
{
	(void)state;
	double v;
	assert_int_equal(tt_nct_cdf(&v, 1.0, 0.0, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_cdf(&v, 1.0, -2.0, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_cdf(&v, 1.0, NAN, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_cdf(&v, NAN, 3.0, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_cdf(&v, 1.0, 3.0, INFINITY), TT_EINVAL);
	assert_int_equal(tt_nct_quantile(&v, 0.0, 3.0, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_quantile(&v, 1.0, 3.0, 1.0), TT_EINVAL);
	assert_int_equal(tt_nct_quantile(&v, NAN, 3.0, 1.0), TT_EINVAL);
	assert_string_equal(tt_error_last(), "noncentral t quantile needs 0 < p < 1, not nan");
	assert_int_equal(tt_nct_quantile(&v, 0.5, 0.0, 1.0), TT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cdf_matches_r),
		cmocka_unit_test(quantile_matches_r),
		cmocka_unit_test(quantile_inverts_cdf),
		cmocka_unit_test(zero_ncp_is_central_t),
		cmocka_unit_test(reflection),
		cmocka_unit_test(infinite_t),
		cmocka_unit_test(scaled_chi_density_matches_r),
		cmocka_unit_test(scaled_chi_range_holds_the_mass),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
