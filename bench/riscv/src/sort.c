/* Quicksort (with insertion sort for short runs) of pseudo-random words,
 * repeated with fresh data; each result is checked for order and sum. */
#include <stdint.h>

#define N 20000
#define ROUNDS 36

static int32_t data[N];

static void insertion(int32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void quicksort(int32_t *a, int n) {
  while (n > 16) {
    int32_t pivot = a[n / 2];
    int i = 0, j = n - 1;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        int32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (j + 1 < n - i) {
      quicksort(a, j + 1);
      a += i;
      n -= i;
    } else {
      quicksort(a + i, n - i);
      n = j + 1;
    }
  }
  insertion(a, n);
}

int main(void) {
  uint32_t seed = 42;
  for (int r = 0; r < ROUNDS; r++) {
    uint32_t sum = 0;
    for (int i = 0; i < N; i++) {
      seed ^= seed << 13;
      seed ^= seed >> 17;
      seed ^= seed << 5;
      data[i] = (int32_t)seed;
      sum += seed;
    }
    quicksort(data, N);
    for (int i = 1; i < N; i++) {
      if (data[i - 1] > data[i]) return 1;
      sum -= (uint32_t)data[i];
    }
    if (sum != (uint32_t)data[0]) return 2;
  }
  return 0;
}
