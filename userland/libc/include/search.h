/* Searching tables (POSIX search.h): binary search trees (tsearch,
 * tfind, tdelete, twalk, and GNU's tdestroy), one hash table (hcreate,
 * hsearch, hdestroy), linear search (lsearch, lfind) and doubly linked
 * queues (insque, remque). */
#ifndef _SEARCH_H
#define _SEARCH_H

#include <stddef.h>

typedef enum { FIND, ENTER } ACTION;
typedef struct entry {
	char *key;
	void *data;
} ENTRY;
typedef enum { preorder, postorder, endorder, leaf } VISIT;

int hcreate(size_t nel);
void hdestroy(void);
ENTRY *hsearch(ENTRY item, ACTION action);

typedef int (*__compar_fn_t)(const void *, const void *);
void *tsearch(const void *key, void **rootp, __compar_fn_t compar);
void *tfind(const void *key, void *const *rootp, __compar_fn_t compar);
void *tdelete(const void *key, void **rootp, __compar_fn_t compar);
void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth));
void tdestroy(void *root, void (*free_node)(void *key));

void *lsearch(const void *key, void *base, size_t *nelp, size_t width, __compar_fn_t compar);
void *lfind(const void *key, const void *base, size_t *nelp, size_t width, __compar_fn_t compar);

void insque(void *element, void *pred);
void remque(void *element);

#endif
