//===- TrainAttribute.cpp - A loss function's `kiln.train` ---------------===//

#include "compiler/transforms/training/TrainAttribute.h"

using namespace mlir;

namespace kiln {

namespace {

FailureOr<std::vector<std::string>> readNames(ArrayAttr list, StringRef key,
                                              func::FuncOp loss) {
  std::vector<std::string> names;
  for (Attribute name : list) {
    auto str = dyn_cast<StringAttr>(name);
    if (!str)
      return loss.emitError("'") << key << "' must list parameter names";
    names.push_back(str.str());
  }
  return names;
}

/// One optimizer dictionary: its settings, and `params` when it has them.
FailureOr<TrainAttribute::Group> readGroup(Attribute attr, func::FuncOp loss) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return loss.emitError("each optimizer of 'kiln.train' must be a "
                          "dictionary");
  TrainAttribute::Group group;
  SmallVector<NamedAttribute> settings;
  for (NamedAttribute entry : dict) {
    if (entry.getName() != "params") {
      settings.push_back(entry);
      continue;
    }
    auto list = dyn_cast<ArrayAttr>(entry.getValue());
    if (!list)
      return loss.emitError("'params' must list parameter names");
    FailureOr<std::vector<std::string>> names = readNames(list, "params", loss);
    if (failed(names))
      return failure();
    group.params = std::move(*names);
  }
  FailureOr<OptimizerConfig> config = parseOptimizerConfig(
      DictionaryAttr::get(loss.getContext(), settings), loss.getLoc());
  if (failed(config))
    return failure();
  group.config = *config;
  return group;
}

bool sameClipping(const OptimizerConfig &a, const OptimizerConfig &b) {
  return a.clipValue == b.clipValue && a.clipNorm == b.clipNorm;
}

} // namespace

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
    return loss.emitError("'kiln.train' names no model function ") << modelRef;
  if (auto name = attr.get("name")) {
    auto str = dyn_cast<StringAttr>(name);
    if (!str || str.getValue().empty())
      return loss.emitError("'kiln.train' 'name' must be a non-empty string");
    result.name = str.str();
  }
  Attribute optimizer = attr.get("optimizer");
  SmallVector<Attribute> groups;
  if (auto list = dyn_cast_or_null<ArrayAttr>(optimizer))
    llvm::append_range(groups, list);
  else if (isa_and_nonnull<DictionaryAttr>(optimizer))
    groups.push_back(optimizer);
  if (groups.empty())
    return loss.emitError("'kiln.train' needs 'optimizer', a dictionary or "
                          "a list of them");
  for (Attribute group : groups) {
    FailureOr<TrainAttribute::Group> read = readGroup(group, loss);
    if (failed(read))
      return failure();
    if (!result.groups.empty() &&
        !sameClipping(result.groups.front().config, read->config))
      return loss.emitError("the optimizers of a train section must share "
                            "their gradient clipping");
    result.groups.push_back(std::move(*read));
  }
  if (llvm::count_if(result.groups, [](const TrainAttribute::Group &g) {
        return !g.params;
      }) > 1)
    return loss.emitError("only one optimizer may leave out 'params'");
  if (auto frozen = attr.get("frozen")) {
    auto list = dyn_cast<ArrayAttr>(frozen);
    if (!list)
      return loss.emitError("'frozen' must list parameter names");
    FailureOr<std::vector<std::string>> names = readNames(list, "frozen", loss);
    if (failed(names))
      return failure();
    result.frozen = std::move(*names);
  }
  for (NamedAttribute entry : attr)
    if (!llvm::is_contained({"model", "name", "optimizer", "frozen"},
                            entry.getName().getValue()))
      return loss.emitError("unknown 'kiln.train' key '")
             << entry.getName().getValue() << "'";
  return result;
}

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

} // namespace kiln
