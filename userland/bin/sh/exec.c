/* sh: running pipelines. Every command of a pipeline is a child of the
 * shell, joined to the next by a pipe; the shell closes its copies of the
 * pipe ends, waits for all of them, and takes the status of the last.
 *
 * ^C: the children stay in the shell's process group, which is the
 * console's foreground group, so the tty's SIGINT reaches every process of
 * the pipeline; the shell itself catches SIGINT (main.c: a new prompt)
 * and ignores SIGQUIT, and each child puts the default actions back
 * before it runs its program.
 *
 * ^Z: the tty's SIGTSTP stops the pipeline's children (the shell ignores
 * it); the shell waits with WUNTRACED, so a stop ends the wait: it prints
 * "[stopped] <pipeline>", keeps the pipeline as the stopped job (one slot)
 * and returns to the prompt; `fg` sends it SIGCONT and waits again.
 *
 * A built-in alone runs in the shell itself (cd must change the shell's
 * directory), with its redirections undone afterwards; inside a pipeline
 * it runs in the child like any program. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

/* Descriptors the shell saves its own fds in while a built-in runs. */
#define SAVE_FD_BASE 10

int last_status;
int interrupted;

/* Expands a command's words into argv (NULL-terminated); -1 on error. */
static int expand_command(const struct script *s, const struct command *c, char **argv)
{
	int argc = 0;

	for (int i = 0; i < c->nwords; i++) {
		int drop;
		char *word = expand_word(&s->words[c->first_word + i], &drop);

		if (!word)
			return -1;
		if (!drop)
			argv[argc++] = word;
	}
	argv[argc] = NULL;
	return argc;
}

/* The number a dup redirection names ("2>&1"), -2 for "-", or -1. */
static int fd_number(const char *text)
{
	if (strcmp(text, "-") == 0)
		return -2;
	if (text[0] < '0' || text[0] > '9' || text[1])
		return -1;
	return text[0] - '0';
}

/* Applies one redirection; -1 after an error message. */
static int redirect(const struct redir *r)
{
	int drop, fd;
	const char *target = expand_word(&r->target, &drop);

	if (!target)
		return -1;
	if (r->kind == R_DUP) {
		int from = fd_number(target);

		if (from == -2)
			return close(r->fd), 0;
		if (from < 0 || fcntl(from, F_GETFD) < 0) {
			fprintf(stderr, "sh: %s: %s\n", target, strerror(EBADF));
			return -1;
		}
		if (from != r->fd && dup2(from, r->fd) < 0) {
			fprintf(stderr, "sh: %d: %s\n", r->fd, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (r->kind == R_IN)
		fd = open(target, O_RDONLY);
	else
		fd = open(target, O_WRONLY | O_CREAT | (r->kind == R_APPEND ? O_APPEND : O_TRUNC), 0644);
	if (fd < 0) {
		fprintf(stderr, "sh: %s: %s\n", target, strerror(errno));
		return -1;
	}
	if (fd != r->fd) {
		if (dup2(fd, r->fd) < 0) {
			fprintf(stderr, "sh: %d: %s\n", r->fd, strerror(errno));
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/* The shell's own fds a built-in's redirections replace: saved[fd] is a
 * copy (or -1: fd was closed) for each fd in `touched`. */
struct saved_fds {
	int saved[SAVE_FD_BASE];
	unsigned touched;
};

static int apply_redirects(const struct script *s, const struct command *c, struct saved_fds *keep)
{
	for (int i = 0; i < c->nredirs; i++) {
		const struct redir *r = &s->redirs[c->first_redir + i];

		if (keep && !(keep->touched & (1u << r->fd))) {
			keep->touched |= 1u << r->fd;
			keep->saved[r->fd] = fcntl(r->fd, F_DUPFD_CLOEXEC, SAVE_FD_BASE);
		}
		if (redirect(r) < 0)
			return -1;
	}
	return 0;
}

static void restore_fds(struct saved_fds *keep)
{
	fflush(stdout);
	for (int fd = 0; fd < SAVE_FD_BASE; fd++) {
		if (!(keep->touched & (1u << fd)))
			continue;
		if (keep->saved[fd] >= 0) {
			dup2(keep->saved[fd], fd);
			close(keep->saved[fd]);
		} else {
			close(fd);
		}
	}
}

/* Runs argv[0] from PATH (or as a path if it has a '/'); never returns.
 * Not found is 127, found but not runnable 126, as POSIX says. */
static void exec_program(char **argv)
{
	char path[512];
	const char *dirs = getenv("PATH");
	int err = ENOENT;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, environ);
		err = errno;
	} else {
		for (dirs = dirs ? dirs : "/bin"; *dirs;) {
			size_t n = strcspn(dirs, ":");

			snprintf(path, sizeof path, "%.*s/%s", (int)n, n ? dirs : ".", argv[0]);
			execve(path, argv, environ);
			if (errno != ENOENT && errno != ENOTDIR && err == ENOENT)
				err = errno;
			dirs += n + (dirs[n] == ':');
		}
	}
	if (err == ENOENT)
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
	else
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* A built-in, or no words at all (only redirections), in the shell. */
static int run_in_shell(const struct script *s, const struct command *c, char **argv)
{
	struct saved_fds keep = { .touched = 0 };
	int status = 1;

	fflush(stdout);
	if (apply_redirects(s, c, &keep) == 0)
		status = argv[0] ? find_builtin(argv[0])(argv) : 0;
	restore_fds(&keep);
	return status;
}

/* What `wait` said, as a shell status; names deadly signals the user did
 * not send (^C and a closed pipe explain themselves). */
static int wait_status(int status, int report)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		interrupted |= sig == SIGINT;
		if (report && sig != SIGINT && sig != SIGPIPE)
			fprintf(stderr, "%s\n", strsignal(sig));
		return 128 + sig;
	}
	return WEXITSTATUS(status);
}

/* The stopped job `fg` continues: its processes and its command line. */
static pid_t stopped_pids[MAX_COMMANDS];
static int stopped_count;
static char stopped_name[128];

/* Waits for every process of a job (WUNTRACED: a stop ends the wait too);
 * the status of the last one when `last_is_job_end`, as the shell's status.
 * If any stopped, the job is kept for `fg` and reported. */
static int wait_job(const pid_t *pids, int n, int last_is_job_end, const char *name)
{
	int status = 1, stopped = 0;

	for (int i = 0; i < n; i++) {
		int raw = 0;

		while (waitpid(pids[i], &raw, WUNTRACED) < 0 && errno == EINTR)
			;
		if (WIFSTOPPED(raw)) {
			stopped = 1;
			status = 128 + WSTOPSIG(raw);
		} else if (i == n - 1 && last_is_job_end && !stopped) {
			status = wait_status(raw, 1);
		}
	}
	if (stopped) {
		/* Only the processes still alive are the job now. */
		stopped_count = 0;
		for (int i = 0; i < n; i++)
			if (kill(pids[i], 0) == 0)
				stopped_pids[stopped_count++] = pids[i];
		if (name != stopped_name)
			snprintf(stopped_name, sizeof stopped_name, "%s", name);
		fprintf(stderr, "\n[stopped] %s\n", stopped_name);
	}
	return status;
}

int resume_stopped_job(void)
{
	pid_t pids[MAX_COMMANDS];
	int n = stopped_count;

	if (n == 0) {
		fprintf(stderr, "sh: fg: no stopped job\n");
		return 1;
	}
	memcpy(pids, stopped_pids, sizeof pids);
	stopped_count = 0;
	fprintf(stderr, "%s\n", stopped_name);
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGCONT);
	return wait_job(pids, n, 1, stopped_name);
}

static int run_pipeline(const struct script *s, const struct pipeline *p)
{
	char names[sizeof stopped_name] = "";
	char *argv[MAX_WORDS + 1];
	pid_t pids[MAX_COMMANDS];
	int started = 0, in = -1, status = 1;

	expand_reset();
	if (p->ncommands == 1) {
		const struct command *c = &s->commands[p->first_command];

		if (expand_command(s, c, argv) < 0)
			return 1;
		if (!argv[0] || find_builtin(argv[0]))
			return run_in_shell(s, c, argv);
	}
	for (int i = 0; i < p->ncommands; i++) {
		const struct command *c = &s->commands[p->first_command + i];
		int pipefd[2] = { -1, -1 };
		pid_t pid;

		expand_reset();
		if (expand_command(s, c, argv) < 0)
			break;
		if (i + 1 < p->ncommands && pipe2(pipefd, O_CLOEXEC) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		if (argv[0])
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? " | " : "", argv[0]);
		pid = fork();
		if (pid == 0) {
			signal(SIGINT, SIG_DFL);
			signal(SIGQUIT, SIG_DFL);
			signal(SIGTSTP, SIG_DFL);
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (pipefd[1] >= 0) {
				dup2(pipefd[1], 1);
				close(pipefd[0]);
				close(pipefd[1]);
			}
			if (apply_redirects(s, c, NULL) < 0)
				_exit(1);
			if (!argv[0])
				_exit(0);
			builtin_fn builtin = find_builtin(argv[0]);

			if (builtin) {
				int code = builtin(argv);

				fflush(stdout);
				_exit(code);
			}
			exec_program(argv);
		}
		if (pid < 0)
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		else
			pids[started++] = pid;
		if (in >= 0)
			close(in);
		close(pipefd[1]);
		in = pipefd[0];
		if (pid < 0)
			break;
	}
	if (in >= 0)
		close(in);
	if (started > 0)
		status = wait_job(pids, started, started == p->ncommands, names);
	return status;
}

int run_script(const struct script *s)
{
	for (int i = 0; i < s->npipelines; i++) {
		const struct pipeline *p = &s->pipelines[i];

		if ((p->after == C_AND && last_status != 0) || (p->after == C_OR && last_status == 0))
			continue;
		last_status = run_pipeline(s, p);
	}
	return last_status;
}
