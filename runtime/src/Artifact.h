//===- Artifact.h - Loaded artifacts and their functions --------*- C++ -*-===//

#ifndef KILN_RUNTIME_ARTIFACT_H
#define KILN_RUNTIME_ARTIFACT_H

#include "kiln/runtime.h"

#include "Manifest.h"
#include "SharedLibrary.h"

#include <memory>
#include <string>
#include <vector>

namespace kiln::runtime {

/// `F_packed` of docs/abi.md.
using PackedEntry = void (*)(const int64_t *dims, void *const *buffers);

} // namespace kiln::runtime

/// Immutable once built: descriptors point into `argumentNames`, so a
/// function is created in place and never moved.
struct kiln_function {
  kiln_function(const kiln::runtime::ManifestFunction &declaration,
                kiln::runtime::PackedEntry packed);
  kiln_function(const kiln_function &) = delete;
  kiln_function &operator=(const kiln_function &) = delete;

  std::string name;
  std::vector<std::string> argumentNames;
  std::vector<kiln_tensor_desc> inputs;
  std::vector<kiln_tensor_desc> outputs;
  /// True if any argument has a dynamic dimension.
  bool batched;
  kiln::runtime::PackedEntry packed;
};

struct kiln_artifact {
  std::string path;
  kiln::runtime::SharedLibrary library;
  std::vector<std::unique_ptr<kiln_function>> functions;
};

#endif // KILN_RUNTIME_ARTIFACT_H
