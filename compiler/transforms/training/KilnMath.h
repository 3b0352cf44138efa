//===- KilnMath.h - Terse construction of kiln arithmetic -------*- C++ -*-===//
//
// Losses and optimizer updates are small formulas over tensors. KilnMath
// builds them as kiln ops at one location, so the formulas read like the
// math they implement. Operands must already be known to broadcast: callers
// check user-provided shapes before building.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_KILNMATH_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_KILNMATH_H

#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/Builders.h"

namespace kiln {

class KilnMath {
public:
  KilnMath(mlir::OpBuilder &builder, mlir::Location loc)
      : b(builder), loc(loc) {}

  mlir::OpBuilder &builder() { return b; }
  mlir::Location location() const { return loc; }

  /// A rank-0 constant of `elementType` (a float type).
  mlir::Value scalar(double value, mlir::Type elementType);
  /// A constant of `type` filled with `value`.
  mlir::Value splat(double value, mlir::RankedTensorType type);

  mlir::Value add(mlir::Value a, mlir::Value b);
  mlir::Value sub(mlir::Value a, mlir::Value b);
  mlir::Value mul(mlir::Value a, mlir::Value b);
  mlir::Value div(mlir::Value a, mlir::Value b);
  mlir::Value pow(mlir::Value a, mlir::Value b);
  mlir::Value max(mlir::Value a, mlir::Value b);
  mlir::Value min(mlir::Value a, mlir::Value b);
  /// `a op c` for a number `c` of a's element type.
  mlir::Value add(mlir::Value a, double c) { return add(a, like(a, c)); }
  mlir::Value mul(mlir::Value a, double c) { return mul(a, like(a, c)); }
  mlir::Value max(mlir::Value a, double c) { return max(a, like(a, c)); }
  mlir::Value min(mlir::Value a, double c) { return min(a, like(a, c)); }
  /// `c - a`.
  mlir::Value rsub(double c, mlir::Value a) { return sub(like(a, c), a); }

  mlir::Value neg(mlir::Value a);
  mlir::Value abs(mlir::Value a);
  mlir::Value sqrt(mlir::Value a);
  mlir::Value exp(mlir::Value a);
  mlir::Value log(mlir::Value a);
  mlir::Value relu(mlir::Value a);
  mlir::Value softplus(mlir::Value a);
  mlir::Value floor(mlir::Value a);
  mlir::Value cos(mlir::Value a);
  mlir::Value logSoftmax(mlir::Value a, int64_t axis);
  mlir::Value square(mlir::Value a) { return mul(a, a); }

  /// Sum or mean over `axes` (all axes when empty), dropping them.
  mlir::Value sum(mlir::Value a, llvm::ArrayRef<int64_t> axes = {});
  mlir::Value mean(mlir::Value a, llvm::ArrayRef<int64_t> axes = {});

private:
  mlir::Value like(mlir::Value a, double c);

  mlir::OpBuilder &b;
  mlir::Location loc;
};

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_KILNMATH_H
