//===- MathLowering.cpp - Elementwise math and activations to linalg ------===//
//
// Each op is one table entry at the end of this file: a broadcasting
// linalg.generic (ElementwiseGeneric.h) whose scalar body is one math dialect
// op or a short arith/math expression.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/ElementwiseGeneric.h"
#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace kiln;

namespace {

Value constantLike(OpBuilder &b, Location loc, Value like, double value) {
  return arith::ConstantOp::create(b, loc,
                                   scalarAttr(b, like.getType(), value));
}

Value constantLike(OpBuilder &b, Location loc, Value like,
                   const APFloat &value) {
  return constantLike(b, loc, like, value.convertToDouble());
}

/// The op is one math dialect op.
template <typename OpTy, typename MathOp>
Value mathBody(OpTy, OpBuilder &b, Location loc, ValueRange args) {
  return MathOp::create(b, loc, args[0]);
}

template <typename OpTy, typename MathOp>
using ToMath = ElementwiseToGeneric<OpTy, mathBody<OpTy, MathOp>>;

Value isPositive(OpBuilder &b, Location loc, Value x) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                               constantLike(b, loc, x, 0.0));
}

/// max(0, min(1, x)), NaN propagating.
Value clampToUnit(OpBuilder &b, Location loc, Value x) {
  Value below =
      arith::MinimumFOp::create(b, loc, x, constantLike(b, loc, x, 1.0));
  return arith::MaximumFOp::create(b, loc, below, constantLike(b, loc, x, 0.0));
}

Value reciprocalBody(ReciprocalOp, OpBuilder &b, Location loc,
                     ValueRange args) {
  return arith::DivFOp::create(b, loc, constantLike(b, loc, args[0], 1.0),
                               args[0]);
}

Value softsignBody(SoftsignOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value denominator = arith::AddFOp::create(
      b, loc, constantLike(b, loc, x, 1.0), math::AbsFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, x, denominator);
}

Value hardSigmoidBody(HardSigmoidOp op, OpBuilder &b, Location loc,
                      ValueRange args) {
  Value x = args[0];
  Value scaled =
      arith::MulFOp::create(b, loc, constantLike(b, loc, x, op.getAlpha()), x);
  return clampToUnit(
      b, loc,
      arith::AddFOp::create(b, loc, scaled,
                            constantLike(b, loc, x, op.getBeta())));
}

Value hardSwishBody(HardSwishOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value scaled =
      arith::MulFOp::create(b, loc, x, constantLike(b, loc, x, 1.0 / 6.0));
  Value gate = clampToUnit(
      b, loc,
      arith::AddFOp::create(b, loc, scaled, constantLike(b, loc, x, 0.5)));
  return arith::MulFOp::create(b, loc, x, gate);
}

Value seluBody(SeluOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value negative =
      arith::MulFOp::create(b, loc, constantLike(b, loc, x, op.getAlpha()),
                            math::ExpM1Op::create(b, loc, x));
  Value elu =
      arith::SelectOp::create(b, loc, isPositive(b, loc, x), x, negative);
  return arith::MulFOp::create(b, loc, constantLike(b, loc, x, op.getGamma()),
                               elu);
}

Value celuBody(CeluOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value zero = constantLike(b, loc, x, 0.0);
  Value alpha = constantLike(b, loc, x, op.getAlpha());
  Value expm1 =
      math::ExpM1Op::create(b, loc, arith::DivFOp::create(b, loc, x, alpha));
  Value negative = arith::MinimumFOp::create(
      b, loc, zero, arith::MulFOp::create(b, loc, alpha, expm1));
  return arith::AddFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, zero, x), negative);
}

Value thresholdedReluBody(ThresholdedReluOp op, OpBuilder &b, Location loc,
                          ValueRange args) {
  Value x = args[0];
  Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                      constantLike(b, loc, x, op.getAlpha()));
  return arith::SelectOp::create(b, loc, above, x,
                                 constantLike(b, loc, x, 0.0));
}

/// 1 where x > 0, -1 where x < 0, else x itself (zero, or NaN).
Value signBody(SignOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value zero = constantLike(b, loc, x, 0.0);
  Value positive, negative;
  if (isa<FloatType>(x.getType())) {
    positive =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
    negative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
  } else {
    positive =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x, zero);
    negative =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, zero);
  }
  Value nonPositive = arith::SelectOp::create(b, loc, negative,
                                              constantLike(b, loc, x, -1.0), x);
  return arith::SelectOp::create(b, loc, positive, constantLike(b, loc, x, 1.0),
                                 nonPositive);
}

Value isNanBody(IsNanOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, args[0],
                               args[0]);
}

Value isInfBody(IsInfOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  auto type = cast<FloatType>(x.getType());
  auto equalsInf = [&](bool negative) -> Value {
    Value inf = arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(type,
                       APFloat::getInf(type.getFloatSemantics(), negative)));
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x, inf);
  };
  Value result;
  if (op.getDetectPositive())
    result = equalsInf(/*negative=*/false);
  if (op.getDetectNegative()) {
    Value negative = equalsInf(/*negative=*/true);
    result = result ? arith::OrIOp::create(b, loc, result, negative) : negative;
  }
  if (!result)
    result = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
  return result;
}

/// The remainder of x / y: truncated (sign of x) with `fmod`, else floored
/// (sign of y), which adds y to a non-zero truncated remainder whose sign
/// differs from y's.
Value modBody(ModOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], y = args[1];
  Value remainder = floatOrInt<arith::RemFOp, arith::RemSIOp>(b, loc, x, y);
  if (op.getFmod())
    return remainder;
  Value zero = constantLike(b, loc, x, 0.0);
  Value nonZero, remainderNegative, divisorNegative;
  if (isa<FloatType>(x.getType())) {
    auto compare = [&](arith::CmpFPredicate predicate, Value lhs, Value rhs) {
      return arith::CmpFOp::create(b, loc, predicate, lhs, rhs);
    };
    nonZero = compare(arith::CmpFPredicate::ONE, remainder, zero);
    remainderNegative = compare(arith::CmpFPredicate::OLT, remainder, zero);
    divisorNegative = compare(arith::CmpFPredicate::OLT, y, zero);
  } else {
    auto compare = [&](arith::CmpIPredicate predicate, Value lhs, Value rhs) {
      return arith::CmpIOp::create(b, loc, predicate, lhs, rhs);
    };
    nonZero = compare(arith::CmpIPredicate::ne, remainder, zero);
    remainderNegative = compare(arith::CmpIPredicate::slt, remainder, zero);
    divisorNegative = compare(arith::CmpIPredicate::slt, y, zero);
  }
  Value signsDiffer =
      arith::XOrIOp::create(b, loc, remainderNegative, divisorNegative);
  Value adjust = arith::AndIOp::create(b, loc, nonZero, signsDiffer);
  Value adjusted =
      floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, remainder, y);
  return arith::SelectOp::create(b, loc, adjust, adjusted, remainder);
}

template <typename OpTy, Value (*Body)(OpTy, OpBuilder &, Location, ValueRange)>
using Lowered = ElementwiseToGeneric<OpTy, Body>;

} // namespace

void kiln::populateMathLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ToMath<ErfOp, math::ErfOp>, ToMath<FloorOp, math::FloorOp>,
               ToMath<CeilOp, math::CeilOp>, ToMath<RoundOp, math::RoundEvenOp>,
               ToMath<SinOp, math::SinOp>, ToMath<CosOp, math::CosOp>,
               ToMath<TanOp, math::TanOp>, ToMath<AsinOp, math::AsinOp>,
               ToMath<AcosOp, math::AcosOp>, ToMath<AtanOp, math::AtanOp>,
               ToMath<SinhOp, math::SinhOp>, ToMath<CoshOp, math::CoshOp>,
               ToMath<AsinhOp, math::AsinhOp>, ToMath<AcoshOp, math::AcoshOp>,
               ToMath<AtanhOp, math::AtanhOp>,
               Lowered<ReciprocalOp, reciprocalBody>,
               Lowered<SoftsignOp, softsignBody>,
               Lowered<HardSigmoidOp, hardSigmoidBody>,
               Lowered<HardSwishOp, hardSwishBody>, Lowered<SeluOp, seluBody>,
               Lowered<CeluOp, celuBody>,
               Lowered<ThresholdedReluOp, thresholdedReluBody>,
               Lowered<SignOp, signBody>, Lowered<IsNanOp, isNanBody>,
               Lowered<IsInfOp, isInfBody>, Lowered<ModOp, modBody>>(
      patterns.getContext());
}
