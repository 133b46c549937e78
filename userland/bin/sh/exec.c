/* sh: simple commands. Words of the form NAME=VALUE before the command
 * name are assignments: alone they set shell variables; before a
 * function or a special built-in they stay set; before a program they
 * are its environment. Then the command is, in this order, a function,
 * a built-in (run in the shell itself, with its redirections undone
 * afterwards: cd must change the shell's directory), or a program from
 * PATH, run in a child: a job (jobs.c) the shell waits for. A child the
 * shell forked for one command of a pipeline execs the program itself.
 * Not found is status 127, found but not runnable 126, as POSIX says. */
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

pid_t last_background;
int substituted;

/* An assignment word: NAME=... with NAME unquoted. */
static int is_assignment(const struct word *w)
{
	const char *eq = memchr(w->text, '=', w->len);

	return eq && is_name(w->text, eq - w->text);
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

/* NAME=VALUE before a regular built-in or a function (temps_push). */
static int assign_temporary(char **assigns)
{
	for (; *assigns; assigns++) {
		char *eq = strchr(*assigns, '=');

		*eq = '\0';
		int r = var_temporary(*assigns, eq + 1);

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

/* A here-document as a pipe holding its body (<<- without its lines'
 * leading tabs). A body larger than a pipe holds is written by a child. */
static int heredoc_fd(const struct redir *r)
{
	char *stripped = NULL;
	const char *body = r->body;
	int len = r->body_len, fds[2];

	if (r->strip_tabs) {
		int n = 0;

		stripped = malloc(len + 1);
		if (!stripped)
			return -1;
		for (int i = 0; i < len; i++) {
			if (r->body[i] == '\t' && (i == 0 || r->body[i - 1] == '\n'))
				while (i < len && r->body[i] == '\t')
					i++;
			if (i < len)
				stripped[n++] = r->body[i];
		}
		body = stripped;
		len = n;
	}
	const char *text = r->expand ? expand_text(body, len) : body;
	size_t n = r->expand && text ? strlen(text) : (size_t)len;

	if (!text || pipe2(fds, O_CLOEXEC) < 0) {
		if (text)
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
		free(stripped);
		return -1;
	}
	if (n <= 4096) {
		if (write(fds[1], text, n) != (ssize_t)n)
			fprintf(stderr, "sh: here-document: %s\n", strerror(errno));
	} else {
		fflush(stdout);
		pid_t pid = fork();

		if (pid == 0) {
			close(fds[0]);
			_exit(write(fds[1], text, n) == (ssize_t)n ? 0 : 1);
		}
	}
	close(fds[1]);
	free(stripped);
	return fds[0];
}

/* Applies one redirection; -1 after an error message. */
static int redirect(const struct redir *r)
{
	int fd;
	const char *target;

	if (r->kind == R_HEREDOC) {
		fd = heredoc_fd(r);
		if (fd < 0)
			return -1;
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
		return 0;
	}
	target = expand_word(&r->target);
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
	else if (r->kind == R_RDWR)
		fd = open(target, O_RDWR | O_CREAT, 0644);
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

/* Applies a command's redirections; with save, the shell's own fds they
 * replace are kept first (saved[fd] a copy, or -1: fd was closed). */
int redirect_apply(struct redir *r, struct saved_fds *keep)
{
	for (; r; r = r->next) {
		if (keep && r->fd < 10 && !(keep->touched & (1u << r->fd))) {
			keep->touched |= 1u << r->fd;
			keep->saved[r->fd] = fcntl(r->fd, F_DUPFD_CLOEXEC, SAVE_FD_BASE);
		}
		if (redirect(r) < 0)
			return -1;
	}
	return 0;
}

void redirect_restore(struct saved_fds *keep)
{
	fflush(stdout);
	for (int fd = 0; fd < 10; fd++) {
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
void exec_program(char **argv)
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

/* The command's words into argv and its leading assignments into
 * assigns ("NAME=VALUE"); the number of arguments, or -1. */
static int expand_command(struct node *n, char **argv, char **assigns)
{
	int argc = 0, nassigns = 0, i = 0;

	for (; i < n->nwords && is_assignment(&n->words[i]); i++) {
		char *value = expand_word(&n->words[i]);

		if (!value)
			return -1;
		assigns[nassigns++] = value;
	}
	assigns[nassigns] = NULL;
	for (; i < n->nwords; i++) {
		argc = expand_fields(&n->words[i], argv, argc, MAX_WORDS);
		if (argc < 0)
			return -1;
	}
	argv[argc] = NULL;
	return argc;
}

/* A function call: $1.. are its arguments, `local` and `return` work. */
static int call_function(struct node *body, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	positional_push(argc - 1, argv + 1);
	locals_push();
	function_depth++;
	eval(body);
	function_depth--;
	if (jump == J_RETURN)
		jump = J_NONE;
	locals_pop();
	positional_pop();
	return last_status;
}

/* A built-in or a function (or no command, only redirections) in the
 * shell, its redirections undone afterwards. */
static int run_in_shell(struct node *n, char **argv, struct node *function)
{
	struct saved_fds keep = { .touched = 0 };
	int status = 1;

	fflush(stdout);
	if (redirect_apply(n->redirs, &keep) == 0) {
		if (function)
			status = call_function(function, argv);
		else
			status = argv[0] ? find_builtin(argv[0])(argv) : substituted ? last_status : 0;
	}
	fflush(stdout);
	redirect_restore(&keep);
	return status;
}

static int simple(struct node *n, int exec_directly, char **argv, char **assigns)
{
	expand_reset();
	substituted = 0;
	if (expand_command(n, argv, assigns) < 0)
		return expand_fatal ? 2 : 1;
	if (opt_xtrace)
		xtrace(assigns, argv);
	if (!argv[0] && assigns[0] && !n->redirs) {
		int r = assign(assigns, 0);

		return r ? r : substituted ? last_status : 0;
	}
	struct node *function = argv[0] ? function_find(argv[0]) : NULL;

	if (argv[0] && !argv[1] && !function && strcmp(argv[0], "exec") == 0) {
		/* exec with only redirections: they stay. */
		fflush(stdout);
		return redirect_apply(n->redirs, NULL) < 0 ? 1 : 0;
	}
	if (!argv[0] || is_special_builtin(argv[0]) || (!function && find_builtin(argv[0]) && !assigns[0])) {
		if (assign(assigns, 0))
			return 1;
		return run_in_shell(n, argv, function);
	}
	if (function || find_builtin(argv[0])) {
		/* A regular built-in or a function: the assignments are its
		 * environment only, undone when it returns. */
		temps_push();
		int status = assign_temporary(assigns) ? 1 : run_in_shell(n, argv, function);

		temps_pop();
		return status;
	}
	if (exec_directly) {
		if (redirect_apply(n->redirs, NULL) < 0 || assign(assigns, 1))
			_exit(1);
		exec_program(argv);
	}
	char name[128];

	snprintf(name, sizeof name, "%.*s", n->src_len, n->src);
	for (char *c = name; *c; c++)
		if (*c == '\n')
			*c = ' ';
	pid_t pid = fork_child(0, 0);

	if (pid == 0) {
		if (redirect_apply(n->redirs, NULL) < 0 || assign(assigns, 1))
			_exit(1);
		exec_program(argv);
	}
	if (pid < 0)
		return 1;
	return job_wait(job_add(&pid, 1, name, 0));
}

/* The argument arrays are on the heap: a function calling itself nests
 * run_simple, and they are large. */
int run_simple(struct node *n, int exec_directly)
{
	char **argv = malloc((MAX_WORDS + 1) * sizeof *argv), **assigns = malloc((MAX_WORDS + 1) * sizeof *assigns);
	int status = 1;

	if (argv && assigns)
		status = simple(n, exec_directly, argv, assigns);
	else
		fprintf(stderr, "sh: out of memory\n");
	free(argv);
	free(assigns);
	return status;
}
