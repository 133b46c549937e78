/* Process wrappers: fork, exec, exit, ids, signals and waiting. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include "atomic.h"
#include "internal.h"
#include "thread.h"

/* Buffered output is flushed first so the child does not inherit (and
 * print a second time) what the parent had not written yet. */
pid_t fork(void)
{
	if (__stdio_flush_all)
		__stdio_flush_all();
	pid_t pid;

	__malloc_lock();
	pid = (pid_t)__sysret(__arch_fork());
	if (pid == 0) {
		/* The child is one thread: the caller, with a new tid. */
		struct __pthread *self = __pthread_self();

		self->tid = (int)__syscall0(SYS_gettid);
		__a_after_fork(self->slot);
		if (__pthread_after_fork)
			__pthread_after_fork();
	}
	__malloc_unlock();
	return pid;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__sysret_call(SYS_execve, path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Tries each PATH directory in turn; a name with a slash is used as is. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH");
	char buf[512];
	int saw_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	for (path = path ? path : "/bin:/usr/bin"; *path;) {
		size_t dlen = strcspn(path, ":");
		size_t flen = strlen(file);

		if (dlen + flen + 2 <= sizeof(buf)) {
			memcpy(buf, path, dlen);
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			execve(dlen ? buf : file, argv, envp);
			saw_eacces |= errno == EACCES;
		}
		path += dlen + (path[dlen] == ':');
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

void _exit(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

void _Exit(int status)
{
	_exit(status);
}

void exit_thread(int status)
{
	for (;;)
		__syscall1(SYS_exit, status);
}

pid_t getpid(void)
{
	return (pid_t)__syscall0(SYS_getpid);
}

pid_t getppid(void)
{
	return (pid_t)__syscall0(SYS_getppid);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__sysret_call(SYS_setpgid, pid, pgid);
}

pid_t gettid(void)
{
	return (pid_t)__syscall0(SYS_gettid);
}

pid_t set_tid_address(int *tidptr)
{
	return (pid_t)__syscall1(SYS_set_tid_address, (long)tidptr);
}

int kill(pid_t pid, int sig)
{
	return (int)__sysret_call(SYS_kill, pid, sig);
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)__sysret_call(SYS_tgkill, tgid, tid, sig);
}

/* To the calling thread, as POSIX asks of a threaded process. */
int raise(int sig)
{
	return (int)__sysret_call(SYS_tgkill, getpid(), __syscall0(SYS_gettid),
				  sig);
}

int sched_yield(void)
{
	return (int)__sysret_call(SYS_sched_yield);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__sysret(__arch_waitpid(pid, status, options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

int waitid(idtype_t idtype, pid_t id, siginfo_t *info, int options)
{
	return (int)__sysret_call(SYS_waitid, idtype, id, info, options, 0);
}

/* The status word wait4 would have produced for the same event. */
int __wait_status_from_siginfo(const siginfo_t *info)
{
	int v = info->si_status;

	switch (info->si_code) {
	case CLD_EXITED:
		return (v & 0xff) << 8;
	case CLD_KILLED:
		return v & 0x7f;
	case CLD_DUMPED:
		return (v & 0x7f) | 0x80;
	case CLD_STOPPED:
	case CLD_TRAPPED:
		return ((v & 0xff) << 8) | 0x7f;
	case CLD_CONTINUED:
		return 0xffff;
	}
	return 0;
}
