/* threads: a static glibc pthread program (gcc -static -pthread) whose
 * output does not depend on scheduling: thread storms with joins and
 * detaches, a mutex under contention, condition variables (and a timed
 * wait that times out), rwlocks, barriers, once, keys, thread-local
 * storage, semaphores, a signal sent to one thread (pthread_kill), a
 * thread ending with pthread_exit, gettid/getpid, and a thread that
 * execs. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N 8
#define ROUNDS 2000

static __thread int tls_value = 7;
static __thread char tls_name[16];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *storm(void *arg)
{
	long id = (long)arg;
	tls_value += (int)id;
	snprintf(tls_name, sizeof(tls_name), "thread %ld", id);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		if ((i & 63) == 0)
			sched_yield(); /* contention: others find the mutex held */
		pthread_mutex_unlock(&lock);
	}
	return (void *)(long)(tls_value * 100 + (int)strlen(tls_name));
}

static void mutex_storm(void)
{
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], 0, storm, (void *)i);
	long sum = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		sum += (long)r;
	}
	printf("mutex: %d threads x %d increments = %ld; results %ld; main tls %d\n", N, ROUNDS, counter, sum, tls_value);
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int queue[64], qhead, qtail, done_producing;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 500; i++) {
		pthread_mutex_lock(&lock);
		while (qtail - qhead == 64)
			pthread_cond_wait(&cond, &lock);
		queue[qtail++ % 64] = i;
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	done_producing = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	return 0;
}

static void *consumer(void *arg)
{
	long sum = 0;
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (qtail == qhead && !done_producing)
			pthread_cond_wait(&cond, &lock);
		if (qtail == qhead) {
			pthread_mutex_unlock(&lock);
			return (void *)sum;
		}
		sum += queue[qhead++ % 64];
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&lock);
	}
}

static void condvars(void)
{
	pthread_t p, c[3];
	pthread_create(&p, 0, producer, 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&c[i], 0, consumer, 0);
	long total = 0;
	for (int i = 0; i < 3; i++) {
		void *r;
		pthread_join(c[i], &r);
		total += (long)r;
	}
	pthread_join(p, 0);
	printf("condvar: 3 consumers took 1..500 from a producer: sum %ld\n", total);

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&lock);
	int r = pthread_cond_timedwait(&cond, &lock, &ts);
	pthread_mutex_unlock(&lock);
	printf("pthread_cond_timedwait with nobody to signal: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int shared_data[4];

static void *reader_writer(void *arg)
{
	long id = (long)arg;
	int bad = 0;
	for (int i = 0; i < 300; i++) {
		if (i % 10 == (int)id) {
			pthread_rwlock_wrlock(&rw);
			for (int j = 0; j < 4; j++)
				shared_data[j]++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			for (int j = 1; j < 4; j++)
				bad += shared_data[j] != shared_data[0];
			pthread_rwlock_unlock(&rw);
		}
	}
	return (void *)(long)bad;
}

static pthread_barrier_t barrier;
static int arrived[N];

static void *barrier_thread(void *arg)
{
	long id = (long)arg;
	int missing = 0;
	for (int round = 0; round < 5; round++) {
		arrived[id] = round + 1;
		pthread_barrier_wait(&barrier);
		for (int i = 0; i < N; i++)
			missing += arrived[i] < round + 1;
		pthread_barrier_wait(&barrier);
	}
	return (void *)(long)missing;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void init_once(void)
{
	once_runs++;
}

static pthread_key_t key;
static int destructor_runs;
static void destructor(void *value)
{
	(void)value;
	__sync_fetch_and_add(&destructor_runs, 1);
}

static void *keys_and_once(void *arg)
{
	pthread_once(&once, init_once);
	pthread_setspecific(key, arg);
	return pthread_getspecific(key) == arg ? (void *)1 : 0;
}

static sem_t sem;
static void *sem_poster(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++)
		sem_post(&sem);
	return 0;
}

static volatile sig_atomic_t got_signal_in;
static volatile pid_t worker_tid;
static void on_usr1(int sig)
{
	(void)sig;
	got_signal_in = syscall(SYS_gettid) == worker_tid ? 1 : 2;
}

static void *signal_worker(void *arg)
{
	(void)arg;
	worker_tid = syscall(SYS_gettid);
	while (!got_signal_in)
		sched_yield();
	return 0;
}

static void *exiting(void *arg)
{
	(void)arg;
	pthread_exit((void *)42);
	return 0;
}

static volatile int detached_done;
static void *detached(void *arg)
{
	(void)arg;
	__sync_fetch_and_add(&detached_done, 1);
	return 0;
}

static void *execer(void *arg)
{
	(void)arg;
	char *argv[] = { "threads", "exec-child", 0 };
	execv("/proc/self/exe", argv);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
		printf("exec from a thread: the new image runs as pid %s\n", getpid() == syscall(SYS_gettid) ? "== tid" : "!= tid");
		return 3;
	}
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		pthread_t t;
		pthread_create(&t, 0, execer, 0);
		pause();
		return 1;
	}
	mutex_storm();
	condvars();

	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], 0, reader_writer, (void *)i);
	long bad = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("rwlock: %d threads, writers done %d rounds, torn reads %ld\n", N, shared_data[0], bad);

	pthread_barrier_init(&barrier, 0, N);
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], 0, barrier_thread, (void *)i);
	long missing = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		missing += (long)r;
	}
	printf("barrier: %d threads x 5 rounds, early arrivals seen %ld\n", N, missing);

	pthread_key_create(&key, destructor);
	int ok = 0;
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], 0, keys_and_once, (void *)(i + 1));
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok += (long)r;
	}
	printf("once ran %d time(s); keys right in %d threads; destructors %d\n", once_runs, ok, destructor_runs);

	sem_init(&sem, 0, 0);
	pthread_t poster;
	pthread_create(&poster, 0, sem_poster, 0);
	for (int i = 0; i < 100; i++)
		sem_wait(&sem);
	pthread_join(poster, 0);
	int value;
	sem_getvalue(&sem, &value);
	printf("semaphore: 100 posts taken, value now %d\n", value);

	signal(SIGUSR1, on_usr1);
	pthread_t w;
	pthread_create(&w, 0, signal_worker, 0);
	while (!worker_tid)
		sched_yield();
	pthread_kill(w, SIGUSR1);
	pthread_join(w, 0);
	printf("pthread_kill: the handler ran in %s\n", got_signal_in == 1 ? "the target thread" : "another thread");

	void *r;
	pthread_create(&w, 0, exiting, 0);
	pthread_join(w, &r);
	printf("pthread_exit(42): join got %ld\n", (long)r);

	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < N; i++)
		pthread_create(&w, &attr, detached, 0);
	while (detached_done < N)
		sched_yield();
	printf("detached: %d threads ran\n", detached_done);

	pid_t child = fork();
	if (child == 0) {
		char *args[] = { "threads", "exec", 0 };
		execv("/proc/self/exe", args);
		_exit(99);
	}
	int status;
	waitpid(child, &status, 0);
	printf("the exec-ing process: exited with %d\n", WEXITSTATUS(status));
	printf("getpid == gettid in main: %s\n", getpid() == syscall(SYS_gettid) ? "yes" : "no");
	return 0;
}
