/*
 * rng.c - xoshiro256** seeded by SplitMix64, unbiased integers, uniform
 * and normal deviates, jumps and substreams.
 *
 * The generator and its jump polynomials are those of Blackman and Vigna's
 * reference xoshiro256starstar.c (public domain); SplitMix64 that of
 * Vigna's splitmix64.c.
 */
#include "tt/base/rng.h"

#include <math.h>

#include "tt/base/error.h"

/* Bit-identical floating point needs a*b+c rounded twice, as written. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

uint64_t tt_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void tt_rng_seed(tt_rng *rng, uint64_t seed)
{
	uint64_t sm = seed;
	for (int i = 0; i < 4; i++)
		rng->s[i] = tt_splitmix64(&sm);
	/* SplitMix64 is a bijection of its counter, so four consecutive
	 * outputs are never all zero: every seed gives a valid state. */
	rng->spare = 0.0;
	rng->has_spare = 0;
}

int tt_rng_set_state(tt_rng *rng, const uint64_t state[4])
{
	if ((state[0] | state[1] | state[2] | state[3]) == 0)
		return tt_error_set(TT_EINVAL, "the generator state must not be all zero");
	for (int i = 0; i < 4; i++)
		rng->s[i] = state[i];
	rng->spare = 0.0;
	rng->has_spare = 0;
	return 0;
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t tt_rng_next(tt_rng *rng)
{
	uint64_t *s = rng->s;
	const uint64_t result = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* The full 128-bit product of two 64-bit numbers, from 32-bit halves, so
 * that no compiler extension is needed. */
static inline void mul_64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	const uint64_t mask = UINT64_C(0xffffffff);
	uint64_t a0 = a & mask, a1 = a >> 32;
	uint64_t b0 = b & mask, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (p01 & mask) + (p10 & mask);
	*lo = (mid << 32) | (p00 & mask);
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

uint64_t tt_rng_uniform_index(tt_rng *rng, uint64_t n)
{
	if (n == 0)
		return 0;
	uint64_t hi, lo;
	mul_64x64(tt_rng_next(rng), n, &hi, &lo);
	if (lo < n) {
		/* 2^64 mod n: the low words below it belong to the values of
		 * hi that would be drawn once too often. */
		const uint64_t threshold = (0 - n) % n;
		while (lo < threshold)
			mul_64x64(tt_rng_next(rng), n, &hi, &lo);
	}
	return hi;
}

double tt_rng_uniform01(tt_rng *rng)
{
	return (double)(tt_rng_next(rng) >> 11) * 0x1.0p-53;
}

/*
 * The natural logarithm of x in (0, 1], from +, -, *, / alone, so that the
 * result does not depend on the C library.  x = m 2^e exactly (frexp), with
 * m moved into [sqrt(1/2), sqrt(2)); then ln m = 2 atanh(f), f = (m-1)/(m+1),
 * |f| <= 0.1716, summed as 2 f (1 + f^2/3 + f^4/5 + ...): with f^2 <= 0.0295
 * the terms after f^22/23 are below 2^-56 of the first.  ln 2 is split as in
 * fdlibm so that e ln2_hi is exact.  Accurate to about one unit in the last
 * place, which is all a normal deviate needs; what matters is that it is the
 * same everywhere.
 */
double tt_rng_log(double x)
{
	static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3fe62e42fee00000 */
	static const double ln2_lo = 1.90821492927058770002e-10; /* 0x3dea39ef35793c76 */
	int e;
	double m = frexp(x, &e);
	if (m < 0.70710678118654752440) {
		m *= 2.0;
		e -= 1;
	}
	double f = (m - 1.0) / (m + 1.0);
	double s = f * f;
	double sum = 0.0;
	for (int k = 11; k >= 1; k--)
		sum = (sum + 1.0 / (2 * k + 1)) * s;
	double log_m = 2.0 * f + 2.0 * f * sum;
	return e * ln2_hi + (log_m + e * ln2_lo);
}

double tt_rng_normal(tt_rng *rng)
{
	if (rng->has_spare) {
		rng->has_spare = 0;
		return rng->spare;
	}
	double u, v, s;
	do {
		/* 2 w - 1 is exact for every 53-bit w in [0, 1). */
		u = 2.0 * tt_rng_uniform01(rng) - 1.0;
		v = 2.0 * tt_rng_uniform01(rng) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	double factor = sqrt(-2.0 * tt_rng_log(s) / s);
	rng->spare = v * factor;
	rng->has_spare = 1;
	return u * factor;
}

static void jump_by(tt_rng *rng, const uint64_t poly[4])
{
	uint64_t acc[4] = { 0, 0, 0, 0 };
	for (int i = 0; i < 4; i++) {
		for (int b = 0; b < 64; b++) {
			if (poly[i] & (UINT64_C(1) << b)) {
				for (int k = 0; k < 4; k++)
					acc[k] ^= rng->s[k];
			}
			tt_rng_next(rng);
		}
	}
	for (int k = 0; k < 4; k++)
		rng->s[k] = acc[k];
	rng->spare = 0.0;
	rng->has_spare = 0;
}

void tt_rng_jump(tt_rng *rng)
{
	static const uint64_t poly[4] = {
		UINT64_C(0x180ec6d33cfd0aba),
		UINT64_C(0xd5a61266f0c9392c),
		UINT64_C(0xa9582618e03fc9aa),
		UINT64_C(0x39abdc4529b1661c),
	};
	jump_by(rng, poly);
}

void tt_rng_long_jump(tt_rng *rng)
{
	static const uint64_t poly[4] = {
		UINT64_C(0x76e15d3efefdcbbf),
		UINT64_C(0xc5004e441c522fb3),
		UINT64_C(0x77710069854ee241),
		UINT64_C(0x39109bb02acbe635),
	};
	jump_by(rng, poly);
}

void tt_rng_stream(tt_rng *rng, uint64_t seed, uint64_t index)
{
	tt_rng_seed(rng, seed);
	for (uint64_t i = 0; i < index; i++)
		tt_rng_jump(rng);
}
