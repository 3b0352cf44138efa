//===- ResizeTaps.cpp - Interpolation taps of kiln.resize -----------------===//

#include "dialects/kiln/ResizeTaps.h"
#include "dialects/kiln/KilnOps.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace kiln;

ResizeAxis ResizeAxis::of(ResizeOp op, int i) {
  int64_t inSize = op.getInput().getType().getDimSize(2 + i);
  int64_t outSize = op.getType().getDimSize(2 + i);
  double scale = op.getScales() ? (*op.getScales())[i]
                                : static_cast<double>(outSize) / inSize;
  return ResizeAxis{inSize,
                    outSize,
                    scale,
                    op.getCoordinateTransformationMode(),
                    op.getMode(),
                    op.getNearestMode(),
                    op.getCubicCoeffA().convertToDouble(),
                    op.getExcludeOutside()};
}

double ResizeAxis::inputCoordinate(int64_t x) const {
  double outWidth = scale * static_cast<double>(inSize);
  if (coordinateMode == "align_corners")
    return outWidth == 1 ? 0.0 : x * (inSize - 1.0) / (outWidth - 1.0);
  if (coordinateMode == "asymmetric")
    return x / scale;
  if (coordinateMode == "tf_half_pixel_for_nn")
    return (x + 0.5) / scale;
  if (coordinateMode == "pytorch_half_pixel" && outWidth == 1)
    return -0.5;
  return (x + 0.5) / scale - 0.5;
}

ResizeTaps ResizeAxis::tapsAt(int64_t x) const {
  auto clamp = [&](int64_t position) {
    return static_cast<int32_t>(std::clamp<int64_t>(position, 0, inSize - 1));
  };
  double source = inputCoordinate(x);
  double floor = std::floor(source);
  int64_t base = static_cast<int64_t>(floor);
  double ratio = source - floor;
  ResizeTaps taps;
  if (mode == "nearest") {
    bool up = ratio != 0 && llvm::StringSwitch<bool>(nearestMode)
                                .Case("round_prefer_floor", ratio > 0.5)
                                .Case("round_prefer_ceil", ratio >= 0.5)
                                .Case("floor", false)
                                .Default(true);
    taps.positions = {clamp(base + up)};
    taps.weights = {1.0};
    return taps;
  }
  if (mode == "linear") {
    taps.positions = {clamp(base), clamp(base + 1)};
    taps.weights = {1.0 - ratio, ratio};
    return taps;
  }
  // Cubic convolution over base - 1 .. base + 2.
  double a = cubicA;
  auto near = [a](double t) { // |t| <= 1
    return ((a + 2) * t - (a + 3)) * t * t + 1;
  };
  auto far = [a](double t) { // 1 < |t| < 2
    return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  };
  double weights[4] = {far(ratio + 1), near(ratio), near(1 - ratio),
                       far(2 - ratio)};
  double total = 0;
  for (int k = 0; k < 4; ++k) {
    int64_t position = base - 1 + k;
    if (excludeOutside && (position < 0 || position >= inSize))
      weights[k] = 0;
    total += weights[k];
  }
  for (int k = 0; k < 4; ++k) {
    taps.positions.push_back(clamp(base - 1 + k));
    taps.weights.push_back(excludeOutside ? weights[k] / total : weights[k]);
  }
  return taps;
}
