/* sleep: nanosleep, usleep and clock_nanosleep take the time they should,
 * measured on CLOCK_MONOTONIC. The upper bound is loose (a loaded host
 * oversleeps); the lower bound is exact. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "testlib.h"

#define MS 1000000LL
#define SLACK (1000 * MS)

static void check_elapsed(const char *what, int64_t elapsed, int64_t want)
{
	check(elapsed >= want && elapsed < want + SLACK,
	      "%s slept at least %lld ms (and not far more)", what,
	      (long long)(want / MS));
}

static void test_nanosleep(void)
{
	static const long ms[] = { 1, 10, 50, 120 };

	for (unsigned i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		struct timespec req = { .tv_sec = ms[i] / 1000,
					.tv_nsec = (ms[i] % 1000) * MS };
		struct timespec rem = { 99, 99 };
		int64_t t0 = now_ns();
		int r = nanosleep(&req, &rem);
		char what[32];

		snprintf(what, sizeof(what), "nanosleep(%ld ms)", ms[i]);
		check(r == 0, "%s returned 0", what);
		check_elapsed(what, now_ns() - t0, ms[i] * MS);
	}
}

static void test_long_and_zero(void)
{
	struct timespec zero = { 0, 0 }, secs = { 1, 5 * MS };
	int64_t t0 = now_ns();

	check(nanosleep(&zero, NULL) == 0, "nanosleep(0) returns 0");
	t0 = now_ns();
	check(nanosleep(&secs, NULL) == 0, "nanosleep(1.005 s) returns 0");
	check_elapsed("nanosleep(1.005 s)", now_ns() - t0, 1005 * MS);
	t0 = now_ns();
	check(usleep(30000) == 0, "usleep(30000) returns 0");
	check_elapsed("usleep(30000)", now_ns() - t0, 30 * MS);
}

static void test_absolute(void)
{
	struct timespec target;
	int64_t want;

	clock_gettime(CLOCK_MONOTONIC, &target);
	target.tv_nsec += 40 * MS;
	if (target.tv_nsec >= 1000000000) {
		target.tv_sec++;
		target.tv_nsec -= 1000000000;
	}
	want = (int64_t)target.tv_sec * 1000000000 + target.tv_nsec;
	check(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, NULL) == 0,
	      "clock_nanosleep(TIMER_ABSTIME, now + 40 ms) returns 0");
	check(now_ns() >= want, "woke up no earlier than the absolute deadline");
	check(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, NULL) == 0,
	      "an absolute deadline in the past returns at once");
}

static void test_invalid(void)
{
	struct timespec big_nsec = { 0, 1000000000 }, negative = { -1, 0 };

	check_errno(nanosleep(&big_nsec, NULL), EINVAL,
		    "nanosleep(tv_nsec = 1e9)");
	check_errno(nanosleep(&negative, NULL), EINVAL,
		    "nanosleep(tv_sec = -1)");
	check(clock_nanosleep(CLOCK_MONOTONIC, 0, &big_nsec, NULL) == EINVAL,
	      "clock_nanosleep returns EINVAL itself");
}

int main(void)
{
	test_nanosleep();
	test_long_and_zero();
	test_absolute();
	test_invalid();
	return finish("sleep");
}
