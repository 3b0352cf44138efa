//===- Pipelines.h - Kiln's named pass pipelines ----------------*- C++ -*-===//
//
// The pipelines that kilnc runs and kiln-opt registers:
//   kiln-to-linalg-pipeline   kiln dialect -> linalg on tensors
//   kiln-linalg-to-llvm-pipeline  linalg on tensors -> LLVM dialect + C ABI
//   kiln-cpu-pipeline         both
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PIPELINES_PIPELINES_H
#define KILN_COMPILER_PIPELINES_PIPELINES_H

#include <cstdint>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace kiln {

struct CpuPipelineOptions {
  /// Elements per vector register for tiling (16 = AVX-512 float32).
  int64_t vectorWidth = 16;
  /// Rows of a contraction's register block of rows x 2 vectors: 8 keeps
  /// 16 accumulators in AVX-512's 32 registers, 6 keeps 12 in AVX2's 16.
  int64_t registerRows = 8;
};

void buildKilnToLinalgPipeline(mlir::OpPassManager &pm);
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const CpuPipelineOptions &options);
void buildKilnCpuPipeline(mlir::OpPassManager &pm,
                          const CpuPipelineOptions &options);

/// Registers Kiln's passes and the pipelines above with the pass registry.
void registerKilnPassesAndPipelines();

} // namespace kiln

#endif // KILN_COMPILER_PIPELINES_PIPELINES_H
