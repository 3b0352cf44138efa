//===- KilnMathOps.td - Elementwise math and activations ----*- tablegen -*-===//
//
// Unary float functions (one def each; their lowering is one table entry in
// compiler/conversion/kiln-to-linalg/MathLowering.cpp), the float tests
// is_nan and is_inf, sign, and the broadcasting remainder `mod`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_MATH_OPS
#define KILN_MATH_OPS

def Kiln_ErfOp : Kiln_UnaryOp<"erf", "Error function"> {
  let gradient = [{
    double twoOverSqrtPi = 1.1283791670955125738961589031215452;
    return g.grads({g.dy() * twoOverSqrtPi * g.exp(-(g.x() * g.x()))});
  }];
}
def Kiln_FloorOp : Kiln_UnaryOp<"floor", "Largest integer not above x"> {
  let gradient = [{ return g.grads({GradExpr()}); }];
}
def Kiln_CeilOp : Kiln_UnaryOp<"ceil", "Smallest integer not below x"> {
  let gradient = [{ return g.grads({GradExpr()}); }];
}
def Kiln_RoundOp : Kiln_UnaryOp<"round",
    "Nearest integer, halves to the even one"> {
  let gradient = [{ return g.grads({GradExpr()}); }];
}
def Kiln_ReciprocalOp : Kiln_UnaryOp<"reciprocal", "1 / x"> {
  let gradient = [{
    return g.grads({-g.dy() * g.y() * g.y()});
  }];
}
def Kiln_SinOp : Kiln_UnaryOp<"sin", "Sine"> {
  let gradient = [{
    return g.grads({g.dy() * g.cos(g.x())});
  }];
}
def Kiln_CosOp : Kiln_UnaryOp<"cos", "Cosine"> {
  let gradient = [{
    return g.grads({-g.dy() * g.sin(g.x())});
  }];
}
def Kiln_TanOp : Kiln_UnaryOp<"tan", "Tangent"> {
  let gradient = [{
    return g.grads({g.dy() * (1.0 + g.y() * g.y())});
  }];
}
def Kiln_AsinOp : Kiln_UnaryOp<"asin", "Arcsine"> {
  let gradient = [{
    return g.grads({g.dy() / g.sqrt(1.0 - g.x() * g.x())});
  }];
}
def Kiln_AcosOp : Kiln_UnaryOp<"acos", "Arccosine"> {
  let gradient = [{
    return g.grads({-g.dy() / g.sqrt(1.0 - g.x() * g.x())});
  }];
}
def Kiln_AtanOp : Kiln_UnaryOp<"atan", "Arctangent"> {
  let gradient = [{
    return g.grads({g.dy() / (1.0 + g.x() * g.x())});
  }];
}
def Kiln_SinhOp : Kiln_UnaryOp<"sinh", "Hyperbolic sine"> {
  let gradient = [{
    return g.grads({g.dy() * g.cosh(g.x())});
  }];
}
def Kiln_CoshOp : Kiln_UnaryOp<"cosh", "Hyperbolic cosine"> {
  let gradient = [{
    return g.grads({g.dy() * g.sinh(g.x())});
  }];
}
def Kiln_AsinhOp : Kiln_UnaryOp<"asinh", "Inverse hyperbolic sine"> {
  let gradient = [{
    return g.grads({g.dy() / g.sqrt(g.x() * g.x() + 1.0)});
  }];
}
def Kiln_AcoshOp : Kiln_UnaryOp<"acosh", "Inverse hyperbolic cosine"> {
  let gradient = [{
    return g.grads({g.dy() / g.sqrt(g.x() * g.x() - 1.0)});
  }];
}
def Kiln_AtanhOp : Kiln_UnaryOp<"atanh", "Inverse hyperbolic tangent"> {
  let gradient = [{
    return g.grads({g.dy() / (1.0 - g.x() * g.x())});
  }];
}
def Kiln_SoftsignOp : Kiln_UnaryOp<"softsign", "x / (1 + |x|)"> {
  let gradient = [{
    auto denominator = 1.0 + g.abs(g.x());
    return g.grads({g.dy() / (denominator * denominator)});
  }];
}
def Kiln_HardSigmoidOp : Kiln_UnaryOp<"hard_sigmoid",
    "max(0, min(1, alpha * x + beta))",
    (ins DefaultValuedAttr<F64Attr, "0.2">:$alpha,
         DefaultValuedAttr<F64Attr, "0.5">:$beta)> {
  let gradient = [{
    double alpha = getAlpha().convertToDouble();
    auto inside = g.between(alpha * g.x() + getBeta().convertToDouble(), 0, 1);
    return g.grads({g.dy() * alpha * inside});
  }];
}
def Kiln_HardSwishOp : Kiln_UnaryOp<"hard_swish",
    "x * max(0, min(1, x / 6 + 1 / 2))"> {
  // d/dx x * clamp(z) = clamp(z) + x / 6 inside the ramp, z = x / 6 + 1 / 2.
  let gradient = [{
    auto z = g.x() / 6.0 + 0.5;
    auto inside = g.between(z, 0, 1);
    auto above = g.greater(z, g.scalar(1, z));
    return g.grads({g.dy() * (inside * (z + g.x() / 6.0) + above)});
  }];
}
// The defaults are ONNX's (float32 values of the SELU paper's constants).
def Kiln_SeluOp : Kiln_UnaryOp<"selu",
    "gamma * (x if x > 0 else alpha * (exp(x) - 1))",
    (ins DefaultValuedAttr<F64Attr, "1.67326319217681884765625">:$alpha,
         DefaultValuedAttr<F64Attr, "1.05070102214813232421875">:$gamma)> {
  // For x <= 0 the derivative gamma * alpha * exp(x) is y + gamma * alpha.
  let gradient = [{
    double alpha = getAlpha().convertToDouble();
    double gamma = getGamma().convertToDouble();
    auto positive = g.greater(g.x(), g.scalar(0, g.x()));
    return g.grads({g.dy() * (gamma * positive +
                              (1.0 - positive) * (g.y() + gamma * alpha))});
  }];
}
def Kiln_CeluOp : Kiln_UnaryOp<"celu",
    "max(0, x) + min(0, alpha * (exp(x / alpha) - 1)); alpha != 0",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)> {
  let hasVerifier = 1;
  // 1 for x > 0, exp(x / alpha) elsewhere (for either sign of alpha).
  let gradient = [{
    double alpha = getAlpha().convertToDouble();
    auto positive = g.greater(g.x(), g.scalar(0, g.x()));
    return g.grads({g.dy() * (positive +
                              (1.0 - positive) * g.exp(g.x() / alpha))});
  }];
}
def Kiln_ThresholdedReluOp : Kiln_UnaryOp<"thresholded_relu",
    "x if x > alpha else 0",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)> {
  let gradient = [{
    auto above = g.greater(g.x(), g.scalar(getAlpha().convertToDouble(), g.x()));
    return g.grads({g.dy() * above});
  }];
}

def Kiln_SignOp : Kiln_UnaryOp<"sign",
    "-1, 0 or 1 as x is negative, zero or positive (NaN stays NaN)"> {
  let arguments = (ins Kiln_NumberTensor:$input);
  let results = (outs Kiln_NumberTensor:$result);
  let gradient = [{ return g.grads({GradExpr()}); }];
}

// A float test whose result is an i1 tensor of the input's shape.
class Kiln_FloatTestOp<string mnemonic, string desc, dag attrs = (ins)>
    : Kiln_Op<mnemonic> {
  let summary = desc;
  let arguments = !con((ins Kiln_FloatTensor:$input), attrs);
  let results = (outs Kiln_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let gradient = [{ return g.grads({GradExpr()}); }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location>,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      types.push_back(::mlir::cast<::mlir::RankedTensorType>(
          adaptor.getInput().getType()).clone(
              ::mlir::IntegerType::get(context, 1)));
      return ::mlir::success();
    }
  }];
}

def Kiln_IsNanOp : Kiln_FloatTestOp<"is_nan", "x is NaN">;
def Kiln_IsInfOp : Kiln_FloatTestOp<"is_inf",
    "x is +inf (when detect_positive) or -inf (when detect_negative)",
    (ins DefaultValuedAttr<BoolAttr, "true">:$detect_negative,
         DefaultValuedAttr<BoolAttr, "true">:$detect_positive)>;

def Kiln_ModOp : Kiln_BinaryOp<"mod", "Elementwise remainder"> {
  let description = [{
    The remainder of lhs / rhs, with NumPy broadcasting. With `fmod` it has
    the sign of lhs (C's fmod and %, truncated division); without, the sign
    of rhs (Python's %, floored division). Integer division by zero is
    undefined.
  }];
  let arguments = (ins Kiln_NumberTensor:$lhs, Kiln_NumberTensor:$rhs,
                   DefaultValuedAttr<BoolAttr, "false">:$fmod);
  // y = lhs - rhs * q with q the rounded quotient (lhs - y) / rhs, constant
  // between its jumps.
  let gradient = [{
    auto quotient = (g.x(0) - g.y()) / g.x(1);
    return g.grads({g.dy(), -g.dy() * quotient});
  }];
}

#endif // KILN_MATH_OPS
