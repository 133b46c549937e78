/* echo: prints its arguments separated by blanks, then a newline, as GNU
 * echo: -n drops the newline, -e interprets backslash escapes (\n \t \\
 * \a \b \c \e \f \r \v \0NNN \xHH), -E does not (the default). Options
 * are only recognised before the first word and only when every letter
 * is one of n, e, E (so `echo -x` prints -x). */
#include <stdio.h>
#include <string.h>

static int is_option(const char *arg)
{
	if (arg[0] != '-' || !arg[1])
		return 0;
	for (const char *p = arg + 1; *p; p++)
		if (!strchr("neE", *p))
			return 0;
	return 1;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Prints one word with its escapes; 1 when \c asked to stop all output. */
static int print_escaped(const char *s)
{
	for (; *s; s++) {
		int c = (unsigned char)*s;

		if (c != '\\' || !s[1]) {
			putchar(c);
			continue;
		}
		switch (*++s) {
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'c': return 1;
		case 'e': c = 033; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		case '\\': c = '\\'; break;
		case '0':
			c = 0;
			for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
				c = c * 8 + (*++s - '0');
			break;
		case 'x':
			if (hex_digit(s[1]) < 0) {
				putchar('\\');
				c = 'x';
				break;
			}
			c = 0;
			for (int i = 0; i < 2 && hex_digit(s[1]) >= 0; i++)
				c = c * 16 + hex_digit(*++s);
			break;
		default:
			putchar('\\');
			c = (unsigned char)*s;
		}
		putchar(c);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, i = 1;

	for (; i < argc && is_option(argv[i]); i++)
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else
				escapes = *p == 'e';
		}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (!escapes)
			fputs(argv[i], stdout);
		else if (print_escaped(argv[i]))
			return 0;
	}
	if (newline)
		putchar('\n');
	return 0;
}
