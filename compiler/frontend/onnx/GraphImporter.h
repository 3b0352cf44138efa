//===- GraphImporter.h - One ONNX graph to one kiln function ----*- C++ -*-===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_GRAPHIMPORTER_H
#define KILN_COMPILER_FRONTEND_ONNX_GRAPHIMPORTER_H

#include "compiler/frontend/onnx/Import.h"
#include "compiler/frontend/onnx/KnownInts.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace onnx {
class ModelProto;
class NodeProto;
} // namespace onnx

namespace kiln::onnx_import {

/// A value of the graph: an SSA value, integers known at import time, or
/// both (the SSA value of known integers is built on first use).
struct ImportedValue {
  mlir::Value value;
  std::optional<KnownInts> known;
};

class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &context, llvm::StringRef path,
                const onnx::ModelProto &model, int64_t opset,
                const ImportOptions &options = {});

  /// The module holding the graph's function, or null after an error.
  mlir::OwningOpRef<mlir::ModuleOp> run();

  //===--- For NodeImporter ---------------------------------------------===//
  mlir::OpBuilder &builder() { return b; }
  int64_t opset() const { return defaultOpset; }
  /// The data of the initializer `name`, or null when there is none. An
  /// initializer imported as a parameter is not a constant in the IR, but
  /// importers that need constant inputs read its data here.
  mlir::DenseElementsAttr initializerData(llvm::StringRef name) const {
    return initializers.lookup(name);
  }
  /// The value named `name`, or null when no earlier node or input defines it.
  ImportedValue *lookup(llvm::StringRef name);
  void define(llvm::StringRef name, ImportedValue value);
  /// k such that the dynamic dimension of `value` is k times the batch size
  /// N; 0 when that is unknown. Reshapes, flattens and concatenations along
  /// the batch change k; other ops keep their operands' k.
  int64_t batchMultiple(mlir::Value value);
  /// Records that the dynamic dimension of `value` is `multiple` times N.
  void setBatchMultiple(mlir::Value value, int64_t multiple) {
    batchMultiples[value] = multiple;
  }
  /// `multiple` times the batch size, as an index.
  mlir::Value batchSizeTimes(int64_t multiple, mlir::Location location);
  /// The SSA value of `value`, built from its known integers if needed.
  mlir::Value materialize(ImportedValue &value, mlir::Location location);

private:
  mlir::LogicalResult importInputs(mlir::func::FuncOp &function);
  mlir::LogicalResult importInitializers();
  mlir::LogicalResult importNode(const onnx::NodeProto &node, unsigned index);
  mlir::LogicalResult importOutputs(mlir::func::FuncOp function);
  mlir::Location graphLocation();
  mlir::Location nodeLocation(const onnx::NodeProto &node, unsigned index);
  mlir::Value batchSize(mlir::Location location);

  mlir::MLIRContext &context;
  std::string path;
  const onnx::ModelProto &model;
  int64_t defaultOpset;
  ImportOptions options;
  mlir::OpBuilder b;
  llvm::StringMap<mlir::DenseElementsAttr> initializers;
  llvm::StringMap<ImportedValue> values;
  /// A function argument and dimension holding the dynamic batch size.
  mlir::Value batchArgument;
  unsigned batchDim = 0;
  llvm::DenseMap<mlir::Value, int64_t> batchMultiples;
  /// The C names given to inputs and outputs.
  llvm::StringSet<> cNames;
};

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_GRAPHIMPORTER_H
