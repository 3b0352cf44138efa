//===- ShapedValues.h - Small queries on tensor-typed values ----*- C++ -*-===//
//
// Helpers shared by the kiln ops' verifiers, type inference and gradient
// rules.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_SHAPEDVALUES_H
#define KILN_DIALECT_SHAPEDVALUES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

namespace kiln {

/// The element type of a shaped value.
inline mlir::Type elementTypeOf(mlir::Value value) {
  return mlir::cast<mlir::ShapedType>(value.getType()).getElementType();
}

/// The shape of a shaped value.
inline llvm::ArrayRef<int64_t> shapeOf(mlir::Value value) {
  return mlir::cast<mlir::ShapedType>(value.getType()).getShape();
}

/// Whether two dimension sizes are both static and differ.
inline bool isKnownAndDiffers(int64_t a, int64_t b) {
  return !mlir::ShapedType::isDynamic(a) && !mlir::ShapedType::isDynamic(b) &&
         a != b;
}

} // namespace kiln

#endif // KILN_DIALECT_SHAPEDVALUES_H
