/* clock: clock_gettime(CLOCK_MONOTONIC) never goes backwards, ticks in
 * nanoseconds (not micro- or milliseconds), and clock_getres says 1 ns;
 * CLOCK_REALTIME and time() agree; a bad clock id gives EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include "testlib.h"

#define SAMPLES 2000

static int64_t ns_of(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static void test_monotonic(void)
{
	struct timespec ts;
	int64_t prev = -1;
	int backwards = 0, bad_nsec = 0, fine_grained = 0, advanced = 0;

	for (int i = 0; i < SAMPLES; i++) {
		int64_t now;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = ns_of(&ts);
		bad_nsec += ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000;
		backwards += now < prev;
		advanced += now > prev && prev >= 0;
		fine_grained += ts.tv_nsec % 1000 != 0;
		prev = now;
	}
	check(backwards == 0, "CLOCK_MONOTONIC never went backwards in %d reads",
	      SAMPLES);
	check(bad_nsec == 0, "tv_nsec always within [0, 1e9)");
	check(advanced > 0, "CLOCK_MONOTONIC advanced between reads");
	check(fine_grained > 0, "readings are not multiples of 1 us (ns ticks)");
}

static void test_resolution(void)
{
	struct timespec res = { -1, -1 };

	check(clock_getres(CLOCK_MONOTONIC, &res) == 0,
	      "clock_getres(CLOCK_MONOTONIC) returns 0");
	check(res.tv_sec == 0 && res.tv_nsec == 1,
	      "CLOCK_MONOTONIC resolution is 1 ns");
}

static void test_realtime(void)
{
	struct timespec ts;
	time_t t;

	check(clock_gettime(CLOCK_REALTIME, &ts) == 0,
	      "clock_gettime(CLOCK_REALTIME) returns 0");
	check(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000,
	      "CLOCK_REALTIME tv_nsec within [0, 1e9)");
	t = time(NULL);
	check(t >= ts.tv_sec && t <= ts.tv_sec + 2, "time() agrees with it");
}

static void test_errors(void)
{
	struct timespec ts;

	check_errno(clock_gettime(12345, &ts), EINVAL, "clock_gettime(12345)");
	check_errno(clock_getres(12345, &ts), EINVAL, "clock_getres(12345)");
}

int main(void)
{
	test_monotonic();
	test_resolution();
	test_realtime();
	test_errors();
	return finish("clock");
}
