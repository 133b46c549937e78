/* coremix: a mix of the integer kernels embedded CPU benchmarks are made
 * of, on 8-, 16- and 32-bit types — a linked list (sorted by merges,
 * searched, reversed, cut and spliced), small matrices of 16-bit values
 * (multiply into 32-bit sums, scale, bit-field extraction), a table-free
 * state machine that scans a text of numbers and words, and CRC-16 over
 * every result — ITERATIONS times over data changed at each pass. A
 * real-program workload for `npm run bench`.
 *   coremix [ITERATIONS]   (default 2000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- CRC-16 (polynomial 0x8005, reflected), one bit at a time. ---- */

static uint16_t crc_byte(uint8_t byte, uint16_t crc)
{
	for (int k = 0; k < 8; k++) {
		uint8_t mix = (uint8_t)((crc ^ byte) & 1);
		crc >>= 1;
		if (mix)
			crc ^= 0xa001;
		byte >>= 1;
	}
	return crc;
}

static uint16_t crc_u16(uint16_t v, uint16_t crc)
{
	return crc_byte((uint8_t)(v >> 8), crc_byte((uint8_t)v, crc));
}

static uint16_t crc_u32(uint32_t v, uint16_t crc)
{
	return crc_u16((uint16_t)(v >> 16), crc_u16((uint16_t)v, crc));
}

/* ---- A pseudo-random source (xorshift), so every run sees the same data. */

static uint32_t seed = 0x1234abcdu;

static uint32_t next_random(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

/* ---- The linked list. ---- */

#define NODES 320

struct node {
	struct node *next;
	int16_t key;
	uint8_t kind;
	uint8_t hits;
	uint32_t payload;
};

static struct node pool[NODES];

static struct node *build_list(void)
{
	struct node *head = NULL;
	for (int i = NODES - 1; i >= 0; i--) {
		pool[i].key = (int16_t)(next_random() & 0xffff);
		pool[i].kind = (uint8_t)(next_random() % 7);
		pool[i].hits = 0;
		pool[i].payload = (uint32_t)i * 2654435761u;
		pool[i].next = head;
		head = &pool[i];
	}
	return head;
}

/* Orders by key, then by kind (a second 8-bit key). */
static int before(const struct node *a, const struct node *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	return a->kind <= b->kind;
}

/* Bottom-up merge sort of a list: runs of 1, 2, 4 ... merged in place. */
static struct node *sort_list(struct node *list)
{
	for (int width = 1;; width *= 2) {
		struct node *p = list, *tail = NULL;
		int merges = 0;
		list = NULL;
		while (p) {
			merges++;
			struct node *q = p;
			int psize = 0;
			for (int i = 0; i < width && q; i++) {
				psize++;
				q = q->next;
			}
			int qsize = width;
			while (psize > 0 || (qsize > 0 && q)) {
				struct node *e;
				if (psize == 0) {
					e = q;
					q = q->next;
					qsize--;
				} else if (qsize == 0 || !q || before(p, q)) {
					e = p;
					p = p->next;
					psize--;
				} else {
					e = q;
					q = q->next;
					qsize--;
				}
				if (tail)
					tail->next = e;
				else
					list = e;
				tail = e;
			}
			p = q;
		}
		tail->next = NULL;
		if (merges <= 1)
			return list;
	}
}

static struct node *reverse_list(struct node *list)
{
	struct node *prev = NULL;
	while (list) {
		struct node *n = list->next;
		list->next = prev;
		prev = list;
		list = n;
	}
	return prev;
}

static struct node *find_key(struct node *list, int16_t key, uint8_t kind)
{
	for (; list; list = list->next)
		if (list->key == key && list->kind == kind)
			return list;
	return NULL;
}

/* One pass over the list: sort, look up keys (some present, some not),
 * cut every node of one kind out and splice them back at the front,
 * reverse, change some keys. */
static uint16_t list_pass(struct node **listp, uint16_t crc, int iteration)
{
	struct node *list = sort_list(*listp);
	for (struct node *n = list; n; n = n->next)
		crc = crc_u16((uint16_t)n->key, crc);
	for (int i = 0; i < 24; i++) {
		const struct node *want = &pool[(iteration * 37 + i * 13) % NODES];
		int16_t key = i & 1 ? want->key : (int16_t)(want->key ^ 0x5a5a);
		struct node *hit = find_key(list, key, want->kind);
		if (hit) {
			hit->hits++;
			crc = crc_u32(hit->payload, crc);
		} else {
			crc = crc_byte(0xee, crc);
		}
	}
	uint8_t kind = (uint8_t)(iteration % 7);
	struct node *cut = NULL, **link = &list;
	while (*link) {
		struct node *n = *link;
		if (n->kind == kind) {
			*link = n->next;
			n->next = cut;
			cut = n;
		} else {
			link = &n->next;
		}
	}
	*link = cut;
	list = reverse_list(list);
	int i = 0;
	for (struct node *n = list; n; n = n->next, i++) {
		if ((i & 15) == iteration % 16)
			n->key = (int16_t)(n->key + (int16_t)(n->payload >> 20) - 2048);
		crc = crc_byte(n->kind, crc);
	}
	*listp = list;
	return crc;
}

/* ---- Matrices of 16-bit values. ---- */

#define DIM 20

static int16_t ma[DIM][DIM], mb[DIM][DIM];
static int32_t mc[DIM][DIM];

static void fill_matrices(void)
{
	for (int i = 0; i < DIM; i++)
		for (int j = 0; j < DIM; j++) {
			ma[i][j] = (int16_t)((next_random() & 0x3ff) - 0x200);
			mb[i][j] = (int16_t)((next_random() & 0x3ff) - 0x200);
		}
}

static uint16_t matrix_pass(uint16_t crc, int iteration)
{
	int16_t scale = (int16_t)(iteration & 7) + 1;
	for (int i = 0; i < DIM; i++)
		for (int j = 0; j < DIM; j++) {
			int32_t sum = 0;
			for (int k = 0; k < DIM; k++)
				sum += (int32_t)ma[i][k] * mb[k][j];
			mc[i][j] = sum;
		}
	uint32_t fields = 0;
	int32_t peak = INT32_MIN;
	for (int i = 0; i < DIM; i++)
		for (int j = 0; j < DIM; j++) {
			int32_t v = mc[i][j];
			fields += (uint32_t)((v >> 3) & 0x1f) + (uint32_t)((v >> 11) & 0x7f);
			if (v > peak)
				peak = v;
		}
	/* Matrix times vector, then the first matrix scaled and shifted. */
	int32_t vec[DIM];
	for (int i = 0; i < DIM; i++) {
		int32_t sum = 0;
		for (int j = 0; j < DIM; j++)
			sum += ma[i][j] * (int32_t)(j - DIM / 2);
		vec[i] = sum;
	}
	for (int i = 0; i < DIM; i++)
		for (int j = 0; j < DIM; j++)
			ma[i][j] = (int16_t)(((ma[i][j] * scale) >> 2) + (int16_t)(vec[j] & 0xff) - 0x80);
	crc = crc_u32(fields, crc);
	crc = crc_u32((uint32_t)peak, crc);
	for (int i = 0; i < DIM; i++)
		crc = crc_u32((uint32_t)vec[i], crc);
	return crc;
}

/* ---- A state machine over text: numbers (decimal, signed, with a
 * fraction or an exponent, hexadecimal) and other words, comma-separated. */

enum state { START, SIGN, ZERO, INT, HEX, FRACTION, EXP, EXP_SIGN, EXP_DIGITS, WORD, STATES };

#define TEXT 2048

static char text[TEXT];

static void make_text(void)
{
	static const char *pieces[] = { "0x1f", "-42", "3.25", "7e3", "+8", "1e+", "word", "12.5e-3", "0", "x9", "-.5", "655" };
	int n = 0;
	while (n < TEXT - 16) {
		const char *p = pieces[next_random() % 12];
		while (*p && n < TEXT - 2)
			text[n++] = *p++;
		text[n++] = ',';
	}
	text[n] = 0;
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

static int is_hex(uint8_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* The state after character c. */
static enum state step(enum state s, uint8_t c)
{
	switch (s) {
	case START:
		if (c == '+' || c == '-')
			return SIGN;
		if (c == '0')
			return ZERO;
		if (is_digit(c))
			return INT;
		if (c == '.')
			return FRACTION;
		return WORD;
	case SIGN:
		if (is_digit(c))
			return INT;
		return c == '.' ? FRACTION : WORD;
	case ZERO:
		if (c == 'x' || c == 'X')
			return HEX;
		if (c == '.')
			return FRACTION;
		return is_digit(c) ? INT : c == 'e' ? EXP : WORD;
	case INT:
		if (is_digit(c))
			return INT;
		if (c == '.')
			return FRACTION;
		return c == 'e' || c == 'E' ? EXP : WORD;
	case HEX:
		return is_hex(c) ? HEX : WORD;
	case FRACTION:
		if (is_digit(c))
			return FRACTION;
		return c == 'e' || c == 'E' ? EXP : WORD;
	case EXP:
		if (c == '+' || c == '-')
			return EXP_SIGN;
		return is_digit(c) ? EXP_DIGITS : WORD;
	case EXP_SIGN:
	case EXP_DIGITS:
		return is_digit(c) ? EXP_DIGITS : WORD;
	default:
		return WORD;
	}
}

static uint16_t scan_pass(uint16_t crc, int iteration)
{
	uint32_t finals[STATES] = { 0 };
	uint16_t transitions = 0;
	enum state s = START;
	for (int i = 0; text[i]; i++) {
		uint8_t c = (uint8_t)text[i];
		if (c == ',') {
			finals[s]++;
			s = START;
			continue;
		}
		enum state t = step(s, c);
		transitions += t != s;
		s = t;
	}
	for (int k = 0; k < STATES; k++)
		crc = crc_u32(finals[k], crc);
	/* Change a few characters, so the next pass scans another text. */
	for (int k = 0; k < 8; k++) {
		int at = (int)((next_random() + (uint32_t)iteration) % (TEXT - 16));
		if (text[at] != ',' && text[at] != 0)
			text[at] = "0123456789e.-x"[next_random() % 14];
	}
	return crc_u16(transitions, crc);
}

int main(int argc, char **argv)
{
	int iterations = argc > 1 ? atoi(argv[1]) : 2000;
	if (iterations <= 0) {
		fprintf(stderr, "usage: coremix [ITERATIONS > 0]\n");
		return 2;
	}
	struct node *list = build_list();
	fill_matrices();
	make_text();
	uint16_t list_crc = 0, matrix_crc = 0, scan_crc = 0;
	for (int it = 0; it < iterations; it++) {
		list_crc = list_pass(&list, list_crc, it);
		matrix_crc = matrix_pass(matrix_crc, it);
		scan_crc = scan_pass(scan_crc, it);
	}
	uint16_t all = crc_u16(scan_crc, crc_u16(matrix_crc, crc_u16(list_crc, 0xffff)));
	printf("coremix %d iterations: list %04x matrix %04x state %04x all %04x\n", iterations, list_crc, matrix_crc, scan_crc, all);
	return 0;
}
