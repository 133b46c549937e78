/* segv: faults in children must kill only them. Each child makes one bad
 * access (kernel memory, NULL, its own code, an undefined instruction); the
 * parent checks the signal that ended it and carries on. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include "testlib.h"

/* An address in the kernel's half of the address space. */
#if defined(__x86_64__)
#define KERNEL_ADDR 0xffff800000000000UL
#else
#define KERNEL_ADDR 0xc0000000UL
#endif

static int read_kernel(void *arg)
{
	(void)arg;
	return *(volatile unsigned char *)KERNEL_ADDR;
}

static int write_kernel(void *arg)
{
	(void)arg;
	*(volatile unsigned char *)KERNEL_ADDR = 1;
	return 0;
}

static int jump_kernel(void *arg)
{
	(void)arg;
	((void (*)(void))KERNEL_ADDR)();
	return 0;
}

static int read_null(void *arg)
{
	(void)arg;
	return *(volatile int *)(uintptr_t)arg;
}

/* Our own code is mapped read + execute only. */
static int write_text(void *arg)
{
	(void)arg;
	*(volatile unsigned char *)(uintptr_t)read_kernel = 0;
	return 0;
}

static int bad_instruction(void *arg)
{
	(void)arg;
#if defined(__x86_64__)
	__asm__ volatile("ud2");
#else
	__asm__ volatile("unimp");
#endif
	return 0;
}

struct fault_case {
	const char *name;
	int (*fn)(void *);
	int signal;
};

static const struct fault_case cases[] = {
	{ "read a kernel address", read_kernel, SIGSEGV },
	{ "write a kernel address", write_kernel, SIGSEGV },
	{ "jump to a kernel address", jump_kernel, SIGSEGV },
	{ "read address 0", read_null, SIGSEGV },
	{ "write to its own code", write_text, SIGSEGV },
	{ "run an undefined instruction", bad_instruction, SIGILL },
};

int main(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = wait_for(spawn(cases[i].fn, NULL));

		check(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].signal,
		      "child that tried to %s: %s", cases[i].name,
		      describe_status(status));
	}
	check(1, "parent is still running");
	return finish("segv");
}
