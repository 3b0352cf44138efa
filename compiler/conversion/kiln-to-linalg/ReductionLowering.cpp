//===- ReductionLowering.cpp - Reductions to linalg.generic ---------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

enum class Combiner { Sum, Max, Min };

Value combine(OpBuilder &b, Location loc, Combiner kind, Value acc, Value x) {
  switch (kind) {
  case Combiner::Sum:
    return floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, acc, x);
  case Combiner::Max:
    return floatOrInt<arith::MaximumFOp, arith::MaxSIOp>(b, loc, acc, x);
  case Combiner::Min:
    return floatOrInt<arith::MinimumFOp, arith::MinSIOp>(b, loc, acc, x);
  }
  llvm_unreachable("unknown combiner");
}

TypedAttr identityOf(OpBuilder &b, Combiner kind, Type elementType) {
  switch (kind) {
  case Combiner::Sum:
    return scalarAttr(b, elementType, 0.0);
  case Combiner::Max:
    return lowestValue(b, elementType);
  case Combiner::Min:
    return highestValue(b, elementType);
  }
  llvm_unreachable("unknown combiner");
}

/// Reduces `input` over `axes` (normalized) without keeping them.
Value reduce(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
             Combiner kind) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<int64_t> keptDims;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    bool reduced = llvm::is_contained(axes, i);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (reduced)
      continue;
    shape.push_back(type.getDimSize(i));
    outExprs.push_back(b.getAffineDimExpr(i));
    keptDims.push_back(i);
  }
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  Value init = filledTensor(
      b, loc, resultType, identityOf(b, kind, type.getElementType()),
      [&](int64_t dim) { return dimSize(b, loc, input, keptDims[dim]); });
  SmallVector<AffineMap> maps = {
      b.getMultiDimIdentityMap(type.getRank()),
      AffineMap::get(type.getRank(), 0, outExprs, b.getContext())};
  return linalg::GenericOp::create(
             b, loc, resultType, input, init, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl,
                                       combine(nb, nl, kind, args[1], args[0]));
             })
      .getResult(0);
}

/// Divides every element of `sum` by the number of elements of `input`
/// along `axes`.
Value divideByCount(OpBuilder &b, Location loc, Value sum, Value input,
                    ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(sum.getType());
  Type elementType = type.getElementType();
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t axis : axes)
    count = arith::MulIOp::create(b, loc, count, dimSize(b, loc, input, axis));
  Value asInt = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  Value divisor = asInt;
  if (isa<FloatType>(elementType))
    divisor = arith::SIToFPOp::create(b, loc, elementType, asInt);
  else if (!elementType.isInteger(64))
    divisor = arith::TruncIOp::create(b, loc, elementType, asInt);
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = emptyTensor(
      b, loc, type, [&](int64_t dim) { return dimSize(b, loc, sum, dim); });
  return linalg::GenericOp::create(
             b, loc, type, sum, init, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value q =
                   isa<FloatType>(elementType)
                       ? (Value)arith::DivFOp::create(nb, nl, args[0], divisor)
                       : (Value)arith::DivSIOp::create(nb, nl, args[0],
                                                       divisor);
               linalg::YieldOp::create(nb, nl, q);
             })
      .getResult(0);
}

/// Re-inserts the reduced `axes` of `reduced` as size-1 dims, giving `type`
/// (keepdims). Each unit dim joins the group of the kept dim before it (or
/// after it, for leading ones); kept dynamic sizes come from `input`.
Value keepReducedDims(OpBuilder &b, Location loc, Value reduced, Value input,
                      ArrayRef<int64_t> axes, RankedTensorType type) {
  if (reduced.getType() == type)
    return reduced;
  if (cast<RankedTensorType>(reduced.getType()).getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, type, reduced,
                                         ArrayRef<ReassociationIndices>{});
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices leading;
  SmallVector<OpFoldResult> outputShape;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (llvm::is_contained(axes, i)) {
      outputShape.push_back(b.getIndexAttr(1));
      if (groups.empty())
        leading.push_back(i);
      else
        groups.back().push_back(i);
      continue;
    }
    outputShape.push_back(
        type.isDynamicDim(i)
            ? OpFoldResult(dimSize(b, loc, input, i))
            : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    groups.push_back(leading);
    groups.back().push_back(i);
    leading.clear();
  }
  return tensor::ExpandShapeOp::create(b, loc, type, reduced, groups,
                                       outputShape);
}

template <typename OpTy, Combiner kind, bool isMean = false>
struct ReductionToGeneric : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
    SmallVector<int64_t> axes;
    if (failed(normalizeAxes(loc, rank, op.getAxes(), axes)))
      return failure();
    Value result = reduce(rewriter, loc, input, axes, kind);
    if (isMean)
      result = divideByCount(rewriter, loc, result, input, axes);
    result = keepReducedDims(rewriter, loc, result, input, axes,
                             cast<RankedTensorType>(op.getType()));
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void kiln::populateReductionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ReductionToGeneric<ReduceSumOp, Combiner::Sum>,
               ReductionToGeneric<ReduceMeanOp, Combiner::Sum, true>,
               ReductionToGeneric<ReduceMaxOp, Combiner::Max>,
               ReductionToGeneric<ReduceMinOp, Combiner::Min>>(
      patterns.getContext());
}
