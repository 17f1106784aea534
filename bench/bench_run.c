/*
 * bench_run.c - the main job's wall time: the shipped CAR-T study run end
 * to end with all its figures (one gnuplot process) and all three reports
 * written to a fresh folder, as `tt run` does.  Target: at most 60 ms on a
 * 2-core machine.
 *
 * Run: build/bench/bench_run [STUDY.yaml [RUNS]]   (from the source tree)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tt/engine/engine.h"
#include "tt/base/outdir.h"
#include "tt/plot/plot.h"
#include "tt/render/report.h"
#include "tt/base/util.h"

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

static int write_file(const tt_outdir *o, const char *name, tt_buf *b)
{
	char *path = tt_outdir_path(o, name);
	int rc = tt_write_file(path, b->data, b->len);
	free(path);
	return rc;
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
	tt_outdir o;
	if ((rc = tt_outdir_begin(&o, target, "report.json", 1)) != 0) {
		tt_run_free(run);
		return rc;
	}
	char *plots = tt_outdir_path(&o, "plots");
	tt_mkdir_p(plots);
	for (size_t i = 0; i < run->n_comparisons; i++)
		run->comparisons[i].plot = tt_plot_file_name(&run->comparisons[i], i);
	tt_plot_options popt = TT_PLOT_OPTIONS_INIT;
	rc = tt_plot_run(run, plots, &popt);
	tt_buf b = TT_BUF_INIT;
	if (!rc) {
		tt_report_json(&b, run);
		rc = write_file(&o, "report.json", &b);
		tt_buf_reset(&b);
	}
	if (!rc) {
		tt_report_md(&b, run, "plots");
		rc = write_file(&o, "report.md", &b);
		tt_buf_reset(&b);
	}
	if (!rc && (rc = tt_report_html(&b, run, plots)) == 0)
		rc = write_file(&o, "report.html", &b);
	tt_buf_free(&b);
	free(plots);
	if (rc)
		tt_outdir_abort(&o);
	else
		rc = tt_outdir_commit(&o);
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
