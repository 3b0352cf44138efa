//===- ArtifactOpen.cpp - Opening and closing artifacts -------------------===//

#include "Artifact.h"
#include "Status.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace kiln::runtime;

namespace {

constexpr const char *kApi = "kiln_artifact_open";

kiln_status *openError(kiln_status_code_t code, const std::string &path,
                       const std::string &message) {
  return makeStatus(code, std::string(kApi) + ": '" + path + "' " + message);
}

/// KILN_IO_ERROR unless `path` is a regular file this process can read.
kiln_status *checkReadableFile(const std::string &path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    return openError(KILN_IO_ERROR, path,
                     std::string("cannot be read: ") + std::strerror(errno));
  if (!S_ISREG(info.st_mode))
    return openError(KILN_IO_ERROR, path, "is not a regular file");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return openError(KILN_IO_ERROR, path,
                     std::string("cannot be read: ") + std::strerror(errno));
  ::close(fd);
  return nullptr;
}

kiln_status *readAbiVersion(const SharedLibrary &library,
                            const std::string &path) {
  std::string error;
  std::optional<DataSymbol> symbol =
      library.dataSymbol("__kiln_abi_version", error);
  if (!symbol)
    return openError(KILN_NOT_AN_ARTIFACT, path,
                     "is not a Kiln artifact: no __kiln_abi_version symbol (" +
                         error + ")");
  if (symbol->size != 0 && symbol->size < sizeof(uint32_t))
    return openError(KILN_NOT_AN_ARTIFACT, path,
                     "is not a Kiln artifact: __kiln_abi_version has " +
                         std::to_string(symbol->size) + " bytes, expected 4");
  uint32_t version;
  std::memcpy(&version, symbol->address, sizeof(version));
  if (version != KILN_ABI_VERSION)
    return openError(KILN_ABI_MISMATCH, path,
                     "has artifact ABI version " + std::to_string(version) +
                         ", this runtime reads version " +
                         std::to_string(KILN_ABI_VERSION));
  return nullptr;
}

kiln_status *readManifestText(const SharedLibrary &library,
                              const std::string &path, std::string &text) {
  std::string error;
  std::optional<DataSymbol> symbol =
      library.dataSymbol("__kiln_manifest", error);
  if (!symbol)
    return openError(KILN_NOT_AN_ARTIFACT, path,
                     "is not a Kiln artifact: no __kiln_manifest symbol (" +
                         error + ")");
  const char *begin = static_cast<const char *>(symbol->address);
  size_t length =
      symbol->size == 0 ? std::strlen(begin) : strnlen(begin, symbol->size);
  if (symbol->size != 0 && length == symbol->size)
    return openError(KILN_NOT_AN_ARTIFACT, path,
                     "is not a Kiln artifact: __kiln_manifest is not "
                     "NUL-terminated");
  text.assign(begin, length);
  return nullptr;
}

kiln_status *readManifest(const SharedLibrary &library, const std::string &path,
                          Manifest &manifest) {
  std::string text;
  if (kiln_status *status = readManifestText(library, path, text))
    return status;
  std::variant<Manifest, ManifestError> parsed = parseManifest(text);
  if (auto *error = std::get_if<ManifestError>(&parsed)) {
    bool versionError = error->kind == ManifestError::Kind::UnsupportedVersion;
    return openError(
        versionError ? KILN_ABI_MISMATCH : KILN_NOT_AN_ARTIFACT, path,
        std::string(versionError ? "has an unsupported" : "has a malformed") +
            " manifest: line " + std::to_string(error->line) + ": " +
            error->message);
  }
  manifest = std::move(std::get<Manifest>(parsed));
  return nullptr;
}

kiln_status *bindFunctions(kiln_artifact &artifact, const Manifest &manifest) {
  for (const ManifestFunction &declaration : manifest.functions) {
    std::string symbolName = declaration.name + "_packed";
    std::string error;
    void *address = artifact.library.functionSymbol(symbolName, error);
    if (!address)
      return openError(KILN_NOT_AN_ARTIFACT, artifact.path,
                       "declares function '" + declaration.name +
                           "' in its manifest but does not define " +
                           symbolName + " (" + error + ")");
    artifact.functions.push_back(std::make_unique<kiln_function>(
        declaration, reinterpret_cast<PackedEntry>(address)));
  }
  return nullptr;
}

kiln_status *openArtifact(const char *path, kiln_artifact **out) {
  if (!out)
    return makeStatus(KILN_INVALID_ARGUMENT,
                      std::string(kApi) + ": out is NULL");
  *out = nullptr;
  if (!path)
    return makeStatus(KILN_INVALID_ARGUMENT,
                      std::string(kApi) + ": path is NULL");
  std::string pathText = path;
  if (kiln_status *status = checkReadableFile(pathText))
    return status;

  std::string error;
  std::optional<SharedLibrary> library = SharedLibrary::open(pathText, error);
  if (!library)
    return openError(KILN_NOT_AN_ARTIFACT, pathText,
                     "is not a loadable shared library, so not a Kiln "
                     "artifact: " +
                         error);
  if (kiln_status *status = readAbiVersion(*library, pathText))
    return status;
  Manifest manifest{0, {}};
  if (kiln_status *status = readManifest(*library, pathText, manifest))
    return status;

  auto artifact = std::unique_ptr<kiln_artifact>(
      new kiln_artifact{pathText, std::move(*library), {}});
  if (kiln_status *status = bindFunctions(*artifact, manifest))
    return status;
  *out = artifact.release();
  return nullptr;
}

} // namespace

extern "C" {

kiln_status *kiln_artifact_open(const char *path, kiln_artifact **out) {
  return guardApi(kApi, [&] { return openArtifact(path, out); });
}

void kiln_artifact_close(kiln_artifact *artifact) { delete artifact; }

} // extern "C"
