//===- ElementType.h - Element types of tensors -----------------*- C++ -*-===//

#ifndef KILN_RUNTIME_ELEMENTTYPE_H
#define KILN_RUNTIME_ELEMENTTYPE_H

#include "kiln/runtime.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace kiln::runtime {

/// True for the values the kiln_dtype enum names.
bool isValidElementType(kiln_dtype dtype);

/// The manifest spelling ("f32", ..., "i1"), or "invalid".
const char *elementTypeName(kiln_dtype dtype);

/// Bytes per element, or 0 for an invalid value.
size_t elementTypeSize(kiln_dtype dtype);

/// Parses a manifest spelling.
std::optional<kiln_dtype> parseElementType(std::string_view spelling);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_ELEMENTTYPE_H
