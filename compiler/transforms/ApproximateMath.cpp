//===- ApproximateMath.cpp - Vectorizable float32 math --------------------===//
//
// Rewrites float32 transcendental math ops (scalar or vector) into MLIR's
// polynomial approximations: plain arithmetic that stays in vector
// registers. Without this, LLVM scalarizes a vector math.exp or math.tanh
// into one libm call per lane. Float64 ops are left to libm.
//
// Accuracy (results of at least FLT_MIN within a few ulp; smaller results
// within FLT_MIN, as exp flushes them to zero), measured against NumPy in
// float64 over wide ranges with ±inf, NaN and denormals
// (test/e2e/math/vector-math.test): docs/performance.md.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include <cmath>
#include <limits>

namespace kiln {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// The math ops replaced by approximations. sin, cos and atan are not:
/// MLIR's versions lose accuracy away from small arguments.
bool isApproximated(StringRef opName) {
  static constexpr StringLiteral kApproximated[] = {
      "math.exp",  "math.expm1", "math.log", "math.log1p",
      "math.log2", "math.tanh",  "math.erf", "math.erfc"};
  return llvm::is_contained(kApproximated, opName);
}

bool hasFloat32Result(Operation *op) {
  return op->getNumResults() == 1 &&
         getElementTypeOrSelf(op->getResult(0).getType()).isF32();
}

Value splat(OpBuilder &b, Location loc, Type type, float value) {
  Attribute scalar = b.getF32FloatAttr(value);
  if (auto shaped = dyn_cast<ShapedType>(type))
    return arith::ConstantOp::create(b, loc,
                                     SplatElementsAttr::get(shaped, scalar));
  return arith::ConstantOp::create(b, loc, type, cast<TypedAttr>(scalar));
}

/// MLIR's log approximations read a denormal argument as the smallest
/// normal float (an error of up to 16 in the result). Denormals are scaled
/// by 2^24 first and the logarithm of the scale subtracted after:
///   log(x) = log(x * 2^24) - 24 log(2)   for 0 <= x < FLT_MIN.
/// Returns the new log op, for the approximation.
Operation *scaleDenormalArgument(Operation *log) {
  OpBuilder b(log);
  Location loc = log->getLoc();
  Value x = log->getOperand(0);
  Type type = x.getType();
  Value isDenormal = arith::CmpFOp::create(
      b, loc, arith::CmpFPredicate::OLT, x,
      splat(b, loc, type, std::numeric_limits<float>::min()));
  Value scaled = arith::SelectOp::create(
      b, loc, isDenormal,
      arith::MulFOp::create(b, loc, x, splat(b, loc, type, 0x1p24f)), x);
  Operation *scaledLog = b.clone(*log);
  scaledLog->setOperand(0, scaled);
  float logOfScale =
      isa<math::Log2Op>(log) ? 24.0f : static_cast<float>(24 * M_LN2);
  Value correction = arith::SelectOp::create(b, loc, isDenormal,
                                             splat(b, loc, type, logOfScale),
                                             splat(b, loc, type, 0.0f));
  Value result =
      arith::SubFOp::create(b, loc, scaledLog->getResult(0), correction);
  log->getResult(0).replaceAllUsesWith(result);
  log->erase();
  return scaledLog;
}

struct ApproximateMathPass
    : kiln::impl::ApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    // Only the selected ops and what their rewrites create: a greedy rewrite
    // of the whole function would also fold and simplify unrelated code.
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isApproximated(op->getName().getStringRef()) && hasFloat32Result(op))
        ops.push_back(op);
    });
    for (Operation *&op : ops)
      if (isa<math::LogOp, math::Log2Op>(op))
        op = scaleDenormalArgument(op);
    if (ops.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, isApproximated);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    config.enableFolding(false);
    if (failed(applyOpPatternsGreedily(ops, std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace
