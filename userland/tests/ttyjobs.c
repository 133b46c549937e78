/* ttyjobs: job control at the terminal. Its standard input and output
 * must be the terminal, and it must start in the terminal's foreground
 * process group (as `jos run -- ttyjobs` does, or `script` on Linux).
 * Each child makes itself a background process group, then reads,
 * writes or changes the terminal: a read stops it with SIGTTIN (EIO when
 * SIGTTIN is ignored or blocked); a write goes through unless TOSTOP is
 * set, then it stops with SIGTTOU (goes through when SIGTTOU is ignored;
 * with a handler it fails with EINTR); tcsetattr stops it with SIGTTOU
 * whatever TOSTOP says; tcsetpgrp with SIGTTOU ignored takes the
 * terminal. A write stopped by SIGTTOU goes through once its group is
 * given the terminal and continued (the call starts again). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/wait.h>
#include "testlib.h"

static struct termios saved;

/* Forks a child that leads a new process group (so it is in the
 * background) and runs fn; its result is the exit status. */
static pid_t background(int (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		_exit(2);
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL);
		_exit(fn());
	}
	setpgid(pid, pid);
	return pid;
}

/* Waits for a stop or the end; the raw status. */
static int wait_stop(pid_t pid)
{
	int status = 0;

	while (waitpid(pid, &status, WUNTRACED) < 0 && errno == EINTR)
		;
	return status;
}

static int stopped_by(int status, int sig)
{
	return WIFSTOPPED(status) && WSTOPSIG(status) == sig;
}

static void end(pid_t pid)
{
	kill(pid, SIGKILL);
	wait_for(pid);
}

static int do_read(void)
{
	char c;

	return read(0, &c, 1) == -1 && errno == EIO ? 0 : 1;
}

static int read_ignoring(void)
{
	signal(SIGTTIN, SIG_IGN);
	return do_read();
}

static int read_blocking(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTTIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return do_read();
}

static int do_write(void)
{
	const char line[] = "  (a line written from the background)\n";

	return write(1, line, sizeof line - 1) == (ssize_t)(sizeof line - 1) ? 0 : 1;
}

static int write_ignoring(void)
{
	signal(SIGTTOU, SIG_IGN);
	return do_write();
}

static volatile sig_atomic_t caught;

static void on_ttou(int sig)
{
	caught = sig;
}

/* A handler without SA_RESTART: the write fails with EINTR after it. */
static int write_handling(void)
{
	struct sigaction sa = { .sa_handler = on_ttou };

	sigaction(SIGTTOU, &sa, NULL);
	ssize_t n = write(1, "never\n", 6);

	return n == -1 && errno == EINTR && caught == SIGTTOU ? 0 : 1;
}

static int do_tcsetattr(void)
{
	return tcsetattr(0, TCSANOW, &saved) == 0 ? 0 : 1;
}

static int take_terminal(void)
{
	signal(SIGTTOU, SIG_IGN);
	return tcsetpgrp(0, getpgrp()) == 0 ? 0 : 1;
}

static void set_tostop(int on)
{
	struct termios t = saved;

	if (on)
		t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
}

int main(void)
{
	pid_t pid;
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* This process gives the terminal away and takes it back. */
	signal(SIGTTOU, SIG_IGN);
	if (!check(isatty(0) && tcgetpgrp(0) == getpgrp(), "stdin is a terminal, this process in its foreground group"))
		return finish("ttyjobs");
	tcgetattr(0, &saved);
	saved.c_lflag &= ~TOSTOP;
	set_tostop(0);

	pid = background(do_read);
	status = wait_stop(pid);
	check(stopped_by(status, SIGTTIN), "a background read stops its reader with SIGTTIN");
	end(pid);
	check(wait_for(background(read_ignoring)) == 0, "with SIGTTIN ignored, the read fails with EIO");
	check(wait_for(background(read_blocking)) == 0, "with SIGTTIN blocked, the read fails with EIO");

	check(wait_for(background(do_write)) == 0, "without TOSTOP, a background write goes through");
	set_tostop(1);
	pid = background(do_write);
	status = wait_stop(pid);
	check(stopped_by(status, SIGTTOU), "with TOSTOP, a background write stops its writer with SIGTTOU");
	/* fg: the terminal to its group, and continue it. */
	tcsetpgrp(0, pid);
	kill(pid, SIGCONT);
	status = wait_stop(pid);
	tcsetpgrp(0, getpgrp());
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "continued in the foreground, its write starts again and goes through (%s)",
	      describe_status(status));
	check(wait_for(background(write_ignoring)) == 0, "with TOSTOP and SIGTTOU ignored, the write goes through");
	check(wait_for(background(write_handling)) == 0, "with TOSTOP and a SIGTTOU handler, the write fails with EINTR after it");
	set_tostop(0);

	pid = background(do_tcsetattr);
	status = wait_stop(pid);
	check(stopped_by(status, SIGTTOU), "tcsetattr from the background stops the caller with SIGTTOU, TOSTOP or not");
	end(pid);
	pid = background(take_terminal);
	check(wait_for(pid) == 0 && tcgetpgrp(0) == pid, "with SIGTTOU ignored, tcsetpgrp from the background takes the terminal");
	check(tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp(), "and gives it back");
	return finish("ttyjobs");
}
