/* search.h: a tsearch tree under many inserts and deletes (checked
 * against a plain array, walked in order), hsearch on a table filled to
 * its limit, lsearch/lfind, insque/remque. */
#define _GNU_SOURCE /* tdestroy */
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int walked[4096], nwalked, maxdepth;

static void collect(const void *node, VISIT which, int depth)
{
	if (depth > maxdepth)
		maxdepth = depth;
	if (which == postorder || which == leaf)
		walked[nwalked++] = **(int *const *)node;
}

static void keep(void *key)
{
	(void)key; /* the keys are in a static array */
}

static unsigned seed = 12345;

static int rnd(int n)
{
	seed = seed * 1103515245 + 12345;
	return (int)((seed >> 8) % (unsigned)n);
}

int main(void)
{
	static int keys[1000];
	static char present[1000];
	void *root = NULL;
	int count = 0, mismatches = 0;

	for (int i = 0; i < 1000; i++)
		keys[i] = i;
	for (int step = 0; step < 20000; step++) {
		int k = rnd(1000);

		if (rnd(3)) {
			int **p = tsearch(&keys[k], &root, cmp_int);

			if (!p || **p != k)
				mismatches++;
			count += !present[k];
			present[k] = 1;
		} else {
			void *r = tdelete(&keys[k], &root, cmp_int);

			if ((r != NULL) != present[k])
				mismatches++;
			count -= present[k];
			present[k] = 0;
		}
		int k2 = rnd(1000);
		int *const *f = tfind(&keys[k2], &root, cmp_int);

		if ((f != NULL) != present[k2] || (f && **f != k2))
			mismatches++;
	}
	nwalked = 0;
	twalk(root, collect);
	int inorder = nwalked == count;

	for (int i = 1; i < nwalked; i++)
		inorder &= walked[i - 1] < walked[i];
	printf("tsearch: %d keys, walk in order %s, mismatches %d, depth small %s\n", count, inorder ? "yes" : "no",
	       mismatches, maxdepth <= 20 ? "yes" : "no");
	for (int i = 0; i < 10 && i < nwalked; i++)
		printf("%d ", walked[i]);
	printf("\n");
	printf("tfind on empty: %s, tdelete absent: %s\n", tfind(&keys[1], &(void *){ NULL }, cmp_int) ? "found" : "NULL",
	       tdelete(&keys[1], &(void *){ NULL }, cmp_int) ? "found" : "NULL");
	tdestroy(root, keep);

	/* hsearch */
	char names[60][8];
	int made = hcreate(50), entered = 0, found = 0;

	for (int i = 0; i < 60; i++) {
		snprintf(names[i], sizeof(names[i]), "k%d", i);
		ENTRY e = { names[i], (void *)(long)(i * 10) };

		if (hsearch(e, ENTER))
			entered++;
	}
	for (int i = 0; i < 60; i++) {
		ENTRY e = { names[i], NULL }, *r = hsearch(e, FIND);

		if (r && (long)r->data == i * 10 && strcmp(r->key, names[i]) == 0)
			found++;
	}
	ENTRY dup = { names[3], (void *)999L }, *d = hsearch(dup, ENTER);
	ENTRY miss = { "absent", NULL };

	printf("hcreate %d: entered %d, found %d, duplicate keeps %ld, absent %s\n", made, entered, found,
	       d ? (long)d->data : -1L, hsearch(miss, FIND) ? "found" : "NULL");
	hdestroy();

	/* lsearch/lfind */
	int table[10], key;
	size_t n = 0;

	for (int i = 0; i < 8; i++) {
		key = (i * 7) % 5;
		lsearch(&key, table, &n, sizeof(int), cmp_int);
	}
	key = 3;
	int *hit = lfind(&key, table, &n, sizeof(int), cmp_int);
	key = 9;
	printf("lsearch: %zu distinct:", n);
	for (size_t i = 0; i < n; i++)
		printf(" %d", table[i]);
	printf("; lfind 3 at %ld, 9 %s\n", hit ? (long)(hit - table) : -1L,
	       lfind(&key, table, &n, sizeof(int), cmp_int) ? "found" : "NULL");

	/* insque/remque */
	struct q {
		struct q *next, *prev;
		int v;
	} e[4] = { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 0, 2 }, { 0, 0, 3 } };

	insque(&e[0], NULL);
	insque(&e[1], &e[0]);
	insque(&e[3], &e[1]);
	insque(&e[2], &e[1]);
	remque(&e[1]);
	printf("queue:");
	for (struct q *p = &e[0]; p; p = p->next)
		printf(" %d(prev %d)", p->v, p->prev ? p->prev->v : -1);
	printf("\n");
	return 0;
}
