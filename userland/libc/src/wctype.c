/* Wide character classes for the C locale: the ASCII classes of <ctype.h>,
 * nothing above 0x7f. */
#include <ctype.h>
#include <string.h>
#include <wctype.h>

#define ASCII(fn) \
	int isw##fn(wint_t c) { return c < 0x80 && is##fn((int)c); }

ASCII(alnum)
ASCII(alpha)
ASCII(cntrl)
ASCII(digit)
ASCII(graph)
ASCII(lower)
ASCII(print)
ASCII(punct)
ASCII(space)
ASCII(upper)
ASCII(xdigit)

int iswblank(wint_t c) { return c == ' ' || c == '\t'; }
wint_t towlower(wint_t c) { return c < 0x80 ? (wint_t)tolower((int)c) : c; }
wint_t towupper(wint_t c) { return c < 0x80 ? (wint_t)toupper((int)c) : c; }

static const char *const names[] = {
	"alnum", "alpha", "blank", "cntrl", "digit", "graph",
	"lower", "print", "punct", "space", "upper", "xdigit",
};

wctype_t wctype(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return i + 1;
	return 0;
}

int iswctype(wint_t c, wctype_t type)
{
	static int (*const fns[])(wint_t) = {
		iswalnum, iswalpha, iswblank, iswcntrl, iswdigit, iswgraph,
		iswlower, iswprint, iswpunct, iswspace, iswupper, iswxdigit,
	};

	return type >= 1 && type <= 12 ? fns[type - 1](c) : 0;
}
