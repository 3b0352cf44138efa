//===- Decompose.cpp - Composite kiln ops into simpler kiln ops -----------===//
//
// Rewrites ops that are compositions of other kiln ops, so that the lowering
// to linalg handles a smaller set. Gradient rules live on the composite ops,
// so automatic differentiation runs before this pass.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_DECOMPOSE
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// A rank-0 constant of `elementType` holding `value`.
Value scalarConstant(PatternRewriter &rewriter, Location loc, Type elementType,
                     double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element = rewriter.getFloatAttr(elementType, value);
  return ConstantOp::create(rewriter, loc,
                            DenseElementsAttr::get(type, element));
}

/// Reshapes a per-channel vector [C] so that it broadcasts against axis 1 of
/// a tensor of rank `rank`: [C, 1, ..., 1].
Value channelBroadcastable(PatternRewriter &rewriter, Location loc,
                           Value vector, int64_t rank) {
  int64_t channels = cast<ShapedType>(vector.getType()).getDimSize(0);
  SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = ShapedType::isDynamic(channels) ? -1 : channels;
  return ReshapeOp::create(rewriter, loc, vector, shape);
}

struct DecomposeLinear : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearOp op,
                                PatternRewriter &rewriter) const override {
    Value result =
        MatmulOp::create(rewriter, op.getLoc(), op.getInput(), op.getWeight());
    if (Value bias = op.getBias())
      result = AddOp::create(rewriter, op.getLoc(), result, bias);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The pieces of a max-subtracted softmax over `axis`: x - max(x), its
/// exponential and the sum of that exponential (both kept along `axis`).
struct ShiftedExp {
  Value shifted, exp, sum;
};

ShiftedExp buildShiftedExp(PatternRewriter &rewriter, Location loc, Value x,
                           int64_t axis) {
  SmallVector<int64_t> axes = {axis};
  Value max = ReduceMaxOp::create(rewriter, loc, x, axes, true);
  Value shifted = SubOp::create(rewriter, loc, x, max);
  Value exp = ExpOp::create(rewriter, loc, shifted);
  Value sum = ReduceSumOp::create(rewriter, loc, exp, axes, true);
  return {shifted, exp, sum};
}

/// softmax(x) = exp(x - max(x)) / sum(exp(x - max(x))).
struct DecomposeSoftmax : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    ShiftedExp parts =
        buildShiftedExp(rewriter, op.getLoc(), op.getInput(), op.getAxis());
    rewriter.replaceOpWithNewOp<DivOp>(op, parts.exp, parts.sum);
    return success();
  }
};

/// log_softmax(x) = (x - max(x)) - log(sum(exp(x - max(x)))).
struct DecomposeLogSoftmax : OpRewritePattern<LogSoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LogSoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    ShiftedExp parts =
        buildShiftedExp(rewriter, op.getLoc(), op.getInput(), op.getAxis());
    Value logSum = LogOp::create(rewriter, op.getLoc(), parts.sum);
    rewriter.replaceOpWithNewOp<SubOp>(op, parts.shifted, logSum);
    return success();
  }
};

/// y = x * s + t with s = scale / sqrt(var + eps) and t = offset - mean * s,
/// both broadcast over axis 1.
struct DecomposeBatchNorm : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elementType = getElementTypeOrSelf(op.getInput().getType());
    Value eps = scalarConstant(rewriter, loc, elementType,
                               op.getEpsilon().convertToDouble());
    Value stddev = SqrtOp::create(
        rewriter, loc, AddOp::create(rewriter, loc, op.getVariance(), eps));
    Value scale = DivOp::create(rewriter, loc, op.getScale(), stddev);
    Value shift =
        SubOp::create(rewriter, loc, op.getOffset(),
                      MulOp::create(rewriter, loc, op.getMean(), scale));
    int64_t rank = cast<ShapedType>(op.getInput().getType()).getRank();
    Value scaled =
        MulOp::create(rewriter, loc, op.getInput(),
                      channelBroadcastable(rewriter, loc, scale, rank));
    rewriter.replaceOpWithNewOp<AddOp>(
        op, scaled, channelBroadcastable(rewriter, loc, shift, rank));
    return success();
  }
};

struct DecomposeGlobalAvgPool : OpRewritePattern<GlobalAvgPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GlobalAvgPool2DOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> axes = {2, 3};
    rewriter.replaceOpWithNewOp<ReduceMeanOp>(op, op.getInput(), axes, false);
    return success();
  }
};

struct DecomposeFlatten : OpRewritePattern<FlattenOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FlattenOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> shape(op.getType().getShape());
    // The dynamic part, if any, is the one reshape infers; reshape cannot
    // express two dynamic parts, and the lowering then reports the flatten.
    if (llvm::count_if(shape, ShapedType::isDynamic) > 1)
      return rewriter.notifyMatchFailure(op, "two dynamic result dims");
    for (int64_t &dim : shape)
      if (ShapedType::isDynamic(dim))
        dim = -1;
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getInput(), shape);
    return success();
  }
};

/// Moves a convolution's bias into a broadcasting add.
template <typename ConvOp> struct SplitConvBias : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    Value bias = op.getBias();
    if (!bias)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getBiasMutable().clear(); });
    rewriter.setInsertionPointAfter(op);
    Value reshaped = channelBroadcastable(rewriter, op.getLoc(), bias, 4);
    auto add = AddOp::create(rewriter, op.getLoc(), op.getResult(), reshaped);
    rewriter.replaceAllUsesExcept(op.getResult(), add, add);
    return success();
  }
};

struct DecomposePass : kiln::impl::DecomposeBase<DecomposePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeLinear, DecomposeSoftmax, DecomposeLogSoftmax,
                 DecomposeBatchNorm, DecomposeGlobalAvgPool, DecomposeFlatten,
                 SplitConvBias<Conv2DOp>, SplitConvBias<Conv2DTransposeOp>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
