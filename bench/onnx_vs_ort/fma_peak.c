/* The machine's float32 FMA peak: each thread runs independent vector FMA
 * chains (16 floats with AVX-512, else 8) in registers for a fixed time.
 * Prints one JSON line: {"threads": T, "gflops": G}.
 * cc -O2 -march=native -pthread fma_peak.c -o fma_peak; ./fma_peak THREADS */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef __AVX512F__
#define LANES 16
#define CHAINS 16
#else
#define LANES 8
#define CHAINS 10
#endif
#define STEPS 20000000L

typedef float vec __attribute__((vector_size(LANES * 4)));

static void *chains(void *out) {
  vec acc[CHAINS], x, y;
  for (int l = 0; l < LANES; ++l) {
    x[l] = 0.999999f;
    y[l] = 1e-7f;
  }
  for (int c = 0; c < CHAINS; ++c)
    acc[c] = x * (float)c;
  for (long i = 0; i < STEPS; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < CHAINS; ++c)
      acc[c] = acc[c] * x + y;
    __asm__ volatile("" : "+x"(x));
  }
  float sum = 0;
  for (int c = 0; c < CHAINS; ++c)
    sum += acc[c][0];
  *(float *)out = sum;
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1 || threads > 256)
    return 2;
  pthread_t ids[256];
  float sums[256];
  double start = now();
  for (int t = 0; t < threads; ++t)
    pthread_create(&ids[t], NULL, chains, &sums[t]);
  for (int t = 0; t < threads; ++t)
    pthread_join(ids[t], NULL);
  double seconds = now() - start;
  double flops = 2.0 * LANES * CHAINS * (double)STEPS * threads;
  printf("{\"threads\": %d, \"gflops\": %.1f, \"check\": %g}\n", threads,
         flops / seconds * 1e-9, sums[0]);
  return 0;
}
