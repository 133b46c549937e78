/* forktree: fork, exec and wait in trees. Usage: forktree [exec-path]
 * (default argv[0]); the program re-executes itself as "forktree leaf N".
 *
 * Only one process prints at a time (parents wait before printing), so the
 * output is the same whatever order the scheduler picks. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

static const char *self_path;

/* A node named "1.2" has children "1.2.1" and "1.2.2" down to depth 2; a
 * leaf exits with its last two digits (12 for 1.1.2), a node with the sum
 * of its children's statuses. */
static int node(const char *name, int depth)
{
	int sum = 0;

	if (depth == 2) {
		int code = (name[2] - '0') * 10 + (name[4] - '0');

		printf("node %s: leaf, exiting with %d\n", name, code);
		return code;
	}
	printf("node %s: forking 2 children\n", name);
	for (int i = 1; i <= 2; i++) {
		char child[16];
		pid_t pid;
		int status;

		snprintf(child, sizeof(child), "%s.%d", name, i);
		pid = fork();
		if (pid == 0)
			exit(node(child, depth + 1));
		status = wait_for(pid);
		printf("node %s: child %s %s\n", name, child,
		       describe_status(status));
		sum += WIFEXITED(status) ? WEXITSTATUS(status) : 1000;
	}
	return sum;
}

static void test_tree(void)
{
	check(node("1", 0) == 66, "tree statuses add up to 66");
}

static int sleepy_child(void *arg)
{
	int i = (int)(intptr_t)arg;

	sleep_ms((4 - i) * 5); /* the last forked exits first */
	return 100 + i;
}

/* Four children run at once and are reaped with waitpid(-1) in whatever
 * order they end; the results are printed in fork order. */
static void test_concurrent(void)
{
	pid_t pids[4];
	int statuses[4] = { -1, -1, -1, -1 }, reaped = 0;

	for (int i = 0; i < 4; i++)
		pids[i] = spawn(sleepy_child, (void *)(intptr_t)i);
	for (int n = 0; n < 4; n++) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);

		for (int i = 0; i < 4; i++)
			if (pids[i] == pid && statuses[i] == -1) {
				statuses[i] = status;
				reaped++;
			}
	}
	check(reaped == 4, "waitpid(-1) reaped each of 4 children once");
	for (int i = 0; i < 4; i++)
		check(WIFEXITED(statuses[i]) && WEXITSTATUS(statuses[i]) == 100 + i,
		      "concurrent child %d %s", i, describe_status(statuses[i]));
	check_errno(waitpid(-1, NULL, 0), ECHILD, "waitpid(-1) with no children");
}

static int read_one_byte(void *arg)
{
	int *fds = arg;
	char c = 0;

	close(fds[1]);
	read(fds[0], &c, 1);
	return c;
}

/* WNOHANG sees nothing while the child blocks on a pipe, then the status. */
static void test_wnohang(void)
{
	int fds[2], status = 0;
	pid_t pid;

	pipe(fds);
	pid = spawn(read_one_byte, fds);
	close(fds[0]);
	check(waitpid(pid, &status, WNOHANG) == 0,
	      "WNOHANG on a running child returns 0");
	write(fds[1], "\7", 1);
	close(fds[1]);
	status = wait_for(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "child woken by the pipe %s", describe_status(status));
}

static void test_signals(void)
{
	static const int sigs[] = { SIGKILL, SIGTERM };

	for (int i = 0; i < 2; i++) {
		int fds[2], status;
		pid_t pid;

		pipe(fds);
		pid = spawn(read_one_byte, fds);
		close(fds[0]);
		check(kill(pid, sigs[i]) == 0, "kill(child, %s)", signame(sigs[i]));
		status = wait_for(pid);
		close(fds[1]);
		check(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
		      "blocked child %s", describe_status(status));
	}
}

static int exit_with(void *arg)
{
	exit((int)(intptr_t)arg);
}

static void test_exit_codes(void)
{
	static const int codes[] = { 0, 1, 255, 256 + 3 };

	for (int i = 0; i < 4; i++) {
		int status = wait_for(spawn(exit_with, (void *)(intptr_t)codes[i]));

		check(WIFEXITED(status) && WEXITSTATUS(status) == (codes[i] & 255),
		      "exit(%d): %s", codes[i], describe_status(status));
	}
}

static pid_t parent_pid;

static int check_parent(void *arg)
{
	(void)arg;
	return getppid() == parent_pid && getpid() != parent_pid ? 0 : 1;
}

static void test_ids(void)
{
	parent_pid = getpid();
	check(wait_for(spawn(check_parent, NULL)) == 0,
	      "child sees getppid() == parent's getpid()");
}

static int exec_leaf(void *arg)
{
	char *argv[] = { "forktree", "leaf", arg, NULL };

	execve(self_path, argv, environ);
	return 120; /* exec failed */
}

static int exec_missing(void *arg)
{
	char *argv[] = { "missing", NULL };

	(void)arg;
	execve("/nonexistent/jos-no-such-program", argv, environ);
	return errno == ENOENT ? 3 : 4;
}

static void test_exec(void)
{
	int status = wait_for(spawn(exec_leaf, "42"));

	check(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "exec'd leaf %s", describe_status(status));
	status = wait_for(spawn(exec_missing, NULL));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "execve of a missing file fails with ENOENT in the child");
}

/* Many short-lived children in a row: pids and process slots recycle. */
static void test_many(void)
{
	int sum = 0, ok = 1;

	for (int i = 0; i < 40; i++) {
		int status = wait_for(spawn(exit_with, (void *)(intptr_t)i));

		ok &= WIFEXITED(status) && WEXITSTATUS(status) == i;
		sum += WEXITSTATUS(status);
	}
	check(ok && sum == 780, "40 children in a row, statuses sum to %d", sum);
}

static int leaf_main(const char *arg)
{
	printf("leaf: running after exec, arg %s\n", arg);
	return atoi(arg);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "leaf") == 0)
		return leaf_main(argv[2]);
	self_path = argc > 1 ? argv[1] : argv[0];
	test_tree();
	test_concurrent();
	test_wnohang();
	test_signals();
	test_exit_codes();
	test_ids();
	test_exec();
	test_many();
	return finish("forktree");
}
