//===- AutodiffLowering.cpp - Gradient-control ops and masks to linalg ----===//
//
// stop_gradient, custom_gradient and grad_reverse are the identity in the
// forward pass: they are replaced by the value they return. greater_mask
// becomes a broadcasting linalg.generic, zeros_like a linalg.fill.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

/// Replaces an identity-forward op by its operand #`Index`.
template <typename OpTy, unsigned Index = 0>
struct ForwardOperand : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperands()[Index]);
    return success();
  }
};

struct ZerosLikeToFill : OpConversionPattern<ZerosLikeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ZerosLikeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Location loc = op.getLoc();
    Value zeros = filledTensor(
        rewriter, loc, type, scalarAttr(rewriter, type.getElementType(), 0.0),
        [&](int64_t dim) { return dimSize(rewriter, loc, adaptor.getInput(), dim); });
    rewriter.replaceOp(op, zeros);
    return success();
  }
};

struct GreaterMaskToGeneric : OpConversionPattern<GreaterMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GreaterMaskOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> resultShape = resultType.getShape();
    SmallVector<Value> operands(adaptor.getOperands());
    auto dynamicSizeOf = [&](int64_t dim) -> Value {
      for (Value operand : operands) {
        auto type = cast<RankedTensorType>(operand.getType());
        int64_t at = dim - (resultType.getRank() - type.getRank());
        if (at >= 0 && type.isDynamicDim(at))
          return dimSize(rewriter, loc, operand, at);
      }
      llvm_unreachable("dynamic result dim without a dynamic operand dim");
    };
    Value init = emptyTensor(rewriter, loc, resultType, dynamicSizeOf);
    SmallVector<AffineMap> maps;
    for (Value operand : operands)
      maps.push_back(broadcastMap(
          op.getContext(), cast<RankedTensorType>(operand.getType()).getShape(),
          resultShape));
    maps.push_back(rewriter.getMultiDimIdentityMap(resultShape.size()));
    SmallVector<utils::IteratorType> iterators(resultShape.size(),
                                               utils::IteratorType::parallel);
    Type elementType = resultType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, operands, init, maps, iterators,
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value greater = arith::CmpFOp::create(
              b, nested, arith::CmpFPredicate::OGT, args[0], args[1]);
          Value one = arith::ConstantOp::create(
              b, nested, scalarAttr(b, elementType, 1.0));
          Value zero = arith::ConstantOp::create(
              b, nested, scalarAttr(b, elementType, 0.0));
          linalg::YieldOp::create(
              b, nested,
              arith::SelectOp::create(b, nested, greater, one, zero)
                  .getResult());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void kiln::populateAutodiffLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ForwardOperand<StopGradientOp>, ForwardOperand<GradReverseOp>,
               ForwardOperand<CustomGradientOp, 0>, ZerosLikeToFill,
               GreaterMaskToGeneric>(patterns.getContext());
}
