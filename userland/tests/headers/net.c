/* arpa/inet.h, netinet/in.h, netdb.h: text <-> address conversions on
 * valid and malformed input, and getaddrinfo on numeric hosts, the
 * wildcard/loopback defaults, names from /etc/hosts and services from
 * /etc/services; every result printed. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

static void pton(int af, const char *text)
{
	unsigned char buf[16];
	char back[INET6_ADDRSTRLEN];
	int r = inet_pton(af, text, buf);

	printf("pton%d '%s' -> %d", af == AF_INET ? 4 : 6, text, r);
	if (r == 1)
		printf(" %s", inet_ntop(af, buf, back, sizeof(back)));
	printf("\n");
}

static void aton(const char *text)
{
	struct in_addr a;
	int r = inet_aton(text, &a);

	printf("aton '%s' -> %d %s addr %08x\n", text, r, r ? inet_ntoa(a) : "-", ntohl(inet_addr(text)));
}

static void gai(const char *node, const char *serv, int family, int socktype, int flags)
{
	struct addrinfo hints, *res, *p;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = socktype;
	hints.ai_flags = flags;
	int r = getaddrinfo(node, serv, &hints, &res);

	printf("gai %s %s family %d type %d flags %#x -> %d %s\n", node ? node : "NULL", serv ? serv : "NULL",
	       family, socktype, flags, r, r ? gai_strerror(r) : "");
	if (r)
		return;
	for (p = res; p; p = p->ai_next) {
		char text[INET6_ADDRSTRLEN], host[NI_MAXHOST], port[NI_MAXSERV];
		const void *a = p->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)p->ai_addr)->sin_addr
							: (const void *)&((struct sockaddr_in6 *)p->ai_addr)->sin6_addr;
		int ni = getnameinfo(p->ai_addr, p->ai_addrlen, host, sizeof(host), port, sizeof(port),
				     NI_NUMERICHOST | NI_NUMERICSERV);

		printf("  family %d type %d proto %d len %u %s port %u canon %s flags %#x ni %d %s %s\n", p->ai_family,
		       p->ai_socktype, p->ai_protocol, p->ai_addrlen, inet_ntop(p->ai_family, a, text, sizeof(text)),
		       ntohs(((struct sockaddr_in *)p->ai_addr)->sin_port), p->ai_canonname ? p->ai_canonname : "-",
		       p->ai_flags, ni, host, port);
	}
	freeaddrinfo(res);
}

int main(void)
{
	static const char *v4[] = { "0.0.0.0", "127.0.0.1", "255.255.255.255", "1.2.3", "1.2.3.4.5", "256.1.1.1",
				    "01.2.3.4", "1.2.3.04", "1..2.3", "", " 1.2.3.4", "1.2.3.4 ", "a.b.c.d", "1.2.3.4/8" };
	static const char *v6[] = { "::", "::1", "1::", "1::2", "fe80::1:2:3:4", "2001:db8::ff00:42:8329",
				    "2001:0db8:0000:0000:0000:ff00:0042:8329", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
				    "::2:3:4:5:6:7:8", "1:0:0:2:0:0:0:3", "1:0:0:2:0:0:3:4", "0:0:1:0:0:1:0:0",
				    "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:0:1.2.3.4", "64:ff9b::1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
				    ":::", "1:::2", "1::2::3", ":1::2", "1::2:", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
				    "g::", "::1.2.3", "::1.2.3.4.5", "::256.0.0.1", "ABCD:EF::", "1:2:3:4:5:6:7:8::" };

	for (unsigned i = 0; i < sizeof(v4) / sizeof(v4[0]); i++) {
		pton(AF_INET, v4[i]);
		pton(AF_INET6, v4[i]);
	}
	for (unsigned i = 0; i < sizeof(v6) / sizeof(v6[0]); i++)
		pton(AF_INET6, v6[i]);
	errno = 0;
	int r = inet_pton(99, "1.2.3.4", NULL);
	printf("pton af 99 -> %d errno %d\n", r, errno);
	{
		unsigned char a[4] = { 10, 200, 3, 4 };
		char small[8];

		errno = 0;
		const char *t = inet_ntop(AF_INET, a, small, sizeof(small));
		printf("ntop small -> %s errno %d\n", t ? small : "NULL", errno);
		printf("ntop exact -> %s\n", inet_ntop(AF_INET, a, small, 0) ? "buf" : "NULL");
	}
	static const char *a[] = { "1.2.3.4", "1", "0x7f.1", "127.1", "10.0.0377", "0x10.0x20.0x30.0x40", "012.0.0.1",
				   "1.2.3.4.5", "256.1.1.1", "1.256.1.1", "1.2.65536", "1.2.65535", "4294967295",
				   "4294967296", "0x", "09", "1.2.3.4 trailing", "1.2.3.4x", "", "1.", ".1", " 1" };

	for (unsigned i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		aton(a[i]);
	printf("htons %04x htonl %08x ntohs %04x ntohl %08x\n", htons(0x1234), htonl(0x12345678), ntohs(0x3412),
	       ntohl(0x78563412));
	gai("127.0.0.1", "80", 0, 0, 0);
	gai("127.1", NULL, 0, 0, 0);
	gai("::1", "8080", 0, SOCK_STREAM, 0);
	gai(NULL, "8080", AF_INET, SOCK_STREAM, AI_PASSIVE);
	gai(NULL, "8080", 0, SOCK_STREAM, AI_PASSIVE);
	gai(NULL, "8080", 0, SOCK_DGRAM, 0);
	gai(NULL, NULL, 0, 0, 0);
	gai("1.2.3.4", NULL, 0, 0, AI_NUMERICHOST | AI_CANONNAME);
	gai("1.2.3.4", "80", AF_INET6, 0, 0);
	gai("1.2.3.4", "80", AF_INET6, SOCK_STREAM, AI_V4MAPPED);
	gai("::1", "80", AF_INET, 0, 0);
	gai("1.2.3.4", "99999", 0, SOCK_RAW, 0);
	gai("1.2.3.4", "http", 0, 0, AI_NUMERICSERV);
	gai("1.2.3.4", "80", 0, SOCK_DGRAM, AI_NUMERICSERV);
	gai("1.2.3.4", "80", 0, 0, 0x8000);
	gai("1.2.3.4", "80", 77, 0, 0);
	gai("1.2.3.4", "80", 0, 99, 0);
	gai("localhost", NULL, AF_INET, SOCK_STREAM, AI_CANONNAME);
	gai("localhost", NULL, 0, 0, AI_NUMERICHOST);
	gai("no-such-host.invalid", "80", 0, 0, 0);
	gai("1.2.3.4", "http", 0, 0, 0);
	gai("1.2.3.4", "domain", 0, 0, 0);
	gai("1.2.3.4", "no-such-service", 0, 0, 0);
	gai(NULL, "http", 0, SOCK_RAW, 0);
	return 0;
}
