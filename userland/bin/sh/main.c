/* sh: a small POSIX-like shell for the console (init runs it as the
 * user's shell). `sh` reads commands from its standard input, with a
 * prompt, line editing and job control when that is a terminal;
 * `sh -c STRING [NAME [ARG]...]` runs STRING; `sh FILE [ARG]...` runs the
 * lines of FILE (and so does the kernel for a script starting with
 * "#!/bin/sh"), with $0 the NAME or FILE and $1.. the ARGs. Pipelines,
 * redirections, quoting, $? and the built-ins are described in sh.h and
 * the files it lists. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static struct script script;

/* Where lines come from: a descriptor (read a byte at a time, so that the
 * programs the shell starts find the rest of the input where it was),
 * the terminal through the editor, or a string (sh -c). */
struct source {
	int fd;
	int interactive;
	const char *text;
};

/* Reads one line (without its newline) from fd. Returns its length, -1
 * at end of input, -2 for a line too long (the rest of it is skipped). */
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

static volatile int at_prompt;
static const char *current_prompt = "";

/* The next line from src: its length, -1 at the end, -2 too long, -3 ^C. */
static int next_line(struct source *src, const char *prompt, char *buf, int size)
{
	if (src->text) {
		size_t n = strcspn(src->text, "\n");

		if (!*src->text)
			return -1;
		if (n >= (size_t)size) {
			src->text += n + (src->text[n] == '\n');
			return -2;
		}
		memcpy(buf, src->text, n);
		buf[n] = '\0';
		src->text += n + (src->text[n] == '\n');
		return (int)n;
	}
	if (src->interactive) {
		int n = edit_line(prompt, buf, size);

		if (n != -2)
			return n;
		/* No raw mode: the terminal's own line editing. */
		current_prompt = prompt;
		at_prompt = 1;
		n = read_line(src->fd, buf, size);
		at_prompt = 0;
		return n;
	}
	return read_line(src->fd, buf, size);
}

/* Reads the bodies of the line's here-documents from the lines after it:
 * each runs up to a line that is its delimiter; -1 if input ends first. */
static int read_heredocs(struct source *src)
{
	int h = 0;

	for (int i = 0; i < script.nredirs; i++) {
		struct redir *r = &script.redirs[i];
		char delimiter[256], line[SH_MAX_LINE];
		int drop;

		if (r->kind != R_HEREDOC)
			continue;
		expand_reset();
		const char *d = expand_word(&r->target, &drop);

		snprintf(delimiter, sizeof delimiter, "%s", d ? d : "");
		struct heredoc *body = &script.heredocs[h++];

		for (;;) {
			int n = next_line(src, "> ", line, sizeof line);

			if (n == -1 || n == -3) {
				if (n == -1)
					fprintf(stderr, "sh: here-document ended by end of input (wanted '%s')\n", delimiter);
				return -1;
			}
			if (n >= 0 && strcmp(line, delimiter) == 0)
				break;
			if (n < 0 || body->len + n + 1 > HEREDOC_SIZE) {
				fprintf(stderr, "sh: here-document too long\n");
				return -1;
			}
			memcpy(body->text + body->len, line, n);
			body->len += n;
			body->text[body->len++] = '\n';
		}
	}
	return 0;
}

/* Parses and runs one line; a syntax error is status 2, as in POSIX sh. */
static void run_line(struct source *src, const char *line)
{
	if (parse_line(line, &script) < 0)
		last_status = 2;
	else if (read_heredocs(src) < 0)
		last_status = 2;
	else
		run_script(&script);
}

/* if/while/for: the lines up to the keyword that closes it, then run. */
static void run_compound(struct source *src, const char *first)
{
	static char text[4 * SH_MAX_LINE];
	char more[SH_MAX_LINE];
	size_t used = strlen(first);

	memcpy(text, first, used + 1);
	while (compound_depth(text) > 0) {
		int n = next_line(src, "> ", more, sizeof more);

		if (n == -3) {
			last_status = 130;
			return;
		}
		if (n == -1 || n == -2 || used + n + 2 > sizeof text) {
			fprintf(stderr, n == -1 ? "sh: syntax error: unexpected end of input\n" : "sh: compound command too long\n");
			last_status = 2;
			return;
		}
		text[used++] = '\n';
		memcpy(text + used, more, n + 1);
		used += n;
	}
	compound_run(text);
}

static int run_source(struct source *src)
{
	static char line[SH_MAX_LINE];
	char prompt[300], cwd[256];

	for (;;) {
		int n;

		if (src->interactive) {
			jobs_notify();
			snprintf(prompt, sizeof prompt, "jos:%s$ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
		}
		n = next_line(src, prompt, line, sizeof line);
		if (n == -1)
			break;
		if (n == -3) {
			last_status = 130;
			continue;
		}
		if (n == -2) {
			fprintf(stderr, "sh: line too long\n");
			last_status = 2;
			continue;
		}
		if (src->interactive)
			history_add(line);
		if (compound_starts(line))
			run_compound(src, line);
		else
			run_line(src, line);
		/* A script stops where the user interrupted it. */
		if (interrupted && !src->interactive)
			break;
		if (expand_fatal && !src->interactive) {
			last_status = 2;
			break;
		}
		expand_fatal = 0;
		interrupted = 0;
	}
	if (src->interactive)
		printf("\n");
	return last_status;
}

/* ^C at a prompt read without the editor: the tty has dropped the line
 * and echoed "^C" and a newline; show the prompt again (SA_RESTART). */
static void on_interrupt(int sig)
{
	(void)sig;
	if (at_prompt)
		write(1, current_prompt, strlen(current_prompt));
}

int main(int argc, char **argv)
{
	struct source src = { .fd = 0 };

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		src.text = argv[2];
		positional_set(argc > 3 ? argv[3] : argv[0], argc > 4 ? argc - 4 : 0, argv + 4);
		return run_source(&src);
	}
	if (argc > 1) {
		src.fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (src.fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		positional_set(argv[1], argc - 2, argv + 2);
	} else {
		positional_set(argv[0], 0, argv + 1);
	}
	src.interactive = src.fd == 0 && isatty(0);
	if (src.interactive) {
		struct sigaction sa = { .sa_handler = on_interrupt, .sa_flags = SA_RESTART };

		sigaction(SIGINT, &sa, NULL);
		jobs_init();
	}
	return run_source(&src);
}
