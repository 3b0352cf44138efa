//===- TrainingArtifact.h - Functions of a training artifact -*- C++ -*-===//
//
// kiln-build-train-step turns a model and its loss function into these
// public functions (their arguments and results named by `kiln.name`):
//
//   init() -> (params..., state..., [rng], step)
//   train_step(params..., state..., inputs..., labels..., [rng], step)
//       -> (loss, metrics..., new trainable params...,
//           new running statistics..., new state..., [new rng], new step)
//   eval(params..., inputs...) -> (outputs...)
//   evaluate(params..., inputs..., labels...) -> (loss, metrics...)
//   apply_gradients(trainable params..., grads..., state..., step)
//       -> (new trainable params..., new state..., new step)
//
// `params` are all parameters of the model, frozen ones included; `state`
// is the optimizer's, parameter-major; `step` counts the steps taken. With
// several train sections, `init` serves all of them, each section NAME has
// NAME_train_step, NAME_evaluate and NAME_apply_gradients, and each trained
// model its <model>_eval (docs/training.md).
// train_step runs the training form of the loss (TrainMode.h): the running
// statistics are the batch_norm statistics it updates (non-trainable
// parameters, in the order of their batch_norm ops), and `rng`, the state
// [seed, counter] of the random numbers it draws, is there only when it
// draws any; init's is [the model's seed, 0].
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGARTIFACT_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGARTIFACT_H

#include "compiler/transforms/training/OptimizerConfig.h"
#include "compiler/transforms/training/Optimizers.h"
#include "compiler/transforms/training/TrainingModule.h"

namespace kiln {

/// One optimizer of a train section and the trainable parameters it
/// updates (indices into TrainingSpec::trainableParams()).
struct OptimizerGroup {
  OptimizerConfig config;
  llvm::SmallVector<unsigned> params;
};

/// One train section: a loss over a model, optimized by its groups.
struct TrainingSpec {
  mutable mlir::ModuleOp module;
  /// The inference model: inputs -> outputs.
  mutable mlir::func::FuncOp model;
  /// The loss: model inputs..., labels... -> loss, metrics...; parameters
  /// lifted to leading arguments (one per entry of `params`).
  mutable mlir::func::FuncOp loss;
  unsigned numModelInputs = 0;
  /// The section's name; empty for the single unnamed section.
  std::string name;
  std::vector<TrainingParameter> params;
  /// Disjoint; together they cover the trainable parameters.
  std::vector<OptimizerGroup> groups;
  /// Whether train_step draws random numbers (takes and returns `rng`).
  bool randomState = false;

  llvm::SmallVector<const TrainingParameter *> allParams() const;
  llvm::SmallVector<const TrainingParameter *> trainableParams() const;
  /// The optimizer of trainable parameter `index`.
  const OptimizerConfig &optimizerOf(unsigned index) const;
  /// The names and types of the optimizer state tensors, parameter-major.
  llvm::SmallVector<std::string> stateNames() const;
  llvm::SmallVector<mlir::Type> stateTypes() const;
  /// `base` prefixed by the section's name: "train_step" or
  /// "generator_train_step".
  std::string entryName(llvm::StringRef base) const;
  /// The rank-0 step counter's type (the trainable parameters' element
  /// type).
  mlir::Type stepType() const;
};

/// The optimizer update of all trainable parameters of `spec`: gradients
/// clipped together, then each group's optimizer. `state` is laid out as
/// stateNames() says.
mlir::FailureOr<OptimizerUpdate>
buildSectionUpdate(mlir::OpBuilder &builder, mlir::Location loc,
                   const TrainingSpec &spec, mlir::ValueRange params,
                   mlir::ValueRange grads, mlir::ValueRange state,
                   mlir::Value step);

/// train_step: the gradient of the loss with respect to the trainable
/// parameters, then the optimizer update, in one function.
mlir::FailureOr<mlir::func::FuncOp> buildTrainStep(const TrainingSpec &spec);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_TRAININGARTIFACT_H
