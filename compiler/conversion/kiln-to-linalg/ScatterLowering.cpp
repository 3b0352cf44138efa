//===- ScatterLowering.cpp - scatter_add and scatter_add_elements ---------===//
//
// A scatter-add writes at computed positions, which a linalg.generic (whose
// outputs are indexed by affine maps) cannot express. It lowers to a loop
// nest over the updates that carries the result tensor (a copy of the
// target): each iteration reads one update, adds it at its target position
// and inserts the sum, which bufferizes to an in-place update of one buffer. The work is linear
// in the number of updates, so an embedding's gradient costs what its
// lookup does. Indices are wrapped and clamped as the gathers do.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

/// The target position of the update at `at`.
using TargetPosition = function_ref<SmallVector<Value>(
    OpBuilder &, Location, ValueRange at, Value axisSize)>;

/// A copy of `tensor` into a new one: the loops update the result in place,
/// and must not write into the target's buffer (a function argument, say).
Value freshCopy(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  Value init = emptyTensor(b, loc, type, [&](int64_t dim) {
    return dimSize(b, loc, tensor, dim);
  });
  // A linalg.copy: the canonicalizer would fold an identity linalg.generic
  // back to `tensor`.
  return linalg::CopyOp::create(b, loc, tensor, init).getResult(0);
}

Value scatterLoops(OpBuilder &b, Location loc, Value target, Value updates,
                   int64_t axis, TargetPosition position) {
  int64_t rank = cast<RankedTensorType>(updates.getType()).getRank();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value> lower(rank, zero), steps(rank, one), upper;
  for (int64_t d = 0; d < rank; ++d)
    upper.push_back(dimSize(b, loc, updates, d));
  Value axisSize = dimSize(b, loc, target, axis);
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, lower, upper, steps, ValueRange{freshCopy(b, loc, target)},
      [&](OpBuilder &nb, Location l, ValueRange at,
          ValueRange carried) -> scf::ValueVector {
        Value update = tensor::ExtractOp::create(nb, l, updates, at);
        SmallVector<Value> to = position(nb, l, at, axisSize);
        Value old = tensor::ExtractOp::create(nb, l, carried[0], to);
        Value sum = arith::AddFOp::create(nb, l, old, update);
        return {tensor::InsertOp::create(nb, l, sum, carried[0], to)};
      });
  return nest.results.front();
}

struct ScatterAddToLoops : OpConversionPattern<ScatterAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value indices = adaptor.getIndices();
    int64_t rank = op.getType().getRank();
    int64_t indicesRank = cast<RankedTensorType>(indices.getType()).getRank();
    int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
    Value result = scatterLoops(
        rewriter, op.getLoc(), adaptor.getTarget(), adaptor.getUpdates(), axis,
        [&](OpBuilder &b, Location l, ValueRange at, Value axisSize) {
          SmallVector<Value> to(at.take_front(axis));
          Value raw = tensor::ExtractOp::create(
              b, l, indices, at.slice(axis, indicesRank));
          to.push_back(wrapAndClamp(b, l, raw, axisSize));
          llvm::append_range(to, at.drop_front(axis + indicesRank));
          return to;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ScatterAddElementsToLoops : OpConversionPattern<ScatterAddElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterAddElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value indices = adaptor.getIndices();
    int64_t rank = op.getType().getRank();
    int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
    Value result = scatterLoops(
        rewriter, op.getLoc(), adaptor.getTarget(), adaptor.getUpdates(), axis,
        [&](OpBuilder &b, Location l, ValueRange at, Value axisSize) {
          SmallVector<Value> to(at);
          Value raw = tensor::ExtractOp::create(b, l, indices, at);
          to[axis] = wrapAndClamp(b, l, raw, axisSize);
          return to;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void kiln::populateScatterLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ScatterAddToLoops, ScatterAddElementsToLoops>(
      patterns.getContext());
}
