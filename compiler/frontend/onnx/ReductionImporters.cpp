//===- ReductionImporters.cpp - ONNX Reduce* ops --------------------------===//
//
// ReduceSum takes its axes as an input from opset 13, the others as an
// attribute (through opset 17). Empty axes reduce everything, unless
// noop_with_empty_axes makes the op the identity.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

enum class Reduction { Sum, Mean, Max, Min, SumSquare, L1, L2, LogSum, LogSumExp };

/// The reduced axes, normalized; empty means all.
FailureOr<SmallVector<int64_t>> readAxes(NodeImporter &node, int64_t rank,
                                         bool axesAreInput) {
  SmallVector<int64_t> axes;
  if (axesAreInput) {
    if (node.hasInput(1)) {
      auto values = node.staticInts(1, "axes");
      if (failed(values))
        return failure();
      axes = *values;
    }
  } else {
    axes = node.intsAttr("axes");
  }
  for (int64_t &axis : axes) {
    auto normalized = normalizeAxis(node, axis, rank);
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  llvm::sort(axes);
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    return node.error("axes repeat an axis");
  return axes;
}

template <Reduction kind>
LogicalResult importReduce(NodeImporter &node) {
  bool axesAreInput = kind == Reduction::Sum && node.opset() >= 13;
  if (failed(node.checkAttributes(
          axesAreInput ? std::initializer_list<llvm::StringRef>{
                             "keepdims", "noop_with_empty_axes"}
                       : std::initializer_list<llvm::StringRef>{
                             "axes", "keepdims"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  auto axes = readAxes(node, type.getRank(), axesAreInput);
  if (failed(axes))
    return failure();
  if (axes->empty() && node.intAttr("noop_with_empty_axes", 0) != 0) {
    node.setOutput(0, *x);
    return success();
  }
  if (axes->empty())
    *axes = llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  SmallVector<NamedAttribute> attrs = {
      node.i64ArrayAttr("axes", *axes),
      node.boolAttr("keepdims", node.intAttr("keepdims", 1) != 0)};
  FailureOr<Value> result = failure();
  switch (kind) {
  case Reduction::Sum:
    result = node.create<ReduceSumOp>({*x}, attrs);
    break;
  case Reduction::Mean:
    result = node.create<ReduceMeanOp>({*x}, attrs);
    break;
  case Reduction::Max:
    result = node.create<ReduceMaxOp>({*x}, attrs);
    break;
  case Reduction::Min:
    result = node.create<ReduceMinOp>({*x}, attrs);
    break;
  case Reduction::SumSquare:
  case Reduction::L2: {
    auto squared = node.create<MulOp>({*x, *x});
    result = succeeded(squared) ? node.create<ReduceSumOp>({*squared}, attrs)
                                : noValue();
    if (kind == Reduction::L2 && succeeded(result))
      result = node.create<SqrtOp>({*result});
    break;
  }
  case Reduction::L1: {
    auto magnitude = node.create<AbsOp>({*x});
    result = succeeded(magnitude)
                 ? node.create<ReduceSumOp>({*magnitude}, attrs)
                 : noValue();
    break;
  }
  case Reduction::LogSum: {
    result = node.create<ReduceSumOp>({*x}, attrs);
    if (succeeded(result))
      result = node.create<LogOp>({*result});
    break;
  }
  case Reduction::LogSumExp: {
    // max + log(sum(exp(x - max))), with the max kept for broadcasting.
    SmallVector<NamedAttribute> keep = {node.i64ArrayAttr("axes", *axes),
                                        node.boolAttr("keepdims", true)};
    auto max = node.create<ReduceMaxOp>({*x}, keep);
    auto shifted = succeeded(max) ? node.create<SubOp>({*x, *max}) : noValue();
    auto exp = succeeded(shifted) ? node.create<ExpOp>({*shifted}) : noValue();
    auto sum = succeeded(exp) ? node.create<ReduceSumOp>({*exp}, keep)
                              : noValue();
    auto log = succeeded(sum) ? node.create<LogOp>({*sum}) : noValue();
    result = succeeded(log) ? node.create<AddOp>({*log, *max}) : noValue();
    if (succeeded(result) && node.intAttr("keepdims", 1) == 0) {
      SmallVector<int64_t> shape;
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (!llvm::is_contained(*axes, d))
          shape.push_back(type.isDynamicDim(d) ? -1 : type.getDimSize(d));
      result = node.create<ReshapeOp>({*result},
                                      {node.i64ArrayAttr("shape", shape)});
    }
    break;
  }
  }
  return node.setResult(result);
}

} // namespace

void registerReductionImporters(OpImporterRegistry &registry) {
  registry.add("ReduceSum", importReduce<Reduction::Sum>);
  registry.add("ReduceMean", importReduce<Reduction::Mean>);
  registry.add("ReduceMax", importReduce<Reduction::Max>);
  registry.add("ReduceMin", importReduce<Reduction::Min>);
  registry.add("ReduceSumSquare", importReduce<Reduction::SumSquare>);
  registry.add("ReduceL1", importReduce<Reduction::L1>);
  registry.add("ReduceL2", importReduce<Reduction::L2>);
  registry.add("ReduceLogSum", importReduce<Reduction::LogSum>);
  registry.add("ReduceLogSumExp", importReduce<Reduction::LogSumExp>);
}

} // namespace kiln::onnx_import
