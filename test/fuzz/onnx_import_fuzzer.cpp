//===- onnx_import_fuzzer.cpp - libFuzzer target for the ONNX importer ----===//
//
// Feeds arbitrary bytes to the ONNX importer as a model file. Every input
// must end in a module or in diagnostics: never a crash, an assertion, a
// sanitizer report or a hang.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/Import.h"
#include "dialects/kiln/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const mlir::DialectRegistry registry = [] {
    mlir::DialectRegistry r;
    r.insert<kiln::KilnDialect, mlir::arith::ArithDialect,
             mlir::func::FuncDialect, mlir::tensor::TensorDialect>();
    return r;
  }();
  // A fresh context per input, so that attributes do not pile up.
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  mlir::ScopedDiagnosticHandler quiet(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  (void)kiln::onnx_import::importOnnxModel(bytes, "fuzz/model.onnx", context);
  return 0;
}
