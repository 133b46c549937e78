#include "rt.h"

int rt_failures;
extern volatile uint64_t tohost;

void rt_putc(char c) { outb(0xe9, (uint8_t)c); }

void rt_puts(const char *s) {
  while (*s) rt_putc(*s++);
}

void rt_puthex(uint64_t v) {
  rt_puts("0x");
  for (int i = 60; i >= 0; i -= 4) rt_putc("0123456789abcdef"[(v >> i) & 15]);
}

void rt_exit(int code) {
  if (code == 0 && rt_failures != 0) code = 1;
  rt_puts(code == 0 ? "PASS\n" : "FAILED\n");
  tohost = ((uint64_t)code << 1) | 1;
  for (;;) __asm__ volatile("hlt");
}

static uint64_t idt[512] __attribute__((aligned(16)));

void idt_set(int vector, void *handler, int type, int dpl, int ist) {
  uint64_t a = (uint64_t)handler;
  idt[vector * 2] = (a & 0xffff) | ((uint64_t)0x08 << 16) | ((uint64_t)(ist & 7) << 32) |
                    ((uint64_t)type << 40) | ((uint64_t)dpl << 45) | ((uint64_t)1 << 47) |
                    ((a >> 16) & 0xffff) << 48;
  idt[vector * 2 + 1] = a >> 32;
}

void idt_load(void) {
  struct __attribute__((packed)) {
    uint16_t limit;
    uint64_t base;
  } d = {sizeof idt - 1, (uint64_t)idt};
  __asm__ volatile("lidt %0" ::"m"(d));
}

/* gcc -O2 may call these. */
void *memset(void *p, int c, unsigned long n) {
  unsigned char *d = p;
  while (n--) *d++ = (unsigned char)c;
  return p;
}
void *memcpy(void *dst, const void *src, unsigned long n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}
