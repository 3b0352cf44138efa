//===- MLIRGen.cpp - Models, statements and expressions -------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Initializers.h"
#include "compiler/frontend/dsl/ModelAttributes.h"
#include "compiler/frontend/dsl/Suggestions.h"
#include "compiler/frontend/dsl/Types.h"
#include "dialects/kiln/IdentityMatrix.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

ModelGenerator::ModelGenerator(const SourceLocations &locations,
                               const FileAST &file)
    : locations(locations), file(file), context(locations.getContext()),
      builder(&context) {}

//===----------------------------------------------------------------------===//
// Locations, diagnostics, building
//===----------------------------------------------------------------------===//

Location ModelGenerator::loc(SMLoc at) const {
  Location location = locations.get(at);
  if (!frames.empty() && frames.back()->callSite)
    return CallSiteLoc::get(location, *frames.back()->callSite);
  return location;
}

InFlightDiagnostic ModelGenerator::emitError(SMLoc at,
                                             const Twine &message) const {
  return mlir::emitError(loc(at), message);
}

ErrorEmitter ModelGenerator::errorEmitter() const {
  return
      [this](SMLoc at, const Twine &message) { return emitError(at, message); };
}

LogicalResult ModelGenerator::checkSameElementType(StringRef opName,
                                                   ValueRange operands,
                                                   SMLoc at) const {
  if (operands.empty())
    return success();
  for (Value operand : operands.drop_front()) {
    Type first = cast<ShapedType>(operands.front().getType()).getElementType();
    if (cast<ShapedType>(operand.getType()).getElementType() != first)
      return emitError(at, opName +
                               " needs operands of one element type, got " +
                               formatType(operands.front().getType()) +
                               " and " + formatType(operand.getType()));
  }
  return success();
}

FailureOr<DslValue> ModelGenerator::tensorResult(FailureOr<Value> result,
                                                 SMLoc at) {
  if (failed(result))
    return failure();
  return DslValue::ofTensor(*result, at);
}

FailureOr<Value> ModelGenerator::verified(Operation *op) {
  if (failed(mlir::verify(op))) {
    op->erase();
    return failure();
  }
  return op->getResult(0);
}

//===----------------------------------------------------------------------===//
// Naming
//===----------------------------------------------------------------------===//

std::string ModelGenerator::takeLayerName(StringRef base) {
  Frame &current = frame();
  unsigned &index = current.nextLayerIndex[base];
  for (;; ++index) {
    std::string name =
        index == 0 ? base.str() : (base + "_" + Twine(index)).str();
    if (current.layerNames.insert(name).second) {
      ++index;
      return current.prefix + name;
    }
  }
}

FailureOr<std::string> ModelGenerator::claimLayerName(StringRef name,
                                                      SMLoc at) {
  if (name.empty() || name.contains('/') || name.contains('.')) {
    emitError(at, "a layer name must be non-empty, without '/' or '.'");
    return failure();
  }
  if (!frame().layerNames.insert(name).second) {
    emitError(at, "duplicate layer name '" + name + "'");
    return failure();
  }
  return frame().prefix + name.str();
}

void ModelGenerator::tagLayer(Value value, StringRef name, StringRef type) {
  Operation *op = value.getDefiningOp();
  if (!op || op->hasAttr(kLayerAttr) || isa<ParameterOp, ConstantOp>(op))
    return;
  op->setAttr(kLayerAttr, builder.getStringAttr(name));
  op->setAttr(kLayerTypeAttr, builder.getStringAttr(type));
}

//===----------------------------------------------------------------------===//
// Module and models
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> ModelGenerator::generate() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(
      locations.get(SMLoc::getFromPointer(locations.getBuffer().begin())));
  module->getOperation()->setAttr(
      kSourceAttr, builder.getStringAttr(
                       llvm::sys::path::filename(locations.getBufferName())));
  if (failed(collectBlocks()))
    return nullptr;

  llvm::StringMap<SMLoc> modelNames;
  for (const auto &model : file.models) {
    if (!modelNames.try_emplace(model->name, model->loc).second) {
      emitError(model->loc, "duplicate model '" + model->name + "'");
      return nullptr;
    }
    if (blocks.count(model->name)) {
      emitError(model->loc, "'" + model->name + "' is already a block");
      return nullptr;
    }
    builder.setInsertionPointToEnd(module->getBody());
    if (failed(generateModel(*model)))
      return nullptr;
  }
  if (failed(generateTrainSections(*module)))
    return nullptr;
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

LogicalResult ModelGenerator::collectBlocks() {
  for (const auto &block : file.blocks) {
    if (findBuiltin(block->name, {}) || findInitializer(block->name))
      return emitError(block->loc, "block '" + block->name +
                                       "' has the name of a "
                                       "built-in function");
    if (!blocks.try_emplace(block->name, block.get()).second)
      return emitError(block->loc, "duplicate block '" + block->name + "'");
  }
  return success();
}

LogicalResult ModelGenerator::generateModel(const ModelDecl &model) {
  nhwc = model.layout == "nhwc";
  nextSeed = model.seed;
  parameterNames.clear();
  outputs.clear();

  SmallVector<Type> inputTypes, outputTypes;
  for (const TensorDecl &input : model.inputs)
    inputTypes.push_back(getTensorType(context, input.type));
  for (const TensorDecl &output : model.outputs) {
    for (const TensorDecl &input : model.inputs)
      if (input.name == output.name)
        return emitError(output.loc, "'" + output.name +
                                         "' is both an input and an output");
    outputTypes.push_back(getTensorType(context, output.type));
    outputs.push_back({&output, DslValue(), SMLoc()});
  }

  auto function =
      func::FuncOp::create(builder, loc(model.loc), model.name,
                           builder.getFunctionType(inputTypes, outputTypes));
  for (auto [i, input] : llvm::enumerate(model.inputs))
    function.setArgAttr(i, kNameAttr, builder.getStringAttr(input.name));
  for (auto [i, output] : llvm::enumerate(model.outputs))
    function.setResultAttr(i, kNameAttr, builder.getStringAttr(output.name));
  if (nhwc)
    function->setAttr(kLayoutAttr, builder.getStringAttr("nhwc"));
  if (model.seed != 0)
    function->setAttr(kSeedAttr, builder.getI64IntegerAttr(model.seed));

  OpBuilder::InsertionGuard guard(builder);
  Block *entry = function.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  Frame modelFrame;
  frames.push_back(&modelFrame);
  llvm::scope_exit popFrame([&] { frames.pop_back(); });
  for (auto [input, argument] : llvm::zip(model.inputs, entry->getArguments()))
    modelFrame.names[input.name] =
        DslValue::ofTensor(toKilnLayout(argument, input.loc), input.loc);

  if (failed(generateStatements(model.body, /*result=*/nullptr)))
    return failure();

  SmallVector<Value> results;
  for (Output &output : outputs) {
    if (!output.value.isTensor())
      return emitError(output.decl->loc,
                       "output '" + output.decl->name + "' is never assigned");
    results.push_back(toUserLayout(output.value.tensor, output.decl->loc));
  }
  func::ReturnOp::create(builder, loc(model.loc), results);
  return success();
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

LogicalResult
ModelGenerator::generateStatements(ArrayRef<StmtPtr> body,
                                   std::optional<DslValue> *result) {
  for (const StmtPtr &stmt : body) {
    if (auto *assignStmt = dyn_cast<AssignStmt>(stmt.get())) {
      if (failed(generateAssign(*assignStmt)))
        return failure();
    } else if (auto *paramStmt = dyn_cast<ParamStmt>(stmt.get())) {
      if (failed(generateParam(*paramStmt)))
        return failure();
    } else {
      auto *returnStmt = cast<ReturnStmt>(stmt.get());
      if (!result)
        return emitError(returnStmt->getLoc(),
                         "'return' is only allowed in blocks; a model "
                         "assigns its outputs by name");
      FailureOr<DslValue> value = generateReturn(*returnStmt);
      if (failed(value))
        return failure();
      *result = std::move(*value);
    }
  }
  return success();
}

void ModelGenerator::nameStatementLayer(const Expr &expr,
                                        const DslValue &value) {
  if (!value.isTensor())
    return;
  StringRef base, type;
  if (auto *binary = dyn_cast<BinaryExpr>(&expr)) {
    switch (binary->getOp()) {
    case '+':
      base = "add", type = "Add";
      break;
    case '-':
      base = "subtract", type = "Subtract";
      break;
    case '*':
      base = "multiply", type = "Multiply";
      break;
    case '/':
      base = "divide", type = "Divide";
      break;
    default:
      base = "matmul", type = "MatMul";
      break;
    }
  } else if (isa<UnaryExpr>(&expr)) {
    base = "negative", type = "Negative";
  } else if (auto *call = dyn_cast<CallExpr>(&expr)) {
    if (blocks.count(call->getCallee()))
      return;
    const Builtin *builtin = findBuiltin(call->getCallee(), {});
    if (!builtin)
      return;
    base = builtin->name, type = builtin->layerType;
  } else {
    return;
  }
  Operation *op = value.tensor.getDefiningOp();
  if (!op || op->hasAttr(kLayerAttr) || isa<ParameterOp, ConstantOp>(op))
    return;
  tagLayer(value.tensor, takeLayerName(base), type);
}

LogicalResult ModelGenerator::generateAssign(const AssignStmt &stmt) {
  const std::vector<Target> &targets = stmt.getTargets();
  FailureOr<DslValue> value = evaluate(stmt.getValue());
  if (failed(value))
    return failure();
  if (targets.size() == 1) {
    if (value->kind == DslValue::Kind::Tuple)
      return emitError(stmt.getValue().getLoc(),
                       "this returns " + Twine(value->elements.size()) +
                           " values; assign them to as many names");
    nameStatementLayer(stmt.getValue(), *value);
    return assign(targets.front(), std::move(*value));
  }
  size_t count =
      value->kind == DslValue::Kind::Tuple ? value->elements.size() : 1;
  if (count != targets.size())
    return emitError(targets.front().loc,
                     Twine(targets.size()) + " names are assigned " +
                         Twine(count) + (count == 1 ? " value" : " values"));
  for (auto [target, element] : llvm::zip(targets, value->elements))
    if (failed(assign(target, std::move(element))))
      return failure();
  return success();
}

LogicalResult ModelGenerator::assign(const Target &target, DslValue value) {
  if (frames.size() == 1) {
    for (Output &output : outputs)
      if (output.decl->name == target.name)
        return assignOutput(output, target, std::move(value));
  }
  frame().names[target.name] = std::move(value);
  return success();
}

LogicalResult ModelGenerator::assignOutput(Output &output, const Target &target,
                                           DslValue value) {
  if (output.value.isTensor()) {
    emitError(target.loc, "output '" + target.name + "' is assigned twice")
            .attachNote(loc(output.assignedAt))
        << "first assigned here";
    return failure();
  }
  if (!value.isTensor() && !value.isNumber())
    return emitError(target.loc, "output '" + target.name +
                                     "' must be a tensor, got " +
                                     value.describe());
  RankedTensorType declared = getTensorType(context, output.decl->type);
  FailureOr<Value> tensor =
      asTensor(value, declared.getElementType(), target.loc);
  if (failed(tensor))
    return failure();
  RankedTensorType actual = userType(tensor->getType());
  if (!matchesSpec(actual, output.decl->type))
    return emitError(target.loc, "output '" + target.name +
                                     "' is declared as " +
                                     formatTypeSpec(output.decl->type) +
                                     " but its value is " + formatType(actual));
  output.value = DslValue::ofTensor(*tensor, target.loc);
  output.assignedAt = target.loc;
  frame().names[target.name] = output.value;
  return success();
}

LogicalResult ModelGenerator::generateParam(const ParamStmt &stmt) {
  const TypeSpec &spec = stmt.getType();
  if (auto it = frame().names.find(stmt.getName()); it != frame().names.end()) {
    bool isParameter =
        it->second.isTensor() && it->second.tensor.getDefiningOp<ParameterOp>();
    return emitError(stmt.getLoc(),
                     isParameter
                         ? "duplicate parameter '" + stmt.getName() + "'"
                         : "parameter '" + stmt.getName() +
                               "' has the name of an existing value");
  }
  Type elementType = getElementType(context, spec.elementType);
  if (!isa<FloatType>(elementType))
    return emitError(spec.loc, "a parameter must have a floating-point type, "
                               "not " +
                                   spec.elementType);
  for (const DimSpec &dim : spec.dims)
    if (dim.isNamed())
      return emitError(dim.loc, "a parameter's shape must be static; '" +
                                    dim.name + "' is a named dimension");
  RankedTensorType type = getTensorType(context, spec);

  // A number initializes to that constant.
  const Expr &init = stmt.getInitializer();
  if (!isa<CallExpr>(init)) {
    FailureOr<DslValue> value = evaluateSingle(init);
    if (failed(value))
      return failure();
    if (!value->isNumber())
      return emitError(init.getLoc(),
                       "expected an initializer such as zeros() or "
                       "glorot_uniform(), got " +
                           value->describe());
    return declareParam(stmt, type, "constant", {value->number},
                        /*trainable=*/true);
  }

  auto &call = cast<CallExpr>(init);
  const Initializer *initializer = findInitializer(call.getCallee());
  if (!initializer)
    return emitError(call.getLoc(), "unknown initializer '" + call.getCallee() +
                                        "'; expected " + listInitializers());
  if (initializer->name == "identity" &&
      !isIdentityInitializable(type.getShape()))
    return emitError(call.getLoc(),
                     "identity() initializes [n, n], [k * n, n] or [n, k * n] "
                     "matrices only, not " +
                         formatTypeSpec(spec));

  std::vector<DslValue> positional;
  std::vector<EvaluatedKeyword> keywords;
  if (failed(evaluateArguments(call, positional, keywords)))
    return failure();
  SmallVector<ArgSpec> signature(initializer->arguments);
  signature.push_back({"trainable"});
  auto args = CallArguments::bind(call, initializer->name.str() + "()",
                                  std::move(positional), std::move(keywords),
                                  signature, errorEmitter());
  if (!args)
    return failure();
  SmallVector<double> initArgs;
  for (auto [i, argument] : llvm::enumerate(initializer->arguments)) {
    std::optional<double> fallback;
    if (i < initializer->defaults.size())
      fallback = initializer->defaults[i];
    FailureOr<double> number = args->number(argument.name, fallback);
    if (failed(number))
      return failure();
    initArgs.push_back(*number);
  }
  FailureOr<bool> trainable = args->boolean("trainable", true);
  if (failed(trainable))
    return failure();
  return declareParam(stmt, type, initializer->name, initArgs, *trainable);
}

LogicalResult ModelGenerator::declareParam(const ParamStmt &stmt,
                                           RankedTensorType type,
                                           StringRef initializer,
                                           ArrayRef<double> initArgs,
                                           bool trainable) {
  FailureOr<Value> parameter = createParameter(
      frame().prefix + stmt.getName(), type.getShape(), type.getElementType(),
      initializer, initArgs, trainable, stmt.getLoc());
  if (failed(parameter))
    return failure();
  frame().names[stmt.getName()] = DslValue::ofTensor(*parameter, stmt.getLoc());
  return success();
}

FailureOr<DslValue> ModelGenerator::generateReturn(const ReturnStmt &stmt) {
  std::vector<DslValue> values;
  for (const ExprPtr &expr : stmt.getValues()) {
    FailureOr<DslValue> value = evaluateSingle(*expr);
    if (failed(value))
      return failure();
    nameStatementLayer(*expr, *value);
    values.push_back(std::move(*value));
  }
  if (values.size() == 1)
    return std::move(values.front());
  return DslValue::ofList(std::move(values), stmt.getLoc(),
                          DslValue::Kind::Tuple);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

FailureOr<DslValue> ModelGenerator::evaluate(const Expr &expr) {
  switch (expr.getKind()) {
  case Expr::Kind::Number: {
    auto &number = cast<NumberExpr>(expr);
    return DslValue::ofNumber(number.getValue(), number.isInteger(),
                              expr.getLoc());
  }
  case Expr::Kind::String:
    return DslValue::ofString(cast<StringExpr>(expr).getValue(), expr.getLoc());
  case Expr::Kind::Bool:
    return DslValue::ofBool(cast<BoolExpr>(expr).getValue(), expr.getLoc());
  case Expr::Kind::None:
    return DslValue::ofNone(expr.getLoc());
  case Expr::Kind::Name:
    return evaluateName(cast<NameExpr>(expr));
  case Expr::Kind::List:
    return evaluateList(cast<ListExpr>(expr));
  case Expr::Kind::Unary:
    return evaluateUnary(cast<UnaryExpr>(expr));
  case Expr::Kind::Binary:
    return evaluateBinary(cast<BinaryExpr>(expr));
  case Expr::Kind::Call:
    return evaluateCall(cast<CallExpr>(expr));
  }
  llvm_unreachable("unknown expression kind");
}

FailureOr<DslValue> ModelGenerator::evaluateSingle(const Expr &expr) {
  FailureOr<DslValue> value = evaluate(expr);
  if (succeeded(value) && value->kind == DslValue::Kind::Tuple) {
    emitError(expr.getLoc(), "this returns " + Twine(value->elements.size()) +
                                 " values where one is expected");
    return failure();
  }
  return value;
}

FailureOr<DslValue> ModelGenerator::evaluateName(const NameExpr &expr) {
  auto it = frame().names.find(expr.getName());
  if (it == frame().names.end()) {
    emitError(expr.getLoc(), "undefined name '" + expr.getName() + "'");
    return failure();
  }
  DslValue value = it->second;
  value.loc = expr.getLoc();
  return value;
}

FailureOr<DslValue> ModelGenerator::evaluateList(const ListExpr &expr) {
  std::vector<DslValue> elements;
  for (const ExprPtr &element : expr.getElements()) {
    FailureOr<DslValue> value = evaluateSingle(*element);
    if (failed(value))
      return failure();
    elements.push_back(std::move(*value));
  }
  return DslValue::ofList(std::move(elements), expr.getLoc());
}

const Builtin *
ModelGenerator::findBuiltin(StringRef name,
                            ArrayRef<DslValue> positional) const {
  auto lookup = [&](ArrayRef<Builtin> table) -> const Builtin * {
    for (const Builtin &builtin : table)
      if (builtin.name == name)
        return &builtin;
    return nullptr;
  };
  const Builtin *layer = lookup(layerBuiltins());
  const Builtin *op = lookup(opBuiltins());
  // conv2d(x, w), batch_norm(x, scale, ...): explicit operands pick the op.
  if (layer && op)
    return positional.size() >= 2 && positional[1].isTensor() ? op : layer;
  if (!layer && !op && trainedModel)
    return lookup(lossBuiltins());
  return layer ? layer : op;
}

LogicalResult
ModelGenerator::evaluateArguments(const CallExpr &call,
                                  std::vector<DslValue> &positional,
                                  std::vector<EvaluatedKeyword> &keywords) {
  for (const ExprPtr &arg : call.getPositional()) {
    FailureOr<DslValue> value = evaluateSingle(*arg);
    if (failed(value))
      return failure();
    positional.push_back(std::move(*value));
  }
  for (const KeywordArg &keyword : call.getKeywords()) {
    FailureOr<DslValue> value = evaluateSingle(*keyword.value);
    if (failed(value))
      return failure();
    keywords.push_back({&keyword, std::move(*value)});
  }
  return success();
}

FailureOr<DslValue> ModelGenerator::evaluateCall(const CallExpr &call) {
  std::vector<DslValue> positional;
  std::vector<EvaluatedKeyword> keywords;
  if (failed(evaluateArguments(call, positional, keywords)))
    return failure();
  // A keyword argument is reported where it is written, also when a block
  // computed its value.
  for (EvaluatedKeyword &keyword : keywords)
    keyword.value.loc = keyword.syntax->value->getLoc();

  StringRef callee = call.getCallee();
  if (func::FuncOp model = findModelFunction(callee))
    return callModel(model, call, positional, !keywords.empty());
  if (auto it = blocks.find(callee); it != blocks.end())
    return expandBlock(*it->second, call, std::move(positional),
                       std::move(keywords));
  if (const Builtin *builtin = findBuiltin(callee, positional))
    return callBuiltin(*builtin, call, std::move(positional),
                       std::move(keywords));
  if (findInitializer(callee)) {
    emitError(call.getLoc(),
              "initializer '" + callee + "' can only initialize a 'param'");
    return failure();
  }
  SmallVector<StringRef> known;
  for (const auto &block : blocks)
    known.push_back(block.getKey());
  for (ArrayRef<Builtin> table : {layerBuiltins(), opBuiltins()})
    for (const Builtin &builtin : table)
      known.push_back(builtin.name);
  if (trainedModel)
    for (const Builtin &builtin : lossBuiltins())
      known.push_back(builtin.name);
  emitError(call.getLoc(),
            "unknown function '" + callee + "'" + didYouMean(callee, known));
  return failure();
}

FailureOr<DslValue>
ModelGenerator::callBuiltin(const Builtin &builtin, const CallExpr &call,
                            std::vector<DslValue> positional,
                            std::vector<EvaluatedKeyword> keywords) {
  auto args = CallArguments::bind(call, builtin.name.str() + "()",
                                  std::move(positional), std::move(keywords),
                                  builtin.signature, errorEmitter());
  if (!args)
    return failure();
  ArrayRef<Builtin> layers = layerBuiltins();
  bool isLayer =
      &builtin >= layers.data() && &builtin < layers.data() + layers.size();
  BuiltinCall builtinCall{builtin, *args, ""};
  if (isLayer) {
    FailureOr<std::string> name = args->string("name", "");
    if (failed(name))
      return failure();
    if (name->empty()) {
      builtinCall.layerName = takeLayerName(builtin.name);
    } else {
      FailureOr<std::string> claimed =
          claimLayerName(*name, args->locOf("name"));
      if (failed(claimed))
        return failure();
      builtinCall.layerName = *claimed;
    }
  }
  FailureOr<DslValue> result = (this->*builtin.handler)(builtinCall);
  if (succeeded(result) && isLayer && result->isTensor())
    tagLayer(result->tensor, builtinCall.layerName, builtin.layerType);
  return result;
}
