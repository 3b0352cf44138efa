//===- Summary.h - Keras-style summary of imported models -------*- C++ -*-===//

#ifndef KILN_FRONTEND_DSL_SUMMARY_H
#define KILN_FRONTEND_DSL_SUMMARY_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::dsl {

/// Prints, for each model of a module built by importModelFile, a table of
/// its layers (name and type, output shape, parameter count) followed by the
/// total, trainable and non-trainable parameter counts, as Keras prints them.
void printSummary(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_SUMMARY_H
