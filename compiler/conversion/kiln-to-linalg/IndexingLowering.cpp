//===- IndexingLowering.cpp - Gathers, arg-reductions, one_hot, cumsum ----===//
//
// Ops that read their input at computed positions lower to a linalg.generic
// over the result whose body computes the position and reads it with
// tensor.extract. Indices are wrapped (negative ones count from the end)
// and then clamped into the dimension, so no read goes out of bounds.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

int64_t normalized(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

SmallVector<utils::IteratorType> parallelIterators(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}

/// linalg.index for loop dimensions [first, first + count).
SmallVector<Value> loopIndices(OpBuilder &b, Location loc, int64_t first,
                               int64_t count) {
  SmallVector<Value> indices;
  for (int64_t i = first; i < first + count; ++i)
    indices.push_back(linalg::IndexOp::create(b, loc, i));
  return indices;
}

struct GatherToGeneric : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    RankedTensorType type = op.getType();
    int64_t dataRank = cast<RankedTensorType>(data.getType()).getRank();
    int64_t indicesRank = cast<RankedTensorType>(indices.getType()).getRank();
    int64_t axis = normalized(op.getAxis(), dataRank);
    Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
      if (dim < axis)
        return dimSize(rewriter, loc, data, dim);
      if (dim < axis + indicesRank)
        return dimSize(rewriter, loc, indices, dim - axis);
      return dimSize(rewriter, loc, data, dim - indicesRank + 1);
    });
    Value axisSize = dimSize(rewriter, loc, data, axis);
    int64_t rank = type.getRank();
    SmallVector<AffineExpr> indexExprs;
    for (int64_t i = 0; i < indicesRank; ++i)
      indexExprs.push_back(rewriter.getAffineDimExpr(axis + i));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, indexExprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, indices, init, maps, parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> at = loopIndices(b, l, 0, axis);
          at.push_back(wrapAndClamp(b, l, args[0], axisSize));
          llvm::append_range(at, loopIndices(b, l, axis + indicesRank,
                                             dataRank - axis - 1));
          linalg::YieldOp::create(b, l,
                                  tensor::ExtractOp::create(b, l, data, at)
                                      .getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct GatherElementsToGeneric : OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis = normalized(op.getAxis(), rank);
    Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
      return dimSize(rewriter, loc, indices, dim);
    });
    Value axisSize = dimSize(rewriter, loc, data, axis);
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, indices, init, maps, parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> at = loopIndices(b, l, 0, rank);
          at[axis] = wrapAndClamp(b, l, args[0], axisSize);
          linalg::YieldOp::create(b, l,
                                  tensor::ExtractOp::create(b, l, data, at)
                                      .getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Inserts a unit dimension at `axis` of `reduced`, giving `type`; dynamic
/// sizes come from `input`, whose dimension `axis` was reduced.
Value insertUnitDim(OpBuilder &b, Location loc, Value reduced, Value input,
                    int64_t axis, RankedTensorType type) {
  if (type.getRank() == 1)
    return tensor::ExpandShapeOp::create(b, loc, type, reduced,
                                         ArrayRef<ReassociationIndices>{});
  SmallVector<ReassociationIndices> groups;
  SmallVector<OpFoldResult> outputShape;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    outputShape.push_back(
        type.isDynamicDim(i)
            ? OpFoldResult(dimSize(b, loc, input, i))
            : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    if (i == axis && axis > 0) {
      groups.back().push_back(i);
      continue;
    }
    if (i == axis + 1 && axis == 0) {
      groups.back().push_back(i);
      continue;
    }
    groups.push_back({i});
  }
  return tensor::ExpandShapeOp::create(b, loc, type, reduced, groups,
                                       outputShape);
}

/// Whether `x` should replace `best` as the arg-reduction's candidate.
Value replacesBest(OpBuilder &b, Location loc, Value x, Value best,
                   bool isMax, bool selectLast) {
  if (isa<FloatType>(x.getType())) {
    arith::CmpFPredicate order =
        isMax ? (selectLast ? arith::CmpFPredicate::OGE
                            : arith::CmpFPredicate::OGT)
              : (selectLast ? arith::CmpFPredicate::OLE
                            : arith::CmpFPredicate::OLT);
    Value better = arith::CmpFOp::create(b, loc, order, x, best);
    // A NaN wins over any number, and the first NaN stays.
    Value xIsNaN =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
    Value bestIsNumber =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ORD, best, best);
    Value nanWins = arith::AndIOp::create(b, loc, xIsNaN, bestIsNumber);
    return arith::OrIOp::create(b, loc, better, nanWins);
  }
  arith::CmpIPredicate order =
      isMax ? (selectLast ? arith::CmpIPredicate::sge
                          : arith::CmpIPredicate::sgt)
            : (selectLast ? arith::CmpIPredicate::sle
                          : arith::CmpIPredicate::slt);
  return arith::CmpIOp::create(b, loc, order, x, best);
}

/// A two-result reduction over `axis` carrying the best value and its index.
template <typename OpTy, bool isMax>
struct ArgReduceToGeneric : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();
    int64_t axis = normalized(op.getAxis(), rank);
    bool selectLast = op.getSelectLastIndex();

    SmallVector<int64_t> shape;
    SmallVector<AffineExpr> outExprs;
    SmallVector<int64_t> keptDims;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t i = 0; i < rank; ++i) {
      iterators.push_back(i == axis ? utils::IteratorType::reduction
                                    : utils::IteratorType::parallel);
      if (i == axis)
        continue;
      shape.push_back(inputType.getDimSize(i));
      outExprs.push_back(rewriter.getAffineDimExpr(i));
      keptDims.push_back(i);
    }
    auto sizeOf = [&](int64_t dim) {
      return dimSize(rewriter, loc, input, keptDims[dim]);
    };
    auto valueType = RankedTensorType::get(shape, elementType);
    auto indexType = RankedTensorType::get(shape, rewriter.getI64Type());
    TypedAttr initialBest = isMax ? lowestValue(rewriter, elementType)
                                  : highestValue(rewriter, elementType);
    Value bestInit =
        filledTensor(rewriter, loc, valueType, initialBest, sizeOf);
    Value indexInit = filledTensor(rewriter, loc, indexType,
                                   rewriter.getI64IntegerAttr(0), sizeOf);
    AffineMap outMap =
        AffineMap::get(rank, 0, outExprs, rewriter.getContext());
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   outMap, outMap};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valueType, indexType}, input,
        ValueRange{bestInit, indexInit}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value position = arith::IndexCastOp::create(
              b, l, b.getI64Type(), linalg::IndexOp::create(b, l, axis));
          Value take = replacesBest(b, l, x, best, isMax, selectLast);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, take, x, best),
                         arith::SelectOp::create(b, l, take, position,
                                                 bestIndex)});
        });
    Value result = generic.getResult(1);
    if (op.getKeepdims())
      result = insertUnitDim(rewriter, loc, result, input, axis, op.getType());
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct OneHotToGeneric : OpConversionPattern<OneHotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OneHotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value indices = adaptor.getIndices(), values = adaptor.getValues();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis = normalized(op.getAxis(), rank);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value off = tensor::ExtractOp::create(rewriter, loc, values, zero);
    Value on = tensor::ExtractOp::create(rewriter, loc, values, one);
    Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
      return dimSize(rewriter, loc, indices, dim < axis ? dim : dim - 1);
    });
    SmallVector<AffineExpr> indexExprs;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        indexExprs.push_back(rewriter.getAffineDimExpr(i));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, indexExprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    int64_t depth = op.getDepth();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, indices, init, maps, parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type i64 = b.getI64Type();
          Value index = args[0];
          if (isa<FloatType>(index.getType()))
            index = arith::FPToSIOp::create(b, l, i64, index);
          else if (index.getType() != i64)
            index = arith::ExtSIOp::create(b, l, i64, index);
          Value zero64 = arith::ConstantIntOp::create(b, l, i64, 0);
          Value depth64 = arith::ConstantIntOp::create(b, l, i64, depth);
          Value negative = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::slt, index, zero64);
          Value wrapped = arith::SelectOp::create(
              b, l, negative, arith::AddIOp::create(b, l, index, depth64),
              index);
          Value position = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axis));
          // Out-of-range indices match no position.
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                            wrapped, position);
          linalg::YieldOp::create(
              b, l,
              arith::SelectOp::create(b, l, hit, on, off).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// cumsum as a reduction over a second loop along the axis that adds the
/// elements on the included side of each output position; quadratic in the
/// axis length.
struct CumSumToGeneric : OpConversionPattern<CumSumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CumSumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    int64_t axis = normalized(op.getAxis(), rank);
    Value init = filledTensor(
        rewriter, loc, type, scalarAttr(rewriter, elementType, 0.0),
        [&](int64_t dim) { return dimSize(rewriter, loc, input, dim); });
    SmallVector<AffineExpr> inputExprs;
    for (int64_t i = 0; i < rank; ++i)
      inputExprs.push_back(rewriter.getAffineDimExpr(i == axis ? rank : i));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, inputExprs, rewriter.getContext()),
        AffineMap::getMultiDimIdentityMap(rank + 1, rewriter.getContext())
            .getMajorSubMap(rank)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(rank);
    iterators.push_back(utils::IteratorType::reduction);
    arith::CmpIPredicate side =
        op.getReverse()
            ? (op.getExclusive() ? arith::CmpIPredicate::ugt
                                 : arith::CmpIPredicate::uge)
            : (op.getExclusive() ? arith::CmpIPredicate::ult
                                 : arith::CmpIPredicate::ule);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, input, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value source = linalg::IndexOp::create(b, l, rank);
          Value target = linalg::IndexOp::create(b, l, axis);
          Value included = arith::CmpIOp::create(b, l, side, source, target);
          Value zero = arith::ConstantOp::create(
              b, l, scalarAttr(b, elementType, 0.0));
          Value term = arith::SelectOp::create(b, l, included, args[0], zero);
          linalg::YieldOp::create(
              b, l,
              floatOrInt<arith::AddFOp, arith::AddIOp>(b, l, args[1], term));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void kiln::populateIndexingLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherToGeneric, GatherElementsToGeneric,
               ArgReduceToGeneric<ArgMaxOp, /*isMax=*/true>,
               ArgReduceToGeneric<ArgMinOp, /*isMax=*/false>, OneHotToGeneric,
               CumSumToGeneric>(patterns.getContext());
}
