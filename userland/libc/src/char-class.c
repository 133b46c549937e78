/* The twelve POSIX character class names and their <ctype.h> tests. */
#include <ctype.h>
#include <string.h>
#include "char-class.h"

static int is_blank(int c) { return c == ' ' || c == '\t'; }

static const struct {
	const char *name;
	__char_class_fn fn;
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", is_blank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

__char_class_fn __char_class(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len &&
		    !memcmp(classes[i].name, name, len))
			return classes[i].fn;
	return NULL;
}
