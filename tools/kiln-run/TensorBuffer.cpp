//===- TensorBuffer.cpp - An owned, aligned tensor buffer -----------------===//

#include "TensorBuffer.h"

#include "ToolError.h"

#include <cstring>
#include <string>

namespace kiln::run {
namespace {

constexpr size_t kAlignment = 64;

size_t countElements(const std::vector<int64_t> &dims) {
  if (dims.size() > KILN_MAX_RANK)
    throw ToolError("rank " + std::to_string(dims.size()) +
                    " exceeds the maximum rank " +
                    std::to_string(KILN_MAX_RANK));
  size_t count = 1;
  for (int64_t dim : dims) {
    if (dim < 0)
      throw ToolError("negative dimension " + std::to_string(dim));
    size_t extent = static_cast<size_t>(dim);
    if (extent != 0 && count > SIZE_MAX / extent)
      throw ToolError("tensor size overflows");
    count *= extent;
  }
  return count;
}

} // namespace

TensorBuffer::TensorBuffer(kiln_dtype dtype, std::vector<int64_t> dims)
    : elementType(dtype), shape(std::move(dims)),
      elements(countElements(shape)) {
  size_t elementSize = kiln_dtype_size(dtype);
  if (elementSize == 0)
    throw ToolError("invalid element type");
  if (elements > (SIZE_MAX - kAlignment) / elementSize)
    throw ToolError("tensor size overflows");
  size_t bytes = elements * elementSize;
  size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  storage.reset(
      std::aligned_alloc(kAlignment, rounded == 0 ? kAlignment : rounded));
  if (!storage)
    throw ToolError("cannot allocate " + std::to_string(bytes) +
                    " bytes for a tensor");
  std::memset(storage.get(), 0, bytes);
}

kiln_tensor TensorBuffer::view() {
  kiln_tensor tensor{};
  tensor.dtype = elementType;
  tensor.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    tensor.dims[i] = shape[i];
  tensor.data = storage.get();
  return tensor;
}

} // namespace kiln::run
