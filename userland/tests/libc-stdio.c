/* <stdio.h>: the printf family (every conversion, flag, width, precision
 * and length modifier, numbered arguments, the floating conversions), the
 * scanf family, and streams (fopen/freopen/fdopen, reading and writing,
 * seeking, ungetc, buffering modes, getline, tmpfile, rename/remove,
 * perror), memory streams (fmemopen, open_memstream, fopencookie).
 * Compared byte for byte with the same program on glibc. */
/* Odd formats are the point here. */
#define _GNU_SOURCE /* glibc: fopencookie, cookie_io_functions_t */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define P(...) do { \
	int n_ = printf(__VA_ARGS__); \
	printf(" <%d>\n", n_); \
} while (0)

static void integers(void)
{
	P("[%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d] [%+5d]", 42, -42, 42, 42, 42, 42, 42, -7);
	P("[%.3d] [%.0d] [%5.3d] [%-5.3d] [%05.3d] [%+.0d]", 7, 0, 7, -7, 7, 0);
	P("[%u] [%o] [%#o] [%x] [%#x] [%X] [%#X] [%#.0o] [%#x]", 3000000000u, 8, 8, 255, 255, 255, 255, 0, 0);
	P("[%hhd] [%hhu] [%hd] [%hu] [%ld] [%lu] [%lld] [%llu]", 300, 300, 70000, 70000, -5L, 5UL, LLONG_MIN, ULLONG_MAX);
	P("[%jd] [%ju] [%zd] [%zu] [%td] [%zx]", INTMAX_MIN, UINTMAX_MAX, (ssize_t)-5, (size_t)5, (ptrdiff_t)-9, (size_t)255);
	P("[%*d] [%-*d] [%*d] [%.*d] [%.*d]", 6, 1, 6, 2, -6, 3, 4, 5, -1, 6);
	P("[%#10x] [%-#10o] [%#010x] [%010.4x]", 0xbeef, 9, 0xbeef, 0xbeef);
	P("[%2$d %1$d] [%3$*1$d] [%1$.*2$d]", 5, 3, 9);
	P("[%%] [%5%] [%c] [%5c] [%-5c] [%c]", 'x', 'y', 'z', 0);
}

static void strings(void)
{
	P("[%s] [%10s] [%-10s] [%.2s] [%10.2s] [%-10.2s]", "abc", "abc", "abc", "abc", "abc", "abc");
	P("[%s] [%.3s] [%.6s] [%10s]", (char *)NULL, (char *)NULL, (char *)NULL, (char *)NULL);
	P("[%p] [%10p] [%-10p]", (void *)NULL, (void *)NULL, (void *)NULL);
	P("[%ls] [%5ls] [%.2ls] [%lc] [%3lc]", L"wide", L"ab", L"wide", L'w', L'q');
	errno = ENOENT;
	P("[%m] [%.5m]");
	int n1 = 0, n2 = 0;
	signed char hh = 0;
	P("abc%n def%hhn %s%n", &n1, &hh, "xyz", &n2);
	printf("n: %d %d %d\n", n1, hh, n2);
	char buf[16];
	int r = snprintf(buf, sizeof(buf), "%s-%d-%s", "hello", 12345, "world!");
	printf("snprintf: %d [%s]\n", r, buf);
	r = snprintf(NULL, 0, "%d %s", 123, "four");
	printf("snprintf(NULL, 0): %d\n", r);
	r = snprintf(buf, 1, "abc");
	printf("snprintf(1): %d [%s]\n", r, buf);
	char *s = NULL;
	r = asprintf(&s, "%s=%05.1f", "pi", 3.14159);
	printf("asprintf: %d [%s]\n", r, s);
	free(s);
}

static void floats(void)
{
	P("[%f] [%e] [%g] [%a]", 1.5, 1.5, 1.5, 1.5);
	P("[%.0f] [%.0f] [%.0f] [%.0f] [%#.0f]", 0.5, 1.5, 2.5, -0.5, 3.0);
	P("[%10.3f] [%-10.3f] [%010.3f] [%+.2f] [% .2f]", 3.14159, 3.14159, -3.14159, 2.0, 2.0);
	P("[%e] [%.2E] [%#.0e] [%12.4e] [%-12.4e]", 123456.789, 0.000123, 5.0, -1e-300, 1e300);
	P("[%g] [%g] [%g] [%g] [%#g] [%.3g] [%.10g] [%G]", 100000.0, 1000000.0, 0.0001, 0.00001, 1.0, 1234.5678, 1.0 / 3, 1e-10);
	P("[%a] [%A] [%.2a] [%a] [%a]", 1.0, 255.5, 1.0 / 3, 0.0, -0.1);
	P("[%f] [%F] [%e] [%g] [%5.1f] [%-6f|] [%F]", 1.0 / 0.0, -1.0 / 0.0, __builtin_nan(""), -0.0, 1.0 / 0.0, __builtin_nan(""), __builtin_nan(""));
	/* -nan keeps its sign on riscv32 too (no soft-float widening). */
	P("[%f] [%E] [%+g] [%8a] [%-7F|]", -__builtin_nan(""), -__builtin_nan(""), __builtin_nan(""), -__builtin_nan(""), -__builtin_nan(""));
	P("[%.20f] [%.17g] [%.30e]", 0.1, 0.1, 1e-5);
	P("[%f] [%.3f] [%g]", 1e20, 123456789.987654321, 1e100);
	P("[%Lf] [%Le] [%Lg] [%.3Lf]", 1.25L, 1.25L, 1.25L, 2.0L / 3);
	P("[%f] [%f] [%.1f]", 2.5e-324, 1.7976931348623157e308, 0.05);
}

static void scanning(void)
{
	int a = -1, b = -1, c = -1, r;
	unsigned u = 0;
	long l = 0;
	long long ll = 0;
	short h = 0;
	char s1[32] = "", s2[32] = "", ch[4] = "---";
	double d = 0;
	float f = 0;
	long double ld = 0;

	r = sscanf("12 -34 0x1f", "%d %i %i", &a, &b, &c);
	printf("scan1: %d %d %d %d\n", r, a, b, c);
	r = sscanf("017 0x10 10", "%i %x %o", &a, &b, &c);
	printf("scan2: %d %d %d %d\n", r, a, b, c);
	r = sscanf("hello world", "%s %5s", s1, s2);
	printf("scan3: %d [%s] [%s]\n", r, s1, s2);
	r = sscanf("abcdef", "%3c%s", ch, s1);
	printf("scan4: %d [%.3s] [%s]\n", r, ch, s1);
	r = sscanf("key=value;rest", "%[^=]=%[a-z];%s", s1, s2, ch);
	printf("scan5: %d [%s] [%s]\n", r, s1, s2);
	r = sscanf("3.25 -1e3 0x1p4 inf", "%lf %f %Lf %lf", &d, &f, &ld, &d);
	printf("scan6: %d %g %g %Lg\n", r, d, (double)f, ld);
	r = sscanf("  42abc", "%d%n", &a, &b);
	printf("scan7: %d %d n=%d\n", r, a, b);
	r = sscanf("4294967295 -1 99999999999999999999", "%u %ld %lld", &u, &l, &ll);
	printf("scan8: %d %u %ld %lld\n", r, u, l, ll);
	r = sscanf("70000", "%hd", &h);
	printf("scan9: %d %d\n", r, h);
	r = sscanf("", "%d", &a);
	printf("scan10: %d\n", r);
	r = sscanf("   ", "%d", &a);
	printf("scan11: %d\n", r);
	r = sscanf("abc", "%d", &a);
	printf("scan12: %d\n", r);
	r = sscanf("12 abc", "%d %d", &a, &b);
	printf("scan13: %d\n", r);
	r = sscanf("5%", "%d%%", &a);
	printf("scan14: %d %d\n", r, a);
	r = sscanf("a b", "%*s %s", s1);
	printf("scan15: %d [%s]\n", r, s1);
	r = sscanf("123456", "%2d%3d", &a, &b);
	printf("scan16: %d %d %d\n", r, a, b);
	char *m = NULL;
	r = sscanf("allocated string", "%ms", &m);
	printf("scan17: %d [%s]\n", r, m);
	free(m);
	r = sscanf("-", "%d", &a);
	printf("scan18: %d\n", r);
	r = sscanf("0x", "%x%s", &a, s1);
	printf("scan19: %d %d [%s]\n", r, a, s1);
	r = sscanf("1.5e", "%lf%s", &d, s1);
	printf("scan20: %d %g [%s]\n", r, d, s1);
	r = sscanf("nan(abc) x", "%lf %s", &d, s1);
	printf("scan21: %d %s [%s]\n", r, d != d ? "nan" : "num", s1);
}

static void streams(void)
{
	char path[64], path2[64], line[64];
	FILE *f;
	int r, c, u;

	snprintf(path, sizeof(path), "/tmp/libc-stdio-%d", (int)getpid());
	snprintf(path2, sizeof(path2), "%s.renamed", path);
	f = fopen(path, "w");
	printf("fopen w: %s\n", f ? "ok" : "NULL");
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d\n", i);
	printf("ftell after writes: %ld\n", ftell(f));
	fclose(f);

	f = fopen(path, "r+");
	printf("fgets: %s", fgets(line, sizeof(line), f));
	printf("ftell: %ld\n", ftell(f));
	fpos_t pos;
	fgetpos(f, &pos);
	c = fgetc(f);
	u = ungetc('Z', f);
	printf("fgetc %c ungetc %c ftell %ld\n", c, u, ftell(f));
	c = fgetc(f);
	u = fgetc(f);
	printf("after ungetc: %c%c\n", c, u);
	fsetpos(f, &pos);
	printf("fsetpos then fgets: %s", fgets(line, sizeof(line), f));
	fseek(f, -8, SEEK_END);
	printf("SEEK_END -8: %s", fgets(line, sizeof(line), f));
	c = fgetc(f);
	printf("fgetc at end: %d feof %d\n", c, feof(f));
	clearerr(f);
	printf("clearerr: feof %d\n", feof(f));
	fseek(f, 5, SEEK_SET);
	fputs("X", f);
	fseek(f, 0, SEEK_SET);
	printf("overwrite: %s", fgets(line, sizeof(line), f));
	fseek(f, 2, SEEK_CUR);
	printf("SEEK_CUR +2: %s", fgets(line, sizeof(line), f));
	rewind(f);
	char block[20];
	size_t n = fread(block, 1, sizeof(block), f);
	printf("fread: %zu [%.20s]\n", n, block);
	n = fread(block, 7, 2, f);
	printf("fread 7x2: %zu\n", n);
	fclose(f);

	f = fopen(path, "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen(path, "r");
	char *lineptr = NULL;
	size_t cap = 0;
	ssize_t len, total = 0;
	int lines = 0;
	while ((len = getline(&lineptr, &cap, f)) > 0) {
		total += len;
		lines++;
	}
	printf("getline: %d lines %zd bytes last [%s] eof %d\n", lines, total,
	       lineptr, feof(f));
	free(lineptr);
	fclose(f);

	r = rename(path, path2);
	f = fopen(path, "r");
	printf("rename: %d, old gone: %d\n", r, f == NULL);
	printf("fopen missing: errno %s\n", strerror(errno));
	r = remove(path2);
	c = remove(path2);
	printf("remove: %d %d\n", r, c);
	printf("remove missing errno: %s\n", strerror(errno));
	f = fopen(path, "z");
	printf("fopen bad mode: %s %s\n", f ? "FILE" : "NULL", strerror(errno));

	f = tmpfile();
	fputs("temporary", f);
	rewind(f);
	printf("tmpfile: %s\n", fgets(line, sizeof(line), f));
	fclose(f);

	f = fopen("/tmp", "w");
	printf("fopen dir for writing: %s %s\n", f ? "FILE" : "NULL", strerror(errno));

	/* Buffering: full buffering holds output until fflush. */
	int fds[2];
	pipe(fds);
	f = fdopen(fds[1], "w");
	setvbuf(f, NULL, _IOFBF, 64);
	fputs("held", f);
	write(fds[1], "first|", 6);
	fflush(f);
	fclose(f);
	n = (size_t)read(fds[0], line, sizeof(line) - 1);
	line[n] = '\0';
	printf("buffered order: %s\n", line);
	close(fds[0]);

	/* perror and freopen on stderr */
	fflush(stdout);
	errno = EACCES;
	perror("perror says");
	errno = ERANGE; /* glibc's perror may change errno */
	perror(NULL);
	printf("fwrite 0: %zu %zu\n", fwrite("x", 0, 5, stdout), fwrite("x", 5, 0, stdout));
	c = fputc('!', stdout);
	r = puts("");
	printf("fputc: %d puts: %d\n", c, r);
}

/* fmemopen, open_memstream, fopencookie. */
static ssize_t upper_write(void *cookie, const char *buf, size_t n)
{
	size_t *total = cookie;

	for (size_t i = 0; i < n; i++)
		putchar(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
	*total += n;
	return (ssize_t)n;
}

static int upper_close(void *cookie)
{
	printf("[cookie closed after %zu bytes]\n", *(size_t *)cookie);
	return 0;
}

static void memory(void)
{
	char buf[16], line[32], *mem = NULL;
	size_t size = 0, total = 0;
	FILE *f;
	int r;

	memcpy(buf, "hello, world\nxy", 16);
	f = fmemopen(buf, sizeof buf, "r");
	printf("fmemopen r: %s", fgets(line, sizeof line, f));
	r = fgetc(f);
	printf("then %c, tell %ld", r, ftell(f));
	r = fseek(f, -3, SEEK_END);
	printf(", seek end-3: %d tell %ld", r, ftell(f));
	printf(" getc %d", fgetc(f));
	r = fseek(f, 17, SEEK_SET);
	printf(", seek 17: %d errno %s\n", r, r ? strerror(errno) : "-");
	fclose(f);

	memset(buf, 'x', sizeof buf);
	f = fmemopen(buf, 8, "w");
	r = fprintf(f, "abc");
	fflush(f);
	printf("fmemopen w: %d [%s] tell %ld\n", r, buf, ftell(f));
	r = fprintf(f, "defghijkl");
	r = fclose(f);
	printf("overflow: close %d [%.8s] byte 8 %c\n", r, buf, buf[8]);

	strcpy(buf, "start");
	f = fmemopen(buf, sizeof buf, "a+");
	printf("fmemopen a+: tell %ld", ftell(f));
	fputs("ed", f);
	rewind(f);
	printf(" reads [%s]\n", fgets(line, sizeof line, f));
	fclose(f);

	f = fmemopen(NULL, 32, "w+");
	fprintf(f, "%d-%s", 42, "own buffer");
	rewind(f);
	printf("fmemopen NULL w+: [%s]\n", fgets(line, sizeof line, f));
	fclose(f);
	f = fmemopen(buf, 0, "w+");
	printf("fmemopen size 0: %s", f ? "stream" : "NULL");
	if (f) {
		printf(" getc %d", fgetc(f));
		printf(" putc %d", fputc('x', f));
		printf(" flush %d", fflush(f));
		fclose(f);
	}
	printf("\n");

	f = open_memstream(&mem, &size);
	fflush(f);
	printf("open_memstream: [%s] %zu", mem, size);
	for (int i = 0; i < 40; i++)
		fprintf(f, "%d,", i);
	fflush(f);
	printf(" -> %zu bytes, ends [%s]", size, mem + size - 6);
	fseek(f, 3, SEEK_SET);
	fputs("X", f);
	fflush(f);
	printf(", seek 3 and write: size %zu", size);
	fclose(f);
	printf(", close: %zu [%.4s]\n", size, mem);
	free(mem);

	f = fopencookie(&total, "w", (cookie_io_functions_t){ NULL, upper_write, NULL, upper_close });
	fprintf(f, "through a cookie: %d\n", 7);
	fflush(f);
	r = fgetc(f);
	printf("fopencookie read: %d", r);
	r = fseek(f, 0, SEEK_SET);
	printf(", seek: %d\n", r);
	fclose(f);
}

int main(void)
{
	dup2(1, 2);
	setvbuf(stdout, NULL, _IONBF, 0);
	integers();
	strings();
	floats();
	scanning();
	streams();
	memory();
	return 0;
}
