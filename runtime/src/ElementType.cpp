//===- ElementType.cpp - Element types of tensors -------------------------===//

#include "ElementType.h"

namespace kiln::runtime {
namespace {

struct ElementTypeInfo {
  kiln_dtype dtype;
  const char *name;
  size_t size;
};

constexpr ElementTypeInfo elementTypes[] = {
    {KILN_F32, "f32", 4}, {KILN_F64, "f64", 8}, {KILN_I32, "i32", 4},
    {KILN_I64, "i64", 8}, {KILN_BOOL, "i1", 1},
};

const ElementTypeInfo *lookup(kiln_dtype dtype) {
  for (const ElementTypeInfo &info : elementTypes)
    if (info.dtype == dtype)
      return &info;
  return nullptr;
}

} // namespace

bool isValidElementType(kiln_dtype dtype) { return lookup(dtype) != nullptr; }

const char *elementTypeName(kiln_dtype dtype) {
  const ElementTypeInfo *info = lookup(dtype);
  return info ? info->name : "invalid";
}

size_t elementTypeSize(kiln_dtype dtype) {
  const ElementTypeInfo *info = lookup(dtype);
  return info ? info->size : 0;
}

std::optional<kiln_dtype> parseElementType(std::string_view spelling) {
  for (const ElementTypeInfo &info : elementTypes)
    if (spelling == info.name)
      return info.dtype;
  return std::nullopt;
}

} // namespace kiln::runtime
