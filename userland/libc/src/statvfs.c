/* statvfs/fstatvfs: statfs's record in POSIX's shape, as glibc fills it
 * (f_frsize falls back to f_bsize, f_favail is f_ffree, the mount flags
 * without the kernel's ST_VALID marker). */
#include <sys/statfs.h>
#include <sys/statvfs.h>

#define ST_VALID 0x20

static int convert(int r, const struct statfs *s, struct statvfs *v)
{
	if (r < 0)
		return r;
	v->f_bsize = (unsigned long)s->f_bsize;
	v->f_frsize = (unsigned long)(s->f_frsize ? s->f_frsize : s->f_bsize);
	v->f_blocks = s->f_blocks;
	v->f_bfree = s->f_bfree;
	v->f_bavail = s->f_bavail;
	v->f_files = s->f_files;
	v->f_ffree = s->f_ffree;
	v->f_favail = s->f_ffree;
	v->f_fsid = (unsigned long)(unsigned)s->f_fsid.__val[0];
	if (sizeof(unsigned long) > 4)
		v->f_fsid |= (unsigned long)(unsigned)s->f_fsid.__val[1] << (sizeof(unsigned long) * 4);
	v->f_flag = (unsigned long)(s->f_flags & ~ST_VALID);
	v->f_namemax = (unsigned long)s->f_namelen;
	for (int i = 0; i < 6; i++)
		v->__f_spare[i] = 0;
	return 0;
}

int statvfs(const char *path, struct statvfs *buf)
{
	struct statfs s;

	return convert(statfs(path, &s), &s, buf);
}

int fstatvfs(int fd, struct statvfs *buf)
{
	struct statfs s;

	return convert(fstatfs(fd, &s), &s, buf);
}
