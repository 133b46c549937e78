/* traps: hostile instructions end their process with the signal Linux gives
 * for them, and nothing else (the parent, the kernel, the machine) notices.
 * Each case runs in a child; the parent checks how it ended. The cases are
 * the architecture's own (x86_64: segment loads, far jumps, non-canonical
 * addresses, the trap flag; riscv32: ebreak, machine CSRs), so the output
 * differs between architectures: each matches its own Linux oracle
 * (tests/integration/traps.test.ts). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "testlib.h"

#define PAGE 4096UL

#if defined(__x86_64__)
#define USER_END 0x800000000000UL /* 2^47: the first non-canonical address */
#define GETPID 39
#else
#define USER_END 0xc0000000UL /* the kernel's half starts here */
#define GETPID 172
#endif

/* Jumps to a system call instruction in the last bytes of the highest page
 * the program can map below USER_END: returning from it goes past the end
 * of user space. Linux keeps the very last page for itself (mmap gives
 * ENOMEM); JOS lets a program map it. Either way the process must die of
 * SIGSEGV and nothing else. */
static int syscall_at_the_top(void *arg)
{
	unsigned char *page = MAP_FAILED;
	(void)arg;

	for (uintptr_t at = USER_END - PAGE; page == MAP_FAILED && at >= USER_END - 4 * PAGE; at -= PAGE)
		page = mmap((void *)at, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (page == MAP_FAILED)
		return 3;
#if defined(__x86_64__)
	page[PAGE - 2] = 0x0f;
	page[PAGE - 1] = 0x05;
	__asm__ volatile("mov %0, %%eax\n\tjmp *%1" : : "i"(GETPID), "r"(page + PAGE - 2) : "rax", "memory");
#else
	/* ecall is 4 bytes: 0x00000073. */
	page[PAGE - 4] = 0x73;
	page[PAGE - 3] = page[PAGE - 2] = page[PAGE - 1] = 0;
	/* fence.i (0x0000100f: the toolchain's -march has no Zifencei). */
	__asm__ volatile(".word 0x0000100f\n\tli a7, %0\n\tjr %1" : : "i"(GETPID), "r"(page + PAGE - 4) : "a7", "memory");
#endif
	return 4;
}

#if defined(__x86_64__)
/* Linux's x86_64 ucontext: mcontext's gregs start 40 bytes in, RIP is 16th. */
#define UC_RIP_OFFSET (40 + 16 * 8)

static void aim_past_the_top(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	*(uint64_t *)((char *)uc + UC_RIP_OFFSET) = USER_END;
}

/* rt_sigreturn to a non-canonical RIP: the kernel's iretq refuses it. */
static int sigreturn_past_the_top(void *arg)
{
	struct sigaction sa;
	(void)arg;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = aim_past_the_top;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	return 4;
}

static int load_kernel_segment(void *arg)
{
	(void)arg;
	__asm__ volatile("mov $0x10, %%eax\n\tmov %%eax, %%ds" : : : "rax");
	return 4;
}

static int icebp(void *arg)
{
	(void)arg;
	__asm__ volatile(".byte 0xf1");
	return 4;
}

static int far_jump_kernel(void *arg)
{
	static const struct {
		uint32_t offset;
		uint16_t selector;
	} __attribute__((packed)) target = { 0, 0x10 };
	(void)arg;
	__asm__ volatile("ljmp *%0" : : "m"(target));
	return 4;
}

static int far_jump_null(void *arg)
{
	static const struct {
		uint32_t offset;
		uint16_t selector;
	} __attribute__((packed)) target = { 0, 0 };
	(void)arg;
	__asm__ volatile("ljmp *%0" : : "m"(target));
	return 4;
}

static int push_non_canonical(void *arg)
{
	(void)arg;
	__asm__ volatile("mov %0, %%rsp\n\tpush %%rax" : : "r"(USER_END + 16) : "memory");
	return 4;
}

static int trap_flag_across_syscall(void *arg)
{
	(void)arg;
	/* popfq sets TF; the syscall right after it is the first instruction
	 * single-stepped: the kernel must come back with TF still set. */
	__asm__ volatile("mov %0, %%eax\n\tpushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tsyscall"
			 : : "i"(GETPID) : "rax", "rcx", "r11", "memory");
	return 4;
}

static int trap_flag(void *arg)
{
	(void)arg;
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tnop\n\tnop" : : : "memory");
	return 4;
}
#else
static int ebreak(void *arg)
{
	(void)arg;
	__asm__ volatile("ebreak");
	return 4;
}

static int read_machine_csr(void *arg)
{
	register unsigned long v __asm__("a0");
	(void)arg;
	/* csrr a0, mstatus (0x30002573: the toolchain's -march has no Zicsr). */
	__asm__ volatile(".word 0x30002573" : "=r"(v));
	return (int)v;
}

static int jump_past_the_top(void *arg)
{
	(void)arg;
	((void (*)(void))USER_END)();
	return 4;
}
#endif

static int carry_on(void *arg)
{
	(void)arg;
	return 0;
}

struct trap_case {
	const char *name;
	int (*fn)(void *);
	int signal;
};

static const struct trap_case cases[] = {
	{ "a system call in the last bytes below the end of user space", syscall_at_the_top, SIGSEGV },
#if defined(__x86_64__)
	{ "rt_sigreturn to a non-canonical address", sigreturn_past_the_top, SIGSEGV },
	{ "mov $0x10, %ds (a kernel segment)", load_kernel_segment, SIGSEGV },
	{ "icebp (int1)", icebp, SIGTRAP },
	{ "far jmp to a kernel code segment", far_jump_kernel, SIGSEGV },
	{ "far jmp to the null selector", far_jump_null, SIGSEGV },
	{ "push with a non-canonical stack pointer (#SS)", push_non_canonical, SIGBUS },
	{ "the trap flag set across syscall", trap_flag_across_syscall, SIGTRAP },
	{ "the trap flag set by popf", trap_flag, SIGTRAP },
#else
	{ "ebreak", ebreak, SIGTRAP },
	{ "csrr mstatus in user mode", read_machine_csr, SIGILL },
	{ "a jump to the first address past user space", jump_past_the_top, SIGSEGV },
#endif
};

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = wait_for(spawn(cases[i].fn, NULL));

		check(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].signal, "%s: %s", cases[i].name,
		      describe_status(status));
	}
#if defined(__x86_64__)
	/* arch_prctl(ARCH_SET_FS, non-canonical): EPERM, as Linux. */
	check_errno(syscall(158, 0x1002, USER_END), EPERM, "arch_prctl(ARCH_SET_FS, 2^47)");
#endif
	check(wait_for(spawn(carry_on, NULL)) == 0, "the parent carries on: a new child runs and exits 0");
	return finish("traps");
}
