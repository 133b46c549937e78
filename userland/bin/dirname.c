/* dirname NAME...: each NAME without its last component, as POSIX
 * describes it ("a/b/" -> "a", "a" -> ".", "/a" -> "/", "//" -> "/"). */
#include <stdio.h>
#include <string.h>

static void dirname_of(const char *arg)
{
	char name[4096];
	size_t n;

	snprintf(name, sizeof name, "%s", arg);
	n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		n--;
	while (n > 0 && name[n - 1] != '/')
		n--;
	if (n == 0) {
		printf(".\n");
		return;
	}
	while (n > 1 && name[n - 1] == '/')
		n--;
	name[n] = '\0';
	printf("%s\n", name);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: dirname NAME...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++)
		dirname_of(argv[i]);
	return 0;
}
