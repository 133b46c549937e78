/* tsearch and friends: an AVL tree. A node's first member is the key
 * pointer, so the node pointer these functions return points at the key,
 * as POSIX requires. Heights keep the tree balanced: every operation is
 * O(log n), recursion depth included. */
#include <search.h>
#include <stdlib.h>

struct node {
	const void *key;
	struct node *left, *right;
	int height;
};

static int height(struct node *n)
{
	return n ? n->height : 0;
}

static void fix(struct node *n)
{
	int l = height(n->left), r = height(n->right);

	n->height = (l > r ? l : r) + 1;
}

static struct node *rotate_right(struct node *n)
{
	struct node *l = n->left;

	n->left = l->right;
	l->right = n;
	fix(n);
	fix(l);
	return l;
}

static struct node *rotate_left(struct node *n)
{
	struct node *r = n->right;

	n->right = r->left;
	r->left = n;
	fix(n);
	fix(r);
	return r;
}

static struct node *balance(struct node *n)
{
	int d = height(n->left) - height(n->right);

	fix(n);
	if (d > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (d < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	return n;
}

/* Inserts key below n if absent; *found is the node holding the key, or
 * NULL when memory ran out. */
static struct node *insert(struct node *n, const void *key, __compar_fn_t cmp, struct node **found)
{
	if (!n) {
		n = malloc(sizeof(*n));
		if (n) {
			n->key = key;
			n->left = n->right = NULL;
			n->height = 1;
		}
		*found = n;
		return n;
	}
	int c = cmp(key, n->key);

	if (c == 0) {
		*found = n;
		return n;
	}
	if (c < 0)
		n->left = insert(n->left, key, cmp, found);
	else
		n->right = insert(n->right, key, cmp, found);
	return balance(n);
}

void *tsearch(const void *key, void **rootp, __compar_fn_t compar)
{
	struct node *found = NULL;

	if (!rootp)
		return NULL;
	*rootp = insert(*rootp, key, compar, &found);
	return found;
}

void *tfind(const void *key, void *const *rootp, __compar_fn_t compar)
{
	if (!rootp)
		return NULL;
	for (struct node *n = *rootp; n;) {
		int c = compar(key, n->key);

		if (c == 0)
			return n;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Unlinks the smallest node below n into *min. */
static struct node *take_min(struct node *n, struct node **min)
{
	if (!n->left) {
		*min = n;
		return n->right;
	}
	n->left = take_min(n->left, min);
	return balance(n);
}

/* Deletes key below n; *parent becomes the deleted node's parent (or
 * n itself when it is the root), *gone whether it was there. */
static struct node *delete(struct node *n, struct node *up, const void *key, __compar_fn_t cmp,
			   struct node **parent, int *gone)
{
	if (!n)
		return NULL;
	int c = cmp(key, n->key);

	if (c < 0) {
		n->left = delete(n->left, n, key, cmp, parent, gone);
	} else if (c > 0) {
		n->right = delete(n->right, n, key, cmp, parent, gone);
	} else {
		struct node *l = n->left, *r = n->right, *m;

		*gone = 1;
		*parent = up;
		free(n);
		if (!r)
			return l;
		r = take_min(r, &m);
		m->left = l;
		m->right = r;
		return balance(m);
	}
	return balance(n);
}

void *tdelete(const void *key, void **rootp, __compar_fn_t compar)
{
	struct node *parent = NULL;
	int gone = 0;

	if (!rootp || !*rootp)
		return NULL;
	struct node *root = *rootp;

	*rootp = delete(root, NULL, key, compar, &parent, &gone);
	if (!gone)
		return NULL;
	/* POSIX: the parent of the deleted node; for the root, some non-NULL
	 * pointer (the new root, or the old root pointer's address). */
	return parent ? (void *)parent : *rootp ? *rootp : (void *)rootp;
}

static void walk(const struct node *n, void (*action)(const void *, VISIT, int), int depth)
{
	if (!n->left && !n->right) {
		action(n, leaf, depth);
		return;
	}
	action(n, preorder, depth);
	if (n->left)
		walk(n->left, action, depth + 1);
	action(n, postorder, depth);
	if (n->right)
		walk(n->right, action, depth + 1);
	action(n, endorder, depth);
}

void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth))
{
	if (root && action)
		walk(root, action, 0);
}

void tdestroy(void *root, void (*free_node)(void *key))
{
	struct node *n = root;

	if (!n)
		return;
	tdestroy(n->left, free_node);
	tdestroy(n->right, free_node);
	if (free_node)
		free_node((void *)n->key);
	free(n);
}
