//===- IdentityMatrix.h - The identity parameter initializer ----*- C++ -*-===//
//
// `identity` initializes a square matrix [n, n] to the identity, and a
// stacked one, [k * n, n] or [n, k * n], to k identity blocks of size n
// along its longer dimension: the recurrence matrix of a recurrent layer
// with its gate blocks stacked (R [G * hidden, hidden] as ONNX and PyTorch
// store it, or its transpose [hidden, G * hidden]) starts with every gate's
// recurrence the identity. Other shapes are rejected.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_IDENTITYMATRIX_H
#define KILN_DIALECT_IDENTITYMATRIX_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace kiln {

/// Whether `identity` can initialize a tensor of `shape`: rank 2, static,
/// non-empty, one dimension a multiple of the other.
bool isIdentityInitializable(llvm::ArrayRef<int64_t> shape);

/// Writes the (stacked) identity of `shape` (row-major) into `values`.
void fillIdentity(llvm::ArrayRef<int64_t> shape,
                  llvm::MutableArrayRef<double> values);

} // namespace kiln

#endif // KILN_DIALECT_IDENTITYMATRIX_H
