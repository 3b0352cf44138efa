//===- IndexingGradients.cpp - Gradient rules of indexing ops -------------===//
//
// The vector-Jacobian products of tile, depth_to_space / space_to_depth,
// one_hot, the gathers and the scatter-adds, called from the `gradient`
// fields of KilnIndexingOps.td and KilnScatterOps.td. Index operands never
// receive a gradient.
//
//===----------------------------------------------------------------------===//

#include "dialects/kiln/GradientEmitter.h"
#include "dialects/kiln/ShapedValues.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

namespace {

} // namespace

/// Each input element was copied once per tile: the gradient sums the
/// tiles. dy is viewed as [r0, s0, r1, s1, ...] (a dimension repeated once
/// is not split) and summed over the repeat dimensions.
LogicalResult gradients::tile(GradientEmitter &g, ArrayRef<int64_t> repeats) {
  ArrayRef<int64_t> inputShape = shapeOf(g.x());
  SmallVector<int64_t> split, repeatAxes;
  for (auto [size, repeat] : llvm::zip_equal(inputShape, repeats)) {
    if (repeat == 1) {
      split.push_back(size);
      continue;
    }
    if (ShapedType::isDynamic(size))
      return g.op()->emitOpError(
          "gradient: needs a static size where the repeat is not 1");
    repeatAxes.push_back(split.size());
    split.push_back(repeat);
    split.push_back(size);
  }
  if (repeatAxes.empty())
    return g.grads({g.dy()});
  Value view = reshapeTo(g.builder(), g.loc(), g.dy(), split);
  if (!view)
    return g.op()->emitOpError(
        "gradient: needs at most one dynamic dimension");
  Value summed =
      ReduceSumOp::create(g.builder(), g.loc(), view, repeatAxes, false);
  return g.grads({g.wrap(summed)});
}

/// depth_to_space and space_to_depth permute elements; each one's gradient
/// is the other, with the same block size and mode.
LogicalResult gradients::blockRearrange(GradientEmitter &g, bool toSpace,
                                        int64_t blocksize, StringRef mode) {
  Value inverse =
      toSpace ? Value(SpaceToDepthOp::create(g.builder(), g.loc(), g.dy(),
                                             blocksize, mode))
              : Value(DepthToSpaceOp::create(g.builder(), g.loc(), g.dy(),
                                             blocksize, mode));
  return g.grads({g.wrap(inverse)});
}

/// No gradient reaches the indices. `values` is [off, on]: `on` collects dy
/// where the one-hot mask is 1, `off` everywhere else.
LogicalResult gradients::oneHot(GradientEmitter &g, int64_t depth,
                                int64_t axis) {
  OpBuilder &b = g.builder();
  Location loc = g.loc();
  auto valuesType = cast<RankedTensorType>(g.x(1).value.getType());
  if (!isa<FloatType>(valuesType.getElementType()))
    return g.grads({GradExpr(), GradExpr()});
  Type elementType = valuesType.getElementType();
  auto maskValues = DenseElementsAttr::get(
      valuesType, ArrayRef<Attribute>{b.getFloatAttr(elementType, 0.0),
                                      b.getFloatAttr(elementType, 1.0)});
  Value mask = OneHotOp::create(b, loc, g.x(0),
                                ConstantOp::create(b, loc, maskValues), depth,
                                axis);
  auto allAxes = llvm::to_vector(llvm::seq<int64_t>(0, shapeOf(mask).size()));
  GradExpr on = g.wrap(ReduceSumOp::create(b, loc, g.dy() * g.wrap(mask),
                                           allAxes, false));
  GradExpr total = g.wrap(ReduceSumOp::create(b, loc, g.dy(), allAxes, false));
  GradExpr off = total - on;
  Value pair = ConcatOp::create(
      b, loc,
      ValueRange{reshapeTo(b, loc, off, {1}), reshapeTo(b, loc, on, {1})}, 0);
  return g.grads({GradExpr(), g.wrap(pair)});
}

/// dy is added back at the rows it was gathered from (embedding gradient).
LogicalResult gradients::gather(GradientEmitter &g, int64_t axis) {
  Value zeros = zerosLike(g.builder(), g.loc(), g.x(0));
  Value scattered =
      ScatterAddOp::create(g.builder(), g.loc(), zeros, g.x(1), g.dy(), axis);
  return g.grads({g.wrap(scattered), GradExpr()});
}

LogicalResult gradients::gatherElements(GradientEmitter &g, int64_t axis) {
  Value zeros = zerosLike(g.builder(), g.loc(), g.x(0));
  Value scattered = ScatterAddElementsOp::create(g.builder(), g.loc(), zeros,
                                                 g.x(1), g.dy(), axis);
  return g.grads({g.wrap(scattered), GradExpr()});
}

/// The target passes dy through; each update receives dy at the position it
/// was added to: a gather.
LogicalResult gradients::scatterAdd(GradientEmitter &g, int64_t axis) {
  Value gathered = GatherOp::create(g.builder(), g.loc(), g.dy(), g.x(1), axis);
  return g.grads({g.dy(), GradExpr(), g.wrap(gathered)});
}

LogicalResult gradients::scatterAddElements(GradientEmitter &g, int64_t axis) {
  Value gathered =
      GatherElementsOp::create(g.builder(), g.loc(), g.dy(), g.x(1), axis);
  return g.grads({g.dy(), GradExpr(), g.wrap(gathered)});
}
