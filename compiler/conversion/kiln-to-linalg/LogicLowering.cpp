//===- LogicLowering.cpp - Casts, comparisons and logic to linalg ---------===//
//
// Casts, comparisons, boolean logic and select become broadcasting
// linalg.generic ops (ElementwiseGeneric.h) with an arith body.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/ElementwiseGeneric.h"
#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

namespace {

Value zeroOf(OpBuilder &b, Location loc, Type type) {
  return arith::ConstantOp::create(b, loc, scalarAttr(b, type, 0.0));
}

/// Converts the scalar `x` to `to` (see kiln.cast).
Value convertScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  if (to.isInteger(1)) {
    Value zero = zeroOf(b, loc, from);
    if (isa<FloatType>(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x, zero);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x, zero);
  }
  if (auto fromFloat = dyn_cast<FloatType>(from)) {
    if (auto toFloat = dyn_cast<FloatType>(to)) {
      if (toFloat.getWidth() > fromFloat.getWidth())
        return arith::ExtFOp::create(b, loc, to, x);
      return arith::TruncFOp::create(b, loc, to, x);
    }
    return arith::FPToSIOp::create(b, loc, to, x);
  }
  // From an integer; i1 is unsigned (true is 1).
  bool isBool = from.isInteger(1);
  if (isa<FloatType>(to)) {
    if (isBool)
      return arith::UIToFPOp::create(b, loc, to, x);
    return arith::SIToFPOp::create(b, loc, to, x);
  }
  if (to.getIntOrFloatBitWidth() < from.getIntOrFloatBitWidth())
    return arith::TruncIOp::create(b, loc, to, x);
  if (isBool)
    return arith::ExtUIOp::create(b, loc, to, x);
  return arith::ExtSIOp::create(b, loc, to, x);
}

Value castBody(CastOp op, OpBuilder &b, Location loc, ValueRange args) {
  return convertScalar(b, loc, args[0], op.getTo());
}

/// A comparison: ordered on floats, signed on integers, unsigned on i1.
template <typename OpTy, arith::CmpFPredicate FloatPredicate,
          arith::CmpIPredicate SignedPredicate,
          arith::CmpIPredicate UnsignedPredicate>
Value compareBody(OpTy, OpBuilder &b, Location loc, ValueRange args) {
  Type type = args[0].getType();
  if (isa<FloatType>(type))
    return arith::CmpFOp::create(b, loc, FloatPredicate, args[0], args[1]);
  return arith::CmpIOp::create(
      b, loc, type.isInteger(1) ? UnsignedPredicate : SignedPredicate, args[0],
      args[1]);
}

template <typename OpTy, arith::CmpFPredicate F, arith::CmpIPredicate S,
          arith::CmpIPredicate U>
using CompareLowering = ElementwiseToGeneric<OpTy, compareBody<OpTy, F, S, U>>;

using P = arith::CmpIPredicate;
using FP = arith::CmpFPredicate;

template <typename OpTy, typename ArithOp>
Value binaryBody(OpTy, OpBuilder &b, Location loc, ValueRange args) {
  return ArithOp::create(b, loc, args[0], args[1]);
}

Value selectBody(SelectOp, OpBuilder &b, Location loc, ValueRange args) {
  return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
}

Value notBody(NotOp, OpBuilder &b, Location loc, ValueRange args) {
  Value one = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
  return arith::XOrIOp::create(b, loc, args[0], one);
}

} // namespace

void kiln::populateLogicLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ElementwiseToGeneric<CastOp, castBody>,
               CompareLowering<EqualOp, FP::OEQ, P::eq, P::eq>,
               CompareLowering<LessOp, FP::OLT, P::slt, P::ult>,
               CompareLowering<LessEqualOp, FP::OLE, P::sle, P::ule>,
               CompareLowering<GreaterOp, FP::OGT, P::sgt, P::ugt>,
               CompareLowering<GreaterEqualOp, FP::OGE, P::sge, P::uge>,
               ElementwiseToGeneric<AndOp, binaryBody<AndOp, arith::AndIOp>>,
               ElementwiseToGeneric<OrOp, binaryBody<OrOp, arith::OrIOp>>,
               ElementwiseToGeneric<XorOp, binaryBody<XorOp, arith::XOrIOp>>,
               ElementwiseToGeneric<NotOp, notBody>,
               ElementwiseToGeneric<SelectOp, selectBody>>(
      patterns.getContext());
}
