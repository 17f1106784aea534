/*
 * test_children.c - registered process groups are killed, forgotten ones
 * are not.
 */
#include "support.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt/base/children.h"

/* A child in a process group of its own that waits to be killed. */
static pid_t start_sleeper(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(pid, pid); /* whichever of the two runs first */
	return pid;
}

static void registered_groups_are_killed(void **state)
{
	(void)state;
	pid_t a = start_sleeper(), b = start_sleeper();
	int sa = tt_children_add(a), sb = tt_children_add(b);
	assert_true(sa >= 0 && sb >= 0 && sa != sb);
	tt_children_remove(sb);
	tt_children_kill(SIGTERM);
	int status;
	assert_int_equal(waitpid(a, &status, 0), a);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	/* b was forgotten: still running until killed here. */
	assert_int_equal(waitpid(b, &status, WNOHANG), 0);
	kill(b, SIGKILL);
	assert_int_equal(waitpid(b, &status, 0), b);
	tt_children_remove(sa);
}

static void slots_run_out_and_come_back(void **state)
{
	(void)state;
	int slot[TT_CHILDREN_MAX];
	/* Groups that do not exist: kill() fails quietly for them. */
	for (int i = 0; i < TT_CHILDREN_MAX; i++)
		assert_true((slot[i] = tt_children_add(999990 + i)) >= 0);
	assert_int_equal(tt_children_add(999999), -1);
	assert_int_equal(tt_children_add(0), -1);
	tt_children_remove(slot[3]);
	assert_int_equal(tt_children_add(999999), slot[3]);
	for (int i = 0; i < TT_CHILDREN_MAX; i++)
		tt_children_remove(slot[i]);
	tt_children_remove(-1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registered_groups_are_killed),
		cmocka_unit_test(slots_run_out_and_come_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
