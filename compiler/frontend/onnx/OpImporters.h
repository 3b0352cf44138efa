//===- OpImporters.h - The registry of ONNX op importers --------*- C++ -*-===//
//
// Each file of importers registers its op types in one function declared
// here; OpImporterRegistry::get() holds them all. A folder, registered the same
// way, evaluates a node at import time when all its inputs are KnownInts
// (shape arithmetic); it returns failure to let the importer handle the node.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_OPIMPORTERS_H
#define KILN_COMPILER_FRONTEND_ONNX_OPIMPORTERS_H

#include "compiler/frontend/onnx/NodeImporter.h"
#include "llvm/ADT/StringMap.h"

namespace kiln::onnx_import {

using OpImporterFn = mlir::LogicalResult (*)(NodeImporter &node);
using KnownFolderFn = mlir::LogicalResult (*)(NodeImporter &node);

class OpImporterRegistry {
public:
  /// The registry with every importer of Kiln.
  static const OpImporterRegistry &get();

  void add(llvm::StringRef opType, OpImporterFn importer);
  void addFolder(llvm::StringRef opType, KnownFolderFn folder);
  OpImporterFn lookup(llvm::StringRef opType) const;
  KnownFolderFn lookupFolder(llvm::StringRef opType) const;

private:
  llvm::StringMap<OpImporterFn> importers;
  llvm::StringMap<KnownFolderFn> folders;
};

/// `x` converted to the element type `to` (kiln.cast); `x` itself when it
/// has that type already.
mlir::FailureOr<mlir::Value> castTo(NodeImporter &node, mlir::Value x,
                                    mlir::Type to);

void registerElementwiseImporters(OpImporterRegistry &registry);
void registerNeuralNetworkImporters(OpImporterRegistry &registry);
void registerNormalizationImporters(OpImporterRegistry &registry);
void registerReductionImporters(OpImporterRegistry &registry);
void registerRecurrentImporters(OpImporterRegistry &registry);
void registerShapeImporters(OpImporterRegistry &registry);
void registerKnownIntFolders(OpImporterRegistry &registry);
void registerGeneratorImporters(OpImporterRegistry &registry);
void registerLossImporters(OpImporterRegistry &registry);
void registerLogicImporters(OpImporterRegistry &registry);
void registerMathImporters(OpImporterRegistry &registry);

/// Before opset 7, `broadcast = 1` let the second operand of a binary op
/// broadcast, aligned with the first from `axis` (default: its trailing
/// dimensions): `rhs` reshaped for NumPy broadcasting.
mlir::FailureOr<mlir::Value> alignLegacyBroadcast(NodeImporter &node,
                                                  mlir::Value lhs,
                                                  mlir::Value rhs);
void registerIndexingImporters(OpImporterRegistry &registry);
void registerRearrangeImporters(OpImporterRegistry &registry);
void registerResizeImporters(OpImporterRegistry &registry);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_OPIMPORTERS_H
