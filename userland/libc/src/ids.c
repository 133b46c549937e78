/* User, group, session and process-group identities. */
#include <unistd.h>
#include "internal.h"

uid_t getuid(void) { return (uid_t)__sys(SYS_getuid); }
uid_t geteuid(void) { return (uid_t)__sys(SYS_geteuid); }
gid_t getgid(void) { return (gid_t)__sys(SYS_getgid); }
gid_t getegid(void) { return (gid_t)__sys(SYS_getegid); }
int setuid(uid_t uid) { return (int)__sysret_call(SYS_setuid, uid); }
int setgid(gid_t gid) { return (int)__sysret_call(SYS_setgid, gid); }

int getgroups(int size, gid_t list[])
{
	return (int)__sysret_call(SYS_getgroups, size, list);
}

pid_t setsid(void) { return (pid_t)__sysret_call(SYS_setsid); }
pid_t getpgid(pid_t pid) { return (pid_t)__sysret_call(SYS_getpgid, pid); }
pid_t getpgrp(void) { return getpgid(0); }
int setpgrp(void) { return setpgid(0, 0); }
pid_t getsid(pid_t pid) { return (pid_t)__sysret_call(SYS_getsid, pid); }
