/*
 * bench_curves.c - times bootstrap f2 at the size METHODS.md plans for:
 * B = 10000 resamples, 12 lots per site, 8 time points (target: at most
 * 50 ms), then MSD and the stability fit for scale.
 *
 * Usage: bench_curves [REPEATS] [THREADS]; prints the median and the best
 * time of REPEATS runs and exits 1 when the bootstrap median misses its
 * target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tt/stats/curves.h"
#include "tt/base/error.h"
#include "tt/base/rng.h"

#define N_LOTS 12
#define P 8
#define TARGET_MS 50.0

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Rising profiles like a cytotoxicity assay, with lot-to-lot noise. */
static void make_profiles(double *x, tt_rng *rng, double shift)
{
	for (int i = 0; i < N_LOTS; i++)
		for (int j = 0; j < P; j++)
			x[i * P + j] = 90.0 * (1.0 - 1.0 / (1.0 + 0.4 * (j + 1))) + shift +
				       2.0 * tt_rng_normal(rng);
}

int main(int argc, char **argv)
{
	int repeats = argc > 1 ? atoi(argv[1]) : 21;
	unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
	if (repeats < 1)
		repeats = 1;

	static double ref[N_LOTS * P], test[N_LOTS * P];
	tt_rng rng;
	tt_rng_seed(&rng, 2024);
	make_profiles(ref, &rng, 0.0);
	make_profiles(test, &rng, -3.0);

	tt_f2_boot_options opt = TT_F2_BOOT_OPTIONS_INIT;
	opt.threads = threads;
	double *ms = calloc(repeats, sizeof *ms);
	tt_f2_boot_result r = { 0 };
	for (int k = 0; k < repeats; k++) {
		double t0 = now_ms();
		if (tt_f2_bootstrap(&r, ref, N_LOTS, test, N_LOTS, P, &opt) != 0) {
			fprintf(stderr, "bench_curves: %s\n", tt_error_last());
			return 1;
		}
		ms[k] = now_ms() - t0;
	}
	qsort(ms, repeats, sizeof *ms, cmp);
	double median = ms[repeats / 2];
	printf("bootstrap f2, B=%zu, %d+%d lots, %d points, %u thread(s): median %.2f ms, "
	       "best %.2f ms (target %.0f ms); f2 %.3f [%.3f, %.3f]\n",
	       opt.n_boot, N_LOTS, N_LOTS, P, threads, median, ms[0], TARGET_MS, r.f2, r.ci_lower,
	       r.ci_upper);

	tt_msd_result m;
	double t0 = now_ms();
	for (int k = 0; k < 1000; k++)
		tt_msd(&m, ref, N_LOTS, test, N_LOTS, P, NULL);
	printf("MSD, %d+%d lots, %d points: %.4f ms per call\n", N_LOTS, N_LOTS, P,
	       (now_ms() - t0) / 1000);
	free(ms);
	return median <= TARGET_MS ? 0 : 1;
}
