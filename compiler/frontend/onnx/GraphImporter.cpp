//===- GraphImporter.cpp - One ONNX graph to one kiln function ------------===//

#include "compiler/frontend/onnx/GraphImporter.h"
#include "compiler/frontend/onnx/Import.h"
#include "compiler/frontend/onnx/NodeImporter.h"
#include "compiler/frontend/onnx/OpImporters.h"
#include "compiler/frontend/onnx/TensorConversion.h"
#include "compiler/frontend/onnx/TrainableInitializers.h"
#include "dialects/kiln/KilnOps.h"

#include "onnx/onnx_pb.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

constexpr llvm::StringLiteral kNameAttr = "kiln.name";

/// `name` as a C identifier, distinct from those in `taken`.
std::string cIdentifier(llvm::StringRef name, llvm::StringSet<> &taken) {
  std::string id;
  for (char c : name)
    id.push_back(llvm::isAlnum(c) ? c : '_');
  if (id.empty() || llvm::isDigit(id.front()))
    id.insert(id.begin(), '_');
  std::string unique = id;
  for (unsigned n = 2; !taken.insert(unique).second; ++n)
    unique = id + "_" + std::to_string(n);
  return unique;
}

bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

std::string describeType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

} // namespace

GraphImporter::GraphImporter(MLIRContext &context, llvm::StringRef path,
                             const onnx::ModelProto &model, int64_t opset,
                             const ImportOptions &options)
    : context(context), path(path.str()), model(model), defaultOpset(opset),
      options(options), b(&context) {}

Location GraphImporter::graphLocation() {
  return FileLineColLoc::get(&context, path, 0, 0);
}

Location GraphImporter::nodeLocation(const onnx::NodeProto &node,
                                     unsigned index) {
  std::string description =
      node.name().empty() ? "node #" + std::to_string(index)
                          : "node '" + node.name() + "'";
  description += " (" + node.op_type() + ", opset " +
                 std::to_string(defaultOpset) + ")";
  return NameLoc::get(StringAttr::get(&context, description), graphLocation());
}

ImportedValue *GraphImporter::lookup(llvm::StringRef name) {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

void GraphImporter::define(llvm::StringRef name, ImportedValue value) {
  values[name] = std::move(value);
}

Value GraphImporter::batchSize(Location location) {
  Value size = tensor::DimOp::create(b, location, batchArgument, batchDim);
  return arith::IndexCastOp::create(b, location, b.getI64Type(), size);
}

namespace {

int64_t staticElementCount(RankedTensorType type) {
  int64_t count = 1;
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d))
      count *= d;
  return count;
}

int64_t dynamicDimCount(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  return ranked ? llvm::count_if(ranked.getShape(), ShapedType::isDynamic) : 0;
}

} // namespace

int64_t GraphImporter::batchMultiple(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.hasStaticShape())
    return 1;
  if (dynamicDimCount(type) > 1)
    return 0;
  if (isa<BlockArgument>(value))
    return 1;
  auto it = batchMultiples.find(value);
  if (it != batchMultiples.end())
    return it->second;
  Operation *op = value.getDefiningOp();
  int64_t multiple = 0;
  if (isa<ReshapeOp, FlattenOp>(op)) {
    Value input = op->getOperand(0);
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t in = batchMultiple(input) * staticElementCount(inputType);
    int64_t out = staticElementCount(type);
    multiple = in % out == 0 ? in / out : 0;
  } else if (auto concat = dyn_cast<ConcatOp>(op);
             concat && type.isDynamicDim(concat.getAxis())) {
    multiple = 0;
    for (Value input : concat.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      int64_t part = inputType.isDynamicDim(concat.getAxis())
                         ? batchMultiple(input)
                         : 0;
      if (part == 0) {
        multiple = 0;
        break;
      }
      multiple += part;
    }
  } else {
    // Other ops keep the batch: all operands with a dynamic dimension must
    // agree on it.
    for (Value operand : op->getOperands()) {
      if (dynamicDimCount(operand.getType()) == 0)
        continue;
      int64_t k = batchMultiple(operand);
      if (multiple != 0 && k != multiple) {
        multiple = 0;
        break;
      }
      multiple = k;
      if (k == 0)
        break;
    }
  }
  batchMultiples[value] = multiple;
  return multiple;
}

Value GraphImporter::batchSizeTimes(int64_t multiple, Location location) {
  Value size = tensor::DimOp::create(b, location, batchArgument, batchDim);
  if (multiple == 1)
    return size;
  Value factor = arith::ConstantIndexOp::create(b, location, multiple);
  return arith::MulIOp::create(b, location, size, factor);
}

Value GraphImporter::materialize(ImportedValue &imported, Location location) {
  if (imported.value)
    return imported.value;
  const KnownInts &known = *imported.known;
  if (DenseElementsAttr attr = known.toAttr()) {
    imported.value = ConstantOp::create(b, location, attr);
    return imported.value;
  }
  // Some element is a multiple of the batch size: compute it at run time.
  Value batch = batchSize(location);
  SmallVector<Value> elements;
  for (const SymbolicInt &element : known.elements) {
    Value v = arith::ConstantIntOp::create(b, location, element.coefficient, 64);
    if (element.timesBatch)
      v = arith::MulIOp::create(b, location, v, batch);
    if (known.elementType != b.getI64Type())
      v = arith::TruncIOp::create(b, location, known.elementType, v);
    elements.push_back(v);
  }
  auto type = RankedTensorType::get(known.shape, known.elementType);
  imported.value = tensor::FromElementsOp::create(b, location, type, elements);
  return imported.value;
}

LogicalResult GraphImporter::importInputs(func::FuncOp &function) {
  const onnx::GraphProto &graph = model.graph();
  llvm::StringSet<> initializers;
  for (const auto &tensor : graph.initializer())
    initializers.insert(tensor.name());

  SmallVector<Type> types;
  SmallVector<std::string> names;
  for (const auto &input : graph.input()) {
    if (initializers.contains(input.name()))
      continue; // IR < 4 lists initializers among the inputs.
    auto type = tensorType(input.type(), context);
    if (!type)
      return emitError(graphLocation())
             << "graph input '" << input.name()
             << "': " << llvm::toString(type.takeError());
    types.push_back(*type);
    names.push_back(input.name());
  }
  function = func::FuncOp::create(b, graphLocation(), entryPointName(path),
                                  b.getFunctionType(types, {}));
  Block *entry = function.addEntryBlock();
  b.setInsertionPointToStart(entry);
  for (auto [i, name] : llvm::enumerate(names)) {
    BlockArgument argument = entry->getArgument(i);
    function.setArgAttr(i, kNameAttr,
                        b.getStringAttr(cIdentifier(name, cNames)));
    values[name].value = argument;
    auto type = cast<RankedTensorType>(argument.getType());
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (type.isDynamicDim(d) && !batchArgument) {
        batchArgument = argument;
        batchDim = d;
      }
    }
  }
  return success();
}

LogicalResult GraphImporter::importInitializers() {
  for (const auto &tensor : model.graph().initializer()) {
    auto value = tensorValue(tensor, context);
    if (!value)
      return emitError(graphLocation())
             << "initializer '" << tensor.name()
             << "': " << llvm::toString(value.takeError());
    initializers[tensor.name()] = *value;
    ImportedValue imported;
    imported.known = KnownInts::fromAttr(*value);
    if (imported.known)
      ; // Integers known while importing (shapes, axes).
    else if (options.initializersAsParameters && isTrainableInitializer(*value))
      imported.value =
          initializerParameter(b, graphLocation(), tensor.name(), *value);
    else
      imported.value = ConstantOp::create(b, graphLocation(), *value);
    values[tensor.name()] = std::move(imported);
  }
  return success();
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        unsigned index) {
  NodeImporter importer(*this, node, nodeLocation(node, index));
  if (!isDefaultDomain(node.domain()))
    return importer.error("the domain '" + node.domain() +
                          "' is not supported");
  for (unsigned i = 0; i < importer.numInputs(); ++i)
    if (importer.hasInput(i) && !lookup(node.input(i)))
      return importer.error("input " + llvm::Twine(i) + " '" + node.input(i) +
                            "' is not defined by an earlier node, a graph "
                            "input or an initializer");
  const OpImporterRegistry &registry = OpImporterRegistry::get();
  OpImporterFn importFn = registry.lookup(node.op_type());
  KnownFolderFn foldFn = registry.lookupFolder(node.op_type());
  if (!importFn && !foldFn)
    return importer.error("op type '" + node.op_type() + "' is not supported");

  bool allKnown = true;
  for (unsigned i = 0; i < importer.numInputs(); ++i)
    if (importer.hasInput(i) && !importer.knownInput(i))
      allKnown = false;
  bool folded = false;
  if (foldFn && allKnown && importer.numInputs() > 0) {
    folded = succeeded(foldFn(importer));
    if (importer.hadError())
      return failure();
  }
  if (!folded) {
    if (!importFn)
      return importer.error("op type '" + node.op_type() +
                            "' is only supported on integers known while "
                            "importing (shape computations)");
    if (failed(importFn(importer)) || importer.hadError())
      return failure();
  }
  for (unsigned i = 0; i < importer.numOutputs(); ++i)
    if (importer.hasOutput(i) && !lookup(node.output(i)))
      return importer.error("output " + llvm::Twine(i) + " '" +
                            node.output(i) + "' is not supported");
  return success();
}

LogicalResult GraphImporter::importOutputs(func::FuncOp function) {
  SmallVector<Value> results;
  SmallVector<Type> types;
  for (const auto &output : model.graph().output()) {
    ImportedValue *imported = lookup(output.name());
    if (!imported)
      return emitError(graphLocation())
             << "graph output '" << output.name() << "' is never defined";
    Value value = materialize(*imported, graphLocation());
    auto actual = cast<RankedTensorType>(value.getType());
    if (output.has_type() && output.type().has_tensor_type()) {
      auto declared = tensorType(output.type(), context);
      if (!declared) {
        if (output.type().tensor_type().has_shape())
          return emitError(graphLocation())
                 << "graph output '" << output.name()
                 << "': " << llvm::toString(declared.takeError());
        llvm::consumeError(declared.takeError());
      } else if (declared->getElementType() != actual.getElementType() ||
                 declared->getRank() != actual.getRank() ||
                 llvm::any_of(llvm::seq<int64_t>(0, actual.getRank()),
                              [&](int64_t d) {
                                return !declared->isDynamicDim(d) &&
                                       !actual.isDynamicDim(d) &&
                                       declared->getDimSize(d) !=
                                           actual.getDimSize(d);
                              })) {
        return emitError(graphLocation())
               << "graph output '" << output.name() << "' is declared as "
               << describeType(*declared) << " but computes "
               << describeType(actual);
      }
    }
    results.push_back(value);
    types.push_back(actual);
  }
  func::ReturnOp::create(b, graphLocation(), results);
  function.setType(
      b.getFunctionType(function.getFunctionType().getInputs(), types));
  for (auto [i, output] : llvm::enumerate(model.graph().output()))
    function.setResultAttr(i, kNameAttr,
                           b.getStringAttr(cIdentifier(output.name(), cNames)));
  return success();
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(graphLocation());
  (*module)->setAttr("kiln.source",
                     b.getStringAttr(llvm::sys::path::filename(path)));
  b.setInsertionPointToEnd(module->getBody());
  func::FuncOp function;
  if (failed(importInputs(function)) || failed(importInitializers()))
    return nullptr;
  for (auto [index, node] : llvm::enumerate(model.graph().node()))
    if (failed(importNode(node, index)))
      return nullptr;
  if (model.graph().output_size() == 0) {
    emitError(graphLocation()) << "the graph has no outputs";
    return nullptr;
  }
  if (failed(importOutputs(function)))
    return nullptr;
  if (options.initializersAsParameters)
    finishInitializerParameters(function);
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

} // namespace kiln::onnx_import
