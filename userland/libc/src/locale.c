/* The C locale, the only one: setlocale accepts "C", "POSIX" and "" (the
 * environment's choice, which is C here) and refuses the rest. */
#include <limits.h>
#include <locale.h>
#include <string.h>

static char c_name[] = "C", empty[] = "", dot[] = ".";

char *setlocale(int category, const char *locale)
{
	if (category < LC_CTYPE || category > LC_ALL)
		return NULL;
	if (!locale || !*locale || !strcmp(locale, "C") ||
	    !strcmp(locale, "POSIX"))
		return c_name;
	return NULL;
}

struct lconv *localeconv(void)
{
	static struct lconv c = {
		dot, empty, empty, empty, empty, empty, empty, empty, empty,
		empty, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
		CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
		CHAR_MAX, CHAR_MAX, CHAR_MAX,
	};

	return &c;
}
