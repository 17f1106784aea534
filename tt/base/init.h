/*
 * init.h - the library's process-wide setup, done once.
 *
 * GSL's default error handler aborts the process on any error (a domain
 * error, a failed allocation, an integral that does not converge).  tt
 * checks the status of every GSL call instead, so the handler must be off
 * before tt calls GSL; tt_init() turns it off.
 *
 * A program need not call tt_init(): the library calls it before it calls
 * GSL.  Each function of the statistics that calls GSL, in its own body or
 * through the static helpers of its file, calls tt_init() first; the plan,
 * whose formulas and simulation call GSL too, calls it in the check that
 * every one of its computations starts with (tt_plan_check_rule); the run
 * engine and the qualification suite reach GSL only through these.  The
 * densities meant for integrands (tt_scaled_chi_pdf, tt_scaled_chi_log_pdf),
 * called thousands of times an integral, leave it to their callers.
 *
 * The handler is GSL's, shared by the whole process: a program that wants
 * a handler of its own sets it after calling tt_init().
 */
#ifndef TT_INIT_H
#define TT_INIT_H

/* Sets the library up, once per process whatever the number of calls and
 * threads; later calls return at once.  Returns 0, or TT_EINTERNAL with a
 * message set when the system cannot run the setup. */
int tt_init(void);

#endif
