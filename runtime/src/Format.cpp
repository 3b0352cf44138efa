//===- Format.cpp - Text forms of shapes and tensor types -----------------===//

#include "Format.h"

#include "ElementType.h"

namespace kiln::runtime {

std::string formatDims(const int64_t *dims, int32_t rank) {
  if (rank < 0 || rank > KILN_MAX_RANK)
    return "<rank " + std::to_string(rank) + ">";
  std::string text = "[";
  for (int32_t i = 0; i < rank; ++i) {
    if (i > 0)
      text += ",";
    text += dims[i] == -1 ? std::string("?") : std::to_string(dims[i]);
  }
  return text + "]";
}

std::string formatTensorType(kiln_dtype dtype, const int64_t *dims,
                             int32_t rank) {
  return elementTypeName(dtype) + formatDims(dims, rank);
}

std::string formatTensorType(const kiln_tensor_desc &desc) {
  return formatTensorType(desc.dtype, desc.dims, desc.rank);
}

} // namespace kiln::runtime
