//===- CheckpointFormat.h - Kiln's checkpoint file format -------*- C++ -*-===//
//
// Encodes and decodes the checkpoint format of docs/checkpoint.md: a header
// ("KILNCKPT", version, tensor count), one record per tensor (name, element
// type, rank, dimensions, byte size, values), and an FNV-1a 64 checksum of
// everything before it. All integers are little-endian.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_CHECKPOINTFORMAT_H
#define KILN_RUNTIME_CHECKPOINTFORMAT_H

#include "kiln/runtime.h"

#include <string>
#include <vector>

namespace kiln::runtime {

constexpr uint32_t kCheckpointVersion = 1;

/// One tensor of a decoded checkpoint; `data` points into the decoded
/// buffer.
struct CheckpointEntry {
  std::string name;
  kiln_dtype dtype;
  std::vector<int64_t> dims;
  const unsigned char *data;
  uint64_t byteSize;
};

/// The bytes of a checkpoint holding `tensors` under `names`.
std::string encodeCheckpoint(const char *const *names,
                             const kiln_tensor *tensors, size_t count);

/// Decodes `bytes`; on malformed input returns false and sets `error`.
bool decodeCheckpoint(const std::string &bytes,
                      std::vector<CheckpointEntry> &entries,
                      std::string &error);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_CHECKPOINTFORMAT_H
