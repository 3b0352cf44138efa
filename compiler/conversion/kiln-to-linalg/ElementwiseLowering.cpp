//===- ElementwiseLowering.cpp - Elementwise kiln ops to linalg.generic ---===//
//
// Each elementwise op becomes one linalg.generic over the result's shape; an
// operand of lower rank or with size-1 dimensions is read through a
// broadcasting indexing map. The scalar body is built per op below.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

Value constantLike(OpBuilder &b, Location loc, Value like, double value) {
  return arith::ConstantOp::create(b, loc,
                                   scalarAttr(b, like.getType(), value));
}

// Binary ops: float or integer.
Value scalarOf(AddOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, x, y);
}
Value scalarOf(SubOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::SubFOp, arith::SubIOp>(b, loc, x, y);
}
Value scalarOf(MulOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::MulFOp, arith::MulIOp>(b, loc, x, y);
}
Value scalarOf(DivOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::DivFOp, arith::DivSIOp>(b, loc, x, y);
}
Value scalarOf(PowOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<math::PowFOp, math::IPowIOp>(b, loc, x, y);
}
Value scalarOf(MaxOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::MaximumFOp, arith::MaxSIOp>(b, loc, x, y);
}
Value scalarOf(MinOp, OpBuilder &b, Location loc, Value x, Value y) {
  return floatOrInt<arith::MinimumFOp, arith::MinSIOp>(b, loc, x, y);
}

// Unary ops and activations: float.
Value scalarOf(NegOp, OpBuilder &b, Location loc, Value x) {
  return arith::NegFOp::create(b, loc, x);
}
Value scalarOf(AbsOp, OpBuilder &b, Location loc, Value x) {
  return math::AbsFOp::create(b, loc, x);
}
Value scalarOf(SqrtOp, OpBuilder &b, Location loc, Value x) {
  return math::SqrtOp::create(b, loc, x);
}
Value scalarOf(ExpOp, OpBuilder &b, Location loc, Value x) {
  return math::ExpOp::create(b, loc, x);
}
Value scalarOf(LogOp, OpBuilder &b, Location loc, Value x) {
  return math::LogOp::create(b, loc, x);
}
Value scalarOf(TanhOp, OpBuilder &b, Location loc, Value x) {
  return math::TanhOp::create(b, loc, x);
}
Value scalarOf(ReluOp, OpBuilder &b, Location loc, Value x) {
  return arith::MaximumFOp::create(b, loc, x, constantLike(b, loc, x, 0.0));
}
Value scalarOf(SigmoidOp, OpBuilder &b, Location loc, Value x) {
  Value one = constantLike(b, loc, x, 1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}
/// softplus(x) = max(x, 0) + log1p(exp(-|x|)), which does not overflow.
Value scalarOf(SoftplusOp, OpBuilder &b, Location loc, Value x) {
  Value zero = constantLike(b, loc, x, 0.0);
  Value negAbs = arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
  Value tail =
      math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, negAbs));
  return arith::AddFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, x, zero), tail);
}
Value positiveOr(OpBuilder &b, Location loc, Value x, Value otherwise) {
  Value zero = constantLike(b, loc, x, 0.0);
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  return arith::SelectOp::create(b, loc, positive, x, otherwise);
}
Value scalarOf(LeakyReluOp op, OpBuilder &b, Location loc, Value x) {
  Value alpha = constantLike(b, loc, x, op.getAlpha().convertToDouble());
  return positiveOr(b, loc, x, arith::MulFOp::create(b, loc, alpha, x));
}
Value scalarOf(EluOp op, OpBuilder &b, Location loc, Value x) {
  Value alpha = constantLike(b, loc, x, op.getAlpha().convertToDouble());
  Value expm1 = math::ExpM1Op::create(b, loc, x);
  return positiveOr(b, loc, x, arith::MulFOp::create(b, loc, alpha, expm1));
}

/// Lowers an elementwise op with N operands to a broadcasting linalg.generic.
template <typename OpTy>
struct ElementwiseToGeneric : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> resultShape = resultType.getShape();
    SmallVector<Value> operands(adaptor.getOperands());
    MLIRContext *context = op.getContext();

    // A dynamic result dim takes its size from an operand that has it.
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
          context, cast<RankedTensorType>(operand.getType()).getShape(),
          resultShape));
    maps.push_back(rewriter.getMultiDimIdentityMap(resultShape.size()));
    SmallVector<utils::IteratorType> iterators(resultShape.size(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, operands, init, maps, iterators,
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value result;
          if constexpr (OpTy::template hasTrait<
                            OpTrait::SameOperandsAndResultType>())
            result = scalarOf(op, b, nested, args[0]);
          else
            result = scalarOf(op, b, nested, args[0], args[1]);
          linalg::YieldOp::create(b, nested, result);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void kiln::populateElementwiseLoweringPatterns(RewritePatternSet &patterns) {
  patterns
      .add<ElementwiseToGeneric<AddOp>, ElementwiseToGeneric<SubOp>,
           ElementwiseToGeneric<MulOp>, ElementwiseToGeneric<DivOp>,
           ElementwiseToGeneric<PowOp>, ElementwiseToGeneric<MaxOp>,
           ElementwiseToGeneric<MinOp>, ElementwiseToGeneric<NegOp>,
           ElementwiseToGeneric<AbsOp>, ElementwiseToGeneric<SqrtOp>,
           ElementwiseToGeneric<ExpOp>, ElementwiseToGeneric<LogOp>,
           ElementwiseToGeneric<TanhOp>, ElementwiseToGeneric<ReluOp>,
           ElementwiseToGeneric<SigmoidOp>, ElementwiseToGeneric<SoftplusOp>,
           ElementwiseToGeneric<LeakyReluOp>, ElementwiseToGeneric<EluOp>>(
          patterns.getContext());
}
