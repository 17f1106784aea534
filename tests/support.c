/*
 * support.c - helpers shared by the cmocka tests.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tt_test_resource(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", TT_TEST_RESOURCES, rel);
	return path;
}

void tt_test_check_rel(double observed, double expected, double rel_tol, const char *label,
		       const char *file, int line)
{
	double scale = expected != 0.0 ? fabs(expected) : 1.0;
	double err = fabs(observed - expected) / scale;
	if (!(err <= rel_tol)) {
		print_error(
			"%s:%d: %s: observed %.17g, expected %.17g (relative error %.3g > %.3g)\n",
			file, line, label, observed, expected, err, rel_tol);
		fail();
	}
}

void tt_test_check_abs(double observed, double expected, double abs_tol, const char *label,
		       const char *file, int line)
{
	double err = fabs(observed - expected);
	if (!(err <= abs_tol)) {
		print_error("%s:%d: %s: observed %.17g, expected %.17g (error %.3g > %.3g)\n", file,
			    line, label, observed, expected, err, abs_tol);
		fail();
	}
}

int tt_test_diags_has(const tt_diags *d, const char *want)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = tt_diag_format(&d->items[i]);
		int eq = strcmp(s, want) == 0;
		free(s);
		if (eq)
			return 1;
	}
	return 0;
}

void tt_test_diags_dump(const tt_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = tt_diag_format(&d->items[i]);
		print_message("  diag: %s\n", s);
		free(s);
	}
}
