//===- MLIRGenTrainModels.cpp - The models that train sections use -------===//
//
// A train section trains one model: one of the file's models, or a function
// already in the module (an imported ONNX graph, whose inputs and outputs
// are named by `kiln.name`). In its body, the models of the module can be
// called like functions, which is how a GAN's generator step sees the
// discriminator. A file may hold several train sections, told apart by
// their names (`train gan(...) as generator_step`).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/ModelAttributes.h"
#include "compiler/frontend/dsl/Suggestions.h"
#include "compiler/frontend/dsl/Types.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;

LogicalResult ModelGenerator::generateTrainSections(ModuleOp module) {
  llvm::StringMap<SMLoc> sections;
  for (const auto &train : file.trains) {
    SMLoc at = train->name.empty() ? train->loc : train->nameLoc;
    if (!sections.try_emplace(train->name, at).second)
      return emitError(at,
                       train->name.empty()
                           ? "a file with several train sections must "
                             "name them: 'train " +
                                 train->model + "(...) as NAME'"
                           : "duplicate train section '" + train->name + "'");
  }
  trainModule = module;
  llvm::scope_exit clearModule([&] { trainModule = nullptr; });
  for (const auto &train : file.trains)
    if (failed(generateTrain(module, *train)))
      return failure();
  return success();
}

LogicalResult ModelGenerator::generateTrainSectionsInto(ModuleOp module) {
  if (failed(collectBlocks()) || failed(generateTrainSections(module)))
    return failure();
  return mlir::verify(module);
}

func::FuncOp ModelGenerator::findModelFunction(StringRef name) {
  if (!trainModule || !trainedModel)
    return nullptr;
  auto func = trainModule.lookupSymbol<func::FuncOp>(name);
  if (!func || func.isExternal() || func->hasAttr("kiln.train"))
    return nullptr;
  return func;
}

/// The `kiln.name` of argument or result `index`, or `fallback`.
static std::string nameOf(DictionaryAttr attrs, const std::string &fallback) {
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>(kNameAttr))
      return name.str();
  return fallback;
}

FailureOr<ModelGenerator::TrainedSignature>
ModelGenerator::findTrainedModel(ModuleOp module, const TrainDecl &train) {
  TrainedSignature signature;
  auto decl = llvm::find_if(file.models, [&](const auto &model) {
    return model->name == train.model;
  });
  if (decl != file.models.end()) {
    signature.func = module.lookupSymbol<func::FuncOp>(train.model);
    for (const TensorDecl &input : (*decl)->inputs)
      signature.inputs.push_back({input.name, input.loc});
    for (const TensorDecl &output : (*decl)->outputs)
      signature.outputs.push_back({output.name, output.loc});
    signature.nhwc = (*decl)->layout == "nhwc";
    return signature;
  }
  signature.func = module.lookupSymbol<func::FuncOp>(train.model);
  if (!signature.func || signature.func.isExternal() ||
      signature.func->hasAttr("kiln.train")) {
    SmallVector<StringRef> known;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && !func->hasAttr("kiln.train"))
        known.push_back(func.getSymName());
    emitError(train.loc, "there is no model '" + train.model + "' to train" +
                             didYouMean(train.model, known));
    return failure();
  }
  func::FuncOp func = signature.func;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    signature.inputs.push_back(
        {nameOf(func.getArgAttrDict(i), "input" + std::to_string(i)),
         train.loc});
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    signature.outputs.push_back(
        {nameOf(func.getResultAttrDict(i), "output" + std::to_string(i)),
         train.loc});
  auto layout = func->getAttrOfType<StringAttr>(kLayoutAttr);
  signature.nhwc = layout && layout.getValue() == "nhwc";
  return signature;
}

FailureOr<DslValue> ModelGenerator::callModel(func::FuncOp model,
                                              const CallExpr &call,
                                              ArrayRef<DslValue> positional,
                                              bool hasKeywords) {
  StringRef name = model.getSymName();
  if (hasKeywords) {
    emitError(call.getLoc(), "a model is called with positional inputs only");
    return failure();
  }
  auto layout = model->getAttrOfType<StringAttr>(kLayoutAttr);
  if ((layout && layout.getValue() == "nhwc") != nhwc) {
    emitError(call.getLoc(), "model '" + name +
                                 "' has another layout than the model "
                                 "being trained");
    return failure();
  }
  FunctionType type = model.getFunctionType();
  if (positional.size() != type.getNumInputs()) {
    unsigned n = type.getNumInputs();
    emitError(call.getLoc(), "model '" + name + "' takes " + std::to_string(n) +
                                 (n == 1 ? " input, got " : " inputs, got ") +
                                 std::to_string(positional.size()));
    return failure();
  }
  SmallVector<Value> inputs;
  for (auto [i, arg] : llvm::enumerate(positional)) {
    Value input = arg.isTensor() ? toUserLayout(arg.tensor, arg.loc) : Value();
    if (!input || input.getType() != type.getInput(i)) {
      emitError(arg.loc,
                "input " + std::to_string(i) + " of model '" + name +
                    "' must be " +
                    formatType(cast<RankedTensorType>(type.getInput(i))) +
                    ", got " + arg.describe());
      return failure();
    }
    inputs.push_back(input);
  }
  auto callOp =
      func::CallOp::create(builder, loc(call.getLoc()), model, inputs);
  std::vector<DslValue> results;
  for (Value result : callOp.getResults())
    results.push_back(
        DslValue::ofTensor(toKilnLayout(result, call.getLoc()), call.getLoc()));
  if (results.size() == 1)
    return results.front();
  return DslValue::ofList(std::move(results), call.getLoc(),
                          DslValue::Kind::Tuple);
}
