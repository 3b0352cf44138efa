//===- Tensor.cpp - Element types and tensor view sizes -------------------===//

#include "ElementType.h"

using namespace kiln::runtime;

extern "C" {

const char *kiln_dtype_name(kiln_dtype dtype) { return elementTypeName(dtype); }

size_t kiln_dtype_size(kiln_dtype dtype) { return elementTypeSize(dtype); }

size_t kiln_tensor_element_count(const kiln_tensor *tensor) {
  if (!tensor || tensor->rank < 0 || tensor->rank > KILN_MAX_RANK)
    return 0;
  size_t count = 1;
  for (int32_t i = 0; i < tensor->rank; ++i) {
    int64_t dim = tensor->dims[i];
    if (dim < 0)
      return 0;
    size_t extent = static_cast<size_t>(dim);
    if (extent != 0 && count > SIZE_MAX / extent)
      return 0;
    count *= extent;
  }
  return count;
}

size_t kiln_tensor_byte_size(const kiln_tensor *tensor) {
  size_t count = kiln_tensor_element_count(tensor);
  size_t size = tensor ? elementTypeSize(tensor->dtype) : 0;
  if (size != 0 && count > SIZE_MAX / size)
    return 0;
  return count * size;
}

} // extern "C"
