/*
 * refdata_sw_generate.c - the Shapiro-Wilk samples too large to print:
 * tests/reference/stats_core.R and this function build them alike, so the
 * cases of refdata_normality.c carry only a size, a seed and a kind.  It is
 * code, kept apart so that the tables beside it are data only.
 */
#include "tt/validate/refdata/refdata.h"

#include <math.h>

/*
 * The generator of tests/reference/stats_core.R, step for step in the same
 * double arithmetic: Park-Miller s <- 16807 s mod (2^31 - 1) (products
 * below 2^53, so exact), u = s / (2^31 - 1); kind 0 the uniforms, kind 1
 * the sum of 12 uniforms minus 6, kind 2 its square, kind 3 its cube.
 */
void tt_refdata_sw_generate(double *out, size_t n, long seed, int kind)
{
	const double m = 2147483647.0;
	double s = (double)seed;
	for (size_t i = 0; i < n; i++) {
		if (kind == 0) {
			s = fmod(16807.0 * s, m);
			out[i] = s / m;
			continue;
		}
		double z = 0.0;
		for (int k = 0; k < 12; k++) {
			s = fmod(16807.0 * s, m);
			z = z + s / m;
		}
		z = z - 6.0;
		out[i] = kind == 1 ? z : kind == 2 ? z * z : z * z * z;
	}
}
