//===- KilnScatterOps.cpp - Verifiers of the scatter-adds -----------------===//

#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/ShapedValues.h"

using namespace mlir;
using namespace kiln;

namespace {

bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Checks `updates` against the shape `expected` it must have.
LogicalResult verifyUpdates(Operation *op, ArrayRef<int64_t> updates,
                            ArrayRef<int64_t> expected) {
  if (updates.size() != expected.size())
    return op->emitOpError("updates must have rank ") << expected.size();
  for (auto [i, sizes] : llvm::enumerate(llvm::zip(updates, expected)))
    if (!compatible(std::get<0>(sizes), std::get<1>(sizes)))
      return op->emitOpError("updates dimension ")
             << i << " has size " << std::get<0>(sizes) << ", expected "
             << std::get<1>(sizes);
  return success();
}

FailureOr<int64_t> verifiedAxis(Operation *op, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return op->emitOpError("axis ") << axis << " is out of range for rank "
                                    << rank;
  return axis < 0 ? axis + rank : axis;
}

} // namespace

LogicalResult ScatterAddOp::verify() {
  ArrayRef<int64_t> target = shapeOf(getTarget());
  FailureOr<int64_t> axis = verifiedAxis(*this, getAxis(), target.size());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> expected(target.begin(), target.begin() + *axis);
  llvm::append_range(expected, shapeOf(getIndices()));
  expected.append(target.begin() + *axis + 1, target.end());
  return verifyUpdates(*this, shapeOf(getUpdates()), expected);
}

LogicalResult ScatterAddElementsOp::verify() {
  ArrayRef<int64_t> target = shapeOf(getTarget());
  if (failed(verifiedAxis(*this, getAxis(), target.size())))
    return failure();
  ArrayRef<int64_t> indices = shapeOf(getIndices());
  if (indices.size() != target.size())
    return emitOpError("indices must have the rank of the target");
  return verifyUpdates(*this, shapeOf(getUpdates()), indices);
}
