//===- KilnAutodiffOps.td - Ops that shape gradients -------*- tablegen -*-===//
//
// Ops that training graphs use to control how gradients flow, and the masks
// and zeros that gradient rules build. The first three are the identity in
// the forward pass; they only differ in their gradient rules.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_AUTODIFF_OPS
#define KILN_AUTODIFF_OPS

def Kiln_StopGradientOp : Kiln_OpBase<"stop_gradient",
    [SameOperandsAndResultType]> {
  let summary = "Identity whose gradient is zero";
  let description = [{
    Returns its input; no gradient flows back through it. The
    straight-through estimator is `x + stop_gradient(q - x)`: the value of
    `q`, the gradient of `x`.
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let gradient = [{ return g.grads({GradExpr()}); }];
}

def Kiln_CustomGradientOp : Kiln_OpBase<"custom_gradient",
    [AllTypesMatch<["value", "surrogate", "result"]>]> {
  let summary = "The value of one tensor, the gradient of another";
  let description = [{
    Returns `value`; its gradient flows to `surrogate` as if the result were
    `surrogate`, and none flows to `value`. `custom_gradient(q, x)` is the
    straight-through estimator; `custom_gradient(x, -lambda * x)` reverses
    and scales the gradient of `x`.
  }];
  let arguments = (ins Kiln_FloatTensor:$value, Kiln_FloatTensor:$surrogate);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$value `,` $surrogate attr-dict `:` type($value)";
  let gradient = [{ return g.grads({GradExpr(), g.dy()}); }];
}

def Kiln_GradReverseOp : Kiln_OpBase<"grad_reverse",
    [SameOperandsAndResultType]> {
  let summary = "Gradient reversal: identity forward, -lambda * grad backward";
  let description = [{
    The gradient-reversal layer of domain-adversarial training: returns its
    input and multiplies the gradient flowing back by `-lambda`.
  }];
  let arguments = (ins Kiln_FloatTensor:$input,
                   DefaultValuedAttr<F64Attr, "1.0">:$lambda);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let gradient = [{
    return g.grads({-getLambda().convertToDouble() * g.dy()});
  }];
}

def Kiln_GreaterMaskOp : Kiln_Op<"greater_mask", [SameOperandsElementType]> {
  let summary = "1 where lhs > rhs, else 0, in the operands' float type";
  let description = [{
    Elementwise, with NumPy broadcasting. Gradient rules build their masks
    (relu, max, pooling, extrema) from it; it is piecewise constant, so no
    gradient flows through it.
  }];
  let arguments = (ins Kiln_FloatTensor:$lhs, Kiln_FloatTensor:$rhs);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::kiln::inferBroadcastType(location, adaptor.getLhs().getType(),
                                        adaptor.getRhs().getType(), types);
    }
  }];
  let gradient = [{ return g.grads({GradExpr(), GradExpr()}); }];
}

def Kiln_ZerosLikeOp : Kiln_OpBase<"zeros_like", [SameOperandsAndResultType]> {
  let summary = "Zeros of the input's type and (runtime) shape";
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let gradient = [{ return g.grads({GradExpr()}); }];
}

#endif // KILN_AUTODIFF_OPS
