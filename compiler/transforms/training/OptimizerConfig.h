//===- OptimizerConfig.h - How a training step updates parameters -*- C++ -*-===//
//
// The optimizer, its hyperparameters, the learning-rate schedule and the
// gradient clipping of a training step. The defaults are PyTorch's.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERCONFIG_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERCONFIG_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace kiln {

enum class OptimizerKind { SGD, Momentum, Nesterov, Adagrad, RMSprop, Adam, AdamW };

enum class ScheduleKind { Constant, Step, Exponential, Cosine };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::SGD;
  double learningRate = 0.01;
  /// momentum, nesterov.
  double momentum = 0.9;
  /// adam, adamw.
  double beta1 = 0.9, beta2 = 0.999;
  /// rmsprop's smoothing constant.
  double alpha = 0.99;
  /// adam, adamw, rmsprop: 1e-8; adagrad: 1e-10.
  double epsilon = 1e-8;
  /// L2 weight decay added to the gradient; for adamw, PyTorch's decoupled
  /// decay w *= 1 - lr * weight_decay (default 0.01).
  double weightDecay = 0.0;

  ScheduleKind schedule = ScheduleKind::Constant;
  /// step: lr * gamma^floor(step / step_size); exponential: lr * gamma^step.
  double gamma = 0.1;
  double stepSize = 1.0;
  /// cosine: min_lr + (lr - min_lr) (1 + cos(pi step / decay_steps)) / 2,
  /// PyTorch's CosineAnnealingLR in closed form.
  double decaySteps = 1.0;
  double minLearningRate = 0.0;

  /// Clip each gradient element to [-clipValue, clipValue].
  std::optional<double> clipValue;
  /// Scale all gradients by min(1, clipNorm / (global L2 norm + 1e-6)).
  std::optional<double> clipNorm;
};

/// The optimizer named `name` ("sgd", "momentum", "nesterov", "adagrad",
/// "rmsprop", "adam", "adamw") with its default hyperparameters.
std::optional<OptimizerConfig> defaultOptimizerConfig(llvm::StringRef name);

/// The names of the state tensors that `kind` keeps per parameter, in order
/// ("momentum"; "sum"; "square_avg"; "m", "v").
llvm::ArrayRef<llvm::StringLiteral> optimizerStateNames(OptimizerKind kind);

/// Reads the `kiln.train` form of a configuration:
///   {name = "adam", learning_rate = 1.0e-3, beta1 = ..., weight_decay = ...,
///    schedule = "exponential", gamma = 0.9, step_size = ..., decay_steps = ...,
///    min_learning_rate = ..., clip_value = ..., clip_norm = ...}
/// Unknown names and keys are reported at `loc`.
mlir::FailureOr<OptimizerConfig> parseOptimizerConfig(mlir::DictionaryAttr attr,
                                                      mlir::Location loc);

/// The keys parseOptimizerConfig accepts besides "name" and "schedule".
llvm::ArrayRef<llvm::StringLiteral> optimizerNumberKeys();

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_OPTIMIZERCONFIG_H
