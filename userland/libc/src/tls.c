/* Thread-local storage: the program's PT_TLS segment (its __thread
 * variables, errno among them) copied once per thread, next to the thread's
 * control block, and the thread pointer aimed at them (layouts in
 * thread.h). Start-up sets up the first thread before any other C code
 * runs, so this file touches no TLS variable and calls no wrapper that
 * could set errno. */
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include "internal.h"
#include "thread.h"

#define PT_TLS 7
#define ARCH_SET_FS 0x1002

#if __SIZEOF_LONG__ == 8
typedef struct {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} phdr_t;
#else
typedef struct {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
		p_flags, p_align;
} phdr_t;
#endif

static const unsigned char *image; /* the initialised part (.tdata) */
static size_t image_size, block_size, block_align = 16;
/* x86_64: block bytes below tp; riscv32: control-block bytes below tp. */
static size_t below_tp;
static size_t area_size;

static size_t round_up(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

static void write_str(const char *s)
{
	__syscall3(SYS_write, 2, (long)s, (long)strlen(s));
}

size_t __libc_tls_area_size(void) { return area_size; }

/* Lays out a TLS block and control block in `area` (block_align-aligned,
 * area_size bytes, zeroed); returns the control block. */
struct __pthread *__libc_tls_install(void *area)
{
	unsigned char *a = area, *block;
	struct __pthread *t;

#if defined(__x86_64__)
	block = a;
	t = (struct __pthread *)(a + below_tp);
#else
	t = (struct __pthread *)(a + below_tp - sizeof(struct __pthread));
	block = a + below_tp;
#endif
	memcpy(block, image, image_size);
	t->self = t;
	return t;
}

void *__libc_thread_pointer(struct __pthread *t)
{
#if defined(__x86_64__)
	return t;
#else
	return (char *)t + sizeof(struct __pthread);
#endif
}

struct __pthread *__pthread_self(void)
{
	struct __pthread *t;

#if defined(__x86_64__)
	__asm__("movq %%fs:0, %0" : "=r"(t));
#else
	char *tp;

	__asm__("mv %0, tp" : "=r"(tp));
	t = (struct __pthread *)(tp - sizeof(struct __pthread));
#endif
	return t;
}

/* getauxval() without errno. */
static unsigned long aux(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

void __libc_tls_init(void)
{
	const phdr_t *ph = (const phdr_t *)aux(AT_PHDR);
	size_t n = aux(AT_PHNUM);
	struct __pthread *t;
	long area;

	for (size_t i = 0; ph && i < n; i++) {
		if (ph[i].p_type != PT_TLS)
			continue;
		image = (const unsigned char *)(uintptr_t)ph[i].p_vaddr;
		image_size = ph[i].p_filesz;
		block_size = ph[i].p_memsz;
		if (ph[i].p_align > block_align)
			block_align = ph[i].p_align;
	}
	if (block_align > 4096) {
		write_str("libc: TLS alignment above a page is not supported\n");
		__syscall1(SYS_exit_group, 127);
	}
#if defined(__x86_64__)
	below_tp = round_up(block_size, block_align);
	area_size = round_up(below_tp + sizeof(struct __pthread), block_align);
#else
	below_tp = round_up(sizeof(struct __pthread), block_align);
	area_size = round_up(below_tp + block_size, block_align);
#endif
	area = __arch_mmap(NULL, area_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((unsigned long)area > -4096UL) {
		write_str("libc: no memory for thread-local storage\n");
		__syscall1(SYS_exit_group, 127);
	}
	t = __libc_tls_install((void *)area);
	t->state = THREAD_JOINABLE;
	t->tid = (int)__syscall1(SYS_set_tid_address, (long)&t->tid);
#if defined(__x86_64__)
	__syscall2(SYS_arch_prctl, ARCH_SET_FS, (long)t);
#else
	__asm__ volatile("mv tp, %0" ::"r"(__libc_thread_pointer(t)) : "memory");
#endif
}
