/* syslog: one "<PRI>Mmm dd hh:mm:ss IDENT[PID]: MESSAGE" datagram to the
 * /dev/log socket (connected on first use, or at openlog with
 * LOG_NDELAY); when nobody listens there, the message goes to
 * /dev/console under LOG_CONS. LOG_PERROR writes "IDENT[PID]: MESSAGE"
 * to stderr, as glibc does. %m in the format is strerror(errno). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static const char *log_ident;
static int log_option, log_facility = LOG_USER, log_mask = 0xff, log_fd = -1;

static void connect_log(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };

	if (log_fd >= 0)
		return;
	log_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (log_fd >= 0 && connect(log_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		close(log_fd);
		log_fd = -1;
	}
}

void openlog(const char *ident, int option, int facility)
{
	log_ident = ident;
	log_option = option;
	if (facility && !(facility & ~LOG_FACMASK))
		log_facility = facility;
	if (option & LOG_NDELAY)
		connect_log();
}

void closelog(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	log_ident = NULL;
	log_option = 0;
	log_facility = LOG_USER;
}

int setlogmask(int mask)
{
	int old = log_mask;

	if (mask)
		log_mask = mask;
	return old;
}

/* The format with each %m replaced by the error text (%% kept). */
static void expand_m(char *out, size_t size, const char *fmt, int err)
{
	size_t n = 0;
	const char *text = strerror(err);

	for (; *fmt && n + 1 < size; fmt++) {
		if (fmt[0] == '%' && fmt[1] == 'm') {
			for (const char *t = text; *t && n + 1 < size; t++)
				out[n++] = *t == '%' ? '?' : *t;
			fmt++;
		} else if (fmt[0] == '%' && fmt[1] == '%' && n + 2 < size) {
			out[n++] = *fmt++;
			out[n++] = *fmt;
		} else {
			out[n++] = *fmt;
		}
	}
	out[n] = '\0';
}

void vsyslog(int priority, const char *format, va_list ap)
{
	int err = errno;
	char fmt[512], msg[1024], line[1200];

	if (priority & ~(LOG_PRIMASK | LOG_FACMASK)) {
		/* glibc says so (at its INTERNALLOG, whose option bits read as
		 * LOG_ERR from LOG_AUTH), then logs the valid bits */
		syslog(LOG_ERR | LOG_CONS | LOG_PERROR | LOG_PID, "syslog: unknown facility/priority: %x",
		       priority);
		priority &= LOG_PRIMASK | LOG_FACMASK;
	}
	if (!(log_mask & LOG_MASK(LOG_PRI(priority))))
		return;
	if (!(priority & LOG_FACMASK))
		priority |= log_facility;
	expand_m(fmt, sizeof(fmt), format, err);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t len = strlen(msg);

	if (len && msg[len - 1] == '\n')
		msg[--len] = '\0';
	const char *ident = log_ident ? log_ident : program_invocation_short_name;
	char who[128];

	if (log_option & LOG_PID)
		snprintf(who, sizeof(who), "%s[%d]", ident, (int)getpid());
	else
		snprintf(who, sizeof(who), "%s", ident);
	if (log_option & LOG_PERROR)
		dprintf(STDERR_FILENO, "%s: %s\n", who, msg);
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
	int n = snprintf(line, sizeof(line), "<%d>%s %s: %s", priority, stamp, who, msg);

	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	connect_log();
	if (log_fd >= 0 && send(log_fd, line, (size_t)n, 0) >= 0)
		goto out;
	if (log_option & LOG_CONS) {
		int fd = open("/dev/console", O_WRONLY | O_NOCTTY | O_CLOEXEC);

		if (fd >= 0) {
			const char *text = strchr(line, '>') + 1;

			dprintf(fd, "%s\r\n", text);
			close(fd);
		}
	}
out:
	errno = err;
}

void syslog(int priority, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsyslog(priority, format, ap);
	va_end(ap);
}
