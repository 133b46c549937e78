/* uname [-asnrvmo]: the system's names, as GNU uname prints them: -s
 * kernel name (the default), -n node name, -r release, -v version, -m
 * machine, -o operating system, -a all of these. */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16, OS = 32 };

int main(int argc, char **argv)
{
	struct utsname u;
	int want = 0, printed = 0;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1]) {
			fprintf(stderr, "uname: extra operand '%s'\n", argv[i]);
			return 1;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'a': want |= SYSNAME | NODENAME | RELEASE | VERSION | MACHINE | OS; break;
			case 's': want |= SYSNAME; break;
			case 'n': want |= NODENAME; break;
			case 'r': want |= RELEASE; break;
			case 'v': want |= VERSION; break;
			case 'm': want |= MACHINE; break;
			case 'o': want |= OS; break;
			default:
				fprintf(stderr, "uname: invalid option -- '%c'\nusage: uname [-asnrvmo]\n", *p);
				return 1;
			}
		}
	}
	if (!want)
		want = SYSNAME;
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	const char *os = strcmp(u.sysname, "Linux") == 0 ? "GNU/Linux" : u.sysname;
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine, os };

	for (int f = 0; f < 6; f++)
		if (want & (1 << f))
			printf("%s%s", printed++ ? " " : "", fields[f]);
	putchar('\n');
	return 0;
}
