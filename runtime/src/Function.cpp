//===- Function.cpp - Function descriptors and their shapes ---------------===//

#include "Artifact.h"
#include "Status.h"

#include <algorithm>

using namespace kiln::runtime;

namespace {

kiln_tensor_desc makeDescriptor(const ManifestTensor &tensor,
                                const std::string &storedName) {
  kiln_tensor_desc desc{};
  desc.name = storedName.c_str();
  desc.dtype = tensor.dtype;
  desc.rank = static_cast<int32_t>(tensor.dims.size());
  std::copy(tensor.dims.begin(), tensor.dims.end(), desc.dims);
  return desc;
}

bool hasDynamicDim(const ManifestTensor &tensor) {
  return std::find(tensor.dims.begin(), tensor.dims.end(), kDynamicDim) !=
         tensor.dims.end();
}

kiln_status *argumentShape(const char *api, const kiln_function *fn,
                           size_t index, int64_t batch, kiln_tensor *out,
                           bool isInput) {
  return guardApi(api, [&]() -> kiln_status * {
    if (!fn)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + ": fn is NULL");
    if (!out)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + "(" + fn->name + "): out is NULL");
    const std::vector<kiln_tensor_desc> &arguments =
        isInput ? fn->inputs : fn->outputs;
    if (index >= arguments.size())
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + "(" + fn->name + "): index " +
                            std::to_string(index) + " is out of range (" +
                            std::to_string(arguments.size()) +
                            (isInput ? " inputs)" : " outputs)"));
    if (fn->batched && batch < 1)
      return makeStatus(KILN_INVALID_ARGUMENT,
                        std::string(api) + "(" + fn->name +
                            "): batch must be >= 1, got " +
                            std::to_string(batch));
    const kiln_tensor_desc &desc = arguments[index];
    out->dtype = desc.dtype;
    out->rank = desc.rank;
    for (int32_t i = 0; i < KILN_MAX_RANK; ++i)
      out->dims[i] = i < desc.rank
                         ? (desc.dims[i] == kDynamicDim ? batch : desc.dims[i])
                         : 0;
    return nullptr;
  });
}

} // namespace

kiln_function::kiln_function(const ManifestFunction &declaration,
                             PackedEntry packedEntry)
    : name(declaration.name), batched(false), packed(packedEntry) {
  argumentNames.reserve(declaration.inputs.size() + declaration.outputs.size());
  for (const ManifestTensor &input : declaration.inputs)
    argumentNames.push_back(input.name);
  for (const ManifestTensor &output : declaration.outputs)
    argumentNames.push_back(output.name);

  size_t nameIndex = 0;
  for (const ManifestTensor &input : declaration.inputs) {
    inputs.push_back(makeDescriptor(input, argumentNames[nameIndex++]));
    batched = batched || hasDynamicDim(input);
  }
  for (const ManifestTensor &output : declaration.outputs) {
    outputs.push_back(makeDescriptor(output, argumentNames[nameIndex++]));
    batched = batched || hasDynamicDim(output);
  }
}

extern "C" {

const char *kiln_function_name(const kiln_function *fn) {
  return fn ? fn->name.c_str() : nullptr;
}

size_t kiln_function_input_count(const kiln_function *fn) {
  return fn ? fn->inputs.size() : 0;
}

size_t kiln_function_output_count(const kiln_function *fn) {
  return fn ? fn->outputs.size() : 0;
}

const kiln_tensor_desc *kiln_function_input(const kiln_function *fn,
                                            size_t index) {
  return fn && index < fn->inputs.size() ? &fn->inputs[index] : nullptr;
}

const kiln_tensor_desc *kiln_function_output(const kiln_function *fn,
                                             size_t index) {
  return fn && index < fn->outputs.size() ? &fn->outputs[index] : nullptr;
}

int kiln_function_is_batched(const kiln_function *fn) {
  return fn && fn->batched ? 1 : 0;
}

kiln_status *kiln_function_input_shape(const kiln_function *fn, size_t index,
                                       int64_t batch, kiln_tensor *out) {
  return argumentShape("kiln_function_input_shape", fn, index, batch, out,
                       /*isInput=*/true);
}

kiln_status *kiln_function_output_shape(const kiln_function *fn, size_t index,
                                        int64_t batch, kiln_tensor *out) {
  return argumentShape("kiln_function_output_shape", fn, index, batch, out,
                       /*isInput=*/false);
}

} // extern "C"
