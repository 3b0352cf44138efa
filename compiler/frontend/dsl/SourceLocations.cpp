//===- SourceLocations.cpp - Source positions as MLIR locations ----------===//

#include "compiler/frontend/dsl/SourceLocations.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace kiln::dsl;

SourceLocations::SourceLocations(llvm::SourceMgr &sourceMgr,
                                 mlir::MLIRContext &context)
    : sourceMgr(sourceMgr), context(context),
      bufferId(sourceMgr.getMainFileID()),
      bufferName(
          sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier().str()) {}

llvm::StringRef SourceLocations::getBuffer() const {
  return sourceMgr.getMemoryBuffer(bufferId)->getBuffer();
}

mlir::Location SourceLocations::get(llvm::SMLoc loc) const {
  if (!loc.isValid())
    return mlir::FileLineColLoc::get(&context, bufferName, 1, 1);
  auto [line, column] = sourceMgr.getLineAndColumn(loc, bufferId);
  return mlir::FileLineColLoc::get(&context, bufferName, line, column);
}

mlir::InFlightDiagnostic
SourceLocations::emitError(llvm::SMLoc loc, const llvm::Twine &message) const {
  return mlir::emitError(get(loc), message);
}
