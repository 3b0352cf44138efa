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
      if (!hasStaticShapes(conv)) {
        // Other dynamic convolutions stay as they are and lower to loops.
        if (!hasDynamicBatchOnly(conv) || !(conv = tileBatch(rewriter, conv)))
          continue;
        rewriter.setInsertionPoint(conv);
      }
      (void)linalg::rewriteInIm2Col(rewriter, conv);
    }
  }
};

} // namespace
