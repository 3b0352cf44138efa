//===- ParameterInitializer.h - Initial values of parameters ----*- C++ -*-===//
//
// Deterministic initial values for model parameters. The random stream is
// SplitMix64; uniform draws take the top 24 bits of each 64-bit output,
// normal draws use the Box-Muller transform. Fan-in and fan-out follow Keras:
// for a 2-D [in, out] weight they are in and out; for a 4-D [F, C, KH, KW]
// convolution weight they are C*KH*KW and F*KH*KW.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_PARAMETERINITIALIZER_H
#define KILN_COMPILER_TRANSFORMS_PARAMETERINITIALIZER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace kiln {

/// Fills `values` (the parameter's elements, row-major, of `shape`) with the
/// initializer's draws. `initializer` and `args` are those of kiln.parameter.
void initializeParameter(llvm::StringRef initializer,
                         llvm::ArrayRef<double> args,
                         llvm::ArrayRef<int64_t> shape, uint64_t seed,
                         llvm::MutableArrayRef<double> values);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_PARAMETERINITIALIZER_H
