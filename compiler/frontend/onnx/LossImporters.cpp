//===- LossImporters.cpp - ONNX NegativeLogLikelihoodLoss and friends -----===//
//
// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (opset 12+). The
// class picked by each label is selected with a one-hot mask built by
// comparing the labels with the class indices, so labels outside [0, C)
// (ignore_index) select nothing:
//
//   onehot[n, c, d...] = (label[n, d...] == c)
//   loss[n, d...]      = -sum_c(input * onehot) * weight[label] * (label != ignore)
//
// then reduced: none, sum, or mean (the sum divided by the sum of the
// weights of the labels not ignored).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

/// `values` reshaped to rank `rank` with its elements along axis 1.
FailureOr<Value> alongAxis1(NodeImporter &node, Value values, int64_t rank) {
  int64_t count = cast<RankedTensorType>(values.getType()).getDimSize(0);
  SmallVector<int64_t> shape(rank, 1);
  shape[1] = count;
  return node.create<ReshapeOp>({values}, {node.i64ArrayAttr("shape", shape)});
}

/// The per-element losses and the per-element weights (weight of the label,
/// zero where ignored), both [N, d...].
struct PickedLoss {
  Value loss, weight;
};

FailureOr<PickedLoss> pickLoss(NodeImporter &node, Value input, Value labels,
                               Value weights) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto labelType = cast<RankedTensorType>(labels.getType());
  int64_t rank = inputType.getRank();
  if (rank < 2 || labelType.getRank() != rank - 1)
    return node.error("expects input [N, C, d...] and labels [N, d...]");
  int64_t classes = inputType.getDimSize(1);
  if (ShapedType::isDynamic(classes))
    return node.error("the class dimension must be static");
  Type element = inputType.getElementType();
  Type labelElement = labelType.getElementType();
  OpBuilder &b = node.builder();

  // Class indices [1, C, 1...] against labels [N, 1, d...].
  SmallVector<int64_t> indices = llvm::to_vector(llvm::seq<int64_t>(0, classes));
  auto indexType = RankedTensorType::get({classes}, labelElement);
  SmallVector<APInt> bits;
  for (int64_t i : indices)
    bits.push_back(APInt(labelElement.getIntOrFloatBitWidth(), i));
  Value classIndices = node.constant(DenseElementsAttr::get(indexType, bits));
  auto classes1 = alongAxis1(node, classIndices, rank);
  SmallVector<int64_t> labelShape;
  for (int64_t d = 0; d < labelType.getRank(); ++d)
    labelShape.push_back(labelType.isDynamicDim(d) ? -1 : labelType.getDimSize(d));
  labelShape.insert(labelShape.begin() + 1, 1);
  auto labels1 = succeeded(classes1)
                     ? node.create<ReshapeOp>({labels},
                                              {node.i64ArrayAttr("shape", labelShape)})
                     : noValue();
  auto hits = succeeded(labels1) ? node.create<EqualOp>({*labels1, *classes1})
                                 : noValue();
  auto onehot = succeeded(hits) ? castTo(node, *hits, element) : noValue();
  if (failed(onehot))
    return failure();

  // The weight of each element's label: zero for ignored labels (also those
  // outside [0, C), which match no class).
  Value classWeights = weights;
  if (!classWeights)
    classWeights = node.constant(DenseElementsAttr::get(
        RankedTensorType::get({classes}, element), b.getFloatAttr(element, 1.0)));
  auto weights1 = alongAxis1(node, classWeights, rank);
  auto weighted = succeeded(weights1) ? node.create<MulOp>({*onehot, *weights1})
                                      : noValue();
  SmallVector<NamedAttribute> overClasses = {node.i64ArrayAttr("axes", {1}),
                                             node.boolAttr("keepdims", false)};
  auto weight = succeeded(weighted)
                    ? node.create<ReduceSumOp>({*weighted}, overClasses)
                    : noValue();
  if (failed(weight))
    return failure();
  auto product = node.create<MulOp>({input, *weighted});
  auto picked = succeeded(product)
                    ? node.create<ReduceSumOp>({*product}, overClasses)
                    : noValue();
  auto negated = succeeded(picked) ? node.create<NegOp>({*picked}) : noValue();
  if (failed(negated))
    return failure();
  Value loss = *negated;
  if (node.hasAttr("ignore_index")) {
    // Zero both the loss and the weight of ignored labels.
    int64_t ignore = node.intAttr("ignore_index", 0);
    auto ignored =
        node.create<EqualOp>({labels, node.scalar(ignore, labelElement)});
    auto kept = succeeded(ignored) ? node.create<NotOp>({*ignored}) : noValue();
    auto mask = succeeded(kept) ? castTo(node, *kept, element) : noValue();
    weight = succeeded(mask) ? node.create<MulOp>({*weight, *mask}) : noValue();
    auto masked =
        succeeded(weight) ? node.create<MulOp>({loss, *mask}) : noValue();
    if (failed(masked))
      return failure();
    loss = *masked;
  }
  return PickedLoss{loss, *weight};
}

/// Applies the `reduction` attribute.
FailureOr<Value> reduceLoss(NodeImporter &node, PickedLoss picked) {
  std::string reduction = node.stringAttr("reduction", "mean");
  if (reduction == "none")
    return picked.loss;
  auto type = cast<RankedTensorType>(picked.loss.getType());
  SmallVector<NamedAttribute> all = {
      node.i64ArrayAttr("axes", llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()))),
      node.boolAttr("keepdims", false)};
  auto sum = node.create<ReduceSumOp>({picked.loss}, all);
  if (reduction == "sum" || failed(sum))
    return sum;
  if (reduction != "mean")
    return node.error("reduction '" + reduction + "' is not supported");
  auto total = node.create<ReduceSumOp>({picked.weight}, all);
  return succeeded(total) ? node.create<DivOp>({*sum, *total}) : noValue();
}

FailureOr<Value> optionalInput(NodeImporter &node, unsigned index) {
  if (!node.hasInput(index))
    return Value();
  return node.input(index);
}

LogicalResult importNegativeLogLikelihoodLoss(NodeImporter &node) {
  if (failed(node.checkAttributes({"ignore_index", "reduction"})))
    return failure();
  auto input = node.input(0);
  auto labels = succeeded(input) ? node.input(1) : noValue();
  auto weights = succeeded(labels) ? optionalInput(node, 2) : noValue();
  if (failed(weights))
    return failure();
  auto picked = pickLoss(node, *input, *labels, *weights);
  auto loss = succeeded(picked) ? reduceLoss(node, *picked) : noValue();
  return node.setResult(loss);
}

LogicalResult importSoftmaxCrossEntropyLoss(NodeImporter &node) {
  if (failed(node.checkAttributes({"ignore_index", "reduction"})))
    return failure();
  auto scores = node.input(0);
  auto labels = succeeded(scores) ? node.input(1) : noValue();
  auto weights = succeeded(labels) ? optionalInput(node, 2) : noValue();
  if (failed(weights))
    return failure();
  auto logProbabilities =
      node.create<LogSoftmaxOp>({*scores}, {node.i64Attr("axis", 1)});
  auto picked = succeeded(logProbabilities)
                    ? pickLoss(node, *logProbabilities, *labels, *weights)
                    : FailureOr<PickedLoss>(failure());
  auto loss = succeeded(picked) ? reduceLoss(node, *picked) : noValue();
  if (failed(loss))
    return failure();
  node.setOutput(0, *loss);
  node.setOutput(1, *logProbabilities);
  return success();
}

} // namespace

void registerLossImporters(OpImporterRegistry &registry) {
  registry.add("NegativeLogLikelihoodLoss", importNegativeLogLikelihoodLoss);
  registry.add("SoftmaxCrossEntropyLoss", importSoftmaxCrossEntropyLoss);
}

} // namespace kiln::onnx_import
