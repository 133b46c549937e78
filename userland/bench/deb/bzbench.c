/* bzbench: Debian's bzip2 library (bzlib, fetched and built by
 * scripts/bench-deb-build.sh, never committed) compressing and
 * decompressing generated data in memory, as SPEC's bzip2 workload does:
 * text of words, binary records with small fields, and noise, each at
 * block sizes 9 and 1, round-tripped and compared. A real-program workload
 * for `npm run bench` whose hot code nobody in JOS wrote (the Burrows-
 * Wheeler sort, Huffman coding, the decoder's bit reader). Prints each
 * stream's size and CRC-32, so a wrong result shows as different output.
 *   bzbench [ROUNDS]   (default 1) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bzlib.h"

static uint32_t rng;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static const char *const words[] = {
	"the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with",
	"was", "on", "be", "by", "this", "are", "from", "or", "have", "block",
	"sort", "suffix", "rotation", "huffman", "table", "symbol", "stream",
	"decoder", "bucket", "pointer", "quadrant", "frequency", "selector",
};

/* Words, punctuation, line breaks and numbers. */
static void text(uint8_t *out, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t r = next_random();
		const char *w = words[r % (sizeof words / sizeof *words)];
		char buf[32];
		int len = (r >> 8) % 16 == 0 ? snprintf(buf, sizeof buf, "%u", (unsigned)(r >> 12) % 100000)
					     : snprintf(buf, sizeof buf, "%s", w);

		buf[len++] = (r >> 20) % 11 == 0 ? '\n' : (r >> 20) % 7 == 0 ? ',' : ' ';
		for (int k = 0; k < len && i < n; k++)
			out[i++] = (uint8_t)buf[k];
	}
}

/* 16-byte records: an increasing id, a small type, a 16-bit reading that
 * drifts, padding. */
static void records(uint8_t *out, size_t n)
{
	uint32_t id = 1000;
	int16_t reading = 0;

	for (size_t i = 0; i + 16 <= n; i += 16) {
		uint32_t r = next_random();

		id += 1 + r % 3;
		reading += (int16_t)((r >> 8) % 41) - 20;
		memset(out + i, 0, 16);
		memcpy(out + i, &id, 4);
		out[i + 4] = (uint8_t)((r >> 16) % 5);
		memcpy(out + i + 6, &reading, 2);
		out[i + 8] = (uint8_t)(id & 0x7f);
	}
}

static void noise(uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)(next_random() >> 7) & ((i & 1024) ? 0xff : 0x3f);
}

static uint32_t crc_table[256];

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

struct input {
	const char *name;
	size_t size;
	void (*fill)(uint8_t *, size_t);
};

int main(int argc, char **argv)
{
	static const struct input inputs[] = {
		{ "text", 160 * 1024, text },
		{ "records", 96 * 1024, records },
		{ "noise", 32 * 1024, noise },
	};
	static const int levels[] = { 9, 1 };
	int rounds = argc > 1 ? atoi(argv[1]) : 1;

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	for (int round = 0; round < rounds; round++) {
		rng = 0x9e3779b9u + (uint32_t)round;
		for (size_t k = 0; k < sizeof inputs / sizeof *inputs; k++) {
			const struct input *in = &inputs[k];
			unsigned cap = (unsigned)(in->size + in->size / 100 + 600);
			uint8_t *data = malloc(in->size), *packed = malloc(cap), *back = malloc(in->size);

			if (!data || !packed || !back) {
				fprintf(stderr, "bzbench: out of memory\n");
				return 1;
			}
			in->fill(data, in->size);
			for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
				unsigned packed_len = cap, back_len = (unsigned)in->size;
				int err = BZ2_bzBuffToBuffCompress((char *)packed, &packed_len, (char *)data,
								   (unsigned)in->size, levels[l], 0, 0);

				if (err != BZ_OK) {
					fprintf(stderr, "bzbench: %s -%d: compress error %d\n", in->name, levels[l], err);
					return 1;
				}
				err = BZ2_bzBuffToBuffDecompress((char *)back, &back_len, (char *)packed, packed_len, 0, 0);
				if (err != BZ_OK || back_len != in->size || memcmp(back, data, in->size) != 0) {
					fprintf(stderr, "bzbench: %s -%d: round trip failed (%d)\n", in->name, levels[l], err);
					return 1;
				}
				printf("round %d %-7s -%d: %7zu -> %6u bytes, crc %08x\n", round, in->name, levels[l],
				       in->size, packed_len, (unsigned)crc32(packed, packed_len));
			}
			free(data);
			free(packed);
			free(back);
		}
	}
	return 0;
}
