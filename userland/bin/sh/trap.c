/* sh: traps. `trap ACTION CONDITION...` runs ACTION (a command string)
 * when the shell receives a signal (HUP, INT, QUIT, TERM, USR1, ...), or
 * as it exits (EXIT, or 0); `trap '' SIG` ignores the signal (the
 * programs the shell starts inherit that), `trap - SIG` restores the
 * default; `trap` alone lists them as commands that would set them again.
 * A caught signal only marks the trap pending: it runs after the command
 * in progress ends, with $? as it was and restored afterwards (POSIX). A
 * subshell starts with the traps that ignore and without the others, as
 * do the commands the shell forks. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* The EXIT condition is number 0. */
static char *actions[NSIG];
static volatile sig_atomic_t pending[NSIG];
static volatile sig_atomic_t any_pending;
static int running_trap;
/* The handler a signal returns to with `trap - SIG` (an interactive
 * shell's own SIGINT handler), else SIG_DFL. */
static void (*defaults[NSIG])(int);

static const struct {
	const char *name;
	int number;
} names[] = {
	{ "EXIT", 0 }, { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS },
	{ "FPE", SIGFPE }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
	{ "SYS", SIGSYS },
};

/* A condition's number: a name (with or without SIG, any case) or a
 * number; -1 when unknown. */
static int condition(const char *text)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (*text && !*end)
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (strncasecmp(text, "SIG", 3) == 0)
		text += 3;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(text, names[i].name) == 0)
			return names[i].number;
	return -1;
}

static const char *condition_name(int number)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].number == number)
			return names[i].name;
	return "?";
}

static void caught(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

void trap_set_default(int sig, void (*handler)(int))
{
	defaults[sig] = handler;
}

/* Installs what `actions[sig]` says for the signal itself. */
static void install(int sig)
{
	struct sigaction sa = { .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	if (!actions[sig])
		sa.sa_handler = defaults[sig] ? defaults[sig] : SIG_DFL;
	else if (!*actions[sig])
		sa.sa_handler = SIG_IGN;
	else
		sa.sa_handler = caught;
	sigaction(sig, &sa, NULL);
}

static int set_trap(int sig, const char *action)
{
	char *copy = NULL;

	if (action && !(copy = strdup(action))) {
		fprintf(stderr, "sh: trap: out of memory\n");
		return 1;
	}
	free(actions[sig]);
	actions[sig] = copy;
	if (sig != 0)
		install(sig);
	return 0;
}

/* `trap` alone: each trap as the command that sets it, single-quoted. */
static void list_traps(void)
{
	for (int sig = 0; sig < NSIG; sig++) {
		if (!actions[sig])
			continue;
		printf("trap -- ");
		print_quoted(actions[sig]);
		printf(" %s\n", condition_name(sig));
	}
}

/* trap [ACTION CONDITION...]; ACTION "-" resets, "" ignores; an unsigned
 * number first means all the arguments are conditions to reset (POSIX). */
int builtin_trap(char **argv)
{
	int i = 1, status = 0;

	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	if (!argv[i]) {
		list_traps();
		return 0;
	}
	const char *action = argv[i];
	char *end;

	strtoul(action, &end, 10);
	if (!*end && *action)
		action = "-"; /* trap N...: reset them all */
	else
		i++;
	if (!argv[i]) {
		fprintf(stderr, "sh: trap: usage: trap [ACTION CONDITION...]\n");
		return 2;
	}
	for (; argv[i]; i++) {
		int sig = condition(argv[i]);

		if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
			fprintf(stderr, "sh: trap: %s: bad trap\n", argv[i]);
			status = 1;
			continue;
		}
		if (set_trap(sig, strcmp(action, "-") == 0 ? NULL : action))
			status = 1;
	}
	return status;
}

/* Runs the traps of the signals caught since the last call. */
void traps_run(void)
{
	if (!any_pending || running_trap)
		return;
	any_pending = 0;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!pending[sig])
			continue;
		pending[sig] = 0;
		if (!actions[sig] || !*actions[sig])
			continue;
		int saved = last_status;
		char *action = strdup(actions[sig]);

		if (!action)
			continue;
		running_trap = 1;
		eval_text(action, strlen(action));
		running_trap = 0;
		free(action);
		last_status = saved;
	}
}

/* In a forked child (a subshell, a command, a pipeline's part): traps
 * that run commands are the parent's, so the child forgets them; the
 * ignored signals stay ignored (exec keeps SIG_IGN). */
void traps_in_child(void)
{
	for (int sig = 0; sig < NSIG; sig++) {
		if (actions[sig] && *actions[sig]) {
			free(actions[sig]);
			actions[sig] = NULL;
			if (sig != 0)
				signal(sig, SIG_DFL);
		} else if (actions[sig] && sig != 0) {
			signal(sig, SIG_IGN);
		}
		pending[sig] = 0;
	}
	any_pending = 0;
}

/* Leaves the shell with `status`: the EXIT trap first (once; its own
 * `exit N` changes the status), then stdio is flushed. */
void sh_exit(int status)
{
	char *action = actions[0];

	if (action && *action) {
		actions[0] = NULL;
		last_status = status;
		running_trap = 1;
		eval_text(action, strlen(action));
		free(action);
	}
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}
