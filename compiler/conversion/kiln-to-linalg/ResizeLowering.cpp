//===- ResizeLowering.cpp - kiln.resize to a linalg.generic ---------------===//
//
// The input's height and width and the output's are static, so the taps of
// every output row and column (input positions and weights) are computed
// here, in double precision, as ONNX's reference Resize computes them:
// nearest takes one tap, linear two, cubic four, each clamped to the
// input's edge. The generic over the output reads the taps of its row and
// column from constant tables and sums the weighted input elements.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace kiln;

namespace {

/// The taps of one output position along one axis.
struct Taps {
  SmallVector<int32_t> positions;
  SmallVector<double> weights;
};

struct AxisResize {
  int64_t inSize, outSize;
  double scale;
  StringRef coordinateMode, mode, nearestMode;
  double cubicA;
  bool excludeOutside;

  /// The input coordinate that output coordinate `x` maps to.
  double inputCoordinate(int64_t x) const {
    double outWidth = scale * static_cast<double>(inSize);
    if (coordinateMode == "align_corners")
      return outWidth == 1 ? 0.0 : x * (inSize - 1.0) / (outWidth - 1.0);
    if (coordinateMode == "asymmetric")
      return x / scale;
    if (coordinateMode == "tf_half_pixel_for_nn")
      return (x + 0.5) / scale;
    if (coordinateMode == "pytorch_half_pixel" && outWidth == 1)
      return -0.5;
    return (x + 0.5) / scale - 0.5;
  }

  int32_t clamp(int64_t position) const {
    return static_cast<int32_t>(std::clamp<int64_t>(position, 0, inSize - 1));
  }

  Taps tapsAt(int64_t x) const {
    double source = inputCoordinate(x);
    double floor = std::floor(source);
    int64_t base = static_cast<int64_t>(floor);
    double ratio = source - floor;
    Taps taps;
    if (mode == "nearest") {
      bool up = ratio != 0 &&
                llvm::StringSwitch<bool>(nearestMode)
                    .Case("round_prefer_floor", ratio > 0.5)
                    .Case("round_prefer_ceil", ratio >= 0.5)
                    .Case("floor", false)
                    .Default(true);
      taps.positions = {clamp(base + up)};
      taps.weights = {1.0};
      return taps;
    }
    if (mode == "linear") {
      taps.positions = {clamp(base), clamp(base + 1)};
      taps.weights = {1.0 - ratio, ratio};
      return taps;
    }
    // Cubic convolution over base - 1 .. base + 2.
    double a = cubicA;
    auto near = [a](double t) { // |t| <= 1
      return ((a + 2) * t - (a + 3)) * t * t + 1;
    };
    auto far = [a](double t) { // 1 < |t| < 2
      return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
    };
    double weights[4] = {far(ratio + 1), near(ratio), near(1 - ratio),
                         far(2 - ratio)};
    double total = 0;
    for (int k = 0; k < 4; ++k) {
      int64_t position = base - 1 + k;
      if (excludeOutside && (position < 0 || position >= inSize))
        weights[k] = 0;
      total += weights[k];
    }
    for (int k = 0; k < 4; ++k) {
      taps.positions.push_back(clamp(base - 1 + k));
      taps.weights.push_back(excludeOutside ? weights[k] / total : weights[k]);
    }
    return taps;
  }
};

/// Tables of one axis: for each tap, the input positions and the weights of
/// all output positions.
struct AxisTables {
  SmallVector<Value> positions, weights;
};

AxisTables buildTables(OpBuilder &b, Location loc, const AxisResize &axis,
                       Type elementType) {
  SmallVector<Taps> all;
  for (int64_t x = 0; x < axis.outSize; ++x)
    all.push_back(axis.tapsAt(x));
  size_t count = all.front().positions.size();
  AxisTables tables;
  auto positionType = RankedTensorType::get({axis.outSize}, b.getI32Type());
  auto weightType = RankedTensorType::get({axis.outSize}, elementType);
  auto floatType = cast<FloatType>(elementType);
  for (size_t k = 0; k < count; ++k) {
    SmallVector<int32_t> positions;
    SmallVector<APFloat> weights;
    for (const Taps &taps : all) {
      positions.push_back(taps.positions[k]);
      APFloat weight(taps.weights[k]);
      bool lost;
      weight.convert(floatType.getFloatSemantics(),
                     APFloat::rmNearestTiesToEven, &lost);
      weights.push_back(weight);
    }
    tables.positions.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(positionType, ArrayRef(positions))));
    tables.weights.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(weightType, weights)));
  }
  return tables;
}

struct ResizeToGeneric : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    ArrayRef<int64_t> inShape =
        cast<RankedTensorType>(input.getType()).getShape();
    AxisTables tables[2];
    for (int i = 0; i < 2; ++i) {
      int64_t inSize = inShape[2 + i], outSize = type.getDimSize(2 + i);
      double scale = op.getScales() ? (*op.getScales())[i]
                                    : static_cast<double>(outSize) / inSize;
      AxisResize axis{inSize,
                      outSize,
                      scale,
                      op.getCoordinateTransformationMode(),
                      op.getMode(),
                      op.getNearestMode(),
                      op.getCubicCoeffA().convertToDouble(),
                      op.getExcludeOutside()};
      tables[i] = buildTables(rewriter, loc, axis, elementType);
    }
    bool weighted = op.getMode() != "nearest";
    // Operands: row positions, (row weights), column positions, (column
    // weights), each indexed by the output's row or column.
    SmallVector<Value> operands;
    SmallVector<AffineMap> maps;
    MLIRContext *context = rewriter.getContext();
    for (int i = 0; i < 2; ++i) {
      AffineMap map = AffineMap::get(4, 0, rewriter.getAffineDimExpr(2 + i));
      for (Value table : tables[i].positions) {
        operands.push_back(table);
        maps.push_back(map);
      }
      if (weighted)
        for (Value table : tables[i].weights) {
          operands.push_back(table);
          maps.push_back(map);
        }
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(4, context));
    Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
      return dimSize(rewriter, loc, input, dim);
    });
    size_t rowTaps = tables[0].positions.size();
    size_t columnTaps = tables[1].positions.size();
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, operands, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          size_t next = 0;
          auto take = [&](size_t count) {
            ValueRange taken = args.slice(next, count);
            next += count;
            return taken;
          };
          ValueRange rows = take(rowTaps);
          ValueRange rowWeights = weighted ? take(rowTaps) : ValueRange();
          ValueRange columns = take(columnTaps);
          ValueRange columnWeights =
              weighted ? take(columnTaps) : ValueRange();
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 1);
          auto asIndex = [&](Value position) -> Value {
            return arith::IndexCastOp::create(b, l, b.getIndexType(),
                                              position);
          };
          Value sum;
          for (size_t r = 0; r < rowTaps; ++r) {
            Value row = asIndex(rows[r]);
            Value rowSum;
            for (size_t k = 0; k < columnTaps; ++k) {
              Value element = tensor::ExtractOp::create(
                  b, l, input, ValueRange{n, c, row, asIndex(columns[k])});
              if (weighted)
                element =
                    arith::MulFOp::create(b, l, element, columnWeights[k]);
              rowSum = rowSum ? arith::AddFOp::create(b, l, rowSum, element)
                                    .getResult()
                              : element;
            }
            if (weighted)
              rowSum = arith::MulFOp::create(b, l, rowSum, rowWeights[r]);
            sum = sum ? arith::AddFOp::create(b, l, sum, rowSum).getResult()
                      : rowSum;
          }
          linalg::YieldOp::create(b, l, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void kiln::populateResizeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ResizeToGeneric>(patterns.getContext());
}
