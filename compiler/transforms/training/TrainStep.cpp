//===- TrainStep.cpp - Forward, backward and update in one function -------===//
//
// train_step(params..., state..., inputs..., labels..., step)
//   -> (loss, metrics..., new trainable params..., new state..., new step)
//
// The loss alone is differentiated with respect to the trainable parameters
// by buildGradientFunction (reverse mode); the gradient function's body and
// the optimizer update are then built into train_step itself, so the
// forward pass, the backward pass and the update are one function that CSE
// and elementwise fusion work across.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/autodiff/Gradient.h"
#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/Optimizers.h"
#include "compiler/transforms/training/TrainingArtifact.h"

#include "llvm/ADT/BitVector.h"

using namespace mlir;

namespace kiln {

namespace {

/// A private copy of the loss function that returns the loss only: metrics
/// need not be differentiable.
func::FuncOp lossOnlyFunction(const TrainingSpec &spec) {
  func::FuncOp lossOnly = spec.loss.clone();
  lossOnly.setSymName("__kiln_train_loss");
  lossOnly.setPrivate();
  spec.module.push_back(lossOnly);
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

} // namespace

FailureOr<func::FuncOp> buildTrainStep(const TrainingSpec &spec) {
  OpBuilder b(spec.module.getContext());
  Location loc = spec.loss.getLoc();
  SmallVector<const TrainingParameter *> trainable = spec.trainableParams();
  size_t numParams = spec.params.size();
  SmallVector<Type> stateTypes = spec.stateTypes();

  func::FuncOp lossOnly = lossOnlyFunction(spec);
  SmallVector<unsigned> wrt;
  for (auto [i, p] : llvm::enumerate(spec.params))
    if (p.trainable)
      wrt.push_back(i);
  FailureOr<func::FuncOp> gradient =
      buildGradientFunction(lossOnly, wrt, "__kiln_train_gradient");
  if (failed(gradient)) {
    lossOnly.erase();
    return failure();
  }

  // The signature.
  FunctionType lossType = spec.loss.getFunctionType();
  TypeRange dataTypes = lossType.getInputs().drop_front(numParams);
  Type stepType = spec.stepType();
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
  outputs.append(stateTypes);
  for (const std::string &s : stateNames)
    outputNames.push_back("new_" + s);
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
  KilnMath m(b, loc);
  SmallVector<Value> gradientArgs(lossArgs);
  gradientArgs.push_back(
      m.splat(1.0, cast<RankedTensorType>(lossType.getResult(0))));
  SmallVector<Value> lossAndGradients = cloneBody(b, *gradient, gradientArgs);
  // The metrics, from a copy of the forward pass that CSE merges.
  SmallVector<Value> metrics = cloneBody(b, spec.loss, lossArgs);

  SmallVector<Value> trainableParams;
  for (auto [i, p] : llvm::enumerate(spec.params))
    if (p.trainable)
      trainableParams.push_back(params[i]);
  FailureOr<OptimizerUpdate> update = buildSectionUpdate(
      b, loc, spec, trainableParams,
      ArrayRef<Value>(lossAndGradients).drop_front(), state, stepCount);
  gradient->erase();
  lossOnly.erase();
  if (failed(update)) {
    step.erase();
    return failure();
  }
  SmallVector<Value> results = {lossAndGradients.front()};
  results.append(metrics.begin() + 1, metrics.end());
  results.append(update->params);
  results.append(update->state);
  results.push_back(update->step);
  func::ReturnOp::create(b, loc, results);
  for (auto [i, name] : llvm::enumerate(inputNames))
    nameArgument(step, i, name);
  for (auto [i, name] : llvm::enumerate(outputNames))
    nameResult(step, i, name);
  return step;
}

} // namespace kiln
