//===- KilnMathOps.td - Elementwise math and activations ----*- tablegen -*-===//
//
// Unary float functions (one def each; their lowering is one table entry in
// compiler/conversion/kiln-to-linalg/MathLowering.cpp), the float tests
// is_nan and is_inf, sign, and the broadcasting remainder `mod`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_MATH_OPS
#define KILN_MATH_OPS

def Kiln_ErfOp : Kiln_UnaryOp<"erf", "Error function">;
def Kiln_FloorOp : Kiln_UnaryOp<"floor", "Largest integer not above x">;
def Kiln_CeilOp : Kiln_UnaryOp<"ceil", "Smallest integer not below x">;
def Kiln_RoundOp : Kiln_UnaryOp<"round",
    "Nearest integer, halves to the even one">;
def Kiln_ReciprocalOp : Kiln_UnaryOp<"reciprocal", "1 / x">;
def Kiln_SinOp : Kiln_UnaryOp<"sin", "Sine">;
def Kiln_CosOp : Kiln_UnaryOp<"cos", "Cosine">;
def Kiln_TanOp : Kiln_UnaryOp<"tan", "Tangent">;
def Kiln_AsinOp : Kiln_UnaryOp<"asin", "Arcsine">;
def Kiln_AcosOp : Kiln_UnaryOp<"acos", "Arccosine">;
def Kiln_AtanOp : Kiln_UnaryOp<"atan", "Arctangent">;
def Kiln_SinhOp : Kiln_UnaryOp<"sinh", "Hyperbolic sine">;
def Kiln_CoshOp : Kiln_UnaryOp<"cosh", "Hyperbolic cosine">;
def Kiln_AsinhOp : Kiln_UnaryOp<"asinh", "Inverse hyperbolic sine">;
def Kiln_AcoshOp : Kiln_UnaryOp<"acosh", "Inverse hyperbolic cosine">;
def Kiln_AtanhOp : Kiln_UnaryOp<"atanh", "Inverse hyperbolic tangent">;
def Kiln_SoftsignOp : Kiln_UnaryOp<"softsign", "x / (1 + |x|)">;
def Kiln_HardSigmoidOp : Kiln_UnaryOp<"hard_sigmoid",
    "max(0, min(1, alpha * x + beta))",
    (ins DefaultValuedAttr<F64Attr, "0.2">:$alpha,
         DefaultValuedAttr<F64Attr, "0.5">:$beta)>;
def Kiln_HardSwishOp : Kiln_UnaryOp<"hard_swish",
    "x * max(0, min(1, x / 6 + 1 / 2))">;
// The defaults are ONNX's (float32 values of the SELU paper's constants).
def Kiln_SeluOp : Kiln_UnaryOp<"selu",
    "gamma * (x if x > 0 else alpha * (exp(x) - 1))",
    (ins DefaultValuedAttr<F64Attr, "1.67326319217681884765625">:$alpha,
         DefaultValuedAttr<F64Attr, "1.05070102214813232421875">:$gamma)>;
def Kiln_CeluOp : Kiln_UnaryOp<"celu",
    "max(0, x) + min(0, alpha * (exp(x / alpha) - 1)); alpha != 0",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)> {
  let hasVerifier = 1;
}
def Kiln_ThresholdedReluOp : Kiln_UnaryOp<"thresholded_relu",
    "x if x > alpha else 0",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)>;

def Kiln_SignOp : Kiln_UnaryOp<"sign",
    "-1, 0 or 1 as x is negative, zero or positive (NaN stays NaN)"> {
  let arguments = (ins Kiln_NumberTensor:$input);
  let results = (outs Kiln_NumberTensor:$result);
}

// A float test whose result is an i1 tensor of the input's shape.
class Kiln_FloatTestOp<string mnemonic, string desc, dag attrs = (ins)>
    : Kiln_Op<mnemonic> {
  let summary = desc;
  let arguments = !con((ins Kiln_FloatTensor:$input), attrs);
  let results = (outs Kiln_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
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
}

#endif // KILN_MATH_OPS
