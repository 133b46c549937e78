/* sh: a small interactive shell for the console. Reads a line, splits it
 * on blanks (with "double quotes"), runs built-ins (cd, pwd, exit, help) or
 * a program from /bin in a child, and reports how a program ended when it
 * was not a plain success. ^C goes to the running program, not the shell. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_LINE 1024
#define MAX_ARGS 32

extern char **environ;

/* Splits `line` in place; returns the number of words. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	while (*p && argc < MAX_ARGS - 1) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			argv[argc++] = ++p;
			while (*p && *p != '"')
				p++;
		} else {
			argv[argc++] = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
		}
		if (*p)
			*p++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/* Reads one line from fd 0; returns its length, 0 at end of input. */
static int read_line(char *buf, int size)
{
	int n = 0;

	while (n < size - 1) {
		char c;
		ssize_t r = read(0, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return n;
}

static void run(char **argv)
{
	char path[256];
	int status;
	pid_t pid;

	if (strchr(argv[0], '/'))
		snprintf(path, sizeof path, "%s", argv[0]);
	else
		snprintf(path, sizeof path, "/bin/%s", argv[0]);
	pid = fork();
	if (pid < 0) {
		printf("sh: fork: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execve(path, argv, environ);
		printf("sh: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* ^C already showed itself on the terminal; name other signals. */
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGINT)
		printf("%s\n", strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 0)
		printf("sh: %s exited with status %d\n", argv[0], WEXITSTATUS(status));
}

static void help(void)
{
	printf("built-ins: cd DIR, pwd, exit [N], help; anything else runs /bin/NAME.\n"
	       "programs: init hello args forktree segv preempt sleep clock memstress pipe files errno libc signals cat sh\n");
}

int main(void)
{
	char line[MAX_LINE];
	char *argv[MAX_ARGS];

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	for (;;) {
		char cwd[256];

		printf("jos:%s$ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
		fflush(stdout);
		if (read_line(line, sizeof line) == 0) {
			printf("\n");
			return 0;
		}
		if (split(line, argv) == 0)
			continue;
		if (strcmp(argv[0], "exit") == 0)
			return argv[1] ? atoi(argv[1]) : 0;
		if (strcmp(argv[0], "cd") == 0) {
			if (chdir(argv[1] ? argv[1] : "/") < 0)
				printf("sh: cd: %s\n", strerror(errno));
		} else if (strcmp(argv[0], "pwd") == 0) {
			printf("%s\n", getcwd(line, sizeof line) ? line : "?");
		} else if (strcmp(argv[0], "help") == 0) {
			help();
		} else {
			run(argv);
		}
	}
}
