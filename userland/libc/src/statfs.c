/* statfs/fstatfs. x86_64's statfs record is the public struct; riscv32's
 * kernel has statfs64(path, size, buf) with 32-bit words around the
 * 64-bit counts (asm-generic's struct statfs64), converted here. */
#include <sys/statfs.h>
#include "internal.h"

#ifdef __riscv
struct kernel_statfs64 {
	unsigned int f_type, f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((aligned(8)));

static int convert(long r, const struct kernel_statfs64 *k, struct statfs *buf)
{
	if (r < 0)
		return (int)__sysret(r);
	buf->f_type = k->f_type;
	buf->f_bsize = k->f_bsize;
	buf->f_blocks = k->f_blocks;
	buf->f_bfree = k->f_bfree;
	buf->f_bavail = k->f_bavail;
	buf->f_files = k->f_files;
	buf->f_ffree = k->f_ffree;
	buf->f_fsid.__val[0] = k->f_fsid[0];
	buf->f_fsid.__val[1] = k->f_fsid[1];
	buf->f_namelen = k->f_namelen;
	buf->f_frsize = k->f_frsize;
	buf->f_flags = k->f_flags;
	for (int i = 0; i < 4; i++)
		buf->f_spare[i] = 0;
	return 0;
}

int statfs(const char *path, struct statfs *buf)
{
	struct kernel_statfs64 k;

	return convert(__sys(SYS_statfs, path, sizeof k, &k), &k, buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	struct kernel_statfs64 k;

	return convert(__sys(SYS_fstatfs, fd, sizeof k, &k), &k, buf);
}
#else
int statfs(const char *path, struct statfs *buf)
{
	return (int)__sysret_call(SYS_statfs, path, buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	return (int)__sysret_call(SYS_fstatfs, fd, buf);
}
#endif
