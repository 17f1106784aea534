/*
 * refdata_tolerance.c - tolerance factors and nonparametric orders from R.
 * The types and tolerances are in refdata.h.
 */
#include "tt/validate/refdata/refdata.h"

/* clang-format off */
/* source: R 4.2.2, tests/reference/tolerance.R */

/* n, P, g, exact two-sided k: R integrate() and uniroot() */
const double tt_refdata_ti_exact2[][4] = {
	{ 2, 0.9, 0.95, 31.092225599750 },
	{ 3, 0.99, 0.99, 28.585695168917 },
	{ 5, 0.95, 0.9, 4.142464440336 },
	{ 10, 0.9, 0.95, 2.856310848579 },
	{ 10, 0.99, 0.95, 4.436908728949 },
	{ 10, 0.95, 0.99, 4.294172235391 },
	{ 15, 0.999, 0.95, 4.948525492782 },
	{ 20, 0.75, 0.9, 1.511314148616 },
	{ 30, 0.99, 0.95, 3.354575844793 },
	{ 43, 0.9, 0.99, 2.222825173791 },
	{ 50, 0.95, 0.95, 2.381559742115 },
	{ 100, 0.99, 0.99, 3.097570204901 },
	{ 200, 0.95, 0.95, 2.142944311111 },
	{ 500, 0.9, 0.95, 1.737392915697 },
	{ 1000, 0.99, 0.9, 2.653748822348 },
	{ 4, 0.5, 0.95, 2.287650342254 },
	{ 7, 0.95, 0.5, 2.198841732209 },
	{ 25, 0.9999, 0.999, 6.837074086270 },
	{ 2, 0.9, 0.01, 0.707106781187 },
	{ 10000, 0.95, 0.95, 1.983151131095 },
	{ 100000, 0.9, 0.01, 1.636347786370 },
};
const size_t tt_refdata_ti_exact2_count =
	sizeof tt_refdata_ti_exact2 / sizeof tt_refdata_ti_exact2[0];

/* n, P, g, Howe k: R qnorm and qchisq */
const double tt_refdata_ti_howe[][4] = {
	{ 2, 0.9, 0.95, 3.212612910239126e+01 },
	{ 10, 0.9, 0.95, 2.838191270236677e+00 },
	{ 10, 0.99, 0.95, 4.444587726934559e+00 },
	{ 30, 0.99, 0.95, 3.350788768810942e+00 },
	{ 43, 0.9, 0.99, 2.217315896653629e+00 },
	{ 200, 0.95, 0.95, 2.142547875586901e+00 },
	{ 4, 0.5, 0.95, 2.201985643230480e+00 },
	{ 100000, 0.9, 0.01, 1.636347828877126e+00 },
};
const size_t tt_refdata_ti_howe_count =
	sizeof tt_refdata_ti_howe / sizeof tt_refdata_ti_howe[0];

/* n, P, g, one-sided k: R qt(g, n - 1, qnorm(P) sqrt(n)) / sqrt(n) */
const double tt_refdata_ti_one_sided[][4] = {
	{ 10, 0.9, 0.95, 2.354640131834442e+00 },
	{ 10, 0.95, 0.95, 2.910963413081035e+00 },
	{ 10, 0.99, 0.95, 3.981117845281852e+00 },
	{ 2, 0.9, 0.95, 2.058146762430066e+01 },
	{ 3, 0.95, 0.99, 1.737019619487786e+01 },
	{ 20, 0.99, 0.9, 3.051542582068315e+00 },
	{ 43, 0.9, 0.99, 1.873953605857980e+00 },
	{ 100, 0.9, 0.95, 1.526748747851043e+00 },
	{ 6, 0.75, 0.5, 7.119135915162477e-01 },
};
const size_t tt_refdata_ti_one_sided_count =
	sizeof tt_refdata_ti_one_sided / sizeof tt_refdata_ti_one_sided[0];

/* n, P, g, two-sided r, one-sided r (0: none): R pbinom */
const double tt_refdata_ti_wilks[][5] = {
	{ 93, 0.95, 0.95, 1, 2 },
	{ 100, 0.95, 0.95, 1, 2 },
	{ 473, 0.99, 0.95, 1, 2 },
	{ 1000, 0.99, 0.95, 2, 5 },
	{ 59, 0.95, 0.95, 0, 1 },
	{ 299, 0.99, 0.95, 0, 1 },
	{ 200, 0.9, 0.9, 7, 15 },
	{ 30, 0.8, 0.9, 1, 3 },
	{ 10000, 0.95, 0.99, 225, 450 },
};
const size_t tt_refdata_ti_wilks_count =
	sizeof tt_refdata_ti_wilks / sizeof tt_refdata_ti_wilks[0];

/* P, g, smallest n two-sided, one-sided: R pbinom */
const double tt_refdata_ti_needed[][4] = {
	{ 0.99, 0.95, 473, 299 },
	{ 0.95, 0.95, 93, 59 },
	{ 0.9, 0.9, 38, 22 },
	{ 0.999, 0.99, 6636, 4603 },
};
const size_t tt_refdata_ti_needed_count =
	sizeof tt_refdata_ti_needed / sizeof tt_refdata_ti_needed[0];
/* clang-format on */
