/* POSIX-style system call wrappers: each returns -1 and sets errno on
 * failure, like every Unix libc. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);
int isatty(int fd);

int brk(void *addr);
void *sbrk(intptr_t increment);

pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void _exit(int status) __attribute__((noreturn));
/* Ends only the calling thread (Linux's exit, not exit_group). */
void exit_thread(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t gettid(void);
pid_t set_tid_address(int *tidptr);

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

/* A raw system call by number: the result, or -1 with errno set. */
long syscall(long number, ...);

#endif
