//===- SharedLibrary.cpp - A shared library loaded with dlopen ------------===//

#include "SharedLibrary.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include <utility>

namespace kiln::runtime {
namespace {

std::string lastDlError(const char *fallback) {
  const char *message = dlerror();
  return message ? message : fallback;
}

} // namespace

std::optional<SharedLibrary> SharedLibrary::open(const std::string &path,
                                                 std::string &error) {
  std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  dlerror();
  void *handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    error = lastDlError("dlopen failed");
    return std::nullopt;
  }
  return SharedLibrary(handle);
}

SharedLibrary::SharedLibrary(SharedLibrary &&other) noexcept
    : handle(std::exchange(other.handle, nullptr)) {}

SharedLibrary &SharedLibrary::operator=(SharedLibrary &&other) noexcept {
  if (this != &other) {
    if (handle)
      dlclose(handle);
    handle = std::exchange(other.handle, nullptr);
  }
  return *this;
}

SharedLibrary::~SharedLibrary() {
  if (handle)
    dlclose(handle);
}

void *SharedLibrary::lookup(const char *name, std::string &error) const {
  dlerror();
  void *address = dlsym(handle, name);
  if (!address)
    error = lastDlError("symbol has a null address");
  return address;
}

std::optional<DataSymbol> SharedLibrary::dataSymbol(const char *name,
                                                    std::string &error) const {
  void *address = lookup(name, error);
  if (!address)
    return std::nullopt;

  struct link_map *ownMap = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &ownMap) != 0) {
    error = lastDlError("dlinfo failed");
    return std::nullopt;
  }
  Dl_info info;
  void *extra = nullptr;
  if (!dladdr1(address, &info, &extra, RTLD_DL_LINKMAP) ||
      static_cast<struct link_map *>(extra) != ownMap) {
    error = std::string(name) + " is defined by another library (" +
            (info.dli_fname ? info.dli_fname : "unknown") + ")";
    return std::nullopt;
  }

  size_t size = 0;
  if (dladdr1(address, &info, &extra, RTLD_DL_SYMENT) && extra)
    size = static_cast<const ElfW(Sym) *>(extra)->st_size;
  return DataSymbol{address, size};
}

void *SharedLibrary::functionSymbol(const std::string &name,
                                    std::string &error) const {
  return lookup(name.c_str(), error);
}

} // namespace kiln::runtime
