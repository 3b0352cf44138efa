//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//

#include "Npy.h"

#include "NpyHeader.h"
#include "ToolError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace kiln::run {
namespace {

struct NpyElementType {
  const char *descr;
  kiln_dtype dtype;
};

constexpr NpyElementType npyElementTypes[] = {
    {"<f4", KILN_F32}, {"<f8", KILN_F64},  {"<i4", KILN_I32},
    {"<i8", KILN_I64}, {"|b1", KILN_BOOL},
};

kiln_dtype dtypeFromDescr(const std::string &descr, const std::string &source) {
  for (const NpyElementType &type : npyElementTypes)
    if (descr == type.descr)
      return type.dtype;
  throw ToolError(source + ": unsupported .npy dtype '" + descr +
                  "' (supported: <f4 <f8 <i4 <i8 |b1)");
}

const char *descrFromDtype(kiln_dtype dtype) {
  for (const NpyElementType &type : npyElementTypes)
    if (dtype == type.dtype)
      return type.descr;
  throw ToolError("no .npy dtype for element type " +
                  std::string(kiln_dtype_name(dtype)));
}

uint32_t readLittleEndian(std::string_view bytes, size_t offset, size_t size) {
  uint32_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value |=
        static_cast<uint32_t>(static_cast<unsigned char>(bytes[offset + i]))
        << (8 * i);
  return value;
}

std::string systemError(const std::string &what, const std::string &path) {
  return "cannot " + what + " '" + path + "': " + std::strerror(errno);
}

} // namespace

TensorBuffer decodeNpy(std::string_view bytes, const std::string &source) {
  if (bytes.size() < kNpyMagicSize + 2 ||
      bytes.substr(0, kNpyMagicSize) !=
          std::string_view(kNpyMagic, kNpyMagicSize))
    throw ToolError(source + ": not a .npy file (bad magic)");
  int major = static_cast<unsigned char>(bytes[kNpyMagicSize]);
  int minor = static_cast<unsigned char>(bytes[kNpyMagicSize + 1]);
  if ((major != 1 && major != 2) || minor != 0)
    throw ToolError(source + ": unsupported .npy format version " +
                    std::to_string(major) + "." + std::to_string(minor) +
                    " (supported: 1.0, 2.0)");
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t headerStart = kNpyMagicSize + 2 + lengthSize;
  if (bytes.size() < headerStart)
    throw ToolError(source + ": truncated .npy header");
  size_t headerLength = readLittleEndian(bytes, kNpyMagicSize + 2, lengthSize);
  if (bytes.size() - headerStart < headerLength)
    throw ToolError(source + ": truncated .npy header");

  NpyHeader header =
      parseNpyHeader(bytes.substr(headerStart, headerLength), source);
  kiln_dtype dtype = dtypeFromDescr(header.descr, source);
  if (header.fortranOrder)
    throw ToolError(source + ": Fortran-order arrays are not supported; save "
                             "a C-order array");
  if (header.shape.size() > KILN_MAX_RANK)
    throw ToolError(source + ": rank " + std::to_string(header.shape.size()) +
                    " exceeds the maximum rank " +
                    std::to_string(KILN_MAX_RANK));

  TensorBuffer tensor(dtype, header.shape);
  std::string_view data = bytes.substr(headerStart + headerLength);
  if (data.size() != tensor.byteSize())
    throw ToolError(source + ": expected " + std::to_string(tensor.byteSize()) +
                    " bytes of data for shape and dtype in the header, found " +
                    std::to_string(data.size()));
  std::memcpy(tensor.data(), data.data(), data.size());
  if (dtype == KILN_BOOL) {
    auto *values = static_cast<unsigned char *>(tensor.data());
    for (size_t i = 0; i < tensor.elementCount(); ++i)
      values[i] = values[i] != 0;
  }
  return tensor;
}

TensorBuffer readNpyFile(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw ToolError(systemError("read", path));
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad())
    throw ToolError(systemError("read", path));
  return decodeNpy(contents.str(), path);
}

std::string encodeNpy(const TensorBuffer &tensor) {
  std::string bytes = encodeNpyPreamble(
      NpyHeader{descrFromDtype(tensor.dtype()), false, tensor.dims()});
  bytes.append(static_cast<const char *>(tensor.data()), tensor.byteSize());
  return bytes;
}

void writeNpyFileAtomically(const std::string &path,
                            const TensorBuffer &tensor) {
  std::string bytes = encodeNpy(tensor);
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    throw ToolError(systemError("create", temporary));
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t count = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (count < 0 && errno == EINTR)
      continue;
    if (count <= 0) {
      std::string message = systemError("write", temporary);
      ::close(fd);
      ::unlink(temporary.c_str());
      throw ToolError(message);
    }
    written += static_cast<size_t>(count);
  }
  if (::close(fd) != 0) {
    std::string message = systemError("write", temporary);
    ::unlink(temporary.c_str());
    throw ToolError(message);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string message = systemError("rename to", path);
    ::unlink(temporary.c_str());
    throw ToolError(message);
  }
}

} // namespace kiln::run
