//===- Optimizers.cpp - Parameter updates as kiln ops ---------------------===//

#include "compiler/transforms/training/Optimizers.h"

#include "compiler/transforms/training/KilnMath.h"

#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;

namespace kiln {

namespace {

/// PyTorch's clip_grad_norm_ adds this to the norm before dividing.
constexpr double kNormEpsilon = 1e-6;

/// The learning rate at `step` (a rank-0 tensor).
Value learningRate(KilnMath &m, const OptimizerConfig &config, Value step) {
  Type type = getElementTypeOrSelf(step.getType());
  Value lr = m.scalar(config.learningRate, type);
  switch (config.schedule) {
  case ScheduleKind::Constant:
    return lr;
  case ScheduleKind::Step: {
    Value periods = m.floor(m.div(step, m.scalar(config.stepSize, type)));
    return m.mul(lr, m.pow(m.scalar(config.gamma, type), periods));
  }
  case ScheduleKind::Exponential:
    return m.mul(lr, m.pow(m.scalar(config.gamma, type), step));
  case ScheduleKind::Cosine: {
    Value phase = m.mul(m.div(step, m.scalar(config.decaySteps, type)), M_PI);
    Value half = m.mul(m.add(m.cos(phase), 1.0), 0.5);
    double range = config.learningRate - config.minLearningRate;
    return m.add(m.mul(half, range), config.minLearningRate);
  }
  }
  llvm_unreachable("unknown schedule");
}

} // namespace

static SmallVector<Value>
clipGradients(KilnMath &m, const OptimizerConfig &config, ValueRange grads) {
  SmallVector<Value> clipped(grads.begin(), grads.end());
  if (config.clipValue) {
    double c = *config.clipValue;
    for (Value &g : clipped)
      g = m.min(m.max(g, -c), c);
  }
  if (config.clipNorm && !clipped.empty()) {
    Value squares;
    for (Value g : clipped) {
      Value term = m.sum(m.square(g));
      squares = squares ? m.add(squares, term) : term;
    }
    Type type = getElementTypeOrSelf(squares.getType());
    Value norm = m.add(m.sqrt(squares), kNormEpsilon);
    Value scale = m.min(m.div(m.scalar(*config.clipNorm, type), norm), 1.0);
    for (Value &g : clipped)
      g = m.mul(g, scale);
  }
  return clipped;
}

SmallVector<Value> clipGradients(OpBuilder &builder, Location loc,
                                 const OptimizerConfig &config,
                                 ValueRange grads) {
  KilnMath m(builder, loc);
  return clipGradients(m, config, grads);
}

FailureOr<OptimizerUpdate>
buildOptimizerUpdate(OpBuilder &builder, Location loc,
                     const OptimizerConfig &config, ValueRange params,
                     ValueRange grads, ValueRange state, Value step) {
  size_t slots = optimizerStateNames(config.kind).size();
  if (params.size() != grads.size() || state.size() != params.size() * slots)
    return emitError(loc) << "optimizer update: " << params.size()
                          << " parameters, " << grads.size()
                          << " gradients and " << state.size()
                          << " state tensors do not match";
  Type elementType = getElementTypeOrSelf(step.getType());
  for (Value p : params)
    if (getElementTypeOrSelf(p.getType()) != elementType)
      return emitError(loc) << "optimizer update: parameter of type "
                            << p.getType() << " differs from the step's "
                            << "element type " << elementType;

  KilnMath m(builder, loc);
  Value lr = learningRate(m, config, step);
  Value t = m.add(step, 1.0);
  SmallVector<Value> clipped = clipGradients(m, config, grads);

  // Bias corrections of adam and adamw, shared by all parameters.
  Value stepSize, sqrtCorrection2;
  if (config.kind == OptimizerKind::Adam ||
      config.kind == OptimizerKind::AdamW) {
    Value correction1 =
        m.rsub(1.0, m.pow(m.scalar(config.beta1, elementType), t));
    Value correction2 =
        m.rsub(1.0, m.pow(m.scalar(config.beta2, elementType), t));
    stepSize = m.div(lr, correction1);
    sqrtCorrection2 = m.sqrt(correction2);
  }

  OptimizerUpdate update;
  for (auto [index, w] : llvm::enumerate(params)) {
    Value g = clipped[index];
    ValueRange s = state.slice(index * slots, slots);
    if (config.weightDecay != 0 && config.kind != OptimizerKind::AdamW)
      g = m.add(g, m.mul(w, config.weightDecay));
    switch (config.kind) {
    case OptimizerKind::SGD:
      update.params.push_back(m.sub(w, m.mul(g, lr)));
      break;
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov: {
      Value b = m.add(m.mul(s[0], config.momentum), g);
      Value direction = config.kind == OptimizerKind::Nesterov
                            ? m.add(g, m.mul(b, config.momentum))
                            : b;
      update.params.push_back(m.sub(w, m.mul(direction, lr)));
      update.state.push_back(b);
      break;
    }
    case OptimizerKind::Adagrad: {
      Value sum = m.add(s[0], m.square(g));
      Value denom = m.add(m.sqrt(sum), config.epsilon);
      update.params.push_back(m.sub(w, m.mul(m.div(g, denom), lr)));
      update.state.push_back(sum);
      break;
    }
    case OptimizerKind::RMSprop: {
      Value avg = m.add(m.mul(s[0], config.alpha),
                        m.mul(m.square(g), 1.0 - config.alpha));
      Value denom = m.add(m.sqrt(avg), config.epsilon);
      update.params.push_back(m.sub(w, m.mul(m.div(g, denom), lr)));
      update.state.push_back(avg);
      break;
    }
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW: {
      if (config.kind == OptimizerKind::AdamW && config.weightDecay != 0)
        w = m.mul(w, m.rsub(1.0, m.mul(lr, config.weightDecay)));
      Value first =
          m.add(m.mul(s[0], config.beta1), m.mul(g, 1.0 - config.beta1));
      Value second = m.add(m.mul(s[1], config.beta2),
                           m.mul(m.square(g), 1.0 - config.beta2));
      Value denom =
          m.add(m.div(m.sqrt(second), sqrtCorrection2), config.epsilon);
      update.params.push_back(m.sub(w, m.mul(m.div(first, denom), stepSize)));
      update.state.push_back(first);
      update.state.push_back(second);
      break;
    }
    }
  }
  update.step = t;
  return update;
}

} // namespace kiln
