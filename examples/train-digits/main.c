/* Trains the digits classifier with the training step that
 * `kilnc --train --emit=shared digits.kiln` compiled, through Kiln's runtime.
 *
 *   train-digits ARTIFACT.so DATA.bin [EPOCHS] [CHECKPOINT]
 *
 * DATA.bin comes from export_digits.py. Each epoch runs train_step over
 * shuffled batches of 32 and prints the mean loss, the training accuracy
 * that train_step reports, and the test accuracy of `eval`. At the end the
 * training state is saved to CHECKPOINT, loaded into fresh buffers and
 * evaluated again. */
#include <kiln/runtime.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kFeatures = 64, kClasses = 10, kBatch = 32 };

static void check(kiln_status *status, const char *what) {
  if (!status)
    return;
  fprintf(stderr, "%s: %s\n", what, kiln_status_message(status));
  kiln_status_free(status);
  exit(1);
}

static void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  return p;
}

/* The data set of export_digits.py. */
typedef struct {
  int32_t n;
  float *x;
  int32_t *y;
} Split;

static void readOrDie(void *p, size_t size, size_t count, FILE *f) {
  if (fread(p, size, count, f) != count) {
    fprintf(stderr, "truncated data file\n");
    exit(1);
  }
}

static void loadSplit(FILE *f, Split *s) {
  s->x = xmalloc(sizeof(float) * s->n * kFeatures);
  s->y = xmalloc(sizeof(int32_t) * s->n);
  readOrDie(s->x, sizeof(float), (size_t)s->n * kFeatures, f);
  readOrDie(s->y, sizeof(int32_t), (size_t)s->n, f);
}

/* The training state: every output of `init` (parameters, optimizer state,
 * step), by name. train_step updates it in place: each output `new_<name>`
 * is given the buffer of its input `<name>`. */
typedef struct {
  size_t count;
  const char **names;
  kiln_tensor *tensors;
} State;

static kiln_tensor *lookup(State *s, const char *name) {
  for (size_t i = 0; i < s->count; ++i)
    if (strcmp(s->names[i], name) == 0)
      return &s->tensors[i];
  return NULL;
}

/* Buffers for every output of `init`. */
static kiln_tensor *allocateState(const kiln_function *init, size_t count) {
  kiln_tensor *tensors = xmalloc(sizeof(kiln_tensor) * count);
  for (size_t i = 0; i < count; ++i) {
    check(kiln_function_output_shape(init, i, 1, &tensors[i]), "init");
    tensors[i].data = xmalloc(kiln_tensor_byte_size(&tensors[i]));
  }
  return tensors;
}

static void initState(const kiln_function *init, State *s) {
  s->count = kiln_function_output_count(init);
  s->names = xmalloc(sizeof(char *) * s->count);
  for (size_t i = 0; i < s->count; ++i)
    s->names[i] = kiln_function_output(init, i)->name;
  s->tensors = allocateState(init, s->count);
  check(kiln_function_call(init, NULL, 0, s->tensors, s->count), "init");
}

static kiln_tensor matrix(float *data, int64_t rows, int64_t cols) {
  kiln_tensor t = {KILN_F32, 2, {rows, cols}, data};
  return t;
}

/* Binds a function's inputs: state tensors by name, then `x` and `labels`. */
static void bindInputs(const kiln_function *fn, State *s, kiln_tensor *x,
                       kiln_tensor *labels, kiln_tensor *inputs) {
  for (size_t i = 0; i < kiln_function_input_count(fn); ++i) {
    const char *name = kiln_function_input(fn, i)->name;
    kiln_tensor *t = lookup(s, name);
    if (!t && strcmp(name, "x") == 0)
      t = x;
    if (!t && strcmp(name, "labels") == 0)
      t = labels;
    if (!t) {
      fprintf(stderr, "%s: no value for input '%s'\n", kiln_function_name(fn),
              name);
      exit(1);
    }
    inputs[i] = *t;
  }
}

/* The fraction of `split` that `eval` classifies correctly. */
static double testAccuracy(const kiln_function *eval, State *s,
                           const Split *split) {
  float *logits = xmalloc(sizeof(float) * split->n * kClasses);
  kiln_tensor x = matrix(split->x, split->n, kFeatures);
  kiln_tensor out = matrix(logits, split->n, kClasses);
  kiln_tensor inputs[64];
  bindInputs(eval, s, &x, NULL, inputs);
  check(kiln_function_call(eval, inputs, kiln_function_input_count(eval), &out,
                           1),
        "eval");
  int correct = 0;
  for (int32_t i = 0; i < split->n; ++i) {
    int best = 0;
    for (int c = 1; c < kClasses; ++c)
      if (logits[i * kClasses + c] > logits[i * kClasses + best])
        best = c;
    correct += best == split->y[i];
  }
  free(logits);
  return (double)correct / split->n;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s ARTIFACT.so DATA.bin [EPOCHS] [CHECKPOINT]\n",
            argv[0]);
    return 2;
  }
  int epochs = argc > 3 ? atoi(argv[3]) : 20;
  const char *checkpoint = argc > 4 ? argv[4] : "digits.ckpt";

  FILE *f = fopen(argv[2], "rb");
  if (!f) {
    perror(argv[2]);
    return 1;
  }
  Split train, test;
  readOrDie(&train.n, sizeof(int32_t), 1, f);
  readOrDie(&test.n, sizeof(int32_t), 1, f);
  loadSplit(f, &train);
  loadSplit(f, &test);
  fclose(f);

  kiln_artifact *artifact;
  check(kiln_artifact_open(argv[1], &artifact), "open");
  const kiln_function *init, *step, *eval;
  check(kiln_artifact_find_function(artifact, "init", &init), "init");
  check(kiln_artifact_find_function(artifact, "train_step", &step), "step");
  check(kiln_artifact_find_function(artifact, "eval", &eval), "eval");

  State state;
  initState(init, &state);

  float batchX[kBatch * kFeatures];
  int64_t batchLabels[kBatch];
  int32_t *order = xmalloc(sizeof(int32_t) * train.n);
  for (int32_t i = 0; i < train.n; ++i)
    order[i] = i;
  uint64_t rng = 42;
  size_t nIn = kiln_function_input_count(step);
  size_t nOut = kiln_function_output_count(step);
  kiln_tensor inputs[64], outputs[64];
  float scalars[64];
  /* Each new_<tensor> output overwrites its state tensor in place; the loss
   * and the metrics are scalars. */
  for (size_t o = 0; o < nOut; ++o) {
    const char *name = kiln_function_output(step, o)->name;
    kiln_tensor *current =
        strncmp(name, "new_", 4) == 0 ? lookup(&state, name + 4) : NULL;
    if (current) {
      outputs[o] = *current;
    } else {
      kiln_tensor scalar = {KILN_F32, 0, {0}, &scalars[o]};
      outputs[o] = scalar;
    }
  }

  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (int32_t i = train.n - 1; i > 0; --i) { /* Fisher-Yates */
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      int32_t j = (int32_t)((rng >> 33) % (uint64_t)(i + 1));
      int32_t t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double lossSum = 0, accuracySum = 0;
    int batches = 0;
    for (int32_t start = 0; start < train.n; start += kBatch) {
      int32_t n = train.n - start < kBatch ? train.n - start : kBatch;
      for (int32_t i = 0; i < n; ++i) {
        memcpy(&batchX[i * kFeatures], &train.x[order[start + i] * kFeatures],
               sizeof(float) * kFeatures);
        batchLabels[i] = train.y[order[start + i]];
      }
      kiln_tensor x = matrix(batchX, n, kFeatures);
      kiln_tensor labels = {KILN_I64, 1, {n}, batchLabels};
      bindInputs(step, &state, &x, &labels, inputs);
      check(kiln_function_call(step, inputs, nIn, outputs, nOut), "train_step");
      lossSum += scalars[0];
      accuracySum += scalars[1];
      ++batches;
    }
    printf("epoch %2d  loss %.4f  train accuracy %.4f  test accuracy %.4f\n",
           epoch, lossSum / batches, accuracySum / batches,
           testAccuracy(eval, &state, &test));
  }

  double before = testAccuracy(eval, &state, &test);
  check(kiln_checkpoint_save(checkpoint, state.names, state.tensors,
                             state.count),
        "save");
  /* Restore into fresh buffers and evaluate from them. */
  State restored = state;
  restored.tensors = allocateState(init, state.count);
  check(kiln_checkpoint_load(checkpoint, restored.names, restored.tensors,
                             restored.count),
        "load");
  double after = testAccuracy(eval, &restored, &test);
  printf("checkpoint %s: test accuracy %.4f after reloading (%s)\n", checkpoint,
         after, after == before ? "unchanged" : "CHANGED");
  printf("final test accuracy %.4f\n", after);
  kiln_artifact_close(artifact);
  return after == before ? 0 : 1;
}
