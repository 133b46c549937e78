/* memstress: the address-space calls under load, with checksums.
 *   brk/sbrk: grow in steps, fill, verify, shrink, verify what remains.
 *   mmap/munmap: many regions, holes punched, neighbours left intact.
 *   mprotect: a read-only or PROT_NONE page faults (in a child).
 *   malloc: thousands of random malloc/realloc/free with patterns.
 * Peak use stays near 300 KiB, so it fits the small board too. The brk
 * phase runs before anything calls malloc, which owns the break after. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "testlib.h"

#define PAGE 4096

/* A byte pattern that depends on where it is and which pass wrote it. */
static unsigned char pattern(size_t i, unsigned seed)
{
	return (unsigned char)((i * 131 + seed * 7 + (i >> 8)) ^ seed);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(i, seed);
}

static int holds(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(i, seed))
			return 0;
	return 1;
}

static void test_brk(void)
{
	char *base = sbrk(0), *p;
	size_t total = 0;
	int ok = 1;

	check(base != (char *)-1, "sbrk(0) gives the break");
	for (unsigned step = 1; step <= 8; step++) {
		size_t n = step * PAGE + 100 * step; /* not page-aligned */

		p = sbrk((intptr_t)n);
		ok &= p == base + total;
		fill((unsigned char *)p, n, step);
		total += n;
	}
	check(ok, "8 sbrk steps, %lu bytes, each at the old break",
	      (unsigned long)total);
	check(sbrk(0) == base + total, "break is base + total");
	check(holds((unsigned char *)base + total - (8 * PAGE + 800),
		    8 * PAGE + 800, 8),
	      "the last step still holds its pattern");
	p = sbrk(-(intptr_t)(total / 2));
	check(p == base + total, "shrinking returns the old break");
	check(holds((unsigned char *)base, PAGE + 100, 1),
	      "the first step survives the shrink");
	check(brk(base) == 0 && sbrk(0) == base, "brk(base) restores the break");
	p = sbrk(PAGE);
	check(p == base, "growing again after a shrink reuses the same address");
	memset(p, 0xa5, PAGE);
	check(brk(base) == 0, "and brk back to the start");
}

static unsigned char *map(size_t n, int prot)
{
	return mmap(NULL, n, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void test_mmap(void)
{
	unsigned char *r[12];
	int ok = 1, zero = 1;

	for (int i = 0; i < 12; i++) {
		size_t n = (size_t)(i % 4 + 1) * PAGE;

		r[i] = map(n, PROT_READ | PROT_WRITE);
		ok &= r[i] != MAP_FAILED && ((uintptr_t)r[i] & (PAGE - 1)) == 0;
		zero &= ok && r[i][0] == 0 && r[i][n - 1] == 0;
		if (ok)
			fill(r[i], n, 100 + i);
	}
	check(ok, "12 anonymous mappings, page aligned");
	check(zero, "fresh anonymous memory reads as zero");
	for (int i = 1; i < 12; i += 2)
		ok &= munmap(r[i], (size_t)(i % 4 + 1) * PAGE) == 0;
	check(ok, "munmap of every other mapping");
	for (int i = 0; i < 12; i += 2)
		ok &= holds(r[i], (size_t)(i % 4 + 1) * PAGE, 100 + i);
	check(ok, "the remaining mappings are intact");
	/* r[3] is 4 pages: punch out the middle two */
	r[3] = map(4 * PAGE, PROT_READ | PROT_WRITE);
	fill(r[3], 4 * PAGE, 7);
	check(munmap(r[3] + PAGE, 2 * PAGE) == 0, "munmap of the middle pages");
	check(holds(r[3], PAGE, 7) && r[3][3 * PAGE + 5] == pattern(3 * PAGE + 5, 7),
	      "pages on both sides of the hole keep their data");
	munmap(r[3], PAGE);
	munmap(r[3] + 3 * PAGE, PAGE);
	for (int i = 0; i < 12; i += 2)
		munmap(r[i], (size_t)(i % 4 + 1) * PAGE);
	check_errno((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0), EINVAL, "mmap(len 0)");
	check_errno(munmap((void *)(uintptr_t)(PAGE + 1), PAGE), EINVAL,
		    "munmap(unaligned)");
}

static unsigned char *victim;

static int write_victim(void *arg)
{
	(void)arg;
	victim[10] = 1;
	return 0;
}

static int read_victim(void *arg)
{
	(void)arg;
	return victim[10];
}

static void expect_segv(int (*fn)(void *), const char *what)
{
	int status = wait_for(spawn(fn, NULL));

	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s: %s",
	      what, describe_status(status));
}

static void test_mprotect(void)
{
	victim = map(2 * PAGE, PROT_READ | PROT_WRITE);
	fill(victim, 2 * PAGE, 3);
	check(mprotect(victim, PAGE, PROT_READ) == 0, "mprotect(PROT_READ)");
	check(holds(victim, 2 * PAGE, 3), "read-only page still reads");
	expect_segv(write_victim, "child writing a read-only page");
	check(mprotect(victim, PAGE, PROT_NONE) == 0, "mprotect(PROT_NONE)");
	expect_segv(read_victim, "child reading a PROT_NONE page");
	check(mprotect(victim, PAGE, PROT_READ | PROT_WRITE) == 0,
	      "mprotect back to read-write");
	check(holds(victim, 2 * PAGE, 3), "both pages kept their data");
	victim[10] = 42;
	check(victim[10] == 42, "the page takes writes again");
	check_errno(mprotect(victim + 1, PAGE, PROT_READ), EINVAL,
		    "mprotect(unaligned)");
	munmap(victim, 2 * PAGE);
}

#define SLOTS 64
#define OPS 3000

static struct {
	unsigned char *p;
	size_t n;
	unsigned seed;
} slot[SLOTS];

static unsigned long long lcg_state = 12345;

static unsigned lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(lcg_state >> 33);
}

/* Mostly small, some medium, a few big enough for their own mapping. */
static size_t random_size(void)
{
	unsigned r = lcg() % 100;

	if (r < 80)
		return 1 + lcg() % 300;
	if (r < 98)
		return 300 + lcg() % 6000;
	return 130000 + lcg() % 8000;
}

/* One random operation on a random slot; returns 0 if data was lost. */
static int malloc_op(unsigned op, uint32_t *crc)
{
	unsigned i = lcg() % SLOTS;
	int ok = 1;

	if (slot[i].p) {
		ok = holds(slot[i].p, slot[i].n, slot[i].seed);
		*crc = crc32(*crc, slot[i].p, slot[i].n);
	}
	if (slot[i].p && lcg() % 3 == 0) {
		size_t n = random_size(), keep = n < slot[i].n ? n : slot[i].n;
		unsigned char *p = realloc(slot[i].p, n);

		ok &= p != NULL && holds(p, keep, slot[i].seed);
		slot[i].p = p;
		slot[i].n = n;
	} else if (slot[i].p) {
		free(slot[i].p);
		slot[i].p = NULL;
		return ok;
	} else {
		slot[i].n = random_size();
		slot[i].p = malloc(slot[i].n);
		ok &= slot[i].p != NULL && ((uintptr_t)slot[i].p & 15) == 0;
	}
	slot[i].seed = op;
	if (slot[i].p)
		fill(slot[i].p, slot[i].n, op);
	return ok;
}

static void test_malloc(void)
{
	uint32_t crc = 0;
	int ok = 1, heap_ok = 1;
	unsigned char *z;

	for (unsigned op = 1; op <= OPS; op++) {
		ok &= malloc_op(op, &crc);
		if (op % 250 == 0)
			heap_ok &= malloc_verify() >= 0;
	}
	check(ok, "%d random malloc/realloc/free kept every byte", OPS);
	check(heap_ok, "heap consistent at every check");
	printf("malloc data crc 0x%08x\n", (unsigned)crc);
	for (int i = 0; i < SLOTS; i++)
		free(slot[i].p);
	check(malloc_verify() >= 0, "heap consistent after freeing all");
	z = calloc(1000, 3);
	ok = z != NULL;
	for (int i = 0; ok && i < 3000; i++)
		ok &= z[i] == 0;
	check(ok, "calloc returns zeroed memory");
	free(z);
	free(NULL);
	check(calloc((size_t)-1 / 2, 4) == NULL && errno == ENOMEM,
	      "calloc overflow gives ENOMEM");
	check(malloc((size_t)-1 - 100) == NULL && errno == ENOMEM,
	      "an impossible malloc fails with ENOMEM");
}

int main(void)
{
	test_brk();
	test_mmap();
	test_mprotect();
	test_malloc();
	return finish("memstress");
}
