//===- CodeGen.h - LLVM dialect to object code, in process ------*- C++ -*-===//

#ifndef KILN_COMPILER_TARGET_CODEGEN_H
#define KILN_COMPILER_TARGET_CODEGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include <string>

namespace kiln {

struct TargetOptions {
  std::string triple;   // empty: the host
  std::string cpu;      // empty: the host CPU ("generic" when cross-compiling)
  std::string features; // empty: the host CPU's features
  unsigned optLevel = 3;
};

enum class CodeGenFileKind { LLVMIR, Assembly, Object };

/// Whether the CPU that `options` describe has `feature` (e.g. "avx512f"),
/// as LLVM's target machine for it sees it.
llvm::Expected<bool> targetHasFeature(const TargetOptions &options,
                                      llvm::StringRef feature);

/// Translates `module` (LLVM dialect) to LLVM IR, optimizes it for the
/// target and writes it as LLVM IR text, assembly or an object file.
llvm::Error emitCode(mlir::ModuleOp module, const TargetOptions &options,
                     CodeGenFileKind kind, llvm::raw_pwrite_stream &os);

/// Links `objectPath` into the shared library `outputPath` with lld, in
/// process. The library needs libm and libc at load time.
llvm::Error linkSharedLibrary(llvm::StringRef objectPath,
                              llvm::StringRef outputPath);

} // namespace kiln

#endif // KILN_COMPILER_TARGET_CODEGEN_H
