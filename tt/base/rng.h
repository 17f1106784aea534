/*
 * rng.h - the one pseudo-random number generator of tt.
 *
 * Every resampling or simulation step in tt (bootstrap, Monte Carlo
 * operating characteristics) draws from a tt_rng, so that a study's seed
 * gives the same numbers on every platform and for any number of threads
 * (CONTRACT.md, `--seed`).
 *
 * The generator is xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), period 2^256 - 1,
 * seeded from a 64-bit seed by SplitMix64 as its authors recommend.  Its
 * jump functions advance the state by 2^128 (jump) or 2^192 (long jump)
 * draws, which gives non-overlapping substreams for parallel workers.
 *
 * Determinism: the integer outputs are exact.  tt_rng_uniform01 is an exact
 * conversion of 53 bits.  tt_rng_normal uses only +, -, *, / and sqrt, which
 * IEEE 754 rounds correctly, and a natural logarithm of its own built from
 * the same operations (not the C library's log, whose last bit differs
 * between libraries), so its output too is bit-identical on every
 * conforming platform.  tt is built as ISO C (no GNU extensions), in which
 * GCC does not contract a*b+c into a fused multiply-add; rng.c also asks
 * clang not to.
 *
 * Parallel use: a computation that is split over workers divides its work
 * into fixed chunks (never one per thread) and gives chunk c the substream
 * tt_rng_stream(seed, c); then the result does not depend on the number of
 * threads.
 */
#ifndef TT_RNG_H
#define TT_RNG_H

#include <stdint.h>

/* The generator's state.  It is a visible struct so that it can live on
 * the stack and be copied (a copy continues the same stream); treat the
 * fields as private. */
typedef struct tt_rng {
	uint64_t s[4];
	double spare; /* the second normal of a Marsaglia polar pair */
	int has_spare;
} tt_rng;

/* One step of SplitMix64 (Steele, Lea and Flood 2014, as in Vigna's
 * splitmix64.c): advances *state and returns the next output. */
uint64_t tt_splitmix64(uint64_t *state);

/* Seeds from a 64-bit seed: the four state words are the first four
 * outputs of SplitMix64 started at seed.  Every seed, 0 included, is
 * valid. */
void tt_rng_seed(tt_rng *rng, uint64_t seed);

/* Sets the raw state (for reference vectors).  Returns 0, or TT_EINVAL when
 * all four words are 0 (the one state the generator cannot leave). */
int tt_rng_set_state(tt_rng *rng, const uint64_t state[4]);

/* The next 64 random bits. */
uint64_t tt_rng_next(tt_rng *rng);

/* A uniform integer in [0, n), without bias (Lemire 2019, "Fast random
 * integer generation in an interval", ACM TOMACS 29(1): multiply and reject).
 * n must be at least 1; n = 0 returns 0. */
uint64_t tt_rng_uniform_index(tt_rng *rng, uint64_t n);

/* A uniform double in [0, 1): the top 53 bits times 2^-53. */
double tt_rng_uniform01(tt_rng *rng);

/* ln x for x in (0, 1], from +, -, *, / and frexp alone (see rng.c): the
 * same bits on every platform, within about one unit in the last place. */
double tt_rng_log(double x);

/* A standard normal deviate (Marsaglia and Bray 1964, polar method).  The
 * method makes two deviates at a time; the second is kept in the state and
 * returned by the next call. */
double tt_rng_normal(tt_rng *rng);

/* Advances the state by 2^128 draws (and drops a kept normal). */
void tt_rng_jump(tt_rng *rng);

/* Advances the state by 2^192 draws (and drops a kept normal). */
void tt_rng_long_jump(tt_rng *rng);

/* Substream `index` of seed: tt_rng_seed(seed) followed by `index` jumps,
 * so substreams 0, 1, 2, ... never overlap (each is 2^128 draws long).
 * The cost grows with index (a jump costs 256 draws); a caller that
 * needs many consecutive substreams should jump one copy forward. */
void tt_rng_stream(tt_rng *rng, uint64_t seed, uint64_t index);

#endif
