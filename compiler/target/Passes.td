//===- Passes.td - Kiln's artifact passes ------------------*- tablegen -*-===//

#ifndef KILN_TARGET_PASSES
#define KILN_TARGET_PASSES

include "mlir/Pass/PassBase.td"

def EmitEntryPoints : Pass<"kiln-emit-entry-points", "mlir::ModuleOp"> {
  let summary = "Emit the C entry points and the manifest of a Kiln artifact";
  let description = [{
    Runs on the LLVM dialect. For each function recorded in the module's
    `kiln.entry_points` attribute, emits `F(int64_t batch, ptrs...)` and
    `F_packed(const int64_t *dims, void *const *buffers)`, which build the
    memref descriptors of `__kiln_impl_F` from caller-provided dense
    buffers, plus the `__kiln_manifest` and `__kiln_abi_version` globals
    (docs/abi.md).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def DispatchParallelCalls : Pass<"kiln-dispatch-parallel-calls", "mlir::ModuleOp"> {
  let summary = "Run outlined parallel loops through kiln_parallel_for";
  let description = [{
    Runs on the LLVM dialect. Each call of a function marked
    `kiln.parallel_body` (kiln-outline-parallel-loops), whose first two
    arguments are an iteration range [begin, end), becomes a call of
    `kiln_parallel_for(task, ctx, begin, end)`: ctx is a stack struct that
    holds the call's other arguments, and the new internal function
    `<body>_task(ctx, begin, end)` unpacks them and calls the body. The
    thread pool (runtime/src/parallel/ParallelFor.c) runs the chunks of the
    range on its threads. The mark is removed.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // KILN_TARGET_PASSES
