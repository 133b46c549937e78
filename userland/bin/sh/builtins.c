/* sh: the built-in commands. cd, pwd, exit, export, unset, shift and the
 * job commands must run in the shell itself; true and false are built in
 * for speed. echo is /bin/echo (one implementation of its options). */
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
	fflush(stdout);
	exit(code);
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

static int builtin_wait(char **argv)
{
	(void)argv;
	return jobs_wait_all();
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

static int builtin_unset(char **argv)
{
	for (int i = 1; argv[i]; i++)
		var_unset(argv[i]);
	return 0;
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

/* kill [-SIGNAL | -s SIGNAL] PID|%N...: /bin/kill, with each job %N
 * replaced by its process group (or its processes without job control). */
static int builtin_kill(char **argv)
{
	static char numbers[MAX_WORDS][16];
	char *args[MAX_WORDS + 4];
	int n = 0, i = 1, used = 0;

	args[n++] = "kill";
	if (argv[i] && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0)) {
		for (; argv[i] && n < MAX_WORDS; i++)
			args[n++] = argv[i];
	} else {
		if (argv[i] && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0) && argv[i + 1]) {
			args[n++] = argv[i++];
			args[n++] = argv[i++];
		} else if (argv[i] && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
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
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* set -- ARGS (or set ARGS): the positional parameters become ARGS. */
static int builtin_set(char **argv)
{
	int i = 1;

	if (!argv[1]) {
		fprintf(stderr, "sh: set: only 'set [--] ARGS' (the positional parameters)\n");
		return 2;
	}
	if (strcmp(argv[1], "--") == 0)
		i++;
	/* argv lives until the next expansion: the parameters are copies. */
	static char *copies[MAX_WORDS + 1];
	static int ncopies;
	int n = 0;

	for (int k = 0; k < ncopies; k++)
		free(copies[k]);
	for (; argv[i + n] && n < MAX_WORDS; n++)
		copies[n] = strdup(argv[i + n]);
	ncopies = n;
	positional_set(positional_get(0), n, copies);
	return 0;
}

static int builtin_help(char **argv)
{
	(void)argv;
	printf("built-ins: cd [DIR|-], pwd, exit [N], true, false, export NAME[=V],\n"
	       "           unset NAME, shift [N], set -- ARGS, history, jobs, fg [%%N], bg [%%N],\n"
	       "           wait, kill [-SIG] PID|%%N, help\n"
	       "syntax: a | b, a; b, a && b, a || b, a &, < FILE, > FILE, >> FILE, 2> FILE, 2>&1,\n"
	       "        <<WORD (here-document), '...', \"...\", \\c, $?, $$, $NAME, ${NAME},\n"
	       "        ${NAME:-W} ${NAME:=W} ${NAME:+W} ${NAME:?W} ${#NAME} ${NAME#P} ${NAME%%P},\n"
	       "        $0..$9, $#, $@, $*, NAME=VALUE, * ? [...] (patterns), # comment,\n"
	       "        if ...; then ...; elif ...; else ...; fi, while/until ...; do ...; done,\n"
	       "        for NAME in WORDS; do ...; done\n"
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
};

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
