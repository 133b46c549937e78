/* The pc board's devices driven by machine code, the way a small kernel
 * would, with no JOS driver involved: the 8259A pair, the HPET in legacy
 * replacement mode (periodic comparator 0 on IRQ 0, one-shot comparator 1
 * on IRQ 8), the CMOS RTC, the 8042, VGA text memory and the CRTC cursor,
 * and the ATA disk (IDENTIFY, READ SECTORS). The test runner seeds the RTC
 * with 2026-01-01T00:00:00, inserts a disk whose sector n starts with n,
 * and checks the screen afterwards. */
#include "rt.h"

#define HPET 0xfed00000ull
#define HPET_GEN_CONF 0x010
#define HPET_GINTR_STA 0x020
#define HPET_COUNTER 0x0f0
#define HPET_TN_CONF(n) (0x100 + 0x20 * (n))
#define HPET_TN_CMP(n) (0x108 + 0x20 * (n))

static volatile int ticks, alarms, disk_irqs;

static inline uint32_t mmio_read(uint64_t offset) { return *(volatile uint32_t *)(HPET + offset); }
static inline void mmio_write(uint64_t offset, uint32_t v) { *(volatile uint32_t *)(HPET + offset) = v; }
static inline uint16_t inw(uint16_t port) {
  uint16_t v;
  __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}

__attribute__((interrupt)) static void on_tick(struct interrupt_frame *f) {
  (void)f;
  ticks++;
  outb(0x20, 0x60); /* specific EOI, IR0 */
}

__attribute__((interrupt)) static void on_alarm(struct interrupt_frame *f) {
  (void)f;
  alarms++;
  mmio_write(HPET_GINTR_STA, 1 << 1); /* level mode: clear the status */
  outb(0xa0, 0x20);
  outb(0x20, 0x20);
}

__attribute__((interrupt)) static void on_disk(struct interrupt_frame *f) {
  (void)f;
  disk_irqs++;
  (void)inb(0x1f7); /* status: acknowledges INTRQ */
  outb(0xa0, 0x20);
  outb(0x20, 0x20);
}

__attribute__((interrupt)) static void on_spurious(struct interrupt_frame *f) { (void)f; }

/* The firmware maps RAM only: map the 2 MiB page holding the HPET. */
static uint64_t pd3[512] __attribute__((aligned(4096)));
static void map_hpet(void) {
  uint64_t *pml4 = (uint64_t *)(read_cr3() & ~0xfffull);
  uint64_t *pdpt = (uint64_t *)(pml4[0] & 0x000ffffffffff000ull);
  pd3[(HPET >> 21) & 511] = (HPET & ~0x1fffffull) | 0x9b; /* P, RW, PWT, PCD, PS */
  pdpt[3] = (uint64_t)pd3 | 3;
  write_cr3(read_cr3());
}

static uint8_t cmos(uint8_t reg) {
  outb(0x70, reg);
  return inb(0x71);
}

static void pic_init(void) {
  outb(0x20, 0x11); outb(0xa0, 0x11);
  outb(0x21, 0x20); outb(0xa1, 0x28);
  outb(0x21, 0x04); outb(0xa1, 0x02);
  outb(0x21, 0x01); outb(0xa1, 0x01);
  outb(0x21, 0xfa); /* IRQ 0 and the cascade */
  outb(0xa1, 0xbe); /* IRQ 8 and IRQ 14 */
}

static void test_hpet(void) {
  CHECK((mmio_read(0x004)) == 10000000); /* 10 ns period */
  mmio_write(HPET_GEN_CONF, 0);
  mmio_write(HPET_COUNTER, 0);
  mmio_write(HPET_COUNTER + 4, 0);
  /* Comparator 0: periodic, 32-bit, edge, every 100 us; the VAL_SET write
   * sets the first match, the next one the period. */
  mmio_write(HPET_TN_CONF(0), 0x4 | 0x8 | 0x40 | 0x100);
  mmio_write(HPET_TN_CMP(0), 10000);
  mmio_write(HPET_TN_CMP(0), 10000);
  /* Comparator 1: one-shot, 64-bit, level, at 350 us. */
  mmio_write(HPET_TN_CONF(1), 0x4 | 0x2);
  mmio_write(HPET_TN_CMP(1), 35000);
  mmio_write(HPET_TN_CMP(1) + 4, 0);
  mmio_write(HPET_GEN_CONF, 0x3); /* enable, legacy replacement */
  __asm__ volatile("sti");
  while (ticks < 5) __asm__ volatile("hlt");
  __asm__ volatile("cli");
  CHECK(alarms == 1);
  uint32_t counter = mmio_read(HPET_COUNTER);
  CHECK(counter >= 50000 && counter < 60000);
  mmio_write(HPET_TN_CONF(0), 0);
}

static void test_rtc(void) {
  outb(0x70, 0x0b);
  CHECK((inb(0x71) & 0x06) == 0x02); /* BCD, 24-hour */
  CHECK(cmos(0x09) == 0x26);
  CHECK(cmos(0x32) == 0x20);
  CHECK(cmos(0x08) == 0x01);
  CHECK(cmos(0x07) == 0x01);
  CHECK(cmos(0x04) == 0x00);
}

static void test_8042(void) {
  outb(0x64, 0xaa);
  for (int i = 0; i < 1000 && !(inb(0x64) & 1); i++) {
  }
  CHECK(inb(0x60) == 0x55);
  outb(0x60, 0xf2); /* keyboard identify */
  CHECK(inb(0x60) == 0xfa);
  CHECK(inb(0x60) == 0xab);
  CHECK(inb(0x60) == 0x41);
}

static void test_vga(void) {
  volatile uint16_t *text = (volatile uint16_t *)0xb8000;
  const char *message = "JOS bare metal";
  for (int i = 0; message[i]; i++) text[80 * 2 + i] = (uint16_t)(0x2f00 | (uint8_t)message[i]);
  uint16_t cursor = 80 * 2 + 14;
  outb(0x3d4, 0x0e); outb(0x3d5, cursor >> 8);
  outb(0x3d4, 0x0f); outb(0x3d5, cursor & 0xff);
  /* DAC: palette 2 (green) becomes pure blue; the read index auto-increments. */
  outb(0x3c8, 2); outb(0x3c9, 0); outb(0x3c9, 0); outb(0x3c9, 63);
  outb(0x3c7, 2);
  CHECK(inb(0x3c9) == 0 && inb(0x3c9) == 0 && inb(0x3c9) == 63);
}

static void test_ata(void) {
  outb(0x1f6, 0xa0);
  outb(0x1f7, 0xec); /* IDENTIFY */
  __asm__ volatile("sti");
  while (disk_irqs < 1) __asm__ volatile("hlt");
  __asm__ volatile("cli");
  uint16_t id[256];
  for (int i = 0; i < 256; i++) id[i] = inw(0x1f0);
  CHECK((id[49] & 0x200) != 0);
  CHECK((id[60] | ((uint32_t)id[61] << 16)) == 128);
  /* READ SECTORS: 2 sectors from LBA 7, an interrupt each. */
  outb(0x1f6, 0xe0);
  outb(0x1f2, 2);
  outb(0x1f3, 7); outb(0x1f4, 0); outb(0x1f5, 0);
  outb(0x1f7, 0x20);
  for (int s = 0; s < 2; s++) {
    __asm__ volatile("sti");
    while (disk_irqs < 2 + s) __asm__ volatile("hlt");
    __asm__ volatile("cli");
    uint16_t first = inw(0x1f0);
    CHECK(first == 7 + s);
    for (int i = 1; i < 256; i++) (void)inw(0x1f0);
  }
  /* Past the end: ERR with IDNF. */
  outb(0x1f2, 1); outb(0x1f3, 200);
  outb(0x1f7, 0x20);
  __asm__ volatile("sti");
  while (disk_irqs < 4) __asm__ volatile("hlt");
  __asm__ volatile("cli");
  CHECK((inb(0x3f6) & 0x01) == 0x01);
  CHECK(inb(0x1f1) == 0x10);
}

int main(void) {
  map_hpet();
  idt_set(0x20, on_tick, 0xe, 0, 0);
  idt_set(0x27, on_spurious, 0xe, 0, 0);
  idt_set(0x28, on_alarm, 0xe, 0, 0);
  idt_set(0x2e, on_disk, 0xe, 0, 0);
  idt_set(0x2f, on_spurious, 0xe, 0, 0);
  idt_load();
  pic_init();
  test_hpet();
  test_rtc();
  test_8042();
  test_vga();
  test_ata();
  return 0;
}
