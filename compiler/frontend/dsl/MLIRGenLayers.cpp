//===- MLIRGenLayers.cpp - Layer calls and their parameters ---------------===//
//
// Keras-style layers: each call creates its parameters (kiln.parameter ops
// named "<layer>.<weight>", seeded from the model's seed) and the ops that
// compute its output.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Initializers.h"
#include "compiler/frontend/dsl/Types.h"
#include "dialects/kiln/IdentityMatrix.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

FailureOr<Value> ModelGenerator::createParameter(StringRef name,
                                                 ArrayRef<int64_t> shape,
                                                 Type elementType,
                                                 StringRef initializer,
                                                 ArrayRef<double> initArgs,
                                                 bool trainable, SMLoc at) {
  if (!parameterNames.insert(name).second) {
    emitError(at, "duplicate parameter name '" + name + "'");
    return failure();
  }
  auto type = RankedTensorType::get(shape, elementType);
  auto parameter =
      ParameterOp::create(builder, loc(at), type, name, initializer, nextSeed++,
                          initArgs, trainable, /*value=*/nullptr);
  return verified(parameter);
}

FailureOr<Value> ModelGenerator::createLayerParameter(
    const BuiltinCall &call, StringRef suffix, ArrayRef<int64_t> shape,
    Type elementType, StringRef argName, StringRef fallback, bool trainable) {
  const CallArguments &args = call.args;
  FailureOr<std::string> name = args.string(argName, fallback.str());
  if (failed(name))
    return failure();
  if (name->empty())
    *name = fallback.str();
  const Initializer *initializer = findInitializer(*name);
  if (!initializer) {
    args.error(argName,
               "unknown initializer '" + *name + "' for '" + argName + "'");
    return failure();
  }
  if (!initializer->arguments.empty() && initializer->defaults.empty()) {
    args.error(argName, "initializer '" + *name +
                            "' needs arguments; declare the weights with "
                            "'param' and use an op call instead");
    return failure();
  }
  if (initializer->name == "identity" && !isIdentityInitializable(shape)) {
    args.error(argName, "identity() initializes [n, n], [k * n, n] or "
                        "[n, k * n] matrices only");
    return failure();
  }
  return createParameter(call.layerName + "." + suffix.str(), shape,
                         elementType, initializer->name, initializer->defaults,
                         trainable, args.callLoc());
}

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

/// The input's element type when it is a floating-point type.
static FailureOr<Type> floatElementType(Value input, const BuiltinCall &call) {
  Type elementType = cast<ShapedType>(input.getType()).getElementType();
  if (!isa<FloatType>(elementType)) {
    call.args.error("x", call.builtin.name +
                             "() needs a floating-point input, got " +
                             formatType(input.getType()));
    return failure();
  }
  return elementType;
}

/// The input "x" of a layer, which must be a floating-point tensor.
static FailureOr<Value> floatLayerInput(const BuiltinCall &call) {
  FailureOr<Value> x = call.args.tensor("x");
  if (failed(x) || failed(floatElementType(*x, call)))
    return failure();
  return x;
}

FailureOr<int64_t> ModelGenerator::imageChannels(Value input,
                                                 const BuiltinCall &call) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getRank() != 4) {
    call.args.error("x", call.builtin.name + "() needs an image of rank 4 " +
                             (nhwc ? "(N, H, W, C)" : "(N, C, H, W)") +
                             ", got " + formatType(userType(type)));
    return failure();
  }
  if (ShapedType::isDynamic(type.getDimSize(1))) {
    call.args.error("x", call.builtin.name +
                             "() needs a static number of channels, got " +
                             formatType(userType(type)));
    return failure();
  }
  return type.getDimSize(1);
}

/// Reads a positive integer argument.
static FailureOr<int64_t> positive(const CallArguments &args, StringRef name,
                                   std::optional<int64_t> fallback = {}) {
  FailureOr<int64_t> value = args.integer(name, fallback);
  if (succeeded(value) && *value < 1) {
    args.error(name, "'" + name + "' must be positive, got " + Twine(*value));
    return failure();
  }
  return value;
}

static FailureOr<SmallVector<int64_t>>
positivePair(const CallArguments &args, StringRef name,
             std::optional<SmallVector<int64_t>> fallback = {}) {
  auto values = args.pair(name, std::move(fallback));
  if (succeeded(values) &&
      llvm::any_of(*values, [](int64_t v) { return v < 1; })) {
    args.error(name, "'" + name + "' must be positive");
    return failure();
  }
  return values;
}

FailureOr<ModelGenerator::ConvWindow>
ModelGenerator::readConvWindow(const CallArguments &args) {
  auto kernel = positivePair(args, "kernel");
  auto strides = positivePair(args, "strides", SmallVector<int64_t>{1, 1});
  auto dilations = positivePair(args, "dilation", SmallVector<int64_t>{1, 1});
  if (failed(kernel) || failed(strides) || failed(dilations))
    return failure();
  return ConvWindow{*kernel, *strides, *dilations};
}

//===----------------------------------------------------------------------===//
// Shared steps
//===----------------------------------------------------------------------===//

LogicalResult ModelGenerator::createWeightAndBias(
    const BuiltinCall &call, ArrayRef<int64_t> weightShape, int64_t biasSize,
    Type elementType, bool useBias, SmallVectorImpl<Value> &operands) {
  FailureOr<Value> weight =
      createLayerParameter(call, "weight", weightShape, elementType,
                           "kernel_initializer", "glorot_uniform");
  if (failed(weight))
    return failure();
  operands.push_back(*weight);
  if (!useBias)
    return success();
  FailureOr<Value> bias = createLayerParameter(
      call, "bias", {biasSize}, elementType, "bias_initializer", "zeros");
  if (failed(bias))
    return failure();
  operands.push_back(*bias);
  return success();
}

FailureOr<DslValue> ModelGenerator::activatedOutput(FailureOr<Value> result,
                                                    const CallArguments &args) {
  if (failed(result))
    return failure();
  return tensorResult(applyActivation(*result, args), args.callLoc());
}

FailureOr<DslValue>
ModelGenerator::groupedConv2DLayer(const BuiltinCall &call, Value x,
                                   const ConvWindow &window, int64_t filters,
                                   int64_t groups, bool useBias) {
  const CallArguments &args = call.args;
  auto pads = windowPadding(args, "padding", x, window.kernel, window.strides,
                            window.dilations);
  if (failed(pads))
    return failure();
  auto type = cast<RankedTensorType>(x.getType());
  int64_t channels = type.getDimSize(1);
  SmallVector<Value> operands = {x};
  if (failed(createWeightAndBias(
          call,
          {filters, channels / groups, window.kernel[0], window.kernel[1]},
          filters, type.getElementType(), useBias, operands)))
    return failure();
  FailureOr<Value> result = create<Conv2DOp>(
      args.callLoc(), operands,
      {i64Array("strides", window.strides), i64Array("pads", *pads),
       i64Array("dilations", window.dilations),
       attr("groups", builder.getI64IntegerAttr(groups))});
  return activatedOutput(result, args);
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

FailureOr<DslValue> ModelGenerator::layerDense(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<Value> x = args.tensor("x");
  if (failed(x))
    return failure();
  FailureOr<Type> elementType = floatElementType(*x, call);
  FailureOr<int64_t> units = positive(args, "units");
  FailureOr<bool> useBias = args.boolean("use_bias", true);
  if (failed(elementType) || failed(units) || failed(useBias))
    return failure();
  RankedTensorType type = userType(x->getType());
  if (type.getRank() == 0 || ShapedType::isDynamic(type.getShape().back())) {
    args.error("x", "dense() needs an input with a static last dimension, "
                    "got " +
                        formatType(type));
    return failure();
  }
  int64_t features = type.getShape().back();
  SmallVector<Value> parameters;
  if (failed(createWeightAndBias(call, {features, *units}, *units, *elementType,
                                 *useBias, parameters)))
    return failure();
  return activatedOutput(linear(*x, parameters, at), args);
}

FailureOr<DslValue> ModelGenerator::layerConv2D(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  FailureOr<Value> x = floatLayerInput(call);
  if (failed(x))
    return failure();
  FailureOr<int64_t> channels = imageChannels(*x, call);
  FailureOr<int64_t> filters = positive(args, "filters");
  FailureOr<ConvWindow> window = readConvWindow(args);
  FailureOr<int64_t> groups = positive(args, "groups", 1);
  FailureOr<bool> useBias = args.boolean("use_bias", true);
  if (failed(channels) || failed(filters) || failed(window) || failed(groups) ||
      failed(useBias))
    return failure();
  if (*channels % *groups || *filters % *groups) {
    args.error("groups", "groups (" + Twine(*groups) +
                             ") must divide the input channels (" +
                             Twine(*channels) + ") and the filters (" +
                             Twine(*filters) + ")");
    return failure();
  }
  return groupedConv2DLayer(call, *x, *window, *filters, *groups, *useBias);
}

FailureOr<DslValue>
ModelGenerator::layerDepthwiseConv2D(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  FailureOr<Value> x = floatLayerInput(call);
  if (failed(x))
    return failure();
  FailureOr<int64_t> channels = imageChannels(*x, call);
  FailureOr<ConvWindow> window = readConvWindow(args);
  FailureOr<int64_t> multiplier = positive(args, "depth_multiplier", 1);
  FailureOr<bool> useBias = args.boolean("use_bias", true);
  if (failed(channels) || failed(window) || failed(multiplier) ||
      failed(useBias))
    return failure();
  return groupedConv2DLayer(call, *x, *window, *channels * *multiplier,
                            /*groups=*/*channels, *useBias);
}

FailureOr<DslValue>
ModelGenerator::layerConv2DTranspose(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  FailureOr<Value> x = floatLayerInput(call);
  if (failed(x))
    return failure();
  FailureOr<int64_t> channels = imageChannels(*x, call);
  FailureOr<int64_t> filters = positive(args, "filters");
  FailureOr<ConvWindow> window = readConvWindow(args);
  FailureOr<bool> useBias = args.boolean("use_bias", true);
  if (failed(channels) || failed(filters) || failed(window) || failed(useBias))
    return failure();
  SmallVector<int64_t> pads, outputPadding;
  if (failed(transposedPadding(args, "padding", window->kernel, window->strides,
                               window->dilations,
                               /*kerasDefault=*/true, pads, outputPadding)))
    return failure();
  SmallVector<Value> operands = {*x};
  if (failed(createWeightAndBias(
          call, {*channels, *filters, window->kernel[0], window->kernel[1]},
          *filters, cast<ShapedType>(x->getType()).getElementType(), *useBias,
          operands)))
    return failure();
  FailureOr<Value> result = create<Conv2DTransposeOp>(
      args.callLoc(), operands,
      {i64Array("strides", window->strides), i64Array("pads", pads),
       i64Array("dilations", window->dilations),
       i64Array("output_padding", outputPadding)});
  return activatedOutput(result, args);
}

FailureOr<DslValue> ModelGenerator::layerBatchNorm(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<Value> x = args.tensor("x");
  if (failed(x))
    return failure();
  FailureOr<Type> elementType = floatElementType(*x, call);
  FailureOr<double> epsilon = args.number("epsilon", 0.001);
  FailureOr<double> momentum = args.number("momentum", 0.99);
  if (failed(elementType) || failed(epsilon) || failed(momentum))
    return failure();
  if (*momentum < 0 || *momentum > 1) {
    args.error("momentum", "the momentum must be in [0, 1], got " +
                               args.find("momentum")->describe());
    return failure();
  }
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2 || ShapedType::isDynamic(type.getDimSize(1))) {
    args.error("x", "batch_norm() needs an input of rank >= 2 with a static "
                    "channel dimension, got " +
                        formatType(userType(type)));
    return failure();
  }
  int64_t channels = type.getDimSize(1);
  struct Statistic {
    StringRef suffix, initializer;
    bool trainable;
  };
  static const Statistic statistics[] = {{"scale", "ones", true},
                                         {"offset", "zeros", true},
                                         {"moving_mean", "zeros", false},
                                         {"moving_variance", "ones", false}};
  SmallVector<Value> operands = {*x};
  for (const Statistic &statistic : statistics) {
    FailureOr<Value> parameter = createParameter(
        call.layerName + "." + statistic.suffix.str(), {channels}, *elementType,
        statistic.initializer, {}, statistic.trainable, at);
    if (failed(parameter))
      return failure();
    operands.push_back(*parameter);
  }
  FailureOr<Value> result = create<BatchNormOp>(
      at, operands, {attr("epsilon", builder.getF64FloatAttr(*epsilon)),
                     attr("momentum", builder.getF64FloatAttr(*momentum))});
  return tensorResult(result, at);
}

template <typename OpTy>
FailureOr<DslValue> ModelGenerator::layerPool2D(const BuiltinCall &call) {
  const CallArguments &args = call.args;
  SMLoc at = args.callLoc();
  FailureOr<Value> x = args.tensor("x");
  if (failed(x) || failed(imageChannels(*x, call)) ||
      failed(floatElementType(*x, call)))
    return failure();
  auto kernel = positivePair(args, "pool", SmallVector<int64_t>{2, 2});
  if (failed(kernel))
    return failure();
  auto strides = positivePair(args, "strides", *kernel);
  if (failed(strides))
    return failure();
  auto pads = windowPadding(args, "padding", *x, *kernel, *strides, {1, 1});
  if (failed(pads))
    return failure();
  FailureOr<Value> result =
      create<OpTy>(at, {*x},
                   {i64Array("kernel", *kernel), i64Array("strides", *strides),
                    i64Array("pads", *pads)});
  return tensorResult(result, at);
}

FailureOr<DslValue>
ModelGenerator::layerGlobalAvgPool2D(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  if (failed(x) || failed(floatElementType(*x, call)))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() != 4) {
    call.args.error("x", "global_avg_pool2d() needs an image of rank 4, got " +
                             formatType(userType(type)));
    return failure();
  }
  FailureOr<Value> result = create<GlobalAvgPool2DOp>(at, {*x});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::layerDropout(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  FailureOr<double> rate = call.args.number("rate");
  if (failed(x) || failed(rate))
    return failure();
  if (*rate < 0 || *rate >= 1) {
    call.args.error("rate", "the dropout rate must be in [0, 1), got " +
                                call.args.find("rate")->describe());
    return failure();
  }
  FailureOr<Value> result = create<DropoutOp>(
      at, {*x}, {attr("rate", builder.getF64FloatAttr(*rate))});
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::layerFlatten(const BuiltinCall &call) {
  SMLoc at = call.args.callLoc();
  FailureOr<Value> x = call.args.tensor("x");
  FailureOr<int64_t> axis = call.args.integer("axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  // Flattening an NHWC image must order its elements as NHWC does.
  FailureOr<Value> result = inUserLayout({*x}, at, [&](ArrayRef<Value> inputs) {
    return create<FlattenOp>(at, {inputs[0]},
                             {attr("axis", builder.getI64IntegerAttr(*axis))});
  });
  return tensorResult(result, at);
}

//===----------------------------------------------------------------------===//
// The table of layers
//===----------------------------------------------------------------------===//

static const ArgSpec kDenseArgs[] = {
    {"x", true},  {"units", true},        {"activation"},
    {"use_bias"}, {"kernel_initializer"}, {"bias_initializer"},
    {"name"}};
static const ArgSpec kConv2DArgs[] = {
    {"x", true},  {"filters", true},      {"kernel", true},     {"strides"},
    {"padding"},  {"dilation"},           {"groups"},           {"activation"},
    {"use_bias"}, {"kernel_initializer"}, {"bias_initializer"}, {"name"}};
static const ArgSpec kDepthwiseConv2DArgs[] = {
    {"x", true},          {"kernel", true}, {"strides"},
    {"padding"},          {"dilation"},     {"depth_multiplier"},
    {"activation"},       {"use_bias"},     {"kernel_initializer"},
    {"bias_initializer"}, {"name"}};
static const ArgSpec kConv2DTransposeArgs[] = {
    {"x", true},  {"filters", true},      {"kernel", true},     {"strides"},
    {"padding"},  {"output_padding"},     {"dilation"},         {"activation"},
    {"use_bias"}, {"kernel_initializer"}, {"bias_initializer"}, {"name"}};
static const ArgSpec kBatchNormArgs[] = {
    {"x", true}, {"epsilon"}, {"momentum"}, {"name"}};
static const ArgSpec kPoolArgs[] = {
    {"x", true}, {"pool"}, {"strides"}, {"padding"}, {"name"}};
static const ArgSpec kImageArgs[] = {{"x", true}, {"name"}};
static const ArgSpec kDropoutArgs[] = {{"x", true}, {"rate", true}, {"name"}};
static const ArgSpec kFlattenArgs[] = {{"x", true}, {"axis"}, {"name"}};

ArrayRef<Builtin> ModelGenerator::layerBuiltins() {
  static const Builtin layers[] = {
      {"dense", "Dense", kDenseArgs, &ModelGenerator::layerDense},
      {"conv2d", "Conv2D", kConv2DArgs, &ModelGenerator::layerConv2D},
      {"depthwise_conv2d", "DepthwiseConv2D", kDepthwiseConv2DArgs,
       &ModelGenerator::layerDepthwiseConv2D},
      {"conv2d_transpose", "Conv2DTranspose", kConv2DTransposeArgs,
       &ModelGenerator::layerConv2DTranspose},
      {"batch_norm", "BatchNormalization", kBatchNormArgs,
       &ModelGenerator::layerBatchNorm},
      {"max_pool2d", "MaxPooling2D", kPoolArgs,
       &ModelGenerator::layerPool2D<MaxPool2DOp>},
      {"avg_pool2d", "AveragePooling2D", kPoolArgs,
       &ModelGenerator::layerPool2D<AvgPool2DOp>},
      {"global_avg_pool2d", "GlobalAveragePooling2D", kImageArgs,
       &ModelGenerator::layerGlobalAvgPool2D},
      {"dropout", "Dropout", kDropoutArgs, &ModelGenerator::layerDropout},
      {"flatten", "Flatten", kFlattenArgs, &ModelGenerator::layerFlatten},
  };
  return layers;
}
