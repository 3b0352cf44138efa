//===- Pipelines.cpp - Kiln's named pass pipelines ------------------------===//

#include "compiler/pipelines/Pipelines.h"

#include "compiler/conversion/Passes.h"
#include "compiler/target/Passes.h"
#include "compiler/transforms/Passes.h"

#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

using namespace mlir;

namespace kiln {

/// Appends a textual pipeline of upstream passes; they are looked up by
/// name, which keeps this file independent of their C++ option structs.
static void addTextual(OpPassManager &pm, StringRef pipeline) {
  static std::once_flag registered;
  std::call_once(registered, [] { registerAllPasses(); });
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("invalid built-in pass pipeline: " + pipeline);
}

void buildKilnToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createGenerateGradients());
  pm.addPass(createMaterializeParameters());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLowerRecurrent());
  pm.addPass(createDecompose());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createRecordEntryPoints());
  pm.addPass(createConvertKilnToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createVerifyBatchDims());
}

void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options) {
  OpPassManager &func = pm.nest<func::FuncOp>();
  addTextual(func, "linalg-fuse-elementwise-ops");
  func.addPass(createConvToIm2Col());
  func.addPass(createCanonicalizerPass());
  func.addPass(createCSEPass());
  addTextual(pm, "one-shot-bufferize{bufferize-function-boundaries "
                 "function-boundary-type-conversion=identity-layout-map},"
                 "buffer-results-to-out-params{modify-public-functions "
                 "hoist-static-allocs},"
                 "canonicalize");
  // Tiling and vectorization run on buffers: on tensors, the many slices of
  // the tile loops make one-shot bufferization's analysis very slow.
  OpPassManager &buffers = pm.nest<func::FuncOp>();
  // Before tiling, while each output is written by whole linalg ops.
  buffers.addPass(createGuardInPlaceOutputs());
  buffers.addPass(createLowerStridedCopies());
  TileAndVectorizeOptions tiling;
  tiling.vectorWidth = options.vectorWidth;
  tiling.registerRows = options.registerRows;
  buffers.addPass(createTileAndVectorize(tiling));
  buffers.addPass(createApproximateMath());
  buffers.addPass(createCanonicalizerPass());
  buffers.addPass(createCSEPass());
  addTextual(pm, "buffer-deallocation-pipeline,"
                 "convert-bufferization-to-memref,"
                 "func.func(fold-memref-alias-ops)");
  pm.nest<func::FuncOp>().addPass(createHoistVectorTransfers());
  pm.addPass(createOutlineParallelLoops());
  addTextual(pm, "func.func(convert-linalg-to-loops),"
                 "func.func(lower-vector-mask),"
                 "func.func(lower-vector-multi-reduction),"
                 "convert-vector-to-scf{full-unroll},"
                 "lower-affine,"
                 "expand-strided-metadata,"
                 "lower-affine,"
                 "convert-scf-to-cf,"
                 "convert-math-to-funcs,"
                 "canonicalize,"
                 // Math ops that kiln-approximate-math leaves (float64, sin,
                 // asinh, ...) become libm calls, one per vector lane: before
                 // the vector lowering, which lowers the lanes' extracts and
                 // inserts.
                 "convert-math-to-llvm,"
                 "convert-math-to-libm,"
                 "convert-vector-to-llvm{vector-contract-lowering=outerproduct "
                 "reassociate-fp-reductions},"
                 "finalize-memref-to-llvm,"
                 "convert-arith-to-llvm,"
                 "convert-index-to-llvm,"
                 "convert-cf-to-llvm,"
                 "convert-ub-to-llvm,"
                 "convert-func-to-llvm,"
                 "reconcile-unrealized-casts,"
                 "canonicalize,cse");
  pm.addPass(createDispatchParallelCalls());
  pm.addPass(createEmitEntryPoints());
}

void buildKilnCpuPipeline(OpPassManager &pm,
                          const CpuPipelineOptions &options) {
  buildKilnToLinalgPipeline(pm);
  buildLinalgToLLVMPipeline(pm, options);
}

void registerKilnPassesAndPipelines() {
  registerKilnTransformsPasses();
  registerKilnConversionPasses();
  registerKilnTargetPasses();
  PassPipelineRegistration<>("kiln-to-linalg-pipeline",
                             "Lower the kiln dialect to linalg on tensors",
                             buildKilnToLinalgPipeline);
  PassPipelineRegistration<>(
      "kiln-linalg-to-llvm-pipeline",
      "Fuse, tile, vectorize, bufferize and lower linalg to the LLVM dialect",
      [](OpPassManager &pm) { buildLinalgToLLVMPipeline(pm, {}); });
  PassPipelineRegistration<>(
      "kiln-cpu-pipeline", "Lower the kiln dialect to the LLVM dialect",
      [](OpPassManager &pm) { buildKilnCpuPipeline(pm, {}); });
}

} // namespace kiln
