//===- CheckpointFormat.cpp - Kiln's checkpoint file format ---------------===//

#include "CheckpointFormat.h"

#include "ElementType.h"

#include <cstring>

namespace kiln::runtime {

namespace {

constexpr char kMagic[8] = {'K', 'I', 'L', 'N', 'C', 'K', 'P', 'T'};

uint64_t fnv1a(const unsigned char *data, size_t size) {
  uint64_t hash = 14695981039346656037ull;
  for (size_t i = 0; i < size; ++i) {
    hash ^= data[i];
    hash *= 1099511628211ull;
  }
  return hash;
}

/// Bytes of a dense tensor of `dtype` and `dims`; 0 on overflow.
uint64_t byteSizeOf(kiln_dtype dtype, const int64_t *dims, size_t rank) {
  uint64_t size = elementTypeSize(dtype);
  for (size_t d = 0; d < rank; ++d) {
    uint64_t extent = static_cast<uint64_t>(dims[d]);
    if (dims[d] < 0 || (extent != 0 && size > UINT64_MAX / extent))
      return 0;
    size *= extent;
  }
  return size;
}

void putU32(std::string &out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void putU64(std::string &out, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

/// Reads little-endian integers from a byte range, failing past its end.
class Reader {
public:
  Reader(const unsigned char *data, size_t size) : data(data), size(size) {}

  bool u32(uint32_t &v) {
    uint64_t wide;
    if (!bytesLE(4, wide))
      return false;
    v = static_cast<uint32_t>(wide);
    return true;
  }
  bool u64(uint64_t &v) { return bytesLE(8, v); }
  bool take(size_t n, const unsigned char *&p) {
    if (n > size - pos)
      return false;
    p = data + pos;
    pos += n;
    return true;
  }
  size_t offset() const { return pos; }

private:
  bool bytesLE(size_t n, uint64_t &v) {
    const unsigned char *p;
    if (!take(n, p))
      return false;
    v = 0;
    for (size_t i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return true;
  }

  const unsigned char *data;
  size_t size;
  size_t pos = 0;
};

} // namespace

std::string encodeCheckpoint(const char *const *names,
                             const kiln_tensor *tensors, size_t count) {
  std::string out(kMagic, sizeof(kMagic));
  putU32(out, kCheckpointVersion);
  putU32(out, static_cast<uint32_t>(count));
  for (size_t i = 0; i < count; ++i) {
    const kiln_tensor &t = tensors[i];
    size_t nameLength = std::strlen(names[i]);
    putU32(out, static_cast<uint32_t>(nameLength));
    out.append(names[i], nameLength);
    putU32(out, static_cast<uint32_t>(t.dtype));
    putU32(out, static_cast<uint32_t>(t.rank));
    for (int32_t d = 0; d < t.rank; ++d)
      putU64(out, static_cast<uint64_t>(t.dims[d]));
    uint64_t byteSize = byteSizeOf(t.dtype, t.dims, t.rank);
    putU64(out, byteSize);
    out.append(static_cast<const char *>(t.data), byteSize);
  }
  putU64(out, fnv1a(reinterpret_cast<const unsigned char *>(out.data()),
                    out.size()));
  return out;
}

bool decodeCheckpoint(const std::string &bytes,
                      std::vector<CheckpointEntry> &entries,
                      std::string &error) {
  const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
  if (bytes.size() < sizeof(kMagic) + 16 ||
      std::memcmp(data, kMagic, sizeof(kMagic)) != 0) {
    error = "not a Kiln checkpoint (no KILNCKPT header)";
    return false;
  }
  size_t bodySize = bytes.size() - 8;
  Reader trailer(data + bodySize, 8);
  uint64_t checksum;
  trailer.u64(checksum);
  if (checksum != fnv1a(data, bodySize)) {
    error = "checksum mismatch: the checkpoint is corrupt or truncated";
    return false;
  }
  Reader in(data + sizeof(kMagic), bodySize - sizeof(kMagic));
  uint32_t version, count;
  in.u32(version);
  in.u32(count);
  if (version != kCheckpointVersion) {
    error = "unsupported checkpoint version " + std::to_string(version);
    return false;
  }
  auto truncated = [&] {
    error = "truncated tensor record";
    return false;
  };
  for (uint32_t i = 0; i < count; ++i) {
    CheckpointEntry entry;
    uint32_t nameLength, dtype, rank;
    const unsigned char *name;
    if (!in.u32(nameLength) || !in.take(nameLength, name) || !in.u32(dtype) ||
        !in.u32(rank))
      return truncated();
    entry.name.assign(reinterpret_cast<const char *>(name), nameLength);
    if (elementTypeSize(static_cast<kiln_dtype>(dtype)) == 0 ||
        rank > KILN_MAX_RANK) {
      error = "tensor '" + entry.name + "' has an invalid type or rank";
      return false;
    }
    entry.dtype = static_cast<kiln_dtype>(dtype);
    for (uint32_t d = 0; d < rank; ++d) {
      uint64_t dim;
      if (!in.u64(dim))
        return truncated();
      entry.dims.push_back(static_cast<int64_t>(dim));
    }
    if (!in.u64(entry.byteSize) || !in.take(entry.byteSize, entry.data))
      return truncated();
    if (entry.byteSize !=
        byteSizeOf(entry.dtype, entry.dims.data(), entry.dims.size())) {
      error = "tensor '" + entry.name + "' has a size that its shape denies";
      return false;
    }
    entries.push_back(std::move(entry));
  }
  if (in.offset() != bodySize - sizeof(kMagic)) {
    error = "unexpected bytes after the last tensor";
    return false;
  }
  return true;
}

} // namespace kiln::runtime
