/* sysfuzz: random system calls with hostile arguments must not crash or
 * hang the kernel (issue 6: "nothing a user program does can crash or hang
 * the kernel or the host process").
 *
 * JOS ONLY: never run this natively or under qemu-user, it would make
 * random calls on the host. The conformance tests leave it out.
 *
 * The parent forks children one after another. Each child closes the
 * console, opens a pipe and a file in /tmp (so small descriptor numbers
 * mean something), then makes CALLS calls with numbers drawn from the
 * whole table (and beyond) and arguments drawn from a hostile mix: small
 * integers, -1, huge sizes, NULL, low and kernel addresses, pointers into
 * and just past a scratch buffer, random words. Calls that would end the
 * experiment rather than test the kernel are left out (exit, kill,
 * clone/fork, reboot). A child may block forever (read on its own pipe,
 * pause) or kill itself (a bogus sigreturn, munmap of its own stack): the
 * parent is its watchdog and sends SIGKILL after WATCHDOG_MS of virtual
 * time. Afterwards the parent checks that the kernel still forks, pipes,
 * sleeps and reads files, and prints one line per child and a summary.
 *
 * Round `cow` (the fourth argument) hunts copy-on-write bugs instead:
 * each child fills private pages, then it and the processes it forks
 * change protections, remap, unmap, write and fork again at random, and
 * every process checks that its pages hold exactly what it wrote itself:
 * a frame still shared after fork and written through another process's
 * mapping would show there. The children then must exit 0.
 *
 * Round `ipc` aims at threads and the IPC calls: each child makes a
 * socketpair, a listening and a datagram UNIX socket, an epoll instance
 * watching them, an eventfd, a pipe and a message queue, then starts
 * IPC_THREADS threads that make the calls at once, drawn from the futex,
 * socket, epoll, poll/select, eventfd and mq calls (and thread calls:
 * gettid, sched_yield, set_robust_list, sigaltstack, the signal mask),
 * with arguments that are those descriptors, pointers into a shared
 * scratch buffer (futex words, sockaddrs, epoll events, iovecs) or hostile
 * values. Threads close each other's descriptors, block on futexes and
 * sockets others may wake, and may be killed by the watchdog mid-call.
 *
 *   sysfuzz [children [calls [seed [calls|cow|ipc]]]]
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "testlib.h"

#define WATCHDOG_MS 2000
enum { ROUND_CALLS, ROUND_COW, ROUND_IPC };
#define SCRATCH_SIZE 4096
#define MAX_NR 460

#if defined(__x86_64__)
#define KERNEL_ADDR 0xffff800000001000UL
/* exit, exit_group, kill, tkill, tgkill, fork, vfork, clone, clone3,
 * reboot, pidfd_send_signal (x86_64 table). */
static const long denied[] = { 60, 231, 62, 200, 234, 57, 58, 56, 435, 169, 424 };
/* Left out of the probe only: pause, rt_sigreturn. */
static const long not_probed[] = { 34, 15 };
#else
#define KERNEL_ADDR 0xc0001000UL
/* exit, exit_group, kill, tkill, tgkill, clone, clone3, reboot,
 * pidfd_send_signal (asm-generic table). */
static const long denied[] = { 93, 94, 129, 130, 131, 220, 435, 142, 424 };
/* Left out of the probe only: rt_sigreturn. */
static const long not_probed[] = { 139 };
#endif

/* The numbers the kernel answers with something other than ENOSYS, then
 * the buffer the calls get pointers into, then slack: calls that write
 * past the buffer (uname, getrandom...) overwrite the slack first, not the
 * list. */
static struct {
	short implemented[MAX_NR];
	int n_implemented;
	char scratch[SCRATCH_SIZE];
	char slack[4 * SCRATCH_SIZE];
} mem;
#define implemented mem.implemented
#define n_implemented mem.n_implemented
#define scratch mem.scratch

static unsigned long rng_state;

static unsigned long next_random(void)
{
	/* xorshift32: the same sequence on both architectures. */
	unsigned int x = (unsigned int)rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

static long hostile_argument(void)
{
	switch (next_random() % 12) {
	case 0: return 0;
	case 1: return (long)(next_random() % 8);
	case 2: return -1;
	case 3: return (long)(next_random() % 0x10000);
	case 4: return (long)(unsigned long)next_random();
	case 5: return 16; /* a low address */
	case 6: return (long)KERNEL_ADDR;
	case 7: return (long)scratch;
	case 8: return (long)(scratch + next_random() % SCRATCH_SIZE);
	case 9: return (long)(scratch + SCRATCH_SIZE - 4); /* runs off the end */
	case 10: return 0x7fffffff;
	default: return (long)(~0UL >> 1); /* a huge size */
	}
}

static int listed(const long *list, size_t n, long nr)
{
	for (size_t k = 0; k < n; k++)
		if (list[k] == nr)
			return 1;
	return 0;
}

static int is_denied(long nr)
{
	return listed(denied, sizeof denied / sizeof denied[0], nr);
}

/* Mostly calls the kernel implements; sometimes any number at all. */
static long random_number(void)
{
	for (;;) {
		unsigned long r = next_random();
		long nr;
		if (n_implemented > 0 && r % 8 != 0)
			nr = implemented[(r >> 3) % (unsigned long)n_implemented];
		else
			nr = (r % 64 == 0) ? (long)(r >> 6) : (long)(r % MAX_NR);
		if (!is_denied(nr))
			return nr;
	}
}

/* Waits for `pid`, killing it after WATCHDOG_MS of blocking or looping;
 * returns its wait status. */
static int watch(pid_t pid)
{
	int status = 0;
	for (int waited = 0; waited < WATCHDOG_MS; waited += 10) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		sleep_ms(10);
	}
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid) {
		printf("sysfuzz: child %d could not be reaped: %s\n", (int)pid, strerror(errno));
		exit(1);
	}
	return status;
}

static pid_t fork_or_die(void)
{
	pid_t pid = fork();
	if (pid < 0) {
		printf("sysfuzz: fork failed: %s\n", strerror(errno));
		exit(1);
	}
	return pid;
}

/* A child calls every number with arguments of -1 and reports through a
 * pipe those that are not ENOSYS; the parent collects them once the child
 * is gone (the pipe holds them all). */
static void probe(void)
{
	int fds[2];
	if (pipe(fds) != 0) {
		printf("sysfuzz: pipe failed: %s\n", strerror(errno));
		exit(1);
	}
	pid_t pid = fork_or_die();
	if (pid == 0) {
		close(fds[0]);
		for (long nr = 0; nr < MAX_NR; nr++) {
			if (is_denied(nr) || listed(not_probed, sizeof not_probed / sizeof not_probed[0], nr))
				continue;
			long r = syscall(nr, -1L, -1L, -1L, -1L, -1L, -1L);
			if (r != -1 || errno != ENOSYS) {
				short v = (short)nr;
				write(fds[1], &v, sizeof v);
			}
		}
		_exit(0);
	}
	close(fds[1]);
	watch(pid);
	short v;
	while (read(fds[0], &v, sizeof v) == (long)sizeof v && n_implemented < MAX_NR)
		implemented[n_implemented++] = v;
	close(fds[0]);
}

static int fuzz_child(unsigned long seed, long calls)
{
	rng_state = seed;
	close(0);
	close(1);
	close(2);
	int fds[2];
	pipe(fds);
	open("/tmp/sysfuzz", O_RDWR | O_CREAT, 0644);
	for (size_t k = 0; k < SCRATCH_SIZE; k++)
		scratch[k] = (char)next_random();
	for (long k = 0; k < calls; k++) {
		long nr = random_number();
		long a = hostile_argument(), b = hostile_argument(), c = hostile_argument();
		long d = hostile_argument(), e = hostile_argument(), f = hostile_argument();
		syscall(nr, a, b, c, d, e, f);
	}
	return 0;
}

#define COW_PAGES 16
#define COW_PAGE 4096
/* Forks per process, inherited: a round's tree has at most 2^COW_FORKS
 * processes. */
#define COW_FORKS 3

/* This process's view of the round's pages: what each should hold. */
static unsigned char *cow_pages;
static unsigned char cow_model[COW_PAGES * COW_PAGE];
static int cow_prot[COW_PAGES]; /* -1: unmapped */

/* 0 when page p, if readable, holds what this process wrote there. */
static int cow_verify_page(int p)
{
	return cow_prot[p] >= 0 && (cow_prot[p] & PROT_READ) &&
	       memcmp(cow_pages + p * COW_PAGE, cow_model + p * COW_PAGE, COW_PAGE) != 0;
}

/* 0 when every readable page holds what this process wrote there. */
static int cow_verify(void)
{
	for (int p = 0; p < COW_PAGES; p++)
		if (cow_verify_page(p))
			return 1;
	return 0;
}

static void cow_write(int p)
{
	size_t at = p * COW_PAGE + next_random() % (COW_PAGE - 64);
	for (int k = 0; k < 64; k++)
		cow_pages[at + k] = cow_model[at + k] = (unsigned char)next_random();
}

/* One process's share of the round; returns its exit status (0: its
 * pages and its children's were always what each wrote). */
static int cow_child(unsigned long seed, long steps)
{
	static const int prots[] = { PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_WRITE | PROT_EXEC };
	pid_t kids[COW_FORKS];
	int n_kids = 0, forks = COW_FORKS, failed = 0;
	rng_state = seed;
	cow_pages = mmap(NULL, COW_PAGES * COW_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (cow_pages == MAP_FAILED)
		return 2;
	for (int p = 0; p < COW_PAGES; p++) {
		cow_prot[p] = PROT_READ | PROT_WRITE;
		for (int k = 0; k < 4; k++)
			cow_write(p);
	}
	for (long k = 0; k < steps && !failed; k++) {
		int p = (int)(next_random() % COW_PAGES);
		unsigned char *page = cow_pages + p * COW_PAGE;
		switch (next_random() % 6) {
		case 0: /* fork: both go on, each with its own random stream */
			if (forks > 0) {
				forks--;
				pid_t pid = fork();
				if (pid == 0) {
					n_kids = 0;
					rng_state = (unsigned int)(rng_state * 2654435761u) | 1;
				} else if (pid > 0) {
					kids[n_kids++] = pid;
				}
			}
			break;
		case 1: /* a new protection, read-only pages made writable included */
			if (cow_prot[p] >= 0) {
				int prot = prots[next_random() % 4];
				if (mprotect(page, COW_PAGE, prot) == 0)
					cow_prot[p] = prot;
			}
			break;
		case 2: /* a write through a mapping that may write */
		case 3:
			if (cow_prot[p] >= 0 && (cow_prot[p] & PROT_WRITE))
				cow_write(p);
			break;
		case 4: /* a fresh zero page over it, or away with it */
			if (next_random() % 2) {
				if (mmap(page, COW_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == page) {
					cow_prot[p] = PROT_READ | PROT_WRITE;
					memset(cow_model + p * COW_PAGE, 0, COW_PAGE);
				}
			} else if (munmap(page, COW_PAGE) == 0) {
				cow_prot[p] = -1;
			}
			break;
		default: /* one page checked now (all of them at the end) */
			failed = cow_verify_page(p);
		}
	}
	failed |= cow_verify();
	for (int k = 0; k < n_kids; k++) {
		int status = 0;
		if (waitpid(kids[k], &status, 0) != kids[k] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	}
	return failed ? 3 : 0;
}

#define IPC_THREADS 4
/* The calls of round `ipc` (both tables have every name). */
static const long ipc_calls[] = {
	SYS_futex, SYS_socket, SYS_socketpair, SYS_bind, SYS_listen, SYS_accept4,
	SYS_connect, SYS_sendmsg, SYS_recvmsg, SYS_sendto, SYS_recvfrom,
	SYS_shutdown, SYS_getsockname, SYS_getpeername, SYS_setsockopt,
	SYS_getsockopt, SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_pwait,
	SYS_eventfd2, SYS_ppoll, SYS_pselect6, SYS_mq_open, SYS_mq_unlink,
	SYS_mq_timedsend, SYS_mq_timedreceive, SYS_mq_notify, SYS_mq_getsetattr,
	SYS_set_robust_list, SYS_gettid, SYS_sched_yield, SYS_read, SYS_write,
	SYS_close, SYS_dup, SYS_sigaltstack, SYS_rt_sigprocmask,
};
#define N_IPC_CALLS (sizeof ipc_calls / sizeof ipc_calls[0])
#define IPC_FDS 10
static int ipc_fds[IPC_FDS];

struct ipc_thread {
	pthread_t id;
	unsigned int rng;
	long calls;
};

/* xorshift32 on a thread's own state (next_random's is the process's). */
static unsigned int ipc_random(unsigned int *state)
{
	unsigned int x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static long ipc_argument(unsigned int *state)
{
	unsigned int r = ipc_random(state);
	switch (r % 10) {
	case 0: case 1: case 2: /* one of the child's descriptors */
		return ipc_fds[(r >> 4) % IPC_FDS];
	case 3: /* a futex word, sockaddr, event array or iovec in scratch */
		return (long)(scratch + ((r >> 4) % (SCRATCH_SIZE / 8)) * 8);
	case 4: /* AF_UNIX, SOCK_STREAM; FUTEX_WAKE; EPOLL_CTL_ADD... */
		return (long)((r >> 4) % 4);
	case 5: return (long)((r >> 4) % 128); /* sizes, flags, counts */
	case 6: return (long)"/sysfuzz-mq";
	default: {
		/* the process-wide stream, reseeded per thread: hostile values */
		rng_state = ipc_random(state) | 1;
		return hostile_argument();
	}
	}
}

static void *ipc_thread(void *arg)
{
	struct ipc_thread *t = arg;
	for (long k = 0; k < t->calls; k++) {
		long nr = ipc_calls[ipc_random(&t->rng) % N_IPC_CALLS];
		long a = ipc_argument(&t->rng), b = ipc_argument(&t->rng), c = ipc_argument(&t->rng);
		long d = ipc_argument(&t->rng), e = ipc_argument(&t->rng), f = ipc_argument(&t->rng);
		syscall(nr, a, b, c, d, e, f);
	}
	return NULL;
}

/* Round `ipc`: the descriptors, then IPC_THREADS threads of calls. */
static int ipc_child(unsigned long seed, long calls)
{
	struct ipc_thread threads[IPC_THREADS];
	int pair[2], pipe_fds[2];
	rng_state = seed;
	close(0);
	close(1);
	close(2);
	signal(SIGPIPE, SIG_IGN); /* EPIPE instead: the storm goes on */
	for (size_t k = 0; k < SCRATCH_SIZE; k++)
		scratch[k] = (char)next_random();
	socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
	ipc_fds[0] = pair[0];
	ipc_fds[1] = pair[1];
	ipc_fds[2] = socket(AF_UNIX, SOCK_STREAM, 0);
	ipc_fds[3] = socket(AF_UNIX, SOCK_DGRAM, 0);
	ipc_fds[4] = epoll_create1(0);
	ipc_fds[5] = eventfd(0, 0);
	pipe(pipe_fds);
	ipc_fds[6] = pipe_fds[0];
	ipc_fds[7] = pipe_fds[1];
	ipc_fds[8] = (int)syscall(SYS_mq_open, "/sysfuzz-mq", O_RDWR | O_CREAT, 0600, NULL);
	ipc_fds[9] = -1;
	for (int k = 0; k < 8; k++) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | (k % 2 ? EPOLLET : 0), .data.u32 = (unsigned)k };
		epoll_ctl(ipc_fds[4], EPOLL_CTL_ADD, ipc_fds[k], &ev);
	}
	for (int k = 0; k < IPC_THREADS; k++) {
		threads[k].rng = (unsigned int)(seed * 2654435761u + (unsigned long)k * 97u) | 1;
		threads[k].calls = calls / IPC_THREADS;
		if (pthread_create(&threads[k].id, NULL, ipc_thread, &threads[k]) != 0)
			return 4;
	}
	for (int k = 0; k < IPC_THREADS; k++)
		pthread_join(threads[k].id, NULL);
	return 0;
}

/* Runs one fuzzing child under the watchdog; returns its wait status. */
static int run_child(unsigned long seed, long calls, int round)
{
	pid_t pid = fork_or_die();
	if (pid == 0)
		_exit(round == ROUND_COW ? cow_child(seed, calls) :
		      round == ROUND_IPC ? ipc_child(seed, calls) : fuzz_child(seed, calls));
	return watch(pid);
}

/* The kernel still does ordinary work after the storm. */
static void check_kernel_alive(void)
{
	int fds[2];
	char buf[8];
	check(pipe(fds) == 0 && write(fds[1], "alive", 5) == 5 && read(fds[0], buf, 5) == 5 &&
	      memcmp(buf, "alive", 5) == 0, "a pipe still carries data");
	close(fds[0]);
	close(fds[1]);
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	int status = wait_for(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42, "fork and wait still work");
	int64_t before = now_ns();
	sleep_ms(20);
	check(now_ns() - before >= 20000000, "sleeping still takes its time");
	int fd = open("/tmp/sysfuzz-check", O_RDWR | O_CREAT | O_TRUNC, 0644);
	errno = 0;
	check(fd >= 0 && write(fd, "ok", 2) == 2 && lseek(fd, 0, SEEK_SET) == 0 &&
	      read(fd, buf, 2) == 2 && memcmp(buf, "ok", 2) == 0, "files in /tmp still work (%s)",
	      errno ? strerror(errno) : "no error");
	close(fd);
}

int main(int argc, char **argv)
{
	int children = argc > 1 ? atoi(argv[1]) : 8;
	long calls = argc > 2 ? atol(argv[2]) : 2000;
	unsigned long seed = argc > 3 ? strtoul(argv[3], NULL, 0) : 0x5eed1234UL;
	int round = ROUND_CALLS;
	if (argc > 4 && strcmp(argv[4], "cow") == 0)
		round = ROUND_COW;
	else if (argc > 4 && strcmp(argv[4], "ipc") == 0)
		round = ROUND_IPC;
	else if (argc > 4 && strcmp(argv[4], "calls") != 0) {
		printf("sysfuzz: unknown round \"%s\" (calls, cow or ipc)\n", argv[4]);
		return 2;
	}
	int cow = round == ROUND_COW;
	if (seed == 0)
		seed = 1;
	printf("sysfuzz: %d children x %ld random %s, seed 0x%lx\n", children, calls,
	       cow ? "memory steps around fork" : round == ROUND_IPC ? "thread and IPC calls" : "system calls", seed);
	probe();
	printf("sysfuzz: %d system call numbers are implemented\n", n_implemented);
	int cow_failures = 0;
	for (int k = 0; k < children; k++) {
		unsigned long child_seed = seed * 2654435761UL + (unsigned long)k * 40503UL;
		if ((unsigned int)child_seed == 0)
			child_seed = 1;
		int status = run_child(child_seed, calls, round);
		/* The ipc round's queue outlives its child: a fresh one each time. */
		syscall(SYS_mq_unlink, "/sysfuzz-mq");
		printf("child %d: %s\n", k, describe_status(status));
		if (cow && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			cow_failures++;
		/* Its file may have grown to fill /tmp (ENOSPC): remove it. */
		unlink("/tmp/sysfuzz");
	}
	if (cow)
		check(cow_failures == 0, "every process's private pages held only its own writes (%d children failed)", cow_failures);
	check_kernel_alive();
	return finish("sysfuzz");
}
