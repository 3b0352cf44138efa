//===- ResizeTaps.h - Interpolation taps of kiln.resize ---------*- C++ -*-===//
//
// kiln.resize is separable: along H and along W, every output position reads
// a few input positions (taps) with weights, computed here in double
// precision as ONNX's reference Resize computes them: nearest takes one tap,
// linear two, cubic four, each clamped to the input's edge. The lowering
// builds its tables from them and the gradient rule its transposed
// interpolation matrices.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_RESIZETAPS_H
#define KILN_DIALECT_RESIZETAPS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace kiln {

class ResizeOp;

/// The taps of one output position along one axis.
struct ResizeTaps {
  llvm::SmallVector<int32_t> positions;
  llvm::SmallVector<double> weights;
};

/// How one axis of a resize maps output positions to input taps.
struct ResizeAxis {
  int64_t inSize, outSize;
  double scale;
  llvm::StringRef coordinateMode, mode, nearestMode;
  double cubicA;
  bool excludeOutside;

  /// Axis `i` (0: H, 1: W) of a verified resize.
  static ResizeAxis of(ResizeOp op, int i);

  /// The input coordinate that output coordinate `x` maps to.
  double inputCoordinate(int64_t x) const;

  /// The taps of output position `x`.
  ResizeTaps tapsAt(int64_t x) const;
};

} // namespace kiln

#endif // KILN_DIALECT_RESIZETAPS_H
