//===- Checkpoint.cpp - Saving and loading training state -----------------===//
//
// kiln_checkpoint_save writes the whole file to a temporary file in the
// destination's directory, fsyncs it, and renames it over the destination
// (rename is atomic within a file system), then fsyncs the directory.
//
//===----------------------------------------------------------------------===//

#include "CheckpointFormat.h"
#include "ElementType.h"
#include "Status.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace kiln::runtime;

namespace {

std::string errnoText(const std::string &what, const std::string &path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

kiln_status *checkViews(const char *path, const char *const *names,
                        const kiln_tensor *tensors, size_t count) {
  if (!path || (count > 0 && (!names || !tensors)))
    return makeStatus(KILN_INVALID_ARGUMENT,
                      "checkpoint: path, names and tensors must not be NULL");
  std::set<std::string> seen;
  for (size_t i = 0; i < count; ++i) {
    const kiln_tensor &t = tensors[i];
    if (!names[i] || !*names[i])
      return makeStatus(KILN_INVALID_ARGUMENT,
                        "checkpoint: tensor " + std::to_string(i) +
                            " has no name");
    if (!seen.insert(names[i]).second)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string("checkpoint: duplicate name '") +
                            names[i] + "'");
    if (elementTypeSize(t.dtype) == 0 || t.rank < 0 || t.rank > KILN_MAX_RANK)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string("checkpoint: tensor '") + names[i] +
                            "' has an invalid element type or rank");
    for (int32_t d = 0; d < t.rank; ++d)
      if (t.dims[d] < 0)
        return makeStatus(KILN_INVALID_ARGUMENT,
                          std::string("checkpoint: tensor '") + names[i] +
                              "' has a negative dimension");
    if (!t.data && kiln_tensor_byte_size(&t) != 0)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string("checkpoint: tensor '") + names[i] +
                            "' has no data");
  }
  return nullptr;
}

bool writeAll(int fd, const std::string &bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string directoryOf(const std::string &path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos)
    return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

kiln_status *saveAtomically(const std::string &path,
                            const std::string &bytes) {
  std::string temp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return makeStatus(KILN_IO_ERROR, errnoText("cannot create", temp));
  bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
  int savedErrno = errno;
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 && written) {
    written = false;
    savedErrno = errno;
  }
  if (!written) {
    ::unlink(temp.c_str());
    errno = savedErrno;
    return makeStatus(KILN_IO_ERROR, errnoText("cannot write", temp));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    savedErrno = errno;
    ::unlink(temp.c_str());
    errno = savedErrno;
    return makeStatus(KILN_IO_ERROR, errnoText("cannot rename to", path));
  }
  // Make the rename itself durable.
  int dir = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return nullptr;
}

} // namespace

extern "C" {

kiln_status *kiln_checkpoint_save(const char *path, const char *const *names,
                                  const kiln_tensor *tensors, size_t count) {
  return guardApi("kiln_checkpoint_save", [&]() -> kiln_status * {
    if (kiln_status *bad = checkViews(path, names, tensors, count))
      return bad;
    return saveAtomically(path, encodeCheckpoint(names, tensors, count));
  });
}

kiln_status *kiln_checkpoint_load(const char *path, const char *const *names,
                                  kiln_tensor *tensors, size_t count) {
  return guardApi("kiln_checkpoint_load", [&]() -> kiln_status * {
    if (kiln_status *bad = checkViews(path, names, tensors, count))
      return bad;
    std::ifstream file(path, std::ios::binary);
    if (!file)
      return makeStatus(KILN_IO_ERROR, errnoText("cannot open", path));
    std::ostringstream contents;
    contents << file.rdbuf();
    if (file.bad())
      return makeStatus(KILN_IO_ERROR, errnoText("cannot read", path));
    std::string bytes = contents.str();
    std::vector<CheckpointEntry> entries;
    std::string error;
    if (!decodeCheckpoint(bytes, entries, error))
      return makeStatus(KILN_IO_ERROR,
                        std::string("checkpoint '") + path + "': " + error);
    std::vector<const CheckpointEntry *> matches(count);
    for (size_t i = 0; i < count; ++i) {
      const kiln_tensor &view = tensors[i];
      for (const CheckpointEntry &entry : entries)
        if (entry.name == names[i])
          matches[i] = &entry;
      const CheckpointEntry *entry = matches[i];
      if (!entry)
        return makeStatus(KILN_NOT_FOUND, std::string("checkpoint '") + path +
                                              "' has no tensor '" + names[i] +
                                              "'");
      if (entry->dtype != view.dtype)
        return makeStatus(KILN_TYPE_MISMATCH,
                          std::string("checkpoint tensor '") + names[i] +
                              "' is " + elementTypeName(entry->dtype) +
                              ", the buffer " + elementTypeName(view.dtype));
      bool sameShape = entry->dims.size() == static_cast<size_t>(view.rank);
      for (int32_t d = 0; sameShape && d < view.rank; ++d)
        sameShape = entry->dims[d] == view.dims[d];
      if (!sameShape)
        return makeStatus(KILN_SHAPE_MISMATCH,
                          std::string("checkpoint tensor '") + names[i] +
                              "' has another shape than its buffer");
    }
    for (size_t i = 0; i < count; ++i)
      if (matches[i]->byteSize)
        std::memcpy(tensors[i].data, matches[i]->data, matches[i]->byteSize);
    return nullptr;
  });
}

} // extern "C"
