/* qsort (quicksort, median of three, insertion sort for short runs,
 * recursing on the smaller half so the stack stays O(log n)), bsearch, and
 * a small deterministic rand. */
#include <stdlib.h>

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

typedef int (*cmp_fn)(const void *, const void *);

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = base + i * size;
		     p > base && cmp(p - size, p) > 0; p -= size)
			swap_bytes(p - size, p, size);
}

/* Leaves the median of first, middle and last at the first position. */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;

	if (cmp(mid, lo) < 0)
		swap_bytes(mid, lo, size);
	if (cmp(hi, mid) < 0) {
		swap_bytes(hi, mid, size);
		if (cmp(mid, lo) < 0)
			swap_bytes(mid, lo, size);
	}
	swap_bytes(base, mid, size);
}

/* Lomuto partition around base[0]; returns the pivot's final index. */
static size_t partition(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t store = 0;

	for (size_t i = 1; i < n; i++)
		if (cmp(base + i * size, base) < 0)
			swap_bytes(base + ++store * size, base + i * size, size);
	swap_bytes(base, base + store * size, size);
	return store;
}

void qsort(void *v, size_t n, size_t size, cmp_fn cmp)
{
	char *base = v;

	while (n > 8) {
		size_t p;

		median_to_front(base, n, size, cmp);
		p = partition(base, n, size, cmp);
		if (p < n - p - 1) {
			qsort(base, p, size, cmp);
			base += (p + 1) * size;
			n -= p + 1;
		} else {
			qsort(base + (p + 1) * size, n - p - 1, size, cmp);
			n = p;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void *bsearch(const void *key, const void *v, size_t n, size_t size,
	      cmp_fn cmp)
{
	const char *base = v;

	while (n > 0) {
		const char *mid = base + (n / 2) * size;
		int c = cmp(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			base = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
