//===- MLIRGenTrain.cpp - Train sections ----------------------------------===//
//
// `train model(labels...) { ... }` becomes a loss function: it takes the
// model's inputs and the labels, calls the model, and returns the loss and
// the metrics. Its `kiln.train` attribute names the model and carries the
// optimizer and the frozen parameters for kiln-build-train-step.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/ModelAttributes.h"
#include "compiler/frontend/dsl/Suggestions.h"
#include "compiler/frontend/dsl/Types.h"
#include "compiler/transforms/training/Losses.h"
#include "compiler/transforms/training/Metrics.h"
#include "compiler/transforms/training/OptimizerConfig.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::Twine;

namespace {

constexpr llvm::StringLiteral kOptimizers[] = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};
constexpr llvm::StringLiteral kSchedules[] = {"constant", "step", "exponential",
                                              "cosine"};

/// The settings that each schedule takes.
ArrayRef<llvm::StringLiteral> scheduleSettings(StringRef schedule) {
  static const llvm::StringLiteral step[] = {"step_size", "gamma"};
  static const llvm::StringLiteral exponential[] = {"gamma"};
  static const llvm::StringLiteral cosine[] = {"decay_steps",
                                               "min_learning_rate"};
  if (schedule == "step")
    return step;
  if (schedule == "exponential")
    return exponential;
  if (schedule == "cosine")
    return cosine;
  return {};
}
/// The settings of a train section besides `loss`.
constexpr llvm::StringLiteral kSettings[] = {
    "optimizer", "schedule", "clip_norm", "clip_value", "frozen", "metrics"};

constexpr ArgSpec kPairArgs[] = {{"prediction", true}, {"labels", true}};
constexpr ArgSpec kPairLogitArgs[] = {
    {"prediction", true}, {"labels", true}, {"from_logits"}};
constexpr ArgSpec kKLArgs[] = {{"mu", true}, {"log_var", true}};
constexpr ArgSpec kPenaltyArgs[] = {{"params", true}};

} // namespace

ArrayRef<Builtin> ModelGenerator::lossBuiltins() {
  using G = ModelGenerator;
  using K = kiln::LossKind;
  static const Builtin losses[] = {
      {"mse", "Loss", kPairArgs, &G::lossOf<K::MeanSquaredError>},
      {"l1", "Loss", kPairArgs, &G::lossOf<K::MeanAbsoluteError>},
      {"binary_crossentropy", "Loss", kPairLogitArgs,
       &G::lossOf<K::BinaryCrossEntropy>},
      {"categorical_crossentropy", "Loss", kPairLogitArgs,
       &G::lossOf<K::CategoricalCrossEntropy>},
      {"sparse_categorical_crossentropy", "Loss", kPairLogitArgs,
       &G::lossOf<K::SparseCategoricalCrossEntropy>},
      {"hinge", "Loss", kPairArgs, &G::lossOf<K::Hinge>},
      {"kl_normal", "Loss", kKLArgs, &G::lossKLNormal},
      {"l1_penalty", "Loss", kPenaltyArgs, &G::lossPenalty<false>},
      {"l2_penalty", "Loss", kPenaltyArgs, &G::lossPenalty<true>},
      {"accuracy", "Metric", kPairLogitArgs, &G::metricAccuracy},
  };
  return losses;
}

template <kiln::LossKind kind>
FailureOr<DslValue> ModelGenerator::lossOf(const BuiltinCall &call) {
  FailureOr<Value> prediction = call.args.tensor("prediction");
  FailureOr<Value> labels = call.args.tensor("labels");
  FailureOr<bool> fromLogits = call.args.boolean("from_logits", false);
  if (failed(prediction) || failed(labels) || failed(fromLogits))
    return failure();
  FailureOr<Value> loss =
      kiln::buildLoss(builder, loc(call.args.callLoc()), kind, *prediction,
                      *labels, *fromLogits);
  return tensorResult(loss, call.args.callLoc());
}

FailureOr<DslValue> ModelGenerator::metricAccuracy(const BuiltinCall &call) {
  FailureOr<Value> prediction = call.args.tensor("prediction");
  FailureOr<Value> labels = call.args.tensor("labels");
  FailureOr<bool> fromLogits = call.args.boolean("from_logits", false);
  if (failed(prediction) || failed(labels) || failed(fromLogits))
    return failure();
  return tensorResult(kiln::buildAccuracy(builder, loc(call.args.callLoc()),
                                          *prediction, *labels, *fromLogits),
                      call.args.callLoc());
}

FailureOr<DslValue> ModelGenerator::lossKLNormal(const BuiltinCall &call) {
  FailureOr<Value> mu = call.args.tensor("mu");
  FailureOr<Value> logVar = call.args.tensor("log_var");
  if (failed(mu) || failed(logVar))
    return failure();
  return tensorResult(
      kiln::buildKLNormal(builder, loc(call.args.callLoc()), *mu, *logVar),
      call.args.callLoc());
}

template <bool squared>
FailureOr<DslValue> ModelGenerator::lossPenalty(const BuiltinCall &call) {
  const DslValue &arg = *call.args.find("params");
  std::vector<DslValue> names = arg.kind == DslValue::Kind::List
                                    ? arg.elements
                                    : std::vector<DslValue>{arg};
  SmallVector<Value> tensors;
  for (const DslValue &name : names) {
    if (name.kind != DslValue::Kind::String) {
      emitError(name.loc,
                "expected a parameter name (a string), got " + name.describe());
      return failure();
    }
    FailureOr<kiln::ParameterOp> param =
        trainedParameter(name.string, name.loc);
    if (failed(param))
      return failure();
    tensors.push_back(builder.clone(**param)->getResult(0));
  }
  return tensorResult(
      kiln::buildPenalty(builder, loc(call.args.callLoc()), tensors, squared),
      call.args.callLoc());
}

FailureOr<kiln::ParameterOp> ModelGenerator::trainedParameter(StringRef name,
                                                              SMLoc at) {
  kiln::ParameterOp found;
  SmallVector<StringRef> known;
  trainedModel.walk([&](kiln::ParameterOp op) {
    known.push_back(op.getName());
    if (op.getName() == name && !found)
      found = op;
  });
  if (found)
    return found;
  emitError(at, "model '" + trainedModel.getSymName() + "' has no parameter '" +
                    name + "'" + didYouMean(name, known));
  return failure();
}

LogicalResult ModelGenerator::readOptimizer(const Expr &expr,
                                            TrainSettings &settings,
                                            std::optional<DslValue> &params) {
  const auto *call = dyn_cast<CallExpr>(&expr);
  if (!call) {
    emitError(expr.getLoc(), "expected an optimizer such as adam(...)");
    return failure();
  }
  StringRef name = call->getCallee();
  if (!llvm::is_contained(kOptimizers, name)) {
    SmallVector<StringRef> known(std::begin(kOptimizers),
                                 std::end(kOptimizers));
    emitError(call->getLoc(),
              "unknown optimizer '" + name + "'" + didYouMean(name, known));
    return failure();
  }
  settings.push_back(builder.getNamedAttr("name", builder.getStringAttr(name)));
  if (call->getPositional().size() > 1) {
    emitError(call->getPositional()[1]->getLoc(),
              "an optimizer takes the learning rate as its only positional "
              "argument");
    return failure();
  }
  if (!call->getPositional().empty())
    if (failed(readSetting("learning_rate", *call->getPositional().front(),
                           settings)))
      return failure();
  for (const KeywordArg &keyword : call->getKeywords()) {
    if (keyword.name == "params") {
      FailureOr<DslValue> value = evaluateSingle(*keyword.value);
      if (failed(value))
        return failure();
      params = *value;
      continue;
    }
    StringRef key = keyword.name == "lr" ? "learning_rate" : keyword.name;
    if (!llvm::is_contained(kiln::optimizerNumberKeys(), key) ||
        key == "clip_norm" || key == "clip_value" || key == "gamma") {
      emitError(keyword.loc,
                "unknown setting '" + keyword.name + "' of " + name + "()");
      return failure();
    }
    if (failed(readSetting(key, *keyword.value, settings)))
      return failure();
  }
  return success();
}

LogicalResult ModelGenerator::readSetting(StringRef key, const Expr &expr,
                                          TrainSettings &settings) {
  FailureOr<DslValue> value = evaluateSingle(expr);
  if (failed(value))
    return failure();
  if (!value->isNumber() || value->number < 0) {
    emitError(expr.getLoc(), "'" + key +
                                 "' must be a non-negative number, got " +
                                 value->describe());
    return failure();
  }
  for (NamedAttribute &existing : settings) {
    if (existing.getName() == key) {
      emitError(expr.getLoc(), "'" + key + "' is set twice");
      return failure();
    }
  }
  settings.push_back(
      builder.getNamedAttr(key, builder.getF64FloatAttr(value->number)));
  return success();
}

LogicalResult ModelGenerator::readSchedule(const Expr &expr,
                                           TrainSettings &settings) {
  const auto *call = dyn_cast<CallExpr>(&expr);
  if (!call || !llvm::is_contained(kSchedules, call->getCallee())) {
    SmallVector<StringRef> known(std::begin(kSchedules), std::end(kSchedules));
    emitError(expr.getLoc(), "expected a learning-rate schedule: " +
                                 llvm::join(known, "(), ") + "()");
    return failure();
  }
  settings.push_back(builder.getNamedAttr(
      "schedule", builder.getStringAttr(call->getCallee())));
  if (!call->getPositional().empty()) {
    emitError(call->getPositional().front()->getLoc(),
              "a schedule takes keyword arguments only");
    return failure();
  }
  for (const KeywordArg &keyword : call->getKeywords()) {
    if (!llvm::is_contained(scheduleSettings(call->getCallee()),
                            keyword.name)) {
      emitError(keyword.loc, "unknown setting '" + keyword.name + "' of " +
                                 call->getCallee() + "()");
      return failure();
    }
    if (failed(readSetting(keyword.name, *keyword.value, settings)))
      return failure();
  }
  return success();
}

LogicalResult ModelGenerator::readMetrics(
    const Expr &expr, SmallVectorImpl<std::pair<std::string, Value>> &metrics) {
  const auto *list = dyn_cast<ListExpr>(&expr);
  if (!list) {
    emitError(expr.getLoc(), "expected a list of metrics, such as "
                             "[accuracy(y, labels)]");
    return failure();
  }
  llvm::StringSet<> names = {"loss"};
  for (const ExprPtr &element : list->getElements()) {
    FailureOr<DslValue> value = evaluateSingle(*element);
    if (failed(value))
      return failure();
    auto type = value->isTensor()
                    ? dyn_cast<RankedTensorType>(value->tensor.getType())
                    : RankedTensorType();
    if (!type || type.getRank() != 0 ||
        !isa<FloatType>(type.getElementType())) {
      emitError(element->getLoc(),
                "a metric must be a floating-point scalar (f32[]), got " +
                    value->describe());
      return failure();
    }
    // A metric is named after the function computing it: accuracy,
    // accuracy_1, ...
    const auto *call = dyn_cast<CallExpr>(element.get());
    std::string base = call ? call->getCallee() : "metric";
    std::string name = base;
    for (unsigned i = 1; !names.insert(name).second; ++i)
      name = base + "_" + std::to_string(i);
    metrics.push_back({name, value->tensor});
  }
  return success();
}

LogicalResult ModelGenerator::generateTrain(ModuleOp module,
                                            const TrainDecl &train) {
  FailureOr<TrainedSignature> model = findTrainedModel(module, train);
  if (failed(model))
    return failure();
  trainedModel = model->func;
  llvm::scope_exit clearModel([&] { trainedModel = nullptr; });
  nhwc = model->nhwc;

  SmallVector<Type> inputTypes(trainedModel.getArgumentTypes());
  for (const TensorDecl &label : train.labels) {
    for (const auto *names : {&model->inputs, &model->outputs})
      for (const auto &name : *names)
        if (name.first == label.name)
          return emitError(
              label.loc, "label '" + label.name + "' has the name of a model " +
                             (names == &model->inputs ? "input" : "output"));
    inputTypes.push_back(getTensorType(context, label.type));
  }

  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  std::string functionName =
      (train.name.empty() ? train.model : train.name) + "_train";
  for (unsigned i = 1; module.lookupSymbol(functionName); ++i)
    functionName = (train.name.empty() ? train.model : train.name) + "_train_" +
                   std::to_string(i);
  auto function = func::FuncOp::create(builder, loc(train.loc), functionName,
                                       builder.getFunctionType(inputTypes, {}));
  Block *entry = function.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  Frame trainFrame;
  frames.push_back(&trainFrame);
  llvm::scope_exit popFrame([&] { frames.pop_back(); });
  size_t numInputs = model->inputs.size();
  for (auto [i, input] : llvm::enumerate(model->inputs)) {
    function.setArgAttr(i, kNameAttr, builder.getStringAttr(input.first));
    trainFrame.names[input.first] = DslValue::ofTensor(
        toKilnLayout(entry->getArgument(i), input.second), input.second);
  }
  for (auto [i, label] : llvm::enumerate(train.labels)) {
    function.setArgAttr(numInputs + i, kNameAttr,
                        builder.getStringAttr(label.name));
    trainFrame.names[label.name] = DslValue::ofTensor(
        toKilnLayout(entry->getArgument(numInputs + i), label.loc), label.loc);
  }
  auto call = func::CallOp::create(builder, loc(train.loc), trainedModel,
                                   entry->getArguments().take_front(numInputs));
  for (auto [output, result] : llvm::zip(model->outputs, call.getResults()))
    trainFrame.names[output.first] =
        DslValue::ofTensor(toKilnLayout(result, output.second), output.second);

  SmallVector<OptimizerGroup> groups;
  TrainSettings shared;
  ParameterNames frozen;
  std::optional<DslValue> loss;
  SmallVector<std::pair<std::string, Value>> metrics;
  llvm::StringMap<SMLoc> seen;
  for (const StmtPtr &stmt : train.body) {
    const auto &assign = cast<AssignStmt>(*stmt);
    const Target &target = assign.getTargets().front();
    bool special =
        target.name == "loss" || llvm::is_contained(kSettings, target.name);
    if (special && assign.getTargets().size() > 1)
      return emitError(target.loc,
                       "'" + target.name + "' must be assigned on its own");
    if (special && !seen.try_emplace(target.name, target.loc).second)
      return emitError(target.loc, "'" + target.name + "' is set twice");
    const Expr &value = assign.getValue();
    if (target.name == "optimizer") {
      if (failed(readOptimizers(value, groups)))
        return failure();
    } else if (target.name == "schedule") {
      if (failed(readSchedule(value, shared)))
        return failure();
    } else if (target.name == "clip_norm" || target.name == "clip_value") {
      if (failed(readSetting(target.name, value, shared)))
        return failure();
    } else if (target.name == "frozen") {
      FailureOr<DslValue> names = evaluateSingle(value);
      if (failed(names) || failed(resolveParameterPatterns(*names, frozen)))
        return failure();
    } else if (target.name == "metrics") {
      if (failed(readMetrics(value, metrics)))
        return failure();
    } else if (target.name == "loss") {
      FailureOr<DslValue> value = evaluateSingle(assign.getValue());
      if (failed(value))
        return failure();
      if (!value->isTensor())
        return emitError(value->loc,
                         "the loss must be a tensor, got " + value->describe());
      auto type = cast<RankedTensorType>(value->tensor.getType());
      if (type.getRank() != 0 || !isa<FloatType>(type.getElementType()))
        return emitError(assign.getValue().getLoc(),
                         "the loss must be a floating-point scalar (f32[]), "
                         "got " +
                             formatType(type));
      loss = value;
    } else if (failed(generateAssign(assign))) {
      return failure();
    }
  }
  if (!loss)
    return emitError(train.loc, "the train section of '" + train.model +
                                    "' assigns no 'loss'");
  if (!seen.count("optimizer"))
    return emitError(train.loc, "the train section of '" + train.model +
                                    "' chooses no 'optimizer'");

  SmallVector<Value> results = {loss->tensor};
  for (auto &metric : metrics)
    results.push_back(metric.second);
  func::ReturnOp::create(builder, loc(train.loc), results);
  function.setType(
      builder.getFunctionType(inputTypes, ValueRange(results).getTypes()));
  function.setResultAttr(0, kNameAttr, builder.getStringAttr("loss"));
  for (auto [i, metric] : llvm::enumerate(metrics))
    function.setResultAttr(i + 1, kNameAttr,
                           builder.getStringAttr(metric.first));
  FailureOr<Attribute> optimizer = optimizerAttribute(groups, shared, frozen);
  if (failed(optimizer))
    return failure();
  SmallVector<NamedAttribute> config = {
      builder.getNamedAttr(
          "model", FlatSymbolRefAttr::get(trainedModel.getSymNameAttr())),
      builder.getNamedAttr("optimizer", *optimizer)};
  if (!train.name.empty())
    config.push_back(
        builder.getNamedAttr("name", builder.getStringAttr(train.name)));
  if (!frozen.empty()) {
    SmallVector<Attribute> names;
    for (const auto &entry : frozen)
      names.push_back(builder.getStringAttr(entry.first));
    config.push_back(
        builder.getNamedAttr("frozen", builder.getArrayAttr(names)));
  }
  function->setAttr("kiln.train", builder.getDictionaryAttr(config));
  return success();
}
