//===- MLIRGenArith.cpp - Operators, numbers and broadcasting -------------===//
//
// `+ - * / @` and unary minus. Numbers are folded at compile time; a number
// next to a tensor becomes a scalar constant of the tensor's element type and
// broadcasts.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Types.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::Twine;

static bool isTensorOrNumber(const DslValue &value) {
  return value.isTensor() || value.isNumber();
}

FailureOr<Value> ModelGenerator::scalar(const DslValue &value, Type elementType,
                                        SMLoc at) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    element = FloatAttr::get(floatType, value.number);
  } else if (auto intType = dyn_cast<IntegerType>(elementType);
             intType && intType.getWidth() > 1) {
    if (!value.isIntegral()) {
      emitError(value.loc,
                "cannot use " + value.describe() + " with an integer tensor");
      return failure();
    }
    element = IntegerAttr::get(intType, static_cast<int64_t>(value.number));
  } else {
    emitError(value.loc, "cannot use " + value.describe() + " with a " +
                             formatType(type) + " tensor");
    return failure();
  }
  auto elements = DenseElementsAttr::get(type, element);
  return create<ConstantOp>(at, {}, {attr("value", elements)});
}

FailureOr<Value> ModelGenerator::asTensor(const DslValue &value,
                                          Type elementType, SMLoc at) {
  if (value.isTensor())
    return value.tensor;
  if (value.isNumber())
    return scalar(value, elementType, at);
  emitError(value.loc,
            "expected a tensor or a number, got " + value.describe());
  return failure();
}

FailureOr<Value> ModelGenerator::elementwise(Elementwise kind,
                                             const DslValue &lhs,
                                             const DslValue &rhs, SMLoc at) {
  for (const DslValue *operand : {&lhs, &rhs}) {
    if (!isTensorOrNumber(*operand)) {
      emitError(operand->loc,
                "expected a tensor or a number, got " + operand->describe());
      return failure();
    }
  }
  Type elementType = Builder(&context).getF32Type();
  if (lhs.isTensor())
    elementType = cast<ShapedType>(lhs.tensor.getType()).getElementType();
  else if (rhs.isTensor())
    elementType = cast<ShapedType>(rhs.tensor.getType()).getElementType();
  FailureOr<Value> a = asTensor(lhs, elementType, at);
  if (failed(a))
    return failure();
  FailureOr<Value> b = asTensor(rhs, elementType, at);
  if (failed(b))
    return failure();

  // An operand of lower rank broadcasts against the user's NHWC view.
  if (isNhwcImage(*a) != isNhwcImage(*b)) {
    Value &image = isNhwcImage(*a) ? *a : *b;
    Value &other = isNhwcImage(*a) ? *b : *a;
    int64_t rank = cast<ShapedType>(other.getType()).getRank();
    if (rank > 4) {
      image = toUserLayout(image, at);
    } else if (rank > 0) {
      FailureOr<Value> expanded = broadcastableToImage(other, at);
      if (failed(expanded))
        return failure();
      other = *expanded;
    }
  }

  switch (kind) {
  case Elementwise::Add:
    return create<AddOp>(at, {*a, *b});
  case Elementwise::Sub:
    return create<SubOp>(at, {*a, *b});
  case Elementwise::Mul:
    return create<MulOp>(at, {*a, *b});
  case Elementwise::Div:
    return create<DivOp>(at, {*a, *b});
  case Elementwise::Pow:
    return create<PowOp>(at, {*a, *b});
  case Elementwise::Max:
    return create<MaxOp>(at, {*a, *b});
  case Elementwise::Min:
    return create<MinOp>(at, {*a, *b});
  }
  llvm_unreachable("unknown elementwise operation");
}

FailureOr<Value> ModelGenerator::matmul(Value lhs, Value rhs, SMLoc at) {
  return inUserLayout({lhs, rhs}, at, [&](ArrayRef<Value> operands) {
    return create<MatmulOp>(at, {operands[0], operands[1]});
  });
}

FailureOr<DslValue> ModelGenerator::evaluateUnary(const UnaryExpr &expr) {
  FailureOr<DslValue> operand = evaluateSingle(expr.getOperand());
  if (failed(operand))
    return failure();
  SMLoc at = expr.getLoc();
  if (operand->isNumber())
    return DslValue::ofNumber(-operand->number, operand->integer, at);
  if (!operand->isTensor()) {
    emitError(operand->loc, "cannot negate " + operand->describe());
    return failure();
  }
  FailureOr<Value> result;
  if (isa<FloatType>(
          cast<ShapedType>(operand->tensor.getType()).getElementType()))
    result = create<NegOp>(at, {operand->tensor});
  else
    result = elementwise(Elementwise::Sub, DslValue::ofNumber(0, true, at),
                         *operand, at);
  return tensorResult(result, at);
}

FailureOr<DslValue> ModelGenerator::evaluateBinary(const BinaryExpr &expr) {
  FailureOr<DslValue> lhs = evaluateSingle(expr.getLhs());
  if (failed(lhs))
    return failure();
  FailureOr<DslValue> rhs = evaluateSingle(expr.getRhs());
  if (failed(rhs))
    return failure();
  SMLoc at = expr.getLoc();
  char op = expr.getOp();

  if (op == '@') {
    for (const DslValue *operand : {&*lhs, &*rhs}) {
      if (!operand->isTensor()) {
        emitError(operand->loc,
                  "'@' needs two tensors, got " + operand->describe());
        return failure();
      }
    }
    FailureOr<Value> product = matmul(lhs->tensor, rhs->tensor, at);
    if (failed(product))
      return failure();
    return DslValue::ofTensor(*product, at);
  }

  if (lhs->isNumber() && rhs->isNumber()) {
    double a = lhs->number, b = rhs->number;
    bool integer = lhs->integer && rhs->integer;
    switch (op) {
    case '+':
      return DslValue::ofNumber(a + b, integer, at);
    case '-':
      return DslValue::ofNumber(a - b, integer, at);
    case '*':
      return DslValue::ofNumber(a * b, integer, at);
    default:
      if (b == 0) {
        emitError(at, "division by zero");
        return failure();
      }
      return DslValue::ofNumber(a / b, /*isInteger=*/false, at);
    }
  }

  Elementwise kind = op == '+'   ? Elementwise::Add
                     : op == '-' ? Elementwise::Sub
                     : op == '*' ? Elementwise::Mul
                                 : Elementwise::Div;
  FailureOr<Value> result = elementwise(kind, *lhs, *rhs, at);
  return tensorResult(result, at);
}
