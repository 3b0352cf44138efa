//===- IndexingImporters.cpp - Gathers, arg-reductions, OneHot, CumSum ----===//
//
// Gather (opset 1-13), GatherElements (11-13), ArgMax and ArgMin (1-13;
// select_last_index from 12), OneHot (9-11) and CumSum (11-14). Gather
// indices are int32 or int64 tensors; an index outside its axis is clamped
// by the kiln ops (ONNX leaves that undefined). OneHot's depth and CumSum's
// axis must be known while importing.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &node, FailureOr<Value> result) {
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Input `i` when it is an int32 or int64 tensor of indices.
FailureOr<Value> indexInput(NodeImporter &node, unsigned i) {
  auto indices = node.input(i);
  if (failed(indices))
    return failure();
  Type elementType = cast<RankedTensorType>(indices->getType()).getElementType();
  if (!elementType.isInteger(32) && !elementType.isInteger(64)) {
    std::string name;
    llvm::raw_string_ostream(name) << elementType;
    return node.error("input " + llvm::Twine(i) +
                      " holds indices: int32 or int64 are supported, not " +
                      name);
  }
  return indices;
}

template <typename OpTy>
LogicalResult importGather(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  auto data = node.input(0);
  auto indices = succeeded(data) ? indexInput(node, 1) : noValue();
  if (failed(indices))
    return failure();
  int64_t rank = cast<RankedTensorType>(data->getType()).getRank();
  auto axis = normalizeAxis(node, node.intAttr("axis", 0), rank);
  if (failed(axis) || node.hadError())
    return failure();
  return setResult(node, node.create<OpTy>({*data, *indices},
                                           {node.i64Attr("axis", *axis)}));
}

template <typename OpTy>
LogicalResult importArgReduce(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis", "keepdims", "select_last_index"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  auto axis = normalizeAxis(node, node.intAttr("axis", 0), rank);
  bool keepdims = node.intAttr("keepdims", 1) != 0;
  bool selectLast = node.intAttr("select_last_index", 0) != 0;
  if (failed(axis) || node.hadError())
    return failure();
  return setResult(
      node, node.create<OpTy>({*x}, {node.i64Attr("axis", *axis),
                                     node.boolAttr("keepdims", keepdims),
                                     node.boolAttr("select_last_index",
                                                   selectLast)}));
}

/// OneHot: indices of any numeric type (float ones are truncated); depth is
/// a constant scalar (or one-element tensor) of any numeric type; values is
/// [off, on].
LogicalResult importOneHot(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  auto indices = node.input(0);
  if (failed(indices))
    return failure();
  DenseElementsAttr depthAttr = node.constantInput(1);
  if (!depthAttr || depthAttr.getNumElements() != 1)
    return node.error("the depth input must be a constant scalar");
  double depth = isa<FloatType>(depthAttr.getElementType())
                     ? (*depthAttr.value_begin<APFloat>()).convertToDouble()
                     : static_cast<double>(
                           (*depthAttr.value_begin<APInt>()).getSExtValue());
  auto values = node.input(2);
  if (failed(values))
    return failure();
  int64_t axis = node.intAttr("axis", -1);
  if (node.hadError())
    return failure();
  return setResult(node, node.create<OneHotOp>(
                             {*indices, *values},
                             {node.i64Attr("depth", static_cast<int64_t>(depth)),
                              node.i64Attr("axis", axis)}));
}

LogicalResult importCumSum(NodeImporter &node) {
  if (failed(node.checkAttributes({"exclusive", "reverse"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto axisValues = node.staticInts(1, "axis");
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1)
    return node.error("the axis input must hold one integer");
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  auto axis = normalizeAxis(node, axisValues->front(), rank);
  bool exclusive = node.intAttr("exclusive", 0) != 0;
  bool reverse = node.intAttr("reverse", 0) != 0;
  if (failed(axis) || node.hadError())
    return failure();
  return setResult(node,
                   node.create<CumSumOp>({*x}, {node.i64Attr("axis", *axis),
                                                node.boolAttr("exclusive",
                                                              exclusive),
                                                node.boolAttr("reverse",
                                                              reverse)}));
}

} // namespace

void registerIndexingImporters(OpImporterRegistry &registry) {
  registry.add("Gather", importGather<GatherOp>);
  registry.add("GatherElements", importGather<GatherElementsOp>);
  registry.add("ArgMax", importArgReduce<ArgMaxOp>);
  registry.add("ArgMin", importArgReduce<ArgMinOp>);
  registry.add("OneHot", importOneHot);
  registry.add("CumSum", importCumSum);
}

} // namespace kiln::onnx_import
