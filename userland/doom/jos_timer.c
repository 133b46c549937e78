/* Time for the engine: milliseconds and 35 Hz tics since the first call,
 * from CLOCK_MONOTONIC, and sleeps with nanosleep. */
#include <time.h>

#include "i_timer.h"

static int have_base;
static struct timespec base;

static void take_base(void)
{
	if (!have_base) {
		clock_gettime(CLOCK_MONOTONIC, &base);
		have_base = 1;
	}
}

int I_GetTimeMS(void)
{
	struct timespec now;

	take_base();
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (long long)(now.tv_sec - base.tv_sec) * 1000 + (now.tv_nsec - base.tv_nsec) / 1000000;
	return (int)ms;
}

int I_GetTime(void)
{
	return (int)(((long long)I_GetTimeMS() * TICRATE) / 1000);
}

void I_Sleep(int ms)
{
	struct timespec wait = { ms / 1000, (long)(ms % 1000) * 1000000L };

	if (ms > 0)
		nanosleep(&wait, NULL);
}

/* A VGA vertical retrace comes 70 times a second. */
void I_WaitVBL(int count)
{
	I_Sleep((count * 1000) / 70);
}

void I_InitTimer(void)
{
	take_base();
}
