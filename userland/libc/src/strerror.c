/* Names and descriptions for errno values and signals. */
#include <errno.h>
#include <signal.h>
#include <string.h>

struct err_text {
	const char *name;
	const char *text;
};

static const struct err_text errors[] = {
	[0] = { "0", "Success" },
	[EPERM] = { "EPERM", "Operation not permitted" },
	[ENOENT] = { "ENOENT", "No such file or directory" },
	[ESRCH] = { "ESRCH", "No such process" },
	[EINTR] = { "EINTR", "Interrupted system call" },
	[EIO] = { "EIO", "Input/output error" },
	[ENXIO] = { "ENXIO", "No such device or address" },
	[E2BIG] = { "E2BIG", "Argument list too long" },
	[ENOEXEC] = { "ENOEXEC", "Exec format error" },
	[EBADF] = { "EBADF", "Bad file descriptor" },
	[ECHILD] = { "ECHILD", "No child processes" },
	[EAGAIN] = { "EAGAIN", "Resource temporarily unavailable" },
	[ENOMEM] = { "ENOMEM", "Out of memory" },
	[EACCES] = { "EACCES", "Permission denied" },
	[EFAULT] = { "EFAULT", "Bad address" },
	[ENOTBLK] = { "ENOTBLK", "Block device required" },
	[EBUSY] = { "EBUSY", "Device or resource busy" },
	[EEXIST] = { "EEXIST", "File exists" },
	[EXDEV] = { "EXDEV", "Cross-device link" },
	[ENODEV] = { "ENODEV", "No such device" },
	[ENOTDIR] = { "ENOTDIR", "Not a directory" },
	[EISDIR] = { "EISDIR", "Is a directory" },
	[EINVAL] = { "EINVAL", "Invalid argument" },
	[ENFILE] = { "ENFILE", "Too many open files in system" },
	[EMFILE] = { "EMFILE", "Too many open files" },
	[ENOTTY] = { "ENOTTY", "Not a terminal" },
	[ETXTBSY] = { "ETXTBSY", "Text file busy" },
	[EFBIG] = { "EFBIG", "File too large" },
	[ENOSPC] = { "ENOSPC", "No space left on device" },
	[ESPIPE] = { "ESPIPE", "Illegal seek" },
	[EROFS] = { "EROFS", "Read-only file system" },
	[EMLINK] = { "EMLINK", "Too many links" },
	[EPIPE] = { "EPIPE", "Broken pipe" },
	[EDOM] = { "EDOM", "Argument out of domain" },
	[ERANGE] = { "ERANGE", "Result out of range" },
	[EDEADLK] = { "EDEADLK", "Deadlock avoided" },
	[ENAMETOOLONG] = { "ENAMETOOLONG", "File name too long" },
	[ENOLCK] = { "ENOLCK", "No locks available" },
	[ENOSYS] = { "ENOSYS", "Function not implemented" },
	[ENOTEMPTY] = { "ENOTEMPTY", "Directory not empty" },
	[ELOOP] = { "ELOOP", "Too many levels of symbolic links" },
};

#define NERRORS (int)(sizeof(errors) / sizeof(errors[0]))

char *strerror(int err)
{
	if (err >= 0 && err < NERRORS && errors[err].text)
		return (char *)errors[err].text;
	return "Unknown error";
}

const char *strerrorname(int err)
{
	if (err >= 0 && err < NERRORS && errors[err].name)
		return errors[err].name;
	return "E?";
}

static const char *const signals[] = {
	[SIGHUP] = "Hangup",
	[SIGINT] = "Interrupt",
	[SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted",
	[SIGBUS] = "Bus error",
	[SIGFPE] = "Arithmetic exception",
	[SIGKILL] = "Killed",
	[SIGUSR1] = "User signal 1",
	[SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User signal 2",
	[SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated",
	[SIGCHLD] = "Child status changed",
	[SIGCONT] = "Continued",
	[SIGSTOP] = "Stopped (signal)",
	[SIGTSTP] = "Stopped",
	[SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)",
};

const char *strsignal(int sig)
{
	if (sig > 0 && sig < (int)(sizeof(signals) / sizeof(signals[0])) &&
	    signals[sig])
		return signals[sig];
	return "Unknown signal";
}
