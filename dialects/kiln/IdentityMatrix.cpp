//===- IdentityMatrix.cpp - The identity parameter initializer ------------===//

#include "dialects/kiln/IdentityMatrix.h"

#include <algorithm>

using namespace kiln;

bool kiln::isIdentityInitializable(llvm::ArrayRef<int64_t> shape) {
  if (shape.size() != 2 || shape[0] <= 0 || shape[1] <= 0)
    return false;
  return shape[0] % shape[1] == 0 || shape[1] % shape[0] == 0;
}

void kiln::fillIdentity(llvm::ArrayRef<int64_t> shape,
                        llvm::MutableArrayRef<double> values) {
  std::fill(values.begin(), values.end(), 0.0);
  int64_t rows = shape[0], columns = shape[1];
  int64_t block = std::min(rows, columns);
  // Row i has a one on the diagonal of each n x n block it crosses.
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = i % block; j < columns; j += block)
      values[i * columns + j] = 1.0;
}
