//===- GradientEmitter.h - What a gradient rule is written with -*- C++ -*-===//
//
// A kiln op declares its vector-Jacobian product in TableGen with
// `let gradient = [{ ... }]`: C++ statements over `g`, a GradientEmitter.
// `g.x(i)` is operand i, `g.y(i)` result i and `g.dy(i)` the gradient of
// result i; arithmetic on these GradExprs builds kiln ops at the builder's
// insertion point, and `g.grads({...})` hands back one gradient per operand
// (a null GradExpr where the operand receives none). A gradient may keep the
// broadcast shape of the result: the caller reduces it to the operand's shape
// with sumToShape.
//
// Rules too long for TableGen call a function of KilnGradients.cpp from
// their `gradient` field.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_GRADIENTEMITTER_H
#define KILN_DIALECT_GRADIENTEMITTER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <initializer_list>
#include <type_traits>
#include <utility>

namespace kiln {

class GradientEmitter;

/// A value under construction in a gradient rule; arithmetic builds kiln ops.
struct GradExpr {
  mlir::Value value;
  GradientEmitter *emitter = nullptr;

  GradExpr() = default;
  GradExpr(mlir::Value value, GradientEmitter *emitter)
      : value(value), emitter(emitter) {}
  operator mlir::Value() const { return value; }
  explicit operator bool() const { return static_cast<bool>(value); }
};

GradExpr operator+(GradExpr a, GradExpr b);
GradExpr operator-(GradExpr a, GradExpr b);
GradExpr operator*(GradExpr a, GradExpr b);
GradExpr operator/(GradExpr a, GradExpr b);
GradExpr operator-(GradExpr a);
GradExpr operator+(GradExpr a, double b);
GradExpr operator-(GradExpr a, double b);
GradExpr operator*(GradExpr a, double b);
GradExpr operator/(GradExpr a, double b);
GradExpr operator+(double a, GradExpr b);
GradExpr operator-(double a, GradExpr b);
GradExpr operator*(double a, GradExpr b);
GradExpr operator/(double a, GradExpr b);

class GradientEmitter {
public:
  GradientEmitter(mlir::Operation *op, mlir::OpBuilder &builder,
                  mlir::ValueRange resultGradients)
      : op_(op), builder_(builder), resultGradients_(resultGradients) {}

  mlir::Operation *op() const { return op_; }
  mlir::OpBuilder &builder() { return builder_; }
  mlir::Location loc() const { return op_->getLoc(); }

  GradExpr x(unsigned index = 0) { return wrap(op_->getOperand(index)); }
  GradExpr y(unsigned index = 0) { return wrap(op_->getResult(index)); }
  GradExpr dy(unsigned index = 0) { return wrap(resultGradients_[index]); }
  GradExpr wrap(mlir::Value value) { return GradExpr(value, this); }

  /// A rank-0 constant of the element type of `like`.
  GradExpr scalar(double value, mlir::Value like);

  GradExpr exp(GradExpr a);
  GradExpr log(GradExpr a);
  GradExpr sqrt(GradExpr a);
  GradExpr sigmoid(GradExpr a);
  GradExpr pow(GradExpr a, GradExpr b);
  GradExpr abs(GradExpr a);
  GradExpr sin(GradExpr a);
  GradExpr cos(GradExpr a);
  GradExpr sinh(GradExpr a);
  GradExpr cosh(GradExpr a);
  /// 1 where lo < a < hi, else 0.
  GradExpr between(GradExpr a, double lo, double hi);
  /// 1 where a > b, else 0 (broadcasting).
  GradExpr greater(GradExpr a, GradExpr b);
  /// 1 where a == b, else 0 (broadcasting).
  GradExpr equal(GradExpr a, GradExpr b);
  /// 1 where a > 0, -1 where a < 0, else 0.
  GradExpr sign(GradExpr a);
  GradExpr zerosLike(GradExpr a);
  /// Sum over `axes`, keeping them with size 1.
  GradExpr sumKeep(GradExpr a, llvm::ArrayRef<int64_t> axes);

  /// Sets one gradient per operand (null where none flows) and succeeds.
  llvm::LogicalResult grads(std::initializer_list<GradExpr> gradients);
  llvm::LogicalResult grads(llvm::ArrayRef<mlir::Value> gradients);

  llvm::SmallVectorImpl<mlir::Value> &gradients() { return gradients_; }

private:
  mlir::Operation *op_;
  mlir::OpBuilder &builder_;
  mlir::ValueRange resultGradients_;
  llvm::SmallVector<mlir::Value> gradients_;
};

//===----------------------------------------------------------------------===//
// Shape helpers shared by the rules and the autodiff pass
//===----------------------------------------------------------------------===//

/// Reduces `gradient`, of a shape that `target` broadcasts to, back to
/// `target`'s shape: sums over the leading dimensions `target` lacks and
/// over the dimensions where `target` has size 1. Returns `gradient` when
/// the shapes already agree, null when the target has more than one dynamic
/// dimension to reshape to.
mlir::Value sumToShape(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value gradient, mlir::Type target);

/// Broadcasts `value` to the shape of `like` (value's shape must broadcast
/// to it).
mlir::Value broadcastLike(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value value, mlir::Value like);

/// A tensor of zeros of `like`'s type (dynamic dimensions taken from it).
mlir::Value zerosLike(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value like);

/// `a + b`, or the non-null one of them.
mlir::Value accumulate(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value a, mlir::Value b);

/// Reshapes `value` to `shape`, writing -1 for its one dynamic dimension.
/// Fails (returns null) when `shape` has more than one dynamic dimension.
mlir::Value reshapeTo(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value value, llvm::ArrayRef<int64_t> shape);

//===----------------------------------------------------------------------===//
// Rules written in C++ (KilnGradients.cpp), called from `gradient` fields
//===----------------------------------------------------------------------===//

namespace gradients {
llvm::LogicalResult softmax(GradientEmitter &g, int64_t axis);
llvm::LogicalResult logSoftmax(GradientEmitter &g, int64_t axis);
llvm::LogicalResult reduction(GradientEmitter &g, llvm::ArrayRef<int64_t> axes,
                              bool keepdims, bool mean, bool extremum);
llvm::LogicalResult matmul(GradientEmitter &g);
llvm::LogicalResult linear(GradientEmitter &g);
llvm::LogicalResult reshape(GradientEmitter &g);
llvm::LogicalResult transpose(GradientEmitter &g, llvm::ArrayRef<int64_t> perm);
llvm::LogicalResult concat(GradientEmitter &g, int64_t axis);
llvm::LogicalResult slice(GradientEmitter &g, llvm::ArrayRef<int64_t> axes,
                          llvm::ArrayRef<int64_t> starts,
                          llvm::ArrayRef<int64_t> steps);
llvm::LogicalResult pad(GradientEmitter &g, llvm::ArrayRef<int64_t> pads);
llvm::LogicalResult conv2d(GradientEmitter &g, llvm::ArrayRef<int64_t> strides,
                           llvm::ArrayRef<int64_t> pads,
                           llvm::ArrayRef<int64_t> dilations, int64_t groups);
llvm::LogicalResult conv2dTranspose(GradientEmitter &g,
                                    llvm::ArrayRef<int64_t> strides,
                                    llvm::ArrayRef<int64_t> pads,
                                    llvm::ArrayRef<int64_t> dilations,
                                    int64_t groups);
llvm::LogicalResult pool2d(GradientEmitter &g, bool max,
                           llvm::ArrayRef<int64_t> kernel,
                           llvm::ArrayRef<int64_t> strides,
                           llvm::ArrayRef<int64_t> pads, bool countIncludePad);
llvm::LogicalResult globalAvgPool2d(GradientEmitter &g);
llvm::LogicalResult batchNorm(GradientEmitter &g, double epsilon);
// IndexingGradients.cpp
llvm::LogicalResult tile(GradientEmitter &g, llvm::ArrayRef<int64_t> repeats);
llvm::LogicalResult blockRearrange(GradientEmitter &g, bool toSpace,
                                   int64_t blocksize, llvm::StringRef mode);
llvm::LogicalResult oneHot(GradientEmitter &g, int64_t depth, int64_t axis);
llvm::LogicalResult gather(GradientEmitter &g, int64_t axis);
llvm::LogicalResult gatherElements(GradientEmitter &g, int64_t axis);
llvm::LogicalResult scatterAdd(GradientEmitter &g, int64_t axis);
llvm::LogicalResult scatterAddElements(GradientEmitter &g, int64_t axis);
// ResizeGradient.cpp
llvm::LogicalResult resize(GradientEmitter &g);
} // namespace gradients

//===----------------------------------------------------------------------===//
// The default of DifferentiableOpInterface::buildOperandGradients
//===----------------------------------------------------------------------===//

template <typename OpT, typename = void>
struct HasDeclaredGradient : std::false_type {};
template <typename OpT>
struct HasDeclaredGradient<
    OpT, std::void_t<decltype(std::declval<OpT &>().buildDeclaredGradient(
             std::declval<GradientEmitter &>()))>> : std::true_type {};

/// Runs the rule that `OpT` declares with `let gradient`, or fails when it
/// declares none.
template <typename OpT>
llvm::LogicalResult
buildDeclaredGradient(OpT op, mlir::OpBuilder &builder,
                      mlir::ValueRange resultGradients,
                      llvm::SmallVectorImpl<mlir::Value> &operandGradients) {
  if constexpr (HasDeclaredGradient<OpT>::value) {
    GradientEmitter emitter(op.getOperation(), builder, resultGradients);
    if (llvm::failed(op.buildDeclaredGradient(emitter)))
      return llvm::failure();
    operandGradients.assign(emitter.gradients().begin(),
                            emitter.gradients().end());
    return llvm::success();
  } else {
    return llvm::failure();
  }
}

//===----------------------------------------------------------------------===//
// The default of DifferentiableOpInterface::expandForGradient
//===----------------------------------------------------------------------===//

template <typename OpT, typename = void>
struct HasGradientExpansion : std::false_type {};
template <typename OpT>
struct HasGradientExpansion<
    OpT, std::void_t<decltype(std::declval<OpT &>().buildGradientExpansion(
             std::declval<mlir::OpBuilder &>(),
             std::declval<llvm::SmallVectorImpl<mlir::Value> &>()))>>
    : std::true_type {};

/// Runs `OpT`'s buildGradientExpansion, or fails silently when it declares
/// none.
template <typename OpT>
llvm::LogicalResult
buildDeclaredExpansion(OpT op, mlir::OpBuilder &builder,
                       llvm::SmallVectorImpl<mlir::Value> &results) {
  if constexpr (HasGradientExpansion<OpT>::value)
    return op.buildGradientExpansion(builder, results);
  else
    return llvm::failure();
}

} // namespace kiln

#endif // KILN_DIALECT_GRADIENTEMITTER_H
