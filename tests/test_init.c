/*
 * test_init.c - the library's setup: GSL's aborting error handler is off
 * before any GSL call, without the program asking, and only once.
 *
 * Unlike the other tests, this program does not turn GSL's handler off
 * itself: that is what it checks.  The tests run in order in one process,
 * and the first must run before anything calls into the library.
 */
#include "support.h"

#include <pthread.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "tt/base/init.h"
#include "tt/stats/curves.h"

/* A handler of the program's own, to see that tt_init leaves it alone. */
static int own_handler_calls;

static void own_handler(const char *reason, const char *file, int line, int gsl_errno)
{
	(void)reason;
	(void)file;
	(void)line;
	(void)gsl_errno;
	own_handler_calls++;
}

static void entry_point_turns_the_handler_off(void **state)
{
	(void)state;
	/* GSL's handler is its default (NULL: abort) until the library is
	 * used. */
	assert_null(gsl_set_error_handler(NULL));
	/* Each lot repeats its value at both time points, so the pooled
	 * covariance is singular and GSL's Cholesky decomposition signals an
	 * error, which would abort the process under the default handler. */
	const double ref[] = { 1, 1, 2, 2, 3, 3 };
	const double test[] = { 1.5, 1.5, 2.5, 2.5, 3.5, 3.5 };
	tt_msd_result r;
	assert_int_equal(tt_msd(&r, ref, 3, test, 3, 2, NULL), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "singular"));
	/* The handler in force is the library's, not the default. */
	assert_non_null(gsl_set_error_handler(NULL));
}

static void *init_thread(void *arg)
{
	*(int *)arg = tt_init();
	return NULL;
}

static void init_runs_once(void **state)
{
	(void)state;
	gsl_set_error_handler(own_handler);
	enum { N = 4 };
	pthread_t threads[N];
	int rc[N];
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, init_thread, &rc[i]), 0);
	for (int i = 0; i < N; i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(rc[i], 0);
	}
	assert_int_equal(tt_init(), 0);
	/* The program's own handler, set after the setup, stays. */
	gsl_error("a test error", __FILE__, __LINE__, GSL_EDOM);
	assert_int_equal(own_handler_calls, 1);
	gsl_set_error_handler_off();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_point_turns_the_handler_off),
		cmocka_unit_test(init_runs_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
