//===- ArtifactQuery.cpp - Finding an artifact's functions ----------------===//

#include "Artifact.h"
#include "Status.h"

using namespace kiln::runtime;

extern "C" {

const char *kiln_artifact_path(const kiln_artifact *artifact) {
  return artifact ? artifact->path.c_str() : nullptr;
}

size_t kiln_artifact_function_count(const kiln_artifact *artifact) {
  return artifact ? artifact->functions.size() : 0;
}

kiln_status *kiln_artifact_function_at(const kiln_artifact *artifact,
                                       size_t index,
                                       const kiln_function **out) {
  constexpr const char *api = "kiln_artifact_function_at";
  return guardApi(api, [&]() -> kiln_status * {
    if (!out)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": out is NULL");
    *out = nullptr;
    if (!artifact)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": artifact is NULL");
    if (index >= artifact->functions.size())
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": index " + std::to_string(index) +
                            " is out of range ('" + artifact->path + "' has " +
                            std::to_string(artifact->functions.size()) +
                            " functions)");
    *out = artifact->functions[index].get();
    return nullptr;
  });
}

kiln_status *kiln_artifact_find_function(const kiln_artifact *artifact,
                                         const char *name,
                                         const kiln_function **out) {
  constexpr const char *api = "kiln_artifact_find_function";
  return guardApi(api, [&]() -> kiln_status * {
    if (!out)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": out is NULL");
    *out = nullptr;
    if (!artifact)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": artifact is NULL");
    if (!name)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": name is NULL");
    for (const auto &function : artifact->functions) {
      if (function->name == name) {
        *out = function.get();
        return nullptr;
      }
    }
    std::string available;
    for (const auto &function : artifact->functions)
      available += (available.empty() ? "" : ", ") + function->name;
    return makeStatus(KILN_NOT_FOUND, std::string(api) + ": '" +
                                          artifact->path +
                                          "' has no function '" + name +
                                          "' (it has: " + available + ")");
  });
}

} // extern "C"
