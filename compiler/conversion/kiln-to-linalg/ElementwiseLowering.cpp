//===- ElementwiseLowering.cpp - Elementwise kiln ops to linalg.generic ---===//
//
// Each elementwise op becomes one linalg.generic over the result's shape
// (ElementwiseGeneric.h); the scalar body is built per op below.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/ElementwiseGeneric.h"
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

// Negation and absolute value: float or integer.
Value scalarOf(NegOp, OpBuilder &b, Location loc, Value x) {
  if (isa<FloatType>(x.getType()))
    return arith::NegFOp::create(b, loc, x);
  return arith::SubIOp::create(b, loc, constantLike(b, loc, x, 0.0), x);
}
Value scalarOf(AbsOp, OpBuilder &b, Location loc, Value x) {
  if (isa<FloatType>(x.getType()))
    return math::AbsFOp::create(b, loc, x);
  Value negated =
      arith::SubIOp::create(b, loc, constantLike(b, loc, x, 0.0), x);
  return arith::MaxSIOp::create(b, loc, x, negated);
}

// Unary ops and activations: float.
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

/// The scalar body of a unary or binary op, from its scalarOf above.
template <typename OpTy>
Value scalarBody(OpTy op, OpBuilder &b, Location loc, ValueRange args) {
  if constexpr (OpTy::template hasTrait<OpTrait::SameOperandsAndResultType>())
    return scalarOf(op, b, loc, args[0]);
  else
    return scalarOf(op, b, loc, args[0], args[1]);
}

template <typename OpTy>
using Lowering = ElementwiseToGeneric<OpTy, scalarBody<OpTy>>;

} // namespace

void kiln::populateElementwiseLoweringPatterns(RewritePatternSet &patterns) {
  patterns
      .add<Lowering<AddOp>, Lowering<SubOp>, Lowering<MulOp>, Lowering<DivOp>,
           Lowering<PowOp>, Lowering<MaxOp>, Lowering<MinOp>, Lowering<NegOp>,
           Lowering<AbsOp>, Lowering<SqrtOp>, Lowering<ExpOp>, Lowering<LogOp>,
           Lowering<TanhOp>, Lowering<ReluOp>, Lowering<SigmoidOp>,
           Lowering<SoftplusOp>, Lowering<LeakyReluOp>, Lowering<EluOp>>(
          patterns.getContext());
}
