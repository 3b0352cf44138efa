//===- Metrics.h - Training metrics as kiln ops -----------------*- C++ -*-===//
//
// Metrics that a training step reports beside the loss. They are not
// differentiated: the training step builder differentiates the loss alone.
//
//   accuracy(p, y)  the fraction of rows classified correctly, a rank-0
//                   tensor of p's element type:
//                   - one-hot (or probability) labels of p's shape [..., C]
//                     with C > 1: a row is correct when p is largest at the
//                     labelled class (sum_c y_c p_c >= max_c p_c; ties count
//                     as correct);
//                   - integer class labels (the prediction's shape without
//                     its class axis): the same, one-hot encoded;
//                   - C == 1 (binary): (p > t) == (y > 0.5), where t is 0.5
//                     for probabilities and 0 for logits.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_METRICS_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_METRICS_H

#include "mlir/IR/Builders.h"

namespace kiln {

/// The accuracy of `prediction` against `label`; reports a mismatch at
/// `loc` and fails.
mlir::FailureOr<mlir::Value> buildAccuracy(mlir::OpBuilder &builder,
                                           mlir::Location loc,
                                           mlir::Value prediction,
                                           mlir::Value label, bool fromLogits);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_METRICS_H
