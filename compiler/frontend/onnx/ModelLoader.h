//===- ModelLoader.h - Read and check an ONNX model file --------*- C++ -*-===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_MODELLOADER_H
#define KILN_COMPILER_FRONTEND_ONNX_MODELLOADER_H

#include "llvm/Support/Error.h"
#include <memory>

namespace onnx {
class ModelProto;
} // namespace onnx

namespace kiln::onnx_import {

/// The oldest and newest IR versions and default-domain opsets Kiln reads.
/// Opsets before 7 differ mostly in attributes (elementwise `broadcast` and
/// `axis`, BatchNormalization's `is_test`), which the importers handle.
inline constexpr int64_t kMinIrVersion = 3, kMaxIrVersion = 8;
inline constexpr int64_t kMinOpset = 1, kMaxOpset = 17;

struct LoadedModel {
  std::unique_ptr<onnx::ModelProto> proto;
  /// The default domain's opset.
  int64_t opset = 0;
};

/// Parses the model at `path`, checks its IR version and opsets, and loads
/// the external data of its tensors (files beside the model) into raw_data.
llvm::Expected<LoadedModel> loadModel(llvm::StringRef path);
/// The same for a model already in memory; `path` names it and places its
/// external data.
llvm::Expected<LoadedModel> loadModel(llvm::StringRef bytes,
                                      llvm::StringRef path);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_MODELLOADER_H
