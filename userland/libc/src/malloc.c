/* malloc, free, calloc, realloc: a boundary-tag allocator with segregated
 * free lists.
 *
 * Memory comes in regions: the brk heap (grown in place while the break
 * stays ours) and, when brk fails, anonymous mappings. A region is a run of
 * blocks ended by a zero-sized "epilogue" header:
 *
 *   region start (16-aligned)
 *   | pad (16 - W) | hdr | payload ... | hdr | payload ... | epilogue hdr |
 *                        ^ 16-aligned
 *
 * Each block starts with one word (W bytes): its size (a multiple of 16,
 * header included) with flag bits below. A free block also keeps its size
 * in its last word (the footer) and two free-list links in its payload, so
 * free() can merge with either neighbour in O(1). Requests of MMAP_MIN or
 * more get a mapping of their own, returned to the kernel on free.
 *
 * Once the process has a second thread, one lock serialises the calls
 * (fork holds it too, so a child never inherits a heap mid-change). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "thread.h"

#define W sizeof(size_t)
#define ALIGN 16
#define INUSE 1u      /* this block is allocated */
#define PREV_INUSE 2u /* the block before is allocated (no footer there) */
#define MAPPED 4u     /* a block with a mapping of its own */
#define FLAGS 15u
#define MIN_BLOCK ((4 * W + ALIGN - 1) & ~(size_t)(ALIGN - 1))
#define NBINS 26
#define GROW_MIN (16 * 1024)
#define MMAP_MIN (128 * 1024)
#define PAGE 4096

typedef struct block {
	size_t head;
	struct block *next, *prev; /* only while free */
} block;

static block *bins[NBINS];
static char *brk_end;   /* end of the brk region, if any */
static char *regions;             /* singly linked through each region's pad */

static size_t bsize(const block *b) { return b->head & ~(size_t)FLAGS; }
static block *after(block *b) { return (block *)((char *)b + bsize(b)); }
static size_t *footer(block *b) { return (size_t *)((char *)after(b) - W); }
static void *payload(block *b) { return (char *)b + W; }
static block *of_payload(void *p) { return (block *)((char *)p - W); }

/* Only valid when !(b->head & PREV_INUSE): the footer before b gives it. */
static block *before(block *b)
{
	return (block *)((char *)b - *((size_t *)b - 1));
}

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/* Bin i holds sizes in [2^(i+4), 2^(i+5)); the last bin takes the rest. */
static int bin_of(size_t size)
{
	int i = 0;

	for (size >>= 5; size && i < NBINS - 1; size >>= 1)
		i++;
	return i;
}

static void bin_insert(block *b)
{
	int i = bin_of(bsize(b));

	b->prev = NULL;
	b->next = bins[i];
	if (bins[i])
		bins[i]->prev = b;
	bins[i] = b;
}

static void bin_remove(block *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		bins[bin_of(bsize(b))] = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

/* Marks b free, merges it with free neighbours and files it in a bin. */
static void release(block *b)
{
	size_t size = bsize(b);
	block *next = after(b);

	if (!(next->head & INUSE)) {
		bin_remove(next);
		size += bsize(next);
	}
	if (!(b->head & PREV_INUSE)) {
		b = before(b);
		bin_remove(b);
		size += bsize(b);
	}
	b->head = size | PREV_INUSE; /* a free block never follows a free one */
	*footer(b) = size;
	after(b)->head &= ~(size_t)PREV_INUSE;
	bin_insert(b);
}

/* b is in use and at least `need` bytes: give the tail back if it is big
 * enough to be a block of its own. */
static void trim(block *b, size_t need)
{
	size_t size = bsize(b);
	block *rest;

	if (size - need < MIN_BLOCK) {
		after(b)->head |= PREV_INUSE;
		return;
	}
	b->head = need | (b->head & FLAGS);
	rest = after(b);
	rest->head = (size - need) | PREV_INUSE | INUSE;
	release(rest);
}

static block *find_fit(size_t need)
{
	for (int i = bin_of(need); i < NBINS; i++)
		for (block *b = bins[i]; b; b = b->next)
			if (bsize(b) >= need)
				return b;
	return NULL;
}

/* Lays out a fresh region [start, start+len) as one free block. */
static void add_region(char *start, size_t len)
{
	block *b = (block *)(start + ALIGN - W);
	block *epilogue = (block *)(start + len - W);

	*(char **)start = regions;
	regions = start;
	b->head = (len - ALIGN) | PREV_INUSE | INUSE;
	epilogue->head = INUSE;
	release(b);
}

/* The break is still where we left it: the old epilogue becomes the header
 * of a new free block covering the added bytes. */
static void extend_brk(size_t add)
{
	block *b = (block *)(brk_end - W);

	b->head = add | (b->head & PREV_INUSE) | INUSE;
	brk_end += add;
	((block *)(brk_end - W))->head = INUSE;
	release(b);
}

static int grow_brk(size_t need)
{
	size_t add = align_up(need + ALIGN, GROW_MIN);
	char *cur = sbrk(0), *start;

	if (cur == (char *)-1)
		return 0;
	if (brk_end && cur == brk_end) {
		if (sbrk((intptr_t)add) == (void *)-1)
			return 0;
		extend_brk(add);
		return 1;
	}
	/* A new brk region (first use, or someone else moved the break):
	 * ask for enough that both of its ends are 16-aligned. */
	start = (char *)align_up((uintptr_t)cur, ALIGN);
	if (sbrk((intptr_t)(start + add - cur)) == (void *)-1)
		return 0;
	brk_end = start + add;
	add_region(start, add);
	return 1;
}

/* When brk cannot grow (no heap, or something mapped in the way). */
static int grow_mmap(size_t need)
{
	size_t len = align_up(need + ALIGN, GROW_MIN);
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	add_region(p, len);
	return 1;
}

static void *map_large(size_t n)
{
	size_t len = align_up(n + ALIGN, PAGE);
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	block *b;

	if (p == MAP_FAILED)
		return NULL;
	b = (block *)(p + ALIGN - W);
	b->head = len | MAPPED | INUSE;
	return payload(b);
}

static void unmap_large(block *b)
{
	munmap((char *)b - (ALIGN - W), bsize(b));
}

/* The block size serving an n-byte request, or 0 if n is absurd. */
static size_t block_size(size_t n)
{
	size_t need;

	if (n > SIZE_MAX / 2)
		return 0;
	need = align_up(n + W, ALIGN);
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static void *do_malloc(size_t n)
{
	size_t need = block_size(n ? n : 1);
	block *b;

	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	if (need >= MMAP_MIN)
		return map_large(n);
	b = find_fit(need);
	if (!b && (grow_brk(need) || grow_mmap(need)))
		b = find_fit(need);
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	bin_remove(b);
	b->head |= INUSE;
	trim(b, need);
	return payload(b);
}

static void do_free(void *p)
{
	block *b;

	if (!p)
		return;
	b = of_payload(p);
	if (b->head & MAPPED) {
		unmap_large(b);
		return;
	}
	release(b);
}

void *calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

static size_t usable_size(block *b)
{
	return bsize(b) - (b->head & MAPPED ? ALIGN : W);
}

/* Grows in place by swallowing a free successor when there is one. */
static int grow_in_place(block *b, size_t need)
{
	block *next = after(b);

	if (next->head & INUSE || bsize(b) + bsize(next) < need)
		return 0;
	bin_remove(next);
	b->head += bsize(next);
	trim(b, need);
	return 1;
}

static void *do_realloc(void *p, size_t n)
{
	size_t need = block_size(n);
	block *b;
	void *q;

	if (!p)
		return do_malloc(n);
	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	b = of_payload(p);
	if (!(b->head & MAPPED)) {
		if (bsize(b) >= need) {
			trim(b, need);
			return p;
		}
		if (grow_in_place(b, need))
			return p;
	} else if (usable_size(b) >= n && usable_size(b) / 2 < n) {
		return p; /* the mapping still fits and is not too wasteful */
	}
	q = do_malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, usable_size(b) < n ? usable_size(b) : n);
	do_free(p);
	return q;
}

static volatile int heap_lock;

void __malloc_lock(void)
{
	if (__libc_threaded)
		__lock(&heap_lock);
}

void __malloc_unlock(void)
{
	if (__libc_threaded)
		__unlock(&heap_lock);
}

void *malloc(size_t n)
{
	void *p;

	__malloc_lock();
	p = do_malloc(n);
	__malloc_unlock();
	return p;
}

void free(void *p)
{
	__malloc_lock();
	do_free(p);
	__malloc_unlock();
}

void *realloc(void *p, size_t n)
{
	__malloc_lock();
	p = do_realloc(p, n);
	__malloc_unlock();
	return p;
}

/* Checks one region's blocks; returns how many, or -1. *nfree counts the
 * free ones so the caller can compare with the bins. */
static long verify_region(char *start, long *nfree)
{
	block *b = (block *)(start + ALIGN - W);
	int prev_free = 0;
	long n = 0;

	if (!(b->head & PREV_INUSE))
		return -1;
	for (; bsize(b) != 0; b = after(b), n++) {
		int is_free = !(b->head & INUSE);

		if (bsize(b) < MIN_BLOCK || bsize(b) % ALIGN ||
		    ((uintptr_t)payload(b) & (ALIGN - 1)))
			return -1;
		if ((!(b->head & PREV_INUSE)) != prev_free)
			return -1;
		if (is_free && (prev_free || *footer(b) != bsize(b)))
			return -1;
		*nfree += is_free;
		prev_free = is_free;
	}
	return (b->head & INUSE) ? n : -1;
}

long malloc_verify(void)
{
	long blocks = 0, nfree = 0, binned = 0;

	for (char *r = regions; r; r = *(char **)r) {
		long n = verify_region(r, &nfree);

		if (n < 0)
			return -1;
		blocks += n;
	}
	for (int i = 0; i < NBINS; i++)
		for (block *b = bins[i]; b; b = b->next, binned++)
			if ((b->head & INUSE) || bin_of(bsize(b)) != i)
				return -1;
	return binned == nfree ? blocks : -1;
}
