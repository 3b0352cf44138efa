//===- KilnTypeInference.cpp - Result types of kiln ops -------------------===//

#include "dialects/kiln/KilnTypeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace kiln {

LogicalResult emitInferenceError(std::optional<Location> location,
                                 const Twine &message) {
  if (location)
    return emitError(*location, message);
  return failure();
}

std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> lhs,
                                                    ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l == r || r == 1)
      result[i] = l;
    else if (l == 1)
      result[i] = r;
    else if (ShapedType::isDynamic(l) || ShapedType::isDynamic(r))
      result[i] = ShapedType::isDynamic(l) ? r : l;
    else
      return std::nullopt;
  }
  return result;
}

LogicalResult inferBroadcastType(std::optional<Location> location, Type lhs,
                                 Type rhs, SmallVectorImpl<Type> &types) {
  auto lhsType = dyn_cast<RankedTensorType>(lhs);
  auto rhsType = dyn_cast<RankedTensorType>(rhs);
  if (!lhsType || !rhsType)
    return emitInferenceError(location, "operands must be ranked tensors");
  auto shape = broadcastShapes(lhsType.getShape(), rhsType.getShape());
  if (!shape) {
    std::string message;
    llvm::raw_string_ostream os(message);
    os << "shapes do not broadcast: " << lhs << " and " << rhs;
    return emitInferenceError(location, message);
  }
  types.push_back(RankedTensorType::get(*shape, lhsType.getElementType()));
  return success();
}

LogicalResult normalizeAxes(std::optional<Location> location, int64_t rank,
                            ArrayRef<int64_t> axes,
                            SmallVectorImpl<int64_t> &normalized) {
  if (axes.empty()) {
    for (int64_t i = 0; i < rank; ++i)
      normalized.push_back(i);
    return success();
  }
  for (int64_t axis : axes) {
    int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank)
      return emitInferenceError(location, "axis " + Twine(axis) +
                                              " is out of range for rank " +
                                              Twine(rank));
    normalized.push_back(a);
  }
  llvm::sort(normalized);
  normalized.erase(llvm::unique(normalized), normalized.end());
  return success();
}

LogicalResult inferReductionType(std::optional<Location> location, Type input,
                                 ArrayRef<int64_t> axes, bool keepdims,
                                 SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input);
  SmallVector<int64_t> reduced;
  if (failed(normalizeAxes(location, type.getRank(), axes, reduced)))
    return failure();
  SmallVector<int64_t> shape;
  for (auto [i, dim] : llvm::enumerate(type.getShape())) {
    if (!llvm::is_contained(reduced, static_cast<int64_t>(i)))
      shape.push_back(dim);
    else if (keepdims)
      shape.push_back(1);
  }
  types.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

int64_t windowOutputSize(int64_t input, int64_t kernel, int64_t stride,
                         int64_t padBefore, int64_t padAfter,
                         int64_t dilation) {
  if (ShapedType::isDynamic(input) || ShapedType::isDynamic(kernel))
    return ShapedType::kDynamic;
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t padded = input + padBefore + padAfter;
  if (padded < span)
    return 0;
  return (padded - span) / stride + 1;
}

LogicalResult inferPool2DType(std::optional<Location> location, Type input,
                              ArrayRef<int64_t> kernel,
                              ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                              SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input);
  if (type.getRank() != 4)
    return emitInferenceError(location, "expects an NCHW input of rank 4");
  if (kernel.size() != 2 || strides.size() != 2 || pads.size() != 4)
    return emitInferenceError(location,
                              "expects 2 kernel sizes, 2 strides and 4 pads");
  if (llvm::any_of(kernel, [](int64_t k) { return k < 1; }) ||
      llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitInferenceError(
        location, "kernel sizes and strides must be positive, pads >= 0");
  ArrayRef<int64_t> s = type.getShape();
  int64_t h = windowOutputSize(s[2], kernel[0], strides[0], pads[0], pads[2]);
  int64_t w = windowOutputSize(s[3], kernel[1], strides[1], pads[1], pads[3]);
  if (h == 0 || w == 0)
    return emitInferenceError(location, "pooling window is larger than the "
                                        "padded input");
  types.push_back(
      RankedTensorType::get({s[0], s[1], h, w}, type.getElementType()));
  return success();
}

} // namespace kiln
