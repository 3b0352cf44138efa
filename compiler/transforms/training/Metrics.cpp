//===- Metrics.cpp - Training metrics as kiln ops -------------------------===//

#include "compiler/transforms/training/Metrics.h"

#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/Losses.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace kiln {

FailureOr<Value> buildAccuracy(OpBuilder &builder, Location loc,
                               Value prediction, Value label,
                               bool fromLogits) {
  auto p = dyn_cast<RankedTensorType>(prediction.getType());
  auto y = dyn_cast<RankedTensorType>(label.getType());
  // Integer class labels are one-hot encoded first.
  if (y && isa<IntegerType>(y.getElementType())) {
    FailureOr<Value> oneHot =
        buildOneHotLabels(builder, loc, "accuracy", prediction, label);
    if (failed(oneHot))
      return failure();
    label = *oneHot;
    y = cast<RankedTensorType>(label.getType());
  }
  if (!p || !isa<FloatType>(p.getElementType()) || p.getRank() < 1)
    return emitError(loc) << "accuracy: the prediction must be a "
                             "floating-point tensor with a class axis, got "
                          << prediction.getType();
  if (!y || y.getElementType() != p.getElementType() ||
      y.getShape() != p.getShape())
    return emitError(loc) << "accuracy: the labels " << label.getType()
                          << " do not match the prediction "
                          << prediction.getType();
  KilnMath m(builder, loc);
  Type floatType = p.getElementType();
  int64_t classAxis = p.getRank() - 1;
  Value correct;
  if (p.getShape().back() == 1) {
    Value predicted = GreaterOp::create(
        builder, loc, prediction,
        m.scalar(fromLogits ? 0.0 : 0.5, floatType));
    Value actual =
        GreaterOp::create(builder, loc, label, m.scalar(0.5, floatType));
    correct = EqualOp::create(builder, loc, predicted, actual);
  } else {
    Value atLabel = m.sum(m.mul(label, prediction), {classAxis});
    Value best = ReduceMaxOp::create(builder, loc, prediction,
                                     ArrayRef<int64_t>{classAxis});
    correct = GreaterEqualOp::create(builder, loc, atLabel, best);
  }
  return m.mean(CastOp::create(builder, loc, correct, floatType));
}

} // namespace kiln
