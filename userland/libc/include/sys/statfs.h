/* statfs/fstatfs: a file system's sizes. Counts are 64-bit on both
 * architectures (riscv32 asks the kernel for statfs64 and converts). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;
	long f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail;
	unsigned long long f_files, f_ffree;
	fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
