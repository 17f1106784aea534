/*
 * bench_run.c - the main job's wall time: the shipped CAR-T study run end
 * to end with all its figures (one gnuplot process), all three reports and
 * the manifest written to a fresh folder by the folder writer `tt run`
 * uses.  Target: at most 60 ms on a 2-core machine.
 *
 * Run: build/bench/bench_run [STUDY.yaml [RUNS]]   (from the source tree)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tt/app/folder.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/engine/engine.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One run, as tt run does it; returns 0 or an error code. */
static int one_run(const char *study, const char *target)
{
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	int rc = tt_engine_run(&run, study, NULL, &d);
	tt_diags_free(&d);
	if (rc)
		return rc;
	tt_folder *f;
	tt_folder_options opt = TT_FOLDER_OPTIONS_INIT;
	if ((rc = tt_folder_claim(&f, target, TT_FOLDER_RUN, true)) == 0)
		rc = tt_folder_write_run(f, run, &opt);
	tt_run_free(run);
	return rc;
}

int main(int argc, char **argv)
{
	/* The templates of the source tree the benchmarks run from (README,
	 * "Benchmarks"): build/bench/ has none beside it.  TT_PLOTS_DIR, when
	 * set, wins. */
	setenv("TT_PLOTS_DIR", "plots", 0);
	const char *study = argc > 1 ? argv[1] : "studies/cart-sh-to-rtp.yaml";
	int runs = argc > 2 ? atoi(argv[2]) : 20;
	if (runs < 1)
		runs = 1;
	char dir[] = "/tmp/tt-bench-run.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *target = tt_xasprintf("%s/report", dir);
	double *t = tt_xmalloc((size_t)runs * sizeof *t);
	for (int i = 0; i < runs; i++) {
		double t0 = now();
		int rc = one_run(study, target);
		t[i] = now() - t0;
		if (rc) {
			fprintf(stderr, "bench_run: %s\n", tt_error_last());
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	printf("%s, all figures and three reports: median %.1f ms, min %.1f ms, max %.1f ms "
	       "over %d runs (target <= 60 ms)\n",
	       study, 1e3 * t[runs / 2], 1e3 * t[0], 1e3 * t[runs - 1], runs);
	tt_remove_tree(dir);
	free(target);
	free(t);
	return 0;
}
