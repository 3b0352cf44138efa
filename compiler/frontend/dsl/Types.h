//===- Types.h - Tensor types of the model language -------------*- C++ -*-===//
//
// Converts declared types such as `f32[N, 784]` to MLIR tensor types (a named
// dimension is dynamic) and prints MLIR tensor types back in that notation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_TYPES_H
#define KILN_FRONTEND_DSL_TYPES_H

#include "compiler/frontend/dsl/AST.h"
#include "mlir/IR/BuiltinTypes.h"

namespace kiln::dsl {

/// The element type called `name` (f32, f64, i32, i64, bool), or null.
mlir::Type getElementType(mlir::MLIRContext &context, llvm::StringRef name);

/// The tensor type that `spec` declares.
mlir::RankedTensorType getTensorType(mlir::MLIRContext &context,
                                     const TypeSpec &spec);

/// Whether `type` is what `spec` declares: a named dimension must be
/// dynamic, a sized one must have that size.
bool matchesSpec(mlir::RankedTensorType type, const TypeSpec &spec);

/// `type` in the model language's notation, `?` for a dynamic dimension.
std::string formatType(mlir::Type type);
/// `spec` as the user wrote it.
std::string formatTypeSpec(const TypeSpec &spec);

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_TYPES_H
