//===- Optimizers.h - Parameter updates as kiln ops -------------*- C++ -*-===//
//
// Builds one optimizer step as elementwise kiln ops, so that after lowering
// the update of each parameter fuses into a single loop. The formulas are
// PyTorch's (torch.optim in 1.13):
//
//   sgd       w -= lr g
//   momentum  b = mu b + g;              w -= lr b
//   nesterov  b = mu b + g;              w -= lr (g + mu b)
//   adagrad   s += g^2;                  w -= lr g / (sqrt(s) + eps)
//   rmsprop   a = alpha a + (1-alpha) g^2; w -= lr g / (sqrt(a) + eps)
//   adam      m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; t = step + 1;
//             w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
//   adamw     w *= 1 - lr wd, then adam without L2 decay
//
// Before the update, gradients are clipped (by value, then by global norm)
// and, except for adamw, L2 weight decay adds wd w to each gradient. `step`
// counts the steps already taken (0 for the first); the learning rate of a
// schedule is read at `step`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERS_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERS_H

#include "compiler/transforms/training/OptimizerConfig.h"

#include "mlir/IR/Builders.h"

namespace kiln {

struct OptimizerUpdate {
  llvm::SmallVector<mlir::Value> params;
  /// Parameter-major: the state tensors of the first parameter, then of the
  /// second, ... (optimizerStateNames order within each).
  llvm::SmallVector<mlir::Value> state;
  /// step + 1.
  mlir::Value step;
};

/// The updated parameters and state. `state` is laid out as in
/// OptimizerUpdate; `step` is a rank-0 tensor of the parameters' element
/// type. All parameters must share one floating-point element type.
mlir::FailureOr<OptimizerUpdate>
buildOptimizerUpdate(mlir::OpBuilder &builder, mlir::Location loc,
                     const OptimizerConfig &config, mlir::ValueRange params,
                     mlir::ValueRange grads, mlir::ValueRange state,
                     mlir::Value step);

/// `grads` clipped as `config` says: each element to [-clip_value,
/// clip_value], then all of them scaled to a global L2 norm of at most
/// clip_norm.
llvm::SmallVector<mlir::Value> clipGradients(mlir::OpBuilder &builder,
                                             mlir::Location loc,
                                             const OptimizerConfig &config,
                                             mlir::ValueRange grads);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERS_H
