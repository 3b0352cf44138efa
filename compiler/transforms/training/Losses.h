//===- Losses.h - Training losses as kiln ops -------------------*- C++ -*-===//
//
// The losses that a training step minimizes, built from kiln ops so that
// automatic differentiation and elementwise fusion see through them. Each
// returns a rank-0 tensor and reduces as PyTorch's default ("mean"):
//
//   mse                          mean((p - y)^2)
//   l1                           mean(|p - y|)
//   binary_crossentropy          -mean(y log p + (1 - y) log(1 - p)), logs
//                                clamped at -100 as PyTorch does
//   binary_crossentropy logits   mean(max(z, 0) - z y + log(1 + exp(-|z|)))
//   categorical_crossentropy     -mean over rows of sum_c y_c log p_c (logs
//                                clamped at -100); with logits, log_softmax
//   sparse_categorical_crossentropy
//                                the same with integer class labels (i32 or
//                                i64, the prediction's shape without its
//                                class axis), one-hot encoded by kiln.one_hot
//   hinge                        mean(max(1 - y p, 0)), labels in {-1, +1}
//   kl_normal(mu, log_var)       KL(N(mu, exp(log_var)) || N(0, 1)): the sum
//                                of -0.5 (1 + log_var - mu^2 - exp(log_var))
//                                over all but the first axis, averaged over
//                                the first (the batch)
//   l1_penalty, l2_penalty       sum |w|, sum w^2 over the given tensors
//
// Predictions and labels are checked (same shape, floating point); a
// mismatch is reported at `loc` and the builder fails without building.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_LOSSES_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_LOSSES_H

#include "mlir/IR/Builders.h"

namespace kiln {

enum class LossKind {
  MeanSquaredError,
  MeanAbsoluteError,
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  SparseCategoricalCrossEntropy,
  Hinge,
};

/// The loss named `name` ("mse", "l1", "binary_crossentropy",
/// "categorical_crossentropy", "sparse_categorical_crossentropy", "hinge"),
/// if any.
std::optional<LossKind> lossKindByName(llvm::StringRef name);

/// `kind` of `prediction` against `label`; `fromLogits` selects the logit
/// forms of the cross-entropies.
mlir::FailureOr<mlir::Value> buildLoss(mlir::OpBuilder &builder,
                                       mlir::Location loc, LossKind kind,
                                       mlir::Value prediction,
                                       mlir::Value label, bool fromLogits);

/// `labels` (integers, the shape of `prediction` without its last axis)
/// one-hot encoded over the last axis of `prediction`, in its element type;
/// reports a mismatch at `loc`.
mlir::FailureOr<mlir::Value> buildOneHotLabels(mlir::OpBuilder &builder,
                                               mlir::Location loc,
                                               llvm::StringRef what,
                                               mlir::Value prediction,
                                               mlir::Value labels);

/// KL(N(mu, exp(logVar)) || N(0, 1)), per example, averaged over axis 0.
mlir::FailureOr<mlir::Value> buildKLNormal(mlir::OpBuilder &builder,
                                           mlir::Location loc, mlir::Value mu,
                                           mlir::Value logVar);

/// sum |w| (`squared` false) or sum w^2 (true) over all of `tensors`.
mlir::FailureOr<mlir::Value> buildPenalty(mlir::OpBuilder &builder,
                                          mlir::Location loc,
                                          mlir::ValueRange tensors,
                                          bool squared);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_LOSSES_H
