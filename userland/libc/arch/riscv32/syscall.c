/* riscv32 hooks. The asm-generic table of a 32-bit time64 kernel has no
 * fork, wait4, lseek, mmap, fstat, nanosleep or clock_gettime, so each hook
 * maps the classic call onto what exists: clone(SIGCHLD), waitid, llseek,
 * mmap2, statx and the *_time64 clock calls. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "../../src/internal.h"

/* 32-bit kernels refuse files past 2 GiB unless told we cope. */
const int __arch_open_flags = 0100000; /* O_LARGEFILE in asm-generic */

/* clone(flags, newsp, parent_tid, child_tid, tls) with only the exit
 * signal set behaves as fork: new address space, child stack = ours. */
long __arch_fork(void)
{
	return __syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

static long waitid_target(pid_t pid, idtype_t *type)
{
	if (pid > 0) {
		*type = P_PID;
		return pid;
	}
	*type = pid == -1 ? P_ALL : P_PGID;
	return pid < -1 ? -pid : 0; /* P_PGID 0 means the caller's group */
}

/* waitpid through waitid: WEXITED is implicit in waitpid, WUNTRACED is
 * WSTOPPED, and a WNOHANG call with nothing to report leaves si_pid 0. */
long __arch_waitpid(pid_t pid, int *status, int options)
{
	siginfo_t info = { 0 };
	idtype_t type;
	long id = waitid_target(pid, &type);
	long r;

	options = (options & (WNOHANG | WUNTRACED | WCONTINUED)) | WEXITED;
	r = __syscall5(SYS_waitid, type, id, (long)&info, options, 0);
	if (r < 0)
		return r;
	if (info.si_pid != 0 && status)
		*status = __wait_status_from_siginfo(&info);
	return info.si_pid;
}

long __arch_lseek(int fd, off_t offset, int whence, off_t *result)
{
	return __syscall5(SYS_llseek, fd, (long)(offset >> 32), (long)offset,
			  (long)result, whence);
}

/* mmap2 takes the offset in 4096-byte units, as an unsigned long: an
 * offset that is not a whole page, is negative or is past 2^44 cannot be
 * said (EINVAL, as glibc). */
long __arch_mmap(void *addr, size_t len, int prot, int flags, int fd,
		 off_t off)
{
	if (off & 4095 || off < 0 || off >> 44)
		return -EINVAL;
	return __syscall6(SYS_mmap2, (long)addr, (long)len, prot, flags, fd,
			  (long)(off >> 12));
}

/* The kernel's statx record (include/uapi/linux/stat.h), 256 bytes. */
struct statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare2[14];
};

#define STATX_BASIC_STATS 0x7ff

/* Linux's 64-bit dev_t encoding (major 12+20 bits, minor 8+24 bits). */
static dev_t make_dev(uint32_t major, uint32_t minor)
{
	return ((dev_t)(major & 0xfffff000) << 32) | ((major & 0xfff) << 8) |
	       ((dev_t)(minor & 0xffffff00) << 12) | (minor & 0xff);
}

static struct timespec from_statx_ts(struct statx_ts t)
{
	struct timespec ts = { .tv_sec = t.tv_sec, .tv_nsec = t.tv_nsec };

	return ts;
}

static void stat_from_statx(struct stat *st, const struct statx *x)
{
	*st = (struct stat){
		.st_dev = make_dev(x->dev_major, x->dev_minor),
		.st_ino = x->ino,
		.st_nlink = x->nlink,
		.st_mode = x->mode,
		.st_uid = x->uid,
		.st_gid = x->gid,
		.st_rdev = make_dev(x->rdev_major, x->rdev_minor),
		.st_size = (off_t)x->size,
		.st_blksize = x->blksize,
		.st_blocks = (blkcnt_t)x->blocks,
		.st_atim = from_statx_ts(x->atime),
		.st_mtim = from_statx_ts(x->mtime),
		.st_ctim = from_statx_ts(x->ctime),
	};
}

long __arch_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct statx x;
	long r;

	_Static_assert(sizeof(struct stat) >= sizeof(struct statx),
		       "statx is written into the caller's struct stat");
	r = __syscall5(SYS_statx, dirfd, (long)path, flags, STATX_BASIC_STATS,
		       (long)st);
	if (r == 0) {
		memcpy(&x, st, sizeof(x));
		stat_from_statx(st, &x);
	}
	return r;
}

long __arch_fstat(int fd, struct stat *st)
{
	return __arch_fstatat(fd, "", st, AT_EMPTY_PATH);
}

/* The time64 calls take the kernel's {s64 sec; s64 nsec}. The libc's
 * struct timespec has that layout on riscv32 (tv_nsec, then a padding word
 * that a 32-bit kernel ignores when reading and zeroes when writing), so
 * pointers go straight through and bad ones still give EFAULT. */
long __arch_clock_gettime(clockid_t clock, struct timespec *ts)
{
	return __syscall2(SYS_clock_gettime64, clock, (long)ts);
}

long __arch_clock_getres(clockid_t clock, struct timespec *ts)
{
	return __syscall2(SYS_clock_getres_time64, clock, (long)ts);
}

long __arch_clock_nanosleep(clockid_t clock, int flags,
			    const struct timespec *req, struct timespec *rem)
{
	return __syscall4(SYS_clock_nanosleep_time64, clock, flags, (long)req,
			  (long)rem);
}

/* nanosleep is specified to measure CLOCK_MONOTONIC. */
long __arch_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __arch_clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);
}
