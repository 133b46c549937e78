/* lfind/lsearch (linear search in an array, lsearch appending a missing
 * key) and insque/remque (doubly linked queues whose elements start with
 * the forward and backward pointers). */
#include <search.h>
#include <string.h>

void *lfind(const void *key, const void *base, size_t *nelp, size_t width, __compar_fn_t compar)
{
	const char *p = base;

	for (size_t i = 0; i < *nelp; i++, p += width)
		if (compar(key, p) == 0)
			return (void *)p;
	return NULL;
}

void *lsearch(const void *key, void *base, size_t *nelp, size_t width, __compar_fn_t compar)
{
	void *found = lfind(key, base, nelp, width, compar);

	if (found)
		return found;
	found = (char *)base + *nelp * width;
	memcpy(found, key, width);
	++*nelp;
	return found;
}

struct qelem {
	struct qelem *next, *prev;
};

void insque(void *element, void *pred)
{
	struct qelem *e = element, *p = pred;

	if (!p) {
		e->next = e->prev = NULL;
		return;
	}
	e->next = p->next;
	e->prev = p;
	p->next = e;
	if (e->next)
		e->next->prev = e;
}

void remque(void *element)
{
	struct qelem *e = element;

	if (e->next)
		e->next->prev = e->prev;
	if (e->prev)
		e->prev->next = e->next;
}
