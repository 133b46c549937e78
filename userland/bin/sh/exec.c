/* sh: running pipelines. Every command of a pipeline is a child of the
 * shell, joined to the next by a pipe; the shell closes its copies of the
 * pipe ends, waits for all of them (unless the pipeline ends in '&'), and
 * takes the status of the last.
 *
 * With job control (an interactive shell, jobs.c) each pipeline is its
 * own process group, which gets the terminal while it runs in the
 * foreground: ^C, ^\ and ^Z reach its processes and not the shell, and
 * ^Z stops it and gives the prompt back. Without (scripts, sh -c) the
 * children stay in the shell's group.
 *
 * Words of the form NAME=VALUE before the command name are assignments:
 * alone they set shell variables; before a command, that command's
 * environment.
 *
 * A built-in alone runs in the shell itself (cd must change the shell's
 * directory), with its redirections undone afterwards; inside a pipeline
 * or in the background it runs in the child like any program. */
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

/* An assignment word: NAME=... with NAME unquoted. */
static int is_assignment(const struct word *w)
{
	const char *eq = memchr(w->text, '=', w->len);

	return eq && is_name(w->text, eq - w->text);
}

/* Expands a command's words into argv (NULL-terminated) and its leading
 * assignments into assigns ("NAME=VALUE", NULL-terminated); the number
 * of arguments, or -1 on error. */
static int expand_command(const struct script *s, const struct command *c, char **argv, char **assigns)
{
	int argc = 0, nassigns = 0, i = 0;

	for (; i < c->nwords && is_assignment(&s->words[c->first_word + i]); i++) {
		int drop;
		char *value = expand_word(&s->words[c->first_word + i], &drop);

		if (!value)
			return -1;
		assigns[nassigns++] = value;
	}
	assigns[nassigns] = NULL;
	for (; i < c->nwords; i++) {
		argc = expand_fields(&s->words[c->first_word + i], argv, argc, MAX_WORDS);
		if (argc < 0)
			return -1;
	}
	argv[argc] = NULL;
	return argc;
}

/* Applies assignments: to the shell's variables, or (export) to the
 * environment of the program about to run. */
static int assign(char **assigns, int export)
{
	for (; *assigns; assigns++) {
		char *eq = strchr(*assigns, '=');

		*eq = '\0';
		int r = var_set(*assigns, eq + 1, export);

		*eq = '=';
		if (r < 0) {
			fprintf(stderr, "sh: cannot set %s\n", *assigns);
			return 1;
		}
	}
	return 0;
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

/* A here-document as a pipe holding its body (at most HEREDOC_SIZE bytes,
 * which a pipe holds without a reader). */
static int heredoc_fd(const struct script *s, const struct redir *r)
{
	const struct heredoc *h = &s->heredocs[r->body];
	const char *text = h->expand ? expand_text(h->text, h->len) : h->text;
	int fds[2];

	if (!text)
		return -1;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
		return -1;
	}
	size_t n = h->expand ? strlen(text) : (size_t)h->len;

	if (write(fds[1], text, n) != (ssize_t)n) {
		fprintf(stderr, "sh: here-document: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	close(fds[1]);
	return fds[0];
}

/* Applies one redirection; -1 after an error message. */
static int redirect(const struct script *s, const struct redir *r)
{
	int drop, fd;
	const char *target;

	if (r->kind == R_HEREDOC) {
		fd = heredoc_fd(s, r);
		if (fd < 0)
			return -1;
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
		return 0;
	}
	target = expand_word(&r->target, &drop);
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
		if (redirect(s, r) < 0)
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

static int run_pipeline(const struct script *s, const struct pipeline *p)
{
	char name[128] = "";
	char *argv[MAX_WORDS + 1], *assigns[MAX_WORDS + 1];
	pid_t pids[MAX_COMMANDS];
	int started = 0, in = -1;
	pid_t pgid = 0;

	expand_reset();
	if (p->ncommands == 1 && !p->background) {
		const struct command *c = &s->commands[p->first_command];

		if (expand_command(s, c, argv, assigns) < 0)
			return 1;
		if (!argv[0] && assigns[0] && c->nredirs == 0)
			return assign(assigns, 0);
		if (!argv[0] || find_builtin(argv[0]))
			return run_in_shell(s, c, argv);
	}
	for (int i = 0; i < p->ncommands; i++) {
		const struct command *c = &s->commands[p->first_command + i];
		int pipefd[2] = { -1, -1 };
		pid_t pid;

		expand_reset();
		if (expand_command(s, c, argv, assigns) < 0)
			break;
		if (i + 1 < p->ncommands && pipe2(pipefd, O_CLOEXEC) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		for (int k = 0; argv[k]; k++)
			snprintf(name + strlen(name), sizeof name - strlen(name), "%s%s", k ? " " : i ? " | " : "", argv[k]);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			job_child_setup(pgid, p->background);
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			} else if (p->background && !job_control) {
				/* POSIX: a background job without job control
				 * reads /dev/null, not the terminal. */
				int null = open("/dev/null", O_RDONLY);

				if (null > 0) {
					dup2(null, 0);
					close(null);
				}
			}
			if (pipefd[1] >= 0) {
				dup2(pipefd[1], 1);
				close(pipefd[0]);
				close(pipefd[1]);
			}
			if (apply_redirects(s, c, NULL) < 0)
				_exit(1);
			if (assign(assigns, 1) != 0)
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
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		} else {
			if (job_control) {
				if (!pgid)
					pgid = pid;
				setpgid(pid, pgid); /* as the child does: whoever runs first */
			}
			pids[started++] = pid;
		}
		if (in >= 0)
			close(in);
		close(pipefd[1]);
		in = pipefd[0];
		if (pid < 0)
			break;
	}
	if (in >= 0)
		close(in);
	if (started == 0)
		return 1;
	if (p->background)
		snprintf(name + strlen(name), sizeof name - strlen(name), " &");
	int id = job_add(pids, started, name, p->background);

	if (p->background)
		return 0;
	int status = job_wait(id);

	return started == p->ncommands ? status : 1;
}

int run_script(const struct script *s)
{
	for (int i = 0; i < s->npipelines; i++) {
		const struct pipeline *p = &s->pipelines[i];

		if ((p->after == C_AND && last_status != 0) || (p->after == C_OR && last_status == 0))
			continue;
		last_status = run_pipeline(s, p);
		if (expand_fatal) /* ${NAME:?}: the rest of the line is not run */
			break;
	}
	return last_status;
}
