/* printenv [NAME]...: the values of the named variables, one per line, or
 * the whole environment as NAME=VALUE lines; status 1 if a name is unset. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *value = getenv(argv[i]);

		if (value)
			printf("%s\n", value);
		else
			status = 1;
	}
	return status;
}
