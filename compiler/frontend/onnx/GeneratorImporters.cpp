//===- GeneratorImporters.cpp - ONNX Range, Trilu, Hardmax, Shrink --------===//
//
// Ops whose values follow from index arithmetic and selection: Range with
// constant bounds becomes a constant; Trilu selects its input under a
// constant triangular mask; Hardmax one-hot encodes an argmax; Shrink
// selects between three values.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

#include <cmath>

using namespace mlir;

namespace kiln::onnx_import {
namespace {

/// The one number a constant scalar input holds.
FailureOr<double> constantScalar(NodeImporter &node, unsigned index,
                                 llvm::StringRef what) {
  DenseElementsAttr value = node.constantInput(index);
  if (!value || value.getNumElements() != 1)
    return node.error("the " + what + " input must be a constant scalar");
  Attribute element = *value.value_begin<Attribute>();
  if (auto f = dyn_cast<FloatAttr>(element))
    return f.getValueAsDouble();
  return static_cast<double>(cast<IntegerAttr>(element).getInt());
}

/// Range with constant start, limit and delta: a constant vector.
LogicalResult importRange(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto start = constantScalar(node, 0, "start");
  auto limit = succeeded(start) ? constantScalar(node, 1, "limit")
                                : FailureOr<double>(failure());
  auto delta = succeeded(limit) ? constantScalar(node, 2, "delta")
                                : FailureOr<double>(failure());
  if (failed(delta))
    return failure();
  if (*delta == 0)
    return node.error("delta is zero");
  double steps = std::ceil((*limit - *start) / *delta);
  int64_t count = std::max<int64_t>(0, static_cast<int64_t>(steps));
  if (count > (int64_t(1) << 24))
    return node.error("the range has too many elements");
  Type element = node.inputType(0).getElementType();
  auto type = RankedTensorType::get({count}, element);
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < count; ++i) {
    double v = *start + i * *delta;
    values.push_back(isa<FloatType>(element)
                         ? Attribute(node.builder().getFloatAttr(element, v))
                         : Attribute(node.builder().getIntegerAttr(
                               element, static_cast<int64_t>(v))));
  }
  node.setOutput(0, node.constant(DenseElementsAttr::get(type, values)));
  return success();
}

/// Trilu: keeps the elements on and above (upper) or below (lower) the k-th
/// diagonal of the last two dimensions, zero elsewhere.
LogicalResult importTrilu(NodeImporter &node) {
  if (failed(node.checkAttributes({"upper"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  int64_t k = 0;
  if (node.hasInput(1)) {
    auto value = node.staticInts(1, "k");
    if (failed(value))
      return failure();
    if (value->size() != 1)
      return node.error("k must hold one value");
    k = (*value)[0];
  }
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2)
    return node.error("the input needs rank 2 or more");
  int64_t rows = type.getDimSize(type.getRank() - 2);
  int64_t cols = type.getDimSize(type.getRank() - 1);
  if (ShapedType::isDynamic(rows) || ShapedType::isDynamic(cols))
    return node.error("the last two dimensions must be static");
  bool upper = node.intAttr("upper", 1) != 0;
  SmallVector<bool> mask;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      mask.push_back(upper ? j - i >= k : j - i <= k);
  auto maskType = RankedTensorType::get({rows, cols}, node.builder().getI1Type());
  Value keep = node.constant(DenseElementsAttr::get(maskType, ArrayRef<bool>(mask)));
  auto result = node.create<SelectOp>(
      {keep, *x, node.scalar(0.0, type.getElementType())});
  return node.setResult(result);
}

/// Hardmax: 1 at the first largest element along `axis`, 0 elsewhere.
LogicalResult importHardmax(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (node.opset() < 13)
    return node.error("Hardmax before opset 13 (over the input flattened to "
                      "2-D) is not supported");
  auto axis = normalizeAxis(node, node.intAttr("axis", -1), type.getRank());
  if (failed(axis))
    return failure();
  int64_t depth = type.getDimSize(*axis);
  if (ShapedType::isDynamic(depth))
    return node.error("the axis must be static");
  auto index = node.create<ArgMaxOp>({*x}, {node.i64Attr("axis", *axis),
                                            node.boolAttr("keepdims", false)});
  Type element = type.getElementType();
  auto valuesType = RankedTensorType::get({2}, element);
  Value offOn = node.constant(DenseElementsAttr::get(
      valuesType, ArrayRef<Attribute>{node.builder().getFloatAttr(element, 0.0),
                                      node.builder().getFloatAttr(element, 1.0)}));
  auto result = succeeded(index)
                    ? node.create<OneHotOp>({*index, offOn},
                                            {node.i64Attr("depth", depth),
                                             node.i64Attr("axis", *axis)})
                    : noValue();
  return node.setResult(result);
}

/// Shrink: x + bias below -lambd, x - bias above lambd, 0 between.
LogicalResult importShrink(NodeImporter &node) {
  if (failed(node.checkAttributes({"bias", "lambd"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  Type element = cast<RankedTensorType>(x->getType()).getElementType();
  double bias = node.floatAttr("bias", 0.0), lambd = node.floatAttr("lambd", 0.5);
  auto below = node.create<LessOp>({*x, node.scalar(-lambd, element)});
  auto above = node.create<GreaterOp>({*x, node.scalar(lambd, element)});
  auto raised = node.create<AddOp>({*x, node.scalar(bias, element)});
  auto lowered = node.create<SubOp>({*x, node.scalar(bias, element)});
  if (failed(below) || failed(above) || failed(raised) || failed(lowered))
    return failure();
  auto upper = node.create<SelectOp>(
      {*above, *lowered, node.scalar(0.0, element)});
  auto result = succeeded(upper)
                    ? node.create<SelectOp>({*below, *raised, *upper})
                    : noValue();
  return node.setResult(result);
}

} // namespace

void registerGeneratorImporters(OpImporterRegistry &registry) {
  registry.add("Range", importRange);
  registry.add("Trilu", importTrilu);
  registry.add("Hardmax", importHardmax);
  registry.add("Shrink", importShrink);
}

} // namespace kiln::onnx_import
