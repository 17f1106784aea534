/*
 * test_rng.c - the generator against published vectors and an independent
 * implementation (tests/reference/rng_reference.py, its output in
 * rng_reference.out), plus sanity checks of uniformity and of substreams.
 */
#include "support.h"

#include <math.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/rng.h"

static void xoshiro_matches_reference_vector(void **state)
{
	(void)state;
	/* rand_xoshiro (rust-random/rngs) xoshiro256starstar.rs, test
	 * `reference`, produced with Blackman and Vigna's C code from the
	 * state {1, 2, 3, 4}. */
	static const uint64_t expected[10] = {
		UINT64_C(11520),
		UINT64_C(0),
		UINT64_C(1509978240),
		UINT64_C(1215971899390074240),
		UINT64_C(1216172134540287360),
		UINT64_C(607988272756665600),
		UINT64_C(16172922978634559625),
		UINT64_C(8476171486693032832),
		UINT64_C(10595114339597558777),
		UINT64_C(2904607092377533576),
	};
	const uint64_t s[4] = { 1, 2, 3, 4 };
	tt_rng rng;
	assert_int_equal(tt_rng_set_state(&rng, s), 0);
	for (int i = 0; i < 10; i++)
		assert_true(tt_rng_next(&rng) == expected[i]);
}

static void splitmix_matches_reference_vector(void **state)
{
	(void)state;
	/* rand_xoshiro splitmix64.rs, test `reference`, produced with
	 * Vigna's splitmix64.c from 1477776061723855037. */
	static const uint64_t expected[10] = {
		UINT64_C(1985237415132408290),  UINT64_C(2979275885539914483),
		UINT64_C(13511426838097143398), UINT64_C(8488337342461049707),
		UINT64_C(15141737807933549159), UINT64_C(17093170987380407015),
		UINT64_C(16389528042912955399), UINT64_C(13177319091862933652),
		UINT64_C(10841969400225389492), UINT64_C(17094824097954834098),
	};
	uint64_t sm = UINT64_C(1477776061723855037);
	for (int i = 0; i < 10; i++)
		assert_true(tt_splitmix64(&sm) == expected[i]);
}

static void seeding_and_jumps_match_php_vector(void **state)
{
	(void)state;
	/* php-src ext/random/tests/02_engine/xoshiro256starstar_value.phpt:
	 * Xoshiro256StarStar(1234) seeds with SplitMix64 as tt does; after
	 * 10000 draws, jump() and jumpLong() the next draw prints as the
	 * little-endian bytes 1f197e9ca7969123. */
	tt_rng rng;
	tt_rng_seed(&rng, 1234);
	for (int i = 0; i < 10000; i++)
		tt_rng_next(&rng);
	tt_rng_jump(&rng);
	tt_rng_long_jump(&rng);
	assert_true(tt_rng_next(&rng) == UINT64_C(0x239196a79c7e191f));
}

static void seed_state_and_outputs_match_python(void **state)
{
	(void)state;
	/* rng_reference.out: "seed 20240917 state", "seed 20240917 next",
	 * "seed 0 next". */
	tt_rng rng;
	tt_rng_seed(&rng, 20240917);
	assert_true(rng.s[0] == UINT64_C(0xecc0bdd111346b50));
	assert_true(rng.s[1] == UINT64_C(0xd42d057ad0753e3d));
	assert_true(rng.s[2] == UINT64_C(0x36cc4ea32e1c7e53));
	assert_true(rng.s[3] == UINT64_C(0xb67345b7fc66c351));
	static const uint64_t next[5] = {
		UINT64_C(0xf4fb4b524df85d22), UINT64_C(0xfc1fc909b04cf43b),
		UINT64_C(0x2ec85ac212c41908), UINT64_C(0x8c7662d9518c3588),
		UINT64_C(0xd9cd1ad4256f25a7),
	};
	for (int i = 0; i < 5; i++)
		assert_true(tt_rng_next(&rng) == next[i]);

	tt_rng_seed(&rng, 0);
	assert_true(tt_rng_next(&rng) == UINT64_C(0x99ec5f36cb75f2b4));
	assert_true(tt_rng_next(&rng) == UINT64_C(0xbf6e1f784956452a));
	assert_true(tt_rng_next(&rng) == UINT64_C(0x1a5f849d4933e6e0));
}

static void uniform_index_matches_python(void **state)
{
	(void)state;
	/* rng_reference.out: "seed 20240917 uniform_index(10)", then, from
	 * the same stream, five draws below 3 * 2^62 (where a quarter of the
	 * raw draws are rejected). */
	static const uint64_t small[20] = { 9, 9, 1, 5, 8, 3, 7, 2, 7, 9,
					    2, 8, 5, 1, 0, 9, 6, 1, 1, 3 };
	static const uint64_t large[5] = {
		UINT64_C(5982554056405913842), UINT64_C(7996174273124564954),
		UINT64_C(4666051351585475882), UINT64_C(7699257226532810535),
		UINT64_C(7049462512242915164),
	};
	tt_rng rng;
	tt_rng_seed(&rng, 20240917);
	for (int i = 0; i < 20; i++)
		assert_true(tt_rng_uniform_index(&rng, 10) == small[i]);
	for (int i = 0; i < 5; i++)
		assert_true(tt_rng_uniform_index(&rng, UINT64_C(3) << 62) == large[i]);
}

static void uniform01_and_normal_match_python_bit_for_bit(void **state)
{
	(void)state;
	/* rng_reference.out: "seed 20240917 uniform01" and "seed 20240917
	 * normal", as hexadecimal doubles.  The normals agree with the same
	 * computation using the C library's log to within a few units in the
	 * last place (the comment line of rng_reference.out). */
	tt_rng rng;
	tt_rng_seed(&rng, 20240917);
	assert_true(tt_rng_uniform01(&rng) == 0x1.e9f696a49bf0bp-1);
	assert_true(tt_rng_uniform01(&rng) == 0x1.f83f92136099ep-1);
	assert_true(tt_rng_uniform01(&rng) == 0x1.7642d6109620cp-3);

	static const double normal[6] = { -0x1.50efbcfff4740p+0, 0x1.9d9c7ecac9a8ep-3,
					  0x1.ccdd4076f3879p-1,  -0x1.bcd917a31397bp-2,
					  0x1.7e2cfb6fd62dcp-1,  -0x1.760fbec66bfb9p-1 };
	static const double with_libm_log[6] = { -1.3161581158532982, 0.20195864731177376,
						 0.9001255173877915,  -0.43442189152565164,
						 0.7464369367617922,  -0.730588876458561 };
	tt_rng_seed(&rng, 20240917);
	for (int i = 0; i < 6; i++) {
		double z = tt_rng_normal(&rng);
		assert_true(z == normal[i]);
		tt_assert_rel(z, with_libm_log[i], 1e-14, "normal against libm log");
	}
}

static void jumps_and_streams_match_python(void **state)
{
	(void)state;
	/* rng_reference.out: "stream 1", "stream 3", "long_jump". */
	tt_rng rng;
	tt_rng_stream(&rng, 20240917, 1);
	assert_true(tt_rng_next(&rng) == UINT64_C(0x49888f05aac475ce));
	assert_true(tt_rng_next(&rng) == UINT64_C(0x361c296da2755ed4));
	assert_true(tt_rng_next(&rng) == UINT64_C(0xd7f6d93d6d647d76));
	tt_rng_stream(&rng, 20240917, 3);
	assert_true(tt_rng_next(&rng) == UINT64_C(0xad8c0b9197d710ce));
	assert_true(tt_rng_next(&rng) == UINT64_C(0x4bb8e8d53c07ce4a));
	assert_true(tt_rng_next(&rng) == UINT64_C(0x18ac1d14f8cb82c3));
	tt_rng_seed(&rng, 20240917);
	tt_rng_long_jump(&rng);
	assert_true(tt_rng_next(&rng) == UINT64_C(0x9f9b6bf8904e7e13));
	assert_true(tt_rng_next(&rng) == UINT64_C(0xcd32f666e27fd055));
	assert_true(tt_rng_next(&rng) == UINT64_C(0x9fdad04bb9e625d9));
}

static void streams_are_deterministic_and_distinct(void **state)
{
	(void)state;
	tt_rng a, b, c;
	/* Stream 0 is the seeded generator itself. */
	tt_rng_stream(&a, 7, 0);
	tt_rng_seed(&b, 7);
	for (int i = 0; i < 100; i++)
		assert_true(tt_rng_next(&a) == tt_rng_next(&b));

	/* Stream 2 is two jumps from the seed, however it is reached. */
	tt_rng_stream(&a, 7, 2);
	tt_rng_seed(&b, 7);
	tt_rng_jump(&b);
	tt_rng_jump(&b);
	for (int i = 0; i < 100; i++)
		assert_true(tt_rng_next(&a) == tt_rng_next(&b));

	/* Neighbouring streams, and neighbouring seeds, share no draw among
	 * their first thousand (a collision of 64-bit values would be a
	 * one-in-10^13 event). */
	static uint64_t xs[1000];
	tt_rng_stream(&a, 7, 1);
	tt_rng_stream(&b, 7, 2);
	tt_rng_seed(&c, 8);
	for (int i = 0; i < 1000; i++)
		xs[i] = tt_rng_next(&a);
	for (int i = 0; i < 1000; i++) {
		uint64_t yb = tt_rng_next(&b), yc = tt_rng_next(&c);
		for (int j = 0; j < 1000; j++) {
			assert_true(xs[j] != yb);
			assert_true(xs[j] != yc);
		}
	}

	/* A jump drops a kept normal, so a substream does not start with the
	 * tail of the stream it was taken from. */
	tt_rng_seed(&a, 9);
	(void)tt_rng_normal(&a);
	assert_true(a.has_spare);
	tt_rng_jump(&a);
	assert_false(a.has_spare);
}

static void uniform_index_is_unbiased(void **state)
{
	(void)state;
	tt_rng rng;
	tt_rng_seed(&rng, 1);

	/* n = 3 * 2^62: taking the draw modulo n would put values below 2^62
	 * there twice as often as the others (probability 1/2 instead of 1/3).
	 * With 300000 draws the share's sd is 0.00086; allow 5 sd. */
	const uint64_t n = UINT64_C(3) << 62;
	size_t below = 0, draws = 300000;
	for (size_t i = 0; i < draws; i++) {
		uint64_t x = tt_rng_uniform_index(&rng, n);
		assert_true(x < n);
		if (x < (UINT64_C(1) << 62))
			below++;
	}
	tt_assert_abs((double)below / draws, 1.0 / 3.0, 5 * 0.00086, "share below 2^62");

	/* Six faces, 600000 throws: chi-square with 5 df; 25.74 is its 0.9999
	 * quantile (R: qchisq(0.9999, 5)). */
	size_t counts[6] = { 0 };
	for (int i = 0; i < 600000; i++)
		counts[tt_rng_uniform_index(&rng, 6)]++;
	double chisq = 0;
	for (int k = 0; k < 6; k++)
		chisq += (counts[k] - 100000.0) * (counts[k] - 100000.0) / 100000.0;
	assert_true(chisq < 25.74);

	/* The edges: n = 1 is always 0, n = 0 returns 0, n = 2^64 - 1 stays
	 * below n. */
	for (int i = 0; i < 100; i++) {
		assert_true(tt_rng_uniform_index(&rng, 1) == 0);
		assert_true(tt_rng_uniform_index(&rng, 0) == 0);
		assert_true(tt_rng_uniform_index(&rng, UINT64_MAX) < UINT64_MAX);
	}
}

static void uniform01_and_normal_have_their_moments(void **state)
{
	(void)state;
	tt_rng rng;
	tt_rng_seed(&rng, 2);
	const int n = 1000000;
	double sum = 0, lo = 1, hi = 0;
	for (int i = 0; i < n; i++) {
		double u = tt_rng_uniform01(&rng);
		assert_true(u >= 0.0 && u < 1.0);
		sum += u;
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	/* The mean of n uniforms has sd sqrt(1/12/n) = 0.00029; 5 sd. */
	tt_assert_abs(sum / n, 0.5, 5 * 0.00029, "uniform mean");
	assert_true(lo < 1e-4 && hi > 1 - 1e-4);

	double s1 = 0, s2 = 0;
	size_t tail = 0;
	for (int i = 0; i < n; i++) {
		double z = tt_rng_normal(&rng);
		s1 += z;
		s2 += z * z;
		if (z < -1.959963984540054)
			tail++;
	}
	double mean = s1 / n, var = s2 / n - mean * mean;
	/* sd of the mean 0.001, of the variance sqrt(2/n) = 0.0014, of the
	 * 2.5% tail share sqrt(0.025 * 0.975 / n) = 0.000156; 5 sd each. */
	tt_assert_abs(mean, 0.0, 5 * 0.001, "normal mean");
	tt_assert_abs(var, 1.0, 5 * 0.0014, "normal variance");
	tt_assert_abs((double)tail / n, 0.025, 5 * 0.000156, "normal lower 2.5% tail");
}

static void same_seed_same_stream_other_seed_other_stream(void **state)
{
	(void)state;
	tt_rng a, b, c;
	tt_rng_seed(&a, 42);
	tt_rng_seed(&b, 42);
	tt_rng_seed(&c, 43);
	int differs = 0;
	for (int i = 0; i < 1000; i++) {
		double za = tt_rng_normal(&a), zb = tt_rng_normal(&b), zc = tt_rng_normal(&c);
		assert_true(za == zb);
		differs |= za != zc;
	}
	assert_true(differs);
	/* A copy of the state continues the same stream. */
	tt_rng d = a;
	for (int i = 0; i < 10; i++)
		assert_true(tt_rng_next(&a) == tt_rng_next(&d));
}

static void zero_state_is_refused(void **state)
{
	(void)state;
	const uint64_t zero[4] = { 0, 0, 0, 0 };
	tt_rng rng;
	tt_rng_seed(&rng, 5);
	tt_rng before = rng;
	assert_int_equal(tt_rng_set_state(&rng, zero), TT_EINVAL);
	assert_string_equal(tt_error_last(), "the generator state must not be all zero");
	assert_memory_equal(rng.s, before.s, sizeof rng.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xoshiro_matches_reference_vector),
		cmocka_unit_test(splitmix_matches_reference_vector),
		cmocka_unit_test(seeding_and_jumps_match_php_vector),
		cmocka_unit_test(seed_state_and_outputs_match_python),
		cmocka_unit_test(uniform_index_matches_python),
		cmocka_unit_test(uniform01_and_normal_match_python_bit_for_bit),
		cmocka_unit_test(jumps_and_streams_match_python),
		cmocka_unit_test(streams_are_deterministic_and_distinct),
		cmocka_unit_test(uniform_index_is_unbiased),
		cmocka_unit_test(uniform01_and_normal_have_their_moments),
		cmocka_unit_test(same_seed_same_stream_other_seed_other_stream),
		cmocka_unit_test(zero_state_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
