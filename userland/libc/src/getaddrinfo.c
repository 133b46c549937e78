/* getaddrinfo without DNS: the host is numeric (inet_aton's IPv4 forms,
 * inet_pton's IPv6) or a name (or alias) in /etc/hosts; the service a
 * number or a name in /etc/services. Results are in glibc's order: per
 * address, SOCK_STREAM/TCP, SOCK_DGRAM/UDP, then SOCK_RAW (raw only
 * when no named service restricts the protocols); no host means the
 * wildcard address (AI_PASSIVE) or loopback, IPv6 first. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct address {
	int family;
	unsigned char bytes[16];
};

#define MAX_ADDRESSES 16

/* Splits a line of a files database into words; returns how many. */
static int words(char *line, char **w, int max)
{
	int n = 0;
	char *hash = strchr(line, '#'), *save;

	if (hash)
		*hash = '\0';
	for (char *t = strtok_r(line, " \t\r\n", &save); t && n < max;
	     t = strtok_r(NULL, " \t\r\n", &save))
		w[n++] = t;
	return n;
}

/* An IPv6 address an IPv4 lookup takes from /etc/hosts, as glibc's files
 * backend does: ::1 as 127.0.0.1, ::ffff:a.b.c.d as a.b.c.d. */
static int as_ipv4(struct address *a)
{
	static const unsigned char loop6[16] = { [15] = 1 }, mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (memcmp(a->bytes, loop6, 16) == 0) {
		memcpy(a->bytes, (unsigned char[4]){ 127, 0, 0, 1 }, 4);
	} else if (memcmp(a->bytes, mapped, 12) == 0) {
		memmove(a->bytes, a->bytes + 12, 4);
	} else {
		return 0;
	}
	a->family = AF_INET;
	return 1;
}

/* The addresses /etc/hosts gives `name` (for AF_INET, IPv4 ones and those
 * as_ipv4 converts; else any family, the caller filters), and in *canon
 * the canonical name (the first name on the first matching line,
 * malloc'd) when canon is not NULL. */
static int hosts_lookup(const char *name, int family, struct address *out, int max, char **canon)
{
	FILE *f = fopen("/etc/hosts", "r");
	char line[512], *w[32];
	int n = 0;

	if (!f)
		return 0;
	while (n < max && fgets(line, sizeof(line), f)) {
		int k = words(line, w, 32);

		for (int i = 1; i < k; i++) {
			if (strcasecmp(w[i], name) != 0)
				continue;
			if (inet_pton(AF_INET, w[0], out[n].bytes) == 1)
				out[n].family = AF_INET;
			else if (inet_pton(AF_INET6, w[0], out[n].bytes) == 1)
				out[n].family = AF_INET6;
			else
				break;
			if (family == AF_INET && out[n].family == AF_INET6 && !as_ipv4(&out[n]))
				break;
			if (n++ == 0 && canon)
				*canon = strdup(w[1]);
			break;
		}
	}
	fclose(f);
	return n;
}

/* A service name's port for "tcp" or "udp" from /etc/services, or -1. */
static int services_lookup(const char *name, const char *proto)
{
	FILE *f = fopen("/etc/services", "r");
	char line[512], *w[32];
	int port = -1;

	if (!f)
		return -1;
	while (port < 0 && fgets(line, sizeof(line), f)) {
		int k = words(line, w, 32);
		char *slash = k >= 2 ? strchr(w[1], '/') : NULL;

		if (!slash || strcmp(slash + 1, proto) != 0)
			continue;
		for (int i = 0; i < k; i++) {
			if (i != 1 && strcmp(w[i], name) == 0) {
				port = atoi(w[1]);
				break;
			}
		}
	}
	fclose(f);
	return port;
}

static struct addrinfo *new_entry(const struct address *a, int socktype, int protocol, int port,
				  int flags)
{
	size_t len = a->family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	struct addrinfo *ai = calloc(1, sizeof(*ai) + len);

	if (!ai)
		return NULL;
	ai->ai_flags = flags;
	ai->ai_family = a->family;
	ai->ai_socktype = socktype;
	ai->ai_protocol = protocol;
	ai->ai_addrlen = (socklen_t)len;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (a->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		memcpy(&sin->sin_addr, a->bytes, 4);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		memcpy(&sin6->sin6_addr, a->bytes, 16);
	}
	return ai;
}

/* The host part: fills addrs, returns their count or an EAI_ code. */
static int resolve_host(const char *node, const struct addrinfo *h, struct address *addrs,
			char **canon)
{
	int n = 0;
	struct in_addr v4;

	*canon = NULL;
	if (!node) {
		static const unsigned char any[16], loop6[16] = { [15] = 1 };
		unsigned char loop4[4] = { 127, 0, 0, 1 }, any4[4] = { 0 };
		int passive = h->ai_flags & AI_PASSIVE;

		/* glibc's order: the wildcards IPv4 first, the loopbacks IPv6 first */
		if (h->ai_family != AF_INET6 && passive) {
			addrs[n].family = AF_INET;
			memcpy(addrs[n++].bytes, any4, 4);
		}
		if (h->ai_family != AF_INET) {
			addrs[n].family = AF_INET6;
			memcpy(addrs[n++].bytes, passive ? any : loop6, 16);
		}
		if (h->ai_family != AF_INET6 && !passive) {
			addrs[n].family = AF_INET;
			memcpy(addrs[n++].bytes, loop4, 4);
		}
		return n;
	}
	if (inet_aton(node, &v4)) {
		addrs[0].family = AF_INET;
		memcpy(addrs[0].bytes, &v4, 4);
		n = 1;
	} else if (inet_pton(AF_INET6, node, addrs[0].bytes) == 1) {
		addrs[0].family = AF_INET6;
		n = 1;
	} else if (h->ai_flags & AI_NUMERICHOST) {
		return EAI_NONAME;
	} else {
		n = hosts_lookup(node, h->ai_family, addrs, MAX_ADDRESSES,
				 (h->ai_flags & AI_CANONNAME) ? canon : NULL);
		if (n == 0)
			return EAI_NONAME;
	}
	if ((h->ai_flags & AI_CANONNAME) && !*canon)
		*canon = strdup(node); /* a numeric host is its own name */
	/* Keep the asked family; IPv4 as ::ffff:a.b.c.d under AI_V4MAPPED. */
	int kept = 0, have6 = 0;

	for (int i = 0; i < n; i++)
		have6 |= addrs[i].family == AF_INET6;
	for (int i = 0; i < n; i++) {
		struct address a = addrs[i];

		if (h->ai_family == AF_INET6 && a.family == AF_INET) {
			if (!(h->ai_flags & AI_V4MAPPED) || (have6 && !(h->ai_flags & AI_ALL)))
				continue;
			memmove(a.bytes + 12, a.bytes, 4);
			memset(a.bytes, 0, 10);
			a.bytes[10] = a.bytes[11] = 0xff;
			a.family = AF_INET6;
		}
		if (h->ai_family == AF_INET && a.family != AF_INET)
			continue;
		addrs[kept++] = a;
	}
	if (kept == 0) {
		free(*canon);
		*canon = NULL;
		return EAI_ADDRFAMILY;
	}
	return kept;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	static const struct addrinfo none = { 0 };
	const struct addrinfo *h = hints ? hints : &none;
	static const int types[3][2] = { { SOCK_STREAM, IPPROTO_TCP }, { SOCK_DGRAM, IPPROTO_UDP }, { SOCK_RAW, 0 } };
	int ports[3] = { 0, 0, 0 }, use[3] = { 0, 0, 0 };
	struct address addrs[MAX_ADDRESSES];
	char *canon;

	*res = NULL;
	if (!node && !service)
		return EAI_NONAME;
	if (h->ai_flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |
			    AI_ADDRCONFIG | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if ((h->ai_flags & AI_CANONNAME) && !node)
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET && h->ai_family != AF_INET6)
		return EAI_FAMILY;
	if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM && h->ai_socktype != SOCK_DGRAM &&
	    h->ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	for (int t = 0; t < 3; t++)
		use[t] = (h->ai_socktype == 0 || h->ai_socktype == types[t][0]) &&
			 (h->ai_protocol == 0 || h->ai_protocol == types[t][1]);
	if (service && h->ai_socktype == SOCK_RAW)
		return EAI_SERVICE; /* raw sockets have no ports */
	if (service && *service) {
		char *end;
		long port = strtol(service, &end, 10);

		if (*end == '\0') {
			for (int t = 0; t < 3; t++)
				ports[t] = (int)port;
		} else if (h->ai_flags & AI_NUMERICSERV) {
			return EAI_NONAME;
		} else {
			ports[0] = services_lookup(service, "tcp");
			ports[1] = services_lookup(service, "udp");
			use[0] &= ports[0] >= 0;
			use[1] &= ports[1] >= 0;
			use[2] = 0;
			if (!use[0] && !use[1])
				return EAI_SERVICE;
		}
	}
	int n = resolve_host(node, h, addrs, &canon);

	if (n < 0)
		return n;
	struct addrinfo **tail = res;

	for (int i = 0; i < n; i++) {
		for (int t = 0; t < 3; t++) {
			if (!use[t])
				continue;
			struct addrinfo *ai = new_entry(&addrs[i], types[t][0], types[t][1], ports[t], h->ai_flags);

			if (!ai) {
				freeaddrinfo(*res);
				*res = NULL;
				free(canon);
				return EAI_MEMORY;
			}
			*tail = ai;
			tail = &ai->ai_next;
		}
	}
	if (*res)
		(*res)->ai_canonname = canon;
	else
		free(canon);
	return *res ? 0 : EAI_SOCKTYPE;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;

		free(ai->ai_canonname);
		free(ai);
		ai = next;
	}
}

const char *gai_strerror(int code)
{
	switch (code) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_NODATA: return "No address associated with hostname";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_ADDRFAMILY: return "Address family for hostname not supported";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Result too large for supplied buffer";
	default: return "Unknown error";
	}
}

/* Numeric only: the address by inet_ntop, the port in decimal. */
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
		char *serv, socklen_t servlen, int flags)
{
	const void *addr;
	int port;

	(void)flags;
	if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		addr = &((const struct sockaddr_in *)sa)->sin_addr;
		port = ntohs(((const struct sockaddr_in *)sa)->sin_port);
	} else if (sa->sa_family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
		addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		port = ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	} else {
		return EAI_FAMILY;
	}
	if (host && hostlen && !inet_ntop(sa->sa_family, addr, host, hostlen))
		return EAI_OVERFLOW;
	if (serv && servlen && snprintf(serv, servlen, "%d", port) >= (int)servlen)
		return EAI_OVERFLOW;
	return 0;
}
