//===- KilnLogicOps.td - Casts, comparisons and boolean logic -*- tablegen -*-===//
//
// Ops that produce or consume boolean (i1) tensors, and element type casts.
// Binary ops broadcast their operands as NumPy does.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LOGIC_OPS
#define KILN_LOGIC_OPS

def Kiln_BoolTensor : RankedTensorOf<[I1]>;
def Kiln_NumberType : AnyTypeOf<[AnyFloat, AnySignlessInteger]>;
def Kiln_NumberTensor : RankedTensorOf<[AnyFloat, AnySignlessInteger]>;

def Kiln_CastOp : Kiln_Op<"cast"> {
  let summary = "Elementwise conversion to the element type `to`";
  let description = [{
    Float to integer truncates toward zero (values out of the integer's range
    are undefined); number to i1 is `x != 0` (NaN is true); i1 to number is
    0 or 1; other integers are sign-extended or truncated; floats are
    extended or rounded to the nearest.
  }];
  let arguments = (ins Kiln_NumberTensor:$input,
                   TypeAttrOf<Kiln_NumberType>:$to);
  let results = (outs Kiln_NumberTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` $to";
  // Float to float: the gradient cast back. Integer results carry no
  // gradient, and integer inputs receive none.
  let gradient = [{
    ::mlir::Type from = ::mlir::getElementTypeOrSelf(getInput().getType());
    if (!::mlir::isa<::mlir::FloatType>(from) ||
        !::mlir::isa<::mlir::FloatType>(getTo()))
      return g.grads({GradExpr()});
    return g.grads({g.wrap(CastOp::create(g.builder(), g.loc(), g.dy(), from))});
  }];
}

// The result is i1 of the broadcast shape.
class Kiln_CompareOp<string mnemonic, string desc>
    : Kiln_BinaryOp<mnemonic, desc> {
  let description = desc # [{, with NumPy broadcasting of the two operands;
    the result is i1. Floats compare ordered (NaN compares false), integers
    signed, i1 unsigned.}];
  let arguments = (ins Kiln_NumberTensor:$lhs, Kiln_NumberTensor:$rhs);
  let results = (outs Kiln_BoolTensor:$result);
  let gradient = [{ return g.grads({GradExpr(), GradExpr()}); }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      if (::mlir::failed(::kiln::inferBroadcastType(
              location, adaptor.getLhs().getType(), adaptor.getRhs().getType(),
              types)))
        return ::mlir::failure();
      types[0] = ::mlir::cast<::mlir::RankedTensorType>(types[0]).clone(
          ::mlir::IntegerType::get(context, 1));
      return ::mlir::success();
    }
  }];
}

def Kiln_EqualOp : Kiln_CompareOp<"equal", "lhs == rhs">;
def Kiln_LessOp : Kiln_CompareOp<"less", "lhs < rhs">;
def Kiln_LessEqualOp : Kiln_CompareOp<"less_equal", "lhs <= rhs">;
def Kiln_GreaterOp : Kiln_CompareOp<"greater", "lhs > rhs">;
def Kiln_GreaterEqualOp : Kiln_CompareOp<"greater_equal", "lhs >= rhs">;

class Kiln_LogicalOp<string mnemonic, string desc>
    : Kiln_BinaryOp<mnemonic, desc> {
  let arguments = (ins Kiln_BoolTensor:$lhs, Kiln_BoolTensor:$rhs);
  let results = (outs Kiln_BoolTensor:$result);
  let gradient = [{ return g.grads({GradExpr(), GradExpr()}); }];
}

def Kiln_AndOp : Kiln_LogicalOp<"and", "Logical and">;
def Kiln_OrOp : Kiln_LogicalOp<"or", "Logical or">;
def Kiln_XorOp : Kiln_LogicalOp<"xor", "Logical exclusive or">;

def Kiln_NotOp : Kiln_UnaryOp<"not", "Logical negation"> {
  let arguments = (ins Kiln_BoolTensor:$input);
  let results = (outs Kiln_BoolTensor:$result);
  let gradient = [{ return g.grads({GradExpr()}); }];
}

def Kiln_SelectOp : Kiln_Op<"select",
    [AllElementTypesMatch<["true_value", "false_value"]>]> {
  let summary = "condition ? true_value : false_value, elementwise";
  let description = [{
    ONNX's Where: the three operands broadcast together as NumPy does.
  }];
  let arguments = (ins Kiln_BoolTensor:$condition, Kiln_Tensor:$true_value,
                   Kiln_Tensor:$false_value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    type($condition) `,` type($true_value) `,` type($false_value)
  }];
  // dy where the condition picks the operand, else 0; none to the condition.
  let gradient = [{
    auto zero = g.scalar(0, g.dy());
    auto pick = [&](GradExpr a, GradExpr b) {
      return g.wrap(SelectOp::create(g.builder(), g.loc(), g.x(0), a, b));
    };
    return g.grads({GradExpr(), pick(g.dy(), zero), pick(zero, g.dy())});
  }];
}

#endif // KILN_LOGIC_OPS
