/* kill [-SIGNAL | -s SIGNAL | -n NUMBER] PID...: sends SIGNAL (default
 * TERM) to each process (a negative PID: to its process group);
 * kill -l [NUMBER]: the signal names, or the name of one number (an exit
 * status above 128 names the signal that caused it). SIGNAL is a name,
 * with or without SIG, or a number. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[32] = {
	[1] = "HUP", [2] = "INT", [3] = "QUIT", [4] = "ILL", [5] = "TRAP",
	[6] = "ABRT", [7] = "BUS", [8] = "FPE", [9] = "KILL", [10] = "USR1",
	[11] = "SEGV", [12] = "USR2", [13] = "PIPE", [14] = "ALRM", [15] = "TERM",
	[16] = "STKFLT", [17] = "CHLD", [18] = "CONT", [19] = "STOP", [20] = "TSTP",
	[21] = "TTIN", [22] = "TTOU", [23] = "URG", [24] = "XCPU", [25] = "XFSZ",
	[26] = "VTALRM", [27] = "PROF", [28] = "WINCH", [29] = "POLL", [30] = "PWR",
	[31] = "SYS",
};

/* A signal's number from its name or number; -1 if there is none. */
static int signal_number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end)
		return n >= 0 && n < 32 ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < 32; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	if (strcasecmp(s, "IO") == 0)
		return 29;
	return -1;
}

static int list(char **args)
{
	if (!*args) {
		for (int i = 1; i < 32; i++)
			printf("%s\n", names[i]);
		return 0;
	}
	for (; *args; args++) {
		char *end;
		long n = strtol(*args, &end, 10);

		if (!**args || *end) {
			int sig = signal_number(*args);

			if (sig <= 0) {
				fprintf(stderr, "kill: '%s': invalid signal\n", *args);
				return 1;
			}
			printf("%d\n", sig);
			continue;
		}
		if (n > 128)
			n -= 128;
		if (n <= 0 || n >= 32) {
			fprintf(stderr, "kill: '%s': invalid signal\n", *args);
			return 1;
		}
		printf("%s\n", names[n]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (i < argc && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0))
		return list(argv + i + 1);
	if (i < argc && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0)) {
		if (i + 1 >= argc || (sig = signal_number(argv[i + 1])) < 0) {
			fprintf(stderr, "kill: '%s': invalid signal\n", i + 1 < argc ? argv[i + 1] : "");
			return 1;
		}
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
		if ((sig = signal_number(argv[i] + 1)) < 0) {
			fprintf(stderr, "kill: '%s': invalid signal\n", argv[i] + 1);
			return 1;
		}
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc) {
		fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID...\n       kill -l [NUMBER]\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (!*argv[i] || *end) {
			fprintf(stderr, "kill: '%s': not a process id\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
