/* diff [-u | -U N] [-L LABEL]... FILE1 FILE2: the lines that differ
 * between two files ("-": standard input), as a shortest edit script
 * (Myers' O(ND) algorithm in linear space; each run of changes then
 * placed among equal lines as GNU diff places it). The normal
 * output is "LdR", "LaR", "LcR" with "< " and "> " lines; -u (or -U N) is
 * the unified format with N lines of context (3), headed by each file's
 * name and modification time, or its -L LABEL. A last line without a
 * newline is followed by "\ No newline at end of file". Files with a NUL
 * byte are "Binary files A and B differ". Status 0 when the files are the
 * same, 1 when they differ, 2 on trouble, as POSIX says. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

struct line {
	const char *text;
	size_t len;   /* without the newline */
	int newline;  /* 0 for a last line without one */
	int id;       /* equal lines, equal ids */
};

struct file {
	const char *name, *label;
	char *data;
	size_t size;
	struct line *lines;
	long n;
	char *changed; /* per line: deleted (file 1) or inserted (file 2) */
	struct stat st;
};

static struct file files[2];
static int unified = -1; /* the context lines of -u, or -1 */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "diff: out of memory\n");
		exit(2);
	}
	return p;
}

/* Reads the whole file; -1 after a message. */
static int load(struct file *f)
{
	int fd = strcmp(f->name, "-") == 0 ? 0 : open(f->name, O_RDONLY);
	size_t cap = 4096;

	if (fd < 0 || fstat(fd, &f->st) < 0) {
		fprintf(stderr, "diff: %s: %s\n", f->name, strerror(errno));
		return -1;
	}
	if (S_ISDIR(f->st.st_mode)) {
		fprintf(stderr, "diff: %s: Is a directory (comparing directories is not supported)\n", f->name);
		return -1;
	}
	f->data = xmalloc(cap);
	for (;;) {
		if (f->size == cap && !(f->data = realloc(f->data, cap *= 2)))
			xmalloc((size_t)-1);
		ssize_t r = read(fd, f->data + f->size, cap - f->size);

		if (r < 0) {
			fprintf(stderr, "diff: %s: %s\n", f->name, strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		f->size += r;
	}
	if (fd)
		close(fd);
	return 0;
}

static void split(struct file *f)
{
	long n = 0;

	for (size_t i = 0; i < f->size; i++)
		n += f->data[i] == '\n';
	n += f->size && f->data[f->size - 1] != '\n';
	f->lines = xmalloc((n + 1) * sizeof *f->lines);
	/* With a 0 before and after: the edges of slide()'s runs. */
	f->changed = calloc(n + 4, 1);
	if (!f->changed)
		xmalloc((size_t)-1);
	f->changed++;
	const char *p = f->data, *end = f->data + f->size;

	for (long k = 0; k < n; k++) {
		const char *nl = memchr(p, '\n', end - p);

		f->lines[k].text = p;
		f->lines[k].len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		f->lines[k].newline = nl != NULL;
		p = nl ? nl + 1 : end;
	}
	f->n = n;
}

/* Numbers the lines of both files so that equal lines (and only they)
 * have equal ids: a hash table of the distinct lines. */
static void number_lines(void)
{
	long total = files[0].n + files[1].n, size = 1;

	while (size < 2 * total + 1)
		size *= 2;
	struct line **table = calloc(size, sizeof *table);
	int next = 0;

	if (!table)
		xmalloc((size_t)-1);
	for (int f = 0; f < 2; f++)
		for (long k = 0; k < files[f].n; k++) {
			struct line *l = &files[f].lines[k];
			unsigned long h = 5381 + l->newline;

			for (size_t i = 0; i < l->len; i++)
				h = h * 33 + (unsigned char)l->text[i];
			for (unsigned long slot = h & (size - 1);; slot = (slot + 1) & (size - 1)) {
				struct line *o = table[slot];

				if (!o) {
					table[slot] = l;
					l->id = next++;
					break;
				}
				if (o->len == l->len && o->newline == l->newline && memcmp(o->text, l->text, l->len) == 0) {
					l->id = o->id;
					break;
				}
			}
		}
	free(table);
}

/* --- the shortest edit script (Myers 1986, the linear space variant) --- */

static long *forward, *backward; /* furthest x on each diagonal, offset */
static long offset;

static int same(long x, long y)
{
	return files[0].lines[x].id == files[1].lines[y].id;
}

/* The middle snake of A[a0,a1) and B[b0,b1): a point *mx,*my that a
 * shortest script passes through, found by searching from both ends at
 * once. Diagonals are k = x - y (x, y from the start; the backward search
 * counts from the ends, its diagonal k meets the forward one delta - k),
 * kept inside the rectangle, -1 beyond its edges. Forward, the diagonals
 * run from high to low, backward from low to high, a tie goes to a
 * deletion, and the point is where the snake that met the other search
 * ends: GNU diff's choices among equally short scripts. */
static void middle(long a0, long a1, long b0, long b1, long *mx, long *my)
{
	long n = a1 - a0, m = b1 - b0, delta = n - m, odd = delta & 1;
	long *f = forward + offset, *b = backward + offset;
	long lo = 0, hi = 0; /* the diagonals of this step (both searches) */

	f[0] = 0;
	b[0] = 0;
	while (f[0] < n && f[0] < m && same(a0 + f[0], b0 + f[0]))
		f[0]++;
	while (b[0] < n && b[0] < m && same(a1 - 1 - b[0], b1 - 1 - b[0]))
		b[0]++;
	if (odd == 0 && delta == 0 && f[0] + b[0] >= n) {
		*mx = a0 + f[0];
		*my = b0 + f[0];
		return;
	}
	for (long d = 1;; d++) {
		long prev_lo = lo, prev_hi = hi;

		/* The new diagonals: one more each way unless an edge stops them. */
		if (lo > -m)
			f[--lo - 1] = -1, b[lo - 1] = -1;
		else
			lo++;
		if (hi < n)
			f[++hi + 1] = -1, b[hi + 1] = -1;
		else
			hi--;
		for (long k = hi; k >= lo; k -= 2) {
			long x = f[k - 1] >= f[k + 1] ? f[k - 1] + 1 : f[k + 1], y = x - k;

			while (x < n && y < m && same(a0 + x, b0 + y))
				x++, y++;
			f[k] = x;
			if (odd && delta - k >= prev_lo && delta - k <= prev_hi && x + b[delta - k] >= n) {
				/* b[delta - k]: the backward search's previous step. */
				*mx = a0 + x;
				*my = b0 + y;
				return;
			}
		}
		for (long k = lo; k <= hi; k += 2) {
			long x = b[k - 1] >= b[k + 1] ? b[k - 1] + 1 : b[k + 1], y = x - k;

			while (x < n && y < m && same(a1 - 1 - x, b1 - 1 - y))
				x++, y++;
			b[k] = x;
			if (!odd && delta - k >= lo && delta - k <= hi && x + f[delta - k] >= n) {
				*mx = a1 - x;
				*my = b1 - y;
				return;
			}
		}
	}
}

static void compare(long a0, long a1, long b0, long b1)
{
	while (a0 < a1 && b0 < b1 && same(a0, b0))
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && same(a1 - 1, b1 - 1))
		a1--, b1--;
	if (a0 == a1) {
		memset(files[1].changed + b0, 1, b1 - b0);
		return;
	}
	if (b0 == b1) {
		memset(files[0].changed + a0, 1, a1 - a0);
		return;
	}
	long x, y;

	middle(a0, a1, b0, b1, &x, &y);
	if ((x == a0 && y == b0) || (x == a1 && y == b1)) {
		/* No progress (cannot happen with a true middle snake). */
		memset(files[0].changed + a0, 1, a1 - a0);
		memset(files[1].changed + b0, 1, b1 - b0);
		return;
	}
	compare(a0, x, b0, y);
	compare(x, a1, y, b1);
}

/* Places each run of changed lines of f as GNU diff does, among the
 * equally short scripts: slid up, then down, as far as equal lines allow
 * (merging with the runs it reaches), then back up to the last place
 * where it ends next to changed lines of the other file o, if it passed
 * one. j follows the line of o that f's line i is matched with. */
static void slide(struct file *f, const struct file *o)
{
	char *fc = f->changed;
	const char *oc = o->changed;
	const struct line *l = f->lines;
	long i = 0, j = 0, n = f->n;

	for (;;) {
		for (; i < n && !fc[i]; i++, j++)
			while (oc[j])
				j++;
		if (i == n)
			break;
		long start = i, length, ends_by_other;

		while (fc[i])
			i++;
		while (oc[j])
			j++;
		do {
			length = i - start;
			while (start > 0 && l[start - 1].id == l[i - 1].id) {
				fc[--start] = 1;
				fc[--i] = 0;
				while (start > 0 && fc[start - 1])
					start--;
				while (oc[--j])
					;
			}
			ends_by_other = oc[j - 1] ? i : n;
			while (i < n && l[start].id == l[i].id) {
				fc[start++] = 0;
				fc[i++] = 1;
				while (fc[i])
					i++;
				while (oc[++j])
					ends_by_other = i;
			}
		} while (length != i - start);
		while (ends_by_other < i) {
			fc[--start] = 1;
			fc[--i] = 0;
			while (oc[--j])
				;
		}
	}
}

/* --- output --- */

struct hunk {
	long a0, a1, b0, b1; /* the changed lines of each file */
};

static struct hunk *hunks;
static long nhunks;

static void find_hunks(void)
{
	long a = 0, b = 0;

	hunks = xmalloc((files[0].n + files[1].n + 1) * sizeof *hunks);
	while (a < files[0].n || b < files[1].n) {
		if (a < files[0].n && b < files[1].n && !files[0].changed[a] && !files[1].changed[b]) {
			a++, b++;
			continue;
		}
		struct hunk *h = &hunks[nhunks++];

		h->a0 = a;
		h->b0 = b;
		while (a < files[0].n && files[0].changed[a])
			a++;
		while (b < files[1].n && files[1].changed[b])
			b++;
		h->a1 = a;
		h->b1 = b;
	}
}

static void print_line(const char *mark, const struct line *l)
{
	fputs(mark, stdout);
	fwrite(l->text, 1, l->len, stdout);
	putchar('\n');
	if (!l->newline)
		fputs("\\ No newline at end of file\n", stdout);
}

/* "3" or "3,5" (1-based, inclusive); an empty range is its line before. */
static void range(long from, long to)
{
	if (to - from <= 1)
		printf("%ld", to - from == 1 ? from + 1 : from);
	else
		printf("%ld,%ld", from + 1, to);
}

static void normal(void)
{
	for (long i = 0; i < nhunks; i++) {
		const struct hunk *h = &hunks[i];
		char kind = h->a0 == h->a1 ? 'a' : h->b0 == h->b1 ? 'd' : 'c';

		range(h->a0, h->a1);
		putchar(kind);
		range(h->b0, h->b1);
		putchar('\n');
		for (long k = h->a0; k < h->a1; k++)
			print_line("< ", &files[0].lines[k]);
		if (kind == 'c')
			puts("---");
		for (long k = h->b0; k < h->b1; k++)
			print_line("> ", &files[1].lines[k]);
	}
}

/* A -u header line: the label, or the name and modification time. */
static void header(const char *mark, const struct file *f)
{
	if (f->label) {
		printf("%s %s\n", mark, f->label);
		return;
	}
	char when[64];
	struct tm tm;
	time_t t = f->st.st_mtim.tv_sec;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	printf("%s %s\t%s.%09ld +0000\n", mark, f->name, when, (long)f->st.st_mtim.tv_nsec);
}

/* "@@ -l,s +l,s @@": ",1" left out; an empty range starts at its line before. */
static void unified_range(long from, long to)
{
	long count = to - from;

	if (count == 1)
		printf("%ld", from + 1);
	else
		printf("%ld,%ld", count ? from + 1 : from, count);
}

static void unified_output(void)
{
	header("---", &files[0]);
	header("+++", &files[1]);
	for (long i = 0; i < nhunks;) {
		/* The hunks whose context touches, printed as one. */
		long last = i;

		while (last + 1 < nhunks && hunks[last + 1].a0 - hunks[last].a1 <= 2 * unified)
			last++;
		long a0 = hunks[i].a0 - unified, b0 = hunks[i].b0 - unified;
		long a1 = hunks[last].a1 + unified, b1 = hunks[last].b1 + unified;

		if (a0 < 0)
			b0 -= a0, a0 = 0;
		if (b0 < 0)
			a0 -= b0, b0 = 0;
		if (a1 > files[0].n)
			b1 -= a1 - files[0].n, a1 = files[0].n;
		if (b1 > files[1].n)
			a1 -= b1 - files[1].n, b1 = files[1].n;
		printf("@@ -");
		unified_range(a0, a1);
		printf(" +");
		unified_range(b0, b1);
		printf(" @@\n");
		long a = a0, b = b0;

		for (long k = i; k <= last; k++) {
			for (; a < hunks[k].a0; a++, b++)
				print_line(" ", &files[0].lines[a]);
			for (; a < hunks[k].a1; a++)
				print_line("-", &files[0].lines[a]);
			for (; b < hunks[k].b1; b++)
				print_line("+", &files[1].lines[b]);
		}
		for (; a < a1; a++, b++)
			print_line(" ", &files[0].lines[a]);
		i = last + 1;
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: diff [-u | -U N] [-L LABEL]... FILE1 FILE2\n");
	return 2;
}

int main(int argc, char **argv)
{
	int i = 1, labels = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i];

		if (strcmp(o, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(o, "-u") == 0) {
			unified = 3;
		} else if (strncmp(o, "-U", 2) == 0 || strncmp(o, "--unified=", 10) == 0) {
			const char *n = o[1] == 'U' ? (o[2] ? o + 2 : argv[++i]) : o + 10;
			char *end;

			if (!n || (unified = (int)strtol(n, &end, 10), *end) || unified < 0) {
				fprintf(stderr, "diff: invalid context length '%s'\n", n ? n : "");
				return usage();
			}
		} else if (strcmp(o, "-L") == 0 || strncmp(o, "--label=", 8) == 0) {
			const char *label = o[1] == 'L' ? argv[++i] : o + 8;

			if (!label || labels == 2)
				return usage();
			files[labels++].label = label;
		} else {
			fprintf(stderr, "diff: invalid option '%s'\n", o);
			return usage();
		}
	}
	if (argc - i != 2)
		return usage();
	files[0].name = argv[i];
	files[1].name = argv[i + 1];
	if (load(&files[0]) < 0 || load(&files[1]) < 0)
		return 2;
	if (files[0].size == files[1].size && memcmp(files[0].data, files[1].data, files[0].size) == 0)
		return 0;
	if (memchr(files[0].data, '\0', files[0].size) || memchr(files[1].data, '\0', files[1].size)) {
		printf("Binary files %s and %s differ\n", files[0].name, files[1].name);
		return 1;
	}
	split(&files[0]);
	split(&files[1]);
	number_lines();
	long diagonals = files[0].n + files[1].n + 3;

	offset = diagonals;
	forward = xmalloc((2 * diagonals + 1) * sizeof *forward);
	backward = xmalloc((2 * diagonals + 1) * sizeof *backward);
	compare(0, files[0].n, 0, files[1].n);
	slide(&files[0], &files[1]);
	slide(&files[1], &files[0]);
	find_hunks();
	if (unified >= 0)
		unified_output();
	else
		normal();
	return fflush(stdout) == 0 ? 1 : 2;
}
