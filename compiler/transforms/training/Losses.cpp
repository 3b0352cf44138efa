//===- Losses.cpp - Training losses as kiln ops ---------------------------===//

#include "compiler/transforms/training/Losses.h"

#include "compiler/transforms/training/KilnMath.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace kiln {

namespace {

/// PyTorch clamps the logarithms of its probability losses at -100.
constexpr double kLogFloor = -100.0;

RankedTensorType floatTensor(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return nullptr;
  return type;
}

bool sameShape(RankedTensorType a, RankedTensorType b) {
  if (a.getRank() != b.getRank())
    return false;
  for (auto [x, y] : llvm::zip(a.getShape(), b.getShape()))
    if (x != y)
      return false;
  return true;
}

LogicalResult checkPair(Location loc, llvm::StringRef what, Value prediction,
                        Value label) {
  RankedTensorType p = floatTensor(prediction), y = floatTensor(label);
  if (!p)
    return emitError(loc) << what << ": the prediction must be a floating-point"
                          << " tensor, got " << prediction.getType();
  if (!y)
    return emitError(loc) << what << ": the labels must be a floating-point "
                          << "tensor, got " << label.getType();
  if (p.getElementType() != y.getElementType() || !sameShape(p, y))
    return emitError(loc) << what << ": the labels " << label.getType()
                          << " do not match the prediction "
                          << prediction.getType();
  return success();
}

llvm::StringRef lossName(LossKind kind) {
  switch (kind) {
  case LossKind::MeanSquaredError:
    return "mse";
  case LossKind::MeanAbsoluteError:
    return "l1";
  case LossKind::BinaryCrossEntropy:
    return "binary_crossentropy";
  case LossKind::CategoricalCrossEntropy:
    return "categorical_crossentropy";
  case LossKind::SparseCategoricalCrossEntropy:
    return "sparse_categorical_crossentropy";
  case LossKind::Hinge:
    return "hinge";
  }
  llvm_unreachable("unknown loss");
}

/// Mean over the first axis of the sum over the others; a rank-1 tensor is
/// simply averaged.
Value batchMeanOfRowSums(KilnMath &m, Value perElement) {
  int64_t rank = cast<RankedTensorType>(perElement.getType()).getRank();
  if (rank <= 1)
    return m.mean(perElement);
  SmallVector<int64_t> rowAxes;
  for (int64_t axis = 1; axis < rank; ++axis)
    rowAxes.push_back(axis);
  return m.mean(m.sum(perElement, rowAxes));
}

Value clampedLog(KilnMath &m, Value p) { return m.max(m.log(p), kLogFloor); }

} // namespace

std::optional<LossKind> lossKindByName(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<LossKind>>(name)
      .Case("mse", LossKind::MeanSquaredError)
      .Case("l1", LossKind::MeanAbsoluteError)
      .Case("binary_crossentropy", LossKind::BinaryCrossEntropy)
      .Case("categorical_crossentropy", LossKind::CategoricalCrossEntropy)
      .Case("sparse_categorical_crossentropy",
            LossKind::SparseCategoricalCrossEntropy)
      .Case("hinge", LossKind::Hinge)
      .Default(std::nullopt);
}

FailureOr<Value> buildOneHotLabels(OpBuilder &builder, Location loc,
                                   StringRef what, Value prediction,
                                   Value labels) {
  RankedTensorType p = floatTensor(prediction);
  if (!p || p.getRank() < 1 || ShapedType::isDynamic(p.getShape().back()))
    return emitError(loc) << what << ": the prediction must be a "
                          << "floating-point tensor with a static class axis,"
                          << " got " << prediction.getType();
  auto y = dyn_cast<RankedTensorType>(labels.getType());
  if (!y || !(y.getElementType().isInteger(32) ||
              y.getElementType().isInteger(64)))
    return emitError(loc) << what << ": the labels must be integer class "
                          << "indices (i32 or i64), got " << labels.getType();
  if (y.getShape() != p.getShape().drop_back())
    return emitError(loc) << what << ": the labels " << labels.getType()
                          << " must have the shape of the prediction "
                          << prediction.getType() << " without its class axis";
  auto values = DenseElementsAttr::get(
      RankedTensorType::get({2}, p.getElementType()),
      ArrayRef<Attribute>{FloatAttr::get(p.getElementType(), 0.0),
                          FloatAttr::get(p.getElementType(), 1.0)});
  Value onOff = ConstantOp::create(builder, loc, values);
  return OneHotOp::create(builder, loc, labels, onOff, p.getShape().back(),
                          int64_t(-1))
      .getResult();
}

FailureOr<Value> buildLoss(OpBuilder &builder, Location loc, LossKind kind,
                           Value prediction, Value label, bool fromLogits) {
  if (kind == LossKind::SparseCategoricalCrossEntropy) {
    FailureOr<Value> oneHot = buildOneHotLabels(
        builder, loc, lossName(kind), prediction, label);
    if (failed(oneHot))
      return failure();
    return buildLoss(builder, loc, LossKind::CategoricalCrossEntropy,
                     prediction, *oneHot, fromLogits);
  }
  if (failed(checkPair(loc, lossName(kind), prediction, label)))
    return failure();
  KilnMath m(builder, loc);
  Value p = prediction, y = label;
  switch (kind) {
  case LossKind::MeanSquaredError:
    return m.mean(m.square(m.sub(p, y)));
  case LossKind::MeanAbsoluteError:
    return m.mean(m.abs(m.sub(p, y)));
  case LossKind::BinaryCrossEntropy:
    if (fromLogits) {
      // max(z, 0) - z y + log(1 + exp(-|z|)): stable for any z.
      Value z = p;
      return m.mean(m.add(m.sub(m.relu(z), m.mul(z, y)),
                          m.softplus(m.neg(m.abs(z)))));
    }
    return m.neg(m.mean(m.add(m.mul(y, clampedLog(m, p)),
                              m.mul(m.rsub(1.0, y),
                                    clampedLog(m, m.rsub(1.0, p))))));
  case LossKind::CategoricalCrossEntropy: {
    int64_t rank = cast<RankedTensorType>(p.getType()).getRank();
    if (rank < 1)
      return emitError(loc) << "categorical_crossentropy: the prediction must "
                               "have a class axis, got "
                            << p.getType();
    Value logP = fromLogits ? m.logSoftmax(p, rank - 1) : clampedLog(m, p);
    return m.neg(batchMeanOfRowSums(m, m.mul(y, logP)));
  }
  case LossKind::Hinge:
    return m.mean(m.relu(m.rsub(1.0, m.mul(y, p))));
  }
  llvm_unreachable("unknown loss");
}

FailureOr<Value> buildKLNormal(OpBuilder &builder, Location loc, Value mu,
                               Value logVar) {
  if (failed(checkPair(loc, "kl_normal", mu, logVar)))
    return failure();
  KilnMath m(builder, loc);
  // -0.5 (1 + log_var - mu^2 - exp(log_var)) per element.
  Value inner =
      m.sub(m.sub(m.add(logVar, 1.0), m.square(mu)), m.exp(logVar));
  return batchMeanOfRowSums(m, m.mul(inner, -0.5));
}

FailureOr<Value> buildPenalty(OpBuilder &builder, Location loc,
                              ValueRange tensors, bool squared) {
  if (tensors.empty())
    return emitError(loc) << "a penalty needs at least one parameter";
  KilnMath m(builder, loc);
  Value total;
  for (Value w : tensors) {
    if (!floatTensor(w))
      return emitError(loc) << "a penalty applies to floating-point tensors, "
                               "got "
                            << w.getType();
    Value term = m.sum(squared ? m.square(w) : m.abs(w));
    total = total ? m.add(total, term) : term;
  }
  return total;
}

} // namespace kiln
