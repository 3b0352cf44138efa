//===- Import.h - ONNX models to the kiln dialect ---------------*- C++ -*-===//
//
// Reads an ONNX model (ModelProto, IR versions 3 to 8, default-domain opsets
// 7 to 17), with its external data files, and builds one function in the
// kiln dialect: the graph's inputs become arguments (symbolic or unnamed
// dimensions become dynamic), initializers become kiln.constant ops, and each
// node becomes kiln ops through the importer registered for its op type.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_IMPORT_H
#define KILN_COMPILER_FRONTEND_ONNX_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace kiln::onnx_import {

/// Imports the model at `path`. Every problem is reported as an error
/// diagnostic naming the file and, where there is one, the node (its name,
/// op type and opset); the result is then null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxFile(llvm::StringRef path,
                                                 mlir::MLIRContext &context);

/// Imports a model held in memory; `path` names it in diagnostics and
/// places its external data files.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(llvm::StringRef bytes,
                                                  llvm::StringRef path,
                                                  mlir::MLIRContext &context);

/// The name of the model's function: `path`'s stem as a C identifier.
std::string entryPointName(llvm::StringRef path);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_IMPORT_H
