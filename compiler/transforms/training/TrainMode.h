//===- TrainMode.h - The training forms of dropout and batch norm -*- C++ -*-===//
//
// A model's function computes its inference form: kiln.dropout is the
// identity and kiln.batch_norm normalizes with the stored statistics. The
// train step differentiates the training form instead, which this rewrite
// builds from kiln ops that have gradient rules:
//
//   * dropout(x, rate) -> x * bernoulli(p = 1 - rate) * (1 / (1 - rate))
//     (inverted dropout), the identity for rate 0;
//   * batch_norm(x, scale, offset, running_mean, running_var) ->
//     batch_norm(x, scale, offset, mean, var) with `mean` and the biased
//     `var` of x over every axis but 1, and running statistics updated as
//     running * momentum + batch * (1 - momentum), with the unbiased batch
//     variance (n / (n - 1) var, n the elements per channel) for the
//     running variance, as PyTorch does;
//   * every random op (kiln.random_uniform, random_normal, bernoulli, those
//     made for dropout included) takes its state from one chain, in program
//     order, that starts at a new last argument `rng` (tensor<2xi64>
//     [seed, counter]) and whose end is returned as a new last result.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_TRAINMODE_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_TRAINMODE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace kiln {

/// What convertToTrainMode added to the function's signature.
struct TrainModeSignature {
  /// The arguments holding running statistics: the function returns the
  /// updated value of argument `updatedArguments[i]` as result
  /// `original results + i`.
  llvm::SmallVector<unsigned> updatedArguments;
  /// Whether the function now takes the random state as its last argument
  /// and returns the next state as its last result.
  bool randomState = false;
};

/// Whether the training form of `func` draws random numbers (it holds a
/// random op or a dropout of nonzero rate).
bool needsRandomState(mlir::func::FuncOp func);

/// Rewrites the single-block `func` into its training form (see the file
/// comment). The running statistics of a batch_norm are updated when its
/// mean and variance are arguments of `func`; a batch_norm over other
/// statistics (constants) normalizes with the batch's and updates nothing.
/// Results are appended in this order: the updated running statistics
/// (mean then variance, batch_norm by batch_norm), then the next random
/// state. Fails, with a diagnostic, when two batch_norm ops share a running
/// statistic.
mlir::FailureOr<TrainModeSignature> convertToTrainMode(mlir::func::FuncOp func);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_TRAINMODE_H
