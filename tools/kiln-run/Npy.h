//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// NumPy format versions 1.0 and 2.0, little-endian, C order, with the element
// types Kiln tensors have: <f4 <f8 <i4 <i8 |b1.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILNRUN_NPY_H
#define KILN_TOOLS_KILNRUN_NPY_H

#include "TensorBuffer.h"

#include <string>
#include <string_view>

namespace kiln::run {

/// Decodes the bytes of a .npy file; `source` names it in error messages.
/// Throws ToolError.
TensorBuffer decodeNpy(std::string_view bytes, const std::string &source);

/// Reads a .npy file. Throws ToolError.
TensorBuffer readNpyFile(const std::string &path);

/// The bytes of a version 1.0 .npy file holding `tensor`.
std::string encodeNpy(const TensorBuffer &tensor);

/// Writes `tensor` to `path` through a temporary file in the same folder and
/// a rename, so that no reader sees a partial file. Throws ToolError.
void writeNpyFileAtomically(const std::string &path,
                            const TensorBuffer &tensor);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_NPY_H
