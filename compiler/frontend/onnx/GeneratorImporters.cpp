//===- GeneratorImporters.cpp - ONNX Range and Trilu ----------------------===//
//
// Ops whose values follow from index arithmetic on known sizes: Range with
// constant bounds becomes a constant; Trilu selects its input under a
// constant triangular mask.
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
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

} // namespace

void registerGeneratorImporters(OpImporterRegistry &registry) {
  registry.add("Range", importRange);
  registry.add("Trilu", importTrilu);
}

} // namespace kiln::onnx_import
