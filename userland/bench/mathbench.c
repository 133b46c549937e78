/* Throughput of libm, printf's float conversions and strtod: nanoseconds
 * per call for each, on fixed pseudo-random arguments. Portable C: npm run
 * bench runs the prebuilt x86_64 ELF (JOS's libc) natively and the same
 * file compiled against the host's glibc, and prints the ratios.
 *
 *   mathbench [SCALE]    (default 1: about a second in all)
 *
 * Output: one "name ns-per-call checksum" line per measurement; the
 * checksums (of the results) keep the compiler from dropping the calls. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 1024

static uint64_t state = 88172645463325252ULL;
static double args[N], args2[N], small[N];
static char texts[N][32];

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static double now(void)
{
	struct timespec ts;

	/* CPU time: the bench machine is shared */
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void report(const char *name, double start, long calls, double sum)
{
	printf("%s %.2f %.6g\n", name, (now() - start) / (double)calls, sum);
}

#define BENCH1(fn, array)                                             \
	do {                                                          \
		double sum = 0, start = now();                        \
		for (long r = 0; r < reps; r++)                       \
			for (int i = 0; i < N; i++)                   \
				sum += fn(array[i]);                  \
		report(#fn, start, reps * N, sum);                    \
	} while (0)

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1, reps = 40 * scale;
	char buf[64];

	for (int i = 0; i < N; i++) {
		args[i] = (double)(next() >> 11) * 0x1p-53 * 20.0 - 10.0;
		args2[i] = (double)(next() >> 11) * 0x1p-53 * 4.0;
		small[i] = (double)(next() >> 11) * 0x1p-53 * 2.0 - 1.0;
		uint64_t bits = next() >> 2 | 0x3000000000000000ULL;
		double v;

		memcpy(&v, &bits, sizeof(v));
		snprintf(texts[i], sizeof(texts[i]), "%.17g", v);
	}
	BENCH1(sqrt, args2);
	BENCH1(exp, args);
	BENCH1(log, args2);
	BENCH1(sin, args);
	BENCH1(cos, args);
	BENCH1(tan, args);
	BENCH1(atan, args);
	BENCH1(asin, small);
	BENCH1(sinh, args);
	BENCH1(cbrt, args);
	{
		double sum = 0, start = now();

		for (long r = 0; r < reps; r++)
			for (int i = 0; i < N; i++)
				sum += pow(args2[i], args[i]);
		report("pow", start, reps * N, sum);
	}
	{
		double sum = 0, start = now();

		for (long r = 0; r < reps / 4; r++)
			for (int i = 0; i < N; i++)
				sum += snprintf(buf, sizeof(buf), "%.17g", args[i] * 1e10);
		report("printf-%.17g", start, reps / 4 * N, sum);
	}
	{
		double sum = 0, start = now();

		for (long r = 0; r < reps / 4; r++)
			for (int i = 0; i < N; i++)
				sum += snprintf(buf, sizeof(buf), "%.3f", args[i]);
		report("printf-%.3f", start, reps / 4 * N, sum);
	}
	{
		double sum = 0, start = now();

		for (long r = 0; r < reps / 4; r++)
			for (int i = 0; i < N; i++)
				sum += strtod(texts[i], NULL);
		report("strtod", start, reps / 4 * N, sum);
	}
	return 0;
}
