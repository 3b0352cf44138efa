//===- TrainStep.cpp - Forward, backward and update in one function -------===//
//
// train_step(params..., state..., inputs..., labels..., [rng], step)
//   -> (loss, metrics..., new trainable params..., new running statistics...,
//       new state..., [new rng], new step)
//
// The loss function is first rewritten into its training form (TrainMode.h:
// inverted dropout, batch norm over the batch's statistics). Its loss alone
// is differentiated with respect to the trainable parameters by
// buildGradientFunction (reverse mode); the gradient function's body, a copy
// of the training forward pass (metrics, running statistics, next random
// state) and the optimizer update are then built into train_step itself, so
// the forward pass, the backward pass and the update are one function that
// CSE and elementwise fusion work across. `rng` is there only when the
// training form draws random numbers.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/autodiff/Gradient.h"
#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/Optimizers.h"
#include "compiler/transforms/training/TrainMode.h"
#include "compiler/transforms/training/TrainingArtifact.h"

#include "llvm/ADT/BitVector.h"

using namespace mlir;

namespace kiln {

namespace {

/// A private copy of `training` that returns the loss only: metrics need
/// not be differentiable.
func::FuncOp lossOnlyFunction(ModuleOp module, func::FuncOp training) {
  func::FuncOp lossOnly = training.clone();
  lossOnly.setSymName("__kiln_train_loss");
  lossOnly.setPrivate();
  module.push_back(lossOnly);
  auto ret = cast<func::ReturnOp>(lossOnly.getBody().front().getTerminator());
  unsigned numResults = ret.getNumOperands();
  llvm::BitVector metrics(numResults);
  metrics.set(1, numResults);
  ret->eraseOperands(1, numResults - 1);
  if (failed(lossOnly.eraseResults(metrics)))
    llvm::report_fatal_error("cannot drop the metrics of the loss function");
  eraseDeadOps(lossOnly);
  return lossOnly;
}

/// A private copy of the loss function in its training form; the running
/// statistics it updates must be non-trainable parameters.
FailureOr<std::pair<func::FuncOp, TrainModeSignature>>
trainingFunction(const TrainingSpec &spec) {
  func::FuncOp training = spec.loss.clone();
  training.setSymName("__kiln_train_forward");
  training.setPrivate();
  spec.module.push_back(training);
  FailureOr<TrainModeSignature> signature = convertToTrainMode(training);
  if (succeeded(signature) && signature->randomState != spec.randomState) {
    training.emitError("the training form and init disagree on the random "
                       "state");
    signature = failure();
  }
  if (succeeded(signature))
    for (unsigned argument : signature->updatedArguments)
      if (argument >= spec.params.size() ||
          spec.params[argument].trainable) {
        spec.loss.emitError("a batch_norm's running statistics must be "
                            "non-trainable parameters (argument ")
            << argument << ")";
        signature = failure();
        break;
      }
  if (failed(signature)) {
    training.erase();
    return failure();
  }
  return std::make_pair(training, *signature);
}

} // namespace

FailureOr<func::FuncOp> buildTrainStep(const TrainingSpec &spec) {
  OpBuilder b(spec.module.getContext());
  Location loc = spec.loss.getLoc();
  SmallVector<const TrainingParameter *> trainable = spec.trainableParams();
  size_t numParams = spec.params.size();
  SmallVector<Type> stateTypes = spec.stateTypes();

  auto trainingAndSignature = trainingFunction(spec);
  if (failed(trainingAndSignature))
    return failure();
  auto [training, trainMode] = *trainingAndSignature;
  func::FuncOp lossOnly = lossOnlyFunction(spec.module, training);
  SmallVector<unsigned> wrt;
  for (auto [i, p] : llvm::enumerate(spec.params))
    if (p.trainable)
      wrt.push_back(i);
  FailureOr<func::FuncOp> gradient =
      buildGradientFunction(lossOnly, wrt, "__kiln_train_gradient");
  if (failed(gradient)) {
    lossOnly.erase();
    training.erase();
    return failure();
  }

  // The signature.
  FunctionType lossType = spec.loss.getFunctionType();
  TypeRange dataTypes = lossType.getInputs().drop_front(numParams);
  Type stepType = spec.stepType();
  Type rngType = RankedTensorType::get({2}, b.getI64Type());
  SmallVector<Type> inputs, outputs(lossType.getResults());
  SmallVector<std::string> inputNames, outputNames;
  for (const TrainingParameter &p : spec.params) {
    inputs.push_back(p.type);
    inputNames.push_back(p.symbol);
  }
  SmallVector<std::string> stateNames = spec.stateNames();
  inputs.append(stateTypes);
  inputNames.append(stateNames.begin(), stateNames.end());
  inputs.append(dataTypes.begin(), dataTypes.end());
  for (unsigned i = numParams; i < lossType.getNumInputs(); ++i)
    inputNames.push_back(
        spec.loss.getArgAttrOfType<StringAttr>(i, "kiln.name").str());
  if (trainMode.randomState) {
    inputs.push_back(rngType);
    inputNames.push_back("rng");
  }
  inputs.push_back(stepType);
  inputNames.push_back(spec.entryName("step"));
  for (unsigned i = 0; i < lossType.getNumResults(); ++i) {
    auto name = spec.loss.getResultAttrOfType<StringAttr>(i, "kiln.name");
    outputNames.push_back(name ? name.str() : "metric" + std::to_string(i));
  }
  for (const TrainingParameter *p : trainable) {
    outputs.push_back(p->type);
    outputNames.push_back("new_" + p->symbol);
  }
  for (unsigned argument : trainMode.updatedArguments) {
    outputs.push_back(spec.params[argument].type);
    outputNames.push_back("new_" + spec.params[argument].symbol);
  }
  outputs.append(stateTypes);
  for (const std::string &s : stateNames)
    outputNames.push_back("new_" + s);
  if (trainMode.randomState) {
    outputs.push_back(rngType);
    outputNames.push_back("new_rng");
  }
  outputs.push_back(stepType);
  outputNames.push_back("new_" + spec.entryName("step"));

  b.setInsertionPointToEnd(spec.module.getBody());
  auto step = func::FuncOp::create(b, loc, spec.entryName("train_step"),
                                   b.getFunctionType(inputs, outputs));
  Block *entry = step.addEntryBlock();
  b.setInsertionPointToStart(entry);
  ValueRange args = entry->getArguments();
  ValueRange params = args.take_front(numParams);
  ValueRange state = args.slice(numParams, stateTypes.size());
  ValueRange data = args.slice(numParams + state.size(), dataTypes.size());
  Value stepCount = args.back();

  // Forward and backward: (loss, gradients...) at seed 1.
  SmallVector<Value> lossArgs(params);
  lossArgs.append(data.begin(), data.end());
  if (trainMode.randomState)
    lossArgs.push_back(args[numParams + state.size() + data.size()]);
  KilnMath m(b, loc);
  SmallVector<Value> gradientArgs(lossArgs);
  gradientArgs.push_back(
      m.splat(1.0, cast<RankedTensorType>(lossType.getResult(0))));
  SmallVector<Value> lossAndGradients = cloneBody(b, *gradient, gradientArgs);
  // The metrics, running statistics and next random state, from a copy of
  // the forward pass that CSE merges.
  SmallVector<Value> forward = cloneBody(b, training, lossArgs);
  ArrayRef<Value> metrics =
      ArrayRef<Value>(forward).slice(1, lossType.getNumResults() - 1);
  ArrayRef<Value> runningStatistics = ArrayRef<Value>(forward).slice(
      lossType.getNumResults(), trainMode.updatedArguments.size());

  SmallVector<Value> trainableParams;
  for (auto [i, p] : llvm::enumerate(spec.params))
    if (p.trainable)
      trainableParams.push_back(params[i]);
  FailureOr<OptimizerUpdate> update = buildSectionUpdate(
      b, loc, spec, trainableParams,
      ArrayRef<Value>(lossAndGradients).drop_front(), state, stepCount);
  gradient->erase();
  lossOnly.erase();
  training.erase();
  if (failed(update)) {
    step.erase();
    return failure();
  }
  SmallVector<Value> results = {lossAndGradients.front()};
  results.append(metrics.begin(), metrics.end());
  results.append(update->params);
  results.append(runningStatistics.begin(), runningStatistics.end());
  results.append(update->state);
  if (trainMode.randomState)
    results.push_back(forward.back());
  results.push_back(update->step);
  func::ReturnOp::create(b, loc, results);
  for (auto [i, name] : llvm::enumerate(inputNames))
    nameArgument(step, i, name);
  for (auto [i, name] : llvm::enumerate(outputNames))
    nameResult(step, i, name);
  return step;
}

} // namespace kiln
