//===- KilnGradients.cpp - Gradient rules too long for TableGen -----------===//
//
// Each function is the vector-Jacobian product of one kind of kiln op, called
// from that op's `gradient` field in KilnOps.td. They build kiln ops only, so
// the gradients lower through the normal pipeline.
//
//===----------------------------------------------------------------------===//

#include "dialects/kiln/GradientEmitter.h"
#include "dialects/kiln/ShapedValues.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/KilnTypeInference.h"

#include <limits>

using namespace mlir;
using namespace kiln;

namespace {

int64_t rankOf(Value value) { return shapeOf(value).size(); }

int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// Reports that a rule cannot handle this instance of its op.
LogicalResult unsupported(GradientEmitter &g, const Twine &why) {
  return g.op()->emitOpError("gradient: ") << why;
}

Value transposeOf(GradientEmitter &g, Value value, ArrayRef<int64_t> perm) {
  return TransposeOp::create(g.builder(), g.loc(), value, perm);
}

/// Swaps the last two dimensions.
Value transposeLastTwo(GradientEmitter &g, Value value) {
  int64_t rank = rankOf(value);
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(perm[rank - 1], perm[rank - 2]);
  return transposeOf(g, value, perm);
}

Value sliceAxis(GradientEmitter &g, Value value, int64_t axis, int64_t start,
                int64_t end, int64_t step = 1) {
  if (start == 0 && end == shapeOf(value)[axis] && step == 1)
    return value;
  return SliceOp::create(g.builder(), g.loc(), value, {axis}, {start}, {end},
                         {step});
}

Value padAxis(GradientEmitter &g, Value value, int64_t axis, int64_t before,
              int64_t after, double fill = 0.0) {
  if (before == 0 && after == 0)
    return value;
  int64_t rank = rankOf(value);
  SmallVector<int64_t> pads(2 * rank, 0);
  pads[axis] = before;
  pads[axis + rank] = after;
  return PadOp::create(g.builder(), g.loc(), value, pads, llvm::APFloat(fill));
}

/// The adjoint of a strided slice along one axis: places element k of
/// `value`'s `axis` at position `start + k * step` of a zero tensor whose
/// `axis` has `size` elements. Built from reshapes and pads: each element
/// gets `step - 1` zeros after it, then the result is shifted and cut.
FailureOr<Value> scatterStrided(GradientEmitter &g, Value value, int64_t axis,
                                int64_t start, int64_t step, int64_t size) {
  SmallVector<int64_t> shape(shapeOf(value));
  int64_t count = shape[axis];
  if (ShapedType::isDynamic(count) || ShapedType::isDynamic(size))
    return unsupported(g, "needs a static size along axis " + Twine(axis));
  Value spread = value;
  int64_t length = count;
  if (step > 1 && count > 0) {
    SmallVector<int64_t> split(shape);
    split.insert(split.begin() + axis + 1, 1);
    Value expanded = reshapeTo(g.builder(), g.loc(), value, split);
    if (!expanded)
      return unsupported(g, "needs at most one dynamic dimension");
    Value padded = padAxis(g, expanded, axis + 1, 0, step - 1);
    SmallVector<int64_t> merged(shape);
    merged[axis] = count * step;
    spread = reshapeTo(g.builder(), g.loc(), padded, merged);
    length = count * step;
  }
  if (start + length > size) {
    length = size - start;
    spread = sliceAxis(g, spread, axis, 0, length);
  }
  return padAxis(g, spread, axis, start, size - start - length);
}

/// Reshapes a per-channel vector [C] to [C, 1, ..., 1] so that it broadcasts
/// against axis 1 of a tensor of rank `rank`.
Value channelBroadcastable(GradientEmitter &g, Value vector, int64_t rank) {
  SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = shapeOf(vector)[0];
  return reshapeTo(g.builder(), g.loc(), vector, shape);
}

/// Sums `value` (rank `rank`, channels on axis 1) to a per-channel [C].
Value channelSum(GradientEmitter &g, Value value, Value vectorLike) {
  int64_t rank = rankOf(value);
  SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = shapeOf(vectorLike)[0];
  auto type = RankedTensorType::get(shape, getElementTypeOrSelf(value));
  Value summed = sumToShape(g.builder(), g.loc(), value, type);
  return reshapeTo(g.builder(), g.loc(), summed, shapeOf(vectorLike));
}

} // namespace

//===----------------------------------------------------------------------===//
// Activations over an axis and reductions
//===----------------------------------------------------------------------===//

LogicalResult gradients::softmax(GradientEmitter &g, int64_t axis) {
  axis = normalizeAxis(axis, rankOf(g.x()));
  GradExpr y = g.y(), dy = g.dy();
  return g.grads({y * (dy - g.sumKeep(dy * y, {axis}))});
}

LogicalResult gradients::logSoftmax(GradientEmitter &g, int64_t axis) {
  axis = normalizeAxis(axis, rankOf(g.x()));
  GradExpr dy = g.dy();
  return g.grads({dy - g.exp(g.y()) * g.sumKeep(dy, {axis})});
}

LogicalResult gradients::reduction(GradientEmitter &g, ArrayRef<int64_t> axes,
                                   bool keepdims, bool mean, bool extremum) {
  GradExpr x = g.x();
  ArrayRef<int64_t> shape = shapeOf(x);
  SmallVector<int64_t> normalized;
  if (failed(normalizeAxes(g.loc(), shape.size(), axes, normalized)))
    return failure();
  SmallVector<int64_t> keptShape(shape);
  for (int64_t axis : normalized)
    keptShape[axis] = 1;
  auto kept = [&](GradExpr value) -> GradExpr {
    if (keepdims)
      return value;
    return g.wrap(reshapeTo(g.builder(), g.loc(), value, keptShape));
  };
  GradExpr dy = kept(g.dy());
  if (!dy)
    return unsupported(g, "needs at most one dynamic dimension");
  if (extremum) {
    GradExpr hits = g.equal(x, kept(g.y()));
    return g.grads({hits * (dy / g.sumKeep(hits, normalized))});
  }
  if (mean) {
    int64_t count = 1;
    for (int64_t axis : normalized)
      count = ShapedType::isDynamic(shape[axis]) || ShapedType::isDynamic(count)
                  ? ShapedType::kDynamic
                  : count * shape[axis];
    if (ShapedType::isDynamic(count))
      dy = dy / g.sumKeep(g.zerosLike(x) + 1.0, normalized);
    else
      dy = dy / static_cast<double>(count);
  }
  return g.grads({g.wrap(broadcastLike(g.builder(), g.loc(), dy, x))});
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult gradients::matmul(GradientEmitter &g) {
  Value lhs = g.x(0), rhs = g.x(1), dy = g.dy();
  OpBuilder &b = g.builder();
  Value dlhs = MatmulOp::create(b, g.loc(), dy, transposeLastTwo(g, rhs));
  Value drhs = MatmulOp::create(b, g.loc(), transposeLastTwo(g, lhs), dy);
  return g.grads(ArrayRef<Value>{dlhs, drhs});
}

LogicalResult gradients::linear(GradientEmitter &g) {
  auto op = cast<LinearOp>(g.op());
  OpBuilder &b = g.builder();
  Value x = op.getInput(), weight = op.getWeight(), dy = g.dy();
  ArrayRef<int64_t> w = shapeOf(weight);
  Value rows = reshapeTo(b, g.loc(), x, {ShapedType::kDynamic, w[0]});
  Value dyRows = reshapeTo(b, g.loc(), dy, {ShapedType::kDynamic, w[1]});
  if (llvm::count_if(shapeOf(x), ShapedType::isDynamic) > 1)
    return unsupported(g, "needs at most one dynamic dimension");
  Value dxRows = MatmulOp::create(b, g.loc(), dyRows, transposeOf(g, weight, {1, 0}));
  Value dx = reshapeTo(b, g.loc(), dxRows, shapeOf(x));
  Value dweight =
      MatmulOp::create(b, g.loc(), transposeOf(g, rows, {1, 0}), dyRows);
  SmallVector<Value> grads = {dx, dweight};
  if (op.getBias())
    grads.push_back(ReduceSumOp::create(b, g.loc(), dyRows,
                                        ArrayRef<int64_t>{0}, false));
  return g.grads(grads);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult gradients::reshape(GradientEmitter &g) {
  Value dx = reshapeTo(g.builder(), g.loc(), g.dy(), shapeOf(g.x()));
  if (!dx)
    return unsupported(g, "needs at most one dynamic dimension");
  return g.grads(ArrayRef<Value>{dx});
}

LogicalResult gradients::transpose(GradientEmitter &g, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  return g.grads(ArrayRef<Value>{transposeOf(g, g.dy(), inverse)});
}

LogicalResult gradients::concat(GradientEmitter &g, int64_t axis) {
  axis = normalizeAxis(axis, rankOf(g.dy()));
  SmallVector<Value> grads;
  int64_t offset = 0;
  for (Value input : g.op()->getOperands()) {
    int64_t size = shapeOf(input)[axis];
    if (ShapedType::isDynamic(size))
      return unsupported(g, "needs a static size along the concatenated axis");
    grads.push_back(sliceAxis(g, g.dy(), axis, offset, offset + size));
    offset += size;
  }
  return g.grads(grads);
}

LogicalResult gradients::slice(GradientEmitter &g, ArrayRef<int64_t> axes,
                               ArrayRef<int64_t> starts,
                               ArrayRef<int64_t> steps) {
  Value dx = g.dy();
  ArrayRef<int64_t> shape = shapeOf(g.x());
  for (auto [axis, start, step] : llvm::zip(axes, starts, steps)) {
    FailureOr<Value> scattered =
        scatterStrided(g, dx, axis, start, step, shape[axis]);
    if (failed(scattered))
      return failure();
    dx = *scattered;
  }
  return g.grads(ArrayRef<Value>{dx});
}

LogicalResult gradients::pad(GradientEmitter &g, ArrayRef<int64_t> pads) {
  Value dx = g.dy();
  ArrayRef<int64_t> shape = shapeOf(g.x());
  int64_t rank = shape.size();
  for (int64_t axis = 0; axis < rank; ++axis) {
    if (pads[axis] == 0 && pads[axis + rank] == 0)
      continue;
    if (ShapedType::isDynamic(shape[axis]))
      return unsupported(g, "cannot pad a dynamic dimension");
    dx = sliceAxis(g, dx, axis, pads[axis], pads[axis] + shape[axis]);
  }
  return g.grads(ArrayRef<Value>{dx});
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

namespace {

/// Gradient of a conv2d with groups = 1 with respect to its input: the
/// transposed convolution of `dy` with the same weight, computed unpadded
/// and then cut to the input's rows and columns.
Value convInputGradient(GradientEmitter &g, Value dy, Value weight,
                        ArrayRef<int64_t> inputShape, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations) {
  Value full = Conv2DTransposeOp::create(
      g.builder(), g.loc(), dy, weight, Value(), strides,
      ArrayRef<int64_t>{0, 0, 0, 0}, dilations, ArrayRef<int64_t>{0, 0}, 1);
  for (int i = 0; i < 2; ++i) {
    int64_t axis = 2 + i, size = shapeOf(full)[axis];
    int64_t wanted = pads[i] + inputShape[axis];
    if (size < wanted)
      full = padAxis(g, full, axis, 0, wanted - size);
    full = sliceAxis(g, full, axis, pads[i], wanted);
  }
  return full;
}

Value concatOrSingle(GradientEmitter &g, ArrayRef<Value> values, int64_t axis) {
  if (values.size() == 1)
    return values[0];
  return ConcatOp::create(g.builder(), g.loc(), values, axis);
}

/// The correlation of every kernel-sized window of `windowed` with
/// `weights`, summed over the batch: for `windowed` [N, A, H, W] (padded by
/// `pads` = [top, left, bottom, right]) and `weights` [N, B, OH, OW],
///   r[b, a, i, j] = sum over n, oh, ow of weights[n, b, oh, ow] *
///                   padded[n, a, oh * s0 + i * d0, ow * s1 + j * d1].
/// This is the weight gradient of a convolution (windowed = input, weights =
/// dy) and of a transposed one (windowed = dy, weights = input). It is built
/// as im2col and one matrix product, which vectorizes: the KH * KW windows
/// (strided slices) stacked as patches [A * KH * KW, N * OH * OW], times the
/// weights as rows [N * OH * OW, B]. Returns null when a reshape needs more
/// than one dynamic dimension.
Value windowCorrelation(GradientEmitter &g, Value windowed,
                        ArrayRef<int64_t> pads, Value weights,
                        ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> dilations) {
  OpBuilder &b = g.builder();
  ArrayRef<int64_t> ws = shapeOf(weights);
  int64_t channels = shapeOf(windowed)[1], outputs = ws[1];
  int64_t batch = ws[0], rows = ws[2], cols = ws[3];
  int64_t taps = kernel[0] * kernel[1];
  // [A, N, H, W]: the batch becomes part of the contraction.
  Value planes = transposeOf(g, windowed, {1, 0, 2, 3});
  planes = padAxis(g, planes, 2, pads[0], pads[2]);
  planes = padAxis(g, planes, 3, pads[1], pads[3]);
  SmallVector<int64_t> tapShape = {channels, 1, batch, rows, cols};
  SmallVector<Value> windows;
  for (int64_t i = 0; i < kernel[0]; ++i) {
    Value tapRows = sliceAxis(g, planes, 2, i * dilations[0],
                              i * dilations[0] + strides[0] * (rows - 1) + 1,
                              strides[0]);
    for (int64_t j = 0; j < kernel[1]; ++j) {
      Value tap = sliceAxis(g, tapRows, 3, j * dilations[1],
                            j * dilations[1] + strides[1] * (cols - 1) + 1,
                            strides[1]);
      Value window = reshapeTo(b, g.loc(), tap, tapShape);
      if (!window)
        return nullptr;
      windows.push_back(window);
    }
  }
  int64_t positions =
      ShapedType::isDynamic(batch) ? ShapedType::kDynamic : batch * rows * cols;
  Value patches = reshapeTo(b, g.loc(), concatOrSingle(g, windows, 1),
                            {channels * taps, positions});
  Value weightRows = reshapeTo(
      b, g.loc(), transposeOf(g, weights, {0, 2, 3, 1}), {positions, outputs});
  if (!patches || !weightRows)
    return nullptr;
  Value product = MatmulOp::create(b, g.loc(), patches, weightRows);
  return reshapeTo(b, g.loc(), transposeOf(g, product, {1, 0}),
                   {outputs, channels, kernel[0], kernel[1]});
}

Value biasGradient(GradientEmitter &g, Value dy) {
  return ReduceSumOp::create(g.builder(), g.loc(), dy,
                             ArrayRef<int64_t>{0, 2, 3}, false);
}

} // namespace

LogicalResult gradients::conv2d(GradientEmitter &g, ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> pads,
                                ArrayRef<int64_t> dilations, int64_t groups) {
  auto op = cast<Conv2DOp>(g.op());
  Value x = op.getInput(), weight = op.getWeight(), dy = g.dy();
  ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(weight);
  if (ShapedType::isDynamic(xs[1]) || ShapedType::isDynamic(xs[2]) ||
      ShapedType::isDynamic(xs[3]) ||
      !cast<ShapedType>(weight.getType()).hasStaticShape())
    return unsupported(g, "needs static channels, spatial and kernel sizes");
  int64_t channels = xs[1] / groups, filters = ws[0] / groups;
  SmallVector<Value> inputGrads, weightGrads;
  for (int64_t group = 0; group < groups; ++group) {
    Value xg = sliceAxis(g, x, 1, group * channels, (group + 1) * channels);
    Value wg = sliceAxis(g, weight, 0, group * filters, (group + 1) * filters);
    Value dyg = sliceAxis(g, dy, 1, group * filters, (group + 1) * filters);
    inputGrads.push_back(
        convInputGradient(g, dyg, wg, xs, strides, pads, dilations));
    Value weightGrad = windowCorrelation(g, xg, pads, dyg, ws.drop_front(2),
                                         strides, dilations);
    if (!weightGrad)
      return unsupported(g, "needs at most one dynamic dimension");
    weightGrads.push_back(weightGrad);
  }
  SmallVector<Value> grads = {concatOrSingle(g, inputGrads, 1),
                              concatOrSingle(g, weightGrads, 0)};
  if (op.getBias())
    grads.push_back(biasGradient(g, dy));
  return g.grads(grads);
}

LogicalResult gradients::conv2dTranspose(GradientEmitter &g,
                                         ArrayRef<int64_t> strides,
                                         ArrayRef<int64_t> pads,
                                         ArrayRef<int64_t> dilations,
                                         int64_t groups) {
  auto op = cast<Conv2DTransposeOp>(g.op());
  if (groups != 1)
    return unsupported(g, "supports groups = 1 only");
  Value x = op.getInput(), weight = op.getWeight(), dy = g.dy();
  ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(weight);
  if (ShapedType::isDynamic(xs[2]) || ShapedType::isDynamic(xs[3]) ||
      !cast<ShapedType>(weight.getType()).hasStaticShape())
    return unsupported(g, "needs static spatial and kernel sizes");
  // The adjoint of a transposed convolution is the convolution.
  Value dx = Conv2DOp::create(g.builder(), g.loc(), dy, weight, Value(),
                              strides, pads, dilations, 1);
  for (int i = 0; i < 2; ++i)
    dx = sliceAxis(g, dx, 2 + i, 0, xs[2 + i]);
  // dW[c, f, i, j] = sum x[n, c, h, w] * dy[n, f, h * s - pad + i * d, ...].
  Value dweight = windowCorrelation(g, dy, pads, x, ws.drop_front(2), strides,
                                    dilations);
  if (!dweight)
    return unsupported(g, "needs at most one dynamic dimension");
  SmallVector<Value> grads = {dx, dweight};
  if (op.getBias())
    grads.push_back(biasGradient(g, dy));
  return g.grads(grads);
}

//===----------------------------------------------------------------------===//
// Pooling and normalization
//===----------------------------------------------------------------------===//

namespace {

/// `value` along `axis` with `before` elements of `fill` in front and its
/// length changed by `after` at the end: padded with `fill` when `after` is
/// positive, cut when it is negative.
Value fitAxis(GradientEmitter &g, Value value, int64_t axis, int64_t before,
              int64_t after, double fill) {
  value = padAxis(g, value, axis, before, std::max<int64_t>(after, 0), fill);
  if (after < 0)
    value = sliceAxis(g, value, axis, 0, shapeOf(value)[axis] + after);
  return value;
}

/// A constant [1, 1, 1, K0, 1, K1] whose element (i, j) is `tap(i, j)`.
GradExpr tapConstant(GradientEmitter &g, ArrayRef<int64_t> kernel,
                     Type elementType,
                     llvm::function_ref<double(int64_t, int64_t)> tap) {
  auto type = RankedTensorType::get({1, 1, 1, kernel[0], 1, kernel[1]},
                                    elementType);
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < kernel[0]; ++i)
    for (int64_t j = 0; j < kernel[1]; ++j)
      values.push_back(FloatAttr::get(elementType, tap(i, j)));
  return g.wrap(ConstantOp::create(g.builder(), g.loc(),
                                   DenseElementsAttr::get(type, values)));
}

/// The gradient of a pooling whose windows do not overlap (stride >= kernel
/// on both axes), or null where a reshape would need two dynamic dimensions.
/// The padded input, cut or extended to OH * S0 rows and OW * S1 columns, is
/// viewed as blocks [N, C, OH, S0, OW, S1] whose first K0 x K1 elements are
/// the windows; the gradient is then elementwise ops and one reduction over
/// the window axes on contiguous data, where the general rule needs a
/// strided slice and a scatter per window offset. `share` is what each
/// element of an average pooling's window receives.
Value blockPoolGradient(GradientEmitter &g, bool max, GradExpr share,
                        ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> pads) {
  OpBuilder &b = g.builder();
  Value x = g.x();
  ArrayRef<int64_t> xs = shapeOf(x), ys = shapeOf(g.y());
  int64_t rows = ys[2] * strides[0], cols = ys[3] * strides[1];
  SmallVector<int64_t> blocks = {xs[0], xs[1], ys[2], strides[0],
                                 ys[3], strides[1]};
  SmallVector<int64_t> windowShape = {xs[0], xs[1], ys[2], 1, ys[3], 1};
  auto cutWindows = [&](Value blocked) {
    blocked = sliceAxis(g, blocked, 3, 0, kernel[0]);
    return sliceAxis(g, blocked, 5, 0, kernel[1]);
  };
  Type elementType = getElementTypeOrSelf(x);
  GradExpr dx;
  if (max) {
    double lowest = -std::numeric_limits<double>::infinity();
    Value padded =
        fitAxis(g, x, 2, pads[0], rows - pads[0] - xs[2], lowest);
    padded = fitAxis(g, padded, 3, pads[1], cols - pads[1] - xs[3], lowest);
    Value blocked = reshapeTo(b, g.loc(), padded, blocks);
    Value y = reshapeTo(b, g.loc(), g.y(), windowShape);
    Value dy = reshapeTo(b, g.loc(), g.dy(), windowShape);
    if (!blocked || !y || !dy)
      return nullptr;
    // The first maximum of each window in row-major order wins: the
    // smallest tap number among the elements equal to the maximum.
    int64_t taps = kernel[0] * kernel[1];
    GradExpr tapNumber = tapConstant(
        g, kernel, elementType,
        [&](int64_t i, int64_t j) { return i * kernel[1] + j; });
    GradExpr isMax = g.equal(g.wrap(cutWindows(blocked)), g.wrap(y));
    GradExpr candidate = tapNumber + (1.0 - isMax) * static_cast<double>(taps);
    GradExpr first = g.wrap(ReduceMinOp::create(
        b, g.loc(), candidate, ArrayRef<int64_t>{3, 5}, true));
    dx = g.equal(tapNumber, first) * g.wrap(dy);
  } else {
    Value spread = reshapeTo(b, g.loc(), share, windowShape);
    if (!spread)
      return nullptr;
    dx = g.wrap(spread) *
         tapConstant(g, kernel, elementType, [](int64_t, int64_t) {
           return 1.0;
         });
  }
  Value blockedDx = padAxis(g, dx, 3, 0, strides[0] - kernel[0]);
  blockedDx = padAxis(g, blockedDx, 5, 0, strides[1] - kernel[1]);
  Value paddedDx =
      reshapeTo(b, g.loc(), blockedDx, {xs[0], xs[1], rows, cols});
  if (!paddedDx)
    return nullptr;
  // Back to the input's rows and columns: drop the padding in front, and
  // cut or zero-extend the end.
  paddedDx = fitAxis(g, paddedDx, 2, 0, pads[0] + xs[2] - rows, 0.0);
  paddedDx = fitAxis(g, paddedDx, 3, 0, pads[1] + xs[3] - cols, 0.0);
  paddedDx = sliceAxis(g, paddedDx, 2, pads[0], pads[0] + xs[2]);
  return sliceAxis(g, paddedDx, 3, pads[1], pads[1] + xs[3]);
}

} // namespace

LogicalResult gradients::pool2d(GradientEmitter &g, bool max,
                                ArrayRef<int64_t> kernel,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> pads, bool countIncludePad) {
  GradExpr x = g.x(), y = g.y(), dy = g.dy();
  ArrayRef<int64_t> xs = shapeOf(x), ys = shapeOf(y);
  if (llvm::any_of(xs.drop_front(2), ShapedType::isDynamic))
    return unsupported(g, "needs static spatial sizes");
  int64_t height = xs[2] + pads[0] + pads[2], width = xs[3] + pads[1] + pads[3];
  auto padSpatial = [&](GradExpr value, double fill) -> GradExpr {
    Value padded = padAxis(g, value, 2, pads[0], pads[2], fill);
    return g.wrap(padAxis(g, padded, 3, pads[1], pads[3], fill));
  };
  // The window offset (i, j) of every output position, as a strided slice.
  auto window = [&](GradExpr padded, int64_t i, int64_t j) -> GradExpr {
    Value rows = sliceAxis(g, padded, 2, i, i + strides[0] * (ys[2] - 1) + 1,
                           strides[0]);
    return g.wrap(sliceAxis(g, rows, 3, j, j + strides[1] * (ys[3] - 1) + 1,
                            strides[1]));
  };
  auto scatter = [&](GradExpr value, int64_t i, int64_t j) -> FailureOr<Value> {
    FailureOr<Value> rows =
        scatterStrided(g, value, 2, i, strides[0], height);
    if (failed(rows))
      return failure();
    return scatterStrided(g, *rows, 3, j, strides[1], width);
  };

  GradExpr share = dy;
  if (!max && countIncludePad) {
    share = dy / static_cast<double>(kernel[0] * kernel[1]);
  } else if (!max) {
    GradExpr ones = padSpatial(g.zerosLike(x) + 1.0, 0.0), count;
    for (int64_t i = 0; i < kernel[0]; ++i)
      for (int64_t j = 0; j < kernel[1]; ++j)
        count = count ? count + window(ones, i, j) : window(ones, i, j);
    share = dy / count;
  }

  if (strides[0] >= kernel[0] && strides[1] >= kernel[1])
    if (Value dx = blockPoolGradient(g, max, share, kernel, strides, pads))
      return g.grads(ArrayRef<Value>{dx});

  GradExpr paddedInput, taken;
  if (max) {
    paddedInput = padSpatial(x, -std::numeric_limits<double>::infinity());
    taken = g.zerosLike(y);
  }

  Value dx;
  for (int64_t i = 0; i < kernel[0]; ++i) {
    for (int64_t j = 0; j < kernel[1]; ++j) {
      GradExpr contribution = share;
      if (max) {
        // The first maximum of each window in row-major order wins.
        GradExpr first = g.equal(window(paddedInput, i, j), y) * (1.0 - taken);
        taken = taken + first;
        contribution = dy * first;
      }
      FailureOr<Value> placed = scatter(contribution, i, j);
      if (failed(placed))
        return failure();
      dx = accumulate(g.builder(), g.loc(), dx, *placed);
    }
  }
  dx = sliceAxis(g, dx, 2, pads[0], pads[0] + xs[2]);
  dx = sliceAxis(g, dx, 3, pads[1], pads[1] + xs[3]);
  return g.grads(ArrayRef<Value>{dx});
}

LogicalResult gradients::globalAvgPool2d(GradientEmitter &g) {
  GradExpr x = g.x();
  ArrayRef<int64_t> xs = shapeOf(x);
  if (ShapedType::isDynamic(xs[2]) || ShapedType::isDynamic(xs[3]))
    return unsupported(g, "needs static spatial sizes");
  GradExpr dy = g.wrap(
      reshapeTo(g.builder(), g.loc(), g.dy(), {xs[0], xs[1], 1, 1}));
  if (!dy)
    return unsupported(g, "needs at most one dynamic dimension");
  dy = dy / static_cast<double>(xs[2] * xs[3]);
  return g.grads({g.wrap(broadcastLike(g.builder(), g.loc(), dy, x))});
}

LogicalResult gradients::batchNorm(GradientEmitter &g, double epsilon) {
  GradExpr x = g.x(0), scale = g.x(1), mean = g.x(3), variance = g.x(4);
  GradExpr dy = g.dy();
  int64_t rank = rankOf(x);
  auto perChannel = [&](GradExpr v) {
    return g.wrap(channelBroadcastable(g, v, rank));
  };
  auto sumPerChannel = [&](GradExpr v) {
    return g.wrap(channelSum(g, v, scale));
  };
  GradExpr inverseStd = 1.0 / g.sqrt(variance + epsilon);
  GradExpr centered = x - perChannel(mean);
  GradExpr dx = dy * perChannel(scale * inverseStd);
  GradExpr dscale = sumPerChannel(dy * centered) * inverseStd;
  GradExpr doffset = sumPerChannel(dy);
  GradExpr dmean = -sumPerChannel(dx);
  GradExpr dvariance = sumPerChannel(dy * centered) * scale * -0.5 *
                       inverseStd * inverseStd * inverseStd;
  return g.grads({dx, dscale, doffset, dmean, dvariance});
}
