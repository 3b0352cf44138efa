//===- OnnxTraining.h - Train sections for ONNX models ----------*- C++ -*-===//
//
// An ONNX model carries no loss or optimizer. `kilnc --train model.onnx`
// takes them from a model-language file holding a train section
// (--train-section) or from flags (--loss, --labels, --optimizer, --frozen)
// and adds the section's loss function to the imported module, so that
// kiln-build-train-step builds the training artifact as for a .kiln model.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILNC_ONNXTRAINING_H
#define KILN_TOOLS_KILNC_ONNXTRAINING_H

#include "tools/kilnc/TrainSectionFlags.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/SourceMgr.h"

#include <optional>

namespace kiln {

/// The train section of an imported ONNX model. While it lives, the
/// diagnostics located in the section are printed against the section's
/// file (with its source line) or against the flag they come from.
class OnnxTrainSection {
public:
  OnnxTrainSection(mlir::MLIRContext &context, llvm::SourceMgr &sourceMgr,
                   mlir::SourceMgrDiagnosticHandler &fileDiagnostics);

  /// Adds to `module` the loss function of the train section of `model`
  /// (the name of the imported function): the file `sectionPath` when it is
  /// not empty, else the section described by `flags`. Errors are reported
  /// as diagnostics or, for unreadable files and flags that cannot be
  /// written into a section, printed; the result is then failure.
  mlir::LogicalResult add(mlir::ModuleOp module, llvm::StringRef model,
                          llvm::StringRef sectionPath,
                          const TrainSectionFlags &flags);

private:
  llvm::SourceMgr &sourceMgr;
  mlir::SourceMgrDiagnosticHandler &fileDiagnostics;
  std::optional<FlagTrainSection> flagSection;
  std::string sectionPath;
  mlir::ScopedDiagnosticHandler handler;
};

/// Whether `module` has a kiln.parameter op (an ONNX model imported for
/// training has one per floating-point weight).
bool hasParameters(mlir::ModuleOp module);

} // namespace kiln

#endif // KILN_TOOLS_KILNC_ONNXTRAINING_H
