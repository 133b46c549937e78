/* sh: the interactive line editor. While the user types a line the
 * terminal is in raw mode (no canonical editing, no echo, no signals:
 * ^C and ^Z are keys here) and this file echoes and edits:
 *
 *   left/right, ^B/^F   move;   Home/End, ^A/^E   to the start/end
 *   Backspace, ^H       delete before the cursor;  Delete   under it
 *   ^D                  under it, or end of input on an empty line
 *   ^K / ^U             delete to the end / the start;  ^W the word before
 *   ^L                  clear the screen and redraw the line
 *   up/down, ^P/^N      history (history.c);  Tab   completion (complete.c)
 *   ^C                  drop the line ("^C" and a fresh prompt)
 *
 * Typing at the end of the line echoes just the character, so a session
 * without editing looks as it would with the terminal's own echo. The
 * line is one terminal row (no wrapping arithmetic): edits in the middle
 * rewrite the rest of the line and move the cursor back with ESC [ n D. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

#define CTRL(c) ((c) & 0x1f)

static struct termios saved;

/* The bytes to write for one key, gathered so that each key is one write. */
static char out[2 * SH_MAX_LINE + 64];
static int out_len;

static void emit(const char *s, int n)
{
	if (out_len + n > (int)sizeof out)
		n = (int)sizeof out - out_len;
	memcpy(out + out_len, s, n);
	out_len += n;
}

static void emit_str(const char *s)
{
	emit(s, (int)strlen(s));
}

static void flush_out(void)
{
	for (int done = 0; done < out_len;) {
		ssize_t w = write(1, out + done, out_len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (int)w;
	}
	out_len = 0;
}

static void cursor_back(int n)
{
	char seq[16];

	if (n > 0) {
		snprintf(seq, sizeof seq, "\033[%dD", n);
		emit_str(seq);
	}
}

struct line {
	char *buf;
	int len, cursor, size;
	const char *prompt;
};

/* Rewrites from the cursor to the end (and erases what was after it). */
static void redraw_tail(struct line *l)
{
	emit(l->buf + l->cursor, l->len - l->cursor);
	emit_str("\033[K");
	cursor_back(l->len - l->cursor);
}

void edit_redraw(struct line *l)
{
	emit_str("\r");
	emit_str(l->prompt);
	emit(l->buf, l->len);
	emit_str("\033[K");
	cursor_back(l->len - l->cursor);
}

static void insert(struct line *l, const char *s, int n)
{
	if (l->len + n >= l->size)
		n = l->size - 1 - l->len;
	if (n <= 0)
		return;
	memmove(l->buf + l->cursor + n, l->buf + l->cursor, l->len - l->cursor);
	memcpy(l->buf + l->cursor, s, n);
	l->len += n;
	l->cursor += n;
	emit(s, n);
	if (l->cursor < l->len)
		redraw_tail(l);
}

/* Deletes n characters from position `at`, leaving the cursor there. */
static void delete_span(struct line *l, int at, int n)
{
	if (n <= 0)
		return;
	memmove(l->buf + at, l->buf + at + n, l->len - at - n);
	l->len -= n;
	if (l->cursor != at) {
		cursor_back(l->cursor - at);
		l->cursor = at;
	}
	redraw_tail(l);
}

static void move_to(struct line *l, int to)
{
	if (to < 0)
		to = 0;
	if (to > l->len)
		to = l->len;
	if (to < l->cursor)
		cursor_back(l->cursor - to);
	else
		emit(l->buf + l->cursor, to - l->cursor);
	l->cursor = to;
}

/* Replaces the whole line (history). */
static void set_line(struct line *l, const char *text)
{
	int n = (int)strlen(text);

	if (n >= l->size)
		n = l->size - 1;
	memcpy(l->buf, text, n);
	l->len = l->cursor = n;
	edit_redraw(l);
}

static int read_byte(void)
{
	unsigned char c;

	for (;;) {
		ssize_t r = read(0, &c, 1);

		if (r == 1)
			return c;
		if (r < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/* The key after ESC: a CSI or SS3 sequence, as one of the codes below. */
enum { K_UP = 256, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DELETE, K_NONE };

static int escape_key(void)
{
	int c = read_byte(), n = 0;

	if (c != '[' && c != 'O')
		return K_NONE;
	for (;;) {
		c = read_byte();
		if (c >= '0' && c <= '9')
			n = n * 10 + (c - '0');
		else if (c != ';')
			break;
	}
	switch (c) {
	case 'A': return K_UP;
	case 'B': return K_DOWN;
	case 'C': return K_RIGHT;
	case 'D': return K_LEFT;
	case 'H': return K_HOME;
	case 'F': return K_END;
	case '~':
		if (n == 1 || n == 7)
			return K_HOME;
		if (n == 4 || n == 8)
			return K_END;
		if (n == 3)
			return K_DELETE;
	}
	return K_NONE;
}

static int raw_mode(void)
{
	struct termios raw;

	if (tcgetattr(0, &saved) < 0)
		return -1;
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(ICRNL | INLCR | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(0, TCSADRAIN, &raw);
}

int edit_line(const char *prompt, char *buf, int size)
{
	struct line l = { .buf = buf, .size = size, .prompt = prompt };
	int result;

	/* Raw before the prompt shows: keys typed once it is there must not
	 * meet the terminal's own line editing. */
	if (raw_mode() < 0)
		return -2;
	emit_str(prompt);
	flush_out();
	history_start();
	for (;;) {
		int c = read_byte();

		if (c == 033)
			c = escape_key();
		switch (c) {
		case -1:
			result = l.len ? l.len : -1;
			goto done;
		case '\r':
		case '\n':
			move_to(&l, l.len);
			emit_str("\n");
			result = l.len;
			goto done;
		case CTRL('C'):
			move_to(&l, l.len);
			emit_str("^C\n");
			result = -3;
			goto done;
		case CTRL('D'):
			if (l.len == 0) {
				result = -1;
				goto done;
			}
			/* fall through */
		case K_DELETE:
			if (l.cursor < l.len)
				delete_span(&l, l.cursor, 1);
			break;
		case 0x7f:
		case CTRL('H'):
			if (l.cursor > 0)
				delete_span(&l, l.cursor - 1, 1);
			break;
		case K_LEFT:
		case CTRL('B'):
			move_to(&l, l.cursor - 1);
			break;
		case K_RIGHT:
		case CTRL('F'):
			move_to(&l, l.cursor + 1);
			break;
		case K_HOME:
		case CTRL('A'):
			move_to(&l, 0);
			break;
		case K_END:
		case CTRL('E'):
			move_to(&l, l.len);
			break;
		case CTRL('K'):
			delete_span(&l, l.cursor, l.len - l.cursor);
			break;
		case CTRL('U'):
			delete_span(&l, 0, l.cursor);
			break;
		case CTRL('W'): {
			int at = l.cursor;

			while (at > 0 && buf[at - 1] == ' ')
				at--;
			while (at > 0 && buf[at - 1] != ' ')
				at--;
			delete_span(&l, at, l.cursor - at);
			break;
		}
		case CTRL('L'):
			emit_str("\033[H\033[2J");
			edit_redraw(&l);
			break;
		case K_UP:
		case CTRL('P'):
		case K_DOWN:
		case CTRL('N'): {
			buf[l.len] = '\0';
			const char *text = history_step(c == K_UP || c == CTRL('P') ? -1 : 1, buf);

			if (text)
				set_line(&l, text);
			break;
		}
		case '\t': {
			buf[l.len] = '\0';
			char addition[SH_MAX_LINE];
			int listed = complete(buf, l.cursor, addition, sizeof addition);

			if (addition[0])
				insert(&l, addition, (int)strlen(addition));
			if (listed)
				edit_redraw(&l);
			break;
		}
		default:
			if (c >= 0x20 && c < 0x7f) {
				char ch = (char)c;

				insert(&l, &ch, 1);
			} else if (c >= 0x80 && c < 0x100) {
				char ch = (char)c; /* UTF-8 bytes go in as they are */

				insert(&l, &ch, 1);
			}
			break;
		}
		flush_out();
	}
done:
	flush_out();
	tcsetattr(0, TCSADRAIN, &saved);
	if (result >= 0)
		buf[result] = '\0';
	return result;
}

/* Output for completion listings: leaves the line, so the caller redraws. */
void edit_print(const char *text)
{
	emit_str(text);
}
