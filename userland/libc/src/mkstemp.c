/* mkstemp, mkostemp, mkdtemp, mktemp: the template's trailing XXXXXX
 * replaced with random letters and digits until a name is free (at most
 * TMP_TRIES attempts, then EEXIST). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>

#define TMP_TRIES 1000

static const char letters[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

static char *x_part(char *tmpl)
{
	size_t n = strlen(tmpl);

	if (n < 6 || memcmp(tmpl + n - 6, "XXXXXX", 6)) {
		errno = EINVAL;
		return NULL;
	}
	return tmpl + n - 6;
}

static void fill(char *x)
{
	static unsigned long long counter;
	unsigned char r[6];
	struct timespec ts;

	if (getrandom(r, sizeof(r), 0) != sizeof(r)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		unsigned long long v = (unsigned long long)ts.tv_nsec ^
				       (++counter * 0x9e3779b97f4a7c15ULL) ^
				       (unsigned long long)getpid() << 20;

		for (int i = 0; i < 6; i++, v >>= 8)
			r[i] = (unsigned char)v;
	}
	for (int i = 0; i < 6; i++)
		x[i] = letters[r[i] % (sizeof(letters) - 1)];
}

int mkostemp(char *tmpl, int flags)
{
	char *x = x_part(tmpl);

	if (!x)
		return -1;
	for (int i = 0; i < TMP_TRIES; i++) {
		int fd;

		fill(x);
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	memcpy(x, "XXXXXX", 6);
	errno = EEXIST;
	return -1;
}

int mkstemp(char *tmpl) { return mkostemp(tmpl, 0); }

char *mkdtemp(char *tmpl)
{
	char *x = x_part(tmpl);

	if (!x)
		return NULL;
	for (int i = 0; i < TMP_TRIES; i++) {
		fill(x);
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
	}
	memcpy(x, "XXXXXX", 6);
	errno = EEXIST;
	return NULL;
}

/* Unsafe by design (the name may be taken before it is used); kept for
 * old programs. On failure the template becomes "". */
char *mktemp(char *tmpl)
{
	char *x = x_part(tmpl);
	struct stat st;

	if (!x) {
		if (*tmpl)
			*tmpl = '\0';
		return tmpl;
	}
	for (int i = 0; i < TMP_TRIES; i++) {
		fill(x);
		if (lstat(tmpl, &st) < 0 && errno == ENOENT)
			return tmpl;
	}
	*tmpl = '\0';
	return tmpl;
}
