/* thread-local: what each thread has for itself. __thread variables (an
 * initialised one and a zeroed array) start from their initial values in
 * every thread and stay apart; errno is per thread; thread-specific keys
 * hold a value per thread whose destructor runs at the thread's end (again
 * when a destructor sets a value, up to PTHREAD_DESTRUCTOR_ITERATIONS
 * rounds), after the cleanup handlers, latest first; a deleted and
 * re-created key is NULL everywhere. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "testlib.h"

static __thread int counter = 100;
static __thread char name[24];
static __thread long long big = 0x1122334455667788LL;

struct seen {
	int counter_at_start, counter_at_end;
	long long big;
	char name[24];
	void *counter_address;
	int errno_after;
};

static void *tls_worker(void *arg)
{
	struct seen *s = arg;

	s->counter_at_start = counter;
	s->big = big;
	s->counter_address = &counter;
	snprintf(name, sizeof(name), "worker %d", s->counter_at_end);
	for (int i = 0; i < 1000; i++) {
		counter++;
		if (i % 100 == 0)
			sched_yield();
	}
	s->counter_at_end = counter;
	strcpy(s->name, name);
	errno = 0;
	close(-1); /* EBADF in this thread only */
	sched_yield();
	s->errno_after = errno;
	return NULL;
}

static void tls_variables(void)
{
	pthread_t t[3];
	struct seen s[3];
	int apart = 1, fresh = 1;

	strcpy(name, "main");
	counter = 7;
	errno = ENOENT;
	for (int i = 0; i < 3; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].counter_at_end = i; /* the worker's number, in */
		pthread_create(&t[i], NULL, tls_worker, &s[i]);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 3; i++) {
		char want[24];

		snprintf(want, sizeof(want), "worker %d", i);
		fresh &= s[i].counter_at_start == 100 && s[i].big == 0x1122334455667788LL;
		apart &= s[i].counter_at_end == 1100 && !strcmp(s[i].name, want) &&
			 s[i].counter_address != (void *)&counter;
		printf("thread %d: counter 100 -> %d, name \"%s\", errno %s\n", i,
		       s[i].counter_at_end, s[i].name, strerrorname(s[i].errno_after));
	}
	printf("main: counter %d, name \"%s\", errno %s\n", counter, name,
	       strerrorname(errno));
	check(fresh, "each thread starts from the initial values");
	check(apart, "each thread's __thread variables are its own");
	check(counter == 7 && !strcmp(name, "main"), "main's are untouched");
	check(errno == ENOENT, "errno is per thread");
	check(s[0].counter_address != s[1].counter_address &&
	      s[1].counter_address != s[2].counter_address,
	      "three threads, three addresses");
}

static pthread_key_t key, again_key;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char destructor_log[512];

static void note(const char *fmt, long v)
{
	char line[64];

	snprintf(line, sizeof(line), fmt, v);
	pthread_mutex_lock(&log_lock);
	strcat(destructor_log, line);
	pthread_mutex_unlock(&log_lock);
}

static void destroy(void *v)
{
	note("destroy(%ld) ", (long)v);
}

/* Sets its own key again the first time: a second round calls it again. */
static void destroy_again(void *v)
{
	note("again(%ld) ", (long)v);
	if ((long)v == 1)
		pthread_setspecific(again_key, (void *)2L);
}

static void cleanup(void *v)
{
	note("cleanup(%ld) ", (long)v);
}

static void *key_worker(void *arg)
{
	long n = (long)arg;

	if (pthread_getspecific(key) != NULL)
		note("key not NULL in a new thread ", 0);
	pthread_setspecific(key, (void *)(n * 10));
	pthread_setspecific(again_key, (void *)1L);
	pthread_cleanup_push(cleanup, (void *)n);
	pthread_cleanup_push(cleanup, (void *)(n + 100));
	if (n == 2)
		pthread_exit((void *)n); /* handlers run: latest pushed first */
	pthread_cleanup_pop(1);
	pthread_cleanup_pop(0);
	return (void *)(long)pthread_getspecific(key);
}

static void keys(void)
{
	void *r;
	pthread_t t;

	check(pthread_key_create(&key, destroy) == 0, "pthread_key_create");
	check(pthread_key_create(&again_key, destroy_again) == 0,
	      "a second key");
	pthread_setspecific(key, (void *)99L);
	for (long n = 1; n <= 2; n++) {
		destructor_log[0] = '\0';
		pthread_create(&t, NULL, key_worker, (void *)n);
		pthread_join(t, &r);
		printf("thread %ld returned %ld: %s\n", n, (long)r, destructor_log);
	}
	check((long)pthread_getspecific(key) == 99, "main's value stays");
	check(pthread_setspecific(PTHREAD_KEYS_MAX, NULL) == EINVAL,
	      "setspecific on a key never created: EINVAL");
	pthread_key_delete(key);
	pthread_key_create(&key, NULL);
	check(pthread_getspecific(key) == NULL, "a re-created key starts NULL");
	pthread_key_delete(key);
	pthread_key_delete(again_key);
	{
		pthread_key_t k[PTHREAD_KEYS_MAX + 1];
		int made = 0, r2;

		while (made <= PTHREAD_KEYS_MAX &&
		       (r2 = pthread_key_create(&k[made], NULL)) == 0)
			made++;
		printf("keys created until %s\n", strerrorname(r2));
		check(r2 == EAGAIN, "the keys run out with EAGAIN");
		while (made > 0)
			pthread_key_delete(k[--made]);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	tls_variables();
	keys();
	return finish("thread-local");
}
