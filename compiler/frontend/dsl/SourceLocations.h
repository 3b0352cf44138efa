//===- SourceLocations.h - Source positions as MLIR locations ---*- C++ -*-===//
//
// Turns positions in the .kiln buffer into FileLineColLoc locations and emits
// errors on them, so that a SourceMgrDiagnosticHandler prints the source line
// and a caret under the offending token.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_SOURCELOCATIONS_H
#define KILN_FRONTEND_DSL_SOURCELOCATIONS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/SourceMgr.h"

namespace kiln::dsl {

class SourceLocations {
public:
  SourceLocations(llvm::SourceMgr &sourceMgr, mlir::MLIRContext &context);

  mlir::Location get(llvm::SMLoc loc) const;
  mlir::InFlightDiagnostic emitError(llvm::SMLoc loc,
                                     const llvm::Twine &message) const;

  /// The buffer's identifier as the user named it.
  llvm::StringRef getBufferName() const { return bufferName; }
  llvm::StringRef getBuffer() const;
  mlir::MLIRContext &getContext() const { return context; }

private:
  llvm::SourceMgr &sourceMgr;
  mlir::MLIRContext &context;
  unsigned bufferId;
  std::string bufferName;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_SOURCELOCATIONS_H
