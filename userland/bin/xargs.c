/* xargs [-n N] [-0] [COMMAND [ARG]...]: runs COMMAND (default echo) with
 * the ARGs and then the words read from stdin, as many per run as -n
 * allows (default: all, within a 64 KiB line). Words are separated by
 * blanks and newlines, with '...' "..." and \ quoting as POSIX xargs
 * (with -0: by NUL bytes, no quoting). Status 123 if a run failed, 127
 * if COMMAND was not found, 126 if it could not run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_ARGS 4096
#define MAX_BYTES 65536

static char *argv_run[MAX_ARGS + 1];
static int fixed;

static int run(int n)
{
	int status;
	pid_t pid;

	argv_run[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("xargs: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv_run[0], argv_run);
		fprintf(stderr, "xargs: %s: %s\n", argv_run[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126))
		exit(WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "xargs: %s: terminated by signal %d\n", argv_run[0], WTERMSIG(status));
		exit(125);
	}
	return WEXITSTATUS(status) != 0;
}

/* The next word of stdin into buf; 0 at the end. */
static int next_word(char *buf, size_t size, int nul)
{
	size_t n = 0;
	int c, quote = 0, any = 0;

	while ((c = getchar()) != EOF) {
		if (nul) {
			if (c == '\0')
				break;
		} else if (quote) {
			if (c == quote) {
				quote = 0;
				continue;
			}
		} else if (c == '\'' || c == '"') {
			quote = c;
			any = 1;
			continue;
		} else if (c == '\\') {
			if ((c = getchar()) == EOF)
				break;
		} else if (c == ' ' || c == '\t' || c == '\n') {
			if (n || any)
				break;
			continue;
		}
		any = 1;
		if (n + 1 < size)
			buf[n++] = (char)c;
	}
	if (quote) {
		fprintf(stderr, "xargs: unmatched %s quote\n", quote == '"' ? "double" : "single");
		exit(1);
	}
	buf[n] = '\0';
	return n > 0 || any;
}

int main(int argc, char **argv)
{
	static char word[MAX_BYTES];
	int i = 1, per_run = MAX_ARGS, nul = 0, failed = 0, ran = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-0") == 0) {
			nul = 1;
		} else if (strncmp(argv[i], "-n", 2) == 0) {
			const char *v = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : "";

			per_run = atoi(v);
			if (per_run < 1) {
				fprintf(stderr, "xargs: invalid number \"%s\" for -n option\n", v);
				return 1;
			}
		} else {
			fprintf(stderr, "xargs: invalid option '%s'\nusage: xargs [-n N] [-0] [COMMAND [ARG]...]\n", argv[i]);
			return 1;
		}
	}
	if (i == argc)
		argv_run[fixed++] = "echo";
	for (; i < argc && fixed < MAX_ARGS / 2; i++)
		argv_run[fixed++] = argv[i];
	int n = fixed;
	size_t bytes = 0;

	while (next_word(word, sizeof word, nul)) {
		size_t len = strlen(word) + 1;

		if (n > fixed && (n - fixed >= per_run || bytes + len > MAX_BYTES || n >= MAX_ARGS)) {
			failed |= run(n);
			ran = 1;
			for (int k = fixed; k < n; k++)
				free(argv_run[k]);
			n = fixed;
			bytes = 0;
		}
		argv_run[n++] = strdup(word);
		bytes += len;
	}
	if (n > fixed || !ran)
		failed |= run(n);
	return failed ? 123 : 0;
}
