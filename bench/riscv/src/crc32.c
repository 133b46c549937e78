/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): a table-driven
 * pass over a buffer, repeated, checked against the bit-at-a-time form. */
#include <stdint.h>

extern void exit(int) __attribute__((noreturn));

#define SIZE 16384
#define ROUNDS 384

static uint32_t table[256];
static uint8_t buffer[SIZE];

static uint32_t crc_bitwise(const uint8_t *p, int n) {
  uint32_t crc = 0xffffffffu;
  for (int i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static uint32_t crc_table(const uint8_t *p, int n) {
  uint32_t crc = 0xffffffffu;
  for (int i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    table[i] = c;
  }
  uint32_t seed = 12345;
  for (int i = 0; i < SIZE; i++) {
    seed = seed * 1103515245u + 12345u;
    buffer[i] = (uint8_t)(seed >> 16);
  }
  uint32_t expected = crc_bitwise(buffer, SIZE);
  uint32_t crc = 0;
  for (int r = 0; r < ROUNDS; r++) crc |= crc_table(buffer, SIZE) ^ expected;
  return crc == 0 ? 0 : 1;
}
