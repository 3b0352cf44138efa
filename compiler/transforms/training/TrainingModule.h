//===- TrainingModule.h - Pieces of a training artifact ---------*- C++ -*-===//
//
// The functions of a training artifact are built from two inputs: the model
// function (inputs -> outputs, its weights kiln.parameter ops) and the loss
// function marked `kiln.train` (model inputs, labels -> loss, metrics),
// which calls the model. These helpers inline such calls and turn
// parameters, identified by name, into explicit function arguments.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGMODULE_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGMODULE_H

#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace kiln {

/// One parameter of the model: the first kiln.parameter op of that name is
/// its prototype (type, initializer, seed).
struct TrainingParameter {
  std::string name;
  /// A C identifier derived from `name` ("dense_1.weight" ->
  /// "dense_1_weight"), unique among the artifact's tensors.
  std::string symbol;
  mlir::RankedTensorType type;
  /// Op handles are used from const specs: their methods are not const.
  mutable ParameterOp prototype;
  bool trainable = true;
};

/// Replaces every func.call in `func` to a function defined in `module` by
/// a copy of the callee's body, repeatedly. Fails on recursion.
mlir::LogicalResult inlineCalls(mlir::ModuleOp module, mlir::func::FuncOp func);

/// The parameters of `funcs`, in order of first appearance; fails (with a
/// diagnostic) when one name has two different types.
mlir::FailureOr<std::vector<TrainingParameter>>
collectParameters(llvm::ArrayRef<mlir::func::FuncOp> funcs);

/// Prepends one argument per parameter of `params` to `func` (named by its
/// symbol) and replaces each kiln.parameter op by the argument of its name.
void liftParameters(mlir::func::FuncOp func,
                    llvm::ArrayRef<const TrainingParameter *> params);

/// Erases the ops of `func` whose results are unused and that have no side
/// effects.
void eraseDeadOps(mlir::func::FuncOp func);

/// Copies the body of the single-block `callee` at the builder's insertion
/// point with its arguments bound to `args`; returns the returned values.
llvm::SmallVector<mlir::Value> cloneBody(mlir::OpBuilder &builder,
                                         mlir::func::FuncOp callee,
                                         mlir::ValueRange args);

/// Sets `kiln.name` on argument or result `index` of `func`.
void nameArgument(mlir::func::FuncOp func, unsigned index,
                  llvm::StringRef name);
void nameResult(mlir::func::FuncOp func, unsigned index, llvm::StringRef name);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGMODULE_H
