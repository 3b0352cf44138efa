//===- RearrangeImporters.cpp - ONNX Expand, Tile, DepthToSpace... --------===//
//
// Expand (opset 8-13) and Tile (6-13) take their shape and repeats as inputs
// known while importing; an Expand shape element equal to the batch size
// (from Shape of a batched tensor) keeps the input's dynamic dimension.
// DepthToSpace (1-13; `mode` from 11, DCR before) and SpaceToDepth (1-13,
// always DCR) take `blocksize`.
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

/// Expand: the output shape is the broadcast of the input's shape and the
/// `shape` input. An element that is the batch size N must meet the
/// input's dynamic dimension, and becomes 1 (keep the input's size).
LogicalResult importExpand(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  const KnownInts *known = node.knownInput(1);
  if (!known)
    return node.staticInts(1, "shape");
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  int64_t count = known->elements.size();
  SmallVector<int64_t> shape;
  for (auto [i, element] : llvm::enumerate(known->elements)) {
    if (element.isConstant()) {
      shape.push_back(element.coefficient);
      continue;
    }
    int64_t inputDim = static_cast<int64_t>(i) - (count - rank);
    if (element.coefficient != 1 || inputDim < 0 ||
        !type.isDynamicDim(inputDim))
      return node.error("the shape input depends on the dynamic batch size "
                        "other than at the input's batch dimension");
    shape.push_back(1);
  }
  return setResult(node, node.create<BroadcastToOp>(
                             {*x}, {node.i64ArrayAttr("shape", shape)}));
}

LogicalResult importTile(NodeImporter &node) {
  if (node.opset() < 6)
    return node.error("Tile before opset 6 (tiles and axis inputs) is not "
                      "supported");
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto repeats = node.staticInts(1, "repeats");
  if (failed(repeats))
    return failure();
  return setResult(node, node.create<TileOp>(
                             {*x}, {node.i64ArrayAttr("repeats", *repeats)}));
}

template <typename OpTy>
LogicalResult importBlockRearrange(NodeImporter &node) {
  bool hasMode = std::is_same_v<OpTy, DepthToSpaceOp> && node.opset() >= 11;
  if (failed(hasMode ? node.checkAttributes({"blocksize", "mode"})
                     : node.checkAttributes({"blocksize"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  if (!node.hasAttr("blocksize"))
    return node.error("attribute 'blocksize' is required");
  int64_t blocksize = node.intAttr("blocksize", 0);
  std::string mode = hasMode ? node.stringAttr("mode", "DCR") : "DCR";
  if (node.hadError())
    return failure();
  return setResult(
      node, node.create<OpTy>(
                {*x}, {node.i64Attr("blocksize", blocksize),
                       NamedAttribute(StringAttr::get(node.context(), "mode"),
                                      StringAttr::get(node.context(), mode))}));
}

} // namespace

void registerRearrangeImporters(OpImporterRegistry &registry) {
  registry.add("Expand", importExpand);
  registry.add("Tile", importTile);
  registry.add("DepthToSpace", importBlockRearrange<DepthToSpaceOp>);
  registry.add("SpaceToDepth", importBlockRearrange<SpaceToDepthOp>);
}

} // namespace kiln::onnx_import
