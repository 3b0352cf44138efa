//===- OptimizerConfig.cpp - How a training step updates parameters -------===//

#include "compiler/transforms/training/OptimizerConfig.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace kiln {

std::optional<OptimizerConfig> defaultOptimizerConfig(llvm::StringRef name) {
  std::optional<OptimizerKind> kind =
      llvm::StringSwitch<std::optional<OptimizerKind>>(name)
          .Case("sgd", OptimizerKind::SGD)
          .Case("momentum", OptimizerKind::Momentum)
          .Case("nesterov", OptimizerKind::Nesterov)
          .Case("adagrad", OptimizerKind::Adagrad)
          .Case("rmsprop", OptimizerKind::RMSprop)
          .Case("adam", OptimizerKind::Adam)
          .Case("adamw", OptimizerKind::AdamW)
          .Default(std::nullopt);
  if (!kind)
    return std::nullopt;
  OptimizerConfig config;
  config.kind = *kind;
  switch (*kind) {
  case OptimizerKind::SGD:
  case OptimizerKind::Momentum:
  case OptimizerKind::Nesterov:
    config.learningRate = 0.01;
    break;
  case OptimizerKind::Adagrad:
    config.learningRate = 0.01;
    config.epsilon = 1e-10;
    break;
  case OptimizerKind::RMSprop:
    config.learningRate = 0.01;
    break;
  case OptimizerKind::Adam:
    config.learningRate = 1e-3;
    break;
  case OptimizerKind::AdamW:
    config.learningRate = 1e-3;
    config.weightDecay = 0.01;
    break;
  }
  return config;
}

ArrayRef<llvm::StringLiteral> optimizerStateNames(OptimizerKind kind) {
  static const llvm::StringLiteral momentum[] = {"momentum"};
  static const llvm::StringLiteral sum[] = {"sum"};
  static const llvm::StringLiteral squareAvg[] = {"square_avg"};
  static const llvm::StringLiteral moments[] = {"m", "v"};
  switch (kind) {
  case OptimizerKind::SGD:
    return {};
  case OptimizerKind::Momentum:
  case OptimizerKind::Nesterov:
    return momentum;
  case OptimizerKind::Adagrad:
    return sum;
  case OptimizerKind::RMSprop:
    return squareAvg;
  case OptimizerKind::Adam:
  case OptimizerKind::AdamW:
    return moments;
  }
  llvm_unreachable("unknown optimizer");
}

ArrayRef<llvm::StringLiteral> optimizerNumberKeys() {
  static const llvm::StringLiteral keys[] = {
      "learning_rate", "momentum",    "beta1",
      "beta2",         "alpha",       "epsilon",
      "weight_decay",  "gamma",       "step_size",
      "decay_steps",   "min_learning_rate", "clip_value",
      "clip_norm"};
  return keys;
}

FailureOr<OptimizerConfig> parseOptimizerConfig(DictionaryAttr attr,
                                                Location loc) {
  auto name = attr.getAs<StringAttr>("name");
  if (!name)
    return emitError(loc) << "the optimizer configuration needs a name";
  std::optional<OptimizerConfig> config =
      defaultOptimizerConfig(name.getValue());
  if (!config)
    return emitError(loc) << "unknown optimizer '" << name.getValue() << "'";
  for (NamedAttribute entry : attr) {
    StringRef key = entry.getName().getValue();
    if (key == "name")
      continue;
    if (key == "schedule") {
      auto schedule = dyn_cast<StringAttr>(entry.getValue());
      std::optional<ScheduleKind> kind =
          llvm::StringSwitch<std::optional<ScheduleKind>>(
              schedule ? schedule.getValue() : "")
              .Case("constant", ScheduleKind::Constant)
              .Case("step", ScheduleKind::Step)
              .Case("exponential", ScheduleKind::Exponential)
              .Case("cosine", ScheduleKind::Cosine)
              .Default(std::nullopt);
      if (!kind)
        return emitError(loc) << "unknown learning-rate schedule "
                              << entry.getValue();
      config->schedule = *kind;
      continue;
    }
    auto number = dyn_cast<FloatAttr>(entry.getValue());
    if (!number || !llvm::is_contained(optimizerNumberKeys(), key))
      return emitError(loc) << "unknown optimizer setting '" << key << "'";
    double value = number.getValueAsDouble();
    if (value < 0)
      return emitError(loc) << "optimizer setting '" << key
                            << "' must not be negative";
    llvm::StringSwitch<std::function<void()>>(key)
        .Case("learning_rate", [&] { config->learningRate = value; })
        .Case("momentum", [&] { config->momentum = value; })
        .Case("beta1", [&] { config->beta1 = value; })
        .Case("beta2", [&] { config->beta2 = value; })
        .Case("alpha", [&] { config->alpha = value; })
        .Case("epsilon", [&] { config->epsilon = value; })
        .Case("weight_decay", [&] { config->weightDecay = value; })
        .Case("gamma", [&] { config->gamma = value; })
        .Case("step_size", [&] { config->stepSize = value; })
        .Case("decay_steps", [&] { config->decaySteps = value; })
        .Case("min_learning_rate", [&] { config->minLearningRate = value; })
        .Case("clip_value", [&] { config->clipValue = value; })
        .Case("clip_norm", [&] { config->clipNorm = value; })
        .Default([] {})();
  }
  if (config->stepSize <= 0 || config->decaySteps <= 0)
    return emitError(loc) << "'step_size' and 'decay_steps' must be positive";
  return *config;
}

} // namespace kiln
