//===- ConvToIm2Col.cpp - Convolutions as im2col + contraction ------------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_CONVTOIM2COL
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

bool hasStaticShapes(linalg::Conv2DNchwFchwOp conv) {
  return llvm::all_of(conv->getOperandTypes(), [](Type t) {
    return cast<ShapedType>(t).hasStaticShape();
  });
}

/// Whether only the batch dimension of the input and output is dynamic.
bool hasDynamicBatchOnly(linalg::Conv2DNchwFchwOp conv) {
  return llvm::all_of(conv->getOperandTypes(), [](Type t) {
    auto shaped = cast<ShapedType>(t);
    for (int64_t i = 1; i < shaped.getRank(); ++i)
      if (shaped.isDynamicDim(i))
        return false;
    return true;
  });
}

int64_t batchSize(linalg::Conv2DNchwFchwOp conv) {
  return cast<ShapedType>(conv->getResult(0).getType()).getDimSize(0);
}

/// Tiles the batch loop by one, so that each iteration convolves one static
/// image; returns that convolution.
linalg::Conv2DNchwFchwOp tileBatch(RewriterBase &rewriter,
                                   linalg::Conv2DNchwFchwOp conv) {
  SmallVector<OpFoldResult> sizes(conv.getNumLoops(), rewriter.getIndexAttr(0));
  sizes[0] = rewriter.getIndexAttr(1);
  scf::SCFTilingOptions options;
  options.setTileSizes(sizes);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(conv.getOperation()), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return nullptr;
  rewriter.replaceOp(conv, tiled->replacements);
  return dyn_cast<linalg::Conv2DNchwFchwOp>(tiled->tiledOps.front());
}

/// The elementwise op that consumes a convolution's result (its bias and
/// activation, after elementwise fusion), if it iterates over the same
/// output.
linalg::GenericOp elementwiseConsumer(linalg::Conv2DNchwFchwOp conv) {
  Value result = conv->getResult(0);
  if (!result.hasOneUse())
    return nullptr;
  auto consumer = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!consumer || consumer.getNumLoops() != 4 ||
      consumer.getNumParallelLoops() != 4 || consumer->getNumResults() != 1 ||
      consumer->getResult(0).getType() != result.getType())
    return nullptr;
  return consumer;
}

/// Tiles `consumer` by one image and fuses the convolution (with its initial
/// fill) into the loop, so that each image's convolution, bias and
/// activation run together on small buffers; returns that convolution.
linalg::Conv2DNchwFchwOp tileBatchWithConsumer(RewriterBase &rewriter,
                                               linalg::Conv2DNchwFchwOp conv,
                                               linalg::GenericOp consumer) {
  SmallVector<OpFoldResult> sizes(4, rewriter.getIndexAttr(0));
  sizes[0] = rewriter.getIndexAttr(1);
  scf::SCFTileAndFuseOptions options;
  options.tilingOptions.setTileSizes(sizes);
  Operation *convOp = conv;
  options.setFusionControlFn(
      [convOp](tensor::ExtractSliceOp, OpResult producer, bool)
          -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        Operation *op = producer.getOwner();
        if (op == convOp || isa<linalg::FillOp>(op))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(consumer);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(consumer.getOperation()), options);
  if (failed(fused))
    return nullptr;
  Value original = consumer->getResult(0);
  rewriter.replaceAllUsesWith(original, fused->replacements.lookup(original));
  // The untiled ops are dead now; the canonicalizer removes them.
  linalg::Conv2DNchwFchwOp tiledConv;
  for (Operation *op : fused->tiledAndFusedOps)
    if (auto candidate = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
      tiledConv = candidate;
  return tiledConv;
}

struct ConvToIm2ColPass : kiln::impl::ConvToIm2ColBase<ConvToIm2ColPass> {
  void runOnOperation() override {
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    getOperation()->walk(
        [&](linalg::Conv2DNchwFchwOp conv) { convs.push_back(conv); });
    IRRewriter rewriter(&getContext());
    for (linalg::Conv2DNchwFchwOp conv : convs) {
      if (!conv.hasPureTensorSemantics())
        continue;
      rewriter.setInsertionPoint(conv);
      // One image at a time: a dynamic batch makes each image's convolution
      // static, and a static batch keeps im2col buffers small. Other dynamic
      // convolutions stay as they are and lower to loops.
      if (!hasDynamicBatchOnly(conv))
        continue;
      if (!hasStaticShapes(conv) || batchSize(conv) > 1) {
        linalg::GenericOp consumer = elementwiseConsumer(conv);
        conv = consumer ? tileBatchWithConsumer(rewriter, conv, consumer)
                        : tileBatch(rewriter, conv);
        if (!conv)
          continue;
        rewriter.setInsertionPoint(conv);
      }
      (void)linalg::rewriteInIm2Col(rewriter, conv);
    }
  }
};

} // namespace
