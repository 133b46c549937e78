/* sh: jobs. A job is one pipeline: its processes, its command line, and
 * with job control (an interactive shell) its process group, the first
 * process's pid. A foreground job gets the terminal (tcsetpgrp), so the
 * terminal's ^C and ^Z go to it; the shell takes the terminal back when
 * the job ends or stops. `cmd &` runs a job in the background ("[N] PID"),
 * `jobs` lists them, `fg [%N]` brings one to the foreground (continuing
 * it if stopped), `bg [%N]` continues a stopped one in the background,
 * `wait` waits for them all, `wait PID|%N` for one (its status). Before each prompt the shell reports the
 * background jobs that have ended ("[N]+  Done  NAME"). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

#define MAX_JOBS 16

struct job {
	int used;
	pid_t pgid;
	pid_t pids[MAX_COMMANDS];
	int npids;
	char alive[MAX_COMMANDS];
	int last_raw;    /* the wait status of the last process */
	int raws[MAX_COMMANDS]; /* each ended process's */
	int stopped;
	int background;
	char name[128];
};

int job_control;
static pid_t shell_pgid;
static struct job jobs[MAX_JOBS + 1]; /* by id: 1..MAX_JOBS */
static int current;                   /* the job fg/bg act on by default */

void jobs_init(void)
{
	job_control = 1;
	/* The shell keeps the terminal: it must not stop for touching it
	 * (its new group is in the background until tcsetpgrp). */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	shell_pgid = getpid();
	setpgid(0, 0);
	tcsetpgrp(0, shell_pgid);
}

void job_child_setup(pid_t pgid, int background)
{
	/* Into its group and onto the terminal while SIGTTOU is still
	 * ignored: a new group is in the background until tcsetpgrp. */
	if (job_control) {
		setpgid(0, pgid);
		if (!background)
			tcsetpgrp(0, pgid ? pgid : getpid());
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	if (!job_control && background) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
}

int wait_status(int status, int report)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		interrupted |= sig == SIGINT;
		if (report && sig != SIGINT && sig != SIGPIPE)
			fprintf(stderr, "%s\n", strsignal(sig));
		return 128 + sig;
	}
	return WEXITSTATUS(status);
}

int job_add(const pid_t *pids, int n, const char *name, int background)
{
	int id = 1;

	while (id <= MAX_JOBS && jobs[id].used)
		id++;
	if (id > MAX_JOBS) {
		/* No slot: wait for it in the foreground, untracked. */
		fprintf(stderr, "sh: too many jobs\n");
		id = 0;
	}
	struct job *j = &jobs[id];

	memset(j, 0, sizeof *j);
	j->used = id != 0;
	j->pgid = job_control ? pids[0] : 0;
	j->npids = n;
	j->background = background;
	memcpy(j->pids, pids, n * sizeof *pids);
	memset(j->alive, 1, n);
	snprintf(j->name, sizeof j->name, "%s", name);
	if (background && id) {
		current = id;
		if (job_control)
			fprintf(stderr, "[%d] %d\n", id, (int)pids[n - 1]);
	}
	return id;
}

static void release(int id)
{
	jobs[id].used = 0;
	if (current == id) {
		current = 0;
		for (int k = MAX_JOBS; k >= 1; k--)
			if (jobs[k].used) {
				current = k;
				break;
			}
	}
}

/* Notes what waitpid said about one process; 1 if it was the job's. */
static void record(struct job *j, int i, int raw)
{
	if (WIFSTOPPED(raw)) {
		j->stopped = 1;
		return;
	}
	if (WIFCONTINUED(raw))
		return;
	j->alive[i] = 0;
	j->raws[i] = raw;
	if (i == j->npids - 1)
		j->last_raw = raw;
}

static int alive_count(const struct job *j)
{
	int n = 0;

	for (int i = 0; i < j->npids; i++)
		n += j->alive[i];
	return n;
}

int job_wait(int id)
{
	struct job *j = &jobs[id];
	int status;

	j->stopped = 0;
	if (job_control && j->pgid)
		tcsetpgrp(0, j->pgid);
	for (int i = 0; i < j->npids; i++) {
		int raw = 0;

		if (!j->alive[i])
			continue;
		while (waitpid(j->pids[i], &raw, WUNTRACED) < 0) {
			if (errno != EINTR) {
				j->alive[i] = 0;
				break;
			}
		}
		if (j->alive[i])
			record(j, i, raw);
	}
	if (job_control)
		tcsetpgrp(0, shell_pgid);
	if (j->stopped && alive_count(j) > 0) {
		if (!id) {
			/* Untracked: it cannot be resumed, so end it. */
			for (int i = 0; i < j->npids; i++)
				if (j->alive[i])
					kill(j->pids[i], SIGKILL);
			return 128 + SIGKILL;
		}
		j->background = 0;
		current = id;
		fprintf(stderr, "\n[%d]+  Stopped  %s\n", id, j->name);
		/* The rest of what was typed (a loop's next round) waits too:
		 * the prompt comes back. */
		interrupted = 1;
		return 128 + SIGTSTP;
	}
	status = wait_status(j->last_raw, 1);
	if (id)
		release(id);
	return status;
}

/* Drops the " &" a background job's name ends with. */
static void foreground_name(struct job *j)
{
	size_t n = strlen(j->name);

	if (n > 2 && strcmp(j->name + n - 2, " &") == 0)
		j->name[n - 2] = '\0';
}

/* Reports ended jobs, and background jobs that stopped (unless quiet:
 * `jobs` lists them anyway). */
static void update(int quiet)
{
	for (int id = 1; id <= MAX_JOBS; id++) {
		struct job *j = &jobs[id];

		if (!j->used || (!j->background && !j->stopped))
			continue;
		for (int i = 0; i < j->npids; i++) {
			int raw;

			if (j->alive[i] && waitpid(j->pids[i], &raw, WNOHANG | WUNTRACED) == j->pids[i])
				record(j, i, raw);
		}
		if (alive_count(j) > 0) {
			/* A background job stopped (SIGTTIN: it read the
			 * terminal): said once; fg or bg continues it. */
			if (j->stopped && j->background) {
				j->background = 0;
				foreground_name(j);
				current = id;
				if (job_control && !quiet)
					fprintf(stderr, "[%d]+  Stopped  %s\n", id, j->name);
			}
			continue;
		}
		if (job_control) {
			int code = WIFEXITED(j->last_raw) ? WEXITSTATUS(j->last_raw) : 0;

			if (WIFSIGNALED(j->last_raw))
				fprintf(stderr, "[%d]%c  %s  %s\n", id, id == current ? '+' : '-', strsignal(WTERMSIG(j->last_raw)), j->name);
			else if (code)
				fprintf(stderr, "[%d]%c  Exit %d  %s\n", id, id == current ? '+' : '-', code, j->name);
			else
				fprintf(stderr, "[%d]%c  Done  %s\n", id, id == current ? '+' : '-', j->name);
		}
		release(id);
	}
}

void jobs_notify(void)
{
	update(0);
}

int jobs_list(void)
{
	update(1);
	for (int id = 1; id <= MAX_JOBS; id++)
		if (jobs[id].used)
			printf("[%d]%c  %s  %s\n", id, id == current ? '+' : '-', jobs[id].stopped ? "Stopped" : "Running",
			       jobs[id].name);
	return 0;
}

/* The job "%N", "N" or, for NULL, the current one; 0 (reported) if none. */
static int find_job(const char *spec, const char *who)
{
	int id = current;

	if (spec) {
		char *end;

		id = (int)strtol(spec + (spec[0] == '%'), &end, 10);
		if (*end || id < 1 || id > MAX_JOBS)
			id = -1;
	}
	if (id <= 0 || id > MAX_JOBS || !jobs[id].used) {
		fprintf(stderr, "sh: %s: %s: no such job\n", who, spec ? spec : "current");
		return 0;
	}
	return id;
}

int job_targets(const char *spec, char (*out)[16], int max)
{
	int id = find_job(spec, "kill"), n = 0;

	if (!id)
		return -1;
	if (job_control && jobs[id].pgid > 0) {
		snprintf(out[0], sizeof out[0], "-%d", (int)jobs[id].pgid);
		return 1;
	}
	for (int i = 0; i < jobs[id].npids && n < max; i++)
		if (jobs[id].alive[i])
			snprintf(out[n++], sizeof out[0], "%d", (int)jobs[id].pids[i]);
	return n;
}

/* After `kill %N`: a stopped job gets SIGCONT too, so that the signal
 * it was sent acts now rather than when something continues it (as
 * bash does). Its stop is known once the shell has waited for it. */
void job_continue_stopped(const char *spec)
{
	int id = find_job(spec, "kill");

	if (!id)
		return;
	update(1);
	struct job *j = &jobs[id];

	if (!j->used || !j->stopped)
		return;
	j->stopped = 0;
	j->background = 1;
	if (job_control && j->pgid > 0) {
		kill(-j->pgid, SIGCONT);
		return;
	}
	for (int i = 0; i < j->npids; i++)
		if (j->alive[i])
			kill(j->pids[i], SIGCONT);
}

int job_foreground(const char *spec)
{
	int id = find_job(spec, "fg");

	if (!id)
		return 1;
	struct job *j = &jobs[id];

	foreground_name(j);
	fprintf(stderr, "%s\n", j->name);
	j->background = 0;
	if (job_control && j->pgid)
		tcsetpgrp(0, j->pgid);
	if (j->stopped) {
		if (j->pgid)
			kill(-j->pgid, SIGCONT);
		else
			for (int i = 0; i < j->npids; i++)
				if (j->alive[i])
					kill(j->pids[i], SIGCONT);
	}
	return job_wait(id);
}

int job_background(const char *spec)
{
	int id = find_job(spec, "bg");

	if (!id)
		return 1;
	struct job *j = &jobs[id];

	if (!j->stopped) {
		fprintf(stderr, "sh: bg: job %d already in background\n", id);
		return 0;
	}
	foreground_name(j);
	snprintf(j->name + strlen(j->name), sizeof j->name - strlen(j->name), " &");
	j->stopped = 0;
	j->background = 1;
	fprintf(stderr, "[%d] %s\n", id, j->name);
	if (j->pgid)
		kill(-j->pgid, SIGCONT);
	else
		for (int i = 0; i < j->npids; i++)
			if (j->alive[i])
				kill(j->pids[i], SIGCONT);
	return 0;
}

/* Waits until the job's processes have ended (a stopped one too). */
static void wait_ended(struct job *j)
{
	for (int i = 0; i < j->npids; i++) {
		int raw;

		while (j->alive[i] && waitpid(j->pids[i], &raw, 0) < 0)
			if (errno != EINTR)
				j->alive[i] = 0;
		if (j->alive[i])
			record(j, i, raw);
	}
}

int jobs_wait_all(void)
{
	for (int id = 1; id <= MAX_JOBS; id++) {
		struct job *j = &jobs[id];

		if (!j->used || j->stopped)
			continue;
		wait_ended(j);
		if (alive_count(j) == 0)
			release(id);
	}
	return 0;
}

int job_wait_for(const char *spec)
{
	int id = 0, which = -1;
	char *end;

	if (spec[0] == '%') {
		long n = strtol(spec + 1, &end, 10);

		if (spec[1] && !*end && n >= 1 && n <= MAX_JOBS && jobs[n].used)
			id = (int)n;
	} else {
		long pid = strtol(spec, &end, 10);

		if (!spec[0] || *end || pid <= 0) {
			fprintf(stderr, "sh: wait: Illegal number: %s\n", spec);
			return 2;
		}
		for (int k = 1; k <= MAX_JOBS && !id; k++)
			for (int i = 0; jobs[k].used && i < jobs[k].npids; i++)
				if (jobs[k].pids[i] == pid) {
					id = k;
					which = i;
				}
	}
	if (!id)
		return 127;
	struct job *j = &jobs[id];

	wait_ended(j);
	int raw = which >= 0 ? j->raws[which] : j->last_raw;

	release(id);
	return wait_status(raw, 1);
}
