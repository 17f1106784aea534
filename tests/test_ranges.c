/*
 * test_ranges.c - the quality range, min-max and the inclusive count:
 * against R's mean and sd, and by hand for inclusive bounds, the exact
 * share of lots, the log scale and every error.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

#include "tt/error.h"
#include "tt/stats.h"

/* One R case: ref = qr_values[ref_at ..], test = qr_values[test_at ..];
 * lower, upper = mean(ax) -/+ k sd(ax) (exponentiated under the log scale),
 * n_inside counted inclusively, pass iff n_inside >= min_fraction n_test;
 * mm_inside: test values inside [min(ref), max(ref)]. */
struct qr_ref {
	const char *label;
	bool log_scale;
	double k, min_fraction;
	size_t ref_at, n_ref, test_at, n_test;
	double lower, upper;
	size_t n_inside;
	bool pass;
	size_t mm_inside;
};

/* clang-format off */
/* source: R 4.2.2 mean and sd, tests/reference/stats_core.R */
static const double qr_values[] = {
	61.046875, 66.66015625, 56.83984375, 56.52734375, 58.9453125, 70.15625,
	58.35546875, 56.2265625, 65.015625, 62.03515625, 74.984375, 63.58984375,
	74.8984375, 75.73046875, 58, 63.59765625, 57.6328125, 72.3359375,
	67.421875, 65.09765625, 63.70703125, 61, 66.859375, 73.484375,
	58.4375, 80.546875, 153.578125, 144.125, 138.38671875, 155.32421875,
	146.6953125, 158.46875, 167.640625, 150.8203125, 151.609375, 139.67578125,
	159.37890625, 153.8828125, 156.30078125, 163.53515625, 139.44921875, 150.50390625,
	136.30859375, 156.17578125, 154.68359375, 157.1328125, 146.58984375, 142.06640625,
	149.3359375, 157.44921875, 134.87890625, 142.66796875, 144.27734375, 153.55859375,
	167.1875, 148.484375, 137.87890625, 155.35546875, 144.19921875, 132.76171875,
	153.79296875, 150.625, 145.953125, 143.92578125, 144.10546875, 144.58203125,
	145.3359375, 144.72265625, 144.96875, 146.53515625, 143.73828125, 145.0625,
	144.1953125, 144.5390625, 145.0234375, 144.78515625, 145.71875, 144.0703125,
	144, 142.46875, 146.01171875, 145.4140625, 144.3515625, 145.75390625,
	145.23046875, 144.140625, 145.484375, 142.7734375, 145.28125, 143.0390625,
	142.61328125, 146.45703125, 142.16796875, 142.45703125, 141.8125, 145.77734375,
	140.78515625, 142.671875, 145.34765625, 142.02734375, 144.640625, 142.56640625,
	142.6640625, 143.75, 142.73046875, 145.65625, 79.7265625, 78.90234375,
	83.265625, 69.96875, 85.14453125, 76.3125, 76.734375, 83.07421875,
	86.85546875, 79.0078125, 66.99609375, 83.484375, 89.21875, 76.15234375,
	81.68359375, 90.578125, 76.44921875, 73.23828125, 72.36328125, 81.58984375,
	75.48046875, 77.71875, 83.77734375, 83.2421875, 86.1875, 75.77734375,
	84.1484375, 71.10546875, 67.77734375, 73.6015625, 66.2734375, 75.70703125,
	71.34765625, 67.2265625, 65.40234375, 67.45703125, 73.015625, 66.89453125,
	65.6953125, 71.21875, 69.32421875, 95.796875, 65.9765625, 58.59765625,
	72.5546875, 66.234375, 69.484375, 66.6328125, 74.90234375, 72.05859375,
	65.84765625, 75.3046875, 54.03515625, 60.03515625, 61.6015625, 59.2890625,
	55.8671875, 52.51171875, 53.60546875, 54.87109375, 53.41015625, 55.3984375,
	56.734375, 50.21875, 58.11328125, 24.76171875, 27.05859375, 25.1015625,
	25.4765625, 19.09765625, 23.8203125, 25.9375, 24.32421875, 9.0078125,
	21.625, 20.25390625, 31.1484375, 27.859375, 13.73046875, 15.75390625,
	17.38671875, -0.44140625, 30.75390625, 16.03125, 22.0703125, 7.2890625,
	-4.578125, 15.875, 38.37109375, 13.12890625, 25.02734375, 135.5234375,
	134.63671875, 127.0234375, 132.46875, 129.7578125, 127.3359375, 131.12890625,
	133.69140625, 134.17578125, 130.1953125, 130.22265625, 128.23046875, 127.9296875,
	129.734375, 128.4921875, 124.2421875, 134.02734375, 134.734375, 126.953125,
	123.21875, 126.71875, 132.05078125, 129.5, 133.59765625, 132.2734375,
	122.7265625, 123.04296875, 127.59765625, 132.98046875, 128.4921875, 128.9609375,
	124.359375, 128.0390625, 32.42578125, 36.53125, 33.796875, 28.97265625,
	35.02734375, 27.94140625, 29.1171875, 31.77734375, 41.109375, 24.73828125,
	32.27734375, 34.81640625, 38.5078125, 27.51171875, 34.859375, 32.29296875,
	36.8203125, 29.984375, 23.046875, 32.5, 25.82421875, 35.5078125,
	43.453125, 33.5859375, 25.69921875, 35.953125, 29.64453125, 33.5,
	28.78125, 34.97265625, 27.0390625, 35.16796875, 30.08203125, 31.29296875,
	23.6328125, 30.24609375, 32.16796875, 30.12109375, 29.2109375, 29.95703125,
	34.76171875, 37.890625, 22.24609375, 24.61328125, 29.86328125, 70.30078125,
	66.61328125, 77.09375, 74.73828125, 70.1171875, 81.18359375, 81.51953125,
	75.359375, 71.89453125, 72.12109375, 77.171875, 65.57421875, 69.46484375,
	67.6328125, 80.51953125, 82.9609375, 81.37109375, 77.16796875, 77.88671875,
	62.1875, 70.265625, 86.34765625, 73.0703125, 74.47265625, 70.91015625,
	76.35546875, 76.4609375, 84.51953125, 83.06640625, 69.44140625, 70.12109375,
	62.09765625, 72.703125, 82.15625, 78.8671875, 82.55859375, 61.171875,
	83.93359375, 70.05078125, 74.96875, 82.31640625, 131.96484375, 137.1640625,
	135.92578125, 128.19921875, 135.19921875, 138.046875, 134.5, 133.7265625,
	137.3828125, 139.453125, 139.02734375, 134.734375, 133.9609375, 140.16796875,
	133.88671875, 138.5234375, 135.3515625, 130.5234375, 137.55859375, 138.19140625,
	137.90234375, 136.0078125, 137.7890625, 138.1171875, 138.88671875, 122.6416015625,
	123.005859375, 82.0380859375, 92.9599609375, 224.083984375, 127.650390625, 175.8349609375,
	120.328125, 139.9794921875, 224.52734375, 135.5537109375, 93.0029296875, 85.2802734375,
	86.5126953125, 132.08203125, 68.775390625, 104.7900390625, 101.7001953125, 60.783203125,
	51.6279296875, 81.00390625, 171.0029296875, 153.97265625, 132.2724609375, 205.40234375,
	84.7841796875, 66.533203125, 440.8984375, 51.4150390625, 70.57421875, 269.5517578125,
	72.46484375, 77.1669921875, 49.8720703125, 79.673828125, 47.6923828125, 74.0791015625,
	65.5302734375, 60.453125, 69.2998046875, 41.5400390625, 76.482421875, 22.970703125,
	20.5146484375, 59.412109375, 72.4970703125, 77.8408203125, 57.0078125, 73.1611328125,
	57.4130859375, 75.8623046875, 46.3427734375, 48.767578125, 130.0849609375, 26.3193359375,
	131.7939453125, 65.03125, 107.638671875, 272.904296875, 282.3125, 316.19921875,
	292.701171875, 292.9765625, 221.8896484375, 231.9970703125, 230.173828125, 207.1787109375,
	175.298828125, 244.5947265625, 185.796875, 325.634765625, 295.705078125, 241.2255859375,
	298.955078125, 384.4970703125, 307.947265625, 305.7880859375, 223.287109375, 250.916015625,
	221.7587890625, 292.716796875, 187.1435546875, 153.1455078125, 92.9111328125, 92.6328125,
	60.1396484375, 105.8603515625, 159.0498046875, 89.4609375, 108.45703125, 227.123046875,
	153.7392578125, 205.3671875, 189.9560546875, 154.921875, 130.97265625, 172.1552734375,
	96.4375, 91.7294921875, 115.255859375, 118.361328125, 176.423828125, 94.3642578125,
	175.689453125, 134.2353515625, 215.103515625, 162.9521484375, 105.060546875, 81.0693359375,
	141.30078125, 112.0556640625, 155.193359375, 148.1708984375, 141.0576171875, 86.7177734375,
	105.1611328125, 146.28515625, 186.017578125, 151.796875, 65.34375, 127.1064453125,
	87.919921875, 83.7724609375, 118.9794921875, 64.701171875, 89.431640625, 58.3642578125,
	155.263671875, 59.0859375, 84.8486328125, 81.0087890625, 121.2255859375, 327.5888671875,
	176.021484375, 341.3427734375, 194.162109375, 138.576171875, 230.4033203125, 382.8486328125,
	144.9814453125, 148.015625, 217.3095703125, 238.7666015625, 115.8779296875, 175.8505859375,
	484.451171875, 504.12109375, 475.388671875, 409.3583984375, 561.365234375, 464.41796875,
	474.0556640625, 478.91015625, 538.2529296875, 605.5322265625, 296.365234375, 627.705078125,
	508.2548828125, 382.1865234375, 408.658203125, 457.3583984375, 535.3203125, 706.2587890625,
	430.880859375, 422.8251953125, 433.30859375, 513.66015625, 355.333984375, 537.822265625,
	537.3359375, 499.123046875, 487.1162109375, 469.2158203125, 426.697265625, 483.2802734375,
	434.3837890625, 351.5615234375,
};

static const struct qr_ref qr_refs[] = {
	{ "qr 01", false, 2, 0.9, 0, 9, 9, 17, 51.005069414007231, 71.166805585992762, 11, false, 11 },
	{ "qr 02", false, 3, 0.8, 26, 21, 47, 15, 126.17924253392866, 176.70319794226182, 15, true, 13 },
	{ "qr 03", false, 2.5, 1, 62, 24, 86, 20, 142.52512101116284, 147.02761336383716, 15, false, 15 },
	{ "qr 04", false, 4, 0.75, 106, 26, 132, 27, 56.538082271874359, 102.91804753581796, 26, true, 16 },
	{ "qr 05", false, 2, 0.9, 159, 3, 162, 9, 57.948093707801576, 62.669093792198424, 1, false, 0 },
	{ "qr 06", false, 3, 0.8, 171, 8, 179, 18, 17.307085418960309, 31.587445831039691, 8, false, 4 },
	{ "qr 07", false, 2.5, 1, 197, 12, 209, 21, 123.9528414410879, 138.44559605891209, 18, false, 14 },
	{ "qr 08", false, 4, 0.75, 230, 29, 259, 16, 13.082214769770005, 51.469778764712757, 16, true, 15 },
	{ "qr 09", false, 2, 0.9, 275, 18, 293, 23, 63.388413923747208, 85.812106909586134, 19, false, 16 },
	{ "qr 10", false, 3, 0.8, 316, 4, 320, 21, 121.11196953122601, 145.51498359377399, 21, true, 9 },
	{ "qr 11", true, 2.5, 1, 341, 11, 352, 23, 61.545770390710146, 300.93946628396651, 18, false, 11 },
	{ "qr 12", true, 4, 0.75, 375, 17, 392, 7, 11.253448253846845, 288.56310783901796, 7, true, 4 },
	{ "qr 13", true, 2, 0.9, 399, 7, 406, 16, 208.94201732234075, 351.67330610078545, 12, false, 10 },
	{ "qr 14", true, 3, 0.8, 422, 29, 451, 22, 47.824391075953116, 356.6612368427011, 22, true, 20 },
	{ "qr 15", true, 2.5, 1, 473, 8, 481, 5, 83.542621779847323, 610.637689583221, 5, true, 4 },
	{ "qr 16", true, 4, 0.75, 486, 9, 495, 23, 338.54493929756671, 697.8353208764845, 21, true, 15 },
};
/* clang-format on */

static void r_reference_cases(void **state)
{
	(void)state;
	size_t ncases = sizeof qr_refs / sizeof qr_refs[0];
	assert_true(ncases >= 16);
	for (size_t i = 0; i < ncases; i++) {
		const struct qr_ref *c = &qr_refs[i];
		const double *ref = &qr_values[c->ref_at], *test = &qr_values[c->test_at];
		tt_range_result r;
		if (tt_quality_range(&r, ref, c->n_ref, test, c->n_test, c->k, c->min_fraction,
				     c->log_scale))
			fail_msg("%s: %s", c->label, tt_error_last());
		char label[96];
		/* The same arithmetic as R's mean and sd: within 5e-16. */
		snprintf(label, sizeof label, "R %s quality range lower", c->label);
		tt_assert_rel(r.lower, c->lower, 1e-15, label);
		snprintf(label, sizeof label, "R %s quality range upper", c->label);
		tt_assert_rel(r.upper, c->upper, 1e-15, label);
		if (r.n_inside != c->n_inside || r.pass != c->pass || r.n_test != c->n_test)
			fail_msg("R %s quality range: %zu of %zu inside, pass %d; expected %zu of "
				 "%zu, pass %d",
				 c->label, r.n_inside, r.n_test, r.pass, c->n_inside, c->n_test,
				 c->pass);
		snprintf(label, sizeof label, "R %s quality range fraction_inside", c->label);
		tt_assert_rel(r.fraction_inside, (double)c->n_inside / c->n_test, 1e-15, label);

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
		{ 0.9, 10, 9, true },	 { 0.9, 10, 8, false },	      { 0.56, 25, 14, true },
		{ 0.56, 25, 13, false }, { 0.56, 50, 28, true },      { 0.56, 50, 27, false },
		{ 0.07, 100, 7, true },	 { 0.07, 100, 6, false },     { 0.95, 10, 9, false },
		{ 0.95, 20, 19, true },	 { 0.9000001, 10, 9, false }, { 1.0, 10, 10, true },
		{ 1.0, 10, 9, false },	 { 0.0, 10, 0, true },	      { 0.8, 5, 4, true },
		{ 0.7, 10, 7, true },	 { 0.3, 10, 3, true },	      { 0.3, 10, 2, false },
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
			fail_msg(
			    "%zu of %zu inside against min_fraction %.17g: pass %d, expected %d",
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

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(r_reference_cases),
		cmocka_unit_test(quality_range_inclusive_bounds),
		cmocka_unit_test(quality_range_fraction_is_exact),
		cmocka_unit_test(quality_range_log_scale),
		cmocka_unit_test(min_max_by_hand),
		cmocka_unit_test(range_count),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
