/* getopt, getopt_long and getopt_long_only with glibc's behaviour: options
 * may follow operands (argv is permuted so the operands end up last),
 * unless optstring starts with '+' or POSIXLY_CORRECT is set; a leading
 * '-' returns operands as option 1; a leading ':' (after those) reports a
 * missing argument as ':' and prints nothing. Setting optind to 0 restarts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

static int nextchar;   /* position inside a cluster of short options */
static int displaced;  /* operands moved from before argv[optind] ... */

enum { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static int is_option(const char *s)
{
	return s[0] == '-' && s[1] != '\0';
}

/* Moves argv[from] to argv[to] (to < from), shifting the ones between. */
static void rotate(char *const argv[], int to, int from)
{
	char **v = (char **)argv, *moved = v[from];

	memmove(&v[to + 1], &v[to], (size_t)(from - to) * sizeof(*v));
	v[to] = moved;
}

static void complain(const char *prog, const char *fmt, const char *a,
		     int c)
{
	fprintf(stderr, "%s: ", prog);
	if (a)
		fprintf(stderr, fmt, a);
	else
		fprintf(stderr, fmt, c);
}

static int long_option(int argc, char *const argv[], const char *optstring,
		       const struct option *longopts, int *longindex,
		       const char *name, int colon)
{
	size_t len = strcspn(name, "=");
	const struct option *match = NULL;
	int ambiguous = 0, index = -1;

	for (int i = 0; longopts[i].name; i++) {
		const struct option *o = &longopts[i];

		if (strncmp(o->name, name, len))
			continue;
		if (strlen(o->name) == len) { /* exact: wins outright */
			match = o;
			index = i;
			ambiguous = 0;
			break;
		}
		if (!match) {
			match = o;
			index = i;
		} else if (match->has_arg != o->has_arg ||
			   match->flag != o->flag || match->val != o->val) {
			ambiguous = 1;
		}
	}
	optind++;
	if (ambiguous) {
		if (opterr) {
			fprintf(stderr, "%s: option '%s%.*s' is ambiguous; "
				"possibilities:", argv[0],
				argv[optind - 1][1] == '-' ? "--" : "-",
				(int)len, name);
			for (int i = 0; longopts[i].name; i++)
				if (!strncmp(longopts[i].name, name, len))
					fprintf(stderr, " '--%s'",
						longopts[i].name);
			fputc('\n', stderr);
		}
		optopt = 0;
		return '?';
	}
	if (!match)
		return -1; /* the caller decides: unknown, or a short option */
	optopt = match->val;
	if (name[len] == '=') {
		if (match->has_arg == no_argument) {
			if (opterr)
				fprintf(stderr, "%s: option '--%s' doesn't "
					"allow an argument\n", argv[0],
					match->name);
			return '?';
		}
		optarg = (char *)name + len + 1;
	} else if (match->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !colon)
				fprintf(stderr, "%s: option '--%s' requires "
					"an argument\n", argv[0], match->name);
			return colon ? ':' : '?';
		}
		if (displaced) /* the argument follows the moved option */
			rotate(argv, optind, optind + displaced);
		optarg = argv[optind++];
	} else {
		optarg = NULL;
	}
	(void)optstring;
	if (longindex) /* only on success, as glibc */
		*longindex = index;
	if (match->flag) {
		*match->flag = match->val;
		return 0;
	}
	return match->val;
}

static int parse(int argc, char *const argv[], const char *optstring,
		 const struct option *longopts, int *longindex, int long_only)
{
	int mode = PERMUTE, colon;
	const char *arg, *spec;
	char c;

	if (optind == 0) {
		optind = 1;
		nextchar = 0;
		displaced = 0;
	}
	if (*optstring == '+' || getenv("POSIXLY_CORRECT"))
		mode = REQUIRE_ORDER;
	if (*optstring == '-')
		mode = RETURN_IN_ORDER;
	if (*optstring == '+' || *optstring == '-')
		optstring++;
	colon = *optstring == ':';
	optarg = NULL;

	if (nextchar == 0) {
		displaced = 0;
		if (optind >= argc || !argv[optind])
			return -1;
		if (!is_option(argv[optind])) {
			if (mode == REQUIRE_ORDER)
				return -1;
			if (mode == RETURN_IN_ORDER) {
				optarg = argv[optind++];
				return 1;
			}
			/* Find the next option and move it before the
			 * operands; none left means we are done. */
			int j = optind;

			while (j < argc && !is_option(argv[j]))
				j++;
			if (j == argc)
				return -1;
			displaced = j - optind;
			rotate(argv, optind, j);
		}
		arg = argv[optind];
		if (!strcmp(arg, "--")) {
			optind++;
			return -1;
		}
		if (longopts && (arg[1] == '-' || long_only)) {
			const char *name = arg + 1 + (arg[1] == '-');
			int saved = optind;
			int r = long_option(argc, argv, optstring, longopts,
					    longindex, name, colon);

			if (r != -1)
				return r;
			/* getopt_long_only falls back to short options when
			 * "-x" is not a long one and x is a short one. */
			if (arg[1] == '-' || !strchr(optstring, arg[1])) {
				if (opterr)
					fprintf(stderr, "%s: unrecognized "
						"option '%s'\n", argv[0], arg);
				optopt = 0;
				return '?';
			}
			optind = saved;
		}
		nextchar = 1;
	}
	arg = argv[optind];
	c = arg[nextchar++];
	spec = c == ':' || c == ';' ? NULL : strchr(optstring, c);
	if (arg[nextchar] == '\0') {
		optind++;
		nextchar = 0;
	}
	if (!spec) {
		if (opterr && !colon)
			complain(argv[0], "invalid option -- '%c'\n", NULL, c);
		optopt = (unsigned char)c;
		return '?';
	}
	if (spec[1] != ':')
		return c;
	if (nextchar) { /* the rest of this element is the argument */
		optarg = (char *)arg + nextchar;
		optind++;
		nextchar = 0;
	} else if (spec[2] != ':') { /* required: the next element */
		if (optind >= argc) {
			optopt = (unsigned char)c;
			if (opterr && !colon)
				complain(argv[0], "option requires an "
					 "argument -- '%c'\n", NULL, c);
			return colon ? ':' : '?';
		}
		if (displaced)
			rotate(argv, optind, optind + displaced);
		optarg = argv[optind++];
	}
	return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return parse(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	return parse(argc, argv, optstring, longopts, longindex, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex)
{
	return parse(argc, argv, optstring, longopts, longindex, 1);
}
