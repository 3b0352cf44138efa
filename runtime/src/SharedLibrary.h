//===- SharedLibrary.h - A shared library loaded with dlopen ----*- C++ -*-===//

#ifndef KILN_RUNTIME_SHAREDLIBRARY_H
#define KILN_RUNTIME_SHAREDLIBRARY_H

#include <cstddef>
#include <optional>
#include <string>

namespace kiln::runtime {

/// A data symbol's address and its size from the dynamic symbol table
/// (0 when the table does not record one).
struct DataSymbol {
  const void *address;
  size_t size;
};

/// Owns a handle from dlopen(RTLD_NOW | RTLD_LOCAL); dlclose on destruction.
class SharedLibrary {
public:
  /// Loads `path`; on failure returns nullopt and sets `error` to dlerror's
  /// text. A path without '/' names a file, not a library to search for.
  static std::optional<SharedLibrary> open(const std::string &path,
                                           std::string &error);

  SharedLibrary(SharedLibrary &&other) noexcept;
  SharedLibrary &operator=(SharedLibrary &&other) noexcept;
  SharedLibrary(const SharedLibrary &) = delete;
  SharedLibrary &operator=(const SharedLibrary &) = delete;
  ~SharedLibrary();

  /// A data symbol defined by this library itself (not by a library it
  /// depends on); nullopt with `error` set otherwise.
  std::optional<DataSymbol> dataSymbol(const char *name,
                                       std::string &error) const;

  /// The address of a function symbol found from this library; nullptr with
  /// `error` set if there is none.
  void *functionSymbol(const std::string &name, std::string &error) const;

private:
  explicit SharedLibrary(void *dlopenHandle) : handle(dlopenHandle) {}
  void *lookup(const char *name, std::string &error) const;

  void *handle;
};

} // namespace kiln::runtime

#endif // KILN_RUNTIME_SHAREDLIBRARY_H
