/* hcreate/hsearch/hdestroy: one open-addressing table of a prime size at
 * least the requested one (as glibc sizes it), keys compared as strings,
 * double hashing. ENTER fails with ENOMEM once every slot is used; an
 * existing key keeps its first data. */
#include <errno.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

static ENTRY *table;
static size_t size, used;

static int is_prime(size_t n)
{
	for (size_t d = 3; d * d <= n; d += 2)
		if (n % d == 0)
			return 0;
	return 1;
}

int hcreate(size_t nel)
{
	if (table) /* one table at a time */
		return 0;
	if (nel < 3)
		nel = 3;
	nel |= 1;
	while (!is_prime(nel))
		nel += 2;
	table = calloc(nel, sizeof(*table));
	if (!table)
		return 0;
	size = nel;
	used = 0;
	return 1;
}

void hdestroy(void)
{
	free(table);
	table = NULL;
	size = used = 0;
}

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

ENTRY *hsearch(ENTRY item, ACTION action)
{
	if (!table) {
		errno = ESRCH;
		return NULL;
	}
	size_t h = hash(item.key), i = h % size, step = 1 + h % (size - 2);

	for (size_t probes = 0; probes < size; probes++, i = (i + step) % size) {
		if (!table[i].key) {
			if (action == FIND || used == size) {
				errno = action == FIND ? ESRCH : ENOMEM;
				return NULL;
			}
			table[i] = item;
			used++;
			return &table[i];
		}
		if (strcmp(table[i].key, item.key) == 0)
			return &table[i];
	}
	errno = action == FIND ? ESRCH : ENOMEM;
	return NULL;
}
