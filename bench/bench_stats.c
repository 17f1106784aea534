/* Run: cmake --build build --target bench_stats && ./build/bench/bench_stats */
/*
 * bench_stats.c - the time per call of the numerically heavy statistics:
 * the exact TOST power, the exact two-sided tolerance factor, and the
 * one-sided factor (a noncentral t quantile).  Each is timed over many
 * calls and the mean printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tt/base/error.h"
#include "tt/stats/stats.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Keeps the compiler from dropping calls whose results go unused. */
static volatile double sink;

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_stats: %s: %s\n", what, tt_error_last());
		exit(1);
	}
}

static void bench_power(size_t n_ref, size_t n_test, int calls)
{
	tt_power_options o = { 1.0, -1.5, 1.5, 0.0, 0.05 };
	double p = 0.0;
	double t0 = now();
	for (int i = 0; i < calls; i++) {
		o.delta = 1e-9 * i; /* a fresh problem each call */
		check(tt_tost_power(&p, n_ref, n_test, &o), "power");
		sink = p;
	}
	double per = (now() - t0) / calls;
	char what[64];
	snprintf(what, sizeof what, "exact TOST power, %zu vs %zu lots", n_ref, n_test);
	printf("%-56s %8.2f us per call (power %.4f)\n", what, 1e6 * per, p);
}

static void bench_factor(size_t n, double P, double g, int sides, int calls)
{
	tt_ti_options o = TT_TI_OPTIONS_INIT;
	o.content = P;
	o.confidence = g;
	o.sides = sides;
	double k = 0.0;
	double t0 = now();
	for (int i = 0; i < calls; i++) {
		check(tt_ti_factor(&k, n, &o), "tolerance factor");
		sink = k;
	}
	double per = (now() - t0) / calls;
	char what[96];
	snprintf(what, sizeof what, "exact %d-sided tolerance factor, n %zu, P %.2f, g %.2f", sides,
		 n, P, g);
	printf("%-56s %8.3f ms per call (k %.6f)\n", what, 1e3 * per, k);
}

int main(void)
{
	bench_power(3, 3, 100000);
	bench_power(10, 10, 100000);
	bench_power(100, 100, 100000);
	bench_factor(10, 0.99, 0.95, 2, 2000);
	bench_factor(30, 0.99, 0.95, 2, 2000);
	bench_factor(200, 0.95, 0.95, 2, 2000);
	bench_factor(10000, 0.95, 0.95, 2, 200);
	bench_factor(10, 0.99, 0.95, 1, 200);
	bench_factor(200, 0.95, 0.95, 1, 200);
	return 0;
}
