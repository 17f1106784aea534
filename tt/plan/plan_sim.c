/*
 * plan_sim.c - pass probabilities by seeded simulation (plan.h).
 *
 * One replicate draws the lots of one study in units of the true source
 * sd and applies the rule exactly as the study's analysis would: with the
 * functions of tt/stats/decide.h that tt_tost, tt_quality_range,
 * tt_tolerance_interval and tt_min_max decide with (tests/test_plan.c
 * checks that they agree lot for lot).
 * The draws of a replicate, in this order (a different order would be a
 * different stream, so it is fixed):
 *   independent: nR source values mu + z, then nT receiving values
 *                mu + delta + r z;
 *   paired:      nR source values mu + z_i, then nT receiving values:
 *                for each of the n_pairs = min(nR, nT) pairs
 *                mu + delta + r (rho z_i + sqrt(1 - rho^2) w_i), so that
 *                the halves of a split source correlate by rho, and
 *                mu + delta + r w_j for any receiving lot beyond them.
 *                Equivalence analyses the pairs' differences (a sigma
 *                margin uses the sd of all nR source values); the other
 *                approaches take the lots as they come.
 *
 * Replicates come in blocks of TT_PLAN_BLOCK, block b from substream b of
 * the seed; worker threads take blocks from a shared counter and store
 * each block's pass count in its slot, and the counts are summed in block
 * order after the threads end.  Nothing a thread does depends on which
 * blocks it got, so the result is the same for any number of threads.
 *
 * Welch's df varies from replicate to replicate, and a t quantile costs
 * far more than a replicate.  The quantile decreases with df, so it is
 * tabulated on a grid spanning every df Welch's formula can give
 * (min(nuR, nuT) to nuR + nuT).  The decision is monotone in the quantile,
 * so a pass at the larger tabulated quantile next to df is a pass at df, a
 * fail at the smaller one a fail, and the quantile at df itself is
 * computed only when the two differ.  The decision is the exact one either
 * way.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/base/error.h"
#include "tt/plan/plan.h"
#include "tt/plan/plan_normal.h"
#include "tt/plan/plan_setup.h"
#include "tt/plan/plan_sim.h"
#include "tt/base/rng.h"
#include "tt/stats/decide.h"
#include "tt/stats/stats.h"
#include "tt/base/util.h"

#define WELCH_GRID 257

struct sim_ctx {
	struct plan_setup su;
	tt_approach approach;
	int paired;                 /* equivalence on paired differences */
	int correlated;             /* the first np lots are split sources */
	tt_margin_type margin_type; /* ratio margins as absolute ones of ln r */
	tt_variance variance;
	double alpha;
	size_t nR, nT, np;
	double rho, rho_c;
	double margin;  /* absolute/ratio: D on the analysis scale; sigma: k; percent: p */
	double t_fixed; /* pooled or paired */
	double df_lo, df_step;
	double t_at[WELCH_GRID];
	double range_k; /* quality range k or the tolerance factor */
	size_t need;    /* quality range: fewest receiving lots inside that pass */
	size_t order;   /* nonparametric r; 0 when no interval exists */
	int sides;
	tt_direction direction;
	int nonparametric;
};

/* The fewest receiving lots inside that pass a quality range.  The rule
 * passes every count from some count up, so a replicate compares its
 * count with this one instead of taking the rule's fma each time. */
static size_t quality_range_need(double min_fraction, size_t n_test)
{
	for (size_t m = 0; m <= n_test; m++)
		if (tt_decide_fraction(m, n_test, min_fraction))
			return m;
	return n_test + 1;
}

static int ctx_init(struct sim_ctx *c, const struct plan_setup *su)
{
	const tt_plan_rule *rule = su->rule;
	memset(c, 0, sizeof *c);
	c->su = *su;
	c->approach = rule->approach;
	c->correlated = rule->design == TT_DESIGN_PAIRED;
	c->paired = rule->approach == TT_APPROACH_EQUIVALENCE && c->correlated;
	c->margin_type = rule->margin_type;
	c->variance = rule->variance;
	c->alpha = rule->alpha;
	c->nR = su->n_source;
	c->nT = su->n_receiving;
	c->np = su->n_pairs;
	c->rho = su->rho;
	c->rho_c = sqrt(1.0 - su->rho * su->rho);
	switch (rule->approach) {
	case TT_APPROACH_EQUIVALENCE:
		if (rule->margin_type == TT_MARGIN_PERCENT ||
		    rule->margin_type == TT_MARGIN_SIGMA) {
			c->margin = rule->margin;
		} else {
			/* Already on the analysis scale, in units of the true sd. */
			c->margin_type = TT_MARGIN_ABSOLUTE;
			c->margin = su->margin_abs;
		}
		if (c->paired) {
			c->t_fixed = tt_decide_tost_t(c->alpha, (double)c->np - 1.0);
		} else if (c->variance == TT_VARIANCE_POOLED) {
			c->t_fixed = tt_decide_tost_t(c->alpha, (double)(c->nR + c->nT) - 2.0);
		} else {
			double nuR = (double)c->nR - 1.0, nuT = (double)c->nT - 1.0;
			c->df_lo = nuR < nuT ? nuR : nuT;
			c->df_step = (nuR + nuT - c->df_lo) / (WELCH_GRID - 1);
			for (int j = 0; j < WELCH_GRID; j++)
				c->t_at[j] = tt_decide_tost_t(c->alpha, c->df_lo + j * c->df_step);
		}
		if (!isfinite(c->t_fixed) && (c->paired || c->variance == TT_VARIANCE_POOLED))
			return tt_error_set(TT_ENOCONV, "the t quantile could not be computed");
		break;
	case TT_APPROACH_QUALITY_RANGE:
		c->range_k = rule->k;
		c->need = quality_range_need(rule->min_fraction, c->nT);
		break;
	case TT_APPROACH_TOLERANCE_INTERVAL:
		c->sides = rule->ti.sides;
		c->direction = rule->ti.direction;
		if (rule->ti.method == TT_TI_NONPARAMETRIC) {
			c->nonparametric = 1;
			size_t r = 0;
			int rc = tt_ti_nonparametric_order(&r, NULL, c->nR, &rule->ti);
			if (rc == TT_EDOMAIN)
				r = 0;
			else if (rc)
				return rc;
			c->order = r;
		} else {
			int rc = tt_ti_factor(&c->range_k, c->nR, &rule->ti);
			if (rc)
				return rc;
		}
		break;
	case TT_APPROACH_MIN_MAX:
		break;
	default:
		return tt_error_set(TT_EINVAL, "approach '%s' has no pass probability",
				    tt_approach_name(rule->approach));
	}
	return 0;
}

static void mean_ss(const double *x, size_t n, double *mean, double *ss)
{
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	double m = sum / (double)n;
	double s = 0.0;
	for (size_t i = 0; i < n; i++) {
		double d = x[i] - m;
		s += d * d;
	}
	*mean = m;
	*ss = s;
}

/* The decision at Welch's df.  t(df_j) >= t(df) >= t(df_{j+1}) at the grid
 * points around df, so where the decision is the same at both it is the
 * one at df.  Both are taken and compared, rather than one after the
 * other, so that the only branch is on their agreeing, which they nearly
 * always do, and not on the outcome, which is a coin toss. */
static int welch_passes(const struct sim_ctx *c, double d, double se, double df, double D)
{
	double lo, hi;
	double pos = (df - c->df_lo) / c->df_step;
	if (pos >= 0.0 && pos <= WELCH_GRID - 1) {
		size_t j = (size_t)pos;
		if (j >= WELCH_GRID - 1)
			j = WELCH_GRID - 2;
		bool wide = tt_decide_tost(&lo, &hi, d, se, c->t_at[j], D);
		bool narrow = tt_decide_tost(&lo, &hi, d, se, c->t_at[j + 1], D);
		if (wide == narrow)
			return wide;
	}
	return tt_decide_tost(&lo, &hi, d, se, tt_decide_tost_t(c->alpha, df), D);
}

static int decide_equivalence(const struct sim_ctx *c, const double *x, const double *y)
{
	double mR, ssR;
	mean_ss(x, c->nR, &mR, &ssR);
	double nR = (double)c->nR;
	double d, se, df;
	if (c->paired) {
		size_t n = c->np;
		double sum = 0.0;
		for (size_t i = 0; i < n; i++)
			sum += y[i] - x[i];
		d = sum / (double)n;
		double ss = 0.0;
		for (size_t i = 0; i < n; i++) {
			double e = (y[i] - x[i]) - d;
			ss += e * e;
		}
		tt_decide_tost_paired_se(&se, &df, sqrt(ss / ((double)n - 1.0)), (double)n);
	} else {
		double mT, ssT, nT = (double)c->nT;
		mean_ss(y, c->nT, &mT, &ssT);
		d = mT - mR;
		tt_decide_tost_se(&se, &df, ssR / (nR - 1.0), nR, ssT / (nT - 1.0), nT,
				  c->variance);
	}
	if (!(se > 0.0) || !isfinite(se))
		return 0;
	/* Only a sigma margin uses the source sd: the others skip its sqrt. */
	double sR = c->margin_type == TT_MARGIN_SIGMA ? sqrt(ssR / (nR - 1.0)) : 0.0;
	double D = tt_decide_tost_margin(c->margin_type, c->margin, sR, mR);
	if (c->paired || c->variance == TT_VARIANCE_POOLED) {
		double lo, hi;
		return tt_decide_tost(&lo, &hi, d, se, c->t_fixed, D);
	}
	if (!isfinite(df))
		return 0;
	return welch_passes(c, d, se, df, D);
}

static void sort_doubles(double *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double v = a[i];
		size_t j = i;
		while (j > 0 && a[j - 1] > v) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = v;
	}
}

static int decide(const struct sim_ctx *c, const double *x, const double *y, double *work)
{
	switch (c->approach) {
	case TT_APPROACH_EQUIVALENCE:
		return decide_equivalence(c, x, y);
	case TT_APPROACH_QUALITY_RANGE: {
		double m, ss;
		mean_ss(x, c->nR, &m, &ss);
		double s = sqrt(ss / ((double)c->nR - 1.0));
		if (!(s > 0.0))
			return 0;
		double lo, hi;
		tt_decide_band(&lo, &hi, m, s, c->range_k);
		return tt_decide_count_inside(y, c->nT, lo, hi) >= c->need;
	}
	case TT_APPROACH_TOLERANCE_INTERVAL: {
		double lo, hi;
		if (c->nonparametric) {
			if (c->order == 0)
				return 0;
			memcpy(work, x, c->nR * sizeof *work);
			sort_doubles(work, c->nR);
			tt_decide_order_band(&lo, &hi, work, c->nR, c->order);
		} else {
			double m, ss;
			mean_ss(x, c->nR, &m, &ss);
			double s = sqrt(ss / ((double)c->nR - 1.0));
			if (!(s > 0.0))
				return 0;
			tt_decide_band(&lo, &hi, m, s, c->range_k);
		}
		tt_decide_ti_sides(&lo, &hi, c->sides, c->direction);
		return tt_decide_all_inside(tt_decide_count_inside(y, c->nT, lo, hi), c->nT);
	}
	case TT_APPROACH_MIN_MAX: {
		double lo, hi;
		tt_decide_min_max(&lo, &hi, x, c->nR);
		return tt_decide_all_inside(tt_decide_count_inside(y, c->nT, lo, hi), c->nT);
	}
	default:
		return 0;
	}
}

int tt_plan_rule_passes(bool *pass, const tt_plan_rule *rule, const double *x, size_t n_x,
			const double *y, size_t n_y)
{
	tt_plan_truth truth = TT_PLAN_TRUTH_INIT;
	int rc = tt_plan_check_rule(rule, n_x, n_y);
	if (rc)
		return rc;
	struct plan_setup su;
	tt_plan_setup(&su, rule, n_x, n_y, &truth);
	struct sim_ctx *c = tt_xmalloc(sizeof *c);
	rc = ctx_init(c, &su);
	if (!rc) {
		double *work = tt_xmalloc(n_x * sizeof *work);
		*pass = decide(c, x, y, work) != 0;
		free(work);
	}
	free(c);
	return rc;
}

/* One replicate's lots (see the top of the file for the order). */
static void draw(const struct sim_ctx *c, tt_rng *rng, double *x, double *y)
{
	const struct plan_setup *su = &c->su;
	tt_plan_normal_fill(rng, x, c->nR);
	if (su->mu != 0.0)
		for (size_t i = 0; i < c->nR; i++)
			x[i] += su->mu;
	double shift = su->mu + su->delta, r = su->sd_ratio;
	size_t ny = c->paired ? c->np : c->nT;
	tt_plan_normal_fill(rng, y, ny);
	size_t np = c->correlated ? c->np : 0;
	double a = r * c->rho, b = r * c->rho_c;
	for (size_t i = 0; i < np; i++)
		y[i] = shift + (a * (x[i] - su->mu) + b * y[i]);
	for (size_t j = np; j < ny; j++)
		y[j] = shift + r * y[j];
}

struct pool {
	const struct sim_ctx *c;
	const tt_rng *starts; /* the first state of each block */
	uint64_t *counts;     /* passes per block */
	uint64_t next, last;  /* blocks still to run: [next, last) */
	pthread_mutex_t lock;
};

static void *worker(void *vp)
{
	struct pool *pool = vp;
	const struct sim_ctx *c = pool->c;
	size_t ny = c->nT > c->nR ? c->nT : c->nR;
	double *x = tt_xmalloc(c->nR * sizeof *x);
	double *y = tt_xmalloc(ny * sizeof *y);
	double *work = tt_xmalloc(c->nR * sizeof *work);
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		uint64_t b = pool->next < pool->last ? pool->next++ : UINT64_MAX;
		pthread_mutex_unlock(&pool->lock);
		if (b == UINT64_MAX)
			break;
		tt_rng rng = pool->starts[b];
		uint64_t passes = 0;
		for (int i = 0; i < TT_PLAN_BLOCK; i++) {
			draw(c, &rng, x, y);
			passes += (uint64_t)decide(c, x, y, work);
		}
		pool->counts[b] = passes;
	}
	free(x);
	free(y);
	free(work);
	return NULL;
}

static int thread_count(const tt_plan_options *opt, uint64_t blocks)
{
	long n = opt->threads;
	if (n <= 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
	}
	if (n > 64)
		n = 64;
	if ((uint64_t)n > blocks)
		n = (long)blocks;
	return (int)n;
}

/* Runs blocks [first, last) of the pool. */
static int run_blocks(struct pool *pool, uint64_t first, uint64_t last, const tt_plan_options *opt)
{
	pool->next = first;
	pool->last = last;
	int n = thread_count(opt, last - first);
	if (n <= 1) {
		worker(pool);
		return 0;
	}
	pthread_t tid[64];
	int started = 0;
	for (int i = 0; i < n; i++) {
		if (pthread_create(&tid[i], NULL, worker, pool) != 0)
			break;
		started++;
	}
	/* Whatever the threads left (none started, or fewer than asked) is
	 * run here; the counts do not depend on who ran a block. */
	worker(pool);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	return 0;
}

static uint64_t blocks_for(uint64_t replicates)
{
	uint64_t b = (replicates + TT_PLAN_BLOCK - 1) / TT_PLAN_BLOCK;
	return b ? b : 1;
}

int tt_plan_simulate_setup(tt_plan_prob *out, const struct plan_setup *su,
			   const tt_plan_options *opt, uint64_t min_replicates)
{
	struct sim_ctx *c = tt_xmalloc(sizeof *c);
	int rc = ctx_init(c, su);
	if (rc) {
		free(c);
		return rc;
	}
	uint64_t max_blocks = blocks_for(opt->max_replicates);
	uint64_t want = blocks_for(min_replicates);
	if (want > max_blocks)
		want = max_blocks;

	struct pool pool;
	memset(&pool, 0, sizeof pool);
	pool.c = c;
	pthread_mutex_init(&pool.lock, NULL);
	tt_rng *starts = NULL;
	uint64_t *counts = NULL;
	size_t cap = 0;
	tt_rng stream;
	tt_rng_seed(&stream, opt->seed);

	uint64_t done = 0, passes = 0;
	double p = 0.0, err = 0.0;
	for (;;) {
		if (want > cap) {
			starts = tt_xrealloc(starts, want * sizeof *starts);
			counts = tt_xrealloc(counts, want * sizeof *counts);
			cap = want;
		}
		/* Block b starts at substream b: the seed's state after b
		 * jumps, as tt_rng_stream(seed, b) gives. */
		for (uint64_t b = done; b < want; b++) {
			starts[b] = stream;
			tt_rng_jump(&stream);
		}
		pool.starts = starts;
		pool.counts = counts;
		run_blocks(&pool, done, want, opt);
		for (uint64_t b = done; b < want; b++)
			passes += counts[b];
		done = want;
		double R = (double)(done * TT_PLAN_BLOCK);
		p = (double)passes / R;
		/* The error of p, with p moved half a replicate towards 1/2
		 * so that an estimate of 0 or 1 still carries one. */
		double pe = ((double)passes + 0.5) / (R + 1.0);
		err = sqrt(pe * (1.0 - pe) / R);
		if (err <= opt->mc_error || done >= max_blocks)
			break;
		double need = pe * (1.0 - pe) / (opt->mc_error * opt->mc_error);
		uint64_t next = blocks_for((uint64_t)ceil(need));
		want = next > done ? next : done + 1;
		if (want > max_blocks)
			want = max_blocks;
	}
	pthread_mutex_destroy(&pool.lock);
	free(starts);
	free(counts);
	free(c);
	out->p = p;
	out->mc_error = err;
	out->replicates = done * TT_PLAN_BLOCK;
	out->method = TT_PLAN_SIMULATED;
	return 0;
}
