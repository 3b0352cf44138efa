//===- AutodiffLowering.cpp - Gradient-control ops and masks to linalg ----===//
//
// stop_gradient, custom_gradient and grad_reverse are the identity in the
// forward pass: they are replaced by the value they return. greater_mask
// becomes a broadcasting linalg.generic, zeros_like a linalg.fill.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/ElementwiseGeneric.h"
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

/// greater_mask's scalar body: 1 where lhs > rhs, else 0.
Value greaterMaskBody(GreaterMaskOp op, OpBuilder &b, Location loc,
                      ValueRange args) {
  Type elementType = cast<RankedTensorType>(op.getType()).getElementType();
  Value greater = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                        args[0], args[1]);
  Value one = arith::ConstantOp::create(b, loc, scalarAttr(b, elementType, 1.0));
  Value zero =
      arith::ConstantOp::create(b, loc, scalarAttr(b, elementType, 0.0));
  return arith::SelectOp::create(b, loc, greater, one, zero);
}

} // namespace

void kiln::populateAutodiffLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ForwardOperand<StopGradientOp>, ForwardOperand<GradReverseOp>,
               ForwardOperand<CustomGradientOp, 0>, ZerosLikeToFill,
               ElementwiseToGeneric<GreaterMaskOp, greaterMaskBody>>(
      patterns.getContext());
}
