/* sh: pools, the memory of one parse. Everything a parse makes (its copy
 * of the text, tokens, nodes, words) comes from one pool, freed at once
 * when its last holder lets go: the command that ran, and each function
 * defined in it (the function's body points into the pool). */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define CHUNK 8192

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct pool {
	int holders;
	struct chunk *chunks;
};

struct pool *pool_new(void)
{
	struct pool *p = calloc(1, sizeof *p);

	if (p)
		p->holders = 1;
	return p;
}

void *pool_alloc(struct pool *p, size_t n)
{
	struct chunk *c = p->chunks;

	n = (n + 7) & ~(size_t)7;
	if (!c || c->used + n > c->size) {
		size_t size = n > CHUNK ? n : CHUNK;

		c = malloc(sizeof *c + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = p->chunks;
		p->chunks = c;
	}
	void *r = c->data + c->used;

	c->used += n;
	memset(r, 0, n);
	return r;
}

char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

void pool_hold(struct pool *p)
{
	p->holders++;
}

void pool_release(struct pool *p)
{
	if (!p || --p->holders > 0)
		return;
	while (p->chunks) {
		struct chunk *next = p->chunks->next;

		free(p->chunks);
		p->chunks = next;
	}
	free(p);
}
