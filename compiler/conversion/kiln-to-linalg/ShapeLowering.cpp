//===- ShapeLowering.cpp - Shape ops and constants to tensor/linalg -------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

struct ConstantToArith : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct ReshapeToTensor : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTensor(rewriter, op.getLoc(),
                                         adaptor.getInput(), op.getType()));
    return success();
  }
};

struct TransposeToLinalg : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    ArrayRef<int64_t> perm = op.getPerm();
    Value init = emptyTensor(rewriter, loc, op.getType(), [&](int64_t dim) {
      return dimSize(rewriter, loc, input, perm[dim]);
    });
    rewriter.replaceOp(
        op, linalg::TransposeOp::create(rewriter, loc, input, init, perm)
                .getResult());
    return success();
  }
};

/// Inserts each input into an empty result at its running offset.
struct ConcatToInsertSlices : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t axis =
        op.getAxis() < 0 ? op.getAxis() + type.getRank() : op.getAxis();
    ValueRange inputs = adaptor.getInputs();
    Value result = emptyTensor(rewriter, loc, type, [&](int64_t dim) -> Value {
      if (dim != axis)
        return dimSize(rewriter, loc, inputs[0], dim);
      Value total = arith::ConstantIndexOp::create(rewriter, loc, 0);
      for (Value input : inputs)
        total = arith::AddIOp::create(rewriter, loc, total,
                                      dimSize(rewriter, loc, input, dim));
      return total;
    });
    OpFoldResult offset = rewriter.getIndexAttr(0);
    for (Value input : inputs) {
      SmallVector<OpFoldResult> offsets(type.getRank(),
                                        rewriter.getIndexAttr(0));
      offsets[axis] = offset;
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(rewriter, loc, input);
      SmallVector<OpFoldResult> strides(type.getRank(),
                                        rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
      offset = affine::makeComposedFoldedAffineApply(
          rewriter, loc,
          rewriter.getAffineSymbolExpr(0) + rewriter.getAffineSymbolExpr(1),
          {offset, sizes[axis]});
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SliceToExtractSlice : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> strides(type.getRank(), rewriter.getIndexAttr(1));
    for (auto [i, axis] : llvm::enumerate(op.getAxes())) {
      offsets[axis] = rewriter.getIndexAttr(op.getStarts()[i]);
      sizes[axis] = rewriter.getIndexAttr(type.getDimSize(axis));
      strides[axis] = rewriter.getIndexAttr(op.getSteps()[i]);
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, input, offsets, sizes, strides);
    return success();
  }
};

struct PadToTensorPad : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> low, high;
    for (int64_t i = 0; i < rank; ++i) {
      low.push_back(rewriter.getIndexAttr(op.getPads()[i]));
      high.push_back(rewriter.getIndexAttr(op.getPads()[i + rank]));
    }
    Value value =
        arith::ConstantOp::create(rewriter, loc,
                                  scalarAttr(rewriter, type.getElementType(),
                                             op.getValue().convertToDouble()));
    rewriter.replaceOpWithNewOp<tensor::PadOp>(op, type, adaptor.getInput(),
                                               low, high, value);
    return success();
  }
};

} // namespace

void kiln::populateShapeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, ReshapeToTensor, TransposeToLinalg,
               ConcatToInsertSlices, SliceToExtractSlice, PadToTensorPad>(
      patterns.getContext());
}
