//===- ElementwiseImporters.cpp - ONNX elementwise ops and activations ----===//
//
// Add, Sub, Mul, Div, Pow, Max, Min, Sum, Mean, the unary math ops and the
// activations (Relu, LeakyRelu, Elu, PRelu, Sigmoid, Tanh, Softplus, Clip,
// Softmax, LogSoftmax), Identity and inference-time Dropout.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {

/// Before opset 7, `broadcast = 1` allowed the second operand to broadcast,
/// aligned with the first from `axis` (default: its trailing dimensions).
FailureOr<Value> alignLegacyBroadcast(NodeImporter &node, Value lhs, Value rhs) {
  if (node.intAttr("broadcast", 0) == 0 || !node.hasAttr("axis"))
    return rhs;
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  auto axis = normalizeAxis(node, node.intAttr("axis", 0), lhsType.getRank());
  if (failed(axis))
    return failure();
  int64_t trailing = lhsType.getRank() - *axis - rhsType.getRank();
  if (trailing < 0)
    return node.error("the second operand does not fit from axis " +
                      llvm::Twine(*axis));
  SmallVector<int64_t> shape(rhsType.getShape());
  shape.append(trailing, 1);
  return node.create<ReshapeOp>({rhs}, {node.i64ArrayAttr("shape", shape)});
}

namespace {

template <typename OpTy>
LogicalResult importBinary(NodeImporter &node) {
  if (failed(node.opset() < 7 ? node.checkAttributes({"broadcast", "axis"})
                              : node.checkAttributes({})))
    return failure();
  auto lhs = node.input(0);
  auto rhs = succeeded(lhs) ? node.input(1) : noValue();
  if (succeeded(rhs))
    rhs = alignLegacyBroadcast(node, *lhs, *rhs);
  // Pow's exponent may have another type than its base (opset 12+).
  if (std::is_same_v<OpTy, PowOp> && succeeded(rhs))
    rhs = castTo(node, *rhs,
                 cast<RankedTensorType>(lhs->getType()).getElementType());
  if (failed(rhs))
    return failure();
  auto result = node.create<OpTy>({*lhs, *rhs});
  return node.setResult(result);
}

/// Max, Min and Sum take one or more inputs.
template <typename OpTy>
FailureOr<Value> foldVariadic(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  if (node.numInputs() == 0)
    return node.error("needs at least one input");
  auto result = node.input(0);
  for (unsigned i = 1; succeeded(result) && i < node.numInputs(); ++i) {
    auto next = node.input(i);
    if (failed(next))
      return failure();
    result = node.create<OpTy>({*result, *next});
  }
  return result;
}

template <typename OpTy>
LogicalResult importVariadic(NodeImporter &node) {
  auto result = foldVariadic<OpTy>(node);
  return node.setResult(result);
}

LogicalResult importMean(NodeImporter &node) {
  auto sum = foldVariadic<AddOp>(node);
  if (failed(sum))
    return failure();
  Type element = cast<RankedTensorType>(sum->getType()).getElementType();
  auto mean = node.create<DivOp>(
      {*sum, node.scalar(static_cast<double>(node.numInputs()), element)});
  return node.setResult(mean);
}

template <typename OpTy>
LogicalResult importUnary(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto result = node.create<OpTy>({*x});
  return node.setResult(result);
}

/// LeakyRelu and Elu: one `alpha` attribute.
template <typename OpTy>
LogicalResult importAlphaActivation(NodeImporter &node, double defaultAlpha) {
  if (failed(node.checkAttributes({"alpha"})))
    return failure();
  double alpha = node.floatAttr("alpha", defaultAlpha);
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto result = node.create<OpTy>({*x}, {node.f64Attr("alpha", alpha)});
  return node.setResult(result);
}

LogicalResult importLeakyRelu(NodeImporter &node) {
  return importAlphaActivation<LeakyReluOp>(node, 0.01);
}

LogicalResult importElu(NodeImporter &node) {
  return importAlphaActivation<EluOp>(node, 1.0);
}

/// PRelu(x, slope) = max(x, 0) + slope * min(x, 0).
LogicalResult importPRelu(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  auto slope = succeeded(x) ? node.input(1) : noValue();
  if (failed(slope))
    return failure();
  auto xType = cast<RankedTensorType>(x->getType());
  auto slopeType = cast<RankedTensorType>(slope->getType());
  // Before opset 7, a 1-D slope holds one value per channel (axis 1).
  if (node.opset() < 7 && slopeType.getRank() == 1 && xType.getRank() > 2 &&
      slopeType.getDimSize(0) == xType.getDimSize(1)) {
    SmallVector<int64_t> shape(xType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slope = node.create<ReshapeOp>({*slope}, {node.i64ArrayAttr("shape", shape)});
    if (failed(slope))
      return failure();
  }
  Type element = xType.getElementType();
  Value zero = node.scalar(0.0, element);
  auto positive = node.create<MaxOp>({*x, zero});
  auto negative = node.create<MinOp>({*x, zero});
  if (failed(positive) || failed(negative))
    return failure();
  auto scaled = node.create<MulOp>({*slope, *negative});
  if (failed(scaled))
    return failure();
  auto result = node.create<AddOp>({*positive, *scaled});
  if (failed(result))
    return failure();
  // Broadcasting the slope must not change the shape of x.
  if (result->getType() != x->getType())
    return node.error("the slope does not broadcast to the input's shape");
  node.setOutput(0, *result);
  return success();
}

/// Clip: bounds are attributes before opset 11, optional inputs from 11.
LogicalResult importClip(NodeImporter &node) {
  if (failed(node.checkAttributes({"min", "max"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  Type element = cast<RankedTensorType>(x->getType()).getElementType();
  Value result = *x;
  auto bound = [&](unsigned index, llvm::StringRef attrName,
                   double defaultValue) -> FailureOr<Value> {
    if (node.opset() < 11) {
      if (!node.hasAttr(attrName))
        return Value();
      return node.scalar(node.floatAttr(attrName, defaultValue), element);
    }
    if (!node.hasInput(index))
      return Value();
    return node.input(index);
  };
  auto low = bound(1, "min", -3.4028234663852886e38);
  auto high = succeeded(low) ? bound(2, "max", 3.4028234663852886e38)
                             : noValue();
  if (failed(high))
    return failure();
  if (*low) {
    auto clipped = node.create<MaxOp>({result, *low});
    if (failed(clipped))
      return failure();
    result = *clipped;
  }
  if (*high) {
    auto clipped = node.create<MinOp>({result, *high});
    if (failed(clipped))
      return failure();
    result = *clipped;
  }
  node.setOutput(0, result);
  return success();
}

/// Softmax and LogSoftmax. From opset 13 they work on one axis (default
/// -1); before, on the input flattened to 2-D at `axis` (default 1).
template <typename OpTy>
LogicalResult importSoftmax(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  auto axis = normalizeAxis(node, node.intAttr("axis", node.opset() < 13 ? 1 : -1),
                            rank);
  if (failed(axis))
    return failure();
  if (node.opset() >= 13 || *axis == rank - 1) {
    auto result = node.create<OpTy>({*x}, {node.i64Attr("axis", *axis)});
    if (failed(result))
      return failure();
    node.setOutput(0, *result);
    return success();
  }
  if (llvm::any_of(type.getShape().drop_front(*axis),
                   ShapedType::isDynamic))
    return node.error("softmax over dimensions that include the dynamic "
                      "batch is not supported");
  auto flat = node.create<FlattenOp>({*x}, {node.i64Attr("axis", *axis)});
  if (failed(flat))
    return failure();
  auto result = node.create<OpTy>({*flat}, {node.i64Attr("axis", 1)});
  if (failed(result))
    return failure();
  SmallVector<int64_t> shape(type.getShape());
  for (int64_t &d : shape)
    if (ShapedType::isDynamic(d))
      d = -1;
  auto reshaped =
      node.create<ReshapeOp>({*result}, {node.i64ArrayAttr("shape", shape)});
  return node.setResult(reshaped);
}

LogicalResult importIdentity(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  return node.setResult(x);
}

/// Dropout at inference: the identity. Opsets 12+ take the ratio and
/// training mode as inputs; training mode must be absent or false.
LogicalResult importDropout(NodeImporter &node) {
  if (failed(node.checkAttributes({"ratio", "seed", "is_test"})))
    return failure();
  if (node.hasInput(2)) {
    auto training = node.staticInts(2, "training_mode");
    if (failed(training))
      return failure();
    if (!training->empty() && (*training)[0] != 0)
      return node.error("training mode is not supported (Kiln imports "
                        "inference graphs)");
  }
  if (node.hasOutput(1))
    return node.error("the mask output is not supported");
  auto x = node.input(0);
  return node.setResult(x);
}

} // namespace

void registerElementwiseImporters(OpImporterRegistry &registry) {
  registry.add("Add", importBinary<AddOp>);
  registry.add("Sub", importBinary<SubOp>);
  registry.add("Mul", importBinary<MulOp>);
  registry.add("Div", importBinary<DivOp>);
  registry.add("Pow", importBinary<PowOp>);
  registry.add("Max", importVariadic<MaxOp>);
  registry.add("Min", importVariadic<MinOp>);
  registry.add("Sum", importVariadic<AddOp>);
  registry.add("Mean", importMean);
  registry.add("Neg", importUnary<NegOp>);
  registry.add("Abs", importUnary<AbsOp>);
  registry.add("Sqrt", importUnary<SqrtOp>);
  registry.add("Exp", importUnary<ExpOp>);
  registry.add("Log", importUnary<LogOp>);
  registry.add("Relu", importUnary<ReluOp>);
  registry.add("Sigmoid", importUnary<SigmoidOp>);
  registry.add("Tanh", importUnary<TanhOp>);
  registry.add("Softplus", importUnary<SoftplusOp>);
  registry.add("LeakyRelu", importLeakyRelu);
  registry.add("Elu", importElu);
  registry.add("PRelu", importPRelu);
  registry.add("Clip", importClip);
  registry.add("Softmax", importSoftmax<SoftmaxOp>);
  registry.add("LogSoftmax", importSoftmax<LogSoftmaxOp>);
  registry.add("Identity", importIdentity);
  registry.add("Dropout", importDropout);
}

} // namespace kiln::onnx_import
