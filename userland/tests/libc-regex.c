/* <regex.h>: BREs and EREs, sub-matches, flags and errors. Prints every
 * result, to be compared byte for byte with the same program on glibc. */
#include <regex.h>
#include <stdio.h>
#include <string.h>

struct rcase {
	int cflags;
	const char *pattern;
	const char *subject;
	int eflags;
};

#define E REG_EXTENDED
#define I REG_ICASE
#define N REG_NEWLINE

static const struct rcase cases[] = {
	/* EREs */
	{ E, "abc", "xxabcxx", 0 },
	{ E, "a|b|c", "zzc", 0 },
	{ E, "(a|ab)(c|bcd)(d*)", "abcd", 0 },
	{ E, "(a+)(b+)?", "aaabbb", 0 },
	{ E, "x*", "aaa", 0 },
	{ E, "(a*)*", "b", 0 },
	{ E, "(a*)+", "aab", 0 },
	{ E, "(a|b)*c", "ababc", 0 },
	{ E, "^abc$", "abc", 0 },
	{ E, "^abc$", "abcd", 0 },
	{ E, "a{2,3}", "aaaa", 0 },
	{ E, "a{2}", "a", 0 },
	{ E, "a{2,}b", "aaaaab", 0 },
	{ E, "a{,2}b", "aaab", 0 },
	{ E, "(ab){1,2}c", "ababc", 0 },
	{ E, "[a-c]+", "xxbcaz", 0 },
	{ E, "[^a-c]+", "abcxyzabc", 0 },
	{ E, "[]a]+", "]a]b", 0 },
	{ E, "[^]a]+", "]a]bcd", 0 },
	{ E, "[a-]+", "-a-b", 0 },
	{ E, "[[:digit:]]+", "abc123def", 0 },
	{ E, "[[:alpha:][:space:]]+", "12 ab cd 34", 0 },
	{ E, "[[:upper:]]", "abcDef", 0 },
	{ E, "[[.a.]-c]+", "xabcx", 0 },
	{ E, "[[=e=]]", "xex", 0 },
	{ E, "a.c", "a\nc", 0 },
	{ N | E, "a.c", "a\nc", 0 },
	{ N | E, "^b", "a\nb", 0 },
	{ N | E, "a$", "a\nb", 0 },
	{ E, "^b", "a\nb", 0 },
	{ N | E, "[^x]+", "ab\ncd", 0 },
	{ E, "abc", "abc", REG_NOTBOL },
	{ E, "^abc", "abc", REG_NOTBOL },
	{ E, "abc$", "abc", REG_NOTEOL },
	{ E | I, "AbC", "xaBcx", 0 },
	{ E | I, "[a-c]+", "xABCx", 0 },
	{ E | I, "[^a]", "Ab", 0 },
	{ E, "\\w+", "  foo_bar9 ", 0 },
	{ E, "\\W+", "ab, cd", 0 },
	{ E, "\\s+", "ab \t cd", 0 },
	{ E, "\\S+", "  ab  ", 0 },
	{ E, "\\bfoo\\b", "afoo foo", 0 },
	{ E, "\\Boo", "foo", 0 },
	{ E, "\\<b", "ab b", 0 },
	{ E, "a\\>", "ab a", 0 },
	{ E, "(foo|foobar)", "foobar", 0 },
	{ E, "(a|ab)(bc|c)", "abc", 0 },
	{ E, "(.*)-(.*)", "a-b-c", 0 },
	{ E, "(.*?)", "abc", 0 },
	{ E, "()", "abc", 0 },
	{ E, "a||b", "b", 0 },
	{ E, "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "abcdefghijk", 0 },
	{ E, "(a)\\1", "xaax", 0 },
	{ E, "(a*)b\\1", "aaabaa", 0 },
	{ E, "([a-z]+) \\1", "the the cat", 0 },
	{ E, "a)", "a)", 0 },
	{ E, "\\(a\\)", "(a)", 0 },
	{ E, "a\\.b", "a.b", 0 },
	{ E, "a{1", "a{1", 0 },
	{ E, "a{x", "a{x", 0 },
	{ E, "", "abc", 0 },
	/* BREs */
	{ 0, "abc", "xabcx", 0 },
	{ 0, "a\\(b\\)c", "abc", 0 },
	{ 0, "a*", "aaa", 0 },
	{ 0, "*a", "*a", 0 },
	{ 0, "\\(*a\\)", "*a", 0 },
	{ 0, "^*", "*", 0 },
	{ 0, "a\\{2\\}", "aaa", 0 },
	{ 0, "a\\{1,2\\}", "aaa", 0 },
	{ 0, "a+b", "a+b", 0 },
	{ 0, "a\\+b", "aaab", 0 },
	{ 0, "a\\?b", "b", 0 },
	{ 0, "a\\|b", "b", 0 },
	{ 0, "a|b", "a|b", 0 },
	{ 0, "(a)", "(a)", 0 },
	{ 0, "a^b", "a^b", 0 },
	{ 0, "a$b", "a$b", 0 },
	{ 0, "\\(^a\\)", "a", 0 },
	{ 0, "\\(a$\\)", "a", 0 },
	{ 0, "\\(a\\)\\1", "aa", 0 },
	{ 0, "\\([ab]*\\)c\\1", "abcab", 0 },
	{ 0, "[0-9]\\{3\\}-[0-9]\\{4\\}", "call 555-1234 now", 0 },
	{ 0, ".*", "", 0 },
	{ 0, "x.*y", "axbycy", 0 },
	/* errors */
	{ E, "(", "", 0 },
	{ E, "a)(", "", 0 },
	{ E, "[a", "", 0 },
	{ E, "[[:foo:]]", "", 0 },
	{ E, "a\\", "", 0 },
	{ E, "z-a", "z-a", 0 },
	{ E, "[z-a]", "", 0 },
	{ E, "*a", "", 0 },
	{ E, "a**", "aa", 0 },
	{ E, "a{2,1}", "", 0 },
	{ E, "a{1,2", "", 0 },
	{ E, "(a)\\2", "", 0 },
	{ E, "+", "", 0 },
	{ 0, "\\(", "", 0 },
	{ 0, "\\)", "", 0 },
	{ 0, "a\\{1", "", 0 },
	{ 0, "a\\{1,x\\}", "", 0 },
	{ 0, "[[.ab.]]", "", 0 },
};

int main(void)
{
	char msg[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rcase *c = &cases[i];
		regex_t re;
		regmatch_t m[12];
		int r = regcomp(&re, c->pattern, c->cflags);

		printf("%2zu %s /%s/ ", i, c->cflags & E ? "ERE" : "BRE",
		       c->pattern);
		if (r) {
			regerror(r, &re, msg, sizeof(msg));
			printf("regcomp error %d: %s\n", r, msg);
			continue;
		}
		printf("nsub=%zu ", re.re_nsub);
		r = regexec(&re, c->subject, 12, m, c->eflags);
		if (r) {
			regerror(r, &re, msg, sizeof(msg));
			printf("-> %s\n", msg);
		} else {
			printf("->");
			for (size_t k = 0; k <= re.re_nsub && k < 12; k++)
				printf(" (%d,%d)", m[k].rm_so, m[k].rm_eo);
			printf("\n");
		}
		regfree(&re);
	}

	/* REG_NOSUB leaves pmatch alone; REG_STARTEND limits the subject. */
	regex_t re;
	regmatch_t m[2] = { { 7, 7 }, { 7, 7 } };

	int r;

	regcomp(&re, "b+", REG_EXTENDED | REG_NOSUB);
	r = regexec(&re, "abbc", 2, m, 0);
	printf("nosub: %d (%d,%d)\n", r, m[0].rm_so, m[0].rm_eo);
	regfree(&re);
	regcomp(&re, "^b+$", REG_EXTENDED);
	m[0].rm_so = 1;
	m[0].rm_eo = 3;
	r = regexec(&re, "abbc", 2, m, REG_STARTEND);
	printf("startend: %d (%d,%d)\n", r, m[0].rm_so, m[0].rm_eo);
	regfree(&re);

	/* A pathological pattern for backtracking matchers finishes. */
	char subject[64];

	memset(subject, 'a', 40);
	subject[40] = '\0';
	regcomp(&re, "(a*)*(a*)*(a*)*b", REG_EXTENDED);
	printf("pathological: %d\n", regexec(&re, subject, 0, NULL, 0));
	regfree(&re);

	/* regerror truncates and reports the full size. */
	size_t n1 = regerror(REG_NOMATCH, NULL, msg, 4);
	size_t n2 = regerror(REG_ESPACE, NULL, NULL, 0);
	printf("regerror sizes: %zu %zu [%s]\n", n1, n2, msg);
	return 0;
}
