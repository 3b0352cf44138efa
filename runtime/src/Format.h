//===- Format.h - Text forms of shapes and tensor types ---------*- C++ -*-===//

#ifndef KILN_RUNTIME_FORMAT_H
#define KILN_RUNTIME_FORMAT_H

#include "kiln/runtime.h"

#include <cstdint>
#include <string>

namespace kiln::runtime {

/// "[2,4]"; a dimension of -1 prints as "?". A rank outside
/// [0, KILN_MAX_RANK] prints as "<rank N>".
std::string formatDims(const int64_t *dims, int32_t rank);

/// "f32[?,4]".
std::string formatTensorType(kiln_dtype dtype, const int64_t *dims,
                             int32_t rank);

/// "f32[?,4]" for a descriptor.
std::string formatTensorType(const kiln_tensor_desc &desc);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_FORMAT_H
