//===- BuildTrainStep.cpp - Train sections to a training artifact --------===//
//
// Reads the functions marked `kiln.train` (the losses of the train
// sections) and the models they name, and replaces them by the functions of
// TrainingArtifact.h: one init for all sections, one eval per trained
// model, and per section its train_step, evaluate and apply_gradients.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/TrainAttribute.h"
#include "compiler/transforms/training/TrainMode.h"
#include "compiler/transforms/training/TrainingArtifact.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

namespace kiln {
#define GEN_PASS_DEF_BUILDTRAINSTEP
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// A public function `name` of `type` with an entry block, appended to
/// `module`; the builder is left at the start of the block.
func::FuncOp createFunction(OpBuilder &b, ModuleOp module, Location loc,
                            StringRef name, FunctionType type) {
  b.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(b, loc, name, type);
  b.setInsertionPointToStart(func.addEntryBlock());
  return func;
}

/// init() -> (params..., state..., [rng], step) for all sections: every
/// parameter from its initializer (materialized later like an inference
/// model's), then each section's zero optimizer state, the random state
/// [seed, 0] when a section draws random numbers (seed: the first such
/// section's model's `kiln.seed`, else 0), then each section's step 0.
void buildInit(ModuleOp module, ArrayRef<TrainingParameter> params,
               ArrayRef<TrainingSpec> sections) {
  OpBuilder b(module.getContext());
  Location loc = sections.front().model.getLoc();
  SmallVector<Type> results;
  SmallVector<std::string> names;
  for (const TrainingParameter &p : params) {
    results.push_back(p.type);
    names.push_back(p.symbol);
  }
  for (const TrainingSpec &spec : sections) {
    llvm::append_range(results, spec.stateTypes());
    llvm::append_range(names, spec.stateNames());
  }
  auto rngType = RankedTensorType::get({2}, b.getI64Type());
  const TrainingSpec *random = llvm::find_if(
      sections, [](const TrainingSpec &spec) { return spec.randomState; });
  if (random != sections.end()) {
    results.push_back(rngType);
    names.push_back("rng");
  }
  for (const TrainingSpec &spec : sections) {
    results.push_back(spec.stepType());
    names.push_back(spec.entryName("step"));
  }
  func::FuncOp init =
      createFunction(b, module, loc, "init", b.getFunctionType({}, results));
  SmallVector<Value> values;
  for (const TrainingParameter &p : params)
    values.push_back(b.clone(*p.prototype)->getResult(0));
  KilnMath m(b, loc);
  for (Type type : ArrayRef<Type>(results).drop_front(params.size())) {
    if (type != rngType) {
      values.push_back(m.splat(0.0, cast<RankedTensorType>(type)));
      continue;
    }
    auto seed = random->model->getAttrOfType<IntegerAttr>("kiln.seed");
    int64_t start[] = {seed ? seed.getInt() : 0, 0};
    values.push_back(ConstantOp::create(
        b, loc, DenseIntElementsAttr::get(rngType, ArrayRef<int64_t>(start))));
  }
  func::ReturnOp::create(b, loc, values);
  for (auto [i, name] : llvm::enumerate(names))
    nameResult(init, i, name);
}

/// apply_gradients(trainable params..., grads..., state..., step)
///   -> (new trainable params..., new state..., new step).
LogicalResult buildApplyGradients(const TrainingSpec &spec) {
  OpBuilder b(spec.module.getContext());
  Location loc = spec.loss.getLoc();
  SmallVector<const TrainingParameter *> trainable = spec.trainableParams();
  SmallVector<std::string> stateNames = spec.stateNames();
  SmallVector<Type> paramTypes, stateTypes = spec.stateTypes();
  SmallVector<std::string> inputNames, outputNames;
  for (const TrainingParameter *p : trainable)
    paramTypes.push_back(p->type);
  SmallVector<Type> inputs(paramTypes);
  inputs.append(paramTypes);
  inputs.append(stateTypes);
  inputs.push_back(spec.stepType());
  SmallVector<Type> outputs(paramTypes);
  outputs.append(stateTypes);
  outputs.push_back(spec.stepType());
  for (const TrainingParameter *p : trainable)
    inputNames.push_back(p->symbol);
  for (const TrainingParameter *p : trainable)
    inputNames.push_back("grad_" + p->symbol);
  inputNames.append(stateNames.begin(), stateNames.end());
  inputNames.push_back(spec.entryName("step"));
  for (const TrainingParameter *p : trainable)
    outputNames.push_back("new_" + p->symbol);
  for (const std::string &s : stateNames)
    outputNames.push_back("new_" + s);
  outputNames.push_back("new_" + spec.entryName("step"));

  func::FuncOp func =
      createFunction(b, spec.module, loc, spec.entryName("apply_gradients"),
                     b.getFunctionType(inputs, outputs));
  ValueRange args = func.getArguments();
  size_t n = trainable.size();
  FailureOr<OptimizerUpdate> update =
      buildSectionUpdate(b, loc, spec, args.take_front(n), args.slice(n, n),
                         args.slice(2 * n, stateTypes.size()), args.back());
  if (failed(update))
    return failure();
  SmallVector<Value> results(update->params);
  results.append(update->state);
  results.push_back(update->step);
  func::ReturnOp::create(b, loc, results);
  for (auto [i, name] : llvm::enumerate(inputNames))
    nameArgument(func, i, name);
  for (auto [i, name] : llvm::enumerate(outputNames))
    nameResult(func, i, name);
  return success();
}

/// The names of the parameters that `func` uses.
llvm::StringSet<> parameterNames(func::FuncOp func) {
  llvm::StringSet<> names;
  func.walk([&](ParameterOp op) { names.insert(op.getName()); });
  return names;
}

/// The entries of `all` whose names `func` uses, in the order of `all`.
std::vector<TrainingParameter> parametersOf(ArrayRef<TrainingParameter> all,
                                            func::FuncOp func) {
  llvm::StringSet<> used = parameterNames(func);
  std::vector<TrainingParameter> params;
  for (const TrainingParameter &p : all)
    if (used.contains(p.name))
      params.push_back(p);
  return params;
}

/// Marks the section's trainable parameters (the trained model's, neither
/// frozen nor state) and assigns them to the optimizer groups.
LogicalResult assignParameters(TrainingSpec &spec, TrainAttribute &attr,
                               func::FuncOp lossFn) {
  llvm::StringSet<> ofModel = parameterNames(attr.model);
  for (TrainingParameter &p : spec.params)
    p.trainable = p.trainable && ofModel.contains(p.name);
  for (const std::string &name : attr.frozen) {
    auto it = llvm::find_if(spec.params, [&](const TrainingParameter &p) {
      return p.name == name;
    });
    if (it == spec.params.end())
      return lossFn.emitError("cannot freeze '")
             << name << "': the model has no parameter of that name";
    it->trainable = false;
  }
  SmallVector<const TrainingParameter *> trainable = spec.trainableParams();
  if (trainable.empty())
    return lossFn.emitError("the model has no trainable parameter");
  Type elementType = trainable.front()->type.getElementType();
  for (const TrainingParameter *p : trainable)
    if (p->type.getElementType() != elementType)
      return lossFn.emitError("trainable parameters of different element "
                              "types (")
             << elementType << " and " << p->type.getElementType()
             << ") are not supported";

  llvm::StringMap<unsigned> indexOf;
  for (auto [i, p] : llvm::enumerate(trainable))
    indexOf[p->name] = i;
  SmallVector<bool> assigned(trainable.size(), false);
  std::optional<size_t> rest;
  for (const TrainAttribute::Group &group : attr.groups) {
    OptimizerGroup &g = spec.groups.emplace_back();
    g.config = group.config;
    if (!group.params) {
      rest = spec.groups.size() - 1;
      continue;
    }
    for (const std::string &name : *group.params) {
      auto it = indexOf.find(name);
      if (it == indexOf.end())
        return lossFn.emitError("optimizer 'params' names '")
               << name << "', which this section does not train";
      if (assigned[it->second])
        return lossFn.emitError("parameter '")
               << name << "' is in the 'params' of two optimizers";
      assigned[it->second] = true;
      g.params.push_back(it->second);
    }
  }
  for (auto [i, p] : llvm::enumerate(trainable)) {
    if (assigned[i])
      continue;
    if (!rest)
      return lossFn.emitError("parameter '")
             << p->name << "' is in no optimizer's 'params' and not frozen";
    spec.groups[*rest].params.push_back(i);
  }
  return success();
}

struct BuildTrainStepPass : kiln::impl::BuildTrainStepBase<BuildTrainStepPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> marked;
    for (auto func : module.getOps<func::FuncOp>())
      if (func->hasAttr("kiln.train"))
        marked.push_back(func);
    if (!marked.empty() && failed(build(module, marked)))
      signalPassFailure();
  }

  LogicalResult build(ModuleOp module, ArrayRef<func::FuncOp> losses) {
    SmallVector<TrainAttribute> attrs;
    llvm::StringSet<> sectionNames;
    llvm::SetVector<func::FuncOp> models;
    for (func::FuncOp lossFn : losses) {
      FailureOr<TrainAttribute> attr = readTrainAttribute(module, lossFn);
      if (failed(attr) || failed(checkLossSignature(lossFn, attr->model)))
        return failure();
      if (!sectionNames.insert(attr->name).second)
        return lossFn.emitError(attr->name.empty()
                                    ? "several train sections need names"
                                    : "two train sections are named '" +
                                          attr->name + "'");
      models.insert(attr->model);
      attrs.push_back(std::move(*attr));
    }
    SmallVector<func::FuncOp> funcs(models.begin(), models.end());
    for (func::FuncOp lossFn : losses)
      funcs.push_back(lossFn);
    for (func::FuncOp func : funcs)
      if (failed(inlineCalls(module, func)))
        return failure();

    FailureOr<std::vector<TrainingParameter>> params = collectParameters(funcs);
    if (failed(params))
      return failure();
    // The prototypes live in the functions being replaced: keep detached
    // copies while building.
    for (TrainingParameter &p : *params)
      p.prototype = cast<ParameterOp>(p.prototype->clone());
    llvm::scope_exit eraseCopies([&] {
      for (TrainingParameter &p : *params)
        p.prototype->erase();
    });

    // One eval per trained model: `eval`, or `<model>_eval` when several
    // models are trained.
    llvm::DenseMap<func::FuncOp, func::FuncOp> evals;
    for (func::FuncOp model : models) {
      func::FuncOp eval = model.clone();
      eval.setSymName(models.size() == 1
                          ? std::string("eval")
                          : (model.getSymName() + "_eval").str());
      eval.setPublic();
      module.push_back(eval);
      std::vector<TrainingParameter> own = parametersOf(*params, model);
      SmallVector<const TrainingParameter *> lifted;
      for (const TrainingParameter &p : own)
        lifted.push_back(&p);
      liftParameters(eval, lifted);
      evals[model] = eval;
    }

    std::vector<TrainingSpec> sections(losses.size());
    for (auto [i, spec] : llvm::enumerate(sections)) {
      func::FuncOp lossFn = losses[i];
      TrainAttribute &attr = attrs[i];
      spec.module = module;
      spec.name = attr.name;
      spec.numModelInputs = attr.model.getNumArguments();
      spec.params = parametersOf(*params, lossFn);
      if (failed(assignParameters(spec, attr, lossFn)))
        return failure();
      func::FuncOp evaluate = lossFn.clone();
      evaluate.setSymName(spec.entryName("evaluate"));
      evaluate->removeAttr("kiln.train");
      evaluate.setPublic();
      module.push_back(evaluate);
      liftParameters(evaluate, spec.allParams());
      spec.model = evals[attr.model];
      spec.loss = evaluate;
      spec.randomState = needsRandomState(evaluate);
    }
    for (func::FuncOp model : models)
      model.erase();
    for (func::FuncOp lossFn : losses)
      lossFn.erase();

    buildInit(module, *params, sections);
    for (const TrainingSpec &spec : sections)
      if (failed(buildApplyGradients(spec)) || failed(buildTrainStep(spec)))
        return failure();
    return success();
  }
};

} // namespace
