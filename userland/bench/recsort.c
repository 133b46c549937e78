/* recsort: sorting records with 16-bit keys three ways — libc qsort with a
 * comparator, a stable merge sort, and an LSD radix sort in two 8-bit
 * passes — then checking that all three agree and are ordered, and
 * grouping records into per-key linked lists. A real-program workload for
 * `npm run bench`.
 *   recsort [ROUNDS]   (default 3) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT 30000

struct record {
	uint16_t key;
	uint8_t tag;
	uint8_t flags;
	uint32_t id;
	struct record *next; /* per-key chains */
};

static uint32_t rng;

static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

static int by_key_then_id(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void merge_sort(struct record *v, struct record *tmp, size_t n)
{
	if (n < 16) {
		for (size_t i = 1; i < n; i++) {
			struct record x = v[i];
			size_t j = i;
			while (j > 0 && v[j - 1].key > x.key) {
				v[j] = v[j - 1];
				j--;
			}
			v[j] = x;
		}
		return;
	}
	size_t half = n / 2;
	merge_sort(v, tmp, half);
	merge_sort(v + half, tmp, n - half);
	size_t i = 0, j = half, o = 0;
	while (i < half && j < n)
		tmp[o++] = v[j].key < v[i].key ? v[j++] : v[i++];
	while (i < half)
		tmp[o++] = v[i++];
	while (j < n)
		tmp[o++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

static void radix_sort(struct record *v, struct record *tmp, size_t n)
{
	uint32_t count[256];
	for (int shift = 0; shift < 16; shift += 8) {
		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(uint8_t)(v[i].key >> shift)]++;
		uint32_t sum = 0;
		for (int b = 0; b < 256; b++) {
			uint32_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(uint8_t)(v[i].key >> shift)]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
	}
}

static uint32_t digest(const struct record *v, size_t n)
{
	uint32_t h = 0;
	for (size_t i = 0; i < n; i++)
		h = (h << 5 | h >> 27) ^ v[i].id ^ (uint32_t)v[i].key << 7 ^ v[i].tag;
	return h;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	struct record *orig = malloc(COUNT * sizeof *orig);
	struct record *a = malloc(COUNT * sizeof *a);
	struct record *b = malloc(COUNT * sizeof *b);
	struct record *tmp = malloc(COUNT * sizeof *tmp);
	struct record **chains = malloc(65536 * sizeof *chains);
	if (!orig || !a || !b || !tmp || !chains) {
		printf("recsort: out of memory\n");
		return 1;
	}
	uint32_t total = 0;
	for (int r = 0; r < rounds; r++) {
		rng = 0x12345u + (uint32_t)r;
		for (uint32_t i = 0; i < COUNT; i++) {
			uint32_t x = next_random();
			/* Skewed keys: many duplicates, like real data. */
			orig[i].key = (uint16_t)((x & 1) ? x % 4096 : x >> 4);
			orig[i].tag = (uint8_t)(x >> 16);
			orig[i].flags = 0;
			orig[i].id = i;
			orig[i].next = NULL;
		}
		memcpy(a, orig, COUNT * sizeof *a);
		qsort(a, COUNT, sizeof *a, by_key_then_id);
		memcpy(b, orig, COUNT * sizeof *b);
		merge_sort(b, tmp, COUNT);
		uint32_t hq = digest(a, COUNT), hm = digest(b, COUNT);
		memcpy(b, orig, COUNT * sizeof *b);
		radix_sort(b, tmp, COUNT);
		uint32_t hr = digest(b, COUNT);
		if (hq != hm || hq != hr) {
			printf("recsort: round %d: sorts disagree (%08x %08x %08x)\n", r, (unsigned)hq, (unsigned)hm, (unsigned)hr);
			return 1;
		}
		for (size_t i = 1; i < COUNT; i++)
			if (b[i - 1].key > b[i].key) {
				printf("recsort: round %d: out of order at %u\n", r, (unsigned)i);
				return 1;
			}
		/* Per-key chains, then walk the longest ones. */
		memset(chains, 0, 65536 * sizeof *chains);
		for (size_t i = 0; i < COUNT; i++) {
			b[i].next = chains[b[i].key];
			chains[b[i].key] = &b[i];
		}
		unsigned longest = 0;
		uint16_t longest_key = 0;
		uint32_t tags = 0;
		for (uint32_t k = 0; k < 65536; k++) {
			unsigned len = 0;
			for (struct record *p = chains[k]; p; p = p->next) {
				len++;
				tags += p->tag;
			}
			if (len > longest) {
				longest = len;
				longest_key = (uint16_t)k;
			}
		}
		printf("round %d: digest %08x, longest chain %u (key %u), tags %u\n", r, (unsigned)hq, longest, (unsigned)longest_key, (unsigned)tags);
		total ^= hq + tags;
	}
	printf("recsort: %d rounds of %d records, digest %08x\n", rounds, COUNT, (unsigned)total);
	return 0;
}
