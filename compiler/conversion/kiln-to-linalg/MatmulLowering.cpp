//===- MatmulLowering.cpp - kiln.matmul to linalg -------------------------===//
//
// Rank-2 products become linalg.matmul, rank-3 products with equal batch
// dims linalg.batch_matmul, and anything else (broadcast batch dims) a
// contraction linalg.generic.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

/// Loops: result dims (batch..., m, n), then k. Operand maps broadcast batch.
Value buildGenericMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                         Value init, RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  int64_t numLoops = rank + 1;
  ArrayRef<int64_t> batchShape = resultType.getShape().drop_back(2);
  auto operandMap = [&](Value operand, AffineExpr row, AffineExpr col) {
    auto shape = cast<RankedTensorType>(operand.getType()).getShape();
    AffineMap batch = broadcastMap(ctx, shape.drop_back(2), batchShape);
    SmallVector<AffineExpr> exprs(batch.getResults());
    exprs.push_back(row);
    exprs.push_back(col);
    return AffineMap::get(numLoops, 0, exprs, ctx);
  };
  AffineExpr m = b.getAffineDimExpr(rank - 2), n = b.getAffineDimExpr(rank - 1),
             k = b.getAffineDimExpr(rank);
  SmallVector<AffineExpr> outExprs;
  for (int64_t i = 0; i < rank; ++i)
    outExprs.push_back(b.getAffineDimExpr(i));
  SmallVector<AffineMap> maps = {operandMap(lhs, m, k), operandMap(rhs, k, n),
                                 AffineMap::get(numLoops, 0, outExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, resultType, ValueRange{lhs, rhs}, init, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value product = floatOrInt<arith::MulFOp, arith::MulIOp>(
                   nb, nl, args[0], args[1]);
               linalg::YieldOp::create(nb, nl,
                                       floatOrInt<arith::AddFOp, arith::AddIOp>(
                                           nb, nl, args[2], product));
             })
      .getResult(0);
}

struct MatmulToLinalg : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    RankedTensorType resultType = op.getType();
    int64_t rank = resultType.getRank();
    auto dynamicSizeOf = [&](int64_t dim) -> Value {
      if (dim == rank - 1)
        return dimSize(rewriter, loc, rhs, rhsType.getRank() - 1);
      if (dim == rank - 2)
        return dimSize(rewriter, loc, lhs, lhsType.getRank() - 2);
      for (auto [value, type] : {std::pair{lhs, lhsType}, {rhs, rhsType}}) {
        int64_t at = dim - (rank - type.getRank());
        if (at >= 0 && type.isDynamicDim(at))
          return dimSize(rewriter, loc, value, at);
      }
      llvm_unreachable("dynamic batch dim without a dynamic operand dim");
    };
    Value init = filledTensor(
        rewriter, loc, resultType,
        scalarAttr(rewriter, resultType.getElementType(), 0.0), dynamicSizeOf);
    Value result;
    if (lhsType.getRank() == 2 && rhsType.getRank() == 2) {
      result =
          linalg::MatmulOp::create(rewriter, loc, ValueRange{lhs, rhs}, init)
              .getResult(0);
    } else if (lhsType.getRank() == 3 && rhsType.getRank() == 3 &&
               lhsType.getDimSize(0) == rhsType.getDimSize(0) &&
               lhsType.getDimSize(0) != 1) {
      result = linalg::BatchMatmulOp::create(rewriter, loc,
                                             ValueRange{lhs, rhs}, init)
                   .getResult(0);
    } else {
      result = buildGenericMatmul(rewriter, loc, lhs, rhs, init, resultType);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void kiln::populateMatmulLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulToLinalg>(patterns.getContext());
}
