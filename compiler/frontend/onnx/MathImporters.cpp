//===- MathImporters.cpp - ONNX elementwise math and activations ----------===//
//
// Erf, Floor, Ceil, Round, Sign, Reciprocal, the trigonometric and
// hyperbolic functions, Softsign, IsNaN, IsInf, HardSigmoid, HardSwish,
// Selu, Celu, ThresholdedRelu and Mod.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

/// A float attribute of an activation and its ONNX default.
struct FloatAttrDefault {
  llvm::StringLiteral name;
  double value;
};

/// `OpTy` of input 0 with the float attributes `attrs`. The opset-1 versions
/// of several ops also had `consumed_inputs`, an optimization hint that is
/// ignored.
template <typename OpTy>
LogicalResult importUnary(NodeImporter &node,
                          ArrayRef<FloatAttrDefault> attrs = {}) {
  auto x = node.input(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> kilnAttrs;
  for (const FloatAttrDefault &attr : attrs)
    kilnAttrs.push_back(
        node.f64Attr(attr.name, node.floatAttr(attr.name, attr.value)));
  auto result = node.create<OpTy>({*x}, kilnAttrs);
  return node.setResult(result);
}

template <typename OpTy> LogicalResult importPlainUnary(NodeImporter &node) {
  if (failed(node.checkAttributes({"consumed_inputs"})))
    return failure();
  return importUnary<OpTy>(node);
}

LogicalResult importHardSigmoid(NodeImporter &node) {
  if (failed(node.checkAttributes({"alpha", "beta", "consumed_inputs"})))
    return failure();
  return importUnary<HardSigmoidOp>(node, {{"alpha", 0.2}, {"beta", 0.5}});
}

LogicalResult importSelu(NodeImporter &node) {
  if (failed(node.checkAttributes({"alpha", "gamma", "consumed_inputs"})))
    return failure();
  return importUnary<SeluOp>(node, {{"alpha", 1.67326319217681884765625},
                                    {"gamma", 1.05070102214813232421875}});
}

LogicalResult importCelu(NodeImporter &node) {
  if (failed(node.checkAttributes({"alpha"})))
    return failure();
  if (node.floatAttr("alpha", 1.0) == 0.0)
    return node.error("alpha must not be zero");
  return importUnary<CeluOp>(node, {{"alpha", 1.0}});
}

LogicalResult importThresholdedRelu(NodeImporter &node) {
  if (failed(node.checkAttributes({"alpha"})))
    return failure();
  return importUnary<ThresholdedReluOp>(node, {{"alpha", 1.0}});
}

LogicalResult importIsInf(NodeImporter &node) {
  if (failed(node.checkAttributes({"detect_negative", "detect_positive"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto result = node.create<IsInfOp>(
      {*x},
      {node.boolAttr("detect_negative", node.intAttr("detect_negative", 1)),
       node.boolAttr("detect_positive", node.intAttr("detect_positive", 1))});
  return node.setResult(result);
}

/// Mod: `fmod = 0` is Python's remainder (integers only), `fmod = 1` C's.
LogicalResult importMod(NodeImporter &node) {
  if (failed(node.checkAttributes({"fmod"})))
    return failure();
  auto lhs = node.input(0);
  auto rhs = succeeded(lhs) ? node.input(1) : noValue();
  if (failed(rhs))
    return failure();
  bool fmod = node.intAttr("fmod", 0) != 0;
  if (!fmod &&
      isa<FloatType>(cast<RankedTensorType>(lhs->getType()).getElementType()))
    return node.error("fmod must be 1 for floating-point inputs");
  auto result = node.create<ModOp>({*lhs, *rhs}, {node.boolAttr("fmod", fmod)});
  return node.setResult(result);
}

} // namespace

void registerMathImporters(OpImporterRegistry &registry) {
  registry.add("Erf", importPlainUnary<ErfOp>);
  registry.add("Floor", importPlainUnary<FloorOp>);
  registry.add("Ceil", importPlainUnary<CeilOp>);
  registry.add("Round", importPlainUnary<RoundOp>);
  registry.add("Sign", importPlainUnary<SignOp>);
  registry.add("Reciprocal", importPlainUnary<ReciprocalOp>);
  registry.add("Sin", importPlainUnary<SinOp>);
  registry.add("Cos", importPlainUnary<CosOp>);
  registry.add("Tan", importPlainUnary<TanOp>);
  registry.add("Asin", importPlainUnary<AsinOp>);
  registry.add("Acos", importPlainUnary<AcosOp>);
  registry.add("Atan", importPlainUnary<AtanOp>);
  registry.add("Sinh", importPlainUnary<SinhOp>);
  registry.add("Cosh", importPlainUnary<CoshOp>);
  registry.add("Asinh", importPlainUnary<AsinhOp>);
  registry.add("Acosh", importPlainUnary<AcoshOp>);
  registry.add("Atanh", importPlainUnary<AtanhOp>);
  registry.add("Softsign", importPlainUnary<SoftsignOp>);
  registry.add("HardSwish", importPlainUnary<HardSwishOp>);
  registry.add("IsNaN", importPlainUnary<IsNanOp>);
  registry.add("IsInf", importIsInf);
  registry.add("HardSigmoid", importHardSigmoid);
  registry.add("Selu", importSelu);
  registry.add("Celu", importCelu);
  registry.add("ThresholdedRelu", importThresholdedRelu);
  registry.add("Mod", importMod);
}

} // namespace kiln::onnx_import
