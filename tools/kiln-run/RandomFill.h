//===- RandomFill.h - Seeded random tensor contents -------------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_RANDOMFILL_H
#define KILN_TOOLS_KILNRUN_RANDOMFILL_H

#include "TensorBuffer.h"

#include <cstdint>

namespace kiln::run {

/// A small, portable generator (SplitMix64): the same seed gives the same
/// values on every platform.
class RandomSource {
public:
  explicit RandomSource(uint64_t seed) : state(seed) {}
  uint64_t next();
  /// Uniform in [-1, 1).
  double nextSigned();

private:
  uint64_t state;
};

/// Fills `tensor` with uniform values in [-1, 1): floats as they come,
/// integers from {-1, 0, 1}, booleans from {0, 1}.
void fillRandom(TensorBuffer &tensor, RandomSource &random);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_RANDOMFILL_H
