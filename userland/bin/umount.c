/* umount DIR: unmounts the file system mounted at DIR, writing its cache
 * back first (EBUSY while files are open on it or a process works in it). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NR_UMOUNT2 166
#else
#define NR_UMOUNT2 39
#endif

int main(int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: umount DIR...\n");
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (syscall(NR_UMOUNT2, argv[i], 0) < 0) {
			printf("umount: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
