/* less [FILE]... (and more, the same program by that name): a pager. The
 * input (the files one after the other, or standard input) is read
 * whole, then shown a screen at a time on the terminal, with a status
 * line at the bottom; keys come from /dev/tty, so `ls | less` works.
 *
 *   space, f, PageDown      the next screen      b, PageUp     the one before
 *   Enter, j, e, Down       a line further       k, y, Up      a line back
 *   g, <, Home              the top              G, >, End     the end
 *   /PATTERN Enter          the next line matching PATTERN (an extended
 *   ?PATTERN Enter          regular expression), or the one before it;
 *   n, N                    the next match the same way, the other way
 *                           (an empty PATTERN repeats the last one)
 *   q, Q, ^C                quit
 *
 * Long lines wrap; tabs go to the next multiple of 8 columns, other
 * control characters show as ^X. `more` quits when a key moves past the
 * end. When standard output is no terminal, the input is copied to it,
 * as less and more do. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

static char *data;
static size_t size;
static size_t *starts; /* each line's first byte */
static long nlines;
static int rows = 24, cols = 80, more;
/* Shown on the status line instead of the position, once (a search's
 * "Pattern not found", a bad pattern). */
static char notice[96];

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "less: out of memory\n");
		exit(1);
	}
	return p;
}

static int slurp(int fd, const char *name)
{
	size_t cap = size + 4096;

	data = xrealloc(data, cap);
	for (;;) {
		if (size == cap)
			data = xrealloc(data, cap *= 2);
		ssize_t r = read(fd, data + size, cap - size);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "less: %s: %s\n", name, strerror(errno));
			return -1;
		}
		if (r == 0)
			return 0;
		size += r;
	}
}

static void index_lines(void)
{
	long cap = 1024;

	starts = xrealloc(NULL, cap * sizeof *starts);
	for (size_t i = 0; i < size;) {
		if (nlines + 1 >= cap)
			starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
		starts[nlines++] = i;
		char *nl = memchr(data + i, '\n', size - i);

		i = nl ? (size_t)(nl - data) + 1 : size;
	}
	starts[nlines] = size;
}

/* The line's text without its newline. */
static size_t line_len(long k)
{
	size_t end = starts[k + 1];

	return end > starts[k] && data[end - 1] == '\n' ? end - starts[k] - 1 : end - starts[k];
}

/* How wide a character shows: a tab to the next stop, ^X for control. */
static int width_at(unsigned char c, int col)
{
	if (c == '\t')
		return 8 - col % 8;
	return c < 32 || c == 127 ? 2 : 1;
}

/* The screen rows line k takes (at least one). */
static int line_rows(long k)
{
	int col = 0, n = 1;

	for (size_t i = 0, len = line_len(k); i < len; i++) {
		int w = width_at((unsigned char)data[starts[k] + i], col);

		if (col + w > cols && col > 0) {
			n++;
			col = 0;
			w = width_at((unsigned char)data[starts[k] + i], 0);
		}
		col += w;
	}
	return n;
}

static char *screen;
static size_t screen_len, screen_cap;

static void out(const char *s, size_t n)
{
	if (screen_len + n > screen_cap)
		screen = xrealloc(screen, screen_cap = 2 * (screen_len + n));
	memcpy(screen + screen_len, s, n);
	screen_len += n;
}

/* Draws line k into at most `room` rows; the rows used. */
static int draw_line(long k, int room)
{
	int col = 0, used = 1;

	for (size_t i = 0, len = line_len(k); i < len; i++) {
		unsigned char c = (unsigned char)data[starts[k] + i];
		int w = width_at(c, col);

		if (col + w > cols && col > 0) {
			if (++used > room)
				return room;
			out("\r\n", 2);
			col = 0;
			w = width_at(c, 0);
		}
		if (c == '\t') {
			out("        ", w);
		} else if (w == 2) {
			char caret[2] = { '^', c == 127 ? '?' : (char)(c + 64) };

			out(caret, 2);
		} else {
			out((const char *)&c, 1);
		}
		col += w;
	}
	out("\r\n", 2);
	return used;
}

/* The first line of the last screen: the end fills the page. */
static long last_top(void)
{
	long top = nlines;
	int room = rows - 1;

	while (top > 0 && room - line_rows(top - 1) >= 0)
		room -= line_rows(--top);
	return top;
}

/* Draws the screen from line top; the line after the last one shown. */
static long draw(long top, const char *name)
{
	long k = top;
	int room = rows - 1;

	screen_len = 0;
	out("\033[H\033[2J", 7);
	while (k < nlines && room > 0) {
		room -= draw_line(k, room);
		k++;
	}
	for (; room > 0; room--)
		out("~\r\n", 3);
	char status[128];
	int n;

	if (notice[0])
		n = snprintf(status, sizeof status, "%s", notice);
	else if (k >= nlines)
		n = snprintf(status, sizeof status, more ? "--More--(END)" : "(END)");
	else if (more)
		n = snprintf(status, sizeof status, "--More--(%d%%)", (int)(size ? (starts[k] * 100) / size : 100));
	else
		n = snprintf(status, sizeof status, "%s lines %ld-%ld/%ld", name, top + 1, k, nlines);
	out("\033[7m", 4);
	out(status, n < (int)sizeof status ? (size_t)n : sizeof status - 1);
	out("\033[0m", 4);
	write(1, screen, screen_len);
	notice[0] = 0;
	return k;
}

/* One key: a character, or an escape sequence's meaning as a letter. */
static int key(int tty)
{
	unsigned char c, seq[3];

	if (read(tty, &c, 1) != 1)
		return 'q';
	if (c != 27)
		return c;
	if (read(tty, &seq[0], 1) != 1 || (seq[0] != '[' && seq[0] != 'O'))
		return 27;
	if (read(tty, &seq[1], 1) != 1)
		return 27;
	switch (seq[1]) {
	case 'A': return 'k';
	case 'B': return 'j';
	case 'H': return 'g';
	case 'F': return 'G';
	case '1': case '4': case '5': case '6':
		if (read(tty, &seq[2], 1) != 1 || seq[2] != '~')
			return 27;
		return seq[1] == '5' ? 'b' : seq[1] == '6' ? ' ' : seq[1] == '1' ? 'g' : 'G';
	}
	return 27;
}

/* The pattern of the last search, compiled (have_pattern) and as typed. */
static regex_t pattern;
static int have_pattern;

/* Reads a search pattern on the bottom line after the prompt character,
 * echoing it: Enter ends it, Backspace erases, Escape or ^C cancels.
 * 1 with the text in buf, 0 when cancelled. */
static int read_pattern(int tty, char prompt, char *buf, size_t cap)
{
	size_t len = 0;
	unsigned char c;

	write(1, "\r\033[K", 4);
	write(1, &prompt, 1);
	for (;;) {
		if (read(tty, &c, 1) != 1 || c == 27 || c == 3)
			return 0;
		if (c == '\r' || c == '\n')
			break;
		if (c == 127 || c == 8) {
			if (len == 0)
				return 0;
			len--;
			write(1, "\b \b", 3);
			continue;
		}
		if (c < 32 || len + 1 >= cap)
			continue;
		buf[len++] = (char)c;
		write(1, &c, 1);
	}
	buf[len] = 0;
	return 1;
}

/* The first line after `from` (before it when backward) that matches the
 * last pattern, or -1. */
static long find(long from, int backward)
{
	for (long k = backward ? from - 1 : from + 1; k >= 0 && k < nlines; k += backward ? -1 : 1) {
		regmatch_t whole = { 0, (regoff_t)line_len(k) };

		if (regexec(&pattern, data + starts[k], 1, &whole, REG_STARTEND) == 0)
			return k;
	}
	return -1;
}

/* A search from the screen's top line: the new top, or top itself with a
 * notice when nothing matches. */
static long search(long top, int backward)
{
	long k;

	if (!have_pattern) {
		snprintf(notice, sizeof notice, "No previous regular expression");
		return top;
	}
	k = find(top, backward);
	if (k < 0) {
		snprintf(notice, sizeof notice, "Pattern not found");
		return top;
	}
	return k;
}

/* Compiles a newly typed pattern (an empty one keeps the last); 0 and a
 * notice when it is not a valid expression. */
static int set_pattern(const char *text)
{
	regex_t re;
	int err;

	if (!text[0])
		return 1;
	err = regcomp(&re, text, REG_EXTENDED | REG_NOSUB);
	if (err) {
		char why[64];

		regerror(err, &re, why, sizeof why);
		snprintf(notice, sizeof notice, "Invalid pattern: %s", why);
		return 0;
	}
	if (have_pattern)
		regfree(&pattern);
	pattern = re;
	have_pattern = 1;
	return 1;
}

static int page(const char *name)
{
	int tty = open("/dev/tty", O_RDONLY);
	struct termios saved, raw;
	struct winsize ws;

	if (tty < 0)
		tty = 2; /* the console, where /dev/tty is missing */
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1 && ws.ws_col > 0) {
		rows = ws.ws_row;
		cols = ws.ws_col;
	}
	if (more && last_top() == 0) {
		/* It fits: more prints it and is done. */
		write(1, data, size);
		return 0;
	}
	if (tcgetattr(tty, &saved) < 0) {
		fprintf(stderr, "less: no terminal to read keys from: %s\n", strerror(errno));
		return 1;
	}
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG);
	raw.c_oflag &= ~OPOST; /* the screen is drawn with \r\n */
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	/* TCSANOW: keys typed ahead stay to be read. */
	tcsetattr(tty, TCSANOW, &raw);
	long top = 0, end = draw(top, name), last = last_top();
	int backward = 0; /* the direction of the last / or ? */

	for (;;) {
		int k = key(tty);
		long was = top;

		if (k == 'q' || k == 'Q' || k == 3)
			break;
		if (more && end >= nlines && (k == ' ' || k == 'f' || k == '\r' || k == '\n' || k == 'j' || k == 'e'))
			break;
		switch (k) {
		case ' ': case 'f': top = end < nlines ? end : top; break;
		case 'b': {
			int room = rows - 1;

			while (top > 0 && room - line_rows(top - 1) >= 0)
				room -= line_rows(--top);
			if (top == was && top > 0)
				top--;
			break;
		}
		case '\r': case '\n': case 'j': case 'e': top++; break;
		case 'k': case 'y': top--; break;
		case 'g': case '<': top = 0; break;
		case 'G': case '>': top = last; break;
		case '/': case '?': {
			char text[256];

			if (!read_pattern(tty, (char)k, text, sizeof text))
				break;
			backward = k == '?';
			if (set_pattern(text))
				top = search(top, backward);
			break;
		}
		case 'n': top = search(top, backward); break;
		case 'N': top = search(top, !backward); break;
		default: continue;
		}
		if (top > last)
			top = last;
		if (top < 0)
			top = 0;
		end = draw(top, name);
	}
	write(1, "\r\033[K", 4);
	tcsetattr(tty, TCSANOW, &saved);
	return 0;
}

int main(int argc, char **argv)
{
	const char *self = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int status = 0;

	more = strcmp(self, "more") == 0;
	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "usage: %s [FILE]...\n", self);
		return 2;
	}
	if (argc < 2) {
		status |= slurp(0, "standard input") < 0;
	} else {
		for (int i = 1; i < argc; i++) {
			int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

			if (fd < 0) {
				fprintf(stderr, "%s: %s: %s\n", self, argv[i], strerror(errno));
				status = 1;
				continue;
			}
			status |= slurp(fd, argv[i]) < 0;
			if (fd)
				close(fd);
		}
	}
	if (!isatty(1)) {
		for (size_t done = 0; done < size;) {
			ssize_t w = write(1, data + done, size - done);

			if (w <= 0)
				return 1;
			done += w;
		}
		return status;
	}
	index_lines();
	if (nlines == 0 && status)
		return status;
	return page(argc == 2 ? argv[1] : "standard input") | status;
}
