/* isolation: after fork, no process can change another's memory, whatever
 * protection either gives its pages. For each kind of page (code, data, an
 * anonymous mapping, the stack, the page a signal handler returns through,
 * the page at the top of user space when there is one) made read-only
 * before the fork, one side makes it writable with mprotect and writes it;
 * the other side's bytes must not change. Both directions: the child
 * writing (the parent checks), then the parent writing (a waiting child
 * checks). Then the parent's code and signal return still work. */
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
#define TOP_PAGE 0x7ffffffff000UL /* JOS pc: the sigreturn trampoline */
#else
#define TOP_PAGE 0xbffff000UL /* JOS esp32c3: the sigreturn trampoline */
#endif

struct region {
	const char *name;
	unsigned char *bytes; /* what is written and checked */
	int prot;             /* its protection at fork time */
	int mapped;           /* 0: absent here (the top page, off JOS) */
};

static unsigned char data_page[PAGE] __attribute__((aligned(4096))) = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* Code whose first bytes get overwritten; called through a volatile pointer
 * so the compiler cannot fold it. */
__attribute__((noinline, aligned(64))) static int victim(void)
{
	return 42;
}
static int (*volatile call_victim)(void) = victim;

static void *volatile return_address;
static volatile int handled;

__attribute__((noinline)) static void on_usr1(int sig)
{
	(void)sig;
	handled++;
	return_address = __builtin_return_address(0);
}

static unsigned char *page_of(const void *p)
{
	return (unsigned char *)((uintptr_t)p & ~(PAGE - 1));
}

static uint32_t sum(const struct region *r)
{
	return crc32(0, r->bytes, 16);
}

/* Makes r writable and writes over its 16 bytes; 0 when the bytes took. */
static int overwrite(const struct region *r)
{
	unsigned char *page = page_of(r->bytes);

	if (mprotect(page, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
		return 1;
	for (int i = 0; i < 16; i++)
		r->bytes[i] = (unsigned char)(0xa5 ^ i ^ r->bytes[i]);
	return 0;
}

static int child_overwrites(void *arg)
{
	const struct region *r = arg;
	uint32_t before = sum(r);

	if (overwrite(r))
		return 1;
	return sum(r) == before ? 2 : 0;
}

/* Whether 16 bytes at p are readable: a pipe write gives EFAULT if not. */
static int readable(const void *p)
{
	int fds[2];
	long n;

	if (pipe(fds) != 0)
		return 0;
	n = write(fds[1], p, 16);
	close(fds[0]);
	close(fds[1]);
	return n == 16;
}

/* An absent region (the top page off JOS) passes the same checks with the
 * same lines, so the output does not depend on where the program runs. */
static void child_writes(const struct region *r)
{
	uint32_t before = r->mapped ? sum(r) : 0;
	int status = r->mapped ? wait_for(spawn(child_overwrites, (void *)r)) : 0;

	check(status == 0, "%s, read-only at fork: the child makes it writable and writes it (%s)", r->name,
	      describe_status(status));
	check(!r->mapped || sum(r) == before, "%s: the parent's bytes are unchanged", r->name);
}

static void parent_writes(const struct region *r)
{
	unsigned char saved[16];
	uint32_t before;
	int go[2], status;
	pid_t pid;

	if (!r->mapped) {
		check(1, "%s: the parent makes it writable and writes it", r->name);
		check(1, "%s: the child's bytes are unchanged (%s)", r->name, describe_status(0));
		return;
	}
	before = sum(r);
	memcpy(saved, r->bytes, 16);
	if (pipe(go) != 0) {
		check(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		char c;

		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		_exit(sum(r) == before ? 0 : 1);
	}
	close(go[0]);
	check(overwrite(r) == 0 && sum(r) != before, "%s: the parent makes it writable and writes it", r->name);
	if (write(go[1], "x", 1) != 1)
		check(0, "write to the child");
	close(go[1]);
	status = wait_for(pid);
	check(status == 0, "%s: the child's bytes are unchanged (%s)", r->name, describe_status(status));
	/* Put the parent's bytes and protection back for what follows. */
	memcpy(r->bytes, saved, 16);
	__builtin___clear_cache((char *)r->bytes, (char *)r->bytes + 16);
	mprotect(page_of(r->bytes), PAGE, r->prot);
}

int main(void)
{
	unsigned char stack_area[3 * PAGE];
	struct sigaction sa;
	unsigned char *anon;
	unsigned char *stack_page = page_of(stack_area + PAGE - 1) + PAGE;

	setvbuf(stdout, NULL, _IONBF, 0); /* forks print nothing twice */

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check(handled == 1 && return_address != NULL, "a SIGUSR1 handler runs and returns");

	anon = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		check(0, "mmap an anonymous page");
		return finish("isolation");
	}
	for (unsigned i = 0; i < PAGE; i++) {
		anon[i] = (unsigned char)(i * 7 + 1);
		stack_page[i] = (unsigned char)(i * 13 + 5);
	}

	struct region regions[] = {
		{ "code", (unsigned char *)(uintptr_t)victim, PROT_READ | PROT_EXEC, 1 },
		{ "data", data_page + 64, PROT_READ, 1 },
		{ "an anonymous mapping", anon + 128, PROT_READ, 1 },
		{ "the stack", stack_page + 256, PROT_READ, 1 },
		{ "the signal return code", (unsigned char *)return_address, PROT_READ | PROT_EXEC, 1 },
		{ "the top page of user space (if mapped)", (unsigned char *)TOP_PAGE, PROT_READ | PROT_EXEC, 0 },
	};
	const unsigned nregions = sizeof(regions) / sizeof(regions[0]);
	regions[nregions - 1].mapped = readable((void *)TOP_PAGE);

	for (unsigned i = 0; i < nregions; i++) {
		if (regions[i].mapped && regions[i].prot != (PROT_READ | PROT_EXEC))
			mprotect(page_of(regions[i].bytes), PAGE, regions[i].prot);
	}
	for (unsigned i = 0; i < nregions; i++)
		child_writes(&regions[i]);
	check(call_victim() == 42, "the parent's code still runs");
	raise(SIGUSR1);
	check(handled == 2, "the parent's signal handler still returns");

	for (unsigned i = 0; i < nregions; i++)
		parent_writes(&regions[i]);
	check(call_victim() == 42, "the code runs again once restored");
	raise(SIGUSR1);
	check(handled == 3, "and signal handlers return");
	return finish("isolation");
}
