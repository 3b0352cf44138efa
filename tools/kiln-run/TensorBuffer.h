//===- TensorBuffer.h - An owned, aligned tensor buffer ---------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_TENSORBUFFER_H
#define KILN_TOOLS_KILNRUN_TENSORBUFFER_H

#include "kiln/runtime.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace kiln::run {

/// A zero-initialized, 64-byte-aligned, dense row-major buffer with its
/// element type and shape.
class TensorBuffer {
public:
  /// Throws ToolError if the rank exceeds KILN_MAX_RANK, a dimension is
  /// negative or the size overflows.
  TensorBuffer(kiln_dtype dtype, std::vector<int64_t> dims);

  kiln_dtype dtype() const { return elementType; }
  const std::vector<int64_t> &dims() const { return shape; }
  size_t elementCount() const { return elements; }
  size_t byteSize() const { return elements * kiln_dtype_size(elementType); }
  void *data() { return storage.get(); }
  const void *data() const { return storage.get(); }

  /// A view for kiln_function_call, valid while this buffer lives.
  kiln_tensor view();

private:
  struct FreeDeleter {
    void operator()(void *pointer) const { std::free(pointer); }
  };

  kiln_dtype elementType;
  std::vector<int64_t> shape;
  size_t elements;
  std::unique_ptr<void, FreeDeleter> storage;
};

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_TENSORBUFFER_H
