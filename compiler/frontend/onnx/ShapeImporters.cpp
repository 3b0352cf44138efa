//===- ShapeImporters.cpp - ONNX shape and data-movement ops --------------===//
//
// Constant, Shape, Size, Reshape, Flatten, Transpose, Concat, Slice,
// Squeeze, Unsqueeze, Split, Pad and ConstantOfShape on ordinary tensors.
// Shapes, axes and pads must be known while importing; a shape element may
// be a multiple of the dynamic batch size (see KnownInts.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &node, FailureOr<Value> result,
                        unsigned index = 0) {
  if (failed(result))
    return failure();
  node.setOutput(index, *result);
  return success();
}

/// A kiln.reshape of `x` to `shape`, where -1 marks the one inferred (or
/// dynamic) dimension.
FailureOr<Value> reshape(NodeImporter &node, Value x, ArrayRef<int64_t> shape) {
  return node.create<ReshapeOp>({x}, {node.i64ArrayAttr("shape", shape)});
}

/// `type`'s shape with -1 for its dynamic dimension.
SmallVector<int64_t> reshapeTarget(RankedTensorType type) {
  SmallVector<int64_t> shape(type.getShape());
  for (int64_t &d : shape)
    if (ShapedType::isDynamic(d))
      d = -1;
  return shape;
}

LogicalResult importConstant(NodeImporter &node) {
  if (failed(node.checkAttributes({"value", "value_float", "value_floats",
                                   "value_int", "value_ints"})))
    return failure();
  OpBuilder &b = node.builder();
  DenseElementsAttr value;
  if (node.hasAttr("value")) {
    auto tensor = node.tensorAttr("value");
    if (failed(tensor))
      return failure();
    value = *tensor;
  } else if (node.hasAttr("value_float")) {
    value = DenseElementsAttr::get(
        RankedTensorType::get({}, b.getF32Type()),
        b.getF32FloatAttr(node.floatAttr("value_float", 0)));
  } else if (node.hasAttr("value_floats")) {
    SmallVector<float> floats;
    for (double f : node.floatsAttr("value_floats"))
      floats.push_back(static_cast<float>(f));
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(floats.size())},
                              b.getF32Type()),
        ArrayRef<float>(floats));
  } else if (node.hasAttr("value_int")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   node.intAttr("value_int", 0));
  } else if (node.hasAttr("value_ints")) {
    SmallVector<int64_t> ints = node.intsAttr("value_ints");
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(ints.size())},
                              b.getI64Type()),
        ArrayRef<int64_t>(ints));
  } else {
    return node.error("needs one of the attributes value, value_float, "
                      "value_floats, value_int, value_ints");
  }
  if (node.hadError())
    return failure();
  if (auto known = KnownInts::fromAttr(value)) {
    node.setKnownOutput(0, std::move(*known));
    return success();
  }
  node.setOutput(0, node.constant(value));
  return success();
}

/// Shape: known while importing; the dynamic dimension is the batch size.
LogicalResult importShape(NodeImporter &node) {
  if (failed(node.checkAttributes({"start", "end"})))
    return failure();
  if (!node.hasInput(0))
    return node.error("input 0 is required");
  RankedTensorType type = node.inputType(0);
  int64_t rank = type.getRank();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::clamp<int64_t>(i, 0, rank);
  };
  int64_t start = clampIndex(node.intAttr("start", 0));
  int64_t end = clampIndex(node.intAttr("end", rank));
  SmallVector<SymbolicInt> dims;
  for (int64_t d = start; d < end; ++d) {
    if (!type.isDynamicDim(d)) {
      dims.push_back(SymbolicInt::constant(type.getDimSize(d)));
      continue;
    }
    auto dynamic = node.dynamicDim(0);
    if (failed(dynamic))
      return failure();
    dims.push_back(*dynamic);
  }
  node.setKnownOutput(0, KnownInts::vector(dims, node.builder().getI64Type()));
  return success();
}

LogicalResult importSize(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  if (!node.hasInput(0))
    return node.error("input 0 is required");
  RankedTensorType type = node.inputType(0);
  SymbolicInt size = SymbolicInt::constant(1);
  if (!type.hasStaticShape()) {
    auto dynamic = node.dynamicDim(0);
    if (failed(dynamic))
      return failure();
    size = *dynamic;
  }
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d))
      size.coefficient *= d;
  KnownInts known = KnownInts::vector({size}, node.builder().getI64Type());
  known.shape.clear();
  node.setKnownOutput(0, std::move(known));
  return success();
}

/// Reshape: 0 copies the input's dimension (unless allowzero), -1 is
/// inferred; an element that is a multiple of the batch size becomes the
/// inferred dimension.
LogicalResult importReshape(NodeImporter &node) {
  if (failed(node.checkAttributes({"allowzero"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  const KnownInts *known = node.knownInput(1);
  if (!known)
    return node.error("the shape input must be known while importing (a "
                      "constant, or computed from shapes)");
  if (known->shape.size() != 1)
    return node.error("the shape input must be a 1-D tensor");
  bool allowZero = node.intAttr("allowzero", 0) != 0;
  SmallVector<int64_t> target;
  int symbolic = -1, inferred = -1;
  int64_t symbolicMultiple = 1;
  for (auto [i, element] : llvm::enumerate(known->elements)) {
    SymbolicInt e = element;
    if (!e.timesBatch && e.coefficient == 0 && !allowZero) {
      if (i >= static_cast<size_t>(type.getRank()))
        return node.error("shape element " + llvm::Twine(i) +
                          " is 0 but the input has rank " +
                          llvm::Twine(type.getRank()));
      if (type.isDynamicDim(i)) {
        auto dynamic = node.dynamicDim(0);
        if (failed(dynamic))
          return failure();
        e = *dynamic;
      } else {
        e = SymbolicInt::constant(type.getDimSize(i));
      }
    }
    if (e.timesBatch) {
      if (symbolic >= 0)
        return node.error("the shape has two elements that depend on the "
                          "batch size");
      symbolic = i;
      symbolicMultiple = e.coefficient;
      target.push_back(-1);
      continue;
    }
    if (e.coefficient == -1) {
      if (inferred >= 0)
        return node.error("the shape has two -1 elements");
      inferred = i;
    } else if (e.coefficient < 0) {
      return node.error("shape element " + llvm::Twine(e.coefficient) +
                        " is negative");
    }
    target.push_back(e.coefficient);
  }
  if (symbolic >= 0 && inferred >= 0) {
    // Both a batch-sized and an inferred element: compute the inferred one
    // from the static sizes; the batch factors cancel.
    int64_t staticIn = 1, staticOut = symbolicMultiple;
    if (!type.hasStaticShape()) {
      auto dynamic = node.dynamicDim(0);
      if (failed(dynamic))
        return failure();
      staticIn = dynamic->coefficient;
    }
    for (int64_t d : type.getShape())
      if (!ShapedType::isDynamic(d))
        staticIn *= d;
    for (auto [i, t] : llvm::enumerate(target))
      if (static_cast<int>(i) != symbolic && static_cast<int>(i) != inferred)
        staticOut *= t;
    if (staticOut == 0 || staticIn % staticOut != 0)
      return node.error("cannot infer the -1 element of the shape");
    target[inferred] = staticIn / staticOut;
  }
  return setResult(node, reshape(node, *x, target));
}

LogicalResult importFlatten(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  // Flatten's axis ranges over [-rank, rank].
  int64_t axis = node.intAttr("axis", 1);
  if (axis < -type.getRank() || axis > type.getRank())
    return node.error("axis " + llvm::Twine(axis) +
                      " is out of range for rank " +
                      llvm::Twine(type.getRank()));
  if (axis < 0)
    axis += type.getRank();
  if (axis == 0) {
    SmallVector<int64_t> shape = {1, -1};
    if (!type.hasStaticShape())
      return node.error("Flatten with axis 0 would fold the batch dimension "
                        "into a static one");
    return setResult(node, reshape(node, *x, shape));
  }
  return setResult(node,
                   node.create<FlattenOp>({*x}, {node.i64Attr("axis", axis)}));
}

LogicalResult importTranspose(NodeImporter &node) {
  if (failed(node.checkAttributes({"perm"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  SmallVector<int64_t> reversed =
      llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
  SmallVector<int64_t> perm = node.intsAttr("perm", reversed);
  return setResult(node, node.create<TransposeOp>(
                             {*x}, {node.i64ArrayAttr("perm", perm)}));
}

LogicalResult importConcat(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis"})))
    return failure();
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < node.numInputs(); ++i) {
    auto v = node.input(i);
    if (failed(v))
      return failure();
    inputs.push_back(*v);
  }
  if (inputs.empty())
    return node.error("needs at least one input");
  int64_t rank = cast<RankedTensorType>(inputs[0].getType()).getRank();
  // Before opset 4 the axis defaulted to 1.
  if (!node.hasAttr("axis") && node.opset() >= 4)
    return node.error("attribute 'axis' is required");
  auto axis = normalizeAxis(node, node.intAttr("axis", 1), rank);
  if (failed(axis))
    return failure();
  return setResult(node,
                   node.create<ConcatOp>(inputs, {node.i64Attr("axis", *axis)}));
}

/// Slice: attributes before opset 10, inputs from 10. Bounds are clamped
/// like ONNX's; steps must be positive.
LogicalResult importSlice(NodeImporter &node) {
  if (failed(node.checkAttributes({"starts", "ends", "axes"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  SmallVector<int64_t> starts, ends, axes, steps;
  if (node.opset() < 10) {
    starts = node.intsAttr("starts");
    ends = node.intsAttr("ends");
    axes = node.intsAttr("axes");
  } else {
    auto s = node.staticInts(1, "starts");
    auto e = succeeded(s) ? node.staticInts(2, "ends") : FailureOr<SmallVector<int64_t>>(failure());
    if (failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (node.hasInput(3)) {
      auto a = node.staticInts(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (node.hasInput(4)) {
      auto st = node.staticInts(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (starts.size() != ends.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return node.error("starts, ends, axes and steps differ in length");
  SmallVector<int64_t> kAxes, kStarts, kEnds, kSteps;
  for (unsigned i = 0; i < axes.size(); ++i) {
    auto axis = normalizeAxis(node, axes[i], type.getRank());
    if (failed(axis))
      return failure();
    if (steps[i] <= 0)
      return node.error("slices with step " + llvm::Twine(steps[i]) +
                        " are not supported (steps must be positive)");
    int64_t size = type.getDimSize(*axis);
    if (ShapedType::isDynamic(size)) {
      if (starts[i] == 0 && ends[i] >= (int64_t(1) << 31) && steps[i] == 1)
        continue; // The whole dynamic dimension.
      return node.error("slicing the dynamic batch dimension is not "
                        "supported");
    }
    auto clampBound = [&](int64_t v) {
      if (v < 0)
        v += size;
      return std::clamp<int64_t>(v, 0, size);
    };
    int64_t start = clampBound(starts[i]), end = clampBound(ends[i]);
    if (end <= start)
      return node.error("the slice of axis " + llvm::Twine(*axis) +
                        " is empty");
    kAxes.push_back(*axis);
    kStarts.push_back(start);
    kEnds.push_back(end);
    kSteps.push_back(steps[i]);
  }
  if (kAxes.empty())
    return setResult(node, *x);
  return setResult(node, node.create<SliceOp>(
                             {*x}, {node.i64ArrayAttr("axes", kAxes),
                                    node.i64ArrayAttr("starts", kStarts),
                                    node.i64ArrayAttr("ends", kEnds),
                                    node.i64ArrayAttr("steps", kSteps)}));
}

/// The axes of Squeeze and Unsqueeze: an attribute before opset 13, an
/// input from 13.
FailureOr<SmallVector<int64_t>> squeezeAxes(NodeImporter &node) {
  if (failed(node.checkAttributes({"axes"})))
    return failure();
  if (node.opset() < 13)
    return node.intsAttr("axes");
  if (!node.hasInput(1))
    return SmallVector<int64_t>();
  return node.staticInts(1, "axes");
}

LogicalResult importSqueeze(NodeImporter &node) {
  auto axes = squeezeAxes(node);
  auto x = succeeded(axes) ? node.input(0) : noValue();
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  SmallVector<bool> drop(type.getRank(), false);
  if (axes->empty()) {
    for (int64_t d = 0; d < type.getRank(); ++d)
      drop[d] = type.getDimSize(d) == 1;
  }
  for (int64_t axis : *axes) {
    auto normalized = normalizeAxis(node, axis, type.getRank());
    if (failed(normalized))
      return failure();
    if (type.getDimSize(*normalized) != 1)
      return node.error("cannot squeeze axis " + llvm::Twine(axis) +
                        ", whose size is not 1");
    drop[*normalized] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!drop[d])
      shape.push_back(type.isDynamicDim(d) ? -1 : type.getDimSize(d));
  return setResult(node, reshape(node, *x, shape));
}

LogicalResult importUnsqueeze(NodeImporter &node) {
  auto axes = squeezeAxes(node);
  auto x = succeeded(axes) ? node.input(0) : noValue();
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank() + axes->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t axis : *axes) {
    auto normalized = normalizeAxis(node, axis, rank);
    if (failed(normalized))
      return failure();
    if (inserted[*normalized])
      return node.error("axes repeat an axis");
    inserted[*normalized] = true;
  }
  SmallVector<int64_t> shape;
  int64_t next = 0;
  for (int64_t d = 0; d < rank; ++d) {
    if (inserted[d]) {
      shape.push_back(1);
      continue;
    }
    shape.push_back(type.isDynamicDim(next) ? -1 : type.getDimSize(next));
    ++next;
  }
  return setResult(node, reshape(node, *x, shape));
}

/// Split into the node's outputs: sizes from `split` (an attribute before
/// opset 13, an input from 13) or equal parts.
LogicalResult importSplit(NodeImporter &node) {
  if (failed(node.checkAttributes({"axis", "split"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  auto axis = normalizeAxis(node, node.intAttr("axis", 0), type.getRank());
  if (failed(axis))
    return failure();
  int64_t size = type.getDimSize(*axis);
  if (ShapedType::isDynamic(size))
    return node.error("splitting the dynamic batch dimension is not "
                      "supported");
  SmallVector<int64_t> sizes;
  if (node.opset() < 13) {
    sizes = node.intsAttr("split");
  } else if (node.hasInput(1)) {
    auto s = node.staticInts(1, "split");
    if (failed(s))
      return failure();
    sizes = *s;
  }
  unsigned parts = node.numOutputs();
  if (sizes.empty()) {
    if (parts == 0 || size % parts != 0)
      return node.error("cannot split " + llvm::Twine(size) + " into " +
                        llvm::Twine(parts) + " equal parts");
    sizes.assign(parts, size / parts);
  }
  if (sizes.size() != parts)
    return node.error("split has " + llvm::Twine(sizes.size()) +
                      " sizes for " + llvm::Twine(parts) + " outputs");
  int64_t start = 0;
  for (auto [i, length] : llvm::enumerate(sizes)) {
    if (length <= 0 || start + length > size)
      return node.error("split sizes do not fit the axis of size " +
                        llvm::Twine(size));
    if (node.hasOutput(i)) {
      auto part = node.create<SliceOp>(
          {*x}, {node.i64ArrayAttr("axes", {*axis}),
                 node.i64ArrayAttr("starts", {start}),
                 node.i64ArrayAttr("ends", {start + length}),
                 node.i64ArrayAttr("steps", {1})});
      if (failed(setResult(node, part, i)))
        return failure();
    }
    start += length;
  }
  if (start != size)
    return node.error("split sizes add up to " + llvm::Twine(start) +
                      ", not " + llvm::Twine(size));
  return success();
}

/// One index of `axis` of `x`, keeping the axis with size 1.
FailureOr<Value> sliceAt(NodeImporter &node, Value x, int64_t axis,
                         int64_t index) {
  return node.create<SliceOp>({x}, {node.i64ArrayAttr("axes", {axis}),
                                    node.i64ArrayAttr("starts", {index}),
                                    node.i64ArrayAttr("ends", {index + 1}),
                                    node.i64ArrayAttr("steps", {1})});
}

/// Pads `axis` of `x` by `before` and `after` elements copied from inside
/// it: mirrored without the edge ("reflect") or repeating the edge ("edge").
FailureOr<Value> padAxisByCopies(NodeImporter &node, Value x, int64_t axis,
                                 int64_t before, int64_t after, bool reflect) {
  int64_t size = cast<RankedTensorType>(x.getType()).getDimSize(axis);
  if (ShapedType::isDynamic(size))
    return node.error("reflect and edge padding of the dynamic batch "
                      "dimension is not supported");
  if (reflect && (before >= size || after >= size))
    return node.error("reflect padding must be smaller than the dimension");
  SmallVector<Value> parts;
  for (int64_t i = before; i >= 1; --i) {
    auto part = sliceAt(node, x, axis, reflect ? i : 0);
    if (failed(part))
      return failure();
    parts.push_back(*part);
  }
  parts.push_back(x);
  for (int64_t i = 1; i <= after; ++i) {
    auto part = sliceAt(node, x, axis, reflect ? size - 1 - i : size - 1);
    if (failed(part))
      return failure();
    parts.push_back(*part);
  }
  if (parts.size() == 1)
    return x;
  return node.create<ConcatOp>(parts, {node.i64Attr("axis", axis)});
}

/// Pad: pads and value are attributes before opset 11, inputs from 11.
/// Modes constant, reflect and edge.
LogicalResult importPad(NodeImporter &node) {
  if (failed(node.checkAttributes({"mode", "pads", "value", "paddings"})))
    return failure();
  std::string mode = node.stringAttr("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return node.error("pad mode '" + mode + "' is not supported");
  auto x = node.input(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> pads;
  double value = 0;
  if (node.opset() < 11) {
    pads = node.intsAttr(node.opset() < 2 ? "paddings" : "pads");
    value = node.floatAttr("value", 0);
  } else {
    auto p = node.staticInts(1, "pads");
    if (failed(p))
      return failure();
    pads = *p;
    if (node.hasInput(2)) {
      DenseElementsAttr constant = node.constantInput(2);
      if (!constant || constant.getNumElements() != 1)
        return node.error("constant_value must be a constant scalar");
      Attribute element = *constant.value_begin<Attribute>();
      if (auto f = dyn_cast<FloatAttr>(element))
        value = f.getValueAsDouble();
      else
        value = static_cast<double>(cast<IntegerAttr>(element).getInt());
    }
    if (node.hasInput(3))
      return node.error("the axes input is not supported");
  }
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return node.error("pads has " + llvm::Twine(pads.size()) +
                      " entries for rank " + llvm::Twine(rank));
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return node.error("negative pads (cropping) are not supported");
  if (mode == "constant")
    return setResult(node, node.create<PadOp>(
                               {*x}, {node.i64ArrayAttr("pads", pads),
                                      node.f64Attr("value", value)}));
  Value result = *x;
  for (int64_t axis = 0; axis < rank; ++axis) {
    auto padded = padAxisByCopies(node, result, axis, pads[axis],
                                  pads[axis + rank], mode == "reflect");
    if (failed(padded))
      return failure();
    result = *padded;
  }
  node.setOutput(0, result);
  return success();
}

/// ConstantOfShape: a splat of `value` (default float 0) in a known shape;
/// a shape that depends on the batch size gives a tensor.splat.
LogicalResult importConstantOfShape(NodeImporter &node) {
  if (failed(node.checkAttributes({"value"})))
    return failure();
  const KnownInts *shape = node.knownInput(0);
  if (!shape)
    return node.error("the shape input must be known while importing");
  DenseElementsAttr fill;
  if (node.hasAttr("value")) {
    auto v = node.tensorAttr("value");
    if (failed(v))
      return failure();
    if (v->getNumElements() != 1)
      return node.error("value must hold one element");
    fill = *v;
  } else {
    fill = DenseElementsAttr::get(
        RankedTensorType::get({1}, node.builder().getF32Type()), 0.0f);
  }
  Attribute element = *fill.value_begin<Attribute>();
  if (auto dims = shape->values()) {
    if (llvm::any_of(*dims, [](int64_t d) { return d < 0; }))
      return node.error("the shape has a negative dimension");
    auto type = RankedTensorType::get(*dims, fill.getElementType());
    DenseElementsAttr value = DenseElementsAttr::get(type, element);
    if (auto known = KnownInts::fromAttr(value)) {
      node.setKnownOutput(0, std::move(*known));
      return success();
    }
    node.setOutput(0, node.constant(value));
    return success();
  }
  SmallVector<int64_t> dims;
  SmallVector<Value> dynamicSizes;
  int64_t multiple = 0;
  for (const SymbolicInt &d : shape->elements) {
    if (d.timesBatch) {
      if (multiple != 0)
        return node.error("the shape depends on the batch size twice");
      multiple = d.coefficient;
      dims.push_back(ShapedType::kDynamic);
      dynamicSizes.push_back(node.dimensionSize(d));
    } else {
      dims.push_back(d.coefficient);
    }
  }
  OpBuilder &b = node.builder();
  Value scalar =
      arith::ConstantOp::create(b, node.loc(), cast<TypedAttr>(element));
  auto type = RankedTensorType::get(dims, fill.getElementType());
  Value splat = tensor::SplatOp::create(b, node.loc(), type, scalar,
                                       dynamicSizes);
  node.setBatchMultiple(splat, multiple);
  node.setOutput(0, splat);
  return success();
}

} // namespace

void registerShapeImporters(OpImporterRegistry &registry) {
  registry.add("Constant", importConstant);
  registry.add("Shape", importShape);
  registry.add("Size", importSize);
  registry.add("Reshape", importReshape);
  registry.add("Flatten", importFlatten);
  registry.add("Transpose", importTranspose);
  registry.add("Concat", importConcat);
  registry.add("Slice", importSlice);
  registry.add("Squeeze", importSqueeze);
  registry.add("Unsqueeze", importUnsqueeze);
  registry.add("Split", importSplit);
  registry.add("Pad", importPad);
  registry.add("ConstantOfShape", importConstantOfShape);
}

} // namespace kiln::onnx_import
