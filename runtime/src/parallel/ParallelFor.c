/*===- ParallelFor.c - The thread pool behind compiled loops -------*- C -*-===*
 *
 * Compiled code runs its outer parallel loops through
 *
 *   void kiln_parallel_for(kiln_task_fn task, void *context,
 *                          int64_t begin, int64_t end, int64_t cost);
 *
 * which splits [begin, end) into one contiguous chunk per thread and calls
 * task(context, chunk_begin, chunk_end) for each, the calling thread taking
 * the first chunk. `cost` estimates the instructions of one iteration: a
 * loop gets at most one thread per kMinChunkCost of total work, so a small
 * loop runs on the calling thread rather than wait for the others. Every iteration runs exactly once whatever the split, so
 * results do not depend on the thread count.
 *
 * This file is built twice: into libkiln_runtime (exported), and by kilnc
 * into every artifact that has parallel loops, with weak linkage, so that a
 * program linking only `model.o` still gets threads and a process holding
 * several artifacts and the runtime uses one pool: the first definition the
 * linker or the dynamic loader sees.
 *
 * The count: kiln_set_num_threads(n) (n <= 0: the default), else the
 * KILN_NUM_THREADS environment variable, else the CPUs this process may run
 * on. A call made from inside a task, or while another thread of the program
 * is using the pool, runs its loop on the calling thread.
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef KILN_PARALLEL_WEAK
#define KILN_PARALLEL_LINKAGE __attribute__((weak, visibility("default")))
#else
#define KILN_PARALLEL_LINKAGE __attribute__((visibility("default")))
#endif

typedef void (*kiln_task_fn)(void *context, int64_t begin, int64_t end);

enum { kMaxThreads = 256, kSpinIterations = 1 << 14 };
/* About 10 microseconds of work: less is not worth waking a thread for. */
static const int64_t kMinChunkCost = 1 << 15;

static struct {
  pthread_mutex_t dispatch; /* held by the thread running a parallel loop */
  pthread_mutex_t sleep;    /* guards wake, for workers that stopped spinning */
  pthread_cond_t wake;
  atomic_int requested; /* kiln_set_num_threads; 0: the default */
  int started;          /* workers started, at most kMaxThreads - 1 */
  /* The loop being run; published by a new generation. */
  kiln_task_fn task;
  void *context;
  int64_t begin, end;
  int chunks;
  atomic_ulong generation;
  atomic_int pending; /* workers that have not yet seen the generation out */
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
          PTHREAD_COND_INITIALIZER};

static _Thread_local int insideTask;

static int defaultThreadCount(void) {
  const char *env = getenv("KILN_NUM_THREADS");
  if (env && atoi(env) > 0)
    return atoi(env);
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0)
    return CPU_COUNT(&cpus);
  return 1;
}

static void runChunk(int chunk) {
  int64_t n = pool.end - pool.begin;
  int64_t first = pool.begin + n * chunk / pool.chunks;
  int64_t last = pool.begin + n * (chunk + 1) / pool.chunks;
  if (first < last)
    pool.task(pool.context, first, last);
}

static void *workerMain(void *argument) {
  int chunk = (int)(intptr_t)argument;
  unsigned long seen = 0;
  insideTask = 1;
  for (;;) {
    unsigned long now;
    int spins = 0;
    while ((now = atomic_load_explicit(&pool.generation,
                                       memory_order_acquire)) == seen) {
      if (++spins < kSpinIterations) {
        sched_yield();
        continue;
      }
      pthread_mutex_lock(&pool.sleep);
      while (atomic_load(&pool.generation) == seen)
        pthread_cond_wait(&pool.wake, &pool.sleep);
      pthread_mutex_unlock(&pool.sleep);
    }
    seen = now;
    if (chunk < pool.chunks)
      runChunk(chunk);
    /* Every worker checks in, so none can lag into the next loop. */
    atomic_fetch_sub_explicit(&pool.pending, 1, memory_order_release);
  }
  return NULL;
}

KILN_PARALLEL_LINKAGE void kiln_set_num_threads(int count) {
  atomic_store(&pool.requested, count > 0 ? count : 0);
}

KILN_PARALLEL_LINKAGE int kiln_get_num_threads(void) {
  int requested = atomic_load(&pool.requested);
  int count = requested > 0 ? requested : defaultThreadCount();
  return count < kMaxThreads ? count : kMaxThreads;
}

/* Starts workers up to `count - 1`; returns how many chunks can run. */
static int startWorkers(int count) {
  while (pool.started < count - 1) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int failed = pthread_create(&thread, &attributes, workerMain,
                                (void *)(intptr_t)(pool.started + 1));
    pthread_attr_destroy(&attributes);
    if (failed)
      break;
    ++pool.started;
  }
  return pool.started + 1 < count ? pool.started + 1 : count;
}

KILN_PARALLEL_LINKAGE void kiln_parallel_for(kiln_task_fn task, void *context,
                                             int64_t begin, int64_t end,
                                             int64_t cost) {
  if (end <= begin)
    return;
  int count = kiln_get_num_threads();
  if (count > end - begin)
    count = (int)(end - begin);
  /* At most one chunk per kMinChunkCost of work. */
  int64_t perChunk = cost > 0 && cost < kMinChunkCost ? kMinChunkCost / cost : 1;
  if ((end - begin) / perChunk < count)
    count = (int)((end - begin) / perChunk);
  if (count <= 1 || insideTask || pthread_mutex_trylock(&pool.dispatch)) {
    task(context, begin, end);
    return;
  }
  count = startWorkers(count);
  pool.task = task;
  pool.context = context;
  pool.begin = begin;
  pool.end = end;
  pool.chunks = count;
  atomic_store_explicit(&pool.pending, pool.started, memory_order_relaxed);
  pthread_mutex_lock(&pool.sleep);
  atomic_fetch_add_explicit(&pool.generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.sleep);
  insideTask = 1;
  runChunk(0);
  insideTask = 0;
  while (atomic_load_explicit(&pool.pending, memory_order_acquire) > 0)
    sched_yield();
  pthread_mutex_unlock(&pool.dispatch);
}
