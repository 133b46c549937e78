/* lz: an LZ77 compressor and decompressor (hash chains over a 32 KiB
 * window, a flag byte per 8 tokens, 16-bit distances) run over generated
 * text, round-tripped and checked. A real-program workload for
 * `npm run bench`: byte loads, 16-bit tables, data-dependent branches.
 *   lz [ROUNDS]   (default 6) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_SIZE (96 * 1024)
#define WINDOW 32768
#define HASH_BITS 13
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_CHAIN 32

static uint16_t head[1 << HASH_BITS];
static uint16_t prev[WINDOW];

static const char *const words[] = {
	"the", "of", "and", "to", "in", "is", "that", "for", "it", "as",
	"with", "was", "on", "be", "by", "this", "are", "from", "or", "have",
	"kernel", "process", "memory", "page", "table", "interrupt", "device",
	"buffer", "register", "instruction", "compress", "window", "match",
};

static uint32_t rng;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Text of words, punctuation and numbers: repetitive like real text. */
static void generate(uint8_t *out, size_t n, uint32_t seed)
{
	size_t i = 0;
	rng = seed;
	while (i < n) {
		uint32_t r = next_random();
		const char *w = words[r % (sizeof words / sizeof words[0])];
		while (*w && i < n)
			out[i++] = (uint8_t)*w++;
		if (i < n)
			out[i++] = (r >> 8) % 11 == 0 ? '\n' : (r >> 8) % 7 == 0 ? ',' : ' ';
		if ((r >> 16) % 23 == 0)
			for (int d = 0; d < 3 && i < n; d++)
				out[i++] = (uint8_t)('0' + (r >> (20 + d * 3)) % 10);
	}
}

static inline unsigned hash3(const uint8_t *p)
{
	return ((unsigned)p[0] << 5 ^ (unsigned)p[1] << 3 ^ p[2]) & ((1 << HASH_BITS) - 1);
}

/* Tokens: a flag byte for each 8 (bit set = match), literals as one byte,
 * matches as length - MIN_MATCH (one byte) and distance (two bytes). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t o = 0, flag_at = 0;
	unsigned bit = 8;
	memset(head, 0xff, sizeof head);
	for (size_t i = 0; i < n;) {
		if (bit == 8) {
			flag_at = o++;
			out[flag_at] = 0;
			bit = 0;
		}
		unsigned best_len = 0, best_dist = 0;
		if (i + MIN_MATCH <= n) {
			unsigned h = hash3(in + i);
			uint16_t cand = head[h];
			unsigned chain = MAX_CHAIN;
			size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
			while (cand != 0xffff && chain-- > 0) {
				size_t pos = (i & ~(size_t)(WINDOW - 1)) | cand;
				if (pos >= i)
					pos -= WINDOW;
				if (pos >= i || i - pos >= WINDOW - 1)
					break;
				const uint8_t *a = in + pos, *b = in + i;
				unsigned len = 0;
				while (len < limit && a[len] == b[len])
					len++;
				if (len > best_len) {
					best_len = len;
					best_dist = (unsigned)(i - pos);
					if (len == limit)
						break;
				}
				uint16_t nx = prev[pos & (WINDOW - 1)];
				if (nx == cand)
					break;
				cand = nx;
			}
			prev[i & (WINDOW - 1)] = head[h];
			head[h] = (uint16_t)(i & (WINDOW - 1));
		}
		if (best_len >= MIN_MATCH) {
			out[flag_at] |= (uint8_t)(1u << bit);
			out[o++] = (uint8_t)(best_len - MIN_MATCH);
			out[o++] = (uint8_t)best_dist;
			out[o++] = (uint8_t)(best_dist >> 8);
			/* Insert the skipped positions into the chains. */
			for (unsigned k = 1; k < best_len; k++) {
				size_t p = i + k;
				if (p + MIN_MATCH <= n) {
					unsigned h = hash3(in + p);
					prev[p & (WINDOW - 1)] = head[h];
					head[h] = (uint16_t)(p & (WINDOW - 1));
				}
			}
			i += best_len;
		} else {
			out[o++] = in[i++];
		}
		bit++;
	}
	return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out)
{
	size_t i = 0, o = 0;
	while (i < n) {
		uint8_t flags = in[i++];
		for (unsigned bit = 0; bit < 8 && i < n; bit++) {
			if (flags & (1u << bit)) {
				unsigned len = in[i] + MIN_MATCH;
				unsigned dist = in[i + 1] | (unsigned)in[i + 2] << 8;
				i += 3;
				const uint8_t *src = out + o - dist;
				for (unsigned k = 0; k < len; k++)
					out[o + k] = src[k];
				o += len;
			} else {
				out[o++] = in[i++];
			}
		}
	}
	return o;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 6;
	uint8_t *input = malloc(INPUT_SIZE);
	uint8_t *packed = malloc(INPUT_SIZE + INPUT_SIZE / 8 + 16);
	uint8_t *output = malloc(INPUT_SIZE);
	if (!input || !packed || !output) {
		printf("lz: out of memory\n");
		return 1;
	}
	uint32_t total = 0;
	for (int r = 0; r < rounds; r++) {
		generate(input, INPUT_SIZE, 0x9e3779b9u + (uint32_t)r * 7919u);
		size_t packed_size = compress(input, INPUT_SIZE, packed);
		size_t size = decompress(packed, packed_size, output);
		if (size != INPUT_SIZE || memcmp(input, output, INPUT_SIZE) != 0) {
			printf("lz: round %d: round trip FAILED\n", r);
			return 1;
		}
		uint32_t h = fnv1a(packed, packed_size);
		printf("round %d: %u -> %u bytes, fnv %08x\n", r, (unsigned)INPUT_SIZE, (unsigned)packed_size, (unsigned)h);
		total ^= h;
	}
	printf("lz: %d rounds, digest %08x\n", rounds, (unsigned)total);
	return 0;
}
