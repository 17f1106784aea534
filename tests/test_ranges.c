/*
 * test_ranges.c - the quality range, min-max and the inclusive count:
 * against R's mean and sd, and by hand for inclusive bounds, the exact
 * share of lots, the log scale and every error.
 *
 * The reference tables live in tt/validate/refdata/refdata_ranges.c (tolerances in
 * tt/validate/refdata/refdata.h), shared with the qualification suite of tt validate.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include "tt/base/error.h"
#include "tt/validate/refdata/refdata.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"

static void r_reference_cases(void **state)
{
	(void)state;
	size_t ncases = tt_refdata_qr_count;
	assert_true(ncases >= 16);
	for (size_t i = 0; i < ncases; i++) {
		const tt_refdata_qr *c = &tt_refdata_qr_cases[i];
		const double *ref = &tt_refdata_qr_values[c->ref_at],
			     *test = &tt_refdata_qr_values[c->test_at];
		tt_range_result r;
		if (tt_quality_range(&r, ref, c->n_ref, test, c->n_test, c->k, c->min_fraction,
				     c->log_scale))
			fail_msg("%s: %s", c->label, tt_error_last());
		char label[96];
		snprintf(label, sizeof label, "R %s quality range lower", c->label);
		tt_assert_rel(r.lower, c->lower, TT_REFDATA_QR_TOL, label);
		snprintf(label, sizeof label, "R %s quality range upper", c->label);
		tt_assert_rel(r.upper, c->upper, TT_REFDATA_QR_TOL, label);
		if (r.n_inside != c->n_inside || r.pass != c->pass || r.n_test != c->n_test)
			fail_msg("R %s quality range: %zu of %zu inside, pass %d; expected %zu of "
				 "%zu, pass %d",
				 c->label, r.n_inside, r.n_test, r.pass, c->n_inside, c->n_test,
				 c->pass);
		snprintf(label, sizeof label, "R %s quality range fraction_inside", c->label);
		tt_assert_rel(r.fraction_inside, (double)c->n_inside / c->n_test, TT_REFDATA_QR_TOL,
			      label);

		if (tt_min_max(&r, ref, c->n_ref, test, c->n_test, c->log_scale))
			fail_msg("%s: %s", c->label, tt_error_last());
		if (r.n_inside != c->mm_inside || r.pass != (c->mm_inside == c->n_test))
			fail_msg("R %s min-max: %zu inside, pass %d; expected %zu", c->label,
				 r.n_inside, r.pass, c->mm_inside);
	}
}

/* Hand-computed: ref 8, 10, 12 has mean 10 and sd 2 exactly, so k = 3
 * gives [4, 16] exactly, and receiving values on the bounds count inside
 * (METHODS.md: every bound is inclusive). */
static void quality_range_inclusive_bounds(void **state)
{
	(void)state;
	const double ref[] = { 8, 10, 12 };
	const double test[] = { 4, 16, 3.999, 16.001, 10 };
	tt_range_result r;
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 5, 3, 0.6, false), 0);
	tt_assert_rel(r.lower, 4.0, 0.0, "hand: 10 - 3 x 2");
	tt_assert_rel(r.upper, 16.0, 0.0, "hand: 10 + 3 x 2");
	assert_int_equal(r.n_inside, 3);
	assert_int_equal(r.n_test, 5);
	tt_assert_rel(r.fraction_inside, 0.6, 1e-15, "hand: 3 of 5 inside");
	assert_true(r.pass); /* 3 >= 0.6 x 5 */
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 5, 3, 0.61, false), 0);
	assert_false(r.pass); /* 3 < 3.05 */
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 2, 3, 1.0, false), 0);
	assert_true(r.pass); /* both values on a bound */
}

/* The share is compared exactly with the fraction as written.  9 of 10
 * reach 0.9 (the binary 0.9 times 10 is 9.0000000000000002 before
 * rounding); 14 of 25 reach 0.56 and 28 of 50 too, though 0.56 x 25 rounds
 * to 14.000000000000002 in doubles; 7 of 100 reach 0.07 (7.000000000000001
 * in doubles); one lot fewer fails every time, and 9 of 10 do not reach
 * 0.95 nor 0.9000001. */
static void quality_range_fraction_is_exact(void **state)
{
	(void)state;
	const double ref[] = { 8, 10, 12 };
	double test[100];
	static const struct {
		double fraction;
		size_t n_test, n_inside;
		bool pass;
	} cases[] = {
		{ 0.9, 10, 9, true },    { 0.9, 10, 8, false },       { 0.56, 25, 14, true },
		{ 0.56, 25, 13, false }, { 0.56, 50, 28, true },      { 0.56, 50, 27, false },
		{ 0.07, 100, 7, true },  { 0.07, 100, 6, false },     { 0.95, 10, 9, false },
		{ 0.95, 20, 19, true },  { 0.9000001, 10, 9, false }, { 1.0, 10, 10, true },
		{ 1.0, 10, 9, false },   { 0.0, 10, 0, true },        { 0.8, 5, 4, true },
		{ 0.7, 10, 7, true },    { 0.3, 10, 3, true },        { 0.3, 10, 2, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (size_t j = 0; j < cases[i].n_test; j++)
			test[j] = j < cases[i].n_inside ? 10.0 : 100.0;
		tt_range_result r;
		assert_int_equal(tt_quality_range(&r, ref, 3, test, cases[i].n_test, 3,
						  cases[i].fraction, false),
				 0);
		assert_int_equal(r.n_inside, cases[i].n_inside);
		if (r.pass != cases[i].pass)
			fail_msg("%zu of %zu inside against min_fraction %.17g: pass %d, expected "
				 "%d",
				 cases[i].n_inside, cases[i].n_test, cases[i].fraction, r.pass,
				 cases[i].pass);
	}
}

/* Hand-computed log scale: ref 1, 4, 16 has ln values 0, ln 4, 2 ln 4 with
 * mean ln 4 and sd ln 4, so k = 1 gives [exp(0), exp(2 ln 4)] = [1, 16]
 * reported back-transformed, with the geometric mean 4 in the middle. */
static void quality_range_log_scale(void **state)
{
	(void)state;
	const double ref[] = { 1, 4, 16 }, test[] = { 2, 8, 0.5, 20, 16.5 };
	tt_range_result r;
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 5, 1, 0.4, true), 0);
	tt_assert_rel(r.lower, 1.0, 1e-15, "hand log: exp(ln 4 - ln 4)");
	tt_assert_rel(r.upper, 16.0, 1e-15, "hand log: exp(ln 4 + ln 4)");
	assert_int_equal(r.n_inside, 2);
	assert_true(r.pass); /* 2 >= 0.4 x 5 */
	/* On the linear scale the same data give 7 +/- 7.9373 (sd sqrt(63)),
	 * which holds 2, 8 and 0.5. */
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 5, 1, 0.4, false), 0);
	tt_assert_rel(r.lower, 7.0 - sqrt(63.0), 1e-15, "hand linear: 7 - sqrt(63)");
	tt_assert_rel(r.upper, 7.0 + sqrt(63.0), 1e-15, "hand linear: 7 + sqrt(63)");
	assert_int_equal(r.n_inside, 3);
}

/* Min-max by hand: [3, 7] from 3, 7, 5, both bounds inclusive. */
static void min_max_by_hand(void **state)
{
	(void)state;
	const double ref[] = { 5, 7, 3 }, in[] = { 3, 7, 5.5 }, out[] = { 3, 7.0000001, 5 };
	tt_range_result r;
	assert_int_equal(tt_min_max(&r, ref, 3, in, 3, false), 0);
	tt_assert_rel(r.lower, 3.0, 0.0, "hand min-max: min 3");
	tt_assert_rel(r.upper, 7.0, 0.0, "hand min-max: max 7");
	assert_int_equal(r.n_inside, 3);
	assert_true(r.pass);
	tt_assert_rel(r.fraction_inside, 1.0, 0.0, "hand min-max: all inside");
	assert_int_equal(tt_min_max(&r, ref, 3, out, 3, false), 0);
	assert_int_equal(r.n_inside, 2);
	assert_false(r.pass);
	tt_assert_rel(r.fraction_inside, 2.0 / 3.0, 1e-15, "hand min-max: 2 of 3");
	/* On the log scale the bounds are the same lots' values exactly. */
	const double lref[] = { 0.5, 2, 1.1 }, ltest[] = { 0.5, 2 };
	assert_int_equal(tt_min_max(&r, lref, 3, ltest, 2, true), 0);
	tt_assert_rel(r.lower, 0.5, 0.0, "hand min-max log: min 0.5 exactly");
	tt_assert_rel(r.upper, 2.0, 0.0, "hand min-max log: max 2 exactly");
	assert_true(r.pass);
}

static void range_count(void **state)
{
	(void)state;
	const double test[] = { -1e300, 0, 1, NAN, 1e300 };
	tt_range_result r;
	tt_range_count(&r, -INFINITY, 1.0, test, 5);
	assert_int_equal(r.n_inside, 3); /* NaN is never inside */
	assert_false(r.pass);
	tt_assert_rel(r.fraction_inside, 0.6, 1e-15, "count: 3 of 5 below 1");
	tt_range_count(&r, 0.0, INFINITY, test, 3);
	assert_int_equal(r.n_inside, 2);
	tt_range_count(&r, -INFINITY, INFINITY, test, 3);
	assert_true(r.pass);
	assert_true(r.lower == -INFINITY && r.upper == INFINITY);
	/* Nothing to count: no evidence, no pass. */
	tt_range_count(&r, 0.0, 1.0, test, 0);
	assert_int_equal(r.n_inside, 0);
	assert_false(r.pass);
	tt_assert_rel(r.fraction_inside, 0.0, 0.0, "count: empty fraction 0");
}

static void errors(void **state)
{
	(void)state;
	const double ref[] = { 8, 10, 12 }, flat[] = { 5, 5, 5 }, test[] = { 9, 11 };
	const double nonpos[] = { 2, -3, 4 }, nan3[] = { 1, NAN, 2 };
	tt_range_result r;
	assert_int_equal(tt_quality_range(&r, ref, 1, test, 2, 3, 0.9, false), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 source values are needed for a quality range (got 1)");
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 0, 3, 0.9, false), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 1 receiving value is needed for a quality range");
	assert_int_equal(tt_quality_range(&r, flat, 3, test, 2, 3, 0.9, false), TT_EDOMAIN);
	assert_string_equal(tt_error_last(), "zero spread in the source values: the quality "
					     "range would be a single point");
	assert_int_equal(tt_quality_range(&r, nonpos, 3, test, 2, 3, 0.9, true), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source value '-3' is not positive; the log scale "
					     "needs values above 0");
	const double zero_test[] = { 1, 0 };
	assert_int_equal(tt_quality_range(&r, ref, 3, zero_test, 2, 3, 0.9, true), TT_EINVAL);
	assert_string_equal(tt_error_last(), "receiving value '0' is not positive; the log "
					     "scale needs values above 0");
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 2, 0, 0.9, false), TT_EINVAL);
	assert_string_equal(tt_error_last(), "quality range k '0' is not a positive number");
	assert_int_equal(tt_quality_range(&r, ref, 3, test, 2, 3, 1.5, false), TT_EINVAL);
	assert_string_equal(tt_error_last(), "min_fraction '1.5' is not between 0 and 1");
	assert_int_equal(tt_quality_range(&r, nan3, 3, test, 2, 3, 0.9, false), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source value 2 is not a finite number");

	assert_int_equal(tt_min_max(&r, ref, 1, test, 2, false), TT_EINVAL);
	assert_string_equal(tt_error_last(),
			    "at least 2 source values are needed for a min-max range (got 1)");
	assert_int_equal(tt_min_max(&r, nonpos, 3, test, 2, true), TT_EINVAL);
	assert_string_equal(tt_error_last(), "source value '-3' is not positive; the log scale "
					     "needs values above 0");
	/* Without the log scale, non-positive values are ordinary values. */
	assert_int_equal(tt_min_max(&r, nonpos, 3, test, 2, false), 0);
}

/* The fraction rule (tt/stats/decide.h) passes every count from the
 * decimal f n rounded up, and no smaller count: tt plan's simulator finds
 * that count once and compares each replicate's count with it.  Checked
 * for every percentage and up to 120 lots. */
static void fraction_rule_is_a_threshold(void **state)
{
	(void)state;
	for (size_t pct = 0; pct <= 100; pct++) {
		double f = (double)pct / 100.0;
		for (size_t n = 1; n <= 120; n++) {
			size_t need = (pct * n + 99) / 100;
			for (size_t m = 0; m <= n; m++)
				if (tt_decide_fraction(m, n, f) != (m >= need))
					fail_msg("%zu of %zu against %.17g: %d, expected %d", m, n,
						 f, tt_decide_fraction(m, n, f), m >= need);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(r_reference_cases),
		cmocka_unit_test(quality_range_inclusive_bounds),
		cmocka_unit_test(quality_range_fraction_is_exact),
		cmocka_unit_test(quality_range_log_scale),
		cmocka_unit_test(min_max_by_hand),
		cmocka_unit_test(range_count),
		cmocka_unit_test(errors),
		cmocka_unit_test(fraction_rule_is_a_threshold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
