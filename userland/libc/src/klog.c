/* klogctl: glibc's name for the syslog(2) system call. */
#include <sys/klog.h>
#include "internal.h"

int klogctl(int type, char *buf, int len)
{
	return (int)__sysret_call(SYS_syslog, type, buf, len);
}
