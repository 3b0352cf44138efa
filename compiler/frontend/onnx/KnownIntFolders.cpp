//===- KnownIntFolders.cpp - Shape arithmetic evaluated while importing ---===//
//
// When every input of a node is a KnownInts tensor, these folders compute
// its output at import time, so shape computations of exported models
// (Shape -> Gather -> Unsqueeze -> Concat -> Reshape, with Mul, Div, Equal
// and Where in between) reach Reshape as known integers. A folder fails
// without a diagnostic when it cannot evaluate the node; the op's importer,
// if any, then handles it.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"

#include "onnx/onnx_pb.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

int64_t elementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  return count;
}

/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// The NumPy broadcast of two shapes, or nullopt.
std::optional<SmallVector<int64_t>> broadcastShape(ArrayRef<int64_t> a,
                                                   ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    result[i] = std::max(da, db);
  }
  return result;
}

/// The element of `known` that broadcasts to flat index `index` of `shape`.
const SymbolicInt &broadcastElement(const KnownInts &known,
                                    ArrayRef<int64_t> shape, int64_t index) {
  SmallVector<int64_t> strides = stridesOf(shape);
  SmallVector<int64_t> ownStrides = stridesOf(known.shape);
  size_t offset = shape.size() - known.shape.size();
  int64_t flat = 0;
  for (size_t d = 0; d < shape.size(); ++d) {
    int64_t coordinate = (index / strides[d]) % shape[d];
    if (d >= offset && known.shape[d - offset] != 1)
      flat += coordinate * ownStrides[d - offset];
  }
  return known.elements[flat];
}

using Combine = std::optional<SymbolicInt> (*)(SymbolicInt, SymbolicInt);

/// Applies `combine` elementwise with broadcasting over inputs 0 and 1.
LogicalResult foldBinary(NodeImporter &node, Combine combine,
                         Type resultElement = nullptr) {
  const KnownInts *a = node.knownInput(0), *b = node.knownInput(1);
  if (!a || !b || node.numInputs() != 2)
    return failure();
  auto shape = broadcastShape(a->shape, b->shape);
  if (!shape)
    return failure();
  KnownInts result;
  result.shape = *shape;
  result.elementType = resultElement ? resultElement : a->elementType;
  for (int64_t i = 0, e = elementCount(*shape); i < e; ++i) {
    auto value = combine(broadcastElement(*a, *shape, i),
                         broadcastElement(*b, *shape, i));
    if (!value)
      return failure();
    result.elements.push_back(*value);
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

std::optional<SymbolicInt> add(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch != b.timesBatch)
    return std::nullopt;
  return SymbolicInt{a.coefficient + b.coefficient, a.timesBatch};
}

std::optional<SymbolicInt> sub(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch != b.timesBatch)
    return std::nullopt;
  return SymbolicInt{a.coefficient - b.coefficient, a.timesBatch};
}

std::optional<SymbolicInt> mul(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch && b.timesBatch)
    return std::nullopt;
  return SymbolicInt{a.coefficient * b.coefficient,
                     a.timesBatch || b.timesBatch};
}

/// Integer division truncating toward zero, as ONNX Runtime does.
std::optional<SymbolicInt> div(SymbolicInt a, SymbolicInt b) {
  if (b.timesBatch || b.coefficient == 0)
    return std::nullopt;
  if (a.timesBatch && a.coefficient % b.coefficient != 0)
    return std::nullopt;
  return SymbolicInt{a.coefficient / b.coefficient, a.timesBatch};
}

std::optional<SymbolicInt> maximum(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch || b.timesBatch)
    return std::nullopt;
  return SymbolicInt::constant(std::max(a.coefficient, b.coefficient));
}

std::optional<SymbolicInt> minimum(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch || b.timesBatch)
    return std::nullopt;
  return SymbolicInt::constant(std::min(a.coefficient, b.coefficient));
}

std::optional<SymbolicInt> equal(SymbolicInt a, SymbolicInt b) {
  if (a == b)
    return SymbolicInt::constant(1);
  if (a.timesBatch != b.timesBatch)
    return std::nullopt; // Depends on the batch size.
  return SymbolicInt::constant(0);
}

std::optional<SymbolicInt> less(SymbolicInt a, SymbolicInt b) {
  if (a.timesBatch || b.timesBatch)
    return std::nullopt;
  return SymbolicInt::constant(a.coefficient < b.coefficient);
}

std::optional<SymbolicInt> greater(SymbolicInt a, SymbolicInt b) {
  return less(b, a);
}

template <Combine combine>
LogicalResult foldArithmetic(NodeImporter &node) {
  return foldBinary(node, combine);
}

template <Combine combine>
LogicalResult foldComparison(NodeImporter &node) {
  return foldBinary(node, combine, node.builder().getI1Type());
}

LogicalResult foldIdentity(NodeImporter &node) {
  node.setKnownOutput(0, *node.knownInput(0));
  return success();
}

LogicalResult foldNeg(NodeImporter &node) {
  KnownInts result = *node.knownInput(0);
  for (SymbolicInt &e : result.elements)
    e.coefficient = -e.coefficient;
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldNot(NodeImporter &node) {
  KnownInts result = *node.knownInput(0);
  for (SymbolicInt &e : result.elements) {
    if (e.timesBatch)
      return failure();
    e.coefficient = e.coefficient == 0;
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldCast(NodeImporter &node) {
  int64_t to = node.intAttr("to", 0);
  KnownInts result = *node.knownInput(0);
  OpBuilder &b = node.builder();
  switch (to) {
  case onnx::TensorProto::INT64:
    result.elementType = b.getI64Type();
    break;
  case onnx::TensorProto::INT32:
    result.elementType = b.getI32Type();
    break;
  case onnx::TensorProto::BOOL:
    result.elementType = b.getI1Type();
    for (SymbolicInt &e : result.elements) {
      if (e.timesBatch)
        return failure();
      e.coefficient = e.coefficient != 0;
    }
    break;
  default:
    return failure();
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldWhere(NodeImporter &node) {
  const KnownInts *cond = node.knownInput(0), *a = node.knownInput(1),
                  *b = node.knownInput(2);
  if (!cond || !a || !b)
    return failure();
  auto shape = broadcastShape(cond->shape, a->shape);
  if (shape)
    shape = broadcastShape(*shape, b->shape);
  if (!shape)
    return failure();
  KnownInts result;
  result.shape = *shape;
  result.elementType = a->elementType;
  for (int64_t i = 0, e = elementCount(*shape); i < e; ++i) {
    const SymbolicInt &c = broadcastElement(*cond, *shape, i);
    if (c.timesBatch)
      return failure();
    result.elements.push_back(c.coefficient ? broadcastElement(*a, *shape, i)
                                            : broadcastElement(*b, *shape, i));
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldGather(NodeImporter &node) {
  const KnownInts *data = node.knownInput(0), *indices = node.knownInput(1);
  if (!data || !indices || !indices->isStatic() || data->shape.empty())
    return failure();
  int64_t rank = data->shape.size();
  int64_t axis = node.intAttr("axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return failure();
  KnownInts result;
  result.elementType = data->elementType;
  result.shape.append(data->shape.begin(), data->shape.begin() + axis);
  result.shape.append(indices->shape.begin(), indices->shape.end());
  result.shape.append(data->shape.begin() + axis + 1, data->shape.end());
  int64_t outer = elementCount(ArrayRef<int64_t>(data->shape).take_front(axis));
  int64_t inner =
      elementCount(ArrayRef<int64_t>(data->shape).drop_front(axis + 1));
  int64_t size = data->shape[axis];
  for (int64_t o = 0; o < outer; ++o)
    for (const SymbolicInt &index : indices->elements) {
      int64_t i = index.coefficient < 0 ? index.coefficient + size
                                        : index.coefficient;
      if (i < 0 || i >= size)
        return failure();
      for (int64_t in = 0; in < inner; ++in)
        result.elements.push_back(
            data->elements[(o * size + i) * inner + in]);
    }
  node.setKnownOutput(0, std::move(result));
  return success();
}

/// The axes of (Un)Squeeze: an attribute before opset 13, input 1 from 13.
std::optional<SmallVector<int64_t>> foldAxes(NodeImporter &node) {
  if (node.opset() < 13)
    return node.intsAttr("axes");
  if (!node.hasInput(1))
    return SmallVector<int64_t>();
  return node.knownInput(1)->values();
}

LogicalResult foldUnsqueeze(NodeImporter &node) {
  auto axes = foldAxes(node);
  if (!axes)
    return failure();
  KnownInts result = *node.knownInput(0);
  int64_t rank = result.shape.size() + axes->size();
  SmallVector<int64_t> normalized;
  for (int64_t axis : *axes)
    normalized.push_back(axis < 0 ? axis + rank : axis);
  llvm::sort(normalized);
  for (int64_t axis : normalized) {
    if (axis < 0 || axis > static_cast<int64_t>(result.shape.size()))
      return failure();
    result.shape.insert(result.shape.begin() + axis, 1);
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldSqueeze(NodeImporter &node) {
  auto axes = foldAxes(node);
  if (!axes)
    return failure();
  KnownInts result = *node.knownInput(0);
  int64_t rank = result.shape.size();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    bool listed = llvm::any_of(*axes, [&](int64_t a) {
      return (a < 0 ? a + rank : a) == d;
    });
    bool drop = axes->empty() ? result.shape[d] == 1 : listed;
    if (drop && result.shape[d] != 1)
      return failure();
    if (!drop)
      shape.push_back(result.shape[d]);
  }
  result.shape = shape;
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldConcat(NodeImporter &node) {
  const KnownInts *first = node.knownInput(0);
  if (!first || first->shape.size() != 1 || node.intAttr("axis", 0) != 0 &&
                                               node.intAttr("axis", 0) != -1)
    return failure();
  SmallVector<SymbolicInt> elements;
  for (unsigned i = 0; i < node.numInputs(); ++i) {
    const KnownInts *part = node.knownInput(i);
    if (!part || part->shape.size() != 1)
      return failure();
    elements.append(part->elements.begin(), part->elements.end());
  }
  node.setKnownOutput(0, KnownInts::vector(elements, first->elementType));
  return success();
}

LogicalResult foldReshape(NodeImporter &node) {
  const KnownInts *data = node.knownInput(0), *shape = node.knownInput(1);
  if (!data || !shape)
    return failure();
  auto target = shape->values();
  if (!target)
    return failure();
  KnownInts result = *data;
  int64_t count = result.elements.size(), known = 1;
  int inferred = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == 0 && node.intAttr("allowzero", 0) == 0)
      d = i < data->shape.size() ? data->shape[i] : -2;
    if (d == -1)
      inferred = i;
    else if (d < 0)
      return failure();
    else
      known *= d;
  }
  if (inferred >= 0) {
    if (known == 0 || count % known != 0)
      return failure();
    (*target)[inferred] = count / known;
  } else if (known != count) {
    return failure();
  }
  result.shape = *target;
  node.setKnownOutput(0, std::move(result));
  return success();
}

/// Slice with constant bounds (opset 10+ inputs), any step sign.
LogicalResult foldSlice(NodeImporter &node) {
  const KnownInts *data = node.knownInput(0);
  if (!data || node.opset() < 10)
    return failure();
  auto starts = node.knownInput(1)->values();
  auto ends = node.knownInput(2)->values();
  if (!starts || !ends || starts->size() != ends->size())
    return failure();
  int64_t rank = data->shape.size();
  SmallVector<int64_t> axes, steps(starts->size(), 1);
  if (node.hasInput(3)) {
    auto values = node.knownInput(3)->values();
    if (!values)
      return failure();
    axes = *values;
  } else {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts->size()));
  }
  if (node.hasInput(4)) {
    auto values = node.knownInput(4)->values();
    if (!values)
      return failure();
    steps = *values;
  }
  if (axes.size() != starts->size() || steps.size() != starts->size())
    return failure();
  // Per dimension: the selected indices, in order.
  SmallVector<SmallVector<int64_t>> selected(rank);
  for (int64_t d = 0; d < rank; ++d)
    selected[d] = llvm::to_vector(llvm::seq<int64_t>(0, data->shape[d]));
  for (auto [i, axisValue] : llvm::enumerate(axes)) {
    int64_t axis = axisValue < 0 ? axisValue + rank : axisValue;
    int64_t step = steps[i], size = axis >= 0 && axis < rank ? data->shape[axis] : 0;
    if (axis < 0 || axis >= rank || step == 0)
      return failure();
    auto clampBound = [&](int64_t v, int64_t low, int64_t high) {
      if (v < 0)
        v += size;
      return std::clamp<int64_t>(v, low, high);
    };
    int64_t start = step > 0 ? clampBound((*starts)[i], 0, size)
                             : clampBound((*starts)[i], -1, size - 1);
    int64_t end = step > 0 ? clampBound((*ends)[i], 0, size)
                           : clampBound((*ends)[i], -1, size - 1);
    selected[axis].clear();
    for (int64_t v = start; step > 0 ? v < end : v > end; v += step)
      selected[axis].push_back(v);
  }
  KnownInts result;
  result.elementType = data->elementType;
  for (const auto &indices : selected)
    result.shape.push_back(indices.size());
  SmallVector<int64_t> strides = stridesOf(data->shape);
  int64_t count = elementCount(result.shape);
  SmallVector<int64_t> resultStrides = stridesOf(result.shape);
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += selected[d][(flat / resultStrides[d]) % result.shape[d]] *
                strides[d];
    result.elements.push_back(data->elements[source]);
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldTranspose(NodeImporter &node) {
  const KnownInts *data = node.knownInput(0);
  int64_t rank = data->shape.size();
  SmallVector<int64_t> perm = node.intsAttr(
      "perm", llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank))));
  if (static_cast<int64_t>(perm.size()) != rank)
    return failure();
  KnownInts result;
  result.elementType = data->elementType;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank)
      return failure();
    result.shape.push_back(data->shape[p]);
  }
  SmallVector<int64_t> strides = stridesOf(data->shape);
  SmallVector<int64_t> resultStrides = stridesOf(result.shape);
  for (int64_t flat = 0, e = elementCount(result.shape); flat < e; ++flat) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += ((flat / resultStrides[d]) % result.shape[d]) * strides[perm[d]];
    result.elements.push_back(data->elements[source]);
  }
  node.setKnownOutput(0, std::move(result));
  return success();
}

LogicalResult foldRange(NodeImporter &node) {
  auto start = node.knownInput(0)->values();
  auto limit = node.knownInput(1)->values();
  auto delta = node.knownInput(2)->values();
  if (!start || !limit || !delta || start->size() != 1 ||
      limit->size() != 1 || delta->size() != 1 || (*delta)[0] == 0)
    return failure();
  SmallVector<SymbolicInt> elements;
  int64_t d = (*delta)[0];
  for (int64_t v = (*start)[0]; d > 0 ? v < (*limit)[0] : v > (*limit)[0];
       v += d) {
    elements.push_back(SymbolicInt::constant(v));
    if (elements.size() > KnownInts::kMaxElements)
      return failure();
  }
  node.setKnownOutput(
      0, KnownInts::vector(elements, node.knownInput(0)->elementType));
  return success();
}

} // namespace

void registerKnownIntFolders(OpImporterRegistry &registry) {
  registry.addFolder("Identity", foldIdentity);
  registry.addFolder("Cast", foldCast);
  registry.addFolder("Add", foldArithmetic<add>);
  registry.addFolder("Sub", foldArithmetic<sub>);
  registry.addFolder("Mul", foldArithmetic<mul>);
  registry.addFolder("Div", foldArithmetic<div>);
  registry.addFolder("Max", foldArithmetic<maximum>);
  registry.addFolder("Min", foldArithmetic<minimum>);
  registry.addFolder("Neg", foldNeg);
  registry.addFolder("Not", foldNot);
  registry.addFolder("Equal", foldComparison<equal>);
  registry.addFolder("Less", foldComparison<less>);
  registry.addFolder("Greater", foldComparison<greater>);
  registry.addFolder("Where", foldWhere);
  registry.addFolder("Gather", foldGather);
  registry.addFolder("Unsqueeze", foldUnsqueeze);
  registry.addFolder("Squeeze", foldSqueeze);
  registry.addFolder("Concat", foldConcat);
  registry.addFolder("Reshape", foldReshape);
  registry.addFolder("Slice", foldSlice);
  registry.addFolder("Range", foldRange);
  registry.addFolder("Transpose", foldTranspose);
}

} // namespace kiln::onnx_import
