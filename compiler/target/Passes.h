//===- Passes.h - Kiln's artifact passes ------------------------*- C++ -*-===//

#ifndef KILN_COMPILER_TARGET_PASSES_H
#define KILN_COMPILER_TARGET_PASSES_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace kiln {

#define GEN_PASS_DECL
#include "compiler/target/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/target/Passes.h.inc"

} // namespace kiln

#endif // KILN_COMPILER_TARGET_PASSES_H
