/* <strings.h>'s BSD functions over their <string.h> equivalents. */
#include <string.h>
#include <strings.h>

int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
void bcopy(const void *src, void *dst, size_t n) { memmove(dst, src, n); }
void bzero(void *p, size_t n) { memset(p, 0, n); }
char *index(const char *s, int c) { return strchr(s, c); }
char *rindex(const char *s, int c) { return strrchr(s, c); }
int ffs(int v) { return __builtin_ffs(v); }
int ffsl(long v) { return __builtin_ffsl(v); }
int ffsll(long long v) { return __builtin_ffsll(v); }
