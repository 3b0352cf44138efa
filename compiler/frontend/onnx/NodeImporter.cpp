//===- NodeImporter.cpp - What an op importer sees of one node ------------===//

#include "compiler/frontend/onnx/NodeImporter.h"
#include "compiler/frontend/onnx/GraphImporter.h"
#include "compiler/frontend/onnx/TensorConversion.h"
#include "dialects/kiln/KilnOps.h"

#include "onnx/onnx_pb.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace kiln::onnx_import {

NodeImporter::NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
                           Location location)
    : graph(graph), node(node), location(location) {}

llvm::StringRef NodeImporter::opType() const { return node.op_type(); }
llvm::StringRef NodeImporter::name() const { return node.name(); }
llvm::StringRef NodeImporter::inputName(unsigned i) const {
  return node.input(i);
}
int64_t NodeImporter::opset() const { return graph.opset(); }
OpBuilder &NodeImporter::builder() { return graph.builder(); }
MLIRContext *NodeImporter::context() { return graph.builder().getContext(); }

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

unsigned NodeImporter::numInputs() const { return node.input_size(); }

bool NodeImporter::hasInput(unsigned i) const {
  return i < numInputs() && !node.input(i).empty();
}

FailureOr<Value> NodeImporter::input(unsigned i) {
  if (!hasInput(i))
    return error("input " + llvm::Twine(i) + " is required");
  ImportedValue *value = graph.lookup(node.input(i));
  return graph.materialize(*value, location);
}

RankedTensorType NodeImporter::inputType(unsigned i) {
  ImportedValue *value = graph.lookup(node.input(i));
  if (value->value)
    return cast<RankedTensorType>(value->value.getType());
  return RankedTensorType::get(value->known->shape,
                               value->known->elementType);
}

FailureOr<SymbolicInt> NodeImporter::dynamicDim(unsigned i) {
  ImportedValue *value = graph.lookup(node.input(i));
  int64_t multiple = value->value ? graph.batchMultiple(value->value) : 0;
  if (multiple == 0)
    return error("cannot tell how input " + llvm::Twine(i) +
                 "'s dynamic dimension relates to the batch size");
  return SymbolicInt{multiple, true};
}

const KnownInts *NodeImporter::knownInput(unsigned i) {
  if (!hasInput(i))
    return nullptr;
  ImportedValue *value = graph.lookup(node.input(i));
  return value->known ? &*value->known : nullptr;
}

DenseElementsAttr NodeImporter::constantInput(unsigned i) {
  if (!hasInput(i))
    return nullptr;
  ImportedValue *value = graph.lookup(node.input(i));
  if (value->known)
    return value->known->toAttr();
  if (DenseElementsAttr data = graph.initializerData(node.input(i)))
    return data;
  DenseElementsAttr attr;
  if (matchPattern(value->value, m_Constant(&attr)))
    return attr;
  return nullptr;
}

FailureOr<SmallVector<int64_t>> NodeImporter::staticInts(unsigned i,
                                                         llvm::StringRef what) {
  if (!hasInput(i))
    return error("the " + what + " input (" + llvm::Twine(i) +
                 ") is required");
  const KnownInts *known = knownInput(i);
  if (!known)
    return error("the " + what + " input must be a constant integer tensor");
  std::optional<SmallVector<int64_t>> values = known->values();
  if (!values)
    return error("the " + what + " input depends on the dynamic batch size");
  return *values;
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *NodeImporter::attribute(llvm::StringRef name) const {
  for (const auto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

LogicalResult
NodeImporter::checkAttributes(std::initializer_list<llvm::StringRef> known) {
  for (const auto &attr : node.attribute())
    if (!llvm::is_contained(known, llvm::StringRef(attr.name())))
      return error("attribute '" + attr.name() + "' is not supported");
  return success();
}

bool NodeImporter::hasAttr(llvm::StringRef name) const {
  return attribute(name) != nullptr;
}

bool NodeImporter::attributeTypeIs(const onnx::AttributeProto *attr, int type,
                                   llvm::StringRef typeName) {
  // Old exporters leave `type` unset; the field that is present decides.
  if (attr->type() == type ||
      attr->type() == onnx::AttributeProto::UNDEFINED)
    return true;
  (void)error("attribute '" + attr->name() + "' must be " + typeName);
  failedAttribute = true;
  return false;
}

int64_t NodeImporter::intAttr(llvm::StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr || !attributeTypeIs(attr, onnx::AttributeProto::INT, "an integer"))
    return defaultValue;
  return attr->i();
}

double NodeImporter::floatAttr(llvm::StringRef name, double defaultValue) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr || !attributeTypeIs(attr, onnx::AttributeProto::FLOAT, "a float"))
    return defaultValue;
  return attr->f();
}

std::string NodeImporter::stringAttr(llvm::StringRef name,
                                     llvm::StringRef defaultValue) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr || !attributeTypeIs(attr, onnx::AttributeProto::STRING, "a string"))
    return defaultValue.str();
  return attr->s();
}

SmallVector<int64_t> NodeImporter::intsAttr(llvm::StringRef name,
                                            llvm::ArrayRef<int64_t> defaultValue) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr ||
      !attributeTypeIs(attr, onnx::AttributeProto::INTS, "a list of integers"))
    return SmallVector<int64_t>(defaultValue);
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

SmallVector<double> NodeImporter::floatsAttr(llvm::StringRef name) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr ||
      !attributeTypeIs(attr, onnx::AttributeProto::FLOATS, "a list of floats"))
    return {};
  return SmallVector<double>(attr->floats().begin(), attr->floats().end());
}

SmallVector<std::string> NodeImporter::stringsAttr(llvm::StringRef name) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr ||
      !attributeTypeIs(attr, onnx::AttributeProto::STRINGS, "a list of strings"))
    return {};
  return SmallVector<std::string>(attr->strings().begin(),
                                  attr->strings().end());
}

FailureOr<DenseElementsAttr> NodeImporter::tensorAttr(llvm::StringRef name) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr)
    return error("attribute '" + name + "' is required");
  if (!attributeTypeIs(attr, onnx::AttributeProto::TENSOR, "a tensor"))
    return failure();
  auto value = tensorValue(attr->t(), *context());
  if (!value)
    return error("attribute '" + name +
                 "': " + llvm::toString(value.takeError()));
  return *value;
}

//===----------------------------------------------------------------------===//
// Outputs
//===----------------------------------------------------------------------===//

unsigned NodeImporter::numOutputs() const { return node.output_size(); }

bool NodeImporter::hasOutput(unsigned i) const {
  return i < numOutputs() && !node.output(i).empty();
}

void NodeImporter::setOutput(unsigned i, Value value) {
  if (!hasOutput(i))
    return;
  ImportedValue imported;
  imported.value = value;
  DenseElementsAttr attr;
  if (matchPattern(value, m_Constant(&attr)))
    imported.known = KnownInts::fromAttr(attr);
  graph.define(node.output(i), std::move(imported));
}

LogicalResult NodeImporter::setResult(FailureOr<Value> result, unsigned i) {
  if (failed(result))
    return failure();
  setOutput(i, *result);
  return success();
}

void NodeImporter::setKnownOutput(unsigned i, KnownInts known) {
  if (!hasOutput(i))
    return;
  ImportedValue imported;
  imported.known = std::move(known);
  graph.define(node.output(i), std::move(imported));
}

//===----------------------------------------------------------------------===//
// Building and errors
//===----------------------------------------------------------------------===//

LogicalResult NodeImporter::error(const llvm::Twine &message) {
  return emitError(location) << message;
}

NamedAttribute NodeImporter::i64Attr(llvm::StringRef name, int64_t value) {
  return builder().getNamedAttr(name, builder().getI64IntegerAttr(value));
}

NamedAttribute NodeImporter::f64Attr(llvm::StringRef name, double value) {
  return builder().getNamedAttr(name, builder().getF64FloatAttr(value));
}

NamedAttribute NodeImporter::boolAttr(llvm::StringRef name, bool value) {
  return builder().getNamedAttr(name, builder().getBoolAttr(value));
}

NamedAttribute NodeImporter::i64ArrayAttr(llvm::StringRef name,
                                          llvm::ArrayRef<int64_t> values) {
  return builder().getNamedAttr(name, builder().getDenseI64ArrayAttr(values));
}

Value NodeImporter::scalar(double value, Type elementType) {
  auto type = RankedTensorType::get({}, elementType);
  DenseElementsAttr attr;
  if (auto floatType = dyn_cast<FloatType>(elementType))
    attr = DenseElementsAttr::get(type, builder().getFloatAttr(floatType, value));
  else
    attr = DenseElementsAttr::get(
        type, builder().getIntegerAttr(elementType, static_cast<int64_t>(value)));
  return constant(attr);
}

void NodeImporter::setBatchMultiple(Value value, int64_t multiple) {
  graph.setBatchMultiple(value, multiple);
}

Value NodeImporter::dimensionSize(SymbolicInt size) {
  if (size.timesBatch)
    return graph.batchSizeTimes(size.coefficient, location);
  return arith::ConstantIndexOp::create(builder(), location, size.coefficient);
}

Value NodeImporter::constant(DenseElementsAttr value) {
  return ConstantOp::create(builder(), location, value);
}

SmallVector<int64_t> reshapeTarget(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> target(shape);
  for (int64_t &d : target)
    if (ShapedType::isDynamic(d))
      d = -1;
  return target;
}

FailureOr<int64_t> normalizeAxis(NodeImporter &node, int64_t axis,
                                 int64_t rank) {
  if (axis < -rank || axis >= rank)
    return node.error("axis " + llvm::Twine(axis) +
                      " is out of range for rank " + llvm::Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

} // namespace kiln::onnx_import
