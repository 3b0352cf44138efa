//===- RearrangeLowering.cpp - broadcast_to, tile, depth/space ------------===//
//
// Ops that copy elements to new positions without computing on them lower
// to a broadcasting linalg.generic or linalg.transpose between
// tensor.expand_shape and tensor.collapse_shape.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace kiln;

namespace {

/// Copies `input` into a tensor of `type`, reading it through `inputMap`.
Value copyThroughMap(OpBuilder &b, Location loc, Value input,
                     AffineMap inputMap, RankedTensorType type,
                     function_ref<Value(int64_t)> dynamicSizeOf) {
  Value init = emptyTensor(b, loc, type, dynamicSizeOf);
  SmallVector<AffineMap> maps = {inputMap,
                                 b.getMultiDimIdentityMap(type.getRank())};
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, type, input, init, maps, iterators,
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

struct BroadcastToToGeneric : OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t offset = type.getRank() - inputType.getRank();
    // A dynamic result dimension is always the input's, unbroadcast.
    rewriter.replaceOp(
        op, copyThroughMap(rewriter, loc, input,
                           broadcastMap(rewriter.getContext(),
                                        inputType.getShape(), type.getShape()),
                           type, [&](int64_t dim) {
                             return dimSize(rewriter, loc, input, dim - offset);
                           }));
    return success();
  }
};

/// Broadcasts the input to [r0, d0, r1, d1, ...] and collapses each pair.
struct TileToGeneric : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> pairs;
    SmallVector<AffineExpr> inputExprs;
    SmallVector<ReassociationIndices> groups;
    for (int64_t i = 0; i < rank; ++i) {
      pairs.push_back(op.getRepeats()[i]);
      pairs.push_back(inputType.getDimSize(i));
      inputExprs.push_back(rewriter.getAffineDimExpr(2 * i + 1));
      groups.push_back({2 * i, 2 * i + 1});
    }
    auto pairType = RankedTensorType::get(pairs, inputType.getElementType());
    Value repeated = copyThroughMap(
        rewriter, loc, input,
        AffineMap::get(2 * rank, 0, inputExprs, rewriter.getContext()),
        pairType,
        [&](int64_t dim) { return dimSize(rewriter, loc, input, dim / 2); });
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, op.getType(),
                                                         repeated, groups);
    return success();
  }
};

/// The static size or the runtime size of dimension `dim` of `tensor`.
OpFoldResult mixedSize(OpBuilder &b, Location loc, Value tensor, int64_t dim) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.isDynamicDim(dim))
    return dimSize(b, loc, tensor, dim);
  return b.getIndexAttr(type.getDimSize(dim));
}

/// Expands `input` to `shape` by `groups`, permutes it by `perm`, and
/// collapses the permuted tensor to `type` by `resultGroups`. `sizes` gives
/// each dimension of `shape` (static or runtime).
Value expandPermuteCollapse(OpBuilder &b, Location loc, Value input,
                            ArrayRef<OpFoldResult> sizes,
                            ArrayRef<ReassociationIndices> groups,
                            ArrayRef<int64_t> perm,
                            ArrayRef<ReassociationIndices> resultGroups,
                            RankedTensorType type) {
  Type elementType = type.getElementType();
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes) {
    std::optional<int64_t> known = getConstantIntValue(size);
    shape.push_back(known ? *known : ShapedType::kDynamic);
  }
  auto expandedType = RankedTensorType::get(shape, elementType);
  Value expanded = tensor::ExpandShapeOp::create(b, loc, expandedType, input,
                                                 groups, sizes);
  SmallVector<int64_t> permutedShape;
  SmallVector<OpFoldResult> permutedSizes;
  for (int64_t p : perm) {
    permutedShape.push_back(shape[p]);
    permutedSizes.push_back(sizes[p]);
  }
  Value init = tensor::EmptyOp::create(b, loc, permutedSizes, elementType);
  Value permuted =
      linalg::TransposeOp::create(b, loc, expanded, init, perm).getResult()[0];
  return tensor::CollapseShapeOp::create(b, loc, type, permuted, resultGroups);
}

struct DepthToSpaceToTranspose : OpConversionPattern<DepthToSpaceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DepthToSpaceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t b = op.getBlocksize();
    OpFoldResult n = mixedSize(rewriter, loc, input, 0),
                 h = mixedSize(rewriter, loc, input, 2),
                 w = mixedSize(rewriter, loc, input, 3);
    OpFoldResult block = rewriter.getIndexAttr(b);
    OpFoldResult channels = rewriter.getIndexAttr(op.getType().getDimSize(1));
    bool dcr = op.getMode() == "DCR";
    // DCR: [N, b, b, C', H, W]; CRD: [N, C', b, b, H, W]. Both permute to
    // [N, C', H, b, W, b].
    SmallVector<OpFoldResult> sizes =
        dcr ? SmallVector<OpFoldResult>{n, block, block, channels, h, w}
            : SmallVector<OpFoldResult>{n, channels, block, block, h, w};
    SmallVector<int64_t> perm = dcr ? SmallVector<int64_t>{0, 3, 4, 1, 5, 2}
                                    : SmallVector<int64_t>{0, 1, 4, 2, 5, 3};
    rewriter.replaceOp(
        op, expandPermuteCollapse(rewriter, loc, input, sizes,
                                  {{0}, {1, 2, 3}, {4}, {5}}, perm,
                                  {{0}, {1}, {2, 3}, {4, 5}}, op.getType()));
    return success();
  }
};

struct SpaceToDepthToTranspose : OpConversionPattern<SpaceToDepthOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SpaceToDepthOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    OpFoldResult block = rewriter.getIndexAttr(op.getBlocksize());
    // [N, C, H', b, W', b], permuted to [N, b, b, C, H', W'] (DCR) or
    // [N, C, b, b, H', W'] (CRD).
    SmallVector<OpFoldResult> sizes = {
        mixedSize(rewriter, loc, input, 0), mixedSize(rewriter, loc, input, 1),
        rewriter.getIndexAttr(type.getDimSize(2)), block,
        rewriter.getIndexAttr(type.getDimSize(3)), block};
    SmallVector<int64_t> perm = op.getMode() == "DCR"
                                    ? SmallVector<int64_t>{0, 3, 5, 1, 2, 4}
                                    : SmallVector<int64_t>{0, 1, 3, 5, 2, 4};
    rewriter.replaceOp(
        op, expandPermuteCollapse(rewriter, loc, input, sizes,
                                  {{0}, {1}, {2, 3}, {4, 5}}, perm,
                                  {{0}, {1, 2, 3}, {4}, {5}}, type));
    return success();
  }
};

} // namespace

void kiln::populateRearrangeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<BroadcastToToGeneric, TileToGeneric, DepthToSpaceToTranspose,
               SpaceToDepthToTranspose>(patterns.getContext());
}
