/* init: the first process JOS starts. Prints the banner, shows that fork,
 * wait, uname and the clock work, optionally runs one program given on its
 * command line, and then, as PID 1, starts the shell on the console and
 * powers the machine off when the shell ends (end of input or `exit N`)
 * by exiting with the shell's status, which JOS's kernel takes as the
 * machine's; without a shell it reaps orphans forever. Run as any other PID (on a
 * Linux host, say) it exits once the demo is done. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static const char banner[] =
	"      _  ___  ____\n"
	"     | |/ _ \\/ ___|\n"
	"  _  | | | | \\___ \\\n"
	" | |_| | |_| |___) |\n"
	"  \\___/ \\___/|____/\n";

static void describe(const char *who, int status)
{
	if (WIFEXITED(status))
		printf("init: %s exited with status %d\n", who,
		       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("init: %s killed by signal %d\n", who, WTERMSIG(status));
}

static void fork_demo(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		printf("init: fork failed: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		printf("init: hello from the child process\n");
		_exit(0);
	}
	if (waitpid(pid, &status, 0) == pid)
		describe("child", status);
}

/* The lines below start with "init: uname" and "init: uptime": they differ
 * between machines by nature, and the conformance tests skip them. */
static void system_info(void)
{
	struct utsname u;
	struct timespec ts;

	if (uname(&u) == 0)
		printf("init: uname %s %s %s\n", u.sysname, u.release,
		       u.machine);
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		printf("init: uptime %lld.%09ld s\n", (long long)ts.tv_sec,
		       ts.tv_nsec);
}

static void run_program(char **argv, char **envp)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(argv[0], argv, envp);
		printf("init: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		describe(argv[0], status);
}

/* Runs /bin/sh and waits for it, reaping any orphan on the way. Returns
 * the shell's wait status, or -1 when the shell could not be started
 * (the reason printed): the child reports a failed execve through a
 * close-on-exec pipe, so a shell that runs and exits 127 is told apart
 * from one that never ran. */
static int run_shell(char **envp)
{
	char *argv[] = { "/bin/sh", NULL };
	int status, report[2], err = 0;
	pid_t pid;

	if (pipe2(report, O_CLOEXEC) < 0) {
		printf("init: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		execve(argv[0], argv, envp);
		err = errno;
		write(report[1], &err, sizeof err);
		_exit(127);
	}
	close(report[1]);
	while (read(report[0], &err, sizeof err) < 0 && errno == EINTR)
		;
	close(report[0]);
	for (;;) {
		pid_t done = wait(&status);

		if (done == pid)
			break;
		if (done < 0 && errno != EINTR)
			return -1;
	}
	if (err) {
		printf("init: cannot run %s: %s\n", argv[0], strerror(err));
		return -1;
	}
	describe("the shell", status);
	return status;
}

/* Without a shell, PID 1 stays up: it adopts orphans and reaps them. */
static void reap_forever(void)
{
	struct timespec hour = { .tv_sec = 3600 };

	printf("init: idle\n");
	for (;;)
		if (wait(NULL) < 0 && errno == ECHILD)
			nanosleep(&hour, NULL);
}

int main(int argc, char **argv, char **envp)
{
	fputs(banner, stdout);
	printf("init: JOS is up\n");
	system_info();
	fork_demo();
	if (argc > 1)
		run_program(argv + 1, envp);
	if (getpid() == 1) {
		/* ^C and ^Z are for the programs the shell runs, not for init. */
		signal(SIGINT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
		int status = run_shell(envp);

		if (status >= 0) {
			/* The first process's end is JOS's power-off, with its
			 * status as the machine's: the shell's, as a shell gives
			 * it (128 + N for a signal). */
			printf("init: powering off\n");
			return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
		}
		reap_forever();
	}
	printf("init: done\n");
	return 0;
}
