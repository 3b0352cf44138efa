//===- NodeImporter.h - What an op importer sees of one node ----*- C++ -*-===//
//
// An importer for one ONNX op type is a function
//
//   mlir::LogicalResult importConv(NodeImporter &node);
//
// registered by op type in an OpImporterRegistry (OpImporters.h). It reads the
// node's inputs and attributes through NodeImporter, builds kiln ops with
// `create<OpTy>` and sets the node's outputs. Attribute defaults and opset
// differences are the importer's business; `opset()` is the model's opset of
// the default domain. Every failure goes through `error(...)`, which names the
// node, its op type and the opset; importers never assert on bad models.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H
#define KILN_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H

#include "compiler/frontend/onnx/KnownInts.h"
#include "dialects/kiln/CheckedBuild.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

#include <initializer_list>

namespace onnx {
class NodeProto;
class AttributeProto;
} // namespace onnx

namespace kiln::onnx_import {

class GraphImporter;

class NodeImporter {
public:
  NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
               mlir::Location location);

  //===--- The node ------------------------------------------------------===//
  llvm::StringRef opType() const;
  llvm::StringRef name() const;
  int64_t opset() const;
  mlir::OpBuilder &builder();
  mlir::MLIRContext *context();
  mlir::Location loc() const { return location; }

  //===--- Inputs --------------------------------------------------------===//
  unsigned numInputs() const;
  /// Whether input `i` is given (present and not the empty name).
  bool hasInput(unsigned i) const;
  /// The name of the value given as input `i`.
  llvm::StringRef inputName(unsigned i) const;
  /// Input `i` as an SSA value; an error when it is missing.
  mlir::FailureOr<mlir::Value> input(unsigned i);
  /// The type of a present input.
  mlir::RankedTensorType inputType(unsigned i);
  /// Input `i`'s dynamic dimension as a multiple of the batch size N.
  /// Fails (with an error) when the input has no single dynamic dimension
  /// whose multiple is known.
  mlir::FailureOr<SymbolicInt> dynamicDim(unsigned i);
  /// The elements of an integer input known at import time, or null.
  const KnownInts *knownInput(unsigned i);
  /// Input `i`'s constant value, or null when it is not a constant.
  mlir::DenseElementsAttr constantInput(unsigned i);
  /// The integers of a constant input (axes, pads, shapes...); an error
  /// naming `what` when it is missing, not constant or depends on the batch.
  mlir::FailureOr<llvm::SmallVector<int64_t>> staticInts(unsigned i,
                                                         llvm::StringRef what);

  //===--- Attributes ----------------------------------------------------===//
  /// Fails (with an error) when the node has an attribute not in `known`.
  mlir::LogicalResult checkAttributes(std::initializer_list<llvm::StringRef> known);
  bool hasAttr(llvm::StringRef name) const;
  /// Typed attribute reads; a wrong attribute type is an error that makes
  /// the node fail after its importer returns.
  int64_t intAttr(llvm::StringRef name, int64_t defaultValue);
  double floatAttr(llvm::StringRef name, double defaultValue);
  std::string stringAttr(llvm::StringRef name, llvm::StringRef defaultValue);
  llvm::SmallVector<int64_t> intsAttr(llvm::StringRef name,
                                      llvm::ArrayRef<int64_t> defaultValue = {});
  llvm::SmallVector<double> floatsAttr(llvm::StringRef name);
  llvm::SmallVector<std::string> stringsAttr(llvm::StringRef name);
  /// A tensor attribute (Constant's `value`, ConstantOfShape's `value`).
  mlir::FailureOr<mlir::DenseElementsAttr> tensorAttr(llvm::StringRef name);

  //===--- Outputs -------------------------------------------------------===//
  unsigned numOutputs() const;
  /// Whether output `i` is wanted (present and not the empty name).
  bool hasOutput(unsigned i) const;
  void setOutput(unsigned i, mlir::Value value);
  void setKnownOutput(unsigned i, KnownInts known);
  /// Sets output `i` from `result`, or fails when `result` failed.
  mlir::LogicalResult setResult(mlir::FailureOr<mlir::Value> result,
                                unsigned i = 0);

  //===--- Building and errors --------------------------------------------===//
  /// An error about this node; always returns failure.
  mlir::LogicalResult error(const llvm::Twine &message);
  bool hadError() const { return failedAttribute; }

  template <typename OpTy>
  mlir::FailureOr<mlir::Value>
  create(mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    return buildChecked<OpTy>(builder(), location, operands, attributes);
  }
  mlir::NamedAttribute i64Attr(llvm::StringRef name, int64_t value);
  mlir::NamedAttribute f64Attr(llvm::StringRef name, double value);
  mlir::NamedAttribute boolAttr(llvm::StringRef name, bool value);
  mlir::NamedAttribute i64ArrayAttr(llvm::StringRef name,
                                    llvm::ArrayRef<int64_t> values);
  /// A rank-0 constant of `elementType` holding `value`.
  mlir::Value scalar(double value, mlir::Type elementType);
  /// Records `value`'s dynamic dimension as `multiple` times the batch size,
  /// for a value built from something other than a kiln op.
  void setBatchMultiple(mlir::Value value, int64_t multiple);
  /// The value of a dimension known as `size`, as an index.
  mlir::Value dimensionSize(SymbolicInt size);
  /// A constant tensor.
  mlir::Value constant(mlir::DenseElementsAttr value);

private:
  const onnx::AttributeProto *attribute(llvm::StringRef name) const;
  bool attributeTypeIs(const onnx::AttributeProto *attr, int type,
                       llvm::StringRef typeName);

  GraphImporter &graph;
  const onnx::NodeProto &node;
  mlir::Location location;
  bool failedAttribute = false;
};

/// A failed FailureOr<Value>, for chains like `ok ? next() : noValue()`.
inline mlir::FailureOr<mlir::Value> noValue() { return mlir::failure(); }

/// `shape` with -1 in place of each dynamic dimension: the form kiln.reshape
/// takes.
llvm::SmallVector<int64_t> reshapeTarget(llvm::ArrayRef<int64_t> shape);

/// Normalizes `axis` against `rank` (ONNX allows negative axes); reports an
/// error on `node` when it is out of range.
mlir::FailureOr<int64_t> normalizeAxis(NodeImporter &node, int64_t axis,
                                       int64_t rank);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H
