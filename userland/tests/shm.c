/* shm: memory shared between processes. Anonymous MAP_SHARED memory seen
 * by parent and child after fork (a producer/consumer ring of 2000 values
 * between them), MAP_PRIVATE staying private beside it, POSIX shared
 * memory (shm_open/ftruncate/mmap in two processes, shm_unlink), a file
 * mapped MAP_SHARED kept coherent with read/write, msync, SIGBUS past the
 * end of a file, and the errors Linux gives. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testlib.h"

#define PAGE 4096
#define RING 16
#define ITEMS 2000

/* The ring lives in shared memory: the producer only moves head, the
 * consumer only tail; each waits for the other with sched_yield. */
struct ring {
	volatile unsigned head, tail;
	volatile unsigned values[RING];
};

static int produce(void *arg)
{
	struct ring *r = arg;
	for (unsigned i = 0; i < ITEMS; i++) {
		while (r->head - r->tail == RING)
			sched_yield();
		r->values[r->head % RING] = i * 7 + 3;
		__sync_synchronize();
		r->head = r->head + 1;
	}
	return 0;
}

static void ring_between_processes(void)
{
	struct ring *r = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(r != MAP_FAILED, "mmap(MAP_SHARED | MAP_ANONYMOUS)");
	pid_t child = spawn(produce, r);
	unsigned long sum = 0;
	int in_order = 1;
	for (unsigned i = 0; i < ITEMS; i++) {
		while (r->head == r->tail)
			sched_yield();
		__sync_synchronize();
		unsigned v = r->values[r->tail % RING];
		in_order &= v == i * 7 + 3;
		sum += v;
		r->tail = r->tail + 1;
	}
	int status = wait_for(child);
	printf("the consumer got %u values summing to %lu (%s)\n", ITEMS, sum, describe_status(status));
	check(in_order && sum == 7UL * ITEMS * (ITEMS - 1) / 2 + 3UL * ITEMS, "a producer child and a consumer parent share a ring of %d slots", RING);
	munmap(r, PAGE);
}

static int write_both(void *arg)
{
	char **pages = arg;
	strcpy(pages[0], "written by the child");
	strcpy(pages[1], "private to the child");
	return 0;
}

static void shared_and_private_after_fork(void)
{
	char *shared = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *private = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	strcpy(shared, "written by the parent");
	strcpy(private, "the parent's");
	char *pages[2] = { shared, private };
	int status = wait_for(spawn(write_both, pages));
	printf("shared page after the child: \"%s\"; private page: \"%s\" (%s)\n", shared, private, describe_status(status));
	check(strcmp(shared, "written by the child") == 0, "the parent sees the child's write to MAP_SHARED memory");
	check(strcmp(private, "the parent's") == 0, "MAP_PRIVATE memory stays the parent's");
	/* mprotect to read-only and back does not make the shared page private. */
	check(mprotect(shared, PAGE, PROT_READ) == 0 && mprotect(shared, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect the shared page read-only and back");
	status = wait_for(spawn(write_both, pages));
	check(strcmp(shared, "written by the child") == 0 && status == 0, "still shared after mprotect");
	/* The child's untouched second page is shared too: it was never faulted in. */
	pid_t pid = fork();
	if (pid == 0) {
		shared[PAGE] = 'Z';
		_exit(0);
	}
	wait_for(pid);
	check(shared[PAGE] == 'Z', "a page first touched by the child after fork is shared");
	munmap(shared, 2 * PAGE);
	munmap(private, PAGE);
}

static int shm_child(void *arg)
{
	const char *name = arg;
	int fd = shm_open(name, O_RDWR, 0);
	if (fd < 0)
		return 1;
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 2;
	close(fd);
	if (strcmp(p, "from the parent") != 0)
		return 3;
	strcpy(p + PAGE, "from the child");
	return 0;
}

static void posix_shm(void)
{
	char name[64];
	snprintf(name, sizeof(name), "/jos-shm-%d", (int)getpid());
	shm_unlink(name);
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	check(fd >= 0, "shm_open(O_CREAT | O_EXCL)");
	check(shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST, "again with O_EXCL is EEXIST");
	check(shm_open("/a/b", O_RDONLY, 0) == -1 && errno == EINVAL, "a name with an inner '/' is EINVAL");
	check(ftruncate(fd, 2 * PAGE) == 0, "ftruncate to two pages");
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED, "mmap(MAP_SHARED) of the object");
	strcpy(p, "from the parent");
	int status = wait_for(spawn(shm_child, name));
	printf("the child opened the object by name: %s\n", describe_status(status));
	check(status == 0 && strcmp(p + PAGE, "from the child") == 0, "the parent sees what the child wrote through its own mapping");
	struct stat st;
	check(fstat(fd, &st) == 0 && st.st_size == 2 * PAGE, "fstat: the object is two pages");
	char buf[16] = { 0 };
	check(pread(fd, buf, 14, PAGE) == 14 && memcmp(buf, "from the child", 14) == 0, "read() sees the mapping's bytes");
	check(shm_unlink(name) == 0, "shm_unlink");
	check(shm_open(name, O_RDWR, 0) == -1 && errno == ENOENT, "the name is gone: ENOENT");
	strcpy(p, "still mapped");
	check(strcmp(p, "still mapped") == 0, "the mapping outlives the name");
	close(fd);
	munmap(p, 2 * PAGE);
}

static int touch_second_page(void *arg)
{
	volatile char *p = arg;
	return p[PAGE];
}

static void file_mapping(void)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/jos-shm-file-%d", (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "hello, world", 12) == 12, "a 12-byte file in /tmp");
	char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && memcmp(p, "hello, world", 12) == 0, "mmap(MAP_SHARED) of it shows its bytes");
	check(p[12] == 0 && p[PAGE - 1] == 0, "the rest of its last page reads zeros");
	p[0] = 'J';
	char buf[13] = { 0 };
	check(pread(fd, buf, 12, 0) == 12 && strcmp(buf, "Jello, world") == 0, "a store through the mapping: read() sees it");
	check(pwrite(fd, "W", 1, 7) == 1 && p[7] == 'W', "write(): the mapping sees it");
	check(msync(p, PAGE, MS_SYNC) == 0, "msync(MS_SYNC)");
	check_errno(msync(p, PAGE, MS_SYNC | MS_ASYNC), EINVAL, "msync(MS_SYNC | MS_ASYNC)");
	check_errno(msync(p + 1, PAGE, MS_SYNC), EINVAL, "msync of an unaligned address");
	int status = wait_for(spawn(touch_second_page, p));
	printf("a page past the end of the file: %s\n", describe_status(status));
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, "touching it is SIGBUS");
	check(ftruncate(fd, PAGE + 1) == 0 && touch_second_page(p) == 0, "after ftruncate it is there, zeroed");
	munmap(p, 2 * PAGE);
	close(fd);

	fd = open(path, O_RDONLY);
	check_errno((long)mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES, "a writable shared mapping of a read-only descriptor");
	p = mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && memcmp(p, "Jello, World", 12) == 0, "a read-only shared mapping of it");
	check_errno(mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES, "mprotect(PROT_WRITE) of it");
	munmap(p, PAGE);
	close(fd);
	unlink(path);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	ring_between_processes();
	shared_and_private_after_fork();
	posix_shm();
	file_mapping();
	return finish("shm");
}
