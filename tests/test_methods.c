/*
 * test_methods.c - the tables of method names (methods.h): every value of
 * each enumeration has a name, each table ends where its _COUNT says, the
 * names of one table differ, and the name functions read the tables; each
 * approach's minimum lot counts.
 */
#include "support.h"

#include <string.h>

#include "tt/input/methods.h"

/* A table of count names: each present and unlike the others, then NULL. */
static void check_table(const char *const *names, size_t count, const char *what)
{
	for (size_t i = 0; i < count; i++) {
		if (!names[i])
			fail_msg("%s: value %zu has no name", what, i);
		for (size_t k = 0; k < i; k++)
			if (strcmp(names[k], names[i]) == 0)
				fail_msg("%s: values %zu and %zu are both '%s'", what, k, i,
					 names[i]);
	}
	if (names[count])
		fail_msg("%s: a name '%s' after the last value", what, names[count]);
}

static void every_value_has_one_name(void **state)
{
	(void)state;
	check_table(tt_approach_names, TT_APPROACH_COUNT, "approach");
	check_table(tt_design_names, TT_DESIGN_COUNT, "design");
	check_table(tt_margin_type_names, TT_MARGIN_COUNT, "margin type");
	check_table(tt_variance_names, TT_VARIANCE_COUNT, "variance");
	check_table(tt_ti_method_names, TT_TI_METHOD_COUNT, "tolerance method");
	check_table(tt_profile_method_names, TT_PROFILE_METHOD_COUNT, "profile method");
	check_table(tt_direction_names, TT_DIRECTION_COUNT, "direction");
}

static void name_functions_read_the_tables(void **state)
{
	(void)state;
	for (int a = 0; a < TT_APPROACH_COUNT; a++)
		assert_string_equal(tt_approach_name((tt_approach)a), tt_approach_names[a]);
	assert_string_equal(tt_approach_name(TT_APPROACH_MIN_MAX), "min-max");
	assert_string_equal(tt_margin_type_name(TT_MARGIN_PERCENT), "percent");
	assert_string_equal(tt_variance_name(TT_VARIANCE_WELCH), "welch");
	assert_string_equal(tt_ti_method_name(TT_TI_NONPARAMETRIC), "nonparametric");
	assert_string_equal(tt_profile_method_name(TT_PROFILE_MSD), "msd");
	assert_string_equal(tt_design_name(TT_DESIGN_INDEPENDENT), "independent");
	assert_string_equal(tt_direction_name(TT_DIRECTION_NONE), "none");
	assert_string_equal(tt_direction_name(TT_DIRECTION_UPPER), "upper");
	/* A study writes only lower and upper. */
	assert_string_equal(tt_direction_names[TT_DIRECTION_LOWER], "lower");
	assert_string_equal(tt_approach_name(TT_APPROACH_COUNT), "?");
	assert_string_equal(tt_ti_method_name(TT_TI_METHOD_COUNT), "?");
}

static void approach_labels_for_people(void **state)
{
	(void)state;
	assert_string_equal(tt_approach_label(TT_APPROACH_EQUIVALENCE), "equivalence (TOST)");
	assert_string_equal(tt_approach_label(TT_APPROACH_QUALITY_RANGE), "quality range");
	assert_string_equal(tt_approach_label(TT_APPROACH_TOLERANCE_INTERVAL),
			    "tolerance interval");
	assert_string_equal(tt_approach_label(TT_APPROACH_STABILITY), "stability");
	for (int a = 0; a < TT_APPROACH_COUNT; a++)
		assert_non_null(tt_approach_label((tt_approach)a));
	assert_string_equal(tt_approach_label(TT_APPROACH_COUNT), "?");
}

/* Each approach's fewest lots (source, receiving), as the run and the plan
 * require them. */
static void minimum_lot_counts(void **state)
{
	(void)state;
	static const size_t expected[TT_APPROACH_COUNT][2] = {
		[TT_APPROACH_EQUIVALENCE] = { 2, 2 },        [TT_APPROACH_QUALITY_RANGE] = { 2, 1 },
		[TT_APPROACH_TOLERANCE_INTERVAL] = { 2, 1 }, [TT_APPROACH_MIN_MAX] = { 2, 1 },
		[TT_APPROACH_GRAPHICAL] = { 1, 1 },          [TT_APPROACH_PROFILE] = { 0, 0 },
		[TT_APPROACH_STABILITY] = { 0, 0 },
	};
	for (int a = 0; a < TT_APPROACH_COUNT; a++) {
		size_t s = 99, r = 99;
		tt_approach_min_lots((tt_approach)a, &s, &r);
		if (s != expected[a][0] || r != expected[a][1])
			fail_msg("%s: %zu and %zu lots, not %zu and %zu", tt_approach_name(a), s, r,
				 expected[a][0], expected[a][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_value_has_one_name),
		cmocka_unit_test(name_functions_read_the_tables),
		cmocka_unit_test(approach_labels_for_people),
		cmocka_unit_test(minimum_lot_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
