//===- AtomicOutput.cpp - Output files written all-or-nothing -------------===//

#include "tools/kilnc/AtomicOutput.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace kiln {

Expected<TemporaryPath> TemporaryPath::create(StringRef path) {
  SmallString<256> model(path);
  model += ".tmp-%%%%%%";
  SmallString<256> temporary;
  int fd;
  if (std::error_code ec = sys::fs::createUniqueFile(model, fd, temporary))
    return createStringError(ec, "cannot create a file beside '" + path +
                                     "': " + ec.message());
  sys::fs::closeFile(fd);
  return TemporaryPath(temporary.str().str(), path.str());
}

TemporaryPath::TemporaryPath(TemporaryPath &&other)
    : temporary(std::move(other.temporary)), target(std::move(other.target)),
      committed(other.committed) {
  other.committed = true;
}

TemporaryPath::~TemporaryPath() {
  if (!committed)
    sys::fs::remove(temporary);
}

Error TemporaryPath::commit() {
  if (std::error_code ec = sys::fs::rename(temporary, target))
    return createStringError(ec,
                             "cannot write '" + target + "': " + ec.message());
  committed = true;
  return Error::success();
}

Error TemporaryPath::write(function_ref<Error(raw_pwrite_stream &)> write) {
  std::error_code ec;
  raw_fd_ostream os(temporary, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot open '" + temporary +
                                     "': " + ec.message());
  if (Error error = write(os))
    return error;
  os.close();
  if (os.has_error())
    return createStringError(os.error(), "cannot write '" + target +
                                             "': " + os.error().message());
  return Error::success();
}

Error writeAtomically(StringRef path,
                      function_ref<Error(raw_pwrite_stream &)> write) {
  if (path == "-")
    return write(outs());
  auto temporary = TemporaryPath::create(path);
  if (!temporary)
    return temporary.takeError();
  if (Error error = temporary->write(write))
    return error;
  return temporary->commit();
}

} // namespace kiln
