//===- GradientEmitter.cpp - What a gradient rule is written with ---------===//

#include "dialects/kiln/GradientEmitter.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<ShapedType>(value.getType()).getShape();
}

Value kiln::sumToShape(OpBuilder &builder, Location loc, Value gradient,
                       Type target) {
  auto targetType = cast<RankedTensorType>(target);
  ArrayRef<int64_t> from = shapeOf(gradient), to = targetType.getShape();
  if (from == to)
    return gradient;
  int64_t lead = from.size() - to.size();
  SmallVector<int64_t> axes;
  for (int64_t i = 0; i < static_cast<int64_t>(from.size()); ++i)
    if (i < lead || (to[i - lead] == 1 && from[i] != 1))
      axes.push_back(i);
  Value reduced = gradient;
  if (!axes.empty())
    reduced = ReduceSumOp::create(builder, loc, gradient, axes, true);
  // Drop the summed leading dims, which have size 1 now.
  if (lead > 0)
    reduced = reshapeTo(builder, loc, reduced, to);
  return reduced;
}

Value kiln::reshapeTo(OpBuilder &builder, Location loc, Value value,
                      ArrayRef<int64_t> shape) {
  SmallVector<int64_t> sizes(shape);
  int dynamic = 0;
  for (int64_t &size : sizes)
    if (ShapedType::isDynamic(size)) {
      size = -1;
      ++dynamic;
    }
  if (dynamic > 1)
    return {};
  if (shapeOf(value) == shape)
    return value;
  return ReshapeOp::create(builder, loc, value, sizes);
}

Value kiln::zerosLike(OpBuilder &builder, Location loc, Value like) {
  return ZerosLikeOp::create(builder, loc, like);
}

Value kiln::broadcastLike(OpBuilder &builder, Location loc, Value value,
                          Value like) {
  if (value.getType() == like.getType())
    return value;
  return AddOp::create(builder, loc, zerosLike(builder, loc, like), value);
}

Value kiln::accumulate(OpBuilder &builder, Location loc, Value a, Value b) {
  if (!a)
    return b;
  if (!b)
    return a;
  return AddOp::create(builder, loc, a, b);
}

//===----------------------------------------------------------------------===//
// GradientEmitter
//===----------------------------------------------------------------------===//

GradExpr GradientEmitter::scalar(double value, Value like) {
  Type elementType = getElementTypeOrSelf(like.getType());
  auto type = RankedTensorType::get({}, elementType);
  Attribute element = builder_.getFloatAttr(elementType, value);
  return wrap(
      ConstantOp::create(builder_, loc(), DenseElementsAttr::get(type, element)));
}

GradExpr GradientEmitter::exp(GradExpr a) {
  return wrap(ExpOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::log(GradExpr a) {
  return wrap(LogOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::sqrt(GradExpr a) {
  return wrap(SqrtOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::sigmoid(GradExpr a) {
  return wrap(SigmoidOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::pow(GradExpr a, GradExpr b) {
  return wrap(PowOp::create(builder_, loc(), a, b));
}
GradExpr GradientEmitter::abs(GradExpr a) {
  return wrap(AbsOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::sin(GradExpr a) {
  return wrap(SinOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::cos(GradExpr a) {
  return wrap(CosOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::sinh(GradExpr a) {
  return wrap(SinhOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::cosh(GradExpr a) {
  return wrap(CoshOp::create(builder_, loc(), a));
}
GradExpr GradientEmitter::between(GradExpr a, double lo, double hi) {
  return greater(a, scalar(lo, a)) * greater(scalar(hi, a), a);
}
GradExpr GradientEmitter::greater(GradExpr a, GradExpr b) {
  return wrap(GreaterMaskOp::create(builder_, loc(), a, b));
}
GradExpr GradientEmitter::equal(GradExpr a, GradExpr b) {
  return 1.0 - greater(a, b) - greater(b, a);
}
GradExpr GradientEmitter::sign(GradExpr a) {
  GradExpr zero = scalar(0, a);
  return greater(a, zero) - greater(zero, a);
}
GradExpr GradientEmitter::zerosLike(GradExpr a) {
  return wrap(kiln::zerosLike(builder_, loc(), a));
}
GradExpr GradientEmitter::sumKeep(GradExpr a, ArrayRef<int64_t> axes) {
  return wrap(ReduceSumOp::create(builder_, loc(), a, axes, true));
}

LogicalResult GradientEmitter::grads(std::initializer_list<GradExpr> list) {
  gradients_.clear();
  for (const GradExpr &gradient : list)
    gradients_.push_back(gradient.value);
  return success();
}

LogicalResult GradientEmitter::grads(ArrayRef<Value> list) {
  gradients_.assign(list.begin(), list.end());
  return success();
}

//===----------------------------------------------------------------------===//
// GradExpr arithmetic
//===----------------------------------------------------------------------===//

namespace {
template <typename OpTy> GradExpr binary(GradExpr a, GradExpr b) {
  GradientEmitter *g = a.emitter ? a.emitter : b.emitter;
  return g->wrap(OpTy::create(g->builder(), g->loc(), a.value, b.value));
}
} // namespace

GradExpr kiln::operator+(GradExpr a, GradExpr b) { return binary<AddOp>(a, b); }
GradExpr kiln::operator-(GradExpr a, GradExpr b) { return binary<SubOp>(a, b); }
GradExpr kiln::operator*(GradExpr a, GradExpr b) { return binary<MulOp>(a, b); }
GradExpr kiln::operator/(GradExpr a, GradExpr b) { return binary<DivOp>(a, b); }
GradExpr kiln::operator-(GradExpr a) {
  return a.emitter->wrap(NegOp::create(a.emitter->builder(), a.emitter->loc(),
                                       a.value));
}
GradExpr kiln::operator+(GradExpr a, double b) {
  return a + a.emitter->scalar(b, a);
}
GradExpr kiln::operator-(GradExpr a, double b) {
  return a - a.emitter->scalar(b, a);
}
GradExpr kiln::operator*(GradExpr a, double b) {
  return a * a.emitter->scalar(b, a);
}
GradExpr kiln::operator/(GradExpr a, double b) {
  return a / a.emitter->scalar(b, a);
}
GradExpr kiln::operator+(double a, GradExpr b) {
  return b.emitter->scalar(a, b) + b;
}
GradExpr kiln::operator-(double a, GradExpr b) {
  return b.emitter->scalar(a, b) - b;
}
GradExpr kiln::operator*(double a, GradExpr b) {
  return b.emitter->scalar(a, b) * b;
}
GradExpr kiln::operator/(double a, GradExpr b) {
  return b.emitter->scalar(a, b) / b;
}
