/* chmod MODE FILE...: sets permission bits. MODE is octal (755) or
 * symbolic clauses separated by commas: [ugoa]*[+-=][rwxXst]* (no
 * who means a, as if the umask were 0). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The new mode for `old` under MODE; -1 if MODE is not one. */
static long apply(const char *mode, mode_t old)
{
	char *end;
	long octal = strtol(mode, &end, 8);

	if (*mode >= '0' && *mode <= '7')
		return *end || octal > 07777 ? -1 : octal;
	long m = old & 07777;

	for (const char *p = mode; *p;) {
		int who = 0;

		for (; strchr("ugoa", *p) && *p; p++)
			who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
		if (!who)
			who = 07777;
		if (!*p || !strchr("+-=", *p))
			return -1;
		while (*p && strchr("+-=", *p)) {
			char op = *p++;
			int bits = 0;

			for (; *p && strchr("rwxXst", *p); p++) {
				switch (*p) {
				case 'r': bits |= 0444; break;
				case 'w': bits |= 0222; break;
				case 'x': bits |= 0111; break;
				case 'X': if (S_ISDIR(old) || (old & 0111)) bits |= 0111; break;
				case 's': bits |= 06000; break;
				case 't': bits |= 01000; break;
				}
			}
			bits &= who;
			if (op == '+')
				m |= bits;
			else if (op == '-')
				m &= ~bits;
			else
				m = (m & ~(who & 07777)) | bits;
		}
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return m;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: chmod MODE FILE...\n");
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "chmod: cannot access '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		long mode = apply(argv[1], st.st_mode);

		if (mode < 0) {
			fprintf(stderr, "chmod: invalid mode: '%s'\n", argv[1]);
			return 1;
		}
		if (chmod(argv[i], (mode_t)mode) < 0) {
			fprintf(stderr, "chmod: changing permissions of '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
