/* wc [-lwc] [FILE]...: counts lines, words and bytes of each file (or
 * stdin), in that order, with a total line when there are several files.
 * As GNU wc, the columns share one width: the digits of the largest
 * count (7 when reading stdin alone, whose size is not known ahead). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	long long lines, words, bytes;
	const char *name;
	int failed;
};

static int show_lines, show_words, show_bytes;

static int count(int fd, struct counts *c)
{
	char buf[4096];
	ssize_t n;
	int in_word = 0;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char b = buf[i];
			int space = b == ' ' || (b >= '\t' && b <= '\r');

			c->lines += b == '\n';
			if (!space && !in_word)
				c->words++;
			in_word = !space;
		}
	}
	return 0;
}

static int digits(long long v)
{
	int d = 1;

	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static void print(const struct counts *c, int width)
{
	const char *sep = "";

	if (show_lines) {
		printf("%s%*lld", sep, width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*lld", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*lld", sep, width, c->bytes);
	if (c->name)
		printf(" %s", c->name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	static struct counts files[256];
	struct counts total = { .name = "total" };
	int i = 1, n = 0, status = 0, width = 1, only_stdin = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				show_lines = 1;
			else if (*p == 'w')
				show_words = 1;
			else if (*p == 'c')
				show_bytes = 1;
			else {
				fprintf(stderr, "wc: invalid option -- '%c'\nusage: wc [-lwc] [FILE]...\n", *p);
				return 1;
			}
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	if (i == argc) {
		only_stdin = 1;
		if (count(0, &files[n++]) < 0) {
			fprintf(stderr, "wc: standard input: %s\n", strerror(errno));
			return 1;
		}
	}
	for (; i < argc && n < 256; i++) {
		struct counts *c = &files[n++];
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		c->name = argv[i];
		if (fd < 0 || count(fd, c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			c->failed = 1;
			status = 1;
		}
		if (fd > 0)
			close(fd);
		total.lines += c->lines;
		total.words += c->words;
		total.bytes += c->bytes;
	}
	int columns = show_lines + show_words + show_bytes;

	if (only_stdin)
		width = columns > 1 ? 7 : 1;
	else
		width = digits(total.bytes > total.lines ? total.bytes : total.lines);
	if (columns == 1 && n == 1)
		width = 1;
	for (int j = 0; j < n; j++)
		if (!files[j].failed)
			print(&files[j], width);
	if (n > 1)
		print(&total, width);
	return status;
}
