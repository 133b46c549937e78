/* sh: a small POSIX-like shell for the console (init runs it as the
 * user's shell). `sh` reads commands from its standard input, with a
 * prompt when that is a terminal; `sh -c STRING` runs STRING; `sh FILE`
 * runs the lines of FILE. Pipelines, redirections, quoting, $? and the
 * built-ins are described in sh.h and the files it lists. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static struct script script;

/* Reads one line (without its newline) from fd, a byte at a time so that
 * the programs the shell starts find the rest of the input where it was.
 * Returns its length, -1 at end of input, -2 for a line too long (the
 * rest of it is skipped). */
static int read_line(int fd, char *buf, int size)
{
	int n = 0, too_long = 0;

	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0 && !too_long)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (n < size - 1)
			buf[n++] = c;
		else
			too_long = 1;
	}
	buf[n] = '\0';
	return too_long ? -2 : n;
}

/* Parses and runs one line; a syntax error is status 2, as in POSIX sh. */
static void run_line(const char *line)
{
	if (parse_line(line, &script) < 0)
		last_status = 2;
	else
		run_script(&script);
}

static int run_string(const char *text)
{
	static char line[SH_MAX_LINE];

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n >= sizeof line) {
			fprintf(stderr, "sh: line too long\n");
			return 2;
		}
		memcpy(line, text, n);
		line[n] = '\0';
		run_line(line);
		if (interrupted)
			break;
		text += n + (text[n] == '\n');
	}
	return last_status;
}

static char prompt_text[300];
static volatile int at_prompt;

static void prompt(void)
{
	char cwd[256];

	snprintf(prompt_text, sizeof prompt_text, "jos:%s$ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
	printf("%s", prompt_text);
	fflush(stdout);
}

/* ^C at the prompt: the tty has dropped the line and echoed "^C" and a
 * newline; show a fresh prompt (the read then goes on: SA_RESTART). While
 * a program runs, ^C is its business, not the shell's. */
static void on_interrupt(int sig)
{
	(void)sig;
	if (at_prompt)
		write(1, prompt_text, strlen(prompt_text));
}

int main(int argc, char **argv)
{
	static char line[SH_MAX_LINE];
	int fd = 0, interactive;

	if (argc > 2 && strcmp(argv[1], "-c") == 0)
		return run_string(argv[2]);
	if (argc > 1) {
		fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
	}
	interactive = fd == 0 && isatty(0);
	/* ^C, ^\ and ^Z are for the programs the shell runs (exec.c). */
	if (interactive) {
		struct sigaction sa = { .sa_handler = on_interrupt, .sa_flags = SA_RESTART };

		sigaction(SIGINT, &sa, NULL);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN); /* ^Z stops the children only */
	}
	for (;;) {
		int n;

		if (interactive)
			prompt();
		at_prompt = interactive;
		n = read_line(fd, line, sizeof line);
		at_prompt = 0;
		if (n == -1)
			break;
		if (n == -2) {
			fprintf(stderr, "sh: line too long\n");
			last_status = 2;
			continue;
		}
		run_line(line);
		/* A script stops where the user interrupted it. */
		if (interrupted && !interactive)
			break;
		interrupted = 0;
	}
	if (interactive)
		printf("\n");
	return last_status;
}
