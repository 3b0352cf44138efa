//===- MLIRGenOps.cpp - Op calls with explicit operands -------------------===//
//
// Calls that map to one kiln op (plus layout transposes in NHWC models):
// their operands are given explicitly and they create no parameters.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Layout.h"
#include "compiler/frontend/dsl/Types.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

static constexpr llvm::StringLiteral kActivations[] = {
    "relu", "sigmoid", "tanh",    "softplus",    "elu",   "leaky_relu",
    "exp",  "abs",     "softmax", "log_softmax", "linear"};

template <typename OpTy>
FailureOr<Value> ModelGenerator::softmax(Value input, int64_t axis, SMLoc at) {
  FailureOr<int64_t> kilnAxisValue = kilnAxis(input, axis, at);
  if (failed(kilnAxisValue))
    return failure();
  return create<OpTy>(
      at, {input}, {attr("axis", builder.getI64IntegerAttr(*kilnAxisValue))});
}

FailureOr<Value> ModelGenerator::unaryByName(StringRef name, Value input,
                                             SMLoc at) {
  if (name == "relu")
    return create<ReluOp>(at, {input});
  if (name == "sigmoid")
    return create<SigmoidOp>(at, {input});
  if (name == "tanh")
    return create<TanhOp>(at, {input});
  if (name == "softplus")
    return create<SoftplusOp>(at, {input});
  if (name == "elu")
    return create<EluOp>(at, {input},
                         {attr("alpha", builder.getF64FloatAttr(1.0))});
  if (name == "leaky_relu")
    return create<LeakyReluOp>(at, {input},
                               {attr("alpha", builder.getF64FloatAttr(0.01))});
  if (name == "exp")
    return create<ExpOp>(at, {input});
  if (name == "abs")
    return create<AbsOp>(at, {input});
  if (name == "softmax")
    return softmax<SoftmaxOp>(input, -1, at);
  if (name == "log_softmax")
    return softmax<LogSoftmaxOp>(input, -1, at);
  return input;
}

FailureOr<Value> ModelGenerator::applyActivation(Value value,
                                                 const CallArguments &args) {
  FailureOr<std::string> name = args.string("activation", "");
  if (failed(name))
    return failure();
  if (name->empty() || *name == "linear")
    return value;
  if (!llvm::is_contained(kActivations, *name)) {
    std::string known;
    for (StringRef activation : kActivations)
      known += (known.empty() ? "" : ", ") + activation.str();
    args.error("activation",
               "unknown activation '" + *name + "'; expected None, " + known);
    return failure();
  }
  return unaryByName(*name, value, args.callLoc());
}

//===----------------------------------------------------------------------===//
// Window padding
//===----------------------------------------------------------------------===//

/// Explicit padding: an integer, [vertical, horizontal] or
/// [top, left, bottom, right].
static FailureOr<SmallVector<int64_t>>
explicitPadding(const CallArguments &args, StringRef argName) {
  auto values = args.integers(argName);
  if (failed(values))
    return failure();
  SmallVector<int64_t> pads;
  switch (values->size()) {
  case 1:
    pads.assign(4, values->front());
    break;
  case 2:
    pads = {(*values)[0], (*values)[1], (*values)[0], (*values)[1]};
    break;
  case 4:
    pads = *values;
    break;
  default:
    args.error(argName, "'" + argName +
                            "' must be 'valid', 'same', an "
                            "integer or a list of 2 or 4 integers");
    return failure();
  }
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; })) {
    args.error(argName, "padding must not be negative");
    return failure();
  }
  return pads;
}

/// The padding argument's string, or nullopt when it is not a string.
static FailureOr<std::optional<std::string>>
paddingMode(const CallArguments &args, StringRef argName) {
  const DslValue *value = args.find(argName);
  if (!value || value->kind == DslValue::Kind::None)
    return std::optional<std::string>("valid");
  if (value->kind != DslValue::Kind::String)
    return std::optional<std::string>();
  if (value->string != "valid" && value->string != "same") {
    args.error(argName, "padding must be 'valid', 'same', an integer or a "
                        "list of 2 or 4 integers, got \"" +
                            value->string + "\"");
    return failure();
  }
  return std::optional<std::string>(value->string);
}

FailureOr<SmallVector<int64_t>>
ModelGenerator::windowPadding(const CallArguments &args, StringRef argName,
                              Value input, ArrayRef<int64_t> kernel,
                              ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> dilations) {
  auto mode = paddingMode(args, argName);
  if (failed(mode))
    return failure();
  if (!*mode)
    return explicitPadding(args, argName);
  SmallVector<int64_t> pads(4, 0);
  if (**mode == "valid")
    return pads;
  // "same", as TensorFlow pads: the output has ceil(in / stride) elements,
  // the extra padding goes at the end.
  auto type = cast<RankedTensorType>(input.getType());
  for (int i = 0; i < 2; ++i) {
    int64_t size = type.getDimSize(2 + i);
    int64_t span = (kernel[i] - 1) * dilations[i] + 1;
    int64_t total;
    if (ShapedType::isDynamic(size)) {
      if (strides[i] != 1) {
        args.error(argName, "padding=\"same\" with a stride above 1 needs a "
                            "static image size, got " +
                                formatType(userType(type)));
        return failure();
      }
      total = span - 1;
    } else {
      int64_t out = (size + strides[i] - 1) / strides[i];
      total = std::max<int64_t>((out - 1) * strides[i] + span - size, 0);
    }
    pads[i] = total / 2;
    pads[i + 2] = total - total / 2;
  }
  return pads;
}

LogicalResult ModelGenerator::transposedPadding(
    const CallArguments &args, StringRef argName, ArrayRef<int64_t> kernel,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations, bool kerasDefault,
    SmallVector<int64_t> &pads, SmallVector<int64_t> &outputPadding) {
  auto mode = paddingMode(args, argName);
  if (failed(mode))
    return failure();
  pads.assign(4, 0);
  outputPadding.assign(2, 0);
  const DslValue *given = args.find(argName);
  bool absent = !given || given->kind == DslValue::Kind::None;
  if (absent && !kerasDefault) {
    // No padding at all, as kiln.conv2d_transpose and PyTorch default to.
  } else if (!*mode) {
    auto explicitPads = explicitPadding(args, argName);
    if (failed(explicitPads))
      return failure();
    pads = *explicitPads;
  } else {
    // Keras: "valid" gives in * stride + max(kernel - stride, 0) outputs,
    // "same" gives in * stride.
    for (int i = 0; i < 2; ++i) {
      int64_t span = (kernel[i] - 1) * dilations[i] + 1;
      if (**mode == "same") {
        int64_t total = std::max<int64_t>(span - strides[i], 0);
        pads[i] = total / 2;
        pads[i + 2] = total - total / 2;
      }
      outputPadding[i] = std::max<int64_t>(strides[i] - span, 0);
    }
  }
  if (args.has("output_padding")) {
    auto given = args.pair("output_padding");
    if (failed(given))
      return failure();
    outputPadding = *given;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Linear algebra, convolution, normalization
//===----------------------------------------------------------------------===//

/// Appends the optional tensor argument `name` to `operands` when given.
static LogicalResult appendOptionalTensor(const CallArguments &args,
                                          StringRef name,
                                          SmallVectorImpl<Value> &operands) {
  if (!args.has(name))
    return success();
  FailureOr<Value> tensor = args.tensor(name);
  if (failed(tensor))
    return failure();
  operands.push_back(*tensor);
  return success();
}

FailureOr<Value> ModelGenerator::linear(Value x, ArrayRef<Value> parameters,
                                        SMLoc at) {
  return inUserLayout({x}, at, [&](ArrayRef<Value> inputs) {
    SmallVector<Value> operands = {inputs[0]};
    operands.append(parameters.begin(), parameters.end());
    return create<LinearOp>(at, operands);
  });
}

FailureOr<DslValue> ModelGenerator::opMatmul(const BuiltinCall &call) {
  FailureOr<Value> a = call.args.tensor("a");
  FailureOr<Value> b = call.args.tensor("b");
  if (failed(a) || failed(b))
    return failure();
  FailureOr<Value> result = matmul(*a, *b, call.args.callLoc());
  return tensorResult(result, call.args.callLoc());
}

FailureOr<DslValue> ModelGenerator::opLinear(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  FailureOr<Value> weight = call.args.tensor("weight");
  if (failed(x) || failed(weight))
    return failure();
  SmallVector<Value> parameters = {*weight};
  if (failed(appendOptionalTensor(call.args, "bias", parameters)))
    return failure();
  return tensorResult(linear(*x, parameters, at), at);
}

/// The operands of a convolution call: input, weight (rank 4) and optional
/// bias.
static FailureOr<SmallVector<Value>> convOperands(const BuiltinCall &call) {
  FailureOr<Value> x = call.args.tensor("x");
  FailureOr<Value> weight = call.args.tensor("weight");
  if (failed(x) || failed(weight))
    return failure();
  if (cast<ShapedType>(weight->getType()).getRank() != 4) {
    call.args.error("weight", call.builtin.name +
                                  "() needs a weight of rank 4, got " +
                                  formatType(weight->getType()));
    return failure();
  }
  SmallVector<Value> operands = {*x, *weight};
  if (failed(appendOptionalTensor(call.args, "bias", operands)))
    return failure();
  return operands;
}

/// "pads" or "padding", whichever was given (not both).
static FailureOr<StringRef> paddingArgName(const CallArguments &args) {
  if (args.has("pads") && args.has("padding")) {
    args.error("pads", "give either 'pads' or 'padding', not both");
    return failure();
  }
  return args.has("pads") ? StringRef("pads") : StringRef("padding");
}

namespace {
/// The arguments of a conv2d or conv2d_transpose op call.
struct ConvOpArguments {
  /// Input, weight and optional bias.
  SmallVector<Value> operands;
  SmallVector<int64_t> strides, dilations;
  int64_t groups;
  /// "pads" or "padding", whichever was given.
  StringRef paddingArg;

  Value input() const { return operands[0]; }
  /// The kernel's height and width, from the weight's shape.
  ArrayRef<int64_t> kernel() const {
    return cast<ShapedType>(operands[1].getType()).getShape().drop_front(2);
  }
};
} // namespace

static FailureOr<ConvOpArguments> readConvOpArguments(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  auto operands = convOperands(call);
  if (failed(operands))
    return failure();
  auto strides = args.pair("strides", SmallVector<int64_t>{1, 1});
  auto dilations = args.pair("dilations", SmallVector<int64_t>{1, 1});
  FailureOr<int64_t> groups = args.integer("groups", 1);
  FailureOr<StringRef> paddingArg = paddingArgName(args);
  if (failed(strides) || failed(dilations) || failed(groups) ||
      failed(paddingArg))
    return failure();
  return ConvOpArguments{std::move(*operands), std::move(*strides),
                         std::move(*dilations), *groups, *paddingArg};
}

FailureOr<DslValue> ModelGenerator::opConv2D(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<ConvOpArguments> conv = readConvOpArguments(call);
  if (failed(conv))
    return failure();
  if (cast<ShapedType>(conv->input().getType()).getRank() != 4) {
    args.error("x", "conv2d() needs an image of rank 4, got " +
                        formatType(userType(conv->input().getType())));
    return failure();
  }
  auto pads = windowPadding(args, conv->paddingArg, conv->input(),
                            conv->kernel(), conv->strides, conv->dilations);
  if (failed(pads))
    return failure();
  FailureOr<Value> result = create<Conv2DOp>(
      at, conv->operands,
      {i64Array("strides", conv->strides), i64Array("pads", *pads),
       i64Array("dilations", conv->dilations),
       attr("groups", builder.getI64IntegerAttr(conv->groups))});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::opConv2DTranspose(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<ConvOpArguments> conv = readConvOpArguments(call);
  if (failed(conv))
    return failure();
  SmallVector<int64_t> pads, outputPadding;
  if (failed(transposedPadding(args, conv->paddingArg, conv->kernel(),
                               conv->strides, conv->dilations,
                               /*kerasDefault=*/false, pads, outputPadding)))
    return failure();
  FailureOr<Value> result = create<Conv2DTransposeOp>(
      at, conv->operands,
      {i64Array("strides", conv->strides), i64Array("pads", pads),
       i64Array("dilations", conv->dilations),
       i64Array("output_padding", outputPadding),
       attr("groups", builder.getI64IntegerAttr(conv->groups))});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::opBatchNorm(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  SmallVector<Value> operands;
  for (StringRef name : {"x", "scale", "offset", "mean", "variance"}) {
    FailureOr<Value> operand = call.args.tensor(name);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  FailureOr<double> epsilon = call.args.number("epsilon", 1e-5);
  FailureOr<double> momentum = call.args.number("momentum", 0.9);
  if (failed(epsilon) || failed(momentum))
    return failure();
  FailureOr<Value> result = create<BatchNormOp>(
      at, operands, {attr("epsilon", builder.getF64FloatAttr(*epsilon)),
                     attr("momentum", builder.getF64FloatAttr(*momentum))});
  return tensorResult(result, at);
}

//===----------------------------------------------------------------------===//
// Elementwise ops and activations
//===----------------------------------------------------------------------===//

/// The input of a float-only op.
static FailureOr<Value> floatInput(const BuiltinCall &call) {
  FailureOr<Value> x = call.args.tensor("x");
  if (failed(x))
    return failure();
  if (!isa<FloatType>(cast<ShapedType>(x->getType()).getElementType())) {
    call.args.error("x", call.builtin.name +
                             "() needs a floating-point tensor, got " +
                             formatType(x->getType()));
    return failure();
  }
  return x;
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opRandom(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> like = call.args.tensor("like");
  constexpr bool normal = std::is_same_v<OpTy, RandomNormalOp>;
  FailureOr<double> first = call.args.number(normal ? "mean" : "low", 0.0);
  FailureOr<double> second = call.args.number(normal ? "std" : "high", 1.0);
  if (failed(like) || failed(first) || failed(second))
    return failure();
  auto likeType = cast<RankedTensorType>(like->getType());
  Type elementType = likeType.getElementType();
  if (!isa<FloatType>(elementType))
    elementType = builder.getF32Type();
  auto type = RankedTensorType::get(likeType.getShape(), elementType);
  auto stateType = RankedTensorType::get({2}, builder.getI64Type());
  int64_t start[] = {nextSeed++, 0};
  Value state = ConstantOp::create(
      builder, loc(at),
      DenseIntElementsAttr::get(stateType, ArrayRef<int64_t>(start)));
  auto op = OpTy::create(builder, loc(at), type, stateType, state, *like,
                         builder.getF64FloatAttr(*first),
                         builder.getF64FloatAttr(*second));
  return tensorResult(verified(op), at);
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opUnary(const BuiltinCall &call) {
  FailureOr<Value> x = floatInput(call);
  if (failed(x))
    return failure();
  FailureOr<Value> result = create<OpTy>(call.args.callLoc(), {*x});
  return tensorResult(result, call.args.callLoc());
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opUnaryWithAlpha(const BuiltinCall &call) {
  FailureOr<Value> x = floatInput(call);
  double fallback = call.builtin.name == "elu" ? 1.0 : 0.01;
  FailureOr<double> alpha = call.args.number("alpha", fallback);
  if (failed(x) || failed(alpha))
    return failure();
  FailureOr<Value> result =
      create<OpTy>(call.args.callLoc(), {*x},
                   {attr("alpha", builder.getF64FloatAttr(*alpha))});
  return tensorResult(result, call.args.callLoc());
}

template <Elementwise kind>
FailureOr<DslValue> ModelGenerator::opElementwise(const BuiltinCall &call) {
  FailureOr<Value> result = elementwise(
      kind, *call.args.find("a"), *call.args.find("b"), call.args.callLoc());
  return tensorResult(result, call.args.callLoc());
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opSoftmax(const BuiltinCall &call) {
  FailureOr<Value> x = floatInput(call);
  FailureOr<int64_t> axis = call.args.integer("axis", -1);
  if (failed(x) || failed(axis))
    return failure();
  FailureOr<Value> result = softmax<OpTy>(*x, *axis, call.args.locOf("axis"));
  return tensorResult(result, call.args.callLoc());
}

//===----------------------------------------------------------------------===//
// Reductions and shape manipulation
//===----------------------------------------------------------------------===//

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opReduce(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<Value> x = args.tensor("x");
  auto axes = args.integers("axes", SmallVector<int64_t>{});
  FailureOr<bool> keepdims = args.boolean("keepdims", false);
  if (failed(x) || failed(axes) || failed(keepdims))
    return failure();
  // Axes as the user counts them, then in Kiln's layout.
  int64_t rank = cast<ShapedType>(x->getType()).getRank();
  SmallVector<int64_t> userAxes, kilnAxes;
  for (int64_t axis : *axes) {
    FailureOr<int64_t> mapped = kilnAxis(*x, axis, args.locOf("axes"));
    if (failed(mapped))
      return failure();
    userAxes.push_back(axis < 0 ? axis + rank : axis);
    kilnAxes.push_back(*mapped);
  }
  FailureOr<Value> result =
      create<OpTy>(at, {*x},
                   {i64Array("axes", kilnAxes),
                    attr("keepdims", builder.getBoolAttr(*keepdims))});
  if (failed(result))
    return failure();
  if (!isNhwcImage(*x) || *keepdims || axes->empty())
    return DslValue::ofTensor(*result, at);

  // The remaining dimensions come out in NCHW order; put them in the order
  // of the user's NHWC view.
  SmallVector<int64_t> remaining;
  for (int64_t axis = 0; axis < 4; ++axis)
    if (!llvm::is_contained(userAxes, axis))
      remaining.push_back(nchwAxisOf(axis));
  SmallVector<int64_t> sorted(remaining);
  llvm::sort(sorted);
  SmallVector<int64_t> perm;
  for (int64_t position : remaining)
    perm.push_back(llvm::find(sorted, position) - sorted.begin());
  if (llvm::is_sorted(perm))
    return DslValue::ofTensor(*result, at);
  FailureOr<Value> reordered =
      create<TransposeOp>(at, {*result}, {i64Array("perm", perm)});
  return tensorResult(reordered, at);
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::opInUserLayout(const BuiltinCall &call,
                                                   StringRef listArg) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  auto values = call.args.integers(listArg);
  if (failed(x) || failed(values))
    return failure();
  FailureOr<Value> result = inUserLayout({*x}, at, [&](ArrayRef<Value> inputs) {
    return create<OpTy>(at, {inputs[0]}, {i64Array(listArg, *values)});
  });
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::opReshape(const BuiltinCall &call) {
  return opInUserLayout<ReshapeOp>(call, "shape");
}

FailureOr<DslValue> ModelGenerator::opTranspose(const BuiltinCall &call) {
  return opInUserLayout<TransposeOp>(call, "perm");
}

FailureOr<DslValue> ModelGenerator::opConcat(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  auto inputs = call.args.tensors("inputs");
  FailureOr<int64_t> axis = call.args.integer("axis");
  if (failed(inputs) || failed(axis))
    return failure();
  if (inputs->empty()) {
    call.args.error("inputs", "concat() needs at least one tensor");
    return failure();
  }
  // Inputs of different ranks fail in type inference, with the axis as given.
  int64_t kilnAxisValue = *axis;
  auto sameRank = [&](Value v) {
    return cast<ShapedType>(v.getType()).getRank() ==
           cast<ShapedType>(inputs->front().getType()).getRank();
  };
  if (llvm::all_of(*inputs, sameRank)) {
    FailureOr<int64_t> mapped =
        kilnAxis(inputs->front(), *axis, call.args.locOf("axis"));
    if (failed(mapped))
      return failure();
    kilnAxisValue = *mapped;
  }
  FailureOr<Value> result = create<ConcatOp>(
      at, *inputs, {attr("axis", builder.getI64IntegerAttr(kilnAxisValue))});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::opSlice(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<Value> x = args.tensor("x");
  FailureOr<int64_t> axis = args.integer("axis");
  if (failed(x) || failed(axis))
    return failure();
  FailureOr<int64_t> mapped = kilnAxis(*x, *axis, args.locOf("axis"));
  if (failed(mapped))
    return failure();
  int64_t size = cast<ShapedType>(x->getType()).getDimSize(*mapped);
  if (ShapedType::isDynamic(size)) {
    args.error("axis", "cannot slice the dynamic dimension of " +
                           formatType(userType(x->getType())));
    return failure();
  }
  FailureOr<int64_t> start = args.integer("start", 0);
  FailureOr<int64_t> end = args.integer("end", size);
  FailureOr<int64_t> step = args.integer("step", 1);
  if (failed(start) || failed(end) || failed(step))
    return failure();
  // Python's slicing: negative indices count from the end, and they clamp.
  auto clamp = [&](int64_t index) {
    if (index < 0)
      index += size;
    return std::clamp<int64_t>(index, 0, size);
  };
  int64_t first = clamp(*start), last = std::max(clamp(*end), clamp(*start));
  FailureOr<Value> result =
      create<SliceOp>(at, {*x},
                      {i64Array("axes", {*mapped}), i64Array("starts", {first}),
                       i64Array("ends", {last}), i64Array("steps", {*step})});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::opPad(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  auto pads = call.args.integers("pads");
  FailureOr<double> value = call.args.number("value", 0.0);
  if (failed(x) || failed(pads) || failed(value))
    return failure();
  SmallVector<int64_t> kilnPads(*pads);
  if (isNhwcImage(*x) && pads->size() == 8) {
    for (int64_t axis = 0; axis < 4; ++axis) {
      kilnPads[nchwAxisOf(axis)] = (*pads)[axis];
      kilnPads[4 + nchwAxisOf(axis)] = (*pads)[4 + axis];
    }
  }
  FailureOr<Value> result =
      create<PadOp>(at, {*x},
                    {i64Array("pads", kilnPads),
                     attr("value", builder.getF64FloatAttr(*value))});
  return tensorResult(result, at);
}

//===----------------------------------------------------------------------===//
// The table of ops
//===----------------------------------------------------------------------===//

static const ArgSpec kUnaryArgs[] = {{"x", true}};
static const ArgSpec kAlphaArgs[] = {{"x", true}, {"alpha"}};
static const ArgSpec kBinaryArgs[] = {{"a", true}, {"b", true}};
static const ArgSpec kAxisArgs[] = {{"x", true}, {"axis"}};
static const ArgSpec kReduceArgs[] = {{"x", true}, {"axes"}, {"keepdims"}};
static const ArgSpec kLinearArgs[] = {{"x", true}, {"weight", true}, {"bias"}};
static const ArgSpec kConv2DArgs[] = {{"x", true},   {"weight", true}, {"bias"},
                                      {"strides"},   {"padding"},      {"pads"},
                                      {"dilations"}, {"groups"}};
static const ArgSpec kConv2DTransposeArgs[] = {
    {"x", true}, {"weight", true}, {"bias"},           {"strides"}, {"padding"},
    {"pads"},    {"dilations"},    {"output_padding"}, {"groups"}};
static const ArgSpec kBatchNormArgs[] = {{"x", true},        {"scale", true},
                                         {"offset", true},   {"mean", true},
                                         {"variance", true}, {"epsilon"},
                                         {"momentum"}};
static const ArgSpec kRandomNormalArgs[] = {{"like", true}, {"mean"}, {"std"}};
static const ArgSpec kRandomUniformArgs[] = {{"like", true}, {"low"}, {"high"}};
static const ArgSpec kReshapeArgs[] = {{"x", true}, {"shape", true}};
static const ArgSpec kTransposeArgs[] = {{"x", true}, {"perm", true}};
static const ArgSpec kConcatArgs[] = {{"inputs", true}, {"axis", true}};
static const ArgSpec kSliceArgs[] = {
    {"x", true}, {"axis", true}, {"start"}, {"end"}, {"step"}};
static const ArgSpec kPadArgs[] = {{"x", true}, {"pads", true}, {"value"}};

ArrayRef<Builtin> ModelGenerator::opBuiltins() {
  using G = ModelGenerator;
  static const Builtin ops[] = {
      {"matmul", "MatMul", kBinaryArgs, &G::opMatmul},
      {"linear", "Linear", kLinearArgs, &G::opLinear},
      {"conv2d", "Conv2D", kConv2DArgs, &G::opConv2D},
      {"conv2d_transpose", "Conv2DTranspose", kConv2DTransposeArgs,
       &G::opConv2DTranspose},
      {"batch_norm", "BatchNormalization", kBatchNormArgs, &G::opBatchNorm},
      {"random_normal", "RandomNormalLike", kRandomNormalArgs,
       &G::opRandom<RandomNormalOp>},
      {"random_uniform", "RandomUniformLike", kRandomUniformArgs,
       &G::opRandom<RandomUniformOp>},
      {"abs", "Abs", kUnaryArgs, &G::opUnary<AbsOp>},
      {"sqrt", "Sqrt", kUnaryArgs, &G::opUnary<SqrtOp>},
      {"exp", "Exp", kUnaryArgs, &G::opUnary<ExpOp>},
      {"log", "Log", kUnaryArgs, &G::opUnary<LogOp>},
      {"relu", "ReLU", kUnaryArgs, &G::opUnary<ReluOp>},
      {"sigmoid", "Sigmoid", kUnaryArgs, &G::opUnary<SigmoidOp>},
      {"tanh", "Tanh", kUnaryArgs, &G::opUnary<TanhOp>},
      {"softplus", "Softplus", kUnaryArgs, &G::opUnary<SoftplusOp>},
      {"neg", "Negative", kUnaryArgs, &G::opUnary<NegOp>},
      {"leaky_relu", "LeakyReLU", kAlphaArgs,
       &G::opUnaryWithAlpha<LeakyReluOp>},
      {"elu", "ELU", kAlphaArgs, &G::opUnaryWithAlpha<EluOp>},
      {"pow", "Pow", kBinaryArgs, &G::opElementwise<Elementwise::Pow>},
      {"maximum", "Maximum", kBinaryArgs, &G::opElementwise<Elementwise::Max>},
      {"minimum", "Minimum", kBinaryArgs, &G::opElementwise<Elementwise::Min>},
      {"softmax", "Softmax", kAxisArgs, &G::opSoftmax<SoftmaxOp>},
      {"log_softmax", "LogSoftmax", kAxisArgs, &G::opSoftmax<LogSoftmaxOp>},
      {"reduce_sum", "ReduceSum", kReduceArgs, &G::opReduce<ReduceSumOp>},
      {"reduce_mean", "ReduceMean", kReduceArgs, &G::opReduce<ReduceMeanOp>},
      {"reduce_max", "ReduceMax", kReduceArgs, &G::opReduce<ReduceMaxOp>},
      {"reduce_min", "ReduceMin", kReduceArgs, &G::opReduce<ReduceMinOp>},
      {"reshape", "Reshape", kReshapeArgs, &G::opReshape},
      {"transpose", "Permute", kTransposeArgs, &G::opTranspose},
      {"concat", "Concatenate", kConcatArgs, &G::opConcat},
      {"slice", "Slice", kSliceArgs, &G::opSlice},
      {"pad", "Pad", kPadArgs, &G::opPad},
  };
  return ops;
}
