//===- ResizeGradient.cpp - The gradient of kiln.resize -------------------===//
//
// A resize is linear in its input and separable: Y = A_H X A_W^T over the
// last two dimensions, where A [out, in] holds each output position's tap
// weights (ResizeTaps.h; taps clamped to the same input position add up).
// Its vector-Jacobian product is the transposed interpolation
// dX = A_H^T dY A_W: two broadcasting matrix products with constant
// matrices, for every mode (nearest, linear, cubic).
//
//===----------------------------------------------------------------------===//

#include "dialects/kiln/GradientEmitter.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/ResizeTaps.h"

using namespace mlir;
using namespace kiln;

namespace {

/// The interpolation matrix of `axis`, [out, in], or its transpose.
Value interpolationMatrix(OpBuilder &b, Location loc, const ResizeAxis &axis,
                          Type elementType, bool transposed) {
  std::vector<double> matrix(axis.outSize * axis.inSize, 0.0);
  for (int64_t x = 0; x < axis.outSize; ++x) {
    ResizeTaps taps = axis.tapsAt(x);
    for (auto [position, weight] : llvm::zip(taps.positions, taps.weights)) {
      int64_t index =
          transposed ? position * axis.outSize + x : x * axis.inSize + position;
      matrix[index] += weight;
    }
  }
  auto floatType = cast<FloatType>(elementType);
  SmallVector<APFloat> values;
  for (double value : matrix) {
    APFloat converted(value);
    bool lost;
    converted.convert(floatType.getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &lost);
    values.push_back(converted);
  }
  SmallVector<int64_t> shape =
      transposed ? SmallVector<int64_t>{axis.inSize, axis.outSize}
                 : SmallVector<int64_t>{axis.outSize, axis.inSize};
  auto type = RankedTensorType::get(shape, elementType);
  return ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
}

} // namespace

LogicalResult kiln::gradients::resize(GradientEmitter &g) {
  auto op = cast<ResizeOp>(g.op());
  OpBuilder &b = g.builder();
  Location loc = g.loc();
  Type elementType = op.getType().getElementType();
  // dY [N, C, outH, outW] -> A_H^T dY [N, C, inH, outW] -> (...) A_W.
  Value rows = interpolationMatrix(b, loc, ResizeAxis::of(op, 0), elementType,
                                   /*transposed=*/true);
  Value columns = interpolationMatrix(b, loc, ResizeAxis::of(op, 1),
                                      elementType, /*transposed=*/false);
  Value gradient = MatmulOp::create(b, loc, rows, Value(g.dy()));
  gradient = MatmulOp::create(b, loc, gradient, columns);
  return g.grads({g.wrap(gradient)});
}
