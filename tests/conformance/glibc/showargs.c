/* A program built by the host's gcc against glibc, statically: it prints its
 * arguments, its environment and a few computed values (string, heap, qsort
 * and 64-bit arithmetic through glibc), the same on Linux and on JOS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=\"%s\"\n", i, argv[i]);
	int envc = 0;
	for (char **e = environ; *e; e++)
		envc++;
	char **sorted = malloc(sizeof(char *) * (size_t)envc);
	memcpy(sorted, environ, sizeof(char *) * (size_t)envc);
	qsort(sorted, (size_t)envc, sizeof(char *), compare);
	for (int i = 0; i < envc; i++)
		printf("env %s\n", sorted[i]);
	free(sorted);

	unsigned long long h = 1469598103934665603ULL; /* FNV-1a over 1 MiB */
	unsigned char *block = malloc(1 << 20);
	for (int i = 0; i < (1 << 20); i++)
		block[i] = (unsigned char)(i * 31 + (i >> 7));
	for (int i = 0; i < (1 << 20); i++)
		h = (h ^ block[i]) * 1099511628211ULL;
	free(block);
	printf("fnv1a=%016llx\n", h);
	char line[64];
	snprintf(line, sizeof line, "%-8s|%8.3s|%+05d|%#x", "left", "right", 42, 255);
	printf("snprintf=%s\n", line);
	printf("strtol=%ld\n", strtol("-123456789", NULL, 10));
	printf("pid-is-positive=%d\n", getpid() > 0);
	return argc;
}
