//===- KilnOps.td - Operations of the kiln dialect ---------*- tablegen -*-===//
//
// Every op works on ranked tensors, infers its result type, and carries the
// DifferentiableOpInterface so that automatic differentiation can ask it for
// its gradient rule.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_OPS
#define KILN_OPS

include "dialects/kiln/KilnDialect.td"
include "dialects/kiln/KilnInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

class Kiln_OpBase<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic,
         traits # [Pure,
                   DeclareOpInterfaceMethods<Kiln_DifferentiableOpInterface>]> {
  // The op's gradient rule (vector-Jacobian product): C++ statements over
  // `g`, a ::kiln::GradientEmitter (dialects/kiln/GradientEmitter.h), ending
  // in `return g.grads({...})` with one gradient per operand. Empty: the op
  // has no rule, and differentiating through it is an error.
  code gradient = "";
  let extraClassDeclaration = !if(!eq(gradient, ""), "",
      "::llvm::LogicalResult buildDeclaredGradient(::kiln::GradientEmitter &g) {\n"
      # gradient # "\n}");
}

// An op whose result type is computed by its static inferReturnTypes.
class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Kiln_OpBase<mnemonic, traits # [InferTypeOpAdaptor]>;

def Kiln_FloatTensor : RankedTensorOf<[AnyFloat]>;

// A signless i64 attribute read back as a signed value (axes may be < 0).
def Kiln_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                                "64-bit integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}
def Kiln_Tensor : RankedTensorOf<[AnyType]>;

//===----------------------------------------------------------------------===//
// Constants and parameters
//===----------------------------------------------------------------------===//

def Kiln_ConstantOp : Op<Kiln_Dialect, "constant",
    [ConstantLike, Pure, InferTypeOpAdaptor]> {
  let summary = "A constant tensor";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Kiln_ParameterOp : Op<Kiln_Dialect, "parameter", [Pure]> {
  let summary = "A named, initialized model parameter";
  let description = [{
    A learnable tensor of the model, identified by `name`. Its initial value
    is drawn by `initializer` (zeros, ones, constant, normal, uniform,
    glorot_uniform, glorot_normal, he_uniform, he_normal, identity) with
    `seed`; identity needs a [n, n] matrix (the identity) or a stacked
    [k * n, n] or [n, k * n] one (k identity blocks);
    `init_args` holds the initializer's numbers (constant: value; normal:
    mean, std; uniform: low, high). The initializer `value` takes the
    initial value from the `value` attribute instead (the weights of an
    imported model), whose type must be the result's; `seed` is then unused.
    `trainable` is false for state such as batch-norm running statistics.
  }];
  let arguments = (ins StrAttr:$name, StrAttr:$initializer, Kiln_I64Attr:$seed,
                   DefaultValuedAttr<DenseF64ArrayAttr, "{}">:$init_args,
                   DefaultValuedAttr<BoolAttr, "true">:$trainable,
                   OptionalAttr<ElementsAttr>:$value);
  let results = (outs RankedTensorOf<[AnyFloat], [HasStaticShapePred]>:$result);
  let assemblyFormat = "$name $initializer `seed` $seed attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops, with NumPy broadcasting
//===----------------------------------------------------------------------===//

class Kiln_BinaryOp<string mnemonic, string desc>
    : Kiln_Op<mnemonic, [SameOperandsElementType]> {
  let summary = desc;
  let description = desc # [{, with NumPy broadcasting of the two operands.}];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::kiln::inferBroadcastType(location, adaptor.getLhs().getType(),
                                        adaptor.getRhs().getType(), types);
    }
  }];
}

def Kiln_AddOp : Kiln_BinaryOp<"add", "Elementwise sum"> {
  let hasFolder = 1;
  let gradient = [{ return g.grads({g.dy(), g.dy()}); }];
}
def Kiln_SubOp : Kiln_BinaryOp<"sub", "Elementwise difference"> {
  let gradient = [{ return g.grads({g.dy(), -g.dy()}); }];
}
def Kiln_MulOp : Kiln_BinaryOp<"mul", "Elementwise product"> {
  let hasFolder = 1;
  let gradient = [{ return g.grads({g.dy() * g.x(1), g.dy() * g.x(0)}); }];
}
def Kiln_DivOp : Kiln_BinaryOp<"div", "Elementwise quotient"> {
  let gradient = [{
    auto dx = g.dy() / g.x(1);
    return g.grads({dx, -dx * g.y()});
  }];
}
def Kiln_PowOp : Kiln_BinaryOp<"pow", "Elementwise power"> {
  let gradient = [{
    auto base = g.x(0), exponent = g.x(1);
    return g.grads({g.dy() * exponent * g.pow(base, exponent - 1.0),
                    g.dy() * g.y() * g.log(base)});
  }];
}
def Kiln_MaxOp : Kiln_BinaryOp<"max", "Elementwise maximum"> {
  // Ties send the gradient to the left operand.
  let gradient = [{
    auto right = g.greater(g.x(1), g.x(0));
    return g.grads({g.dy() * (1.0 - right), g.dy() * right});
  }];
}
def Kiln_MinOp : Kiln_BinaryOp<"min", "Elementwise minimum"> {
  let gradient = [{
    auto right = g.greater(g.x(0), g.x(1));
    return g.grads({g.dy() * (1.0 - right), g.dy() * right});
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops and activations
//===----------------------------------------------------------------------===//

class Kiln_UnaryOp<string mnemonic, string desc, dag attrs = (ins)>
    : Kiln_OpBase<mnemonic, [SameOperandsAndResultType]> {
  let summary = desc;
  let arguments = !con((ins Kiln_FloatTensor:$input), attrs);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

// Float or integer.
class Kiln_NumberUnaryOp<string mnemonic, string desc>
    : Kiln_UnaryOp<mnemonic, desc> {
  let arguments = (ins RankedTensorOf<[AnyFloat, AnySignlessInteger]>:$input);
  let results = (outs RankedTensorOf<[AnyFloat, AnySignlessInteger]>:$result);
}
def Kiln_NegOp : Kiln_NumberUnaryOp<"neg", "Elementwise negation"> {
  let hasFolder = 1;
  let gradient = [{ return g.grads({-g.dy()}); }];
}
def Kiln_AbsOp : Kiln_NumberUnaryOp<"abs", "Elementwise absolute value"> {
  let gradient = [{ return g.grads({g.dy() * g.sign(g.x())}); }];
}
def Kiln_SqrtOp : Kiln_UnaryOp<"sqrt", "Elementwise square root"> {
  let gradient = [{ return g.grads({g.dy() / (2.0 * g.y())}); }];
}
def Kiln_ExpOp : Kiln_UnaryOp<"exp", "Elementwise exponential"> {
  let gradient = [{ return g.grads({g.dy() * g.y()}); }];
}
def Kiln_LogOp : Kiln_UnaryOp<"log", "Elementwise natural logarithm"> {
  let gradient = [{ return g.grads({g.dy() / g.x()}); }];
}
def Kiln_ReluOp : Kiln_UnaryOp<"relu", "max(x, 0)"> {
  let gradient = [{ return g.grads({g.dy() * g.greater(g.x(), g.scalar(0, g.x()))}); }];
}
def Kiln_LeakyReluOp : Kiln_UnaryOp<"leaky_relu", "x if x > 0 else alpha * x",
    (ins DefaultValuedAttr<F64Attr, "0.01">:$alpha)> {
  let gradient = [{
    double alpha = getAlpha().convertToDouble();
    auto positive = g.greater(g.x(), g.scalar(0, g.x()));
    return g.grads({g.dy() * (alpha + (1.0 - alpha) * positive)});
  }];
}
def Kiln_EluOp : Kiln_UnaryOp<"elu", "x if x > 0 else alpha * (exp(x) - 1)",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)> {
  // For x <= 0 the derivative alpha * exp(x) is y + alpha.
  let gradient = [{
    double alpha = getAlpha().convertToDouble();
    auto positive = g.greater(g.x(), g.scalar(0, g.x()));
    return g.grads({g.dy() * (positive + (1.0 - positive) * (g.y() + alpha))});
  }];
}
def Kiln_SigmoidOp : Kiln_UnaryOp<"sigmoid", "1 / (1 + exp(-x))"> {
  let gradient = [{ return g.grads({g.dy() * g.y() * (1.0 - g.y())}); }];
}
def Kiln_TanhOp : Kiln_UnaryOp<"tanh", "Hyperbolic tangent"> {
  let gradient = [{ return g.grads({g.dy() * (1.0 - g.y() * g.y())}); }];
}
def Kiln_SoftplusOp : Kiln_UnaryOp<"softplus", "log(1 + exp(x))"> {
  let gradient = [{ return g.grads({g.dy() * g.sigmoid(g.x())}); }];
}
def Kiln_DropoutOp : Kiln_UnaryOp<"dropout",
    "Dropout; the identity at inference",
    (ins F64Attr:$rate)> {
  let hasFolder = 1;
  let gradient = [{ return g.grads({g.dy()}); }];
}

class Kiln_AxisOp<string mnemonic, string desc>
    : Kiln_UnaryOp<mnemonic, desc, (ins Kiln_I64Attr:$axis)> {
  let hasVerifier = 1;
}
def Kiln_SoftmaxOp : Kiln_AxisOp<"softmax", "Softmax over one axis"> {
  let gradient = [{ return ::kiln::gradients::softmax(g, getAxis()); }];
}
def Kiln_LogSoftmaxOp : Kiln_AxisOp<"log_softmax", "Log-softmax over one axis"> {
  let gradient = [{ return ::kiln::gradients::logSoftmax(g, getAxis()); }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Kiln_ReduceOp<string mnemonic, string desc, bit mean = 0,
                    bit extremum = 0> : Kiln_Op<mnemonic> {
  let summary = desc;
  let description = desc # [{ over `axes` (all axes when empty); reduced
    axes are kept with size 1 when `keepdims` is true.}];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$axes,
                   DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::kiln::inferReductionType(location, adaptor.getInput().getType(),
                                        adaptor.getAxes(), adaptor.getKeepdims(),
                                        types);
    }
  }];
  let gradient = "return ::kiln::gradients::reduction(g, getAxes(), getKeepdims(), "
                 # !if(mean, "true", "false") # ", " # !if(extremum, "true", "false")
                 # ");";
}

def Kiln_ReduceSumOp : Kiln_ReduceOp<"reduce_sum", "Sum">;
def Kiln_ReduceMeanOp : Kiln_ReduceOp<"reduce_mean", "Mean", /*mean=*/1>;
// The gradient is shared evenly between tied extrema.
def Kiln_ReduceMaxOp : Kiln_ReduceOp<"reduce_max", "Maximum", 0, /*extremum=*/1>;
def Kiln_ReduceMinOp : Kiln_ReduceOp<"reduce_min", "Minimum", 0, /*extremum=*/1>;

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def Kiln_MatmulOp : Kiln_Op<"matmul", [SameOperandsElementType]> {
  let summary = "Matrix product, batched over leading dimensions";
  let description = [{
    `[..., M, K] x [..., K, N] -> [..., M, N]`, with NumPy broadcasting of the
    leading (batch) dimensions. Both operands have rank 2 or more.
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
  let gradient = [{ return ::kiln::gradients::matmul(g); }];
}

def Kiln_LinearOp : Kiln_Op<"linear", [SameOperandsElementType]> {
  let summary = "Dense layer: x @ weight + bias";
  let description = [{
    `x: [..., in]`, `weight: [in, out]`, optional `bias: [out]`.
  }];
  let gradient = [{ return ::kiln::gradients::linear(g); }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` type($input) `,` type($weight)
    (`,` type($bias)^)? `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def Kiln_ReshapeOp : Kiln_Op<"reshape"> {
  let summary = "Reshape to `shape`; one entry may be -1 (inferred)";
  let gradient = [{ return ::kiln::gradients::reshape(g); }];
  let description = [{
    Row-major reshape. One entry of `shape` may be -1: its size is inferred
    from the element count, and it is dynamic when the input has a dynamic
    dimension.
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
}

def Kiln_FlattenOp : Kiln_Op<"flatten"> {
  let summary = "Flatten to 2-D: [d0*...*d(axis-1), d(axis)*...*d(n-1)]";
  let gradient = [{ return ::kiln::gradients::reshape(g); }];
  let arguments = (ins Kiln_Tensor:$input, DefaultValuedAttr<Kiln_I64Attr, "1">:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Kiln_TransposeOp : Kiln_Op<"transpose"> {
  let summary = "Permute dimensions: result dim i is input dim perm[i]";
  let gradient = [{ return ::kiln::gradients::transpose(g, getPerm()); }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_ConcatOp : Kiln_Op<"concat"> {
  let summary = "Concatenate tensors along `axis`";
  let gradient = [{ return ::kiln::gradients::concat(g, getAxis()); }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs, Kiln_I64Attr:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs) `->` type($result)";
  let hasFolder = 1;
}

def Kiln_SliceOp : Kiln_Op<"slice"> {
  let summary = "Strided slice [start, end) with step along `axes`";
  let gradient = [{ return ::kiln::gradients::slice(g, getAxes(), getStarts(), getSteps()); }];
  let description = [{
    For each `axes[i]`: elements `starts[i], starts[i] + steps[i], ...` below
    `ends[i]`. Starts and ends are non-negative and within the dimension;
    steps are positive. Sliced axes are static.
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$axes,
                   DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$ends,
                   DenseI64ArrayAttr:$steps);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Kiln_PadOp : Kiln_Op<"pad"> {
  let summary = "Pad with a constant";
  let gradient = [{ return ::kiln::gradients::pad(g, getPads()); }];
  let description = [{
    `pads` holds the padding before each dimension, then after each
    dimension: `[b0, b1, ..., a0, a1, ...]`, all non-negative.
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Convolution, pooling, normalization (NCHW)
//===----------------------------------------------------------------------===//

def Kiln_Conv2DOp : Kiln_Op<"conv2d", [SameOperandsElementType]> {
  let summary = "2-D convolution, NCHW";
  let gradient = [{ 
    return ::kiln::gradients::conv2d(g, getStrides(), getPads(), getDilations(),
                                     getGroups()); }];
  let description = [{
    `input: [N, C, H, W]`, `weight: [F, C / groups, KH, KW]`, optional
    `bias: [F]`. `pads` is `[top, left, bottom, right]`. With
    `groups == C == F` it is a depthwise convolution.
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                   DefaultValuedAttr<Kiln_I64Attr, "1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` type($input) `,` type($weight)
    (`,` type($bias)^)? `->` type($result)
  }];
}

def Kiln_Conv2DTransposeOp : Kiln_Op<"conv2d_transpose",
    [SameOperandsElementType]> {
  let summary = "2-D transposed convolution, NCHW";
  let gradient = [{ 
    return ::kiln::gradients::conv2dTranspose(g, getStrides(), getPads(),
                                              getDilations(), getGroups()); }];
  let description = [{
    The gradient of conv2d with respect to its input. `input: [N, C, H, W]`,
    `weight: [C, F / groups, KH, KW]` (PyTorch's layout), optional
    `bias: [F]`. Output size per spatial dim:
    `(in - 1) * stride - pad_begin - pad_end + dilation * (k - 1) + output_padding + 1`.
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$output_padding,
                   DefaultValuedAttr<Kiln_I64Attr, "1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` type($input) `,` type($weight)
    (`,` type($bias)^)? `->` type($result)
  }];
}

class Kiln_Pool2DOp<string mnemonic, string desc, bit max>
    : Kiln_Op<mnemonic> {
  let summary = desc;
  let gradient = "return ::kiln::gradients::pool2d(g, " # !if(max, "true", "false")
                 # ", getKernel(), getStrides(), getPads(), getCountIncludePad());";
  let description = [{
    `input: [N, C, H, W]`; `pads` is `[top, left, bottom, right]`. Average
    pooling divides by the window size, padding excluded unless
    `count_include_pad`; max pooling ignores padding.
  }];
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$kernel,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                   DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::kiln::inferPool2DType(location, adaptor.getInput().getType(),
                                     adaptor.getKernel(), adaptor.getStrides(),
                                     adaptor.getPads(), types);
    }
  }];
}

def Kiln_MaxPool2DOp : Kiln_Pool2DOp<"max_pool2d", "2-D max pooling, NCHW", 1>;
def Kiln_AvgPool2DOp : Kiln_Pool2DOp<"avg_pool2d", "2-D average pooling, NCHW", 0>;

def Kiln_GlobalAvgPool2DOp : Kiln_Op<"global_avg_pool2d"> {
  let summary = "Mean over H and W: [N, C, H, W] -> [N, C]";
  let gradient = [{ return ::kiln::gradients::globalAvgPool2d(g); }];
  let arguments = (ins Kiln_FloatTensor:$input);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Kiln_BatchNormOp : Kiln_Op<"batch_norm", [SameOperandsElementType,
    AllTypesMatch<["scale", "offset", "mean", "variance"]>]> {
  let summary = "Batch normalization over axis 1, inference form";
  let gradient = [{ return ::kiln::gradients::batchNorm(g, getEpsilon().convertToDouble()); }];
  let description = [{
    `(x - mean) / sqrt(var + epsilon) * scale + offset`, with `scale`,
    `offset`, `mean` and `var` of shape `[C]` broadcast over axis 1 of `x`.

    `momentum` is used only by the training form that the train step builds
    (kiln-build-train-step): there the statistics of the batch normalize `x`
    and the running statistics become
    `running * momentum + batch * (1 - momentum)` (ONNX and Keras convention;
    the default 0.9 equals PyTorch's `momentum=0.1`).
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$scale,
                   Kiln_FloatTensor:$offset, Kiln_FloatTensor:$mean,
                   Kiln_FloatTensor:$variance,
                   DefaultValuedAttr<F64Attr, "1.0e-5">:$epsilon,
                   DefaultValuedAttr<F64Attr, "0.9">:$momentum);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $offset `,` $mean `,` $variance attr-dict `:`
    type($input) `,` type($scale) `->` type($result)
  }];
  let hasVerifier = 1;
}

include "dialects/kiln/KilnAutodiffOps.td"
include "dialects/kiln/KilnLogicOps.td"
include "dialects/kiln/KilnMathOps.td"
include "dialects/kiln/KilnRecurrentOps.td"
include "dialects/kiln/KilnIndexingOps.td"
include "dialects/kiln/KilnScatterOps.td"
include "dialects/kiln/KilnRandomOps.td"

#endif // KILN_OPS
