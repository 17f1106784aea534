/*
 * init.c - the library's process-wide setup.
 */
#include "tt/base/init.h"

#include <pthread.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "tt/base/error.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
	gsl_set_error_handler_off();
}

int tt_init(void)
{
	int rc = pthread_once(&once, init_once);
	if (rc)
		return tt_error_set(TT_EINTERNAL, "cannot set up the library: %s", strerror(rc));
	return 0;
}
