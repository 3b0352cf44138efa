//===- Import.cpp - ONNX models to the kiln dialect -----------------------===//

#include "compiler/frontend/onnx/Import.h"
#include "compiler/frontend/onnx/GraphImporter.h"
#include "compiler/frontend/onnx/ModelLoader.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace kiln::onnx_import {

std::string entryPointName(llvm::StringRef path) {
  std::string name;
  for (char c : llvm::sys::path::stem(path))
    name.push_back(llvm::isAlnum(c) ? c : '_');
  if (name.empty() || llvm::isDigit(name.front()))
    name.insert(name.begin(), '_');
  return name;
}

namespace {

OwningOpRef<ModuleOp> importLoaded(llvm::Expected<LoadedModel> loaded,
                                   llvm::StringRef path,
                                   MLIRContext &context,
                                   const ImportOptions &options) {
  if (!loaded) {
    emitError(FileLineColLoc::get(&context, path, 0, 0))
        << llvm::toString(loaded.takeError());
    return nullptr;
  }
  GraphImporter importer(context, path, *loaded->proto, loaded->opset,
                         options);
  return importer.run();
}

} // namespace

OwningOpRef<ModuleOp> importOnnxFile(llvm::StringRef path,
                                     MLIRContext &context,
                                     const ImportOptions &options) {
  return importLoaded(loadModel(path), path, context, options);
}

OwningOpRef<ModuleOp> importOnnxModel(llvm::StringRef bytes,
                                      llvm::StringRef path,
                                      MLIRContext &context,
                                      const ImportOptions &options) {
  return importLoaded(loadModel(bytes, path), path, context, options);
}

} // namespace kiln::onnx_import
