/* Text forms of internet addresses (POSIX arpa/inet.h): inet_pton and
 * inet_ntop for AF_INET and AF_INET6 (RFC 5952's shortest IPv6 form, as
 * glibc prints it), and the older inet_aton / inet_addr / inet_ntoa
 * (which accept 1 to 4 parts in decimal, octal or hexadecimal). */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <netinet/in.h>

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
int inet_aton(const char *cp, struct in_addr *inp);
in_addr_t inet_addr(const char *cp);
char *inet_ntoa(struct in_addr in);

#endif
