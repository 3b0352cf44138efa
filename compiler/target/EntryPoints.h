//===- EntryPoints.h - Entry-point signatures of an artifact ----*- C++ -*-===//
//
// The tensor signatures that kiln-record-entry-points stores in a module's
// `kiln.entry_points` attribute, read back as plain structs.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_ENTRYPOINTS_H
#define KILN_COMPILER_TARGET_ENTRYPOINTS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include <string>
#include <vector>

namespace kiln {

constexpr uint32_t kArtifactAbiVersion = 1;

struct TensorSignature {
  std::string name;
  mlir::RankedTensorType type;
  /// For an output `new_<name>`, the input `<name>` whose buffer it may
  /// share (docs/abi.md); empty otherwise.
  std::string inPlaceOf;
};

struct EntryPoint {
  std::string name;
  std::vector<TensorSignature> inputs, outputs;

  bool hasDynamicDims() const;
  std::string implName() const { return "__kiln_impl_" + name; }
};

/// The entry points recorded on `module`, in order.
std::vector<EntryPoint> readEntryPoints(mlir::ModuleOp module);

/// "f32", "f64", "i32", "i64" or "i1".
std::string elementTypeName(mlir::Type type);

/// The manifest text of docs/abi.md.
std::string manifestText(llvm::ArrayRef<EntryPoint> entries);

/// The C header declaring the entry points; `guard` names the include guard.
std::string headerText(llvm::ArrayRef<EntryPoint> entries,
                       llvm::StringRef guard, llvm::StringRef source);

} // namespace kiln

#endif // KILN_COMPILER_TARGET_ENTRYPOINTS_H
