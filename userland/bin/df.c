/* df [-h] [FILE]...: the mounted file systems (from Linux's /proc/mounts)
 * with their sizes, used and available space and use in 1K blocks, as
 * coreutils' df lays them out; with FILEs, the file systems they are on.
 * -h gives sizes as 1.5M, 20K (powers of 1024). Pseudo file systems
 * with no blocks (proc, devtmpfs of size 0) are left out unless named. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define MAX_MOUNTS 64

struct mount {
	char source[128], dir[256], type[32];
	unsigned long long size, used, avail; /* bytes */
	int percent;
};

static int human;

static void human_size(unsigned long long bytes, char *out, size_t n)
{
	static const char units[] = "KMGTPE";
	unsigned long long v = bytes, scale = 1;
	int u = -1;

	if (bytes < 1024) {
		snprintf(out, n, "%llu", bytes);
		return;
	}
	while (v >= 1024 && u < 5) {
		v /= 1024;
		scale *= 1024;
		u++;
	}
	/* One decimal below 10, rounded up as coreutils does. */
	if (v < 10) {
		unsigned long long tenths = (bytes * 10 + scale - 1) / scale;

		if (tenths < 100) {
			snprintf(out, n, "%llu.%llu%c", tenths / 10, tenths % 10, units[u]);
			return;
		}
	}
	snprintf(out, n, "%llu%c", (bytes + scale - 1) / scale, units[u]);
}

static void size_text(unsigned long long bytes, char *out, size_t n)
{
	if (human)
		human_size(bytes, out, n);
	else
		snprintf(out, n, "%llu", (bytes + 1023) / 1024);
}

/* Reads /proc/mounts: "source dir type options 0 0" lines. */
static int read_mounts(struct mount *m)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[512];
	int n = 0;

	if (!f) {
		fprintf(stderr, "df: /proc/mounts: %s\n", strerror(errno));
		return -1;
	}
	while (n < MAX_MOUNTS && fgets(line, sizeof line, f)) {
		char *save = NULL, *source = strtok_r(line, " ", &save), *dir = strtok_r(NULL, " ", &save),
		     *type = strtok_r(NULL, " ", &save);

		if (!source || !dir || !type)
			continue;
		snprintf(m[n].source, sizeof m[n].source, "%s", source);
		snprintf(m[n].dir, sizeof m[n].dir, "%s", dir);
		snprintf(m[n].type, sizeof m[n].type, "%s", type);
		n++;
	}
	fclose(f);
	return n;
}

static int measure(struct mount *m)
{
	struct statfs s;

	if (statfs(m->dir, &s) < 0)
		return -1;
	unsigned long long unit = s.f_frsize ? s.f_frsize : s.f_bsize;

	m->size = s.f_blocks * unit;
	m->used = (s.f_blocks - s.f_bfree) * unit;
	m->avail = s.f_bavail * unit;
	unsigned long long denominator = m->used + m->avail;

	/* Use%: used / (used + available), rounded up; "-" when empty. */
	m->percent = denominator ? (int)((m->used * 100 + denominator - 1) / denominator) : -1;
	return 0;
}

static void print(struct mount *rows[], int n)
{
	static char cells[MAX_MOUNTS + 1][4][32];
	const char *heads[4] = { human ? "Size" : "1K-blocks", "Used", human ? "Avail" : "Available", "Use%" };
	int widths[4], ws = (int)strlen("Filesystem");

	/* Each column as wide as its widest cell, numbers to the right. */
	for (int c = 0; c < 4; c++)
		widths[c] = (int)strlen(heads[c]);
	for (int i = 0; i < n; i++) {
		if ((int)strlen(rows[i]->source) > ws)
			ws = (int)strlen(rows[i]->source);
		size_text(rows[i]->size, cells[i][0], sizeof cells[i][0]);
		size_text(rows[i]->used, cells[i][1], sizeof cells[i][1]);
		size_text(rows[i]->avail, cells[i][2], sizeof cells[i][2]);
		if (rows[i]->percent < 0)
			snprintf(cells[i][3], sizeof cells[i][3], "-");
		else
			snprintf(cells[i][3], sizeof cells[i][3], "%d%%", rows[i]->percent);
		for (int c = 0; c < 4; c++)
			if ((int)strlen(cells[i][c]) > widths[c])
				widths[c] = (int)strlen(cells[i][c]);
	}
	printf("%-*s", ws, "Filesystem");
	for (int c = 0; c < 4; c++)
		printf(" %*s", widths[c], heads[c]);
	printf(" Mounted on\n");
	for (int i = 0; i < n; i++) {
		printf("%-*s", ws, rows[i]->source);
		for (int c = 0; c < 4; c++)
			printf(" %*s", widths[c], cells[i][c]);
		printf(" %s\n", rows[i]->dir);
	}
}

int main(int argc, char **argv)
{
	static struct mount mounts[MAX_MOUNTS];
	struct mount *rows[MAX_MOUNTS];
	int i = 1, n, nrows = 0, status = 0;

	if (i < argc && strcmp(argv[i], "-h") == 0) {
		human = 1;
		i++;
	}
	if ((n = read_mounts(mounts)) < 0)
		return 1;
	for (int k = 0; k < n; k++)
		if (measure(&mounts[k]) < 0)
			mounts[k].size = 0, mounts[k].percent = -2;
	if (i == argc) {
		for (int k = 0; k < n; k++)
			if (mounts[k].size > 0)
				rows[nrows++] = &mounts[k];
	}
	for (; i < argc; i++) {
		struct stat st, ms;
		int best = -1;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "df: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		/* The mount on the same device (the last one mounted there). */
		for (int k = 0; k < n; k++)
			if (mounts[k].percent != -2 && stat(mounts[k].dir, &ms) == 0 && ms.st_dev == st.st_dev)
				best = k;
		if (best < 0) {
			fprintf(stderr, "df: %s: no file system found\n", argv[i]);
			status = 1;
			continue;
		}
		rows[nrows++] = &mounts[best];
	}
	print(rows, nrows);
	return status;
}
