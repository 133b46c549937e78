/* sh: the built-in commands. cd, pwd and exit must run in the shell
 * itself; echo, true and false are here because /bin has no such
 * programs and scripts need them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int builtin_cd(char **argv)
{
	const char *dir = argv[1] ? argv[1] : getenv("HOME");

	if (chdir(dir ? dir : "/") < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir ? dir : "/", strerror(errno));
		return 1;
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

/* echo [-n] WORDS: the words, separated by blanks. */
static int builtin_echo(char **argv)
{
	int newline = 1, i = 1;

	if (argv[1] && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (int first = i; argv[i]; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		printf("\n");
	return 0;
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

/* fg: continues the job ^Z stopped and waits for it (exec.c). */
static int builtin_fg(char **argv)
{
	(void)argv;
	return resume_stopped_job();
}

static int builtin_help(char **argv)
{
	DIR *bin = opendir("/bin");
	struct dirent *e;

	(void)argv;
	printf("built-ins: cd [DIR], pwd, exit [N], echo [-n] WORDS, true, false, fg, help\n"
	       "syntax: a | b, a; b, a && b, a || b, < FILE, > FILE, >> FILE, 2> FILE, 2>&1,\n"
	       "        '...', \"...\", \\c, $?, $$, $NAME, # comment\n");
	if (bin) {
		printf("programs in /bin:");
		while ((e = readdir(bin)) != NULL)
			if (e->d_name[0] != '.')
				printf(" %s", e->d_name);
		printf("\n");
		closedir(bin);
	}
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ "cd", builtin_cd }, { "pwd", builtin_pwd }, { "exit", builtin_exit },
	{ "echo", builtin_echo }, { "true", builtin_true }, { "false", builtin_false },
	{ "fg", builtin_fg }, { "help", builtin_help },
};

builtin_fn find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strcmp(name, builtins[i].name) == 0)
			return builtins[i].fn;
	return NULL;
}
