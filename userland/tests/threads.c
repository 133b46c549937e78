/* threads: the pthreads of the libc under contention. A producer and two
 * consumers over a bounded queue with condition variables, a counter that
 * N threads increment under a mutex, recursive and errorcheck mutexes,
 * timed waits that time out, a rwlock guarding an invariant, a barrier
 * across rounds, semaphores as a ticket gate, pthread_once from many
 * threads, spin locks, joins, detached threads and attributes. Everything
 * printed is a count or a sum that only a correct library gets. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "testlib.h"

#define QUEUE 8
#define ITEMS 3000
#define CONSUMERS 2

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	int items[QUEUE];
	int head, count, done;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	PTHREAD_COND_INITIALIZER, { 0 }, 0, 0, 0 };

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == QUEUE)
			pthread_cond_wait(&q.not_full, &q.lock);
		q.items[(q.head + q.count++) % QUEUE] = i;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.lock);
	}
	pthread_mutex_lock(&q.lock);
	q.done = 1;
	pthread_cond_broadcast(&q.not_empty);
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

struct consumed {
	long sum;
	int count, in_order;
};

static void *consumer(void *arg)
{
	struct consumed *c = arg;
	int last = 0;

	c->in_order = 1;
	for (;;) {
		int v;

		pthread_mutex_lock(&q.lock);
		while (q.count == 0 && !q.done)
			pthread_cond_wait(&q.not_empty, &q.lock);
		if (q.count == 0) {
			pthread_mutex_unlock(&q.lock);
			return c;
		}
		v = q.items[q.head];
		q.head = (q.head + 1) % QUEUE;
		q.count--;
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.lock);
		c->in_order &= v > last; /* one producer: each sees rising values */
		last = v;
		c->sum += v;
		c->count++;
	}
}

static void producer_consumer(void)
{
	pthread_t p, c[CONSUMERS];
	struct consumed got[CONSUMERS];
	long sum = 0;
	int count = 0, in_order = 1;

	memset(got, 0, sizeof(got));
	for (int i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, &got[i]);
	check(pthread_create(&p, NULL, producer, NULL) == 0, "pthread_create");
	pthread_join(p, NULL);
	for (int i = 0; i < CONSUMERS; i++) {
		void *r;

		check(pthread_join(c[i], &r) == 0 && r == &got[i],
		      "pthread_join returns consumer %d's result", i);
		sum += got[i].sum;
		count += got[i].count;
		in_order &= got[i].in_order;
	}
	printf("producer/consumer: %d items summing to %ld\n", count, sum);
	check(count == ITEMS && sum == (long)ITEMS * (ITEMS + 1) / 2,
	      "every item consumed once");
	check(in_order, "each consumer saw the items in order");
}

#define COUNTERS 6
#define ROUNDS 2000
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_up(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&counter_lock);
		long v = counter;
		if (i % 64 == 0)
			sched_yield(); /* invite the others in while we hold it */
		counter = v + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void mutex_counter(void)
{
	pthread_t t[COUNTERS];

	for (int i = 0; i < COUNTERS; i++)
		pthread_create(&t[i], NULL, count_up, NULL);
	for (int i = 0; i < COUNTERS; i++)
		pthread_join(t[i], NULL);
	printf("%d threads x %d increments under a mutex: %ld\n", COUNTERS, ROUNDS,
	       counter);
	check(counter == COUNTERS * ROUNDS, "no increment lost");
}

static void *try_from_other(void *arg)
{
	return (void *)(long)pthread_mutex_trylock(arg);
}

static void mutex_kinds(void)
{
	pthread_mutex_t m;
	pthread_mutexattr_t a;
	pthread_t t;
	void *r;
	struct timespec abs;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	check(pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == 0 &&
	      pthread_mutex_trylock(&m) == 0, "a recursive mutex locks three times");
	pthread_create(&t, NULL, try_from_other, &m);
	pthread_join(t, &r);
	check((long)r == EBUSY, "another thread's trylock is EBUSY");
	pthread_mutex_unlock(&m);
	pthread_mutex_unlock(&m);
	check(pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == EPERM,
	      "three unlocks release it, a fourth is EPERM");
	pthread_create(&t, NULL, try_from_other, &m);
	pthread_join(t, &r);
	check((long)r == 0, "then another thread gets it");
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	check(pthread_mutex_unlock(&m) == EPERM, "errorcheck: unlocking it unheld is EPERM");
	pthread_mutex_lock(&m);
	check(pthread_mutex_lock(&m) == EDEADLK, "errorcheck: relocking is EDEADLK");
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 20 * 1000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	check(pthread_mutex_unlock(&m) == 0, "errorcheck: the owner unlocks");
	pthread_mutex_destroy(&m);

	pthread_mutex_init(&m, NULL);
	pthread_mutex_lock(&m);
	check(pthread_mutex_timedlock(&m, &abs) == ETIMEDOUT,
	      "pthread_mutex_timedlock on a held mutex: ETIMEDOUT");
	check(pthread_mutex_trylock(&m) == EBUSY, "trylock on a held mutex: EBUSY");
	pthread_mutex_unlock(&m);
}

static void timed_waits(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c;
	pthread_condattr_t a;
	struct timespec abs, bad = { 0, 1000000000 };
	int64_t t0 = now_ns();

	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&c, &a);
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_sec += 0;
	abs.tv_nsec += 30 * 1000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	check(pthread_cond_timedwait(&c, &m, &abs) == ETIMEDOUT,
	      "pthread_cond_timedwait with nobody signalling: ETIMEDOUT");
	check(now_ns() - t0 >= 30 * 1000000, "after its deadline");
	check(pthread_mutex_trylock(&m) == EBUSY, "holding the mutex again");
	check(pthread_cond_timedwait(&c, &m, &bad) == EINVAL, "tv_nsec 1e9: EINVAL");
	pthread_mutex_unlock(&m);
}

#define READERS 4
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int pair[2]; /* writers keep pair[0] + pair[1] == 0 */
static int torn;

static void *rw_reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		pthread_rwlock_rdlock(&rw);
		if (pair[0] + pair[1] != 0)
			torn++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *rw_writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		pthread_rwlock_wrlock(&rw);
		pair[0]++;
		if (i % 16 == 0)
			sched_yield();
		pair[1]--;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void rwlocks(void)
{
	pthread_t t[READERS + 2];

	for (int i = 0; i < READERS + 2; i++)
		pthread_create(&t[i], NULL, i < 2 ? rw_writer : rw_reader, NULL);
	for (int i = 0; i < READERS + 2; i++)
		pthread_join(t[i], NULL);
	printf("rwlock: 2 writers, %d readers: %d, %d, torn reads %d\n", READERS,
	       pair[0], pair[1], torn);
	check(pair[0] == 1000 && torn == 0, "readers never see a writer's half");
	pthread_rwlock_rdlock(&rw);
	check(pthread_rwlock_tryrdlock(&rw) == 0, "a second read lock");
	check(pthread_rwlock_trywrlock(&rw) == EBUSY, "trywrlock while read-locked: EBUSY");
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_unlock(&rw);
	check(pthread_rwlock_trywrlock(&rw) == 0, "trywrlock when free");
	pthread_rwlock_unlock(&rw);
}

#define PARTIES 4
#define PHASES 5
static pthread_barrier_t barrier;
static int phase_seen[PARTIES][PHASES], serial_count;
static volatile int phase;
static pthread_mutex_t serial_lock = PTHREAD_MUTEX_INITIALIZER;

static void *phased(void *arg)
{
	int me = (int)(long)arg;

	for (int p = 0; p < PHASES; p++) {
		phase_seen[me][p] = phase;
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
			pthread_mutex_lock(&serial_lock);
			serial_count++;
			phase++;
			pthread_mutex_unlock(&serial_lock);
		}
		pthread_barrier_wait(&barrier);
	}
	return NULL;
}

static void barriers(void)
{
	pthread_t t[PARTIES];
	int ok = 1;

	pthread_barrier_init(&barrier, NULL, PARTIES);
	for (long i = 0; i < PARTIES; i++)
		pthread_create(&t[i], NULL, phased, (void *)i);
	for (int i = 0; i < PARTIES; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < PARTIES; i++)
		for (int p = 0; p < PHASES; p++)
			ok &= phase_seen[i][p] == p;
	printf("barrier: %d threads, %d phases, %d serial threads\n", PARTIES,
	       PHASES, serial_count);
	check(ok && serial_count == PHASES, "every thread in step at each phase");
	check(pthread_barrier_init(&barrier, NULL, 0) == EINVAL, "a barrier of 0: EINVAL");
}

static sem_t slots, done_sem;
static volatile int inside, most_inside;
static pthread_mutex_t inside_lock = PTHREAD_MUTEX_INITIALIZER;

static void *gated(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++) {
		sem_wait(&slots);
		pthread_mutex_lock(&inside_lock);
		if (++inside > most_inside)
			most_inside = inside;
		pthread_mutex_unlock(&inside_lock);
		sched_yield();
		pthread_mutex_lock(&inside_lock);
		inside--;
		pthread_mutex_unlock(&inside_lock);
		sem_post(&slots);
	}
	sem_post(&done_sem);
	return NULL;
}

static void semaphores(void)
{
	pthread_t t[5];
	int v;
	struct timespec abs;

	sem_init(&slots, 0, 2);
	sem_init(&done_sem, 0, 0);
	for (int i = 0; i < 5; i++)
		pthread_create(&t[i], NULL, gated, NULL);
	for (int i = 0; i < 5; i++)
		sem_wait(&done_sem);
	for (int i = 0; i < 5; i++)
		pthread_detach(t[i]);
	sem_getvalue(&slots, &v);
	printf("semaphore of 2, 5 threads x 50 entries: value %d after\n", v);
	check(most_inside >= 1 && most_inside <= 2 && v == 2,
	      "never more than 2 inside");
	check(sem_trywait(&done_sem) == -1 && errno == EAGAIN, "sem_trywait at 0: EAGAIN");
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 10 * 1000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	check(sem_timedwait(&done_sem, &abs) == -1 && errno == ETIMEDOUT,
	      "sem_timedwait at 0: ETIMEDOUT");
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_spinlock_t spin;
static long spun;

static void init_once(void)
{
	once_runs++;
	sched_yield(); /* the others arrive while it runs */
}

static void *once_and_spin(void *arg)
{
	(void)arg;
	pthread_once(&once, init_once);
	for (int i = 0; i < 1000; i++) {
		pthread_spin_lock(&spin);
		spun++;
		pthread_spin_unlock(&spin);
	}
	return (void *)(long)once_runs;
}

static void once_and_spinlocks(void)
{
	pthread_t t[4];
	int saw_one = 1;

	pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, once_and_spin, NULL);
	for (int i = 0; i < 4; i++) {
		void *r;

		pthread_join(t[i], &r);
		saw_one &= (long)r == 1;
	}
	printf("pthread_once from 4 threads: ran %d time(s); spin-locked sum %ld\n",
	       once_runs, spun);
	check(once_runs == 1 && saw_one, "once ran once, before anyone went on");
	check(spun == 4000, "spin lock kept the sum");
	check(pthread_spin_trylock(&spin) == 0 && pthread_spin_trylock(&spin) == EBUSY,
	      "spin trylock: free, then EBUSY");
	pthread_spin_unlock(&spin);
}

static void *small_stack(void *arg)
{
	char buf[8192];

	memset(buf, (int)(long)arg, sizeof(buf));
	return (void *)(long)buf[4321];
}

static void *self_id(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

static void attributes(void)
{
	pthread_attr_t a;
	pthread_t t, seen;
	size_t size;
	int state;
	void *r;

	pthread_attr_init(&a);
	check(pthread_attr_setstacksize(&a, 1) == EINVAL, "a 1-byte stack: EINVAL");
	check(pthread_attr_setstacksize(&a, 64 * 1024) == 0 &&
	      pthread_attr_getstacksize(&a, &size) == 0 && size == 64 * 1024,
	      "stack size 64 KiB set and read back");
	check(pthread_create(&t, &a, small_stack, (void *)7L) == 0 &&
	      pthread_join(t, &r) == 0 && (long)r == 7,
	      "a thread on a 64 KiB stack uses 8 KiB of it");
	pthread_attr_getdetachstate(&a, &state);
	check(state == PTHREAD_CREATE_JOINABLE, "joinable by default");
	check(pthread_attr_setdetachstate(&a, 5) == EINVAL, "detach state 5: EINVAL");
	pthread_create(&t, NULL, self_id, &seen);
	pthread_join(t, NULL);
	check(pthread_equal(t, seen) && !pthread_equal(t, pthread_self()),
	      "pthread_self is the id pthread_create gave");
	check(pthread_join(pthread_self(), NULL) == EDEADLK, "joining oneself: EDEADLK");
	pthread_attr_destroy(&a);
}

static void *detached_work(void *arg)
{
	sem_post(arg);
	return NULL;
}

static void detached(void)
{
	pthread_attr_t a;
	sem_t s;
	int made = 0;

	sem_init(&s, 0, 0);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 40; i++) {
		pthread_t t;

		made += pthread_create(&t, &a, detached_work, &s) == 0;
		sem_wait(&s);
	}
	printf("%d detached threads created and finished one after another\n", made);
	check(made == 40, "detached threads are reclaimed");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	producer_consumer();
	mutex_counter();
	mutex_kinds();
	timed_waits();
	rwlocks();
	barriers();
	semaphores();
	once_and_spinlocks();
	attributes();
	detached();
	return finish("threads");
}
