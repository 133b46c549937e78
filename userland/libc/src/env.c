/* getenv over the environment crt0 found on the initial stack. */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
