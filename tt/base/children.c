/*
 * children.c - registered child process groups (see children.h).
 */
#include "tt/base/children.h"

#include <signal.h>
#include <stdatomic.h>

static _Atomic pid_t groups[TT_CHILDREN_MAX];

int tt_children_add(pid_t pgid)
{
	if (pgid <= 0)
		return -1;
	for (int i = 0; i < TT_CHILDREN_MAX; i++) {
		pid_t free_slot = 0;
		if (atomic_compare_exchange_strong(&groups[i], &free_slot, pgid))
			return i;
	}
	return -1;
}

void tt_children_remove(int slot)
{
	if (slot >= 0 && slot < TT_CHILDREN_MAX)
		atomic_store(&groups[slot], 0);
}

void tt_children_kill(int sig)
{
	for (int i = 0; i < TT_CHILDREN_MAX; i++) {
		pid_t g = atomic_load(&groups[i]);
		if (g > 0)
			kill(-g, sig);
	}
}
