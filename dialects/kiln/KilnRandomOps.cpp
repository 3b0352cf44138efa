//===- KilnRandomOps.cpp - Verifiers of the random ops --------------------===//

#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

namespace {

/// The state is [seed, counter]; each dynamic result dimension needs the
/// same dimension of `like`.
LogicalResult verifyRandomOp(Operation *op, Value state, Value like,
                             RankedTensorType result) {
  if (cast<RankedTensorType>(state.getType()).getShape() !=
      ArrayRef<int64_t>{2})
    return op->emitOpError("state must be a tensor<2xi64> [seed, counter]");
  int64_t likeRank =
      like ? cast<RankedTensorType>(like.getType()).getRank() : 0;
  for (auto [i, size] : llvm::enumerate(result.getShape()))
    if (ShapedType::isDynamic(size) && static_cast<int64_t>(i) >= likeRank)
      return op->emitOpError("dynamic result dimension ")
             << i << " needs an operand `like` of rank above " << i;
  return success();
}

} // namespace

LogicalResult RandomUniformOp::verify() {
  if (getHigh().convertToDouble() < getLow().convertToDouble())
    return emitOpError("high must not be below low");
  return verifyRandomOp(*this, getState(), getLike(), getResult().getType());
}

LogicalResult RandomNormalOp::verify() {
  if (getStd().convertToDouble() < 0)
    return emitOpError("std must not be negative");
  return verifyRandomOp(*this, getState(), getLike(), getResult().getType());
}

LogicalResult BernoulliOp::verify() {
  double p = getP().convertToDouble();
  if (p < 0 || p > 1)
    return emitOpError("p must lie in [0, 1]");
  return verifyRandomOp(*this, getState(), getLike(), getResult().getType());
}
