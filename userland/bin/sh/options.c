/* sh: the shell's options, set by `set -e -u -x` (`+` turns them off; also
 * `set -o errexit|nounset|xtrace`) and by `sh -e -u -x FILE`:
 *   -e errexit  a command that fails ends the shell with its status,
 *               except where its status is tested: an if, while or until
 *               condition, any command of && and || but the last, a `!`
 *               pipeline (eval.c);
 *   -u nounset  expanding an unset parameter (but $@ and $*, and the
 *               ${NAME-WORD} forms) is an error that ends a script with
 *               status 2 (expand.c);
 *   -x xtrace   each simple command is written to standard error after
 *               its expansions, after $PS4 ("+ " when unset). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

int opt_errexit, opt_nounset, opt_xtrace;
int errexit_suppressed;

static const struct {
	char letter;
	const char *name;
	int *flag;
} options[] = {
	{ 'e', "errexit", &opt_errexit },
	{ 'u', "nounset", &opt_nounset },
	{ 'x', "xtrace", &opt_xtrace },
};

/* The option of a letter, or (letter 0) of a name. */
static int *find(char letter, const char *name)
{
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (letter ? options[i].letter == letter : name && strcmp(options[i].name, name) == 0)
			return options[i].flag;
	return NULL;
}

int options_apply(char **argv, int *used)
{
	int i = 0;

	for (; argv[i] && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		int on = argv[i][0] == '-';

		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (argv[i][1] == 'o' && !argv[i][2]) {
			int *flag = argv[i + 1] ? find(0, argv[i + 1]) : NULL;

			if (!flag) {
				fprintf(stderr, "sh: set: %s: bad option name\n", argv[i + 1] ? argv[i + 1] : "(none)");
				return -1;
			}
			*flag = on;
			i++;
			continue;
		}
		for (const char *c = argv[i] + 1; *c; c++) {
			int *flag = find(*c, "");

			if (!flag) {
				fprintf(stderr, "sh: set: %c%c: bad option\n", argv[i][0], *c);
				return -1;
			}
			*flag = on;
		}
	}
	*used = i;
	return 0;
}

void xtrace(char **assigns, char **argv)
{
	const char *ps4 = var_get("PS4");
	char line[SH_MAX_LINE];
	size_t n = 0;

	if (!assigns[0] && !argv[0])
		return;
	n += (size_t)snprintf(line, sizeof line, "%s", ps4 ? ps4 : "+ ");
	for (int pass = 0; pass < 2; pass++)
		for (char **w = pass ? argv : assigns; *w && n < sizeof line; w++)
			n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", w == assigns || (pass && w == argv && !assigns[0]) ? "" : " ", *w);
	if (n >= sizeof line - 1)
		n = sizeof line - 2;
	line[n++] = '\n';
	fflush(stdout);
	write(2, line, n);
}
