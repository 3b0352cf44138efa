//===- PoolingLowering.cpp - Pooling to linalg ----------------------------===//
//
// Max pooling pads with -inf and uses linalg.pooling_nchw_max. Average
// pooling pads with zeros, sums with linalg.pooling_nchw_sum and divides by
// the window size, or, when padding is excluded, by a constant tensor of the
// number of real elements under each window.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

template <typename PoolOp>
Value pool(OpBuilder &b, Location loc, Value padded, ArrayRef<int64_t> kernel,
           ArrayRef<int64_t> strides, RankedTensorType resultType,
           TypedAttr init) {
  Value filled = filledTensor(b, loc, resultType, init, [&](int64_t dim) {
    if (dim < 2)
      return dimSize(b, loc, padded, dim);
    return windowOutputDim(b, loc, padded, dim, b.getIndexAttr(kernel[dim - 2]),
                           strides[dim - 2]);
  });
  Value window =
      tensor::EmptyOp::create(b, loc, kernel, resultType.getElementType());
  return PoolOp::create(b, loc, TypeRange{resultType},
                        ValueRange{padded, window}, filled,
                        b.getI64TensorAttr(strides), b.getI64TensorAttr({1, 1}))
      .getResult(0);
}

struct MaxPoolToLinalg : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    TypedAttr lowest = lowestValue(rewriter, type.getElementType());
    Value padded =
        padSpatial(rewriter, loc, adaptor.getInput(), op.getPads(), lowest);
    rewriter.replaceOp(op, pool<linalg::PoolingNchwMaxOp>(
                               rewriter, loc, padded, op.getKernel(),
                               op.getStrides(), type, lowest));
    return success();
  }
};

/// Number of unpadded input elements under each output window, as an f32
/// tensor [1, 1, OH, OW].
DenseElementsAttr windowCounts(AvgPool2DOp op, RankedTensorType resultType,
                               ArrayRef<int64_t> inputShape) {
  ArrayRef<int64_t> k = op.getKernel(), s = op.getStrides(), p = op.getPads();
  int64_t oh = resultType.getDimSize(2), ow = resultType.getDimSize(3);
  SmallVector<float> counts;
  for (int64_t y = 0; y < oh; ++y) {
    for (int64_t x = 0; x < ow; ++x) {
      int64_t y0 = y * s[0] - p[0], x0 = x * s[1] - p[1];
      int64_t rows =
          std::min(y0 + k[0], inputShape[2]) - std::max<int64_t>(y0, 0);
      int64_t cols =
          std::min(x0 + k[1], inputShape[3]) - std::max<int64_t>(x0, 0);
      counts.push_back(static_cast<float>(std::max<int64_t>(rows * cols, 1)));
    }
  }
  auto f32Type =
      RankedTensorType::get({1, 1, oh, ow}, Float32Type::get(op.getContext()));
  return DenseElementsAttr::get(f32Type, ArrayRef<float>(counts));
}

struct AvgPoolToLinalg : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    if (!elementType.isF32())
      return op.emitOpError("lowering supports f32 average pooling");
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    TypedAttr zero = scalarAttr(rewriter, elementType, 0.0);
    Value padded =
        padSpatial(rewriter, loc, adaptor.getInput(), op.getPads(), zero);
    Value sum = pool<linalg::PoolingNchwSumOp>(
        rewriter, loc, padded, op.getKernel(), op.getStrides(), type, zero);
    bool hasPadding =
        llvm::any_of(op.getPads(), [](int64_t p) { return p != 0; });
    Value divisor;
    if (!hasPadding || op.getCountIncludePad()) {
      double window = op.getKernel()[0] * op.getKernel()[1];
      divisor = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(RankedTensorType::get({}, elementType),
                                 scalarAttr(rewriter, elementType, window)));
    } else {
      if (inputType.isDynamicDim(2) || inputType.isDynamicDim(3))
        return op.emitOpError("padded average pooling needs static H and W");
      divisor = arith::ConstantOp::create(
          rewriter, loc, windowCounts(op, type, inputType.getShape()));
    }
    auto divisorType = cast<RankedTensorType>(divisor.getType());
    int64_t rank = type.getRank();
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   broadcastMap(rewriter.getContext(),
                                                divisorType.getShape(),
                                                type.getShape()),
                                   rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value init = emptyTensor(rewriter, loc, type, [&](int64_t dim) {
      return dimSize(rewriter, loc, sum, dim);
    });
    Value mean =
        linalg::GenericOp::create(
            rewriter, loc, type, ValueRange{sum, divisor}, init, maps,
            iterators,
            [](OpBuilder &nb, Location nl, ValueRange args) {
              linalg::YieldOp::create(
                  nb, nl,
                  arith::DivFOp::create(nb, nl, args[0], args[1]).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, mean);
    return success();
  }
};

} // namespace

void kiln::populatePoolingLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolToLinalg, AvgPoolToLinalg>(patterns.getContext());
}
