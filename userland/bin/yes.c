/* yes: prints its arguments (or "y"), one line after another, until the
 * reader goes away (SIGPIPE or a write error ends it). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char line[4096];
	size_t n = 0;

	if (argc < 2) {
		strcpy(line, "y\n");
		n = 2;
	}
	for (int i = 1; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (n + len + 2 > sizeof line) {
			fprintf(stderr, "yes: arguments too long\n");
			return 1;
		}
		memcpy(line + n, argv[i], len);
		n += len;
		line[n++] = i + 1 < argc ? ' ' : '\n';
	}
	/* A buffer of whole lines, so each write is one big piece. */
	static char block[8192];
	size_t fill = 0;

	while (fill + n <= sizeof block) {
		memcpy(block + fill, line, n);
		fill += n;
	}
	for (;;)
		if (fwrite(block, 1, fill, stdout) != fill || fflush(stdout) != 0)
			return 1;
}
