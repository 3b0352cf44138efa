//===- Call.cpp - Checking tensor views and calling a function ------------===//

#include "Artifact.h"
#include "ElementType.h"
#include "Format.h"
#include "Status.h"

#include <string>

using namespace kiln::runtime;

namespace {

/// True if the view holds no elements, so its data may be NULL.
bool hasZeroExtent(const kiln_tensor &view) {
  for (int32_t i = 0; i < view.rank; ++i)
    if (view.dims[i] == 0)
      return true;
  return false;
}

std::string labelOf(const char *role, const kiln_tensor_desc &desc) {
  return std::string(role) + " '" + desc.name + "'";
}

/// Where the batch size came from: an argument's dynamic dimension.
struct BatchOrigin {
  const char *role;
  const kiln_tensor_desc *desc;
  int32_t dim;
};

/// Checks a call's views against a function's signature. The first dynamic
/// dimension seen fixes the batch size; every later one must agree. Messages
/// are only built on failure.
class CallChecker {
public:
  explicit CallChecker(const kiln_function &function) : fn(function) {}

  kiln_status *checkCounts(const kiln_tensor *inputs, size_t nInputs,
                           const kiln_tensor *outputs, size_t nOutputs) const;
  kiln_status *checkViews(const char *role,
                          const std::vector<kiln_tensor_desc> &descs,
                          const kiln_tensor *views);
  /// The batch size to pass in `dims[0]`.
  int64_t batchSize() const { return batch; }

private:
  kiln_status *checkView(const char *role, const kiln_tensor_desc &desc,
                         const kiln_tensor &view);
  kiln_status *checkDims(const char *role, const kiln_tensor_desc &desc,
                         const kiln_tensor &view);
  kiln_status *batchMismatch(const char *role, const kiln_tensor_desc &desc,
                             const kiln_tensor &view, int32_t dim) const;
  kiln_status *fail(kiln_status_code_t code, const std::string &message) const {
    return makeStatus(code, "kiln_function_call(" + fn.name + "): " + message);
  }
  kiln_status *checkCount(const char *role, size_t expected, size_t got,
                          const std::vector<kiln_tensor_desc> &descs) const;

  const kiln_function &fn;
  /// 0 until a dynamic dimension is seen.
  int64_t batch = 0;
  BatchOrigin origin{nullptr, nullptr, 0};
};

kiln_status *
CallChecker::checkCount(const char *role, size_t expected, size_t got,
                        const std::vector<kiln_tensor_desc> &descs) const {
  if (expected == got)
    return nullptr;
  std::string names;
  for (const kiln_tensor_desc &desc : descs)
    names += (names.empty() ? "" : ", ") + std::string(desc.name);
  return fail(KILN_INVALID_ARGUMENT, "expected " + std::to_string(expected) +
                                         " " + role + "s (" + names +
                                         "), got " + std::to_string(got));
}

kiln_status *CallChecker::checkCounts(const kiln_tensor *inputs, size_t nInputs,
                                      const kiln_tensor *outputs,
                                      size_t nOutputs) const {
  if (kiln_status *status =
          checkCount("input", fn.inputs.size(), nInputs, fn.inputs))
    return status;
  if (kiln_status *status =
          checkCount("output", fn.outputs.size(), nOutputs, fn.outputs))
    return status;
  if (nInputs > 0 && !inputs)
    return fail(KILN_INVALID_ARGUMENT, "inputs is NULL");
  if (nOutputs > 0 && !outputs)
    return fail(KILN_INVALID_ARGUMENT, "outputs is NULL");
  return nullptr;
}

kiln_status *CallChecker::checkViews(const char *role,
                                     const std::vector<kiln_tensor_desc> &descs,
                                     const kiln_tensor *views) {
  for (size_t i = 0; i < descs.size(); ++i)
    if (kiln_status *status = checkView(role, descs[i], views[i]))
      return status;
  return nullptr;
}

kiln_status *CallChecker::checkView(const char *role,
                                    const kiln_tensor_desc &desc,
                                    const kiln_tensor &view) {
  if (!isValidElementType(view.dtype))
    return fail(KILN_TYPE_MISMATCH,
                labelOf(role, desc) + ": expected element type " +
                    elementTypeName(desc.dtype) + ", got invalid dtype value " +
                    std::to_string(static_cast<int>(view.dtype)));
  if (view.dtype != desc.dtype)
    return fail(KILN_TYPE_MISMATCH, labelOf(role, desc) +
                                        ": expected element type " +
                                        elementTypeName(desc.dtype) + ", got " +
                                        elementTypeName(view.dtype));
  if (view.rank != desc.rank)
    return fail(KILN_SHAPE_MISMATCH,
                labelOf(role, desc) + ": expected rank " +
                    std::to_string(desc.rank) + " (" + formatTensorType(desc) +
                    "), got rank " + std::to_string(view.rank) +
                    " with shape " + formatDims(view.dims, view.rank));
  if (kiln_status *status = checkDims(role, desc, view))
    return status;
  if (!view.data && !hasZeroExtent(view))
    return fail(KILN_INVALID_ARGUMENT, labelOf(role, desc) + ": data is NULL");
  return nullptr;
}

kiln_status *CallChecker::checkDims(const char *role,
                                    const kiln_tensor_desc &desc,
                                    const kiln_tensor &view) {
  for (int32_t i = 0; i < desc.rank; ++i) {
    int64_t dim = view.dims[i];
    if (desc.dims[i] != kDynamicDim) {
      if (dim != desc.dims[i])
        return fail(KILN_SHAPE_MISMATCH,
                    labelOf(role, desc) + ": expected shape " +
                        formatDims(desc.dims, desc.rank) + ", got " +
                        formatDims(view.dims, view.rank) + " (dimension " +
                        std::to_string(i) + " must be " +
                        std::to_string(desc.dims[i]) + ")");
      continue;
    }
    if (dim < 1)
      return fail(KILN_SHAPE_MISMATCH,
                  labelOf(role, desc) + ": dimension " + std::to_string(i) +
                      " is the batch size and must be >= 1, got " +
                      std::to_string(dim) + " (shape " +
                      formatDims(view.dims, view.rank) + ")");
    if (batch == 0) {
      batch = dim;
      origin = BatchOrigin{role, &desc, i};
    } else if (dim != batch) {
      return batchMismatch(role, desc, view, i);
    }
  }
  return nullptr;
}

kiln_status *CallChecker::batchMismatch(const char *role,
                                        const kiln_tensor_desc &desc,
                                        const kiln_tensor &view,
                                        int32_t dim) const {
  std::string source = labelOf(origin.role, *origin.desc) + " dimension " +
                       std::to_string(origin.dim);
  if (std::string(role) == "output") {
    int64_t expected[KILN_MAX_RANK] = {};
    for (int32_t j = 0; j < desc.rank; ++j)
      expected[j] = desc.dims[j] == kDynamicDim ? batch : desc.dims[j];
    return fail(KILN_SHAPE_MISMATCH,
                labelOf(role, desc) + ": expected shape " +
                    formatDims(expected, desc.rank) + " for batch size " +
                    std::to_string(batch) + " (set by " + source + "), got " +
                    formatDims(view.dims, view.rank));
  }
  return fail(KILN_SHAPE_MISMATCH,
              "inconsistent batch size: " + labelOf(role, desc) +
                  " dimension " + std::to_string(dim) + " is " +
                  std::to_string(view.dims[dim]) + ", but " + source + " is " +
                  std::to_string(batch));
}

kiln_status *callFunction(const kiln_function *fn, const kiln_tensor *inputs,
                          size_t nInputs, kiln_tensor *outputs,
                          size_t nOutputs) {
  if (!fn)
    return makeStatus(KILN_INVALID_ARGUMENT, "kiln_function_call: fn is NULL");
  CallChecker checker(*fn);
  if (kiln_status *status =
          checker.checkCounts(inputs, nInputs, outputs, nOutputs))
    return status;
  if (kiln_status *status = checker.checkViews("input", fn->inputs, inputs))
    return status;
  if (kiln_status *status = checker.checkViews("output", fn->outputs, outputs))
    return status;

  std::vector<void *> buffers;
  buffers.reserve(nInputs + nOutputs);
  for (size_t i = 0; i < nInputs; ++i)
    buffers.push_back(inputs[i].data);
  for (size_t i = 0; i < nOutputs; ++i)
    buffers.push_back(outputs[i].data);
  const int64_t dims[1] = {checker.batchSize()};
  fn->packed(dims, buffers.data());
  return nullptr;
}

} // namespace

extern "C" kiln_status *
kiln_function_call(const kiln_function *fn, const kiln_tensor *inputs,
                   size_t n_inputs, kiln_tensor *outputs, size_t n_outputs) {
  return guardApi("kiln_function_call", [&] {
    return callFunction(fn, inputs, n_inputs, outputs, n_outputs);
  });
}
