//===- BuildTrainStep.cpp - A model and its loss to a training artifact ---===//
//
// Reads the function marked `kiln.train` (the loss) and the model it names,
// and replaces both by the functions of TrainingArtifact.h.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/Optimizers.h"
#include "compiler/transforms/training/TrainMode.h"
#include "compiler/transforms/training/TrainingArtifact.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/ScopeExit.h"

namespace kiln {
#define GEN_PASS_DEF_BUILDTRAINSTEP
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

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

SmallVector<std::string> TrainingSpec::stateNames() const {
  SmallVector<std::string> names;
  for (const TrainingParameter *p : trainableParams())
    for (StringRef slot : optimizerStateNames(optimizer.kind))
      names.push_back((slot + "_" + p->symbol).str());
  return names;
}

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

Type stepType(const TrainingSpec &spec) {
  return RankedTensorType::get(
      {}, spec.trainableParams().front()->type.getElementType());
}

/// init() -> (params..., state..., [rng], step): the parameters'
/// initializers (materialized later like an inference model's), zero state,
/// the random state [seed, 0] (seed: the model's `kiln.seed`, else 0) and
/// step 0.
void buildInit(const TrainingSpec &spec) {
  OpBuilder b(spec.module.getContext());
  Location loc = spec.model.getLoc();
  SmallVector<Type> results;
  SmallVector<std::string> names;
  for (const TrainingParameter &p : spec.params) {
    results.push_back(p.type);
    names.push_back(p.symbol);
  }
  SmallVector<std::string> stateNames = spec.stateNames();
  size_t slots = optimizerStateNames(spec.optimizer.kind).size();
  for (const TrainingParameter *p : spec.trainableParams())
    results.append(slots, p->type);
  names.append(stateNames.begin(), stateNames.end());
  auto rngType = RankedTensorType::get({2}, b.getI64Type());
  if (spec.randomState) {
    results.push_back(rngType);
    names.push_back("rng");
  }
  results.push_back(stepType(spec));
  names.push_back("step");
  func::FuncOp init = createFunction(b, spec.module, loc, "init",
                                     b.getFunctionType({}, results));
  SmallVector<Value> values;
  for (const TrainingParameter &p : spec.params)
    values.push_back(b.clone(*p.prototype)->getResult(0));
  KilnMath m(b, loc);
  for (Type type : ArrayRef<Type>(results).drop_front(spec.params.size())) {
    if (type != rngType) {
      values.push_back(m.splat(0.0, cast<RankedTensorType>(type)));
      continue;
    }
    auto seed = spec.model->getAttrOfType<IntegerAttr>("kiln.seed");
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
  Location loc = spec.model.getLoc();
  SmallVector<const TrainingParameter *> trainable = spec.trainableParams();
  SmallVector<std::string> stateNames = spec.stateNames();
  size_t slots = optimizerStateNames(spec.optimizer.kind).size();
  SmallVector<Type> paramTypes, stateTypes;
  SmallVector<std::string> inputNames, outputNames;
  for (const TrainingParameter *p : trainable) {
    paramTypes.push_back(p->type);
    stateTypes.append(slots, p->type);
  }
  SmallVector<Type> inputs(paramTypes);
  inputs.append(paramTypes);
  inputs.append(stateTypes);
  inputs.push_back(stepType(spec));
  SmallVector<Type> outputs(paramTypes);
  outputs.append(stateTypes);
  outputs.push_back(stepType(spec));
  for (const TrainingParameter *p : trainable)
    inputNames.push_back(p->symbol);
  for (const TrainingParameter *p : trainable)
    inputNames.push_back("grad_" + p->symbol);
  inputNames.append(stateNames.begin(), stateNames.end());
  inputNames.push_back("step");
  for (const TrainingParameter *p : trainable)
    outputNames.push_back("new_" + p->symbol);
  for (const std::string &s : stateNames)
    outputNames.push_back("new_" + s);
  outputNames.push_back("new_step");

  func::FuncOp func = createFunction(b, spec.module, loc, "apply_gradients",
                                     b.getFunctionType(inputs, outputs));
  ValueRange args = func.getArguments();
  size_t n = trainable.size();
  FailureOr<OptimizerUpdate> update = buildOptimizerUpdate(
      b, loc, spec.optimizer, args.take_front(n), args.slice(n, n),
      args.slice(2 * n, n * slots), args.back());
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

/// The configuration in the loss function's `kiln.train` attribute:
/// {model = @f, optimizer = {...}, frozen = ["name", ...]}.
struct TrainAttribute {
  func::FuncOp model;
  OptimizerConfig optimizer;
  SmallVector<StringRef> frozen;
};

FailureOr<TrainAttribute> readTrainAttribute(ModuleOp module,
                                             func::FuncOp loss) {
  auto attr = loss->getAttrOfType<DictionaryAttr>("kiln.train");
  if (!attr)
    return loss.emitError("'kiln.train' must be a dictionary");
  TrainAttribute result;
  auto modelRef = attr.getAs<FlatSymbolRefAttr>("model");
  if (!modelRef)
    return loss.emitError("'kiln.train' needs 'model', a function symbol");
  result.model = module.lookupSymbol<func::FuncOp>(modelRef);
  if (!result.model || result.model.isExternal())
    return loss.emitError("'kiln.train' names no model function ")
           << modelRef;
  auto optimizer = attr.getAs<DictionaryAttr>("optimizer");
  if (!optimizer)
    return loss.emitError("'kiln.train' needs 'optimizer', a dictionary");
  FailureOr<OptimizerConfig> config =
      parseOptimizerConfig(optimizer, loss.getLoc());
  if (failed(config))
    return failure();
  result.optimizer = *config;
  if (auto frozen = attr.getAs<ArrayAttr>("frozen")) {
    for (Attribute name : frozen) {
      auto str = dyn_cast<StringAttr>(name);
      if (!str)
        return loss.emitError("'frozen' must list parameter names");
      result.frozen.push_back(str.getValue());
    }
  }
  for (NamedAttribute entry : attr)
    if (!llvm::is_contained({"model", "optimizer", "frozen"},
                            entry.getName().getValue()))
      return loss.emitError("unknown 'kiln.train' key '")
             << entry.getName().getValue() << "'";
  return result;
}

/// Checks that `loss` takes the model's inputs first and returns a scalar
/// loss first, then scalar metrics.
LogicalResult checkLossSignature(func::FuncOp loss, func::FuncOp model) {
  FunctionType lossType = loss.getFunctionType();
  FunctionType modelType = model.getFunctionType();
  if (lossType.getNumInputs() < modelType.getNumInputs() ||
      lossType.getInputs().take_front(modelType.getNumInputs()) !=
          modelType.getInputs())
    return loss.emitError("the loss function must take the inputs of @")
           << model.getSymName() << " first";
  if (lossType.getNumResults() == 0)
    return loss.emitError("the loss function returns no loss");
  for (auto [i, type] : llvm::enumerate(lossType.getResults())) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || tensor.getRank() != 0 ||
        !isa<FloatType>(tensor.getElementType()))
      return loss.emitError()
             << (i == 0 ? "the loss" : "a metric")
             << " must be a floating-point scalar (tensor<f32>), got " << type;
  }
  return success();
}

struct BuildTrainStepPass
    : kiln::impl::BuildTrainStepBase<BuildTrainStepPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> marked;
    for (auto func : module.getOps<func::FuncOp>())
      if (func->hasAttr("kiln.train"))
        marked.push_back(func);
    if (marked.empty())
      return;
    if (marked.size() > 1) {
      marked[1].emitError("only one function per module may be marked "
                          "'kiln.train'");
      return signalPassFailure();
    }
    if (failed(build(module, marked.front())))
      signalPassFailure();
  }

  LogicalResult build(ModuleOp module, func::FuncOp lossFn) {
    FailureOr<TrainAttribute> attr = readTrainAttribute(module, lossFn);
    if (failed(attr) || failed(checkLossSignature(lossFn, attr->model)) ||
        failed(inlineCalls(module, lossFn)))
      return failure();
    TrainingSpec spec;
    spec.module = module;
    spec.optimizer = attr->optimizer;
    spec.numModelInputs = attr->model.getNumArguments();
    FailureOr<std::vector<TrainingParameter>> params =
        collectParameters({attr->model, lossFn});
    if (failed(params))
      return failure();
    spec.params = std::move(*params);
    for (StringRef name : attr->frozen) {
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
               << elementType << " and "
               << p->type.getElementType()
               << ") are not supported";

    // The prototypes live in the functions being replaced: keep detached
    // copies while building.
    for (TrainingParameter &p : spec.params)
      p.prototype = cast<ParameterOp>(p.prototype->clone());
    auto eraseCopies = llvm::make_scope_exit([&] {
      for (TrainingParameter &p : spec.params)
        p.prototype->erase();
    });

    func::FuncOp eval = attr->model.clone();
    func::FuncOp evaluate = lossFn.clone();
    attr->model.erase();
    lossFn.erase();
    eval.setSymName("eval");
    evaluate.setSymName("evaluate");
    evaluate->removeAttr("kiln.train");
    for (func::FuncOp f : {eval, evaluate}) {
      f.setPublic();
      module.push_back(f);
      liftParameters(f, spec.allParams());
    }
    spec.model = eval;
    spec.loss = evaluate;
    spec.randomState = needsRandomState(evaluate);
    buildInit(spec);
    if (failed(buildApplyGradients(spec)))
      return failure();
    return buildTrainStep(spec);
  }
};

} // namespace
