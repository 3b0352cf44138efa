//===- DiagnosticPrinter.cpp - Diagnostics about ONNX models --------------===//

#include "compiler/frontend/onnx/DiagnosticPrinter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

llvm::StringRef severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

void print(llvm::raw_ostream &os, Location location,
           DiagnosticSeverity severity, const std::string &message) {
  std::string file, node;
  location->walk([&](Location inner) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(inner); fileLoc && file.empty())
      file = fileLoc.getFilename().str();
    if (auto nameLoc = dyn_cast<NameLoc>(inner); nameLoc && node.empty())
      node = nameLoc.getName().str();
    return WalkResult::advance();
  });
  if (!file.empty())
    os << file << ": ";
  os << severityName(severity) << ": ";
  if (!node.empty())
    os << node << ": ";
  os << message << "\n";
}

} // namespace

DiagnosticPrinter::DiagnosticPrinter(MLIRContext *context, llvm::raw_ostream &os)
    : ScopedDiagnosticHandler(context) {
  // An operation dump means nothing to the author of an ONNX model.
  context->printOpOnDiagnostic(false);
  setHandler([&os](Diagnostic &diagnostic) {
    print(os, diagnostic.getLocation(), diagnostic.getSeverity(),
          diagnostic.str());
    for (const Diagnostic &note : diagnostic.getNotes())
      print(os, note.getLocation(), note.getSeverity(), note.str());
    return success();
  });
}

} // namespace kiln::onnx_import
