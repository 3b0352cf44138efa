//===- TrainingSpec.cpp - A train section and its optimizer groups -------===//

#include "compiler/transforms/training/TrainingArtifact.h"

using namespace mlir;

namespace kiln {

SmallVector<const TrainingParameter *> TrainingSpec::allParams() const {
  SmallVector<const TrainingParameter *> all;
  for (const TrainingParameter &p : params)
    all.push_back(&p);
  return all;
}

SmallVector<const TrainingParameter *> TrainingSpec::trainableParams() const {
  SmallVector<const TrainingParameter *> trainable;
  for (const TrainingParameter &p : params)
    if (p.trainable)
      trainable.push_back(&p);
  return trainable;
}

const OptimizerConfig &TrainingSpec::optimizerOf(unsigned index) const {
  for (const OptimizerGroup &group : groups)
    if (llvm::is_contained(group.params, index))
      return group.config;
  llvm_unreachable("a trainable parameter belongs to no optimizer group");
}

SmallVector<std::string> TrainingSpec::stateNames() const {
  SmallVector<std::string> names;
  for (auto [i, p] : llvm::enumerate(trainableParams()))
    for (StringRef slot : optimizerStateNames(optimizerOf(i).kind))
      names.push_back(entryName(slot) + "_" + p->symbol);
  return names;
}

SmallVector<Type> TrainingSpec::stateTypes() const {
  SmallVector<Type> types;
  for (auto [i, p] : llvm::enumerate(trainableParams()))
    types.append(optimizerStateNames(optimizerOf(i).kind).size(), p->type);
  return types;
}

std::string TrainingSpec::entryName(StringRef base) const {
  return name.empty() ? base.str() : name + "_" + base.str();
}

Type TrainingSpec::stepType() const {
  return RankedTensorType::get(
      {}, trainableParams().front()->type.getElementType());
}

FailureOr<OptimizerUpdate> buildSectionUpdate(OpBuilder &builder, Location loc,
                                              const TrainingSpec &spec,
                                              ValueRange params,
                                              ValueRange grads,
                                              ValueRange state, Value step) {
  if (spec.groups.size() == 1)
    return buildOptimizerUpdate(builder, loc, spec.groups.front().config,
                                params, grads, state, step);
  // Clipping is over all gradients of the section (the groups agree on
  // it), so each group's optimizer runs without it.
  SmallVector<Value> clipped =
      clipGradients(builder, loc, spec.groups.front().config, grads);
  // Where each trainable parameter's state starts.
  SmallVector<unsigned> stateStart;
  unsigned offset = 0;
  for (unsigned i = 0; i < params.size(); ++i) {
    stateStart.push_back(offset);
    offset += optimizerStateNames(spec.optimizerOf(i).kind).size();
  }
  SmallVector<Value> newParams(params.size());
  SmallVector<Value> newState(state.size());
  OptimizerUpdate result;
  for (const OptimizerGroup &group : spec.groups) {
    OptimizerConfig config = group.config;
    config.clipValue.reset();
    config.clipNorm.reset();
    size_t slots = optimizerStateNames(config.kind).size();
    SmallVector<Value> groupParams, groupGrads, groupState;
    for (unsigned i : group.params) {
      groupParams.push_back(params[i]);
      groupGrads.push_back(clipped[i]);
      llvm::append_range(groupState, state.slice(stateStart[i], slots));
    }
    FailureOr<OptimizerUpdate> update = buildOptimizerUpdate(
        builder, loc, config, groupParams, groupGrads, groupState, step);
    if (failed(update))
      return failure();
    for (auto [k, i] : llvm::enumerate(group.params)) {
      newParams[i] = update->params[k];
      for (size_t s = 0; s < slots; ++s)
        newState[stateStart[i] + s] = update->state[k * slots + s];
    }
    result.step = update->step;
  }
  result.params = std::move(newParams);
  result.state = std::move(newState);
  return result;
}

} // namespace kiln
