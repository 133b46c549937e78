/* sh: a POSIX shell for the console (init runs it as the user's shell). `sh` reads commands from its standard input, with a
 * prompt, line editing and job control when that is a terminal;
 * `sh -c STRING [NAME [ARG]...]` runs STRING; `sh FILE [ARG]...` runs the
 * lines of FILE (and so does the kernel for a script starting with
 * "#!/bin/sh"), with $0 the NAME or FILE and $1.. the ARGs. The language
 * and the built-ins are described in sh.h, the files it lists and
 * docs/shell.md. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

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

/* The text of the command being read: its lines so far. */
static char *text;
static size_t text_len, text_cap;

static int append(const char *line, int n)
{
	if (text_len + n + 2 > text_cap) {
		size_t cap = text_cap ? text_cap : SH_MAX_LINE;

		while (text_len + n + 2 > cap)
			cap *= 2;
		char *bigger = realloc(text, cap);

		if (!bigger)
			return -1;
		text = bigger;
		text_cap = cap;
	}
	memcpy(text + text_len, line, n);
	text_len += n;
	text[text_len++] = '\n';
	text[text_len] = '\0';
	return 0;
}

/* Whether a command that the grammar found incomplete (if without fi,
 * a loop without done) may be complete with the new line, so that it is
 * worth parsing again: not for a line without any word that closes or
 * opens something, after a line without an operator that wants more at
 * its end (| && || ! ( or the ) of NAME()), a comment or a \ line. This keeps a
 * long function in a script from being parsed again on each of its
 * lines; a false "maybe" only costs a parse. */
static int may_complete(const char *line, const char *before)
{
	static const char *const words[] = { "fi", "done", "esac", "}", "then", "else", "elif", "do", ";;", "in", "{", NULL };
	int open = 0;

	size_t n = strlen(before);

	while (n > 0 && (before[n - 1] == ' ' || before[n - 1] == '\t'))
		n--;
	if (parse_open_text || strchr(before, '#') || (n > 0 && strchr("|&!()\\", before[n - 1])))
		return 1;
	for (int i = 0; words[i]; i++)
		if (strstr(line, words[i]))
			return 1;
	/* Parentheses that pair up ($(...), $((...)), ( list )) close
	 * nothing opened before. */
	for (const char *c = line; *c; c++)
		open += (*c == '(') - (*c == ')');
	return open != 0;
}

/* The last line of text[0, len) (each line ends in a newline) with
 * something else than blanks in it, into buf; "" when there is none. */
static const char *last_line(size_t len, char *buf, size_t size)
{
	buf[0] = '\0';
	while (len > 0) {
		size_t newline = len - 1, start = newline;

		while (start > 0 && text[start - 1] != '\n')
			start--;
		if (strspn(text + start, " \t") < newline - start) {
			snprintf(buf, size, "%.*s", (int)(newline - start), text + start);
			break;
		}
		len = start;
	}
	return buf;
}

/* Reads and runs commands: a line, and more lines while the command is
 * incomplete (prompting "> "); a syntax error runs nothing of it and is
 * status 2. */
static int run_source(struct source *src)
{
	static char line[SH_MAX_LINE], before[SH_MAX_LINE];
	char prompt[300], cwd[256];
	int parsed = 1, at_end = 0; /* the text so far was parsed; at its end */

	for (;;) {
		int n;

		if (src->interactive) {
			if (text_len == 0) {
				jobs_notify();
				snprintf(prompt, sizeof prompt, "jos:%s$ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
			} else {
				snprintf(prompt, sizeof prompt, "> ");
			}
		}
		n = next_line(src, prompt, line, sizeof line);
		if (n == -1 && text_len > 0 && !parsed) {
			/* The last lines were not parsed: now they are, as the end. */
			n = 0;
			at_end = 1;
		} else if (n == -1) {
			if (text_len > 0) {
				fprintf(stderr, "sh: syntax error: unexpected end of input\n");
				last_status = 2;
			}
			break;
		}
		if (n == -3) {
			text_len = 0;
			last_status = 130;
			continue;
		}
		if (n == -2) {
			fprintf(stderr, "sh: line too long\n");
			text_len = 0;
			last_status = 2;
			continue;
		}
		if (src->interactive && !at_end)
			history_add(line);
		int worth = at_end || text_len == 0 || may_complete(line, last_line(text_len, before, sizeof before));

		if (!at_end && append(line, n) < 0) {
			fprintf(stderr, "sh: out of memory\n");
			text_len = 0;
			last_status = 2;
			continue;
		}
		struct node *tree;
		struct pool *pool;

		parsed = worth;
		if (!worth)
			continue;
		int r = parse(text, text_len, &tree, &pool);

		if (r == PARSE_INCOMPLETE)
			continue;
		text_len = 0;
		if (r == PARSE_ERROR) {
			last_status = 2;
			continue;
		}
		if (tree) {
			adopt_functions(tree, pool);
			eval(tree);
			pool_release(pool);
		}
		if (interrupted && last_status < 128)
			last_status = 130; /* ^C stopped the shell's own loop */
		/* A script stops where the user interrupted it. */
		if (interrupted && !src->interactive)
			break;
		if (expand_fatal && !src->interactive) {
			last_status = 2;
			break;
		}
		expand_fatal = 0;
		interrupted = 0;
		jump = J_NONE;
	}
	if (src->interactive)
		printf("\n");
	return last_status;
}

/* ^C at a prompt read without the editor: the tty has dropped the line
 * and echoed "^C" and a newline; show the prompt again (SA_RESTART).
 * While the shell itself runs (built-ins, functions, loops of them, the
 * terminal is the shell's), it stops what it runs. */
static void on_interrupt(int sig)
{
	(void)sig;
	if (at_prompt)
		write(1, current_prompt, strlen(current_prompt));
	else
		interrupted = 1; /* a loop of built-ins stops: `while :; do :; done` */
}

int main(int argc, char **argv)
{
	struct source src = { .fd = 0 };

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		src.text = argv[2];
		positional_set(argc > 3 ? argv[3] : argv[0], argc > 4 ? argc - 4 : 0, argv + 4);
		sh_exit(run_source(&src));
	}
	int used = 0;

	if (options_apply(argv + 1, &used) < 0)
		return 2;
	argv[used] = argv[0];
	argv += used;
	argc -= used;
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
		trap_set_default(SIGINT, on_interrupt);
		jobs_init();
	}
	sh_exit(run_source(&src));
}
