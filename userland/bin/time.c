/* time COMMAND [ARG]...: runs COMMAND and then prints, on stderr, the
 * wall-clock time it took and the CPU time its processes used, in POSIX's
 * `time -p` format ("real 0.25" ...). User and system times come from
 * getrusage(RUSAGE_CHILDREN); a kernel without it gets the real line
 * only. The status is COMMAND's (127 not found, 126 not runnable). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

static void print_seconds(const char *label, long long usec)
{
	fprintf(stderr, "%s %lld.%02lld\n", label, usec / 1000000, usec / 10000 % 100);
}

int main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage ru;
	int status, i = 1;

	if (i < argc && strcmp(argv[i], "-p") == 0)
		i++;
	if (i == argc) {
		fprintf(stderr, "usage: time [-p] COMMAND [ARG]...\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	fflush(stdout);
	pid_t pid = fork();

	if (pid < 0) {
		perror("time: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[i], argv + i);
		fprintf(stderr, "time: cannot run %s: %s\n", argv[i], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("time: waitpid");
			return 1;
		}
	clock_gettime(CLOCK_MONOTONIC, &end);
	long long real = (end.tv_sec - start.tv_sec) * 1000000LL + (end.tv_nsec - start.tv_nsec) / 1000;

	print_seconds("real", real);
	if (getrusage(RUSAGE_CHILDREN, &ru) == 0) {
		print_seconds("user", ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec);
		print_seconds("sys", ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
