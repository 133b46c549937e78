/* rand/srand/random/srandom with glibc's generator (its default TYPE_3
 * additive feedback: r[i] = r[i-3] + r[i-31], seeded by the Park-Miller
 * sequence, the first 310 values dropped, outputs shifted right by one),
 * so programs that print rand() print glibc's numbers. rand_r is glibc's
 * small LCG-based one. */
#include <stdint.h>
#include <stdlib.h>

#define DEG 31
#define SEP 3

static uint32_t state[DEG];
static int front = SEP, rear; /* indices of r[i-3] and r[i-31] */
static int seeded;

void srandom(unsigned int seed)
{
	int32_t word = (int32_t)(seed ? seed : 1);

	state[0] = (uint32_t)word;
	for (int i = 1; i < DEG; i++) {
		/* 16807 * word mod (2^31 - 1) without overflow (Schrage). */
		int32_t hi = word / 127773, lo = word % 127773;

		word = 16807 * lo - 2836 * hi;
		if (word < 0)
			word += 2147483647;
		state[i] = (uint32_t)word;
	}
	front = SEP;
	rear = 0;
	seeded = 1;
	for (int i = 0; i < 10 * DEG; i++)
		random();
}

long random(void)
{
	uint32_t v;

	if (!seeded)
		srandom(1);
	state[front] += state[rear];
	v = state[front] >> 1;
	if (++front == DEG)
		front = 0;
	if (++rear == DEG)
		rear = 0;
	return (long)v;
}

void srand(unsigned int seed) { srandom(seed); }
int rand(void) { return (int)random(); }

int rand_r(unsigned int *seed)
{
	unsigned int next = *seed;
	int result;

	next = next * 1103515245 + 12345;
	result = (unsigned int)(next / 65536) % 2048;
	next = next * 1103515245 + 12345;
	result <<= 10;
	result ^= (unsigned int)(next / 65536) % 1024;
	next = next * 1103515245 + 12345;
	result <<= 10;
	result ^= (unsigned int)(next / 65536) % 1024;
	*seed = next;
	return result;
}
