/* Integer kernels: a sieve of Eratosthenes, an integer matrix multiply
 * and a divide/modulo-heavy gcd sum, each cross-checked. */
#include <stdint.h>

#define SIEVE 200000
#define M 48

static uint8_t composite[SIEVE];
static int32_t ma[M][M], mb[M][M], mc[M][M];

static int sieve(void) {
  int count = 0;
  for (int i = 0; i < SIEVE; i++) composite[i] = 0;
  for (int i = 2; i < SIEVE; i++) {
    if (composite[i]) continue;
    count++;
    for (int j = 2 * i; j < SIEVE; j += i) composite[j] = 1;
  }
  return count;
}

static int is_prime(int n) {
  if (n < 2) return 0;
  for (int d = 2; d * d <= n; d++)
    if (n % d == 0) return 0;
  return 1;
}

static uint32_t gcd(uint32_t a, uint32_t b) {
  while (b != 0) {
    uint32_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int main(void) {
  int bad = 0;
  for (int r = 0; r < 12; r++) {
    int count = sieve();
    /* Spot-check the sieve against trial division. */
    for (int n = SIEVE - 2000; n < SIEVE; n++) bad |= composite[n] == is_prime(n);
    bad |= count < 1000;
  }
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      ma[i][j] = i * 7 - j * 3;
      mb[i][j] = (i ^ j) - 5;
    }
  for (int r = 0; r < 18; r++)
    for (int i = 0; i < M; i++)
      for (int j = 0; j < M; j++) {
        int32_t s = 0;
        for (int k = 0; k < M; k++) s += ma[i][k] * mb[k][j];
        mc[i][j] = s;
      }
  /* (A·B)·1 row sums equal A·(B·1). */
  for (int i = 0; i < M; i++) {
    int32_t lhs = 0, rhs = 0;
    for (int j = 0; j < M; j++) lhs += mc[i][j];
    for (int k = 0; k < M; k++) {
      int32_t rowsum = 0;
      for (int j = 0; j < M; j++) rowsum += mb[k][j];
      rhs += ma[i][k] * rowsum;
    }
    bad |= lhs != rhs;
  }
  uint32_t g = 0;
  for (uint32_t a = 1; a < 400; a++)
    for (uint32_t b = 1; b < 300; b++) g += gcd(a * 2654435761u, b * 40503u);
  bad |= g == 0;
  return bad;
}
