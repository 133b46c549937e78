/* fnmatch: * ? and bracket expressions ([a-z], [!x], [^x], [[:alpha:]]),
 * backslash escapes, and the flags PATHNAME, PERIOD, NOESCAPE, CASEFOLD,
 * LEADING_DIR. Matching keeps one backtrack point (the last '*'), so time
 * is at most pattern length times string length, never exponential. */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>
#include "char-class.h"

static int fold(int c, int flags)
{
	return flags & FNM_CASEFOLD ? tolower(c) : c;
}

/* Matches c against the bracket expression at p (just after '['). Returns
 * the position after the closing ']' with *ok set, or NULL if the bracket
 * is unterminated (then '[' is an ordinary character). */
static const char *bracket(const char *p, int c, int flags, int *ok)
{
	int negate = *p == '!' || *p == '^', matched = 0, first = 1;

	if (negate)
		p++;
	c = fold(c, flags);
	for (;; first = 0) {
		int lo, hi;

		if (*p == '\0')
			return NULL;
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			__char_class_fn fn;

			if (end && (fn = __char_class(p + 2,
						      (size_t)(end - p - 2)))) {
				if (fn(c) || ((flags & FNM_CASEFOLD) &&
					      fn(toupper(c))))
					matched = 1;
				p = end + 2;
				continue;
			}
		}
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			p++;
		lo = (unsigned char)*p++;
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
				p++;
			hi = (unsigned char)*p++;
		}
		if (flags & FNM_CASEFOLD) {
			for (int x = lo; x <= hi; x++)
				if (tolower(x) == c)
					matched = 1;
		} else if (c >= lo && c <= hi) {
			matched = 1;
		}
	}
	*ok = matched != negate;
	return p + 1;
}

/* A '.' that FNM_PERIOD says must be matched by a literal '.'. */
static int hidden_dot(const char *string, const char *s, int flags)
{
	return *s == '.' && (flags & FNM_PERIOD) &&
	       (s == string || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	const char *p = pattern, *s = string;
	const char *star_p = NULL, *star_s = NULL;

	for (;;) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (hidden_dot(string, s, flags))
				goto backtrack;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*s == '\0') {
			if (*p == '\0')
				return 0;
			goto backtrack;
		}
		if ((flags & FNM_LEADING_DIR) && *p == '\0' && *s == '/')
			return 0;
		if (*p == '?') {
			if ((*s == '/' && (flags & FNM_PATHNAME)) ||
			    hidden_dot(string, s, flags))
				goto backtrack;
			p++;
			s++;
			continue;
		}
		if (*p == '[') {
			int ok = 0;
			const char *next;

			if ((*s == '/' && (flags & FNM_PATHNAME)) ||
			    hidden_dot(string, s, flags))
				goto backtrack;
			next = bracket(p + 1, (unsigned char)*s, flags, &ok);
			if (next) {
				if (!ok)
					goto backtrack;
				p = next;
				s++;
				continue;
			}
			/* unterminated: a literal '[' */
		}
		{
			const char *lit = p;

			if (*lit == '\\' && !(flags & FNM_NOESCAPE)) {
				if (!lit[1]) /* a trailing backslash: no match */
					return FNM_NOMATCH;
				lit++;
			}
			if (*lit != '\0' &&
			    fold((unsigned char)*lit, flags) ==
				    fold((unsigned char)*s, flags)) {
				p = lit + 1;
				s++;
				continue;
			}
		}
backtrack:
		/* Let the last '*' take one more character (never a '/'
		 * under FNM_PATHNAME: a '*' stays within its segment). */
		if (!star_p || *star_s == '\0' ||
		    (*star_s == '/' && (flags & FNM_PATHNAME)))
			return FNM_NOMATCH;
		p = star_p;
		s = ++star_s;
	}
}
