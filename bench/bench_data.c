/*
 * bench_data.c - how fast a large lot table loads, and at what memory cost.
 *
 *   bench_data [LOTS [ATTRIBUTES [DIGITS]]]      (defaults 100000 50 6)
 *
 * Writes a lot table of LOTS rows and ATTRIBUTES numeric columns (values
 * with DIGITS significant digits, as an instrument or LIMS export prints
 * them, with a few NA and censored cells) to a temporary file, loads it with
 * tt_lots_load(), computes every column's mean and sd, and prints the wall
 * time and the peak resident memory against the file size.  Targets: at
 * most 1 s, and a peak of at most 3 times the file size; the exit status
 * is 1 when one is missed, so that a script can hold a machine to them.
 *
 * The memory floor of a loaded table is the file itself (every string
 * points into its bytes) plus sizeof(tt_cell) per cell, so the ratio to the
 * file size falls as the cells' text gets longer: 1 + sizeof(tt_cell) /
 * (average bytes per cell).  With the default six significant digits a cell
 * averages about 9 bytes of text, so the floor is about 2.75 times the file
 * and the whole process, with its shared libraries, stays under 3.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tt/input/data.h"
#include "tt/base/error.h"
#include "tt/base/util.h"

/* splitmix64: a fixed, portable stream, so every run writes the same file. */
static uint64_t next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static double next_uniform(uint64_t *s)
{
	return (double)(next_u64(s) >> 11) * 0x1.0p-53;
}

/* A standard normal deviate (Box-Muller; one of the pair is enough here). */
static double next_normal(uint64_t *s)
{
	double u = next_uniform(s), v = next_uniform(s);
	return sqrt(-2.0 * log(u > 0 ? u : 0x1.0p-53)) * cos(6.283185307179586 * v);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_bytes(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return 1024.0 * (double)ru.ru_maxrss; /* kilobytes on Linux */
}

static int write_table(const char *path, long lots, long attrs, int digits)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	uint64_t seed = 20240917;
	double *mean = tt_xmalloc((size_t)attrs * sizeof *mean);
	double *sd = tt_xmalloc((size_t)attrs * sizeof *sd);
	fputs("lot,date", f);
	for (long j = 0; j < attrs; j++) {
		/* Scales from fractions to titers, as a CAR-T panel has. */
		mean[j] = pow(10.0, (double)(j % 9) - 1.0) * (1.0 + next_uniform(&seed));
		sd[j] = mean[j] * 0.05;
		fprintf(f, ",attr%02ld%s", j + 1, j % 5 == 0 ? " [%]" : "");
	}
	fputc('\n', f);
	for (long i = 0; i < lots; i++) {
		fprintf(f, "LOT-%06ld,2024-%02ld-%02ld", i + 1, 1 + i % 12, 1 + i % 28);
		for (long j = 0; j < attrs; j++) {
			double u = next_uniform(&seed);
			double x = mean[j] + sd[j] * next_normal(&seed);
			if (u < 0.001)
				fputs(",NA", f);
			else if (u < 0.002)
				fprintf(f, ",<%.*g", digits, mean[j] * 0.5);
			else
				fprintf(f, ",%.*g", digits, x);
		}
		fputc('\n', f);
	}
	free(mean);
	free(sd);
	return fclose(f);
}

int main(int argc, char **argv)
{
	long lots = argc > 1 ? atol(argv[1]) : 100000;
	long attrs = argc > 2 ? atol(argv[2]) : 50;
	int digits = argc > 3 ? atoi(argv[3]) : 6;
	if (lots < 1 || attrs < 1 || digits < 1 || digits > 17) {
		fprintf(stderr, "usage: bench_data [LOTS [ATTRIBUTES [DIGITS]]]\n");
		return 2;
	}
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/tt-bench-data.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 3;
	}
	close(fd);
	if (write_table(path, lots, attrs, digits) != 0) {
		perror(path);
		unlink(path);
		return 3;
	}
	struct stat st;
	stat(path, &st);
	double file_bytes = (double)st.st_size;
	double rss_before = peak_rss_bytes();

	double t0 = now();
	tt_diags d = TT_DIAGS_INIT;
	tt_lots *table;
	int rc = tt_lots_load(&table, path, &d);
	double t1 = now();
	if (rc) {
		tt_diags_print(&d, stderr);
		fprintf(stderr, "bench_data: %s\n", tt_error_last());
		unlink(path);
		return 3;
	}
	/* Welford's running mean and sum of squares, per column. */
	double checksum = 0;
	size_t n_numbers = 0;
	for (size_t j = 0; j < table->n_columns; j++) {
		const tt_cell *cells = table->columns[j].cells;
		double m = 0, s2 = 0;
		size_t n = 0;
		for (size_t i = 0; i < table->n_lots; i++) {
			if (cells[i].kind != TT_CELL_NUMBER)
				continue;
			double x = cells[i].value, delta = x - m;
			m += delta / (double)++n;
			s2 += delta * (x - m);
		}
		double sd = n > 1 ? sqrt(s2 / (double)(n - 1)) : NAN;
		checksum += m + sd;
		n_numbers += n;
	}
	double t2 = now();
	double rss = peak_rss_bytes();
	size_t cells = table->n_lots * table->n_columns;

	printf("file:          %.0f bytes (%.1f MB), %zu lots x %zu attributes, %.2f bytes/cell\n",
	       file_bytes, file_bytes / 1e6, table->n_lots, table->n_columns,
	       file_bytes / (double)cells);
	printf("load:          %.3f s\n", t1 - t0);
	printf("mean/sd:       %.3f s (%zu numbers, checksum %.6g)\n", t2 - t1, n_numbers,
	       checksum);
	printf("total:         %.3f s (target <= 1 s: %s)\n", t2 - t0,
	       t2 - t0 <= 1.0 ? "met" : "missed");
	printf("peak RSS:      %.1f MB, %.2f x the file (target <= 3: %s); before loading "
	       "%.1f MB\n",
	       rss / 1e6, rss / file_bytes, rss <= 3.0 * file_bytes ? "met" : "missed",
	       rss_before / 1e6);
	printf("loading added: %.1f MB, %.2f x the file\n", (rss - rss_before) / 1e6,
	       (rss - rss_before) / file_bytes);
	printf("floor:         file + %zu bytes/cell = %.2f x the file\n", sizeof(tt_cell),
	       (file_bytes + (double)(sizeof(tt_cell) * cells)) / file_bytes);
	tt_lots_free(table);
	tt_diags_free(&d);
	unlink(path);
	return t2 - t0 <= 1.0 && rss <= 3.0 * file_bytes ? 0 : 1;
}
