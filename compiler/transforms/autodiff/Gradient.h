//===- Gradient.h - Reverse-mode automatic differentiation ------*- C++ -*-===//
//
// Builds the vector-Jacobian product of a function of kiln ops. The rules
// come from each op's DifferentiableOpInterface; nothing here knows an op by
// name.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_AUTODIFF_GRADIENT_H
#define KILN_COMPILER_TRANSFORMS_AUTODIFF_GRADIENT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace kiln {

/// Inserts after `f` a function `name` with signature
///
///   (f's arguments..., one seed per f result)
///       -> (f's results..., one gradient per entry of `wrtArgs`)
///
/// that recomputes f and returns the vector-Jacobian product of f at its
/// arguments applied to the seeds: gradient i is
/// sum over results r of seed_r^T * d result_r / d argument wrtArgs[i].
///
/// An argument that no result depends on gets zeros. Fails, with a
/// diagnostic, when `name` is taken, when a chosen argument is not a float
/// tensor, or when an op on a path from a chosen argument to a result has no
/// gradient rule (the diagnostic names the op and points at it).
mlir::FailureOr<mlir::func::FuncOp>
buildGradientFunction(mlir::func::FuncOp f, llvm::ArrayRef<unsigned> wrtArgs,
                      llvm::StringRef name);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_AUTODIFF_GRADIENT_H
