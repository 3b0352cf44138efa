//===- KilnIndexingOps.cpp - Result types of the indexing ops -------------===//
//
// Type inference and verifiers of gathers, arg-reductions, broadcast_to,
// tile, resize, depth/space rearrangements, one_hot and cumsum.
//
//===----------------------------------------------------------------------===//

#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/ShapedValues.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace kiln;

namespace {
using Types = SmallVectorImpl<Type>;
using OptLoc = std::optional<Location>;

/// `axis` counted from the front, or failure when outside [-rank, rank).
FailureOr<int64_t> normalizeAxis(OptLoc loc, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank) {
    (void)emitInferenceError(
        loc,
        llvm::formatv("axis {0} is out of range for rank {1}", axis, rank).str());
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

int64_t mulOrDynamic(int64_t size, int64_t factor) {
  return ShapedType::isDynamic(size) ? size : size * factor;
}

LogicalResult inferArgReduceType(OptLoc loc, Value input, int64_t axis,
                                 bool keepdims, Types &types) {
  ArrayRef<int64_t> in = shapeOf(input);
  FailureOr<int64_t> dim = normalizeAxis(loc, axis, in.size());
  if (failed(dim))
    return failure();
  SmallVector<int64_t> shape(in);
  if (keepdims)
    shape[*dim] = 1;
  else
    shape.erase(shape.begin() + *dim);
  types.push_back(RankedTensorType::get(
      shape, IntegerType::get(input.getContext(), 64)));
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> data = shapeOf(adaptor.getData());
  FailureOr<int64_t> axis = normalizeAxis(loc, adaptor.getAxis(), data.size());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(data.take_front(*axis));
  llvm::append_range(shape, shapeOf(adaptor.getIndices()));
  llvm::append_range(shape, data.drop_front(*axis + 1));
  types.push_back(RankedTensorType::get(shape, elementTypeOf(adaptor.getData())));
  return success();
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                                 Adaptor adaptor,
                                                 Types &types) {
  ArrayRef<int64_t> data = shapeOf(adaptor.getData());
  ArrayRef<int64_t> indices = shapeOf(adaptor.getIndices());
  if (data.size() != indices.size())
    return emitInferenceError(
        loc, "gather_elements needs indices of the same rank as the data");
  FailureOr<int64_t> axis = normalizeAxis(loc, adaptor.getAxis(), data.size());
  if (failed(axis))
    return failure();
  for (auto [i, pair] : llvm::enumerate(llvm::zip(data, indices))) {
    auto [d, n] = pair;
    if (static_cast<int64_t>(i) == *axis || ShapedType::isDynamic(d) ||
        ShapedType::isDynamic(n))
      continue;
    if (n > d)
      return emitInferenceError(
          loc, llvm::formatv("indices dimension {0} ({1}) exceeds the data's "
                             "({2})",
                             i, n, d)
                   .str());
  }
  types.push_back(
      RankedTensorType::get(indices, elementTypeOf(adaptor.getData())));
  return success();
}

//===----------------------------------------------------------------------===//
// Arg-reductions
//===----------------------------------------------------------------------===//

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  return inferArgReduceType(loc, adaptor.getInput(), adaptor.getAxis(),
                            adaptor.getKeepdims(), types);
}

LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  return inferArgReduceType(loc, adaptor.getInput(), adaptor.getAxis(),
                            adaptor.getKeepdims(), types);
}

//===----------------------------------------------------------------------===//
// Broadcasting and tiling
//===----------------------------------------------------------------------===//

LogicalResult BroadcastToOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> target = adaptor.getShape();
  size_t rank = std::max(in.size(), target.size());
  SmallVector<int64_t> shape(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t from = i < rank - in.size() ? 1 : in[i - (rank - in.size())];
    int64_t to =
        i < rank - target.size() ? 1 : target[i - (rank - target.size())];
    if (to < 0)
      return emitInferenceError(loc, "broadcast_to sizes must be >= 0");
    if (to == 1 || from == to) {
      shape[i] = from;
    } else if (from == 1) {
      shape[i] = to;
    } else if (ShapedType::isDynamic(from)) {
      return emitInferenceError(
          loc, llvm::formatv("dynamic dimension {0} can only be broadcast "
                             "against 1, not {1}",
                             i, to)
                   .str());
    } else {
      return emitInferenceError(
          loc, llvm::formatv("cannot broadcast dimension {0} of size {1} to {2}",
                             i, from, to)
                   .str());
    }
  }
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> repeats = adaptor.getRepeats();
  if (repeats.size() != in.size())
    return emitInferenceError(loc, "tile needs one repeat per dimension");
  if (llvm::any_of(repeats, [](int64_t r) { return r < 1; }))
    return emitInferenceError(loc, "tile repeats must be >= 1");
  SmallVector<int64_t> shape;
  for (auto [size, repeat] : llvm::zip(in, repeats))
    shape.push_back(mulOrDynamic(size, repeat));
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// Resizing
//===----------------------------------------------------------------------===//

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> sizes = adaptor.getSizes();
  if (in.size() != 4)
    return emitInferenceError(loc, "resize expects an NCHW input of rank 4");
  if (sizes.size() != 2 || sizes[0] < 1 || sizes[1] < 1)
    return emitInferenceError(loc, "resize needs two positive output sizes");
  types.push_back(RankedTensorType::get({in[0], in[1], sizes[0], sizes[1]},
                                        elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult ResizeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (ShapedType::isDynamic(in[2]) || ShapedType::isDynamic(in[3]))
    return emitOpError("needs a static input height and width");
  if (std::optional<ArrayRef<double>> scales = getScales())
    if (scales->size() != 2 || llvm::any_of(*scales, [](double s) {
          return !(s > 0);
        }))
      return emitOpError("needs two positive scales");
  if (!llvm::is_contained({"nearest", "linear", "cubic"}, getMode()))
    return emitOpError("unknown mode '") << getMode() << "'";
  if (!llvm::is_contained({"half_pixel", "pytorch_half_pixel", "align_corners",
                           "asymmetric", "tf_half_pixel_for_nn"},
                          getCoordinateTransformationMode()))
    return emitOpError("unknown coordinate_transformation_mode '")
           << getCoordinateTransformationMode() << "'";
  if (!llvm::is_contained({"round_prefer_floor", "round_prefer_ceil", "floor",
                           "ceil"},
                          getNearestMode()))
    return emitOpError("unknown nearest_mode '") << getNearestMode() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// Depth and space
//===----------------------------------------------------------------------===//

static LogicalResult checkBlockAttrs(OptLoc loc, ArrayRef<int64_t> in,
                                     int64_t blocksize, StringRef mode) {
  if (in.size() != 4)
    return emitInferenceError(loc, "expects an NCHW input of rank 4");
  if (blocksize < 1)
    return emitInferenceError(loc, "blocksize must be >= 1");
  if (mode != "DCR" && mode != "CRD")
    return emitInferenceError(loc, "mode must be DCR or CRD, got '" + mode +
                                       "'");
  return success();
}

LogicalResult DepthToSpaceOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                               Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBlocksize();
  if (failed(checkBlockAttrs(loc, in, b, adaptor.getMode())))
    return failure();
  if (ShapedType::isDynamic(in[1]) || in[1] % (b * b))
    return emitInferenceError(
        loc, llvm::formatv("channels must be static and divisible by {0}",
                           b * b)
                 .str());
  types.push_back(RankedTensorType::get(
      {in[0], in[1] / (b * b), mulOrDynamic(in[2], b), mulOrDynamic(in[3], b)},
      elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult SpaceToDepthOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                               Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBlocksize();
  if (failed(checkBlockAttrs(loc, in, b, adaptor.getMode())))
    return failure();
  if (ShapedType::isDynamic(in[2]) || ShapedType::isDynamic(in[3]) ||
      in[2] % b || in[3] % b)
    return emitInferenceError(
        loc,
        llvm::formatv("height and width must be static and divisible by {0}", b)
            .str());
  types.push_back(RankedTensorType::get(
      {in[0], mulOrDynamic(in[1], b * b), in[2] / b, in[3] / b},
      elementTypeOf(adaptor.getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// One-hot encoding and cumulative sums
//===----------------------------------------------------------------------===//

LogicalResult OneHotOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> indices = shapeOf(adaptor.getIndices());
  ArrayRef<int64_t> values = shapeOf(adaptor.getValues());
  if (values.size() != 1 || isKnownAndDiffers(values[0], 2))
    return emitInferenceError(loc, "one_hot values must be [off, on]");
  if (adaptor.getDepth() < 1)
    return emitInferenceError(loc, "one_hot depth must be >= 1");
  int64_t rank = indices.size() + 1;
  FailureOr<int64_t> axis = normalizeAxis(loc, adaptor.getAxis(), rank);
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(indices);
  shape.insert(shape.begin() + *axis, adaptor.getDepth());
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getValues())));
  return success();
}

LogicalResult CumSumOp::inferReturnTypes(MLIRContext *, OptLoc,
                                         Adaptor adaptor, Types &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult CumSumOp::verify() {
  int64_t rank = cast<ShapedType>(getInput().getType()).getRank();
  if (getAxis() < -rank || getAxis() >= rank)
    return emitOpError("axis ") << getAxis() << " is out of range for rank "
                                << rank;
  return success();
}
