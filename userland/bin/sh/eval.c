/* sh: running the parse tree. A list runs its items in turn; && and ||
 * on the status; a pipeline of several commands forks one child per
 * command, joined by pipes, and waits for them as one job (jobs.c); a
 * single command runs in the shell (a simple command forks only for a
 * program). `( list )` runs in a forked child, `{ list; }` in the shell;
 * if, while, until, for and case as POSIX says; `NAME () compound`
 * defines a function. break [N] and continue [N] leave or restart the
 * N innermost loops, return [N] the function: `jump` carries them out
 * through the lists they are in. Redirections after a compound command
 * apply to all of it. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

int last_status;
int interrupted;
enum jump jump;
int jump_count;
int loop_depth, function_depth;

/* Stop running a list: an interrupt, ${V:?}, or a jump under way. */
static int stopping(void)
{
	return jump != J_NONE || interrupted || expand_fatal;
}

pid_t fork_child(int background, pid_t pgid)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		job_child_setup(pgid, background);
		if (background && !job_control) {
			/* POSIX: a background job without job control reads
			 * /dev/null, not the terminal. */
			int null = open("/dev/null", O_RDONLY);

			if (null > 0) {
				dup2(null, 0);
				close(null);
			}
		}
		traps_in_child();
		/* Commands inside the child are not jobs of their own. */
		job_control = 0;
		loop_depth = 0;
		return 0;
	}
	if (job_control)
		setpgid(pid, pgid ? pgid : pid); /* as the child does: whoever runs first */
	return pid;
}

static void job_name(const struct node *n, char *name, size_t size)
{
	snprintf(name, size, "%.*s", n->src_len, n->src);
	for (char *c = name; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
}

/* A child's part in a pipeline: one simple command execs, anything else
 * runs and exits with its status. */
static void run_child(struct node *n)
{
	if (n->kind == N_SIMPLE)
		sh_exit(run_simple(n, 1));
	eval(n);
	sh_exit(last_status);
}

static int run_pipeline(struct node *p, int background)
{
	pid_t pids[MAX_COMMANDS], pgid = 0;
	int started = 0, count = 0, in = -1;
	char name[128];

	for (struct node *c = p->left; c; c = c->next)
		count++;
	if (count > MAX_COMMANDS) {
		fprintf(stderr, "sh: pipeline too long\n");
		return 1;
	}
	for (struct node *c = p->left; c; c = c->next) {
		int pipefd[2] = { -1, -1 };

		if (c->next && pipe2(pipefd, O_CLOEXEC) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		pid_t pid = fork_child(background, pgid);

		if (pid == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (pipefd[1] >= 0) {
				dup2(pipefd[1], 1);
				close(pipefd[0]);
				close(pipefd[1]);
			}
			run_child(c);
		}
		if (pid > 0) {
			if (!pgid)
				pgid = pid;
			pids[started++] = pid;
		}
		if (in >= 0)
			close(in);
		if (pipefd[1] >= 0)
			close(pipefd[1]);
		in = pipefd[0];
		if (pid < 0)
			break;
	}
	if (in >= 0)
		close(in);
	if (started == 0)
		return 1;
	job_name(p, name, sizeof name - 2);
	if (background)
		strcat(name, " &");
	int id = job_add(pids, started, name, background);

	if (background) {
		last_background = pids[started - 1];
		return 0;
	}
	int status = job_wait(id);

	return started == count ? status : 1;
}

/* `cmd &` for anything but a plain pipeline: a subshell in the background. */
static int run_background(struct node *n)
{
	if (n->kind == N_PIPELINE && !n->bang)
		return run_pipeline(n, 1);
	pid_t pid = fork_child(1, 0);
	char name[128];

	if (pid == 0)
		run_child(n);
	if (pid < 0)
		return 1;
	job_name(n, name, sizeof name - 2);
	strcat(name, " &");
	job_add(&pid, 1, name, 1);
	last_background = pid;
	return 0;
}

static int subshell(struct node *n)
{
	pid_t pid = fork_child(0, 0);
	char name[128];

	if (pid == 0) {
		if (redirect_apply(n->redirs, NULL) < 0)
			sh_exit(1);
		eval(n->left);
		sh_exit(last_status);
	}
	if (pid < 0)
		return 1;
	job_name(n, name, sizeof name);
	return job_wait(job_add(&pid, 1, name, 0));
}

/* After a loop's body: 1 to leave the loop. */
static int loop_jump(void)
{
	if (jump == J_BREAK || jump == J_CONTINUE) {
		if (--jump_count > 0)
			return 1; /* an outer loop's: leave this one */
		int leave = jump == J_BREAK;

		jump = J_NONE;
		return leave;
	}
	return jump != J_NONE || interrupted || expand_fatal;
}

static int while_loop(struct node *n)
{
	int status = 0;

	loop_depth++;
	for (;;) {
		errexit_suppressed++;
		eval(n->left);
		errexit_suppressed--;
		if (jump != J_NONE) {
			if (loop_jump())
				break;
			continue;
		}
		if (interrupted || expand_fatal || (last_status == 0) != (n->kind == N_WHILE))
			break;
		eval(n->right);
		status = last_status;
		if (loop_jump())
			break;
	}
	loop_depth--;
	return status;
}

static int for_loop(struct node *n)
{
	char **argv = malloc((MAX_WORDS + 1) * sizeof *argv);
	char **values;
	int count = 0, status = 0;

	if (!argv) {
		fprintf(stderr, "sh: out of memory\n");
		return 1;
	}
	if (n->has_in) {
		expand_reset();
		for (int i = 0; i < n->nwords && count >= 0; i++)
			count = expand_fields(&n->words[i], argv, count, MAX_WORDS);
		if (count < 0) {
			free(argv);
			return 1;
		}
	} else {
		for (int i = 1; i <= positional_count() && count < MAX_WORDS; i++)
			argv[count++] = (char *)positional_get(i);
	}
	/* The values outlive the expansions the body makes. */
	values = calloc(count + 1, sizeof *values);
	for (int i = 0; values && i < count; i++)
		values[i] = strdup(argv[i]);
	free(argv);
	if (!values) {
		fprintf(stderr, "sh: out of memory\n");
		return 1;
	}
	loop_depth++;
	for (int i = 0; i < count; i++) {
		if (var_set(n->name, values[i] ? values[i] : "", 0) < 0)
			break;
		eval(n->right);
		status = last_status;
		if (loop_jump())
			break;
	}
	loop_depth--;
	for (int i = 0; i < count; i++)
		free(values[i]);
	free(values);
	return status;
}

static int case_command(struct node *n)
{
	char *subject;

	expand_reset();
	subject = expand_word(&n->words[0]);
	if (!subject)
		return 1;
	subject = strdup(subject);
	if (!subject)
		return 1;
	for (struct case_item *item = n->items; item; item = item->next) {
		for (int i = 0; i < item->npatterns; i++) {
			expand_reset();
			char *pattern = expand_pattern(&item->patterns[i]);

			if (pattern && fnmatch(pattern, subject, 0) == 0) {
				free(subject);
				if (!item->body)
					return 0;
				eval(item->body);
				return last_status;
			}
		}
	}
	free(subject);
	return 0;
}

/* The node's own work; its status. */
static int run(struct node *n)
{
	switch (n->kind) {
	case N_SIMPLE:
		return run_simple(n, 0);
	case N_PIPELINE: {
		errexit_suppressed += n->bang;
		int status = n->left->next ? run_pipeline(n, 0) : eval(n->left);

		errexit_suppressed -= n->bang;
		return n->bang ? !status : status;
	}
	case N_AND:
	case N_OR:
		errexit_suppressed++;
		eval(n->left);
		errexit_suppressed--;
		if (stopping() || (last_status == 0) != (n->kind == N_AND))
			return last_status;
		eval(n->right);
		return last_status;
	case N_LIST:
		for (struct node *item = n->left; item && !stopping(); item = item->next)
			eval(item);
		return last_status;
	case N_BACKGROUND:
		return run_background(n->left);
	case N_SUBSHELL:
		return subshell(n);
	case N_GROUP:
		eval(n->left);
		return last_status;
	case N_IF:
		errexit_suppressed++;
		eval(n->left);
		errexit_suppressed--;
		if (stopping())
			return last_status;
		if (last_status == 0) {
			eval(n->right);
			return last_status;
		}
		if (n->other) {
			eval(n->other);
			return last_status;
		}
		return 0;
	case N_WHILE:
	case N_UNTIL:
		return while_loop(n);
	case N_FOR:
		return for_loop(n);
	case N_CASE:
		return case_command(n);
	case N_FUNCTION:
		function_define(n->name, n->left, n->pool);
		return 0;
	}
	return 0;
}

int eval(struct node *n)
{
	struct saved_fds keep = { .touched = 0 };
	int redirected = n->redirs && n->kind != N_SIMPLE && n->kind != N_SUBSHELL;

	if (redirected) {
		fflush(stdout);
		if (redirect_apply(n->redirs, &keep) < 0) {
			redirect_restore(&keep);
			return last_status = 1;
		}
	}
	last_status = run(n);
	if (redirected) {
		fflush(stdout);
		redirect_restore(&keep);
	}
	traps_run();
	if (opt_errexit && !errexit_suppressed && last_status != 0 && jump == J_NONE &&
	    (n->kind == N_SIMPLE || (n->kind == N_PIPELINE && !n->bang) || n->kind == N_SUBSHELL))
		sh_exit(last_status);
	return last_status;
}

/* A function defined by the text keeps the pool its body lives in. */
void adopt_functions(struct node *n, struct pool *pool)
{
	for (; n; n = n->next) {
		if (n->kind == N_FUNCTION)
			n->pool = pool;
		adopt_functions(n->left, pool);
		adopt_functions(n->right, pool);
		adopt_functions(n->other, pool);
		for (struct case_item *item = n->items; item; item = item->next)
			adopt_functions(item->body, pool);
	}
}

int eval_text(const char *text, size_t len)
{
	struct node *tree;
	struct pool *pool;
	int r = parse(text, len, &tree, &pool);

	if (r == PARSE_INCOMPLETE) {
		fprintf(stderr, "sh: syntax error: unexpected end of input\n");
		return last_status = 2;
	}
	if (r != PARSE_OK)
		return last_status = 2;
	if (tree) {
		adopt_functions(tree, pool);
		eval(tree);
	}
	pool_release(pool);
	return last_status;
}
