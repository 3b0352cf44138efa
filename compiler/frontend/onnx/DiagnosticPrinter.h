//===- DiagnosticPrinter.h - Diagnostics about ONNX models ------*- C++ -*-===//
//
// An ONNX model has no source lines to point at. Diagnostics about it read
//
//   model.onnx: error: node 'Conv_3' (Conv, opset 13): <message>
//
// from the locations the importer gives ops: a NameLoc describing the node
// around a FileLineColLoc naming the file.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_DIAGNOSTICPRINTER_H
#define KILN_COMPILER_FRONTEND_ONNX_DIAGNOSTICPRINTER_H

#include "mlir/IR/Diagnostics.h"

namespace kiln::onnx_import {

class DiagnosticPrinter : public mlir::ScopedDiagnosticHandler {
public:
  DiagnosticPrinter(mlir::MLIRContext *context, llvm::raw_ostream &os);
};

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_DIAGNOSTICPRINTER_H
