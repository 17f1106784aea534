/*
 * support.h - helpers shared by the cmocka tests.
 */
#ifndef TT_TEST_SUPPORT_H
#define TT_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tt/base/error.h"

/* The path of a file under tests/resources/ (a static buffer). */
const char *tt_test_resource(const char *rel);

/* Asserts |observed - expected| <= rel_tol * |expected| (or <= rel_tol when
 * expected is 0), printing the label and both values when it fails. */
#define tt_assert_rel(observed, expected, rel_tol, label)                                          \
	tt_test_check_rel((observed), (expected), (rel_tol), (label), __FILE__, __LINE__)
void tt_test_check_rel(double observed, double expected, double rel_tol, const char *label,
		       const char *file, int line);

/* Asserts |observed - expected| <= abs_tol. */
#define tt_assert_abs(observed, expected, abs_tol, label)                                          \
	tt_test_check_abs((observed), (expected), (abs_tol), (label), __FILE__, __LINE__)
void tt_test_check_abs(double observed, double expected, double abs_tol, const char *label,
		       const char *file, int line);

/* Whether any diagnostic's formatted text equals want exactly. */
int tt_test_diags_has(const tt_diags *d, const char *want);
/* Prints every diagnostic (for a failing test's output). */
void tt_test_diags_dump(const tt_diags *d);

#endif
