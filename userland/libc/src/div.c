/* div, ldiv, lldiv, imaxdiv, imaxabs and the intmax_t conversions. */
#include <inttypes.h>
#include <stdlib.h>

div_t div(int num, int den) { return (div_t){ num / den, num % den }; }
ldiv_t ldiv(long num, long den) { return (ldiv_t){ num / den, num % den }; }
lldiv_t lldiv(long long num, long long den)
{
	return (lldiv_t){ num / den, num % den };
}
imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
	return (imaxdiv_t){ num / den, num % den };
}
intmax_t imaxabs(intmax_t v) { return v < 0 ? -v : v; }

intmax_t strtoimax(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}
