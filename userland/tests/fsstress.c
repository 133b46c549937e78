/* fsstress: file-system workloads for the ext2 tests.
 *
 *   fsstress stress DIR NPROC NOPS SEED
 *     NPROC processes, each in DIR/pI, create, append to, truncate, rename
 *     (replacing) and delete files; each keeps a model of what its files
 *     hold (size and FNV-1a of the bytes) and writes it to DIR/pI.manifest
 *     ("name size fnv" lines) at the end; the test compares the image's
 *     files with the manifests. Prints "fsstress: ok" when all are done.
 *   fsstress sums DIR
 *     prints a line per entry under DIR: "PATH dir", "PATH link TARGET" or
 *     "PATH file SIZE HASH" (HASH: FNV-1a over 32-bit little-endian words,
 *     the last one zero-padded; cheap enough for a 70 MiB sparse file).
 *   fsstress synced DIR N
 *     writes DIR/sI (8 KiB of a pattern of I), fsyncs it and prints
 *     "synced I", for I = 0..N-1; then writes unsynced data forever (the
 *     kill-mid-write test kills jos there).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>

#if defined(__x86_64__)
#define NR_FSYNC 74
#define NR_SYNC 162
#define NR_RENAMEAT2 316
#define NR_FTRUNCATE 77
#define NR_READLINKAT 267
#else
#define NR_FSYNC 82
#define NR_SYNC 81
#define NR_RENAMEAT2 276
#define NR_FTRUNCATE 46
#define NR_READLINKAT 78
#endif
#define AT_FDCWD_ (-100)

#define MAX_FILES 64

struct file_model {
	int exists;
	unsigned long size;
	unsigned int fnv;
};

static unsigned int rnd_state;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static unsigned int fnv_update(unsigned int h, const unsigned char *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
	return h;
}

static void die(const char *what, const char *path)
{
	printf("fsstress: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static unsigned char buf[16384];

static void fill(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) buf[i] = (unsigned char)rnd();
}

static void write_all(int fd, unsigned long n, const char *path)
{
	unsigned long done = 0;
	while (done < n) {
		long w = write(fd, buf + done, n - done);
		if (w <= 0) die("write", path);
		done += (unsigned long)w;
	}
}

static void worker(const char *dir, int me, int ops, unsigned int seed)
{
	struct file_model files[MAX_FILES];
	char path[256], other[256];
	memset(files, 0, sizeof files);
	rnd_state = seed * 7919u + (unsigned int)me;
	char mine[200];
	snprintf(mine, sizeof mine, "%s/p%d", dir, me);
	if (mkdir(mine, 0755) < 0) die("mkdir", mine);
	for (int op = 0; op < ops; op++) {
		int f = (int)(rnd() % MAX_FILES);
		unsigned int what = rnd() % 100;
		snprintf(path, sizeof path, "%s/f%d", mine, f);
		if (!files[f].exists || what < 30) {
			/* create or overwrite */
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0) die("open", path);
			unsigned long n = rnd() % (what < 5 ? sizeof buf : 3000);
			fill(n);
			write_all(fd, n, path);
			close(fd);
			files[f].exists = 1;
			files[f].size = n;
			files[f].fnv = fnv_update(2166136261u, buf, n);
		} else if (what < 55) {
			int fd = open(path, O_WRONLY | O_APPEND);
			if (fd < 0) die("open", path);
			unsigned long n = rnd() % 2000;
			fill(n);
			write_all(fd, n, path);
			if (rnd() % 8 == 0 && syscall(NR_FSYNC, fd) < 0) die("fsync", path);
			close(fd);
			files[f].size += n;
			files[f].fnv = fnv_update(files[f].fnv, buf, n);
		} else if (what < 62) {
			int fd = open(path, O_WRONLY);
			if (fd < 0 || syscall(NR_FTRUNCATE, fd, 0L, 0L, 0L) < 0) die("ftruncate", path);
			close(fd);
			files[f].size = 0;
			files[f].fnv = 2166136261u;
		} else if (what < 82) {
			int g = (int)(rnd() % MAX_FILES);
			if (g == f) continue;
			snprintf(other, sizeof other, "%s/f%d", mine, g);
			if (syscall(NR_RENAMEAT2, AT_FDCWD_, path, AT_FDCWD_, other, 0) < 0) die("rename", path);
			files[g] = files[f];
			files[f].exists = 0;
		} else {
			if (unlink(path) < 0) die("unlink", path);
			files[f].exists = 0;
		}
	}
	snprintf(path, sizeof path, "%s/p%d.manifest", dir, me);
	FILE *m = fopen(path, "w");
	if (!m) die("fopen", path);
	for (int f = 0; f < MAX_FILES; f++)
		if (files[f].exists) fprintf(m, "p%d/f%d %lu %08x\n", me, f, files[f].size, files[f].fnv);
	fclose(m);
	exit(0);
}

static int stress(const char *dir, int nproc, int ops, unsigned int seed)
{
	for (int i = 0; i < nproc; i++) {
		pid_t pid = fork();
		if (pid < 0) die("fork", dir);
		if (pid == 0) worker(dir, i, ops, seed);
	}
	int failed = 0;
	for (int i = 0; i < nproc; i++) {
		int status;
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) failed++;
	}
	syscall(NR_SYNC);
	printf(failed ? "fsstress: %d workers failed\n" : "fsstress: ok\n", failed);
	return failed ? 1 : 0;
}

static void synced(const char *dir, int n) __attribute__((noreturn));
static void synced(const char *dir, int n)
{
	char path[256];
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/s%d", dir, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) die("open", path);
		memset(buf, 'a' + i % 26, 8192);
		write_all(fd, 8192, path);
		if (syscall(NR_FSYNC, fd) < 0) die("fsync", path);
		close(fd);
		printf("synced %d\n", i);
	}
	snprintf(path, sizeof path, "%s/unsynced", dir);
	for (unsigned long round = 0;; round++) {
		int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0) die("open", path);
		memset(buf, 'z', sizeof buf);
		write_all(fd, sizeof buf, path);
		close(fd);
		if (round % 64 == 63) unlink(path);
	}
}

static unsigned char big[65536] __attribute__((aligned(4)));

static void sums(const char *root, const char *rel)
{
	char path[1024];
	snprintf(path, sizeof path, "%s%s", root, rel);
	DIR *d = opendir(path);
	if (!d) die("opendir", path);
	struct dirent *e;
	while ((e = readdir(d)) != 0) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
		char sub[1024], full[1100];
		snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
		snprintf(full, sizeof full, "%s%s", root, sub);
		struct stat st;
		if (lstat(full, &st) < 0) die("lstat", full);
		if (S_ISDIR(st.st_mode)) {
			printf("%s dir\n", sub);
			sums(root, sub);
		} else if (S_ISLNK(st.st_mode)) {
			char target[512];
			long n = syscall(NR_READLINKAT, AT_FDCWD_, full, target, sizeof target - 1);
			if (n < 0) die("readlink", full);
			target[n] = 0;
			printf("%s link %s\n", sub, target);
		} else {
			int fd = open(full, O_RDONLY);
			if (fd < 0) die("open", full);
			unsigned int h = 2166136261u;
			unsigned long size = 0;
			long n;
			while ((n = read(fd, big, sizeof big)) > 0) {
				/* Whole words; a short read only happens at the end. */
				while (n % 4) big[n++] = 0;
				const unsigned int *w = (const unsigned int *)big;
				for (long i = 0; i < n / 4; i++) h = (h ^ w[i]) * 16777619u;
				size += (unsigned long)n;
			}
			close(fd);
			printf("%s file %lu %08x\n", sub, (unsigned long)st.st_size, h);
		}
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "sums") == 0) {
		sums(argv[2], "");
		return 0;
	}
	if (argc == 6 && strcmp(argv[1], "stress") == 0) return stress(argv[2], atoi(argv[3]), atoi(argv[4]), (unsigned int)atoi(argv[5]));
	if (argc == 4 && strcmp(argv[1], "synced") == 0) synced(argv[2], atoi(argv[3]));
	printf("usage: fsstress stress DIR NPROC NOPS SEED | fsstress sums DIR | fsstress synced DIR N\n");
	return 2;
}
