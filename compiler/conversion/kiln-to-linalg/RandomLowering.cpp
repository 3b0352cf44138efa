//===- RandomLowering.cpp - random_uniform, random_normal, bernoulli ------===//
//
// Each random op lowers to a linalg.generic over its result whose body
// computes the element's draws from (seed, counter, element position) with
// 64-bit integer arithmetic (SplitMix64 as a counter-based generator, see
// KilnRandomOps.td), and a tensor.from_elements for the next state.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace kiln;

namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

Value i64Constant(OpBuilder &b, Location loc, uint64_t value) {
  return arith::ConstantOp::create(
      b, loc, b.getI64IntegerAttr(static_cast<int64_t>(value)));
}

/// SplitMix64's finalizer.
Value mix(OpBuilder &b, Location loc, Value z) {
  auto xorShift = [&](Value v, uint64_t shift) -> Value {
    return arith::XOrIOp::create(
        b, loc, v, arith::ShRUIOp::create(b, loc, v, i64Constant(b, loc, shift)));
  };
  z = arith::MulIOp::create(b, loc, xorShift(z, 30),
                            i64Constant(b, loc, 0xbf58476d1ce4e5b9ULL));
  z = arith::MulIOp::create(b, loc, xorShift(z, 27),
                            i64Constant(b, loc, 0x94d049bb133111ebULL));
  return xorShift(z, 31);
}

/// A uniform number in [0, 1) of `type` (f64: 53 bits; else 24 bits in f32,
/// then truncated) from draw `k` of the stream `key` (= mix(seed)).
Value uniform(OpBuilder &b, Location loc, Value key, Value k, FloatType type) {
  Value bits = mix(b, loc,
                   arith::AddIOp::create(
                       b, loc, key,
                       arith::MulIOp::create(b, loc, k,
                                             i64Constant(b, loc, kGolden))));
  bool wide = type.getWidth() == 64;
  FloatType work = wide ? type : FloatType(b.getF32Type());
  int64_t mantissa = wide ? 53 : 24;
  Value top = arith::ShRUIOp::create(b, loc, bits,
                                     i64Constant(b, loc, 64 - mantissa));
  Value asFloat = arith::UIToFPOp::create(b, loc, work, top);
  Value scale = arith::ConstantOp::create(
      b, loc, b.getFloatAttr(work, std::ldexp(1.0, -mantissa)));
  return arith::MulFOp::create(b, loc, asFloat, scale);
}

Value toType(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return arith::TruncFOp::create(b, loc, type, value);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

/// One element from its first draw `k` (of `draws`) of stream `key`.
using ElementBody = function_ref<Value(OpBuilder &, Location, Value key,
                                       Value k, FloatType type)>;

/// Lowers a random op whose elements each use `draws` draws.
LogicalResult lowerRandom(Operation *op, Value state, Value like,
                          RankedTensorType type, int64_t draws,
                          ElementBody body,
                          ConversionPatternRewriter &rewriter) {
  Location loc = op->getLoc();
  Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
    return dimSize(rewriter, loc, like, dim);
  });
  auto at = [&](int64_t i) -> Value {
    return tensor::ExtractOp::create(
        rewriter, loc, state,
        ValueRange{arith::ConstantIndexOp::create(rewriter, loc, i)});
  };
  Value seed = at(0), counter = at(1);
  Value key = mix(rewriter, loc, seed);
  int64_t rank = type.getRank();
  SmallVector<Value> sizes;
  Value count = i64Constant(rewriter, loc, 1);
  for (int64_t d = 0; d < rank; ++d) {
    sizes.push_back(arith::IndexCastOp::create(
        rewriter, loc, rewriter.getI64Type(), dimSize(rewriter, loc, init, d)));
    count = arith::MulIOp::create(rewriter, loc, count, sizes.back());
  }
  Value perElement = i64Constant(rewriter, loc, draws);
  auto elementType = cast<FloatType>(type.getElementType());
  auto generic = linalg::GenericOp::create(
      rewriter, loc, type, ValueRange{}, init,
      SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location l, ValueRange) {
        Value position = i64Constant(b, l, 0);
        for (int64_t d = 0; d < rank; ++d) {
          Value index = arith::IndexCastOp::create(
              b, l, b.getI64Type(), linalg::IndexOp::create(b, l, d));
          position = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, position, sizes[d]), index);
        }
        Value k = arith::AddIOp::create(
            b, l, counter, arith::MulIOp::create(b, l, position, perElement));
        linalg::YieldOp::create(b, l, body(b, l, key, k, elementType));
      });
  Value next = arith::AddIOp::create(
      rewriter, loc, counter,
      arith::MulIOp::create(rewriter, loc, count, perElement));
  Value nextState = tensor::FromElementsOp::create(
      rewriter, loc, state.getType(), ValueRange{seed, next});
  rewriter.replaceOp(op, {generic.getResult(0), nextState});
  return success();
}

struct RandomUniformToGeneric : OpConversionPattern<RandomUniformOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomUniformOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    double low = op.getLow().convertToDouble();
    double high = op.getHigh().convertToDouble();
    return lowerRandom(
        op, adaptor.getState(), adaptor.getLike(), op.getResult().getType(), 1,
        [&](OpBuilder &b, Location l, Value key, Value k, FloatType type) {
          Value u = uniform(b, l, key, k, type);
          Type work = u.getType();
          Value scaled = arith::MulFOp::create(
              b, l, u, floatConstant(b, l, work, high - low));
          Value value = arith::AddFOp::create(b, l, scaled,
                                              floatConstant(b, l, work, low));
          return toType(b, l, value, type);
        },
        rewriter);
  }
};

struct RandomNormalToGeneric : OpConversionPattern<RandomNormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomNormalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    double mean = op.getMean().convertToDouble();
    double std = op.getStd().convertToDouble();
    return lowerRandom(
        op, adaptor.getState(), adaptor.getLike(), op.getResult().getType(), 2,
        [&](OpBuilder &b, Location l, Value key, Value k, FloatType type) {
          Value u1 = uniform(b, l, key, k, type);
          Value k2 = arith::AddIOp::create(b, l, k, i64Constant(b, l, 1));
          Value u2 = uniform(b, l, key, k2, type);
          Type work = u1.getType();
          // 1 - u1 lies in (0, 1]: its logarithm is finite.
          Value positive =
              arith::SubFOp::create(b, l, floatConstant(b, l, work, 1.0), u1);
          Value radius = math::SqrtOp::create(
              b, l,
              arith::MulFOp::create(b, l, floatConstant(b, l, work, -2.0),
                                    math::LogOp::create(b, l, positive)));
          Value angle = arith::MulFOp::create(
              b, l, floatConstant(b, l, work, 2 * M_PI), u2);
          Value z = arith::MulFOp::create(b, l, radius,
                                          math::CosOp::create(b, l, angle));
          Value value = arith::AddFOp::create(
              b, l,
              arith::MulFOp::create(b, l, z, floatConstant(b, l, work, std)),
              floatConstant(b, l, work, mean));
          return toType(b, l, value, type);
        },
        rewriter);
  }
};

struct BernoulliToGeneric : OpConversionPattern<BernoulliOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BernoulliOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    double p = op.getP().convertToDouble();
    return lowerRandom(
        op, adaptor.getState(), adaptor.getLike(), op.getResult().getType(), 1,
        [&](OpBuilder &b, Location l, Value key, Value k, FloatType type) {
          Value u = uniform(b, l, key, k, type);
          Value hit = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::OLT, u,
              floatConstant(b, l, u.getType(), p));
          return arith::SelectOp::create(b, l, hit,
                                         floatConstant(b, l, type, 1.0),
                                         floatConstant(b, l, type, 0.0))
              .getResult();
        },
        rewriter);
  }
};

} // namespace

void kiln::populateRandomLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<RandomUniformToGeneric, RandomNormalToGeneric,
               BernoulliToGeneric>(patterns.getContext());
}
