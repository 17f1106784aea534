/*
 * children.h - the child process groups tt has running, for its signal
 * handlers.
 *
 * A program tt starts (gnuplot) runs in a process group of its own, so
 * that it and anything it starts can be stopped together.  The code that
 * starts one registers the group here and unregisters it once the group
 * is reaped; a signal handler (or a deadline) kills every group still
 * registered.  Registering and killing are async-signal-safe: fixed slots,
 * atomic stores, kill(2).
 */
#ifndef TT_CHILDREN_H
#define TT_CHILDREN_H

#include <sys/types.h>

/* How many groups can be registered at once. */
#define TT_CHILDREN_MAX 32

/* Registers process group pgid.  Returns its slot, or -1 when every slot
 * is taken (the group then runs unregistered). */
int tt_children_add(pid_t pgid);

/* Forgets the group in slot (from tt_children_add(); -1 is ignored). */
void tt_children_remove(int slot);

/* Sends sig to every registered group.  Async-signal-safe. */
void tt_children_kill(int sig);

#endif
