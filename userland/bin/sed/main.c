/* sed [-n] [-E|-r] [-s] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT]
 * [FILE]...: the stream editor, POSIX's commands with GNU's common
 * extensions. Each input line goes into the pattern space, the script's
 * commands run on it, and it is printed (unless -n). -i edits each FILE
 * in place (a copy FILE+SUFFIX kept when SUFFIX is given); -s and -i make
 * each file its own stream (line numbers and $ per file).
 *
 * Addresses: N, $, /RE/ (\cREc: any delimiter c; I after it: any case),
 * ADDR1,ADDR2 (a range; a number ADDR2 at or before ADDR1's line selects
 * that line only), GNU's FIRST~STEP and ADDR1,+N, and ! after them
 * selects the other lines.
 * Commands: { } s/RE/REPLACEMENT/[g][p][N][I][w FILE] (& and \1..\9 in
 * the replacement, GNU's \U \L \E \u \l), y/ABC/XYZ/, p P d D n N g G h
 * H x = q[CODE] a i c (as `a\` + lines or `a TEXT`), : LABEL, b [LABEL],
 * t [LABEL], # comments, and GNU's Q[CODE], T [LABEL], F, l [WIDTH],
 * r FILE, w FILE and z.
 * REs are POSIX basic ones (-E: extended), \n a newline; an empty RE is
 * the last one used; \n and \t are a newline and a tab in REs and
 * replacements. Status 0; 1 for a bad script (4: a jump to no label or
 * a w file that cannot be opened); 2 when an input file could not be
 * read; q's CODE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sed.h"

int quiet, extended, separate, in_place;
const char *suffix = "";
int status;

static void usage(void)
{
	fprintf(stderr, "usage: sed [-n] [-E] [-s] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...\n");
	exit(1);
}

static void add_script_file(const char *name)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	struct buf b = { 0 };
	char chunk[512];
	size_t n;

	if (!f) {
		fprintf(stderr, "sed: couldn't open file %s: %s\n", name, strerror(errno));
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	add_script(b.s ? b.s : "");
	free(b.s);
}

int main(int argc, char **argv)
{
	int i = 1, have_script = 0;

	out = stdout;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n') {
				quiet = 1;
			} else if (*o == 'E' || *o == 'r') {
				extended = 1;
			} else if (*o == 's') {
				separate = 1;
			} else if (*o == 'i') {
				in_place = separate = 1;
				suffix = o + 1;
				break;
			} else if (*o == 'e' || *o == 'f') {
				const char *arg = o[1] ? o + 1 : argv[++i];

				if (!arg)
					usage();
				if (*o == 'e')
					add_script(arg);
				else
					add_script_file(arg);
				have_script = 1;
				break;
			} else {
				fprintf(stderr, "sed: invalid option -- '%c'\n", *o);
				usage();
			}
		}
	}
	if (!have_script) {
		if (i >= argc)
			usage();
		add_script(argv[i++]);
	}
	files = argv + i;
	nfiles = argc - i;
	if (in_place && !nfiles) {
		fprintf(stderr, "sed: no input files\n");
		return 1;
	}
	parse();
	if (open_next())
		read_ahead();
	run();
	quit(0);
}
