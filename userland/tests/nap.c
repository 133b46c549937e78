/* nap: one nanosleep of SECONDS (default an hour), then prints "awake".
 * The host-I/O tests watch the host's memory and CPU while it sleeps. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec t = { .tv_sec = argc > 1 ? atol(argv[1]) : 3600, .tv_nsec = 0 };

	if (nanosleep(&t, 0) != 0)
		return 1;
	printf("awake\n");
	return 0;
}
