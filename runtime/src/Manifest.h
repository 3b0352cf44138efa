//===- Manifest.h - The artifact manifest and its parser --------*- C++ -*-===//
//
// The manifest is the text an artifact carries in `__kiln_manifest`
// (docs/abi.md): a header line, then functions with their inputs and outputs.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_MANIFEST_H
#define KILN_RUNTIME_MANIFEST_H

#include "kiln/runtime.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiln::runtime {

/// The dimension value that stands for the dynamic (batch) dimension.
constexpr int64_t kDynamicDim = -1;

struct ManifestTensor {
  std::string name;
  kiln_dtype dtype;
  std::vector<int64_t> dims;
};

struct ManifestFunction {
  std::string name;
  std::vector<ManifestTensor> inputs;
  std::vector<ManifestTensor> outputs;
};

struct Manifest {
  uint32_t abiVersion;
  std::vector<ManifestFunction> functions;
};

struct ManifestError {
  enum class Kind {
    /// The text does not follow the manifest grammar.
    Malformed,
    /// The header names an ABI version other than KILN_ABI_VERSION.
    UnsupportedVersion,
  };
  Kind kind;
  /// 1-based line the error is on.
  unsigned line;
  std::string message;
};

/// Parses manifest text. Errors name the line and what was expected.
std::variant<Manifest, ManifestError> parseManifest(std::string_view text);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_MANIFEST_H
