//===- ResizeLowering.cpp - kiln.resize to a linalg.generic ---------------===//
//
// The input's height and width and the output's are static, so the taps of
// every output row and column (input positions and weights, ResizeTaps.h)
// are computed at compile time. The generic over the output reads the taps
// of its row and column from constant tables and sums the weighted input
// elements.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/ResizeTaps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

/// Tables of one axis: for each tap, the input positions and the weights of
/// all output positions.
struct AxisTables {
  SmallVector<Value> positions, weights;
};

AxisTables buildTables(OpBuilder &b, Location loc, const ResizeAxis &axis,
                       Type elementType) {
  SmallVector<ResizeTaps> all;
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
    for (const ResizeTaps &taps : all) {
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
    AxisTables tables[2];
    for (int i = 0; i < 2; ++i)
      tables[i] =
          buildTables(rewriter, loc, ResizeAxis::of(op, i), elementType);
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
