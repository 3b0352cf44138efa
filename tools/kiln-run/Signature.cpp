//===- Signature.cpp - Printable function signatures ----------------------===//

#include "Signature.h"

namespace kiln::run {
namespace {

std::string formatArguments(
    size_t count,
    const kiln_tensor_desc *(*argument)(const kiln_function *, size_t),
    const kiln_function *fn) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    const kiln_tensor_desc *desc = argument(fn, i);
    text += (i > 0 ? ", " : "") + std::string(desc->name) + ": " +
            formatTensorDesc(*desc);
  }
  return text;
}

} // namespace

std::string formatTensorDesc(const kiln_tensor_desc &desc) {
  std::string text = std::string(kiln_dtype_name(desc.dtype)) + "[";
  for (int32_t i = 0; i < desc.rank; ++i)
    text +=
        (i > 0 ? "," : "") +
        (desc.dims[i] < 0 ? std::string("?") : std::to_string(desc.dims[i]));
  return text + "]";
}

std::string formatSignature(const kiln_function *fn) {
  return std::string(kiln_function_name(fn)) + "(" +
         formatArguments(kiln_function_input_count(fn), kiln_function_input,
                         fn) +
         ") -> (" +
         formatArguments(kiln_function_output_count(fn), kiln_function_output,
                         fn) +
         ")";
}

} // namespace kiln::run
