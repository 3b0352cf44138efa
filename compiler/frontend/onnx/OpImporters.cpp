//===- OpImporters.cpp - The registry of ONNX op importers ----------------===//

#include "compiler/frontend/onnx/OpImporters.h"

namespace kiln::onnx_import {

const OpImporterRegistry &OpImporterRegistry::get() {
  static const OpImporterRegistry registry = [] {
    OpImporterRegistry r;
    registerElementwiseImporters(r);
    registerNeuralNetworkImporters(r);
    registerNormalizationImporters(r);
    registerReductionImporters(r);
    registerRecurrentImporters(r);
    registerShapeImporters(r);
    registerKnownIntFolders(r);
    registerLogicImporters(r);
    registerLossImporters(r);
    registerGeneratorImporters(r);
    registerMathImporters(r);
    registerIndexingImporters(r);
    registerRearrangeImporters(r);
    registerResizeImporters(r);
    return r;
  }();
  return registry;
}

void OpImporterRegistry::add(llvm::StringRef opType, OpImporterFn importer) {
  importers[opType] = importer;
}

void OpImporterRegistry::addFolder(llvm::StringRef opType,
                                   KnownFolderFn folder) {
  folders[opType] = folder;
}

OpImporterFn OpImporterRegistry::lookup(llvm::StringRef opType) const {
  auto it = importers.find(opType);
  return it == importers.end() ? nullptr : it->second;
}

KnownFolderFn OpImporterRegistry::lookupFolder(llvm::StringRef opType) const {
  auto it = folders.find(opType);
  return it == folders.end() ? nullptr : it->second;
}

} // namespace kiln::onnx_import
