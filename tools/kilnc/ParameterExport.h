//===- ParameterExport.h - Parameters as .npy files -------------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNC_PARAMETEREXPORT_H
#define KILN_TOOLS_KILNC_PARAMETEREXPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace kiln {

/// Writes each materialized parameter (a kiln.constant carrying `kiln.name`)
/// to `directory`/<name>.npy, '/' in names becoming '.'.
llvm::Error exportParameters(mlir::ModuleOp module, llvm::StringRef directory);

} // namespace kiln

#endif // KILN_TOOLS_KILNC_PARAMETEREXPORT_H
