//===- KilnOps.cpp - Result types and verifiers of kiln ops ---------------===//

#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/IdentityMatrix.h"
#include "dialects/kiln/ShapedValues.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace kiln;

#define GET_OP_CLASSES
#include "dialects/kiln/KilnOps.cpp.inc"

namespace {
using Types = SmallVectorImpl<Type>;
using OptLoc = std::optional<Location>;

int64_t productOf(ArrayRef<int64_t> dims) {
  int64_t product = 1;
  for (int64_t d : dims) {
    if (ShapedType::isDynamic(d))
      return ShapedType::kDynamic;
    product *= d;
  }
  return product;
}

LogicalResult checkWindowAttrs(OptLoc loc, ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> pads,
                               ArrayRef<int64_t> dilations) {
  if (strides.size() != 2 || pads.size() != 4 || dilations.size() != 2)
    return emitInferenceError(loc, "expects 2 strides, 4 pads and 2 dilations");
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }) ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitInferenceError(
        loc, "strides and dilations must be positive, pads >= 0");
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// Constants and parameters
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *, OptLoc,
                                           Adaptor adaptor, Types &types) {
  types.push_back(cast<TypedAttr>(adaptor.getValue()).getType());
  return success();
}

LogicalResult ParameterOp::verify() {
  static constexpr llvm::StringLiteral kInitializers[] = {
      "zeros",          "ones",          "constant",   "normal",    "uniform",
      "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "identity",
      "value"};
  if (!llvm::is_contained(kInitializers, getInitializer()))
    return emitOpError("unknown initializer '") << getInitializer() << "'";
  ElementsAttr value = getValueAttr();
  if (getInitializer() == "value") {
    if (!value)
      return emitOpError("initializer 'value' needs a `value` attribute");
    if (value.getShapedType() != getType())
      return emitOpError("value of type ")
             << value.getShapedType() << " does not match the result type "
             << getType();
  } else if (value) {
    return emitOpError("a `value` attribute needs the initializer 'value', "
                       "not '")
           << getInitializer() << "'";
  }
  size_t wanted = llvm::StringSwitch<size_t>(getInitializer())
                      .Case("constant", 1)
                      .Cases({"normal", "uniform"}, 2)
                      .Default(0);
  if (getInitArgs().size() != wanted)
    return emitOpError("initializer '")
           << getInitializer() << "' takes " << wanted << " numbers, got "
           << getInitArgs().size();
  if (getInitializer() == "identity" &&
      !isIdentityInitializable(getType().getShape()))
    return emitOpError("initializer 'identity' needs a [n, n], [k * n, n] or "
                       "[n, k * n] matrix, not ")
           << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Activations over an axis
//===----------------------------------------------------------------------===//

static LogicalResult verifyAxis(Operation *op, Value input, int64_t axis) {
  int64_t rank = cast<ShapedType>(input.getType()).getRank();
  if (axis < -rank || axis >= rank)
    return op->emitOpError("axis ")
           << axis << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return verifyAxis(*this, getInput(), getAxis());
}
LogicalResult LogSoftmaxOp::verify() {
  return verifyAxis(*this, getInput(), getAxis());
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> lhs = shapeOf(adaptor.getLhs());
  ArrayRef<int64_t> rhs = shapeOf(adaptor.getRhs());
  if (lhs.size() < 2 || rhs.size() < 2)
    return emitInferenceError(loc, "matmul operands must have rank >= 2");
  if (isKnownAndDiffers(lhs.back(), rhs[rhs.size() - 2]))
    return emitInferenceError(
        loc, llvm::formatv("contraction dimensions differ: {0} and {1}",
                           lhs.back(), rhs[rhs.size() - 2])
                 .str());
  auto batch = broadcastShapes(lhs.drop_back(2), rhs.drop_back(2));
  if (!batch)
    return emitInferenceError(loc, "batch dimensions do not broadcast");
  batch->push_back(lhs[lhs.size() - 2]);
  batch->push_back(rhs.back());
  types.push_back(
      RankedTensorType::get(*batch, elementTypeOf(adaptor.getLhs())));
  return success();
}

LogicalResult LinearOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> w = shapeOf(adaptor.getWeight());
  if (x.empty() || w.size() != 2)
    return emitInferenceError(
        loc, "linear expects an input of rank >= 1 and a weight of rank 2");
  if (isKnownAndDiffers(x.back(), w[0]))
    return emitInferenceError(
        loc, llvm::formatv("input has {0} features but the weight expects {1}",
                           x.back(), w[0])
                 .str());
  if (Value bias = adaptor.getBias()) {
    ArrayRef<int64_t> b = shapeOf(bias);
    if (b.size() != 1 || isKnownAndDiffers(b[0], w[1]))
      return emitInferenceError(loc,
                                "bias must have shape [" + Twine(w[1]) + "]");
  }
  SmallVector<int64_t> shape(x.drop_back());
  shape.push_back(w[1]);
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> target = adaptor.getShape();
  int64_t inferredAt = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(target)) {
    if (d == -1) {
      if (inferredAt >= 0)
        return emitInferenceError(loc, "reshape allows one -1 in its shape");
      inferredAt = i;
    } else if (d < 0) {
      return emitInferenceError(loc, "reshape sizes must be >= 0 or -1");
    } else {
      known *= d;
    }
  }
  int64_t total = productOf(in);
  SmallVector<int64_t> shape(target);
  if (ShapedType::isDynamic(total)) {
    if (inferredAt < 0)
      return emitInferenceError(
          loc, "reshape of a tensor with a dynamic dimension needs a -1");
    // The static part of the input must still divide evenly.
    int64_t staticPart = 1;
    for (int64_t d : in)
      if (!ShapedType::isDynamic(d))
        staticPart *= d;
    if (known != 0 && staticPart % known != 0 && known % staticPart != 0)
      return emitInferenceError(loc, "reshape sizes do not divide the input");
    shape[inferredAt] = ShapedType::kDynamic;
  } else if (inferredAt >= 0) {
    if (known == 0 || total % known != 0)
      return emitInferenceError(
          loc, llvm::formatv("cannot reshape {0} elements into {1} with -1",
                             total, known)
                   .str());
    shape[inferredAt] = total / known;
  } else if (known != total) {
    return emitInferenceError(
        loc, llvm::formatv("cannot reshape {0} elements into {1}", total, known)
                 .str());
  }
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  int64_t axis = adaptor.getAxis();
  int64_t rank = in.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return emitInferenceError(loc, "flatten axis out of range");
  types.push_back(RankedTensorType::get(
      {productOf(in.take_front(axis)), productOf(in.drop_front(axis))},
      elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                            Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (perm.size() != in.size())
    return emitInferenceError(loc, "perm must have one entry per dimension");
  SmallVector<bool> seen(in.size(), false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size()) || seen[p])
      return emitInferenceError(loc, "perm is not a permutation");
    seen[p] = true;
    shape.push_back(in[p]);
  }
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitInferenceError(loc, "concat needs at least one input");
  SmallVector<int64_t> shape(shapeOf(inputs[0]));
  int64_t rank = shape.size();
  int64_t axis =
      adaptor.getAxis() < 0 ? adaptor.getAxis() + rank : adaptor.getAxis();
  if (axis < 0 || axis >= rank)
    return emitInferenceError(loc, "concat axis out of range");
  for (Value input : inputs.drop_front()) {
    ArrayRef<int64_t> other = shapeOf(input);
    if (static_cast<int64_t>(other.size()) != rank ||
        elementTypeOf(input) != elementTypeOf(inputs[0]))
      return emitInferenceError(loc, "concat inputs differ in rank or type");
    for (int64_t i = 0; i < rank; ++i) {
      if (i == axis) {
        shape[i] =
            ShapedType::isDynamic(shape[i]) || ShapedType::isDynamic(other[i])
                ? ShapedType::kDynamic
                : shape[i] + other[i];
      } else if (isKnownAndDiffers(shape[i], other[i])) {
        return emitInferenceError(loc, "concat inputs differ in dimension " +
                                           Twine(i));
      }
    }
  }
  types.push_back(RankedTensorType::get(shape, elementTypeOf(inputs[0])));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor, Types &types) {
  SmallVector<int64_t> shape(shapeOf(adaptor.getInput()));
  ArrayRef<int64_t> axes = adaptor.getAxes(), starts = adaptor.getStarts(),
                    ends = adaptor.getEnds(), steps = adaptor.getSteps();
  if (starts.size() != axes.size() || ends.size() != axes.size() ||
      steps.size() != axes.size())
    return emitInferenceError(loc,
                              "slice needs one start, end and step per axis");
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t axis = axes[i];
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
      return emitInferenceError(loc, "slice axis out of range");
    int64_t dim = shape[axis];
    if (ShapedType::isDynamic(dim))
      return emitInferenceError(loc, "cannot slice a dynamic dimension");
    if (steps[i] < 1 || starts[i] < 0 || ends[i] < starts[i] || ends[i] > dim)
      return emitInferenceError(
          loc,
          llvm::formatv("slice [{0}:{1}:{2}] is out of bounds for size {3}",
                        starts[i], ends[i], steps[i], dim)
              .str());
    shape[axis] = (ends[i] - starts[i] + steps[i] - 1) / steps[i];
  }
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                      Adaptor adaptor, Types &types) {
  SmallVector<int64_t> shape(shapeOf(adaptor.getInput()));
  ArrayRef<int64_t> pads = adaptor.getPads();
  if (pads.size() != 2 * shape.size())
    return emitInferenceError(loc, "pad needs two pads per dimension");
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitInferenceError(loc, "pads must be >= 0");
  for (size_t i = 0; i < shape.size(); ++i)
    if (!ShapedType::isDynamic(shape[i]))
      shape[i] += pads[i] + pads[i + shape.size()];
  types.push_back(
      RankedTensorType::get(shape, elementTypeOf(adaptor.getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution, pooling, normalization
//===----------------------------------------------------------------------===//

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor, Types &types) {
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> w = shapeOf(adaptor.getWeight());
  if (x.size() != 4 || w.size() != 4)
    return emitInferenceError(loc, "conv2d expects NCHW input and FCHW weight");
  if (failed(checkWindowAttrs(loc, adaptor.getStrides(), adaptor.getPads(),
                              adaptor.getDilations())))
    return failure();
  int64_t groups = adaptor.getGroups();
  if (groups < 1 || (!ShapedType::isDynamic(x[1]) && x[1] % groups) ||
      (!ShapedType::isDynamic(w[0]) && w[0] % groups))
    return emitInferenceError(
        loc, "groups must divide the input channels and the filters");
  if (!ShapedType::isDynamic(w[1]) && isKnownAndDiffers(x[1], w[1] * groups))
    return emitInferenceError(
        loc, llvm::formatv("input has {0} channels but the weight expects {1}",
                           x[1], w[1] * groups)
                 .str());
  if (Value bias = adaptor.getBias())
    if (shapeOf(bias).size() != 1 || isKnownAndDiffers(shapeOf(bias)[0], w[0]))
      return emitInferenceError(loc,
                                "bias must have shape [" + Twine(w[0]) + "]");
  ArrayRef<int64_t> s = adaptor.getStrides(), p = adaptor.getPads(),
                    d = adaptor.getDilations();
  int64_t h = windowOutputSize(x[2], w[2], s[0], p[0], p[2], d[0]);
  int64_t wd = windowOutputSize(x[3], w[3], s[1], p[1], p[3], d[1]);
  if (h == 0 || wd == 0)
    return emitInferenceError(loc, "kernel is larger than the padded input");
  types.push_back(RankedTensorType::get({x[0], w[0], h, wd},
                                        elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult Conv2DTransposeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                                  Adaptor adaptor,
                                                  Types &types) {
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> w = shapeOf(adaptor.getWeight());
  if (x.size() != 4 || w.size() != 4)
    return emitInferenceError(
        loc, "conv2d_transpose expects NCHW input and CFHW weight");
  if (failed(checkWindowAttrs(loc, adaptor.getStrides(), adaptor.getPads(),
                              adaptor.getDilations())))
    return failure();
  ArrayRef<int64_t> s = adaptor.getStrides(), p = adaptor.getPads(),
                    d = adaptor.getDilations(), op = adaptor.getOutputPadding();
  int64_t groups = adaptor.getGroups();
  if (op.size() != 2 || groups < 1 ||
      (!ShapedType::isDynamic(w[0]) && w[0] % groups))
    return emitInferenceError(loc, "expects 2 output paddings and groups "
                                   "dividing the input channels");
  if (isKnownAndDiffers(x[1], w[0]))
    return emitInferenceError(
        loc, llvm::formatv("input has {0} channels but the weight expects {1}",
                           x[1], w[0])
                 .str());
  auto outSize = [&](int64_t in, int64_t k, int i) -> int64_t {
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k))
      return ShapedType::kDynamic;
    return (in - 1) * s[i] - p[i] - p[i + 2] + d[i] * (k - 1) + op[i] + 1;
  };
  int64_t h = outSize(x[2], w[2], 0), wd = outSize(x[3], w[3], 1);
  auto isEmpty = [](int64_t size) {
    return !ShapedType::isDynamic(size) && size <= 0;
  };
  if (isEmpty(h) || isEmpty(wd))
    return emitInferenceError(loc, "output would be empty");
  int64_t filters =
      ShapedType::isDynamic(w[1]) ? ShapedType::kDynamic : w[1] * groups;
  types.push_back(RankedTensorType::get({x[0], filters, h, wd},
                                        elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult GlobalAvgPool2DOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                                  Adaptor adaptor,
                                                  Types &types) {
  ArrayRef<int64_t> x = shapeOf(adaptor.getInput());
  if (x.size() != 4)
    return emitInferenceError(loc, "expects an NCHW input of rank 4");
  types.push_back(
      RankedTensorType::get({x[0], x[1]}, elementTypeOf(adaptor.getInput())));
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *, OptLoc,
                                            Adaptor adaptor, Types &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult BatchNormOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  ArrayRef<int64_t> c = shapeOf(getScale());
  if (x.size() < 2)
    return emitOpError("expects an input of rank >= 2");
  if (c.size() != 1 || isKnownAndDiffers(c[0], x[1]))
    return emitOpError("statistics must have shape [") << x[1] << "]";
  if (getEpsilon().convertToDouble() < 0)
    return emitOpError("epsilon must be >= 0");
  double momentum = getMomentum().convertToDouble();
  if (!(momentum >= 0 && momentum <= 1))
    return emitOpError("momentum must be in [0, 1]");
  return success();
}
