//===- ConvolutionLowering.cpp - Convolutions to linalg -------------------===//
//
// conv2d: explicit padding with tensor.pad, then linalg.conv_2d_nchw_fchw, or
// for groups > 1 linalg.conv_2d_ngchw_gfchw on [N, G, C/G, H, W] views.
// conv2d_transpose: the input is spread out by the stride (zeros between
// elements) and padded, then convolved with the flipped, transposed kernel.
// Biases are split off by kiln-decompose.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

Value zeroFilledLike(OpBuilder &b, Location loc, RankedTensorType type,
                     Value batchSource) {
  return filledTensor(
      b, loc, type, scalarAttr(b, type.getElementType(), 0.0),
      [&](int64_t dim) { return dimSize(b, loc, batchSource, dim); });
}

/// [N, G*C, H, W] -> [N, G, C, H, W] (and the same for the other layouts).
Value splitDim(OpBuilder &b, Location loc, Value value, int64_t dim,
               int64_t outer) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  int64_t inner = ShapedType::isDynamic(shape[dim]) ? ShapedType::kDynamic
                                                    : shape[dim] / outer;
  shape[dim] = inner;
  shape.insert(shape.begin() + dim, outer);
  auto newType = RankedTensorType::get(shape, type.getElementType());
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0, j = 0; i < type.getRank(); ++i) {
    if (i == dim) {
      groups.push_back({j, j + 1});
      j += 2;
    } else {
      groups.push_back({j++});
    }
  }
  SmallVector<OpFoldResult> outShape;
  for (int64_t i = 0; i < newType.getRank(); ++i) {
    if (!newType.isDynamicDim(i))
      outShape.push_back(b.getIndexAttr(newType.getDimSize(i)));
    else if (i == dim + 1)
      outShape.push_back(
          arith::DivUIOp::create(b, loc, dimSize(b, loc, value, dim),
                                 arith::ConstantIndexOp::create(b, loc, outer))
              .getResult());
    else
      outShape.push_back(dimSize(b, loc, value, i < dim ? i : i - 1));
  }
  return tensor::ExpandShapeOp::create(b, loc, newType, value, groups,
                                       outShape);
}

/// [N, G, F, H, W] -> [N, G*F, H, W].
Value mergeDims(OpBuilder &b, Location loc, Value value, int64_t dim,
                RankedTensorType resultType) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (i == dim + 1)
      continue;
    if (i == dim)
      groups.push_back({i, i + 1});
    else
      groups.push_back({i});
  }
  return tensor::CollapseShapeOp::create(b, loc, resultType, value, groups);
}

/// A zero-filled convolution result of `type`, [N, F, OH, OW] or, grouped,
/// [N, G, F/G, OH, OW]: N comes from `input`, the filters from `weight`
/// ([F, ...] or [G, F/G, ...]) and the spatial sizes from the window over the
/// padded `input`.
Value zeroFilledConvResult(OpBuilder &b, Location loc, RankedTensorType type,
                           Value input, Value weight, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations) {
  int64_t firstSpatial = type.getRank() - 2;
  return filledTensor(b, loc, type, scalarAttr(b, type.getElementType(), 0.0),
                      [&](int64_t dim) -> Value {
                        if (dim == 0)
                          return dimSize(b, loc, input, 0);
                        if (dim < firstSpatial)
                          return dimSize(b, loc, weight, dim - 1);
                        int64_t i = dim - firstSpatial;
                        return windowOutputDim(
                            b, loc, input, dim,
                            tensor::getMixedSize(b, loc, weight, dim),
                            strides[i], dilations[i]);
                      });
}

struct Conv2DToLinalg : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getBias())
      return rewriter.notifyMatchFailure(op,
                                         "bias not split by kiln-decompose");
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    Type elementType = resultType.getElementType();
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), op.getPads(),
                             scalarAttr(rewriter, elementType, 0.0));
    Value weight = adaptor.getWeight();
    auto strides = rewriter.getI64TensorAttr(op.getStrides());
    auto dilations = rewriter.getI64TensorAttr(op.getDilations());
    int64_t groups = op.getGroups();
    if (groups == 1) {
      Value init =
          zeroFilledConvResult(rewriter, loc, resultType, input, weight,
                               op.getStrides(), op.getDilations());
      Value conv = linalg::Conv2DNchwFchwOp::create(
                       rewriter, loc, TypeRange{resultType},
                       ValueRange{input, weight}, init, strides, dilations)
                       .getResult(0);
      rewriter.replaceOp(op, conv);
      return success();
    }
    Value groupedInput = splitDim(rewriter, loc, input, 1, groups);
    Value groupedWeight = splitDim(rewriter, loc, weight, 0, groups);
    SmallVector<int64_t> shape(resultType.getShape());
    if (!ShapedType::isDynamic(shape[1]))
      shape[1] /= groups;
    shape.insert(shape.begin() + 1, groups);
    auto groupedType = RankedTensorType::get(shape, elementType);
    Value init =
        zeroFilledConvResult(rewriter, loc, groupedType, groupedInput,
                             groupedWeight, op.getStrides(), op.getDilations());
    Value conv =
        linalg::Conv2DNgchwGfchwOp::create(
            rewriter, loc, TypeRange{groupedType},
            ValueRange{groupedInput, groupedWeight}, init, strides, dilations)
            .getResult(0);
    rewriter.replaceOp(op, mergeDims(rewriter, loc, conv, 1, resultType));
    return success();
  }
};

/// w'[f, c, h, w] = w[c, f, KH-1-h, KW-1-w].
Value flipAndTransposeKernel(OpBuilder &b, Location loc, Value weight) {
  auto type = cast<RankedTensorType>(weight.getType());
  ArrayRef<int64_t> s = type.getShape();
  auto resultType =
      RankedTensorType::get({s[1], s[0], s[2], s[3]}, type.getElementType());
  MLIRContext *ctx = b.getContext();
  AffineExpr f = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx),
             h = getAffineDimExpr(2, ctx), w = getAffineDimExpr(3, ctx);
  AffineMap read =
      AffineMap::get(4, 0, {c, f, s[2] - 1 - h, s[3] - 1 - w}, ctx);
  SmallVector<AffineMap> maps = {read, b.getMultiDimIdentityMap(4)};
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType());
  return linalg::GenericOp::create(
             b, loc, resultType, weight, init, maps, iterators,
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

struct Conv2DTransposeToLinalg : OpConversionPattern<Conv2DTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2DTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getBias())
      return rewriter.notifyMatchFailure(op,
                                         "bias not split by kiln-decompose");
    if (op.getGroups() != 1)
      return op.emitOpError("lowering supports groups = 1 only");
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
    ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                      dil = op.getDilations(), extra = op.getOutputPadding();
    if (!weightType.hasStaticShape() || inputType.isDynamicDim(2) ||
        inputType.isDynamicDim(3))
      return op.emitOpError("lowering needs static spatial and kernel sizes");
    SmallVector<int64_t> low(2), high(2), spread(2);
    for (int i = 0; i < 2; ++i) {
      int64_t span = dil[i] * (weightType.getDimSize(2 + i) - 1);
      low[i] = span - pads[i];
      high[i] = span - pads[i + 2] + extra[i];
      spread[i] = (inputType.getDimSize(2 + i) - 1) * strides[i] + 1;
      if (low[i] < 0 || high[i] < 0)
        return op.emitOpError("lowering needs pads <= dilation * (kernel - 1)");
    }
    Type elementType = inputType.getElementType();
    auto spreadType = RankedTensorType::get(
        {inputType.getDimSize(0), inputType.getDimSize(1),
         spread[0] + low[0] + high[0], spread[1] + low[1] + high[1]},
        elementType);
    Value canvas = zeroFilledLike(rewriter, loc, spreadType, input);
    SmallVector<OpFoldResult> offsets = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
        rewriter.getIndexAttr(low[0]), rewriter.getIndexAttr(low[1])};
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> steps = {
        rewriter.getIndexAttr(1), rewriter.getIndexAttr(1),
        rewriter.getIndexAttr(strides[0]), rewriter.getIndexAttr(strides[1])};
    Value spreadInput = tensor::InsertSliceOp::create(
        rewriter, loc, input, canvas, offsets, sizes, steps);
    Value kernel = flipAndTransposeKernel(rewriter, loc, adaptor.getWeight());
    RankedTensorType resultType = op.getType();
    Value init = zeroFilledLike(rewriter, loc, resultType, input);
    Value conv =
        linalg::Conv2DNchwFchwOp::create(rewriter, loc, TypeRange{resultType},
                                         ValueRange{spreadInput, kernel}, init,
                                         rewriter.getI64TensorAttr({1, 1}),
                                         rewriter.getI64TensorAttr(dil))
            .getResult(0);
    rewriter.replaceOp(op, conv);
    return success();
  }
};

} // namespace

void kiln::populateConvolutionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2DToLinalg, Conv2DTransposeToLinalg>(patterns.getContext());
}
