/* libc: the C library's pure functions give the results the C standard
 * asks for, identically on both architectures: the printf family (flags,
 * width, precision, length modifiers), number parsing, strings, ctype,
 * qsort/bsearch, and stdio buffering through a pipe. Needs only write,
 * pipe2, read, close and the heap from the kernel. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "testlib.h"

#define FMT(want, ...)                                                    \
	do {                                                              \
		char buf_[128];                                           \
		int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__);       \
		check(strcmp(buf_, want) == 0 && n_ == (int)strlen(want), \
		      "snprintf(%s) = \"%s\"", #__VA_ARGS__, buf_);        \
	} while (0)

static void test_printf_integers(void)
{
	FMT("42|-42|+42| 42", "%d|%i|%+d|% d", 42, -42, 42, 42);
	FMT("[   42][42   ][00042][-0042]", "[%5d][%-5d][%05d][%05d]", 42, 42, 42, -42);
	FMT("[  007][007][]", "[%5.3d][%.3d][%.0d]", 7, 7, 0);
	FMT("ff|FF|0xff|0XFF|377|0377", "%x|%X|%#x|%#X|%o|%#o", 255, 255, 255, 255, 255, 255);
	FMT("4294967295|-1|255|-1", "%u|%d|%hhu|%hhd", 4294967295u, -1, 511, 255);
	FMT("65535|-32768", "%hu|%hd", 65535 + 65536, 32768);
	FMT("-9223372036854775808|18446744073709551615",
	    "%lld|%llu", LLONG_MIN, ULLONG_MAX);
	FMT("2147483647|-2147483648|123456789", "%ld|%ld|%zu", 2147483647L,
	    -2147483647L - 1, (size_t)123456789);
	FMT("[    7][7    ]", "[%*d][%-*d]", 5, 7, 5, 7);
	FMT("[7    ]", "[%*d]", -5, 7);
	FMT("[0x1f]", "[%p]", (void *)0x1f);
}

static void test_printf_text(void)
{
	char small[6];
	const char *volatile null_string = NULL; /* hidden from -Wformat */

	FMT("[abc][  abc][abc  ][ab]", "[%s][%5s][%-5s][%.2s]", "abc", "abc", "abc", "abc");
	FMT("[(null)]", "[%s]", null_string);
	FMT("[x][  x][x  ]|%", "[%c][%3c][%-3c]|%%", 'x', 'x', 'x');
	check(snprintf(small, sizeof(small), "%s", "truncated") == 9 &&
	      strcmp(small, "trunc") == 0, "snprintf truncates and returns the full length");
	check(snprintf(NULL, 0, "%d", 12345) == 5, "snprintf(NULL, 0) measures");
}

static void test_parsing(void)
{
	char *end;

	check(strtol("  -123xyz", &end, 10) == -123 && strcmp(end, "xyz") == 0,
	      "strtol skips spaces, stops at the first non-digit");
	check(strtol("0x1F", NULL, 0) == 31 && strtol("017", NULL, 0) == 15 &&
	      strtol("z", NULL, 36) == 35, "strtol bases 0 (hex, octal) and 36");
	errno = 0;
	check(strtoll("99999999999999999999", NULL, 10) == LLONG_MAX && errno == ERANGE,
	      "strtoll overflow clamps and sets ERANGE");
	check(strtoul("4294967295", NULL, 10) == 4294967295UL, "strtoul of UINT32_MAX");
	check(strtoull("ffffffffffffffff", NULL, 16) == ULLONG_MAX, "strtoull hex");
	check(atoi("  +77") == 77 && atoi("abc") == 0, "atoi");
	check(strtol("abc", &end, 10) == 0 && strcmp(end, "abc") == 0,
	      "no digits: end points at the start");
}

static void test_strings(void)
{
	char buf[32] = "hello";
	char *save, *dup, tok[] = "a,b,,c";
	char *t1, *t2, *t3;

	check(strlen(buf) == 5 && strcmp(buf, "hello") == 0, "strlen, strcmp");
	check(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && strncmp("abc", "abd", 2) == 0,
	      "strcmp ordering, strncmp prefix");
	strcat(buf, ", world");
	check(strcmp(buf, "hello, world") == 0, "strcat");
	check(strchr(buf, 'o') == buf + 4 && strrchr(buf, 'o') == buf + 8 &&
	      strchr(buf, '\0') == buf + 12 && strchr(buf, 'z') == NULL, "strchr, strrchr");
	check(strstr(buf, "world") == buf + 7 && strstr(buf, "") == buf &&
	      strstr(buf, "xyz") == NULL, "strstr");
	memmove(buf + 2, buf, 5);
	check(memcmp(buf, "hehello", 7) == 0, "memmove with overlap");
	dup = strdup("copy");
	check(dup && strcmp(dup, "copy") == 0, "strdup");
	free(dup);
	t1 = strtok_r(tok, ",", &save);
	t2 = strtok_r(NULL, ",", &save);
	t3 = strtok_r(NULL, ",", &save);
	check(strcmp(t1, "a") == 0 && strcmp(t2, "b") == 0 && strcmp(t3, "c") == 0 &&
	      strtok_r(NULL, ",", &save) == NULL, "strtok_r skips empty fields");
	check(strcasecmp("JOS", "jos") == 0 && strncasecmp("ABx", "aby", 2) == 0,
	      "strcasecmp");
	check(strspn("abcde", "abc") == 3 && strcspn("abcde", "d") == 3, "strspn, strcspn");
	memset(buf, 'z', sizeof(buf));
	check(buf[0] == 'z' && buf[31] == 'z', "memset");
}

static void test_ctype(void)
{
	int alpha = 0, digit = 0, space = 0, punct = 0;

	for (int c = 0; c < 128; c++) {
		alpha += isalpha(c) != 0;
		digit += isdigit(c) != 0;
		space += isspace(c) != 0;
		punct += ispunct(c) != 0;
	}
	check(alpha == 52 && digit == 10 && space == 6 && punct == 32,
	      "ctype counts over ASCII: 52 alpha, 10 digits, 6 spaces, 32 punct");
	check(toupper('q') == 'Q' && tolower('Q') == 'q' && toupper('1') == '1',
	      "toupper, tolower");
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_sorting(void)
{
	int v[500], sorted = 1, key = 4242, *hit;

	srand(7);
	for (int i = 0; i < 500; i++)
		v[i] = rand() % 10000;
	v[123] = 4242;
	qsort(v, 500, sizeof(int), cmp_int);
	for (int i = 1; i < 500; i++)
		sorted &= v[i - 1] <= v[i];
	check(sorted, "qsort of 500 random ints");
	hit = bsearch(&key, v, 500, sizeof(int), cmp_int);
	check(hit && *hit == 4242, "bsearch finds a present key");
	key = -1;
	check(bsearch(&key, v, 500, sizeof(int), cmp_int) == NULL,
	      "bsearch misses an absent key");
}

/* stdout-style buffering observed through a pipe: nothing reaches the
 * descriptor until a newline (line mode) or fflush (full mode). */
static void test_stdio_buffering(void)
{
	int fds[2];
	char buf[64];
	FILE *f;
	ssize_t n;

	pipe2(fds, 0);
	f = fdopen(fds[1], "w");
	fprintf(f, "full %d", 1);
	check(write(fds[1], "|", 1) == 1, "write beside a buffered stream");
	fflush(f);
	setvbuf(f, NULL, _IOLBF, 0);
	fputs("line\n", f);
	fclose(f);
	n = read(fds[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	check(strcmp(buf, "|full 1line\n") == 0,
	      "fully buffered until fflush, line buffered until newline");
	close(fds[0]);
}

/* Reading through a FILE: fgets stops after a newline, ungetc pushes one
 * byte back, fread takes the rest, and EOF is sticky until clearerr. */
static void test_stdio_reading(void)
{
	static char big[3000];
	char line[16], rest[32];
	int fds[2];
	FILE *f;
	size_t n;

	pipe2(fds, 0);
	write(fds[1], "line1\nline2\nrest", 16);
	close(fds[1]);
	f = fdopen(fds[0], "r");
	check(fgets(line, sizeof(line), f) == line && strcmp(line, "line1\n") == 0,
	      "fgets reads one line");
	check(fgetc(f) == 'l' && ungetc('L', f) == 'L', "fgetc, then ungetc");
	n = fread(rest, 1, sizeof(rest), f);
	check(n == 10 && memcmp(rest, "Line2\nrest", 10) == 0,
	      "fread returns the pushed-back byte and the rest");
	check(feof(f) && fgetc(f) == EOF && fgets(line, sizeof(line), f) == NULL,
	      "end of file is reported and sticky");
	fclose(f);

	pipe2(fds, 0);
	for (int i = 0; i < 3000; i++)
		big[i] = (char)('a' + i % 26);
	write(fds[1], big, sizeof(big));
	close(fds[1]);
	f = fdopen(fds[0], "r");
	memset(big, 0, sizeof(big));
	n = fread(big, 3, 1000, f);
	check(n == 1000 && big[0] == 'a' && big[2999] == (char)('a' + 2999 % 26),
	      "fread of 3000 bytes, larger than the stream buffer");
	fclose(f);
}

int main(void)
{
	test_printf_integers();
	test_printf_text();
	test_parsing();
	test_strings();
	test_ctype();
	test_sorting();
	test_stdio_buffering();
	test_stdio_reading();
	return finish("libc");
}
