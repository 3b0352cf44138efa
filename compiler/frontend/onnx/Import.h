//===- Import.h - ONNX models to the kiln dialect ---------------*- C++ -*-===//
//
// Reads an ONNX model (ModelProto, IR versions 3 to 8, default-domain opsets
// 7 to 17), with its external data files, and builds one function in the
// kiln dialect: the graph's inputs become arguments (symbolic or unnamed
// dimensions become dynamic), initializers become kiln.constant ops (or, for
// training, kiln.parameter ops), and each node becomes kiln ops through the
// importer registered for its op type.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_IMPORT_H
#define KILN_COMPILER_FRONTEND_ONNX_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace kiln::onnx_import {

struct ImportOptions {
  /// Floating-point initializers become kiln.parameter ops named after the
  /// initializer, with the initializer's data as their `value`, so that the
  /// model can be trained; BatchNormalization's mean and variance become
  /// non-trainable parameters. Initializers that importers read as constant
  /// inputs (shapes, axes, scales) and integer initializers stay constants.
  bool initializersAsParameters = false;
};

/// Imports the model at `path`. Every problem is reported as an error
/// diagnostic naming the file and, where there is one, the node (its name,
/// op type and opset); the result is then null.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(llvm::StringRef path, mlir::MLIRContext &context,
               const ImportOptions &options = {});

/// Imports a model held in memory; `path` names it in diagnostics and
/// places its external data files.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModel(llvm::StringRef bytes, llvm::StringRef path,
                mlir::MLIRContext &context, const ImportOptions &options = {});

/// The name of the model's function: `path`'s stem as a C identifier.
std::string entryPointName(llvm::StringRef path);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_IMPORT_H
