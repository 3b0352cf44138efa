//===- AtomicOutput.h - Output files written all-or-nothing -----*- C++ -*-===//

#ifndef KILN_TOOLS_KILNC_ATOMICOUTPUT_H
#define KILN_TOOLS_KILNC_ATOMICOUTPUT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>

namespace kiln {

/// Writes `path` through `write` into a temporary file beside it, then
/// renames it into place; on any error the temporary file is removed and
/// `path` is left untouched. A path of "-" writes to standard output.
llvm::Error writeAtomically(
    llvm::StringRef path,
    llvm::function_ref<llvm::Error(llvm::raw_pwrite_stream &)> write);

/// A temporary file name beside `path` that is removed on destruction
/// unless it was committed (renamed to `path`).
class TemporaryPath {
public:
  static llvm::Expected<TemporaryPath> create(llvm::StringRef path);
  TemporaryPath(TemporaryPath &&other);
  ~TemporaryPath();
  llvm::StringRef get() const { return temporary; }
  /// Writes the temporary file's whole content through `write`.
  llvm::Error
  write(llvm::function_ref<llvm::Error(llvm::raw_pwrite_stream &)> write);
  llvm::Error commit();

private:
  TemporaryPath(std::string temporary, std::string target)
      : temporary(std::move(temporary)), target(std::move(target)) {}
  std::string temporary, target;
  bool committed = false;
};

} // namespace kiln

#endif // KILN_TOOLS_KILNC_ATOMICOUTPUT_H
