//===- OnnxTraining.cpp - Train sections for ONNX models ------------------===//

#include "tools/kilnc/OnnxTraining.h"

#include "compiler/frontend/dsl/Import.h"
#include "dialects/kiln/KilnOps.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using namespace mlir;

namespace kiln {
namespace {

/// Whether `location` lies in the file `path`.
bool isIn(Location location, StringRef path) {
  bool found = false;
  location->walk([&](Location inner) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(inner))
      found = fileLoc.getFilename() == path;
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

} // namespace

OnnxTrainSection::OnnxTrainSection(MLIRContext &context, SourceMgr &sourceMgr,
                                   SourceMgrDiagnosticHandler &fileDiagnostics)
    : sourceMgr(sourceMgr), fileDiagnostics(fileDiagnostics),
      handler(&context, [this](Diagnostic &diagnostic) -> LogicalResult {
        if (flagSection && flagSection->print(diagnostic, errs()))
          return success();
        if (sectionPath.empty() ||
            !isIn(diagnostic.getLocation(), sectionPath))
          return failure();
        this->fileDiagnostics.emitDiagnostic(diagnostic.getLocation(),
                                             diagnostic.str(),
                                             diagnostic.getSeverity());
        for (Diagnostic &note : diagnostic.getNotes())
          this->fileDiagnostics.emitDiagnostic(note.getLocation(), note.str(),
                                               note.getSeverity());
        return success();
      }) {}

LogicalResult OnnxTrainSection::add(ModuleOp module, StringRef model,
                                    StringRef path,
                                    const TrainSectionFlags &flags) {
  std::unique_ptr<MemoryBuffer> buffer;
  if (!path.empty()) {
    auto file = MemoryBuffer::getFile(path);
    if (std::error_code ec = file.getError()) {
      WithColor::error(errs(), "kilnc")
          << "cannot read '" << path << "': " << ec.message() << "\n";
      return failure();
    }
    buffer = std::move(*file);
    sectionPath = path.str();
  } else {
    Expected<FlagTrainSection> section = FlagTrainSection::build(model, flags);
    if (!section) {
      WithColor::error(errs(), "kilnc") << toString(section.takeError())
                                        << "\n";
      return failure();
    }
    flagSection = std::move(*section);
    buffer = MemoryBuffer::getMemBufferCopy(flagSection->text(),
                                            FlagTrainSection::kBufferName);
  }
  // The section is the main (first) buffer: an ONNX import adds none.
  assert(sourceMgr.getNumBuffers() == 0 && "the section must be the main buffer");
  sourceMgr.AddNewSourceBuffer(std::move(buffer), SMLoc());
  return dsl::addTrainSections(sourceMgr, module);
}

bool hasParameters(ModuleOp module) {
  bool found = false;
  module.walk([&](ParameterOp) {
    found = true;
    return WalkResult::interrupt();
  });
  return found;
}

} // namespace kiln
