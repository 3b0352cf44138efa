//===- KilnMath.cpp - Terse construction of kiln arithmetic ---------------===//

#include "compiler/transforms/training/KilnMath.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

namespace kiln {

Value KilnMath::splat(double value, RankedTensorType type) {
  auto elementType = cast<FloatType>(type.getElementType());
  auto attr = DenseElementsAttr::get(type, FloatAttr::get(elementType, value));
  return ConstantOp::create(b, loc, attr);
}

Value KilnMath::scalar(double value, Type elementType) {
  return splat(value, RankedTensorType::get({}, elementType));
}

Value KilnMath::like(Value a, double c) {
  return scalar(c, getElementTypeOrSelf(a.getType()));
}

Value KilnMath::add(Value x, Value y) { return AddOp::create(b, loc, x, y); }
Value KilnMath::sub(Value x, Value y) { return SubOp::create(b, loc, x, y); }
Value KilnMath::mul(Value x, Value y) { return MulOp::create(b, loc, x, y); }
Value KilnMath::div(Value x, Value y) { return DivOp::create(b, loc, x, y); }
Value KilnMath::pow(Value x, Value y) { return PowOp::create(b, loc, x, y); }
Value KilnMath::max(Value x, Value y) { return MaxOp::create(b, loc, x, y); }
Value KilnMath::min(Value x, Value y) { return MinOp::create(b, loc, x, y); }

Value KilnMath::neg(Value a) { return NegOp::create(b, loc, a); }
Value KilnMath::abs(Value a) { return AbsOp::create(b, loc, a); }
Value KilnMath::sqrt(Value a) { return SqrtOp::create(b, loc, a); }
Value KilnMath::exp(Value a) { return ExpOp::create(b, loc, a); }
Value KilnMath::log(Value a) { return LogOp::create(b, loc, a); }
Value KilnMath::relu(Value a) { return ReluOp::create(b, loc, a); }
Value KilnMath::softplus(Value a) { return SoftplusOp::create(b, loc, a); }
Value KilnMath::floor(Value a) { return FloorOp::create(b, loc, a); }
Value KilnMath::cos(Value a) { return CosOp::create(b, loc, a); }

Value KilnMath::logSoftmax(Value a, int64_t axis) {
  return LogSoftmaxOp::create(b, loc, a, axis);
}

Value KilnMath::sum(Value a, ArrayRef<int64_t> axes) {
  return ReduceSumOp::create(b, loc, a, axes);
}

Value KilnMath::mean(Value a, ArrayRef<int64_t> axes) {
  return ReduceMeanOp::create(b, loc, a, axes);
}

} // namespace kiln
