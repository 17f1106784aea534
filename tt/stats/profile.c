/*
 * profile.c - profiles over time: aligning long-form tables into lot x time
 * matrices, the f2 conditions, bootstrap f2 with a BCa interval, and MSD.
 *
 * The bootstrap is written for speed without giving up determinism: the
 * workspace is allocated once, a resample is a vector of lot counts (so a
 * resample that draws every lot once reproduces the observed means bit for
 * bit), and resamples come in fixed chunks, each with its own substream of
 * the generator, so that any number of threads gives the same numbers.
 */
#include "tt/stats/curves.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "tt/base/rng.h"
#include "tt/base/util.h"
#include "tt/base/init.h"
#include "tt/stats/stats.h"

/* Sums and products are rounded as written (see rng.h on determinism). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* ---- aligning long-form tables ---- */

/* One site's table as the alignment sees it: the lots kept after exclusion
 * and, for each, which time points it has. */
typedef struct site_view {
	const tt_series_table *t;
	const char *name;
	size_t n_kept;
	long *kept_of_row;  /* per row: kept lot index, or -1 */
	size_t *table_lot;  /* per kept lot: its index in t->lot_ids */
	int *lot_line;      /* per kept lot: line of its first row (0 unknown) */
	unsigned char *has; /* n_kept x n_times */
	double *value;      /* n_kept x n_times */
	size_t *count;      /* per time: kept lots that have it */
	int *time_line;     /* per time: first row that has it (0 none or unknown) */
} site_view;

static int is_excluded(const char *lot, const char *const *exclude, size_t n_exclude)
{
	for (size_t i = 0; i < n_exclude; i++)
		if (exclude[i] && strcmp(exclude[i], lot) == 0)
			return 1;
	return 0;
}

static int row_line(const tt_series_table *t, size_t row)
{
	return t->line ? t->line[row] : 0;
}

/* An error in aligning the profiles: to d, when given, at path and line;
 * and its message into first unless an earlier error's is there, for
 * tt_error_set at the end. */
static void align_error(tt_diags *d, const char *path, int line, tt_buf *first, const char *fmt,
			...) __attribute__((format(printf, 5, 6)));
static void align_error(tt_diags *d, const char *path, int line, tt_buf *first, const char *fmt,
			...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = tt_xvasprintf(fmt, ap);
	va_end(ap);
	if (d)
		tt_diags_add(d, TT_SEV_ERROR, path, line, 0, "%s", msg);
	if (first->len == 0)
		tt_buf_puts(first, msg);
	free(msg);
}

/* The index of x in the sorted array v[0..n), which must hold it. */
static size_t find_time(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void site_view_free(site_view *v)
{
	free(v->kept_of_row);
	free(v->table_lot);
	free(v->lot_line);
	free(v->has);
	free(v->value);
	free(v->count);
	free(v->time_line);
	memset(v, 0, sizeof *v);
}

/* Picks the kept lots of a site and maps each row to one. */
static void site_view_init(site_view *v, const tt_series_table *t, const char *name,
			   const char *const *exclude, size_t n_exclude)
{
	memset(v, 0, sizeof *v);
	v->t = t;
	v->name = name;
	long *kept_of_lot = tt_xmalloc(t->n_lots * sizeof *kept_of_lot);
	v->table_lot = tt_xmalloc(t->n_lots * sizeof *v->table_lot);
	v->lot_line = tt_xcalloc(t->n_lots, sizeof *v->lot_line);
	for (size_t l = 0; l < t->n_lots; l++) {
		if (is_excluded(t->lot_ids[l], exclude, n_exclude)) {
			kept_of_lot[l] = -1;
			continue;
		}
		kept_of_lot[l] = (long)v->n_kept;
		v->table_lot[v->n_kept++] = l;
	}
	v->kept_of_row = tt_xmalloc(t->n * sizeof *v->kept_of_row);
	for (size_t r = 0; r < t->n; r++) {
		long k = -1;
		for (size_t l = 0; l < t->n_lots; l++) {
			if (strcmp(t->lot[r], t->lot_ids[l]) == 0) {
				k = kept_of_lot[l];
				break;
			}
		}
		v->kept_of_row[r] = k;
		if (k >= 0 && v->lot_line[k] == 0)
			v->lot_line[k] = row_line(t, r);
	}
	free(kept_of_lot);
}

/* Adds the time points of a site's kept rows (t != 0) to times. */
static void collect_times(const site_view *v, double **times, size_t *n, size_t *cap)
{
	for (size_t r = 0; r < v->t->n; r++) {
		if (v->kept_of_row[r] < 0 || v->t->time[r] == 0.0)
			continue;
		*times = tt_xgrow(*times, cap, *n + 1, sizeof **times);
		(*times)[(*n)++] = v->t->time[r];
	}
}

/* Fills has/value/count for the common list of times; a repeated
 * (lot, time) pair is an error (returns the number of errors). */
static size_t site_view_fill(site_view *v, const double *times, size_t n_times, tt_diags *d,
			     tt_buf *first_error)
{
	size_t errors = 0;
	size_t cells = v->n_kept * n_times;
	v->has = tt_xcalloc(cells, 1);
	v->value = tt_xcalloc(cells, sizeof *v->value);
	v->count = tt_xcalloc(n_times, sizeof *v->count);
	v->time_line = tt_xcalloc(n_times, sizeof *v->time_line);
	for (size_t r = 0; r < v->t->n; r++) {
		long k = v->kept_of_row[r];
		if (k < 0 || v->t->time[r] == 0.0)
			continue;
		size_t j = find_time(times, n_times, v->t->time[r]);
		size_t cell = (size_t)k * n_times + j;
		if (v->has[cell]) {
			align_error(d, v->t->path, row_line(v->t, r), first_error,
				    "lot '%s' has time %.15g more than once", v->t->lot[r],
				    times[j]);
			errors++;
			continue;
		}
		v->has[cell] = 1;
		v->value[cell] = v->t->value[r];
		v->count[j]++;
		if (v->time_line[j] == 0)
			v->time_line[j] = row_line(v->t, r);
	}
	return errors;
}

void tt_profile_free(tt_profile *prof)
{
	if (!prof)
		return;
	free(prof->time);
	free(prof->ref);
	free(prof->test);
	for (size_t i = 0; prof->ref_lots && i < prof->n_ref; i++)
		free(prof->ref_lots[i]);
	for (size_t i = 0; prof->test_lots && i < prof->n_test; i++)
		free(prof->test_lots[i]);
	free(prof->ref_lots);
	free(prof->test_lots);
	free(prof->dropped);
	memset(prof, 0, sizeof *prof);
}

/* Copies the kept lots' values at the used times into a matrix. */
static void fill_matrix(const site_view *v, const unsigned char *used, size_t n_times, size_t p,
			double **x, char ***lots)
{
	*x = tt_xmalloc(v->n_kept * p * sizeof **x);
	*lots = tt_xmalloc(v->n_kept * sizeof **lots);
	for (size_t k = 0; k < v->n_kept; k++) {
		(*lots)[k] = tt_xstrdup(v->t->lot_ids[v->table_lot[k]]);
		size_t col = 0;
		for (size_t j = 0; j < n_times; j++)
			if (used[j])
				(*x)[k * p + col++] = v->value[k * n_times + j];
	}
}

int tt_profile_align(tt_profile *out, const tt_series_table *source,
		     const tt_series_table *receiving, const char *const *exclude, size_t n_exclude,
		     tt_diags *d)
{
	memset(out, 0, sizeof *out);
	if (!source || !receiving)
		return tt_error_set(TT_EINVAL, "a profile comparison needs a table for each site");

	site_view sites[2];
	site_view_init(&sites[0], source, "source", exclude, n_exclude);
	site_view_init(&sites[1], receiving, "receiving", exclude, n_exclude);

	tt_buf first_error = TT_BUF_INIT;
	size_t errors = 0;
	double *times = NULL;
	size_t n_times = 0, cap = 0;
	unsigned char *used = NULL;

	for (int s = 0; s < 2; s++) {
		if (sites[s].n_kept == 0) {
			align_error(d, sites[s].t->path, 0, &first_error,
				    "no %s lot is left for the profile comparison", sites[s].name);
			errors++;
		}
	}
	if (errors)
		goto done;

	collect_times(&sites[0], &times, &n_times, &cap);
	collect_times(&sites[1], &times, &n_times, &cap);
	if (n_times > 0) {
		qsort(times, n_times, sizeof *times, tt_cmp_double);
		size_t u = 1;
		for (size_t i = 1; i < n_times; i++)
			if (times[i] != times[u - 1])
				times[u++] = times[i];
		n_times = u;
	}
	for (int s = 0; s < 2; s++)
		errors += site_view_fill(&sites[s], times, n_times, d, &first_error);

	/* A point seen at one site only is an error: the sites did not test
	 * on the same schedule, and f2 and MSD compare point by point. */
	for (size_t j = 0; j < n_times; j++) {
		for (int s = 0; s < 2; s++) {
			const site_view *have = &sites[s], *lack = &sites[1 - s];
			if (have->count[j] == 0 || lack->count[j] > 0)
				continue;
			align_error(d, have->t->path, have->time_line[j], &first_error,
				    "time %.15g is in the %s profiles but in no %s lot", times[j],
				    have->name, lack->name);
			errors++;
		}
	}
	if (errors)
		goto done;

	/* A point some lot lacks is left out, with a warning per lot. */
	used = tt_xcalloc(n_times, 1);
	size_t p = 0;
	for (size_t j = 0; j < n_times; j++) {
		if (sites[0].count[j] == sites[0].n_kept && sites[1].count[j] == sites[1].n_kept) {
			used[j] = 1;
			p++;
			continue;
		}
		out->dropped =
			tt_xrealloc(out->dropped, (out->n_dropped + 1) * sizeof *out->dropped);
		out->dropped[out->n_dropped++] = times[j];
		for (int s = 0; s < 2; s++) {
			const site_view *v = &sites[s];
			for (size_t k = 0; k < v->n_kept && d; k++) {
				if (v->has[k * n_times + j])
					continue;
				tt_diags_add(d, TT_SEV_WARNING, v->t->path, v->lot_line[k], 0,
					     "%s lot '%s' has no value at time %.15g; time %.15g "
					     "is left out of the profile comparison",
					     v->name, v->t->lot_ids[v->table_lot[k]], times[j],
					     times[j]);
			}
		}
	}
	if (p == 0) {
		align_error(d, source->path, 0, &first_error,
			    "no time point after 0 is present in every lot of both sites");
		errors++;
		goto done;
	}

	out->p = p;
	out->time = tt_xmalloc(p * sizeof *out->time);
	for (size_t j = 0, col = 0; j < n_times; j++)
		if (used[j])
			out->time[col++] = times[j];
	out->n_ref = sites[0].n_kept;
	out->n_test = sites[1].n_kept;
	fill_matrix(&sites[0], used, n_times, p, &out->ref, &out->ref_lots);
	fill_matrix(&sites[1], used, n_times, p, &out->test, &out->test_lots);

done:
	free(used);
	free(times);
	site_view_free(&sites[0]);
	site_view_free(&sites[1]);
	int rc = 0;
	if (errors) {
		tt_profile_free(out);
		rc = tt_error_set(TT_EINVAL, "%s", first_error.data);
	}
	tt_buf_free(&first_error);
	return rc;
}

void tt_profile_mean(double *means, const double *x, size_t n, size_t p)
{
	for (size_t j = 0; j < p; j++)
		means[j] = 0.0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < p; j++)
			means[j] += x[i * p + j];
	for (size_t j = 0; j < p; j++)
		means[j] /= (double)n;
}

/* ---- the f2 conditions ---- */

static void point_name(char *buf, size_t size, const double *time, size_t j)
{
	if (time)
		snprintf(buf, size, "time %.15g", time[j]);
	else
		snprintf(buf, size, "point %zu", j + 1);
}

static size_t check_site(tt_diags *d, const char *site, const double *x, size_t n, size_t p,
			 const double *time)
{
	size_t added = 0;
	double *mean = tt_xmalloc(p * sizeof *mean);
	tt_profile_mean(mean, x, n, p);
	char name[64];

	/* At most one mean above 85: later points say nothing about a
	 * difference once both products are nearly fully released. */
	size_t above = 0;
	for (size_t j = 0; j < p; j++)
		above += mean[j] > 85.0;
	if (above > 1) {
		tt_buf list = TT_BUF_INIT;
		for (size_t j = 0; j < p; j++) {
			if (mean[j] > 85.0) {
				point_name(name, sizeof name, time, j);
				tt_buf_printf(&list, "%s%s (%.4g)", list.len ? ", " : "", name,
					      mean[j]);
			}
		}
		tt_diags_add(d, TT_SEV_WARNING, NULL, 0, 0,
			     "f2 condition: the %s mean profile is above 85 at %zu points (%s); "
			     "at most one point above 85 should be used",
			     site, above, list.data);
		tt_buf_free(&list);
		added++;
	}

	if (n < 2) {
		tt_diags_add(d, TT_SEV_WARNING, NULL, 0, 0,
			     "f2 condition: the CV across %s lots cannot be checked with one lot",
			     site);
		free(mean);
		return added + 1;
	}
	for (size_t j = 0; j < p; j++) {
		double ss = 0.0;
		for (size_t i = 0; i < n; i++) {
			double dev = x[i * p + j] - mean[j];
			ss += dev * dev;
		}
		double sd = sqrt(ss / (double)(n - 1));
		double limit = j == 0 ? 20.0 : 10.0;
		double cv = mean[j] != 0.0 ? 100.0 * sd / fabs(mean[j]) : (sd > 0 ? INFINITY : 0.0);
		if (cv <= limit)
			continue;
		point_name(name, sizeof name, time, j);
		tt_diags_add(d, TT_SEV_WARNING, NULL, 0, 0,
			     "f2 condition: the CV across %s lots at %s is %.3g%%, above %g%% "
			     "(the limit at %s)",
			     site, name, cv, limit, j == 0 ? "the first point" : "later points");
		added++;
	}
	free(mean);
	return added;
}

size_t tt_f2_check(tt_diags *d, const double *ref, size_t n_ref, const double *test, size_t n_test,
		   size_t p, const double *time)
{
	if (!d) {
		/* Only the count is wanted. */
		tt_diags scratch = TT_DIAGS_INIT;
		size_t n = tt_f2_check(&scratch, ref, n_ref, test, n_test, p, time);
		tt_diags_free(&scratch);
		return n;
	}
	size_t added = 0;
	if (p < 3) {
		tt_diags_add(d, TT_SEV_WARNING, NULL, 0, 0,
			     "f2 condition: the profiles have %zu time point%s; f2 needs at "
			     "least 3",
			     p, p == 1 ? "" : "s");
		added++;
	}
	if (p == 0)
		return added;
	if (n_ref > 0)
		added += check_site(d, "source", ref, n_ref, p, time);
	if (n_test > 0)
		added += check_site(d, "receiving", test, n_test, p, time);
	return added;
}

/* ---- bootstrap f2 ---- */

/* f2 from the mean squared difference of the mean profiles. */
static double f2_of_msd(double msd)
{
	return 50.0 * log10(100.0 / sqrt(1.0 + msd));
}

/* The mean squared difference between the weighted mean profiles: lot i of
 * a site counts w[i] times, the weights summing to n_eff.  Sums run over
 * the lots in order, so equal weights give equal bits. */
static double weighted_msd(const double *ref, const double *wr, size_t nr, double nr_eff,
			   const double *test, const double *wt, size_t nt, double nt_eff, size_t p,
			   double *mr, double *mt)
{
	for (size_t j = 0; j < p; j++) {
		mr[j] = 0.0;
		mt[j] = 0.0;
	}
	for (size_t i = 0; i < nr; i++) {
		if (wr[i] == 0.0)
			continue;
		const double *row = ref + i * p;
		for (size_t j = 0; j < p; j++)
			mr[j] += wr[i] * row[j];
	}
	for (size_t i = 0; i < nt; i++) {
		if (wt[i] == 0.0)
			continue;
		const double *row = test + i * p;
		for (size_t j = 0; j < p; j++)
			mt[j] += wt[i] * row[j];
	}
	double sum = 0.0;
	for (size_t j = 0; j < p; j++) {
		double diff = mr[j] / nr_eff - mt[j] / nt_eff;
		sum += diff * diff;
	}
	return sum / (double)p;
}

typedef struct boot_worker {
	const double *ref, *test;
	size_t nr, nt, p;
	size_t n_boot;
	const tt_rng *chunk_rng; /* the start of each chunk's substream */
	size_t n_chunks;
	size_t first, step;        /* chunks first, first + step, ... */
	double *dstar;             /* n_boot, shared; each worker writes its own chunks */
	double *wr, *wt, *mr, *mt; /* this worker's workspace */
} boot_worker;

static void *boot_run(void *arg)
{
	boot_worker *w = arg;
	const double nr_eff = (double)w->nr, nt_eff = (double)w->nt;
	for (size_t c = w->first; c < w->n_chunks; c += w->step) {
		tt_rng rng = w->chunk_rng[c];
		size_t end = (c + 1) * TT_F2_BOOT_CHUNK;
		if (end > w->n_boot)
			end = w->n_boot;
		for (size_t b = c * TT_F2_BOOT_CHUNK; b < end; b++) {
			memset(w->wr, 0, w->nr * sizeof *w->wr);
			memset(w->wt, 0, w->nt * sizeof *w->wt);
			for (size_t k = 0; k < w->nr; k++)
				w->wr[tt_rng_uniform_index(&rng, w->nr)] += 1.0;
			for (size_t k = 0; k < w->nt; k++)
				w->wt[tt_rng_uniform_index(&rng, w->nt)] += 1.0;
			w->dstar[b] = weighted_msd(w->ref, w->wr, w->nr, nr_eff, w->test, w->wt,
						   w->nt, nt_eff, w->p, w->mr, w->mt);
		}
	}
	return NULL;
}

/* The q quantile (type 7) of the f2* when the mean squared differences are
 * sorted ascending: f2 falls as the difference rises, so the k-th smallest
 * f2* is f2 of the k-th largest difference. */
static double f2_quantile(const double *dsorted, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo >= n - 1)
		return f2_of_msd(dsorted[0]);
	double f_lo = f2_of_msd(dsorted[n - 1 - lo]);
	double f_hi = f2_of_msd(dsorted[n - 2 - lo]);
	return f_lo + (h - (double)lo) * (f_hi - f_lo);
}

static int all_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return 0;
	return 1;
}

int tt_f2_bootstrap(tt_f2_boot_result *out, const double *ref, size_t n_ref, const double *test,
		    size_t n_test, size_t p, const tt_f2_boot_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	tt_f2_boot_options defaults = TT_F2_BOOT_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	memset(out, 0, sizeof *out);
	if (n_ref < 2 || n_test < 2)
		return tt_error_set(TT_EINVAL,
				    "bootstrap f2 needs at least 2 lots per site (source %zu, "
				    "receiving %zu)",
				    n_ref, n_test);
	if (p < 1)
		return tt_error_set(TT_EINVAL, "bootstrap f2 needs at least one time point");
	if (opt->n_boot < 2)
		return tt_error_set(TT_EINVAL, "bootstrap f2 needs at least 2 resamples, not %zu",
				    opt->n_boot);
	if (!(opt->level > 0.0 && opt->level < 1.0))
		return tt_error_set(TT_EINVAL,
				    "the interval's level must be between 0 and 1, not %g",
				    opt->level);
	if (!all_finite(ref, n_ref * p) || !all_finite(test, n_test * p))
		return tt_error_set(TT_EINVAL, "the profiles contain a value that is not a number");

	const size_t B = opt->n_boot;
	const size_t n_chunks = (B + TT_F2_BOOT_CHUNK - 1) / TT_F2_BOOT_CHUNK;
	size_t n_workers = opt->threads > 1 ? opt->threads : 1;
	if (n_workers > n_chunks)
		n_workers = n_chunks;

	double *dstar = tt_xmalloc(B * sizeof *dstar);
	tt_rng *chunk_rng = tt_xmalloc(n_chunks * sizeof *chunk_rng);
	tt_rng_seed(&chunk_rng[0], opt->seed);
	for (size_t c = 1; c < n_chunks; c++) {
		chunk_rng[c] = chunk_rng[c - 1];
		tt_rng_jump(&chunk_rng[c]);
	}

	/* One block of workspace for every worker and for the jackknife. */
	const size_t per_worker = n_ref + n_test + 2 * p;
	double *space = tt_xmalloc((n_workers + 1) * per_worker * sizeof *space);
	boot_worker *workers = tt_xcalloc(n_workers, sizeof *workers);
	for (size_t w = 0; w < n_workers; w++) {
		boot_worker *bw = &workers[w];
		double *ws = space + w * per_worker;
		*bw = (boot_worker){ .ref = ref,
				     .test = test,
				     .nr = n_ref,
				     .nt = n_test,
				     .p = p,
				     .n_boot = B,
				     .chunk_rng = chunk_rng,
				     .n_chunks = n_chunks,
				     .first = w,
				     .step = n_workers,
				     .dstar = dstar,
				     .wr = ws,
				     .wt = ws + n_ref,
				     .mr = ws + n_ref + n_test,
				     .mt = ws + n_ref + n_test + p };
	}
	if (n_workers == 1) {
		boot_run(&workers[0]);
	} else {
		/* A thread that cannot be started does its share here instead:
		 * the chunks, not the threads, fix the numbers. */
		pthread_t *tid = tt_xmalloc(n_workers * sizeof *tid);
		int *started = tt_xcalloc(n_workers, sizeof *started);
		for (size_t w = 1; w < n_workers; w++)
			started[w] = pthread_create(&tid[w], NULL, boot_run, &workers[w]) == 0;
		boot_run(&workers[0]);
		for (size_t w = 1; w < n_workers; w++) {
			if (started[w])
				pthread_join(tid[w], NULL);
			else
				boot_run(&workers[w]);
		}
		free(started);
		free(tid);
	}

	/* The observed value and the jackknife use the same arithmetic. */
	double *wr = space + n_workers * per_worker, *wt = wr + n_ref;
	double *mr = wt + n_test, *mt = mr + p;
	for (size_t i = 0; i < n_ref; i++)
		wr[i] = 1.0;
	for (size_t i = 0; i < n_test; i++)
		wt[i] = 1.0;
	const double d_obs = weighted_msd(ref, wr, n_ref, (double)n_ref, test, wt, n_test,
					  (double)n_test, p, mr, mt);
	const double theta = f2_of_msd(d_obs);

	size_t n_lots = n_ref + n_test;
	double *jack = tt_xmalloc(n_lots * sizeof *jack);
	for (size_t i = 0; i < n_lots; i++) {
		double *w = i < n_ref ? &wr[i] : &wt[i - n_ref];
		*w = 0.0;
		double nr_eff = (double)(n_ref - (i < n_ref));
		double nt_eff = (double)(n_test - (i >= n_ref));
		jack[i] = f2_of_msd(
			weighted_msd(ref, wr, n_ref, nr_eff, test, wt, n_test, nt_eff, p, mr, mt));
		*w = 1.0;
	}
	double jmean = 0.0;
	for (size_t i = 0; i < n_lots; i++)
		jmean += jack[i];
	jmean /= (double)n_lots;
	double s2 = 0.0, s3 = 0.0;
	for (size_t i = 0; i < n_lots; i++) {
		double dev = jmean - jack[i];
		s2 += dev * dev;
		s3 += dev * dev * dev;
	}
	const double accel = s2 > 0.0 ? s3 / (6.0 * pow(s2, 1.5)) : 0.0;

	size_t n_below = 0;
	for (size_t b = 0; b < B; b++)
		n_below += dstar[b] > d_obs;

	int rc = 0;
	if (n_below == 0 || n_below == B) {
		rc = tt_error_set(TT_EDOMAIN,
				  "every bootstrap f2 is %s the observed f2 %.4g: the BCa interval "
				  "does not exist (do the lots differ at all?)",
				  n_below == 0 ? "at or above" : "below", theta);
		goto done;
	}
	const double z0 = gsl_cdf_ugaussian_Pinv((double)n_below / (double)B);
	const double tail = (1.0 - opt->level) / 2.0;
	const double z[2] = { gsl_cdf_ugaussian_Pinv(tail), gsl_cdf_ugaussian_Pinv(1.0 - tail) };
	double alpha[2];
	for (int k = 0; k < 2; k++) {
		double denom = 1.0 - accel * (z0 + z[k]);
		if (!(denom > 0.0)) {
			rc = tt_error_set(TT_EDOMAIN,
					  "the BCa interval does not exist: acceleration %.4g with "
					  "bias correction %.4g leaves no valid percentile",
					  accel, z0);
			goto done;
		}
		alpha[k] = gsl_cdf_ugaussian_P(z0 + (z0 + z[k]) / denom);
	}

	qsort(dstar, B, sizeof *dstar, tt_cmp_double);
	out->f2 = theta;
	out->ci_lower = f2_quantile(dstar, B, alpha[0]);
	out->ci_upper = f2_quantile(dstar, B, alpha[1]);
	out->level = opt->level;
	out->z0 = z0;
	out->acceleration = accel;
	out->alpha_lower = alpha[0];
	out->alpha_upper = alpha[1];
	out->n_below = n_below;
	out->n_boot = B;
	out->similar = out->ci_lower >= 50.0;

done:
	free(jack);
	free(workers);
	free(space);
	free(chunk_rng);
	free(dstar);
	if (rc)
		memset(out, 0, sizeof *out);
	return rc;
}

/* ---- MSD ---- */

/* Adds a site's sums of cross products about its means to the lower
 * triangle of S. */
static void add_cross_products(gsl_matrix *S, const double *x, size_t n, size_t p,
			       const double *mean)
{
	for (size_t i = 0; i < n; i++) {
		const double *row = x + i * p;
		for (size_t j = 0; j < p; j++)
			for (size_t k = 0; k <= j; k++)
				*gsl_matrix_ptr(S, j, k) += (row[j] - mean[j]) * (row[k] - mean[k]);
	}
}

/* The Mahalanobis length sqrt(v' S^-1 v) = |L^-1 v| with S = L L'; v is
 * overwritten. */
static double mahalanobis(const gsl_matrix *chol, gsl_vector *v)
{
	gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, chol, v);
	return gsl_blas_dnrm2(v);
}

int tt_msd(tt_msd_result *out, const double *ref, size_t n_ref, const double *test, size_t n_test,
	   size_t p, const tt_msd_options *opt)
{
	if (tt_init())
		return TT_EINTERNAL;
	tt_msd_options defaults = TT_MSD_OPTIONS_INIT;
	if (!opt)
		opt = &defaults;
	memset(out, 0, sizeof *out);
	if (n_ref < 1 || n_test < 1 || p < 1)
		return tt_error_set(TT_EINVAL, "MSD needs lots at both sites and a time point");
	if (!(opt->region_level > 0.0 && opt->region_level < 1.0))
		return tt_error_set(TT_EINVAL, "region_level must be between 0 and 1, not %g",
				    opt->region_level);
	if (!(opt->msd_limit > 0.0 && isfinite(opt->msd_limit)))
		return tt_error_set(TT_EINVAL, "msd_limit must be a positive number, not %g",
				    opt->msd_limit);
	if (!all_finite(ref, n_ref * p) || !all_finite(test, n_test * p))
		return tt_error_set(TT_EINVAL, "the profiles contain a value that is not a number");
	if (n_ref + n_test < p + 2)
		return tt_error_set(TT_EINVAL,
				    "fewer units than time points: the covariance is singular "
				    "(%zu + %zu lots, %zu time points; MSD needs at least %zu lots "
				    "in all)",
				    n_ref, n_test, p, p + 2);

	const double nr = (double)n_ref, nt = (double)n_test, pp = (double)p;
	double *mr = tt_xmalloc(2 * p * sizeof *mr), *mt = mr + p;
	tt_profile_mean(mr, ref, n_ref, p);
	tt_profile_mean(mt, test, n_test, p);

	gsl_matrix *S = gsl_matrix_calloc(p, p);
	gsl_vector *v = gsl_vector_alloc(p);
	gsl_vector *work = gsl_vector_alloc(3 * p);
	int rc = 0;
	if (!S || !v || !work) {
		rc = tt_error_set(TT_ENOMEM, "out of memory");
		goto done;
	}
	add_cross_products(S, ref, n_ref, p, mr);
	add_cross_products(S, test, n_test, p, mt);
	for (size_t j = 0; j < p; j++) {
		for (size_t k = 0; k <= j; k++) {
			double s = gsl_matrix_get(S, j, k) / (nr + nt - 2.0);
			gsl_matrix_set(S, j, k, s);
			gsl_matrix_set(S, k, j, s);
		}
	}

	/* A numerically singular S (reciprocal condition below the machine
	 * epsilon) is as unusable as an exactly singular one. */
	double rcond = 0.0;
	if (gsl_linalg_cholesky_decomp1(S) != GSL_SUCCESS ||
	    gsl_linalg_cholesky_rcond(S, &rcond, work) != GSL_SUCCESS || !(rcond >= DBL_EPSILON)) {
		rc = tt_error_set(TT_EINVAL,
				  "the pooled covariance of the profiles is singular (a time point "
				  "without spread between lots, or time points that move together "
				  "exactly): MSD cannot be computed");
		goto done;
	}

	for (size_t j = 0; j < p; j++)
		gsl_vector_set(v, j, mt[j] - mr[j]);
	out->msd = mahalanobis(S, v);
	gsl_vector_set_all(v, opt->msd_limit);
	out->msd_limit = mahalanobis(S, v);

	out->df1 = pp;
	out->df2 = nr + nt - pp - 1.0;
	out->k = nr * nt / (nr + nt) * (nr + nt - pp - 1.0) / ((nr + nt - 2.0) * pp);
	out->f_quantile = gsl_cdf_fdist_Pinv(opt->region_level, out->df1, out->df2);
	if (!isfinite(out->f_quantile)) {
		rc = tt_error_set(TT_ENOCONV, "the F quantile F(%g; %g, %g) could not be computed",
				  opt->region_level, out->df1, out->df2);
		goto done;
	}
	out->msd_upper = out->msd + sqrt(out->f_quantile / out->k);
	out->similar = out->msd_upper < out->msd_limit;

done:
	gsl_vector_free(work);
	gsl_vector_free(v);
	gsl_matrix_free(S);
	free(mr);
	if (rc)
		memset(out, 0, sizeof *out);
	return rc;
}
