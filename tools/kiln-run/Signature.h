//===- Signature.h - Printable function signatures --------------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_SIGNATURE_H
#define KILN_TOOLS_KILNRUN_SIGNATURE_H

#include "kiln/runtime.h"

#include <string>

namespace kiln::run {

/// "f32[?,784]"; a scalar is "f32[]".
std::string formatTensorDesc(const kiln_tensor_desc &desc);

/// "mlp(x: f32[?,784]) -> (probs: f32[?,10])".
std::string formatSignature(const kiln_function *fn);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_SIGNATURE_H
