/*
 * test_describe.c - mean, sd, median, min, max and cv, checked against the
 * NIST StRD univariate certified values and hand-computed cases.
 *
 * The reference tables live in tt/validate/refdata/refdata_describe.c (tolerances in
 * tt/validate/refdata/refdata.h), shared with the qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/stats/stats.h"
#include "tt/base/util.h"

#define NIST_MAX_SETS 16

typedef struct nist_set {
	char name[32];
	double *x;
	size_t n, cap;
	double cert_mean, cert_sd;
	size_t cert_n;
} nist_set;

static nist_set *nist_find(nist_set *sets, size_t *count, const char *name, int create)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp(sets[i].name, name) == 0)
			return &sets[i];
	if (!create || *count == NIST_MAX_SETS)
		return NULL;
	nist_set *s = &sets[(*count)++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%.31s", name);
	return s;
}

/* Reads "name,number" lines after a header; the numbers are parsed with
 * the strict parser so a malformed resource fails the test instead of
 * being read as 0. */
static void nist_load(nist_set *sets, size_t *count)
{
	char line[256];
	FILE *f = fopen(tt_test_resource("reference/nist-strd-univariate.csv"), "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_string_equal(line, "dataset,value\n");
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *comma = strchr(line, ',');
		assert_non_null(comma);
		*comma = '\0';
		double v;
		assert_int_equal(tt_parse_double(comma + 1, &v), 0);
		nist_set *s = nist_find(sets, count, line, 1);
		assert_non_null(s);
		s->x = tt_xgrow(s->x, &s->cap, s->n + 1, sizeof *s->x);
		s->x[s->n++] = v;
	}
	fclose(f);

	f = fopen(tt_test_resource("reference/nist-strd-certified.csv"), "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_string_equal(line, "dataset,n,mean,sd\n");
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *field[4];
		field[0] = line;
		for (int i = 1; i < 4; i++) {
			char *c = strchr(field[i - 1], ',');
			assert_non_null(c);
			*c = '\0';
			field[i] = c + 1;
		}
		nist_set *s = nist_find(sets, count, field[0], 0);
		if (!s)
			fail_msg("certified values for '%s' but no data", field[0]);
		double n;
		assert_int_equal(tt_parse_double(field[1], &n), 0);
		s->cert_n = (size_t)n;
		assert_int_equal(tt_parse_double(field[2], &s->cert_mean), 0);
		assert_int_equal(tt_parse_double(field[3], &s->cert_sd), 0);
	}
	fclose(f);
}

/* Every NIST StRD univariate data set: the certified mean and sd, and the
 * sd of the binary data (see tt_refdata_nist_sd_cases). */
static void nist_strd_mean_and_sd(void **state)
{
	(void)state;
	nist_set sets[NIST_MAX_SETS];
	size_t count = 0;
	nist_load(sets, &count);
	assert_int_equal(count, tt_refdata_nist_sd_count);
	for (size_t i = 0; i < count; i++) {
		nist_set *s = nist_find(sets, &count, tt_refdata_nist_sd_cases[i].name, 0);
		if (!s)
			fail_msg("no NIST data set '%s'", tt_refdata_nist_sd_cases[i].name);
		char label[96];
		assert_int_equal(s->n, s->cert_n);
		tt_describe_result r;
		assert_int_equal(tt_describe(&r, s->x, s->n), 0);
		double tol = tt_refdata_nist_sd_cases[i].cert_tol;
		snprintf(label, sizeof label, "NIST StRD %.31s certified mean", s->name);
		tt_assert_rel(r.mean, s->cert_mean, TT_REFDATA_NIST_TOL_MEAN, label);
		snprintf(label, sizeof label, "NIST StRD %.31s certified sd", s->name);
		tt_assert_rel(r.sd, s->cert_sd, tol, label);
		snprintf(label, sizeof label, "NIST StRD %.31s sd of the binary data", s->name);
		tt_assert_rel(r.sd, tt_refdata_nist_sd_cases[i].exact_sd,
			      TT_REFDATA_NIST_TOL_EXACT_SD, label);
		snprintf(label, sizeof label, "NIST StRD %.31s tt_sd", s->name);
		tt_assert_rel(tt_sd(s->x, s->n), tt_refdata_nist_sd_cases[i].exact_sd,
			      TT_REFDATA_NIST_TOL_EXACT_SD, label);
	}
	for (size_t i = 0; i < count; i++)
		free(sets[i].x);
}

/* The StRD NumAcc data sets written out as METHODS.md describes them, so
 * the check does not rest on the resource file alone. */
static void numacc_built_from_their_definition(void **state)
{
	(void)state;
	const double first[] = { 1.2, 1000000.2, 10000000.2 };
	const char *name[] = { "NumAcc2", "NumAcc3", "NumAcc4" };
	/* As in tt_refdata_nist_sd_cases: representation error limits NumAcc3 and 4. */
	const double tol[] = { 1e-13, 1e-9, 1e-8 };
	double x[1001];
	for (int k = 0; k < 3; k++) {
		char label[64];
		x[0] = first[k];
		for (int i = 0; i < 500; i++) {
			x[1 + 2 * i] = first[k] - 0.1;
			x[2 + 2 * i] = first[k] + 0.1;
		}
		tt_describe_result r;
		assert_int_equal(tt_describe(&r, x, 1001), 0);
		snprintf(label, sizeof label, "%s mean (METHODS.md: %.1f)", name[k], first[k]);
		tt_assert_rel(r.mean, first[k], 1e-15, label);
		snprintf(label, sizeof label, "%s sd (METHODS.md: 0.1)", name[k]);
		tt_assert_rel(r.sd, 0.1, tol[k], label);
		snprintf(label, sizeof label, "%s median", name[k]);
		tt_assert_rel(r.median, first[k], 0.0, label);
	}
}

/* Hand-computed: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5, sum of squares 32,
 * sd sqrt(32/7), median (4 + 5)/2. */
static void small_even_sample(void **state)
{
	(void)state;
	const double x[] = { 9, 4, 5, 2, 4, 7, 4, 5 };
	tt_describe_result r;
	assert_int_equal(tt_describe(&r, x, 8), 0);
	assert_int_equal(r.n, 8);
	tt_assert_rel(r.mean, 5.0, 1e-15, "hand: mean of 2,4,4,4,5,5,7,9");
	tt_assert_rel(r.sd, sqrt(32.0 / 7.0), 1e-15, "hand: sd sqrt(32/7)");
	tt_assert_rel(r.median, 4.5, 0.0, "hand: median (4+5)/2");
	tt_assert_rel(r.min, 2.0, 0.0, "hand: min");
	tt_assert_rel(r.max, 9.0, 0.0, "hand: max");
	assert_true(r.has_cv);
	tt_assert_rel(r.cv, 100.0 * sqrt(32.0 / 7.0) / 5.0, 1e-15, "hand: cv 100 sd/|mean|");
}

/* Hand-computed: -1, -3, -8 has mean -4, deviations 3, 1, -4, sum of
 * squares 26, sd sqrt(13); cv uses |mean|, so it is positive. */
static void odd_sample_with_negative_mean(void **state)
{
	(void)state;
	const double x[] = { -1, -8, -3 };
	tt_describe_result r;
	assert_int_equal(tt_describe(&r, x, 3), 0);
	tt_assert_rel(r.mean, -4.0, 1e-15, "hand: mean of -1,-3,-8");
	tt_assert_rel(r.sd, sqrt(13.0), 1e-15, "hand: sd sqrt(13)");
	tt_assert_rel(r.median, -3.0, 0.0, "hand: median of three");
	tt_assert_rel(r.min, -8.0, 0.0, "hand: min");
	tt_assert_rel(r.max, -1.0, 0.0, "hand: max");
	assert_true(r.has_cv);
	tt_assert_rel(r.cv, 100.0 * sqrt(13.0) / 4.0, 1e-15, "hand: cv with |mean|");
}

/* A mean of exactly 0 has no cv: NaN and has_cv false (METHODS.md: null). */
static void zero_mean_has_no_cv(void **state)
{
	(void)state;
	const double x[] = { -2.5, 0.0, 2.5 };
	tt_describe_result r;
	assert_int_equal(tt_describe(&r, x, 3), 0);
	tt_assert_rel(r.mean, 0.0, 0.0, "hand: mean of -2.5,0,2.5");
	tt_assert_rel(r.sd, 2.5, 1e-15, "hand: sd 2.5");
	assert_false(r.has_cv);
	assert_true(isnan(r.cv));
}

/* One value: sd 0 (header), the value is mean, median, min and max. */
static void single_value(void **state)
{
	(void)state;
	const double x[] = { 91.2 };
	tt_describe_result r;
	assert_int_equal(tt_describe(&r, x, 1), 0);
	assert_int_equal(r.n, 1);
	tt_assert_rel(r.mean, 91.2, 0.0, "one value: mean");
	tt_assert_rel(r.sd, 0.0, 0.0, "one value: sd 0");
	tt_assert_rel(r.median, 91.2, 0.0, "one value: median");
	assert_true(r.has_cv);
	tt_assert_rel(r.cv, 0.0, 0.0, "one value: cv 0");
	tt_assert_rel(tt_sd(x, 1), 0.0, 0.0, "tt_sd of one value");
	tt_assert_rel(tt_sd(x, 0), 0.0, 0.0, "tt_sd of no values");
}

static void errors(void **state)
{
	(void)state;
	tt_describe_result r;
	const double x[] = { 1.0, NAN, 3.0 };
	assert_int_equal(tt_describe(&r, x, 0), TT_EINVAL);
	assert_string_equal(tt_error_last(), "no values to describe");
	assert_int_equal(tt_describe(&r, x, 3), TT_EINVAL);
	assert_string_equal(tt_error_last(), "value 2 is not a finite number");
}

static void log_values(void **state)
{
	(void)state;
	const double x[] = { 1.0, exp(1.0), 0.5 };
	double *y;
	assert_int_equal(tt_log_values(&y, x, 3, "source"), 0);
	tt_assert_rel(y[0], 0.0, 0.0, "ln 1");
	tt_assert_rel(y[1], 1.0, 1e-15, "ln e");
	tt_assert_rel(y[2], -log(2.0), 1e-15, "ln 0.5");
	free(y);

	const double bad[] = { 1.0, -1.5 };
	y = (double *)x;
	assert_int_equal(tt_log_values(&y, bad, 2, "receiving"), TT_EINVAL);
	assert_null(y);
	assert_string_equal(
		tt_error_last(),
		"receiving value '-1.5' is not positive; the log scale needs values above 0");
	const double zero[] = { 0.0 };
	assert_int_equal(tt_log_values(&y, zero, 1, "source"), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "source value '0' is not positive; the log scale needs values above 0");
	const double inf[] = { 2.0, INFINITY };
	assert_int_equal(tt_log_values(&y, inf, 2, "source"), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source value 2 is not a finite number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nist_strd_mean_and_sd),
		cmocka_unit_test(numacc_built_from_their_definition),
		cmocka_unit_test(small_even_sample),
		cmocka_unit_test(odd_sample_with_negative_mean),
		cmocka_unit_test(zero_mean_has_no_cv),
		cmocka_unit_test(single_value),
		cmocka_unit_test(errors),
		cmocka_unit_test(log_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
