/* Embeds the compiled MLP: links mlp.o, includes mlp.h, needs no Kiln
 * library at run time. Classifies four synthetic "images" and prints each
 * one's most likely class and its probability. */
#include "mlp.h"

#include <math.h>
#include <stdio.h>

enum { BATCH = 4, PIXELS = 784, CLASSES = 10 };

int main(void) {
  static float images[BATCH * PIXELS];
  static float probs[BATCH * CLASSES];
  for (int b = 0; b < BATCH; ++b)
    for (int i = 0; i < PIXELS; ++i)
      images[b * PIXELS + i] = (float)sin(0.01 * (i + 1) * (b + 1));

  mlp(BATCH, images, probs);

  for (int b = 0; b < BATCH; ++b) {
    int best = 0;
    float sum = 0;
    for (int c = 0; c < CLASSES; ++c) {
      sum += probs[b * CLASSES + c];
      if (probs[b * CLASSES + c] > probs[b * CLASSES + best])
        best = c;
    }
    printf("image %d: class %d (p = %.4f), probabilities sum to %.4f\n", b,
           best, probs[b * CLASSES + best], sum);
  }
  return 0;
}
