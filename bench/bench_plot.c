/*
 * bench_plot.c - how long tt_plot_run() takes to draw the figures of a
 * run with eight comparisons (tests/plot_fixture.h): nine SVG files from
 * one gnuplot process.  Prints the time of each repetition's script
 * writing and of the whole run, in milliseconds.
 *
 * Usage: bench_plot [REPETITIONS]   (default 20)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../tests/plot_fixture.h"
#include "tt/base/error.h"
#include "tt/plot/plot.h"
#include "tt/base/util.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long reps = 20;
	/* The templates of the source tree the benchmarks run from (README,
	 * "Benchmarks"): build/bench/ has none beside it.  TT_PLOTS_DIR, when
	 * set, wins. */
	setenv("TT_PLOTS_DIR", "plots", 0);
	if (argc > 1 && tt_parse_long(argv[1], 1, 10000, &reps) != 0) {
		fprintf(stderr, "usage: bench_plot [REPETITIONS]\n");
		return 2;
	}
	plot_fixture *f = tt_xcalloc(1, sizeof *f);
	plot_fixture_init(f);
	char dir[] = "/tmp/tt-bench-plot-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 3;
	}

	double *write = tt_xcalloc((size_t)reps, sizeof *write);
	double *run = tt_xcalloc((size_t)reps, sizeof *run);
	size_t bytes = 0;
	for (long i = 0; i < reps; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		double t0 = now_ms();
		int rc = tt_plot_write_script(mem, &f->run, dir, NULL);
		fclose(mem);
		write[i] = now_ms() - t0;
		bytes = len;
		free(text);
		if (rc == 0) {
			t0 = now_ms();
			rc = tt_plot_run(&f->run, dir, NULL);
			run[i] = now_ms() - t0;
		}
		if (rc != 0) {
			fprintf(stderr, "bench_plot: %s\n", tt_error_last());
			return 3;
		}
	}
	qsort(write, (size_t)reps, sizeof *write, by_value);
	qsort(run, (size_t)reps, sizeof *run, by_value);
	printf("plot: %d comparisons, 9 figures, script %zu bytes, %ld repetitions\n", FIX_CMPS,
	       bytes, reps);
	printf("write script  median %.3f ms  min %.3f ms\n", write[reps / 2], write[0]);
	printf("tt_plot_run   median %.1f ms  min %.1f ms  max %.1f ms\n", run[reps / 2], run[0],
	       run[reps - 1]);

	char *cmd = tt_xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	free(write);
	free(run);
	free(f);
	return rc == 0 ? 0 : 3;
}
