//===- Import.h - Import of .kiln model files -------------------*- C++ -*-===//
//
// The model-language frontend's entry points: a .kiln file becomes a module of
// kiln-dialect functions, one per model; a summary of the layers of each
// model can be printed from that module.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_IMPORT_H
#define KILN_FRONTEND_DSL_IMPORT_H

#include "compiler/frontend/dsl/Summary.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

namespace kiln::dsl {

/// Parses the .kiln file held as the main buffer of `sourceMgr` and builds a
/// module with one public func.func per model. Errors are emitted as MLIR
/// diagnostics on FileLineColLoc locations of the source. Returns null on any
/// error.
mlir::OwningOpRef<mlir::ModuleOp> importModelFile(llvm::SourceMgr &sourceMgr,
                                                  mlir::MLIRContext &context);

/// Parses the main buffer of `sourceMgr`, a file of train sections only,
/// and adds their loss functions to `module`, whose functions are the models
/// they train (an imported ONNX graph: inputs and outputs are named by the
/// `kiln.name` of its arguments and results). Errors are emitted as MLIR
/// diagnostics at the source; `module` is unchanged on error.
mlir::LogicalResult addTrainSections(llvm::SourceMgr &sourceMgr,
                                     mlir::ModuleOp module);

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_IMPORT_H
