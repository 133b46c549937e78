/* sh: the built-in commands. cd, pwd, exit, export, unset, shift, read,
 * eval, ., exec, break, continue, return, local and the job commands must
 * run in the shell itself; true, false and : are built in for speed.
 * echo is /bin/echo (one implementation of its options). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

/* cd [DIR | -]: DIR, $HOME, or with "-" $OLDPWD (printed); PWD and
 * OLDPWD follow. */
static int builtin_cd(char **argv)
{
	char old[256], now[256];
	const char *dir = argv[1] ? argv[1] : var_get("HOME");
	int dash = argv[1] && strcmp(argv[1], "-") == 0;

	if (dash) {
		dir = var_get("OLDPWD");
		if (!dir) {
			fprintf(stderr, "sh: cd: OLDPWD not set\n");
			return 1;
		}
	}
	if (!getcwd(old, sizeof old))
		old[0] = '\0';
	if (chdir(dir ? dir : "/") < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir ? dir : "/", strerror(errno));
		return 1;
	}
	if (old[0])
		var_set("OLDPWD", old, 1);
	if (getcwd(now, sizeof now)) {
		var_set("PWD", now, 1);
		if (dash)
			printf("%s\n", now);
	}
	return 0;
}

static int builtin_pwd(char **argv)
{
	char cwd[256];

	(void)argv;
	if (!getcwd(cwd, sizeof cwd)) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/* exit [N]: N, or the status of the last command (POSIX). */
static int builtin_exit(char **argv)
{
	int code = last_status;

	if (argv[1]) {
		char *end;
		long n = strtol(argv[1], &end, 10);

		if (!*argv[1] || *end) {
			fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
			return 2;
		}
		code = (int)(n & 0xff);
	}
	sh_exit(code);
}

static int builtin_true(char **argv)
{
	(void)argv;
	return 0;
}

static int builtin_false(char **argv)
{
	(void)argv;
	return 1;
}

static int builtin_fg(char **argv)
{
	return job_foreground(argv[1]);
}

static int builtin_bg(char **argv)
{
	return job_background(argv[1]);
}

static int builtin_jobs(char **argv)
{
	(void)argv;
	return jobs_list();
}

/* wait [PID|%N]...: each job (the one PID is in), its status (the last
 * one's; 127 for one that is no child of the shell); alone, all of
 * them, 0. */
static int builtin_wait(char **argv)
{
	int status = 0;

	if (!argv[1])
		return jobs_wait_all();
	for (int i = 1; argv[i]; i++)
		status = job_wait_for(argv[i]);
	return status;
}

static int builtin_history(char **argv)
{
	(void)argv;
	return history_print();
}

/* export [NAME[=VALUE]]...: into the environment; alone, lists it. */
static int builtin_export(char **argv)
{
	int status = 0;

	if (!argv[1]) {
		for (char **e = environ; *e; e++)
			printf("export %s\n", *e);
		return 0;
	}
	for (int i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], n)) {
			fprintf(stderr, "sh: export: '%s': not a valid name\n", argv[i]);
			status = 1;
			continue;
		}
		if (eq) {
			*eq = '\0';
			status |= var_set(argv[i], eq + 1, 1) < 0;
			*eq = '=';
		} else {
			status |= var_export(argv[i]) < 0;
		}
	}
	return status;
}

/* unset [-v] NAME..., unset -f NAME...: variables, or functions. */
static int builtin_unset(char **argv)
{
	int i = 1, functions = 0;

	if (argv[i] && (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "-v") == 0))
		functions = argv[i++][1] == 'f';
	for (; argv[i]; i++) {
		if (functions)
			function_unset(argv[i]);
		else
			var_unset(argv[i]);
	}
	return 0;
}

/* The count a loop or function built-in takes: N >= 1 (default 1). */
static int count_argument(char **argv, const char *who, int *n)
{
	char *end;

	*n = 1;
	if (!argv[1])
		return 0;
	long v = strtol(argv[1], &end, 10);

	if (*end || end == argv[1] || v < 1) {
		fprintf(stderr, "sh: %s: %s: bad number\n", who, argv[1]);
		return -1;
	}
	*n = (int)v;
	return 0;
}

/* break [N], continue [N]: leave (restart) the N innermost loops;
 * outside a loop they do nothing. */
static int loop_control(char **argv, enum jump kind)
{
	int n;

	if (count_argument(argv, kind == J_BREAK ? "break" : "continue", &n) < 0)
		return 1;
	if (loop_depth == 0)
		return 0;
	jump = kind;
	jump_count = n < loop_depth ? n : loop_depth;
	return 0;
}

static int builtin_break(char **argv)
{
	return loop_control(argv, J_BREAK);
}

static int builtin_continue(char **argv)
{
	return loop_control(argv, J_CONTINUE);
}

/* return [N]: leaves the function with status N (default: the last). */
static int builtin_return(char **argv)
{
	int status = last_status;

	if (argv[1]) {
		char *end;
		long v = strtol(argv[1], &end, 10);

		if (*end || end == argv[1]) {
			fprintf(stderr, "sh: return: %s: bad number\n", argv[1]);
			return 2;
		}
		status = (int)(v & 0xff);
	}
	if (function_depth == 0) {
		fprintf(stderr, "sh: return: not in a function\n");
		return 1;
	}
	jump = J_RETURN;
	return status;
}

/* local NAME[=VALUE]...: NAME's value is restored when the function
 * returns. */
static int builtin_local(char **argv)
{
	int status = 0;

	for (int i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		char name[128];

		if (!is_name(argv[i], n) || n >= sizeof name) {
			fprintf(stderr, "sh: local: '%s': not a valid name\n", argv[i]);
			status = 1;
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)n, argv[i]);
		if (var_local(name) < 0)
			return 1;
		if (eq)
			var_set(name, eq + 1, 0);
	}
	return status;
}

/* read [-r] NAME...: a line of standard input (a byte at a time, so the
 * rest stays for the next reader), split on IFS: one field per NAME, the
 * last NAME gets the rest. Without -r a backslash escapes the next
 * character and joins lines. Status 1 at end of input. */
static int builtin_read(char **argv)
{
	int raw = 0, i = 1, eof = 0;
	char line[SH_MAX_LINE];
	unsigned char escaped[SH_MAX_LINE];
	size_t n = 0;

	if (argv[i] && strcmp(argv[i], "-r") == 0) {
		raw = 1;
		i++;
	}
	if (!argv[i]) {
		fprintf(stderr, "sh: read: a variable name is needed\n");
		return 2;
	}
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			eof = 1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\\' && !raw) {
			while ((r = read(0, &c, 1)) < 0 && errno == EINTR)
				;
			if (r <= 0) {
				eof = 1;
				break;
			}
			if (c == '\n')
				continue;
			if (n < sizeof line - 1) {
				escaped[n] = 1;
				line[n++] = c;
			}
			continue;
		}
		if (n < sizeof line - 1) {
			escaped[n] = 0;
			line[n++] = c;
		}
	}
	line[n] = '\0';
	const char *ifs = var_get("IFS");

	if (!ifs)
		ifs = " \t\n";
#define IS_IFS(k) (!escaped[k] && line[k] && strchr(ifs, line[k]))
#define IS_BLANK(k) (IS_IFS(k) && strchr(" \t\n", line[k]))
	size_t p = 0;

	while (p < n && IS_BLANK(p))
		p++;
	for (; argv[i]; i++) {
		size_t start = p, end;

		if (!argv[i + 1]) {
			/* The last name: the rest, without trailing IFS blanks. */
			end = n;
			while (end > start && IS_BLANK(end - 1))
				end--;
			p = n;
		} else {
			while (p < n && !IS_IFS(p))
				p++;
			end = p;
			/* The delimiter: blanks around at most one other. */
			while (p < n && IS_BLANK(p))
				p++;
			if (p < n && IS_IFS(p) && !IS_BLANK(p)) {
				p++;
				while (p < n && IS_BLANK(p))
					p++;
			}
		}
		char value[SH_MAX_LINE];

		snprintf(value, sizeof value, "%.*s", (int)(end - start), line + start);
		if (!is_name(argv[i], strlen(argv[i]))) {
			fprintf(stderr, "sh: read: '%s': not a valid name\n", argv[i]);
			return 2;
		}
		var_set(argv[i], value, 0);
	}
#undef IS_IFS
#undef IS_BLANK
	return eof && n == 0 ? 1 : eof;
}

/* eval ARGS...: the arguments joined by blanks, run as a command. */
static int builtin_eval(char **argv)
{
	size_t len = 0;
	char *text;

	for (int i = 1; argv[i]; i++)
		len += strlen(argv[i]) + 1;
	text = malloc(len + 2);
	if (!text)
		return 1;
	text[0] = '\0';
	for (int i = 1; argv[i]; i++) {
		strcat(text, argv[i]);
		strcat(text, argv[i + 1] ? " " : "");
	}
	strcat(text, "\n");
	int status = eval_text(text, strlen(text));

	free(text);
	return status;
}

/* . FILE: the file's commands in this shell. */
static int builtin_dot(char **argv)
{
	if (!argv[1]) {
		fprintf(stderr, "sh: .: a file name is needed\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");

	if (!f) {
		fprintf(stderr, "sh: .: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	size_t len = 0, cap = 4096;
	char *text = malloc(cap);
	size_t r;

	while (text && (r = fread(text + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (len + 1 == cap) {
			char *bigger = realloc(text, cap * 2);

			if (!bigger) {
				free(text);
				text = NULL;
			}
			text = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	if (!text) {
		fprintf(stderr, "sh: .: out of memory\n");
		return 2;
	}
	text[len] = '\0';
	int status = eval_text(text, len);

	free(text);
	return status;
}

static int builtin_colon(char **argv)
{
	(void)argv;
	return 0;
}

/* exec [COMMAND [ARGS]]: the shell becomes COMMAND; without one its
 * redirections stay (run_simple applied them; they are kept). */
static int builtin_exec(char **argv)
{
	if (!argv[1])
		return 0;
	fflush(stdout);
	exec_program(argv + 1);
	return 127;
}

/* shift [N]: drops the first N positional parameters (default 1). */
static int builtin_shift(char **argv)
{
	int n = argv[1] ? atoi(argv[1]) : 1;

	if (n < 0 || positional_shift(n) < 0) {
		fprintf(stderr, "sh: shift: can't shift that many\n");
		return 1;
	}
	return 0;
}

static void list_directory(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[256];
	int n = 0;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n < 256)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	/* Sorted, wrapped at 78 columns. */
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *t = names[k];

			names[k] = names[k - 1];
			names[k - 1] = t;
		}
	printf("%s:\n", dir);
	for (int i = 0, col = 0; i < n; i++) {
		int w = (int)strlen(names[i]) + 1;

		if (col + w > 78) {
			printf("\n");
			col = 0;
		}
		printf(" %s", names[i]);
		col += w;
		free(names[i]);
	}
	printf("\n");
}

/* Whether a stopped job is continued after receiving the signal `name`
 * (-NAME, -N, or NULL for TERM): not after KILL, CONT or a stop signal. */
static int continues_after(const char *name)
{
	static const char *const keep[] = { "KILL", "9", "CONT", "18", "STOP", "19", "TSTP", "20", "TTIN", "21", "TTOU", "22", NULL };

	if (!name)
		return 1;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int i = 0; keep[i]; i++)
		if (strcasecmp(name, keep[i]) == 0)
			return 0;
	return 1;
}

/* kill [-SIGNAL | -s SIGNAL] PID|%N...: /bin/kill, with each job %N
 * replaced by its process group (or its processes without job control);
 * a stopped job is continued too, so that the signal acts. */
static int builtin_kill(char **argv)
{
	static char numbers[MAX_WORDS][16];
	char *args[MAX_WORDS + 4];
	const char *signal_name = NULL;
	int n = 0, i = 1, used = 0;

	args[n++] = "kill";
	if (argv[i] && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0)) {
		for (; argv[i] && n < MAX_WORDS; i++)
			args[n++] = argv[i];
	} else {
		if (argv[i] && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0) && argv[i + 1]) {
			args[n++] = argv[i++];
			signal_name = argv[i];
			args[n++] = argv[i++];
		} else if (argv[i] && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
			signal_name = argv[i] + 1;
			args[n++] = argv[i++];
		}
		if (argv[i] && strcmp(argv[i], "--") == 0)
			i++;
		args[n++] = "--";
		for (; argv[i] && n < MAX_WORDS; i++) {
			if (argv[i][0] != '%') {
				args[n++] = argv[i];
				continue;
			}
			int got = job_targets(argv[i], numbers + used, MAX_WORDS - used);

			if (got < 0)
				return 1;
			for (int k = 0; k < got && n < MAX_WORDS; k++)
				args[n++] = numbers[used++];
		}
	}
	args[n] = NULL;
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		execvp("kill", args);
		fprintf(stderr, "sh: kill: %s\n", strerror(errno));
		_exit(127);
	}
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		fprintf(stderr, "sh: kill: %s\n", strerror(errno));
		return 1;
	}
	if (status == 0 && continues_after(signal_name))
		for (int k = 1; argv[k]; k++)
			if (argv[k][0] == '%')
				job_continue_stopped(argv[k]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* set [-eux] [+eux] [-o NAME] [--] [ARGS]: options (options.c), then
 * the positional parameters become ARGS when there are any or after --;
 * alone, lists the variables. */
static int builtin_set(char **argv)
{
	int used = 0;

	if (!argv[1])
		return vars_list();
	if (options_apply(argv + 1, &used) < 0)
		return 2;
	int i = 1 + used;

	if (!argv[i] && !(used > 0 && strcmp(argv[used], "--") == 0))
		return 0;
	int n = 0;

	while (argv[i + n])
		n++;
	positional_set(NULL, n, argv + i); /* copies them */
	return 0;
}

static int builtin_help(char **argv)
{
	(void)argv;
	printf("built-ins: cd [DIR|-], pwd, exit [N], true, false, :, export NAME[=V],\n"
	       "           unset [-f] NAME, shift [N], set [-eux] [--] ARGS, read [-r] NAME..., eval,\n"
	       "           . FILE, exec, break [N], continue [N], return [N], local NAME[=V], history,\n"
	       "           jobs, fg [%%N], bg [%%N], wait [PID|%%N], kill [-SIG] PID|%%N, trap [ACTION SIG...],\n"
	       "           alias [NAME[=VALUE]], unalias [-a] NAME, help\n"
	       "syntax: a | b, a; b, a && b, a || b, ! a, a &, ( list ), { list; }, < FILE, > FILE,\n"
	       "        >> FILE, 2> FILE, 2>&1, <<WORD <<-WORD (here-documents), '...', \"...\", \\c,\n"
	       "        $?, $$, $!, $NAME, ${NAME}, ${NAME:-W} ${NAME:=W} ${NAME:+W} ${NAME:?W},\n"
	       "        ${#NAME} ${NAME#P} ${NAME%%P}, $0..$9, $#, $@, $*, $(cmd), `cmd`, $((1+2)),\n"
	       "        NAME=VALUE, * ? [...] (patterns), ~, # comment, IFS field splitting,\n"
	       "        if ...; then ...; elif ...; else ...; fi, while/until ...; do ...; done,\n"
	       "        for NAME in WORDS; do ...; done, case WORD in P|P) ...;; esac, NAME() { ...; }\n"
	       "keys: left/right, Home/End, ^A ^E ^K ^U ^W ^L, up/down (history), Tab (completion)\n");
	list_directory("/bin");
	list_directory("/usr/libexec/jos-tests");
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ "cd", builtin_cd }, { "pwd", builtin_pwd }, { "exit", builtin_exit },
	{ "true", builtin_true }, { "false", builtin_false },
	{ "fg", builtin_fg }, { "bg", builtin_bg }, { "jobs", builtin_jobs },
	{ "wait", builtin_wait }, { "history", builtin_history },
	{ "export", builtin_export }, { "unset", builtin_unset },
	{ "shift", builtin_shift }, { "help", builtin_help },
	{ "kill", builtin_kill }, { "set", builtin_set },
	{ ":", builtin_colon }, { "break", builtin_break }, { "continue", builtin_continue },
	{ "return", builtin_return }, { "local", builtin_local }, { "read", builtin_read },
	{ "eval", builtin_eval }, { ".", builtin_dot }, { "exec", builtin_exec },
	{ "trap", builtin_trap }, { "alias", builtin_alias }, { "unalias", builtin_unalias },
};

int is_special_builtin(const char *name)
{
	static const char *const special[] = { ":", ".", "break", "continue", "eval", "exec", "exit", "export", "return", "set", "shift", "trap", "unset", NULL };

	for (int i = 0; special[i]; i++)
		if (strcmp(name, special[i]) == 0)
			return 1;
	return 0;
}

void builtin_names(const char *prefix, void (*add)(const char *, int))
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strncmp(builtins[i].name, prefix, strlen(prefix)) == 0)
			add(builtins[i].name, 0);
}

builtin_fn find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strcmp(name, builtins[i].name) == 0)
			return builtins[i].fn;
	return NULL;
}
