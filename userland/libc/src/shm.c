/* POSIX shared memory: shm_open/shm_unlink are files in the tmpfs at
 * /dev/shm (as glibc does it), mapped with mmap(MAP_SHARED); msync. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal.h"

#define SHM_DIR "/dev/shm/"
#define NAME_MAX_BYTES 255

/* "/name" -> "/dev/shm/name"; EINVAL for "", "/", or a name with another
 * '/', ENAMETOOLONG past NAME_MAX, as glibc. */
static int shm_path(const char *name, char out[sizeof(SHM_DIR) + NAME_MAX_BYTES])
{
	while (*name == '/')
		name++;
	size_t n = strlen(name);
	if (n == 0 || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		errno = EINVAL;
		return -1;
	}
	if (n > NAME_MAX_BYTES) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(out, SHM_DIR, sizeof(SHM_DIR) - 1);
	memcpy(out + sizeof(SHM_DIR) - 1, name, n + 1);
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[sizeof(SHM_DIR) + NAME_MAX_BYTES];
	if (shm_path(name, path) < 0)
		return -1;
	return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name)
{
	char path[sizeof(SHM_DIR) + NAME_MAX_BYTES];
	if (shm_path(name, path) < 0)
		return -1;
	return unlink(path);
}

int msync(void *addr, size_t len, int flags)
{
	return (int)__sysret_call(SYS_msync, addr, len, flags);
}
