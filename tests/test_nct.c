/*
 * test_nct.c - the noncentral t cdf and quantile, and the scaled chi
 * density they integrate over.
 *
 * Expected values are R 4.2.2's pt(t, df, ncp), qt(p, df, ncp) (R's own
 * series algorithm, AS 243, independent of tt's quadrature) and dchisq,
 * printed by tests/reference/nct.R.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>

#include "tt/stats.h"

/* R's pt carries an absolute error near 1e-12 and is only asked for here
 * where that is small against the value; tt's quadrature is good to about
 * 1e-12 relative. */
#define CDF_TOL 5e-9
#define QUANTILE_TOL 1e-9

/* t, df, ncp, pt(t, df, ncp) from tests/reference/nct.R */
static const double cdf_cases[][4] = {
	{ 1, 5, 0.5, 6.665357026869924e-01 },
	{ 2, 10, 1, 8.076115625303111e-01 },
	{ 0, 3, 1, 1.586552539314570e-01 },
	{ -1, 4, 1, 3.277329533226370e-02 },
	{ -2, 7, -1, 2.054949883391168e-01 },
	{ 3, 9, 4.0499999999999998, 1.762478098527288e-01 },
	{ 5, 9, 4.0526999999999997, 6.966553868815419e-01 },
	{ 2.5, 2, 1, 7.816134762719749e-01 },
	{ 10, 1, 3, 7.652825909144659e-01 },
	{ 0.5, 1, 0, 6.475836176504333e-01 },
	{ 1, 20, 0, 8.353717114141455e-01 },
	{ 4, 29, 3, 8.037597705367140e-01 },
	{ 6, 50, 5, 7.972030464854397e-01 },
	{ 1.5, 2.5, 0.69999999999999996, 7.084316747159849e-01 },
	{ 15, 99, 12, 9.794632961975687e-01 },
	{ 12, 199, 13.800000000000001, 6.009104397683918e-02 },
	{ 30, 1000, 30, 4.972583207594962e-01 },
	{ -3, 5, -2, 2.688901564918483e-01 },
	{ 0.10000000000000001, 8, 2, 2.855340777255334e-02 },
	{ 1, 8, 5, 4.702636383479600e-05 },
	{ 8, 8, 3, 9.894321450793263e-01 },
	{ 25, 30, 10, 9.999995557694158e-01 },
	{ 3.2999999999999998, 15.699999999999999, 2.2000000000000002, 8.170346407142124e-01 },
	{ 1, 100, 3, 2.288493841396112e-02 },
	{ 4, 100, 3, 8.296306415567009e-01 },
	{ 7, 40, 5, 9.392710511024649e-01 },
	{ 2, 0.5, 1, 5.204963518150569e-01 },
	{ 20, 3, 10, 8.591782314532792e-01 },
	{ -0.5, 12, 0.29999999999999999, 2.160229578616351e-01 },
	{ 2.8999999999999999, 9, 2.8999999999999999, 4.708667322627456e-01 },
	{ 0.20000000000000001, 4, 4, 7.151527504105598e-05 },
	{ 36, 5000, 35, 8.261831165335123e-01 },
};

/* p, df, ncp, qt(p, df, ncp) from tests/reference/nct.R */
static const double quantile_cases[][4] = {
	{ 0.94999999999999996, 9, 4.0526218860755039, 7.446025886635984e+00 },
	{ 0.94999999999999996, 9, 5.2014838787555719, 9.205274570753655e+00 },
	{ 0.94999999999999996, 9, 7.3565579118595537, 1.258940002463248e+01 },
	{ 0.98999999999999999, 42, 8.4036956067817048, 1.228833556780777e+01 },
	{ 0.5, 5, 1, 1.052851040948170e+00 },
	{ 0.050000000000000003, 5, 1, -7.182832718779935e-01 },
	{ 0.90000000000000002, 20, 3, 4.638987269138951e+00 },
	{ 0.01, 3, 0, -4.540702858568133e+00 },
	{ 0.999, 10, 2, 7.926889131241126e+00 },
	{ 0.94999999999999996, 29, 12.741932072163554, 1.678167760807349e+01 },
	{ 0.94999999999999996, 99, 16.448536269514715, 1.926538850513209e+01 },
	{ 0.90000000000000002, 2, 5, 1.564641893320029e+01 },
	{ 0.10000000000000001, 1, 2, 7.398646999223217e-01 },
	{ 0.94999999999999996, 4, 0, 2.131846786326649e+00 },
	{ 0.75, 7.5, -1.2, -5.369015623931119e-01 },
	{ 0.94999999999999996, 199, 32.899527142663736, 3.634157081759230e+01 },
	{ 0.98999999999999999, 49, 11.630871536766733, 1.604352938723640e+01 },
	{ 0.94999999999999996, 2, 2.2197124240426849, 1.066125960584535e+01 },
	{ 0.29999999999999999, 15, 4, 3.442951708472151e+00 },
	{ 0.59999999999999998, 60, -3, -2.750470522806424e+00 },
	{ 0.90000000000000002, 1, 1, 8.570493710946508e+00 },
	{ 0.025000000000000001, 12, -2, -4.771375127483410e+00 },
	{ 0.99990000000000001, 30, 5, 1.138577078534134e+01 },
	{ 0.20000000000000001, 2.5, 3, 2.084345841432452e+00 },
	{ 0.94999999999999996, 1, 1.8123876048736471, 2.910659064782877e+01 },
	{ 0.5, 1000, 20, 2.000527875828453e+01 },
	{ 0.050000000000000003, 6, -4, -8.365219512644117e+00 },
	{ 0.96999999999999997, 11, 6.5, 1.146666226504006e+01 },
	{ 0.40000000000000002, 3, -0.5, -8.343183313965881e-01 },
	{ 0.80000000000000004, 25, 10, 1.175314810772036e+01 },
};

/* s, df, dchisq(df s^2, df) 2 df s from tests/reference/nct.R */
static const double pdf_cases[][3] = {
	{ 1, 1, 4.839414490382867e-01 },
	{ 0.5, 2, 7.788007830714049e-01 },
	{ 1.3, 5, 6.210449587305004e-01 },
	{ 0.90000000000000002, 30, 2.502334410224465e+00 },
	{ 1.01, 1000, 1.598621122494136e+01 },
	{ 0.999, 1000000, 2.076921813448014e+02 },
	{ 2, 0.5, 1.014669119083084e-01 },
	{ 0.20000000000000001, 9, 3.198224997775506e-04 },
};

static void cdf_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cdf_cases / sizeof cdf_cases[0]; i++) {
		const double *c = cdf_cases[i];
		char label[128];
		snprintf(label, sizeof label, "pt(%g, %g, %g) (R)", c[0], c[1], c[2]);
		double v = -1;
		assert_int_equal(tt_nct_cdf(&v, c[0], c[1], c[2]), 0);
		tt_assert_rel(v, c[3], CDF_TOL, label);
	}
}

static void quantile_matches_r(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof quantile_cases / sizeof quantile_cases[0]; i++) {
		const double *c = quantile_cases[i];
		char label[128];
		snprintf(label, sizeof label, "qt(%g, %g, %g) (R)", c[0], c[1], c[2]);
		double v = NAN;
		assert_int_equal(tt_nct_quantile(&v, c[0], c[1], c[2]), 0);
		tt_assert_rel(v, c[3], QUANTILE_TOL, label);
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
	for (size_t i = 0; i < sizeof pdf_cases / sizeof pdf_cases[0]; i++) {
		const double *c = pdf_cases[i];
		char label[128];
		snprintf(label, sizeof label, "scaled chi density at %g, df %g (R dchisq)", c[0],
			 c[1]);
		tt_assert_rel(tt_scaled_chi_pdf(c[0], c[1]), c[2], 1e-11, label);
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
	gsl_set_error_handler_off();
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
