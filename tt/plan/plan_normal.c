/*
 * plan_normal.c - the fast, portable normal deviates of tt plan's
 * simulations.
 *
 * A planning run simulates millions of studies of tens of lots each; the
 * polar method of tt_rng_normal spends most of its 14 ns on a logarithm
 * and a division per pair.  The ziggurat of Marsaglia and Tsang ("The
 * ziggurat method for generating random variables", J. Stat. Softw. 5(8),
 * 2000) needs one 64-bit draw, a multiplication and a comparison for about
 * 99% of its deviates.  Each draw's bits are split so that the layer (bits
 * 0-7) and the signed abscissa (bits 11-63) never share a bit, which
 * avoids the correlation Doornik (2005) found in the original's reuse of
 * one 32-bit word.
 *
 * The 256 layers of area v under exp(-x^2/2), with the base layer holding
 * the tail beyond r, are built once from r and v; the constants solve the
 * closing condition of the recursion to 25 digits (tests/reference/
 * plan_reference.py, which also replays the generator in Python and
 * checks tt's deviates bit for bit).  The tables, the wedge test and
 * the tail use an exp written here and rng.h's tt_rng_log, both from +, -,
 * *, /, floor, frexp and ldexp, which IEEE 754 and C define exactly, so a
 * seed gives the same deviates on every platform, as tt_rng_normal does.
 */
#include <math.h>
#include <pthread.h>

#include "tt/plan/plan.h"
#include "tt/plan/plan_normal.h"
#include "tt/base/rng.h"

/* Bit-identical floating point needs a*b+c rounded twice, as written. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define ZIG_LAYERS 256

/* r: where the tail starts; v: the area of every layer. */
static const double zig_r = 3.6541528853610088;
static const double zig_v = 4.928673233974655e-3;

/* zx[i] is the right edge of layer i (decreasing; zx[0] = v / f(r) is the
 * base layer's virtual width), zf[i] = f(zx[i]) with f(x) = exp(-x^2/2). */
static double zx[ZIG_LAYERS + 1];
static double zf[ZIG_LAYERS + 1];
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

/* e^x for -700 <= x <= 700: x = k ln 2 + t with |t| <= ln(2)/2, e^t by its
 * Taylor polynomial to t^13/13! (the next term is below 5e-18) in Horner's
 * form, the coefficients 1/j! rounded to doubles and written exactly in
 * hexadecimal, then scaled by 2^k exactly. */
static double portable_exp(double x)
{
	static const double ln2_hi = 6.93147180369123816490e-01;
	static const double ln2_lo = 1.90821492927058770002e-10;
	static const double inv_ln2 = 1.44269504088896338700e+00;
	static const double coef[14] = {
		0x1.0000000000000p+0,  0x1.0000000000000p+0,  0x1.0000000000000p-1,
		0x1.5555555555555p-3,  0x1.5555555555555p-5,  0x1.1111111111111p-7,
		0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-16,
		0x1.71de3a556c734p-19, 0x1.27e4fb7789f5cp-22, 0x1.ae64567f544e4p-26,
		0x1.1eed8eff8d898p-29, 0x1.6124613a86d09p-33,
	};
	double kd = floor(x * inv_ln2 + 0.5);
	double t = (x - kd * ln2_hi) - kd * ln2_lo;
	double p = coef[13];
	for (int j = 12; j >= 0; j--)
		p = p * t + coef[j];
	return ldexp(p, (int)kd);
}

static void zig_init(void)
{
	double fr = portable_exp(-0.5 * zig_r * zig_r);
	zx[0] = zig_v / fr;
	zf[0] = 0.0;
	zx[1] = zig_r;
	zf[1] = fr;
	for (int i = 1; i < ZIG_LAYERS - 1; i++) {
		/* Layer i has area v: zx[i] (zf[i+1] - zf[i]) = v. */
		zx[i + 1] = sqrt(-2.0 * tt_rng_log(zig_v / zx[i] + zf[i]));
		zf[i + 1] = portable_exp(-0.5 * zx[i + 1] * zx[i + 1]);
	}
	zx[ZIG_LAYERS] = 0.0;
	zf[ZIG_LAYERS] = 1.0;
}

/* A uniform in (0, 1], for logarithms. */
static double uniform_open(tt_rng *rng)
{
	return (double)((tt_rng_next(rng) >> 11) + 1) * 0x1.0p-53;
}

/* The normal tail beyond r (Marsaglia 1964, as in Marsaglia and Tsang). */
static double zig_tail(tt_rng *rng)
{
	double a, b;
	do {
		a = -tt_rng_log(uniform_open(rng)) / zig_r;
		b = -tt_rng_log(uniform_open(rng));
	} while (b + b < a * a);
	return zig_r + a;
}

static inline double zig_normal(tt_rng *rng)
{
	for (;;) {
		uint64_t bits = tt_rng_next(rng);
		unsigned i = (unsigned)(bits & 0xff);
		/* Bits 11-63 as a signed number: u uniform in [-1, 1), its
		 * sign the deviate's (a branch on a random sign would be
		 * mispredicted half the time). */
		int64_t top = (int64_t)(bits >> 11) - (int64_t)((bits >> 63) << 53);
		double u = (double)top * 0x1.0p-52;
		double x = u * zx[i];
		if (fabs(x) < zx[i + 1])
			return x;
		if (i == 0) {
			double t = zig_tail(rng);
			return u < 0.0 ? -t : t;
		}
		/* The wedge of layer i above zf[i]: a uniform height in
		 * [zf[i], zf[i+1]) under the curve accepts x. */
		double y = zf[i] + tt_rng_uniform01(rng) * (zf[i + 1] - zf[i]);
		if (y < portable_exp(-0.5 * x * x))
			return x;
	}
}

double tt_plan_normal(tt_rng *rng)
{
	pthread_once(&zig_once, zig_init);
	return zig_normal(rng);
}

void tt_plan_normal_fill(tt_rng *rng, double *out, size_t n)
{
	pthread_once(&zig_once, zig_init);
	for (size_t i = 0; i < n; i++)
		out[i] = zig_normal(rng);
}
