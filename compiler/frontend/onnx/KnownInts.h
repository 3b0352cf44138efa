//===- KnownInts.h - Integer tensors known while importing ------*- C++ -*-===//
//
// Exported models compute shapes at run time: Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape. Kiln's ops take shapes as attributes, so the importer
// evaluates such integer computations itself. Each element is known exactly,
// or known as a multiple of the batch size N (the one dynamic dimension Kiln
// allows), which is enough for a reshape to place its -1.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_KNOWNINTS_H
#define KILN_COMPILER_FRONTEND_ONNX_KNOWNINTS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace kiln::onnx_import {

/// `coefficient`, or `coefficient * N` when `timesBatch`.
struct SymbolicInt {
  int64_t coefficient = 0;
  bool timesBatch = false;

  static SymbolicInt constant(int64_t value) { return {value, false}; }
  static SymbolicInt batch() { return {1, true}; }
  bool isConstant() const { return !timesBatch; }
  bool operator==(const SymbolicInt &other) const {
    return coefficient == other.coefficient && timesBatch == other.timesBatch;
  }
};

/// An integer (or bool) tensor of known elements, in row-major order.
struct KnownInts {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<SymbolicInt> elements;
  mlir::Type elementType;

  /// Small integer tensors are tracked; larger ones are ordinary values.
  static constexpr size_t kMaxElements = 4096;

  static std::optional<KnownInts> fromAttr(mlir::DenseElementsAttr value);
  static KnownInts vector(llvm::ArrayRef<SymbolicInt> elements,
                          mlir::Type elementType);
  bool isStatic() const;
  /// The elements, when none depends on the batch size.
  std::optional<llvm::SmallVector<int64_t>> values() const;
  /// The tensor as an attribute; null when an element depends on N.
  mlir::DenseElementsAttr toAttr() const;
};

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_KNOWNINTS_H
