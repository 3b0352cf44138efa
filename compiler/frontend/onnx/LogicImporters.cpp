//===- LogicImporters.cpp - ONNX casts, comparisons, logic and Where ------===//
//
// Cast, CastLike, Equal, Less, LessOrEqual, Greater, GreaterOrEqual, And,
// Or, Xor, Not and Where. Before opset 7, the binary ops broadcast only with
// `broadcast = 1` (the legacy rule of alignLegacyBroadcast).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "compiler/frontend/onnx/TensorConversion.h"
#include "dialects/kiln/KilnOps.h"

#include "onnx/onnx_pb.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &node, FailureOr<Value> result) {
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Cast: `to` is a TensorProto.DataType, spelled as its name before
/// opset 6.
LogicalResult importCast(NodeImporter &node) {
  if (failed(node.checkAttributes({"to", "saturate"})))
    return failure();
  if (!node.hasAttr("to"))
    return node.error("needs the attribute 'to'");
  int dataType;
  if (node.opset() < 6) {
    std::string name = node.stringAttr("to", "");
    onnx::TensorProto::DataType parsed;
    if (!onnx::TensorProto::DataType_Parse(name, &parsed))
      return node.error("unknown element type '" + name + "'");
    dataType = parsed;
  } else {
    dataType = node.intAttr("to", 0);
  }
  Type to = elementType(dataType, *node.context());
  if (!to)
    return node.error("casts to " + dataTypeName(dataType) +
                      " are not supported (Kiln supports FLOAT, DOUBLE, "
                      "INT32, INT64 and BOOL)");
  auto x = node.input(0);
  if (failed(x))
    return failure();
  return setResult(node, castTo(node, *x, to));
}

/// CastLike: input 0 cast to the element type of input 1.
LogicalResult importCastLike(NodeImporter &node) {
  if (failed(node.checkAttributes({"saturate"})))
    return failure();
  auto x = node.input(0);
  auto like = succeeded(x) ? node.input(1) : noValue();
  if (failed(like))
    return failure();
  return setResult(
      node, castTo(node, *x,
                   cast<RankedTensorType>(like->getType()).getElementType()));
}

/// Comparisons and And, Or, Xor.
template <typename OpTy> LogicalResult importBinary(NodeImporter &node) {
  if (failed(node.opset() < 7 ? node.checkAttributes({"broadcast", "axis"})
                              : node.checkAttributes({})))
    return failure();
  auto lhs = node.input(0);
  auto rhs = succeeded(lhs) ? node.input(1) : noValue();
  if (succeeded(rhs))
    rhs = alignLegacyBroadcast(node, *lhs, *rhs);
  if (failed(rhs))
    return failure();
  return setResult(node, node.create<OpTy>({*lhs, *rhs}));
}

LogicalResult importNot(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  return setResult(node, node.create<NotOp>({*x}));
}

LogicalResult importWhere(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  SmallVector<Value, 3> operands;
  for (unsigned i = 0; i < 3; ++i) {
    auto operand = node.input(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  return setResult(node, node.create<SelectOp>(operands));
}

} // namespace

void registerLogicImporters(OpImporterRegistry &registry) {
  registry.add("Cast", importCast);
  registry.add("CastLike", importCastLike);
  registry.add("Equal", importBinary<EqualOp>);
  registry.add("Less", importBinary<LessOp>);
  registry.add("LessOrEqual", importBinary<LessEqualOp>);
  registry.add("Greater", importBinary<GreaterOp>);
  registry.add("GreaterOrEqual", importBinary<GreaterEqualOp>);
  registry.add("And", importBinary<AndOp>);
  registry.add("Or", importBinary<OrOp>);
  registry.add("Xor", importBinary<XorOp>);
  registry.add("Not", importNot);
  registry.add("Where", importWhere);
}

FailureOr<Value> castTo(NodeImporter &node, Value x, Type to) {
  if (cast<RankedTensorType>(x.getType()).getElementType() == to)
    return x;
  return node.create<CastOp>(
      {x},
      {NamedAttribute(node.builder().getStringAttr("to"), TypeAttr::get(to))});
}

} // namespace kiln::onnx_import
