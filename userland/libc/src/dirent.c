/* opendir/readdir over getdents64, reading a buffer of records at a time. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

struct DIR {
	int fd;
	size_t pos, len;
	struct dirent ent;
	char buf[2048] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd)
{
	DIR *d = calloc(1, sizeof(*d));

	if (d)
		d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct linux_dirent64 *rec;

	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL; /* end (errno untouched) or error */
		d->len = (size_t)n;
		d->pos = 0;
	}
	rec = (struct linux_dirent64 *)(d->buf + d->pos);
	d->pos += rec->d_reclen;
	d->ent.d_ino = rec->d_ino;
	d->ent.d_type = rec->d_type;
	strncpy(d->ent.d_name, rec->d_name, sizeof(d->ent.d_name) - 1);
	d->ent.d_name[sizeof(d->ent.d_name) - 1] = '\0';
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}
