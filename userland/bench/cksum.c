/* cksum: checksums over files — CRC-32 (table, byte at a time), CRC-16/
 * CCITT (bit by bit), Adler-32 and Fletcher-16 — of every file named,
 * read in 4 KiB chunks with read(2), ROUNDS times. A real-program
 * workload for `npm run bench`.
 *   cksum ROUNDS FILE...   */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static uint32_t crc_table[256];

static void make_table(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

struct sums {
	uint32_t crc32;
	uint16_t crc16;
	uint16_t fletcher;
	uint32_t adler;
	uint32_t size;
};

static void update(struct sums *s, const uint8_t *p, size_t n)
{
	uint32_t crc = s->crc32;
	uint16_t crc16 = s->crc16;
	uint8_t f1 = (uint8_t)s->fletcher, f2 = (uint8_t)(s->fletcher >> 8);
	uint32_t a = s->adler & 0xffff, b = s->adler >> 16;
	for (size_t i = 0; i < n; i++) {
		uint8_t byte = p[i];
		crc = crc_table[(crc ^ byte) & 0xff] ^ (crc >> 8);
		crc16 ^= (uint16_t)(byte << 8);
		for (int k = 0; k < 8; k++)
			crc16 = (uint16_t)(crc16 & 0x8000 ? (crc16 << 1) ^ 0x1021 : crc16 << 1);
		f1 = (uint8_t)((f1 + byte) % 255);
		f2 = (uint8_t)((f2 + f1) % 255);
		a += byte;
		if (a >= 65521)
			a -= 65521;
		b += a;
		if (b >= 65521)
			b -= 65521;
	}
	s->crc32 = crc;
	s->crc16 = crc16;
	s->fletcher = (uint16_t)(f1 | f2 << 8);
	s->adler = a | b << 16;
	s->size += (uint32_t)n;
}

static int sum_file(const char *path, struct sums *s)
{
	static uint8_t buf[4096];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	s->crc32 = 0xffffffffu;
	s->crc16 = 0xffff;
	s->fletcher = 0;
	s->adler = 1;
	s->size = 0;
	for (;;) {
		ssize_t got = read(fd, buf, sizeof buf);
		if (got < 0) {
			close(fd);
			return -1;
		}
		if (got == 0)
			break;
		update(s, buf, (size_t)got);
	}
	close(fd);
	s->crc32 ^= 0xffffffffu;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		printf("usage: cksum ROUNDS FILE...\n");
		return 2;
	}
	int rounds = atoi(argv[1]);
	make_table();
	uint32_t digest = 0;
	for (int r = 0; r < rounds; r++)
		for (int f = 2; f < argc; f++) {
			struct sums s;
			if (sum_file(argv[f], &s) < 0) {
				printf("cksum: cannot read file %d\n", f - 1);
				return 1;
			}
			if (r == 0)
				printf("file %d: %u bytes, crc32 %08x crc16 %04x adler32 %08x fletcher16 %04x\n", f - 1,
				       (unsigned)s.size, (unsigned)s.crc32, (unsigned)s.crc16, (unsigned)s.adler, (unsigned)s.fletcher);
			digest = (digest << 1 | digest >> 31) ^ s.crc32 ^ s.adler;
		}
	printf("cksum: %d rounds over %d files, digest %08x\n", rounds, argc - 2, (unsigned)digest);
	return 0;
}
