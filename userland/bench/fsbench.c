/* fsbench: one phase of the file-system workload of `npm run bench`, run
 * against a directory (an ext2 disk on the boards, a host directory
 * natively). Each phase is its own process, so the host can time it from
 * outside (a board boots, runs the phase, syncs and powers off):
 *
 *   fsbench DIR none                 nothing (the run's fixed cost)
 *   fsbench DIR write KIB            DIR/big: KIB KiB in 64 KiB writes, fsync
 *   fsbench DIR read                 DIR/big read in 64 KiB reads
 *   fsbench DIR create COUNT         DIR/many/f0..: COUNT files of 1 KiB, fsync
 *   fsbench DIR delete COUNT         those files and DIR/many removed, fsync
 *
 * Each phase prints what it did and a hash (FNV-1a) of the bytes written
 * or read, so a wrong result shows as a different line. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define SMALL 1024

static uint8_t buf[CHUNK];

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fsbench: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static uint32_t fnv(uint32_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The bytes at offset `at` of the content: varied, not compressible by
 * accident, the same everywhere. */
static void fill(uint8_t *p, size_t n, uint32_t at)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t x = at + (uint32_t)i;
		p[i] = (uint8_t)(x * 131u + (x >> 9) + (x >> 17));
	}
}

static void write_all(int fd, const uint8_t *p, size_t n, const char *path)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			die("write", path);
		p += w;
		n -= (size_t)w;
	}
}

static void phase_write(const char *dir, long kib)
{
	char path[512];
	uint32_t h = 2166136261u;
	size_t total = (size_t)kib * 1024;

	snprintf(path, sizeof path, "%s/big", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open", path);
	for (size_t done = 0; done < total;) {
		size_t n = total - done < CHUNK ? total - done : CHUNK;
		fill(buf, n, (uint32_t)done);
		h = fnv(h, buf, n);
		write_all(fd, buf, n, path);
		done += n;
	}
	if (fsync(fd) < 0)
		die("fsync", path);
	close(fd);
	printf("write %lu bytes %08x\n", (unsigned long)total, h);
}

static void phase_read(const char *dir)
{
	char path[512];
	uint32_t h = 2166136261u;
	unsigned long total = 0;

	snprintf(path, sizeof path, "%s/big", dir);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	for (;;) {
		ssize_t n = read(fd, buf, CHUNK);
		if (n < 0)
			die("read", path);
		if (n == 0)
			break;
		h = fnv(h, buf, (size_t)n);
		total += (unsigned long)n;
	}
	close(fd);
	printf("read %lu bytes %08x\n", total, h);
}

static void phase_create(const char *dir, long count)
{
	char path[512];
	uint32_t h = 2166136261u;

	snprintf(path, sizeof path, "%s/many", dir);
	if (mkdir(path, 0755) < 0)
		die("mkdir", path);
	for (long i = 0; i < count; i++) {
		snprintf(path, sizeof path, "%s/many/f%ld", dir, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			die("create", path);
		fill(buf, SMALL, (uint32_t)i * SMALL);
		h = fnv(h, buf, SMALL);
		write_all(fd, buf, SMALL, path);
		close(fd);
	}
	int fd = open(dir, O_RDONLY);
	if (fd < 0 || fsync(fd) < 0)
		die("fsync", dir);
	close(fd);
	printf("create %ld files %08x\n", count, h);
}

static void phase_delete(const char *dir, long count)
{
	char path[512];

	for (long i = 0; i < count; i++) {
		snprintf(path, sizeof path, "%s/many/f%ld", dir, i);
		if (unlink(path) < 0)
			die("unlink", path);
	}
	snprintf(path, sizeof path, "%s/many", dir);
	if (rmdir(path) < 0)
		die("rmdir", path);
	int fd = open(dir, O_RDONLY);
	if (fd < 0 || fsync(fd) < 0)
		die("fsync", dir);
	close(fd);
	printf("delete %ld files\n", count);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fsbench DIR none|write KIB|read|create COUNT|delete COUNT\n");
		return 2;
	}
	const char *dir = argv[1], *phase = argv[2];
	long n = argc > 3 ? strtol(argv[3], NULL, 10) : 0;

	if (strcmp(phase, "none") == 0)
		printf("none\n");
	else if (strcmp(phase, "write") == 0 && n > 0)
		phase_write(dir, n);
	else if (strcmp(phase, "read") == 0)
		phase_read(dir);
	else if (strcmp(phase, "create") == 0 && n > 0)
		phase_create(dir, n);
	else if (strcmp(phase, "delete") == 0 && n > 0)
		phase_delete(dir, n);
	else {
		fprintf(stderr, "fsbench: bad phase or count: %s\n", phase);
		return 2;
	}
	return 0;
}
