//===- NormalizationImporters.cpp - ONNX normalization ops ----------------===//
//
// BatchNormalization (inference form) maps onto kiln.batch_norm;
// LayerNormalization and InstanceNormalization are built from reductions
// and elementwise ops.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

LogicalResult importBatchNormalization(NodeImporter &node) {
  if (failed(node.checkAttributes(
          {"epsilon", "momentum", "spatial", "training_mode", "is_test"})))
    return failure();
  if (node.intAttr("training_mode", 0) != 0)
    return node.error("training mode is not supported (Kiln imports "
                      "inference graphs)");
  if (node.intAttr("spatial", 1) != 1)
    return node.error("spatial = 0 is not supported");
  for (unsigned i = 1; i < node.numOutputs(); ++i)
    if (node.hasOutput(i))
      return node.error("the training outputs (running mean and variance) "
                        "are not supported");
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 5; ++i) {
    auto operand = node.input(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  // A running statistic that is a parameter of another name came through
  // an Identity: PyTorch's exporter stores equal initializers once, so a
  // fresh model's mean and variance are Identity nodes of its bias and
  // weight. Trained, they are separate tensors, as in the exported model.
  for (unsigned i : {3u, 4u}) {
    auto parameter = operands[i].getDefiningOp<ParameterOp>();
    if (!parameter || parameter.getName() == node.inputName(i))
      continue;
    auto statistic = cast<ParameterOp>(node.builder().clone(*parameter));
    statistic.setName(node.inputName(i));
    operands[i] = statistic;
  }
  auto result = node.create<BatchNormOp>(
      operands, {node.f64Attr("epsilon", node.floatAttr("epsilon", 1e-5)),
                 node.f64Attr("momentum", node.floatAttr("momentum", 0.9))});
  return node.setResult(result);
}

/// The statistics of x over `axes`, each kept with size 1.
struct Normalized {
  Value centered, mean, invStdDev;
  /// (x - mean) / sqrt(variance + epsilon).
  Value result;
};

FailureOr<Normalized> normalize(NodeImporter &node, Value x,
                                ArrayRef<int64_t> axes, double epsilon) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  SmallVector<NamedAttribute> reduce = {node.i64ArrayAttr("axes", axes),
                                        node.boolAttr("keepdims", true)};
  auto mean = node.create<ReduceMeanOp>({x}, reduce);
  auto centered = succeeded(mean) ? node.create<SubOp>({x, *mean}) : noValue();
  auto squared = succeeded(centered)
                     ? node.create<MulOp>({*centered, *centered})
                     : noValue();
  auto variance = succeeded(squared)
                      ? node.create<ReduceMeanOp>({*squared}, reduce)
                      : noValue();
  auto shifted =
      succeeded(variance)
          ? node.create<AddOp>({*variance, node.scalar(epsilon, element)})
          : noValue();
  auto deviation =
      succeeded(shifted) ? node.create<SqrtOp>({*shifted}) : noValue();
  auto inverse = succeeded(deviation)
                     ? node.create<DivOp>({node.scalar(1.0, element), *deviation})
                     : noValue();
  auto result = succeeded(inverse) ? node.create<MulOp>({*centered, *inverse})
                                   : noValue();
  if (failed(result))
    return failure();
  return Normalized{*centered, *mean, *inverse, *result};
}

/// normalized * scale + bias; the result keeps x's type.
LogicalResult scaleAndShift(NodeImporter &node, Value x, Value normalized,
                            Value scale, Value bias) {
  auto result = node.create<MulOp>({normalized, scale});
  if (succeeded(result) && bias)
    result = node.create<AddOp>({*result, bias});
  if (failed(result))
    return failure();
  if (result->getType() != x.getType())
    return node.error("scale and bias do not broadcast to the input's shape");
  node.setOutput(0, *result);
  return success();
}

/// LayerNormalization (opset 17): over the axes from `axis` on.
LogicalResult importLayerNormalization(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis", "epsilon", "stash_type"})))
    return failure();
  auto x = node.input(0);
  auto scale = succeeded(x) ? node.input(1) : noValue();
  if (failed(scale))
    return failure();
  Value bias;
  if (node.hasInput(2)) {
    auto input = node.input(2);
    if (failed(input))
      return failure();
    bias = *input;
  }
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  auto axis = normalizeAxis(node, node.intAttr("axis", -1), rank);
  if (failed(axis))
    return failure();
  auto normalized = normalize(node, *x,
                              llvm::to_vector(llvm::seq<int64_t>(*axis, rank)),
                              node.floatAttr("epsilon", 1e-5));
  if (failed(normalized))
    return failure();
  // The optional outputs: the mean and 1 / standard deviation.
  node.setOutput(1, normalized->mean);
  node.setOutput(2, normalized->invStdDev);
  return scaleAndShift(node, *x, normalized->result, *scale, bias);
}

/// InstanceNormalization: per image and channel, over the spatial axes.
LogicalResult importInstanceNormalization(NodeImporter &node) {
  if (failed(node.checkAttributes({"epsilon"})))
    return failure();
  auto x = node.input(0);
  auto scale = succeeded(x) ? node.input(1) : noValue();
  auto bias = succeeded(scale) ? node.input(2) : noValue();
  if (failed(bias))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (rank < 3)
    return node.error("the input needs rank 3 or more");
  auto normalized = normalize(node, *x,
                              llvm::to_vector(llvm::seq<int64_t>(2, rank)),
                              node.floatAttr("epsilon", 1e-5));
  if (failed(normalized))
    return failure();
  // scale and bias are [C]: give them trailing unit dimensions.
  SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = -1;
  auto perChannel = [&](Value v) {
    return node.create<ReshapeOp>({v}, {node.i64ArrayAttr("shape", shape)});
  };
  auto scale3 = perChannel(*scale);
  auto bias3 = succeeded(scale3) ? perChannel(*bias) : noValue();
  if (failed(bias3))
    return failure();
  return scaleAndShift(node, *x, normalized->result, *scale3, *bias3);
}

/// MeanVarianceNormalization: (x - mean) / sqrt(variance) over `axes`.
LogicalResult importMeanVarianceNormalization(NodeImporter &node) {
  if (failed(node.checkAttributes({"axes"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  SmallVector<int64_t> axes = node.intsAttr("axes", {0, 2, 3});
  for (int64_t &axis : axes) {
    auto normalized = normalizeAxis(node, axis, rank);
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  llvm::sort(axes);
  // ONNX's definition adds 1e-9 to the deviation; inside the root it is
  // below float32's resolution for any non-constant input.
  auto normalized = normalize(node, *x, axes, 1e-9);
  if (failed(normalized))
    return failure();
  node.setOutput(0, normalized->result);
  return success();
}

/// LRN over channels: x / (bias + alpha / size * sum of squares in a window
/// of `size` channels) ^ beta. The window sum is an average pooling of the
/// squares over [C, H * W], padding included, times `size`.
LogicalResult importLRN(NodeImporter &node) {
  if (failed(node.checkAttributes({"alpha", "beta", "bias", "size"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() != 4 || !type.hasStaticShape())
    return node.error("LRN needs a static [N, C, H, W] input");
  int64_t size = node.intAttr("size", 0);
  if (size <= 0)
    return node.error("attribute 'size' must be positive");
  double alpha = node.floatAttr("alpha", 1e-4), beta = node.floatAttr("beta", 0.75),
         bias = node.floatAttr("bias", 1.0);
  Type element = type.getElementType();
  int64_t n = type.getDimSize(0), c = type.getDimSize(1),
          hw = type.getDimSize(2) * type.getDimSize(3);
  auto squares = node.create<MulOp>({*x, *x});
  auto planes = succeeded(squares)
                    ? node.create<ReshapeOp>({*squares},
                                             {node.i64ArrayAttr("shape", {n, 1, c, hw})})
                    : noValue();
  int64_t before = (size - 1) / 2, after = size - 1 - before;
  auto mean = succeeded(planes)
                  ? node.create<AvgPool2DOp>(
                        {*planes}, {node.i64ArrayAttr("kernel", {size, 1}),
                                    node.i64ArrayAttr("pads", {before, 0, after, 0}),
                                    node.boolAttr("count_include_pad", true)})
                  : noValue();
  auto sums = succeeded(mean)
                  ? node.create<ReshapeOp>(
                        {*mean}, {node.i64ArrayAttr("shape", type.getShape())})
                  : noValue();
  // alpha / size * (size * mean) = alpha * mean.
  auto scaled = succeeded(sums)
                    ? node.create<MulOp>({*sums, node.scalar(alpha, element)})
                    : noValue();
  auto shifted = succeeded(scaled)
                     ? node.create<AddOp>({*scaled, node.scalar(bias, element)})
                     : noValue();
  auto denominator =
      succeeded(shifted)
          ? node.create<PowOp>({*shifted, node.scalar(beta, element)})
          : noValue();
  auto result = succeeded(denominator)
                    ? node.create<DivOp>({*x, *denominator})
                    : noValue();
  return node.setResult(result);
}

} // namespace

void registerNormalizationImporters(OpImporterRegistry &registry) {
  registry.add("BatchNormalization", importBatchNormalization);
  registry.add("LayerNormalization", importLayerNormalization);
  registry.add("InstanceNormalization", importInstanceNormalization);
  registry.add("MeanVarianceNormalization", importMeanVarianceNormalization);
  registry.add("LRN", importLRN);
}

} // namespace kiln::onnx_import
