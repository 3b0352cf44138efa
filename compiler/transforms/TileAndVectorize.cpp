//===- TileAndVectorize.cpp - Register tiling and vectorization -----------===//
//
// Each linalg op on tensors is tiled with scf.for loops, the loops are peeled
// so that the main iterations work on full, static tiles, and those tiles are
// vectorized. Contractions of at least 128 columns are first blocked for the
// caches: panels of 2V columns outermost, then blocks of 256 reduction steps.
// Then:
// - contractions (matmul, batch_matmul, im2col'd convolutions): an R x 2V
//   register block of the two innermost parallel dims (V = vector width,
//   R = register rows: 8 for AVX-512's 32 registers, 6 for AVX2's 16),
//   outer parallel dims by 1, the reduction dim by 1, so the tile becomes a
//   vector.contract that lowers to vector FMAs; the rows of a dynamic dim
//   left over after the blocks are tiled again one row at a time;
// - other ops: the innermost dim by V, every other dim by 1.
// Ops the vectorizer does not support (named convolutions and pooling) and
// ops that read or write i1 buffers are left for the loop lowering.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// Whether each operand is indexed by loop dims or constants only (so not,
/// for example, by the reversed indices of a flipped kernel).
bool hasSimpleIndexing(linalg::LinalgOp op) {
  return llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
    return llvm::all_of(map.getResults(), [](AffineExpr e) {
      return isa<AffineDimExpr, AffineConstantExpr>(e);
    });
  });
}

/// Whether an operand holds booleans. Kiln's buffers hold one byte per i1,
/// but LLVM packs a vector of i1 in memory into bits, so these ops are left
/// to the scalar loop lowering.
bool hasBooleanOperand(linalg::LinalgOp op) {
  return llvm::any_of(op->getOperandTypes(), [](Type type) {
    return getElementTypeOrSelf(type).isInteger(1);
  });
}

bool isVectorizationCandidate(linalg::LinalgOp op) {
  return (op.hasPureTensorSemantics() || op.hasPureBufferSemantics()) &&
         op.getNumLoops() > 0 &&
         hasSimpleIndexing(op) &&
         !hasBooleanOperand(op) &&
         (isa<linalg::GenericOp, linalg::MatmulOp, linalg::BatchMatmulOp,
              linalg::FillOp, linalg::TransposeOp, linalg::CopyOp>(
             op.getOperation()));
}

/// How a contraction's two innermost parallel dims are blocked: first into
/// register blocks of rows x 2V; then, for what remains of a dynamic row
/// dimension, into single rows.
enum class ContractionBlocking { RegisterBlock, SingleRow };

/// Tile sizes per loop, clamped to static loop ranges so that a small static
/// dim is one whole tile.
SmallVector<int64_t> chooseTileSizes(linalg::LinalgOp op, int64_t width,
                                     int64_t rows,
                                     ContractionBlocking blocking) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<int64_t> sizes(numLoops, 1);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (linalg::isaContractionOpInterface(op)) {
    SmallVector<unsigned> parallel;
    for (unsigned i = 0; i < numLoops; ++i)
      if (iterators[i] == utils::IteratorType::parallel)
        parallel.push_back(i);
    if (parallel.size() >= 2) {
      sizes[parallel[parallel.size() - 2]] =
          blocking == ContractionBlocking::RegisterBlock ? rows : 1;
      sizes[parallel.back()] = 2 * width;
    }
  } else {
    sizes.back() = width;
  }
  for (auto [size, range] : llvm::zip(sizes, op.getStaticLoopRanges()))
    if (!ShapedType::isDynamic(range) && range < size)
      size = range;
  return sizes;
}

bool hasStaticShapes(linalg::LinalgOp op) {
  return llvm::all_of(op->getOperandTypes(), [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return !shaped || shaped.hasStaticShape();
  });
}

/// Marks the tile loops of parallel dims with `kiln.parallel`, for
/// kiln-outline-parallel-loops. The loops are those of the dims with a
/// nonzero tile size, in `order` (all dims; empty: dim order). Peeling
/// copies the mark to the remainders.
void markParallelLoops(ArrayRef<LoopLikeOpInterface> loops,
                       ArrayRef<utils::IteratorType> iterators,
                       ArrayRef<int64_t> tileSizes, ArrayRef<int64_t> order) {
  SmallVector<int64_t> dims(order);
  if (dims.empty())
    dims = llvm::to_vector(llvm::seq<int64_t>(0, iterators.size()));
  auto loop = loops.begin();
  for (int64_t dim : dims) {
    if (tileSizes[dim] == 0)
      continue;
    if (loop == loops.end())
      return;
    if (iterators[dim] == utils::IteratorType::parallel)
      (*loop)->setAttr(kiln::kParallelLoopAttr,
                       UnitAttr::get((*loop)->getContext()));
    ++loop;
  }
}

/// Tiles `op` with its loops in `order` (a permutation of its dims; empty:
/// dim order), then peels every tile loop so that its main part works on
/// full, statically shaped tiles.
void tileAndPeel(RewriterBase &rewriter, linalg::LinalgOp op,
                 ArrayRef<int64_t> tileSizes, ArrayRef<int64_t> order = {}) {
  rewriter.setInsertionPoint(op);
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op.getContext(), tileSizes));
  options.setInterchange(order);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return;
  markParallelLoops(tiled->loops, op.getIteratorTypesArray(), tileSizes,
                    order);
  rewriter.replaceOp(op, tiled->replacements);
  // Innermost first, so that the remainder of an outer loop holds peeled
  // copies of the inner loops too.
  for (LoopLikeOpInterface loop : llvm::reverse(tiled->loops)) {
    auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
    scf::ForOp remainder;
    if (forOp)
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, remainder);
  }
}

/// The cache blocking of a contraction, around its register blocks: panels
/// of 2V columns, outermost (one panel per parallel task), and blocks of
/// kCacheDepth steps of the innermost reduction dim, so that a panel of the
/// right-hand side (kCacheDepth x 2V floats, 16 KiB at V = 8) stays in L1
/// while every register block of rows goes past it. Returns false (nothing
/// to block) for contractions of fewer than kMinCacheColumns columns, whose
/// row blocks are better spread over threads.
constexpr int64_t kCacheDepth = 256;
constexpr int64_t kMinCacheColumns = 128;

bool chooseCacheBlocking(linalg::LinalgOp op, int64_t width,
                         SmallVector<int64_t> &sizes,
                         SmallVector<int64_t> &order) {
  if (!linalg::isaContractionOpInterface(op))
    return false;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  std::optional<int64_t> column, depth;
  for (int64_t i = 0, e = iterators.size(); i < e; ++i) {
    if (iterators[i] == utils::IteratorType::parallel)
      column = i;
    else
      depth = i;
  }
  if (!column || !depth ||
      (!ShapedType::isDynamic(ranges[*column]) &&
       ranges[*column] < kMinCacheColumns))
    return false;
  sizes.assign(iterators.size(), 0);
  sizes[*column] = 2 * width;
  sizes[*depth] = ShapedType::isDynamic(ranges[*depth])
                      ? kCacheDepth
                      : std::min(kCacheDepth, ranges[*depth]);
  order = {*column, *depth};
  for (int64_t i = 0, e = iterators.size(); i < e; ++i)
    if (i != *column && i != *depth)
      order.push_back(i);
  return true;
}

/// Marks the inner contraction of a cache block, whose right-hand panel
/// packRightHandPanel copies into a dense stack buffer.
constexpr StringLiteral kPackRightHandAttr = "kiln.pack_rhs";

/// The input of a contraction indexed by its last parallel (column) dim and
/// not by the row dim before it: the right-hand side. Null if none.
OpOperand *rightHandOperand(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> parallel;
  for (unsigned i = 0; i < iterators.size(); ++i)
    if (iterators[i] == utils::IteratorType::parallel)
      parallel.push_back(i);
  if (parallel.size() < 2)
    return nullptr;
  unsigned column = parallel.back(), row = parallel[parallel.size() - 2];
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.isFunctionOfDim(column) && !map.isFunctionOfDim(row))
      return input;
  }
  return nullptr;
}

/// Copies the right-hand panel of a cache block (kCacheDepth x 2V floats,
/// read with the stride of a whole row of the right-hand matrix) into a
/// dense buffer, and computes the block from that copy. (The buffer is
/// 16 KiB, allocated once per block: malloc serves it from its free lists;
/// the deallocation pipeline frees it after the block.) A panel read in place
/// maps, for a power-of-two row length, to a handful of L1 sets and does not
/// stay there.
void packRightHandPanel(RewriterBase &rewriter, linalg::LinalgOp op) {
  op->removeAttr(kPackRightHandAttr);
  OpOperand *rhs = rightHandOperand(op);
  if (!rhs)
    return;
  auto type = dyn_cast<MemRefType>(rhs->get().getType());
  if (!type || !type.hasStaticShape())
    return;
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto packed = memref::AllocOp::create(
      rewriter, loc,
      MemRefType::get(type.getShape(), type.getElementType()),
      /*alignment=*/rewriter.getI64IntegerAttr(64));
  linalg::CopyOp::create(rewriter, loc, rhs->get(), packed.getResult());
  rewriter.modifyOpInPlace(op, [&] { rhs->set(packed); });
}

/// Vectorizes a linalg op whose shapes are all static.
void vectorizeStaticOp(RewriterBase &rewriter, linalg::LinalgOp op) {
  if (!hasStaticShapes(op) ||
      failed(linalg::vectorizeOpPrecondition(op)))
    return;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
      rewriter, op, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
      /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
      /*assumeDynamicDimsMatchVecSizes=*/false,
      /*createNamedContraction=*/true);
  if (failed(vectorized))
    return;
  if (op->getNumResults() > 0)
    rewriter.replaceOp(op, vectorized->replacements);
  else
    rewriter.eraseOp(op);
}

struct TileAndVectorizePass
    : kiln::impl::TileAndVectorizeBase<TileAndVectorizePass> {
  using TileAndVectorizeBase::TileAndVectorizeBase;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Cache blocks of contractions first, then register blocks inside them.
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isVectorizationCandidate(op))
        ops.push_back(op);
    });
    for (linalg::LinalgOp op : ops) {
      SmallVector<int64_t> sizes, order;
      if (op.hasPureBufferSemantics() &&
          chooseCacheBlocking(op, vectorWidth, sizes, order)) {
        op->setAttr(kPackRightHandAttr, rewriter.getUnitAttr());
        tileAndPeel(rewriter, op, sizes, order);
      }
    }
    if (failed(foldStaticTileShapes()))
      return signalPassFailure();
    // Peeling copied the mark into every block, full or partial.
    SmallVector<linalg::LinalgOp> blocks;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kPackRightHandAttr))
        blocks.push_back(op);
    });
    for (linalg::LinalgOp op : blocks)
      packRightHandPanel(rewriter, op);
    // Register blocks; then single rows for the part of a dynamic row
    // dimension (the batch) that is not a whole number of blocks.
    for (ContractionBlocking blocking :
         {ContractionBlocking::RegisterBlock, ContractionBlocking::SingleRow}) {
      bool firstRound = blocking == ContractionBlocking::RegisterBlock;
      SmallVector<linalg::LinalgOp> candidates;
      getOperation().walk([&](linalg::LinalgOp op) {
        if (isVectorizationCandidate(op) &&
            (firstRound ||
             (linalg::isaContractionOpInterface(op) && !hasStaticShapes(op))))
          candidates.push_back(op);
      });
      for (linalg::LinalgOp op : candidates)
        tileAndPeel(rewriter, op,
                    chooseTileSizes(op, vectorWidth, registerRows, blocking));
      if (failed(foldStaticTileShapes()))
        return signalPassFailure();
      SmallVector<linalg::LinalgOp> tiles;
      getOperation().walk([&](linalg::LinalgOp op) {
        if (isVectorizationCandidate(op))
          tiles.push_back(op);
      });
      for (linalg::LinalgOp op : tiles)
        vectorizeStaticOp(rewriter, op);
    }
  }

  /// Folds the peeled loops' bounds into static tile shapes.
  LogicalResult foldStaticTileShapes() {
    RewritePatternSet patterns(&getContext());
    scf::populateSCFForLoopCanonicalizationPatterns(patterns);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    for (Dialect *dialect : getContext().getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : getContext().getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, &getContext());
    return applyPatternsGreedily(getOperation(), std::move(patterns));
  }
};

} // namespace
