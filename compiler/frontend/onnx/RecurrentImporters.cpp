//===- RecurrentImporters.cpp - ONNX LSTM, GRU and RNN --------------------===//
//
// LSTM, GRU and RNN (opsets 7 and 14) become kiln.lstm, kiln.gru and
// kiln.rnn, which share ONNX's layout and gate orders. `layout` = 1 (opset
// 14: batch-major X, initial states and outputs) is transposed to and from
// the ops' sequence-major layout. Activation names map to kiln's, with their
// alpha and beta values consumed in order by the functions that take them.
// A sequence_lens input is accepted only when it is a constant equal to the
// full length for every batch entry.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/RecurrentActivations.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

enum class Cell { Lstm, Gru, Rnn };

// ONNX input positions shared by the three ops.
constexpr unsigned kX = 0, kW = 1, kR = 2, kB = 3, kSequenceLens = 4,
                   kInitialH = 5, kInitialC = 6, kPeephole = 7;

/// Kiln's name for an ONNX activation, with whether it takes alpha and
/// beta; an empty name when kiln does not support it.
struct ActivationName {
  StringRef kiln;
  bool alpha, beta;
};

ActivationName kilnActivation(StringRef onnx) {
  std::string lower = onnx.lower();
  return llvm::StringSwitch<ActivationName>(lower)
      .Case("sigmoid", {"sigmoid", false, false})
      .Case("tanh", {"tanh", false, false})
      .Case("relu", {"relu", false, false})
      .Case("leakyrelu", {"leaky_relu", true, false})
      .Case("hardsigmoid", {"hard_sigmoid", true, true})
      .Case("elu", {"elu", true, false})
      .Case("softsign", {"softsign", false, false})
      .Case("softplus", {"softplus", false, false})
      .Case("affine", {"affine", true, true})
      .Case("scaledtanh", {"scaled_tanh", true, true})
      .Default({"", false, false});
}

/// Appends kiln's activations and their per-activation alpha and beta (the
/// defaults where ONNX gives none) to `attrs`.
LogicalResult readActivations(NodeImporter &node,
                              SmallVectorImpl<NamedAttribute> &attrs) {
  if (!node.hasAttr("activations"))
    return success();
  SmallVector<std::string> names = node.stringsAttr("activations");
  SmallVector<double> alphas = node.floatsAttr("activation_alpha");
  SmallVector<double> betas = node.floatsAttr("activation_beta");
  size_t nextAlpha = 0, nextBeta = 0;
  SmallVector<StringRef> kilnNames;
  SmallVector<double> alpha, beta;
  for (const std::string &name : names) {
    ActivationName kiln = kilnActivation(name);
    if (kiln.kiln.empty())
      return node.error("activation '" + name + "' is not supported");
    auto defaults = *recurrentActivationDefaults(kiln.kiln);
    kilnNames.push_back(kiln.kiln);
    alpha.push_back(kiln.alpha && nextAlpha < alphas.size()
                        ? alphas[nextAlpha++]
                        : defaults.first);
    beta.push_back(kiln.beta && nextBeta < betas.size() ? betas[nextBeta++]
                                                        : defaults.second);
  }
  OpBuilder &b = node.builder();
  attrs.push_back(b.getNamedAttr("activations", b.getStrArrayAttr(kilnNames)));
  attrs.push_back(
      b.getNamedAttr("activation_alpha", b.getDenseF64ArrayAttr(alpha)));
  attrs.push_back(
      b.getNamedAttr("activation_beta", b.getDenseF64ArrayAttr(beta)));
  return success();
}

FailureOr<Value> transposed(NodeImporter &node, Value value,
                            ArrayRef<int64_t> perm) {
  return node.create<TransposeOp>({value}, {node.i64ArrayAttr("perm", perm)});
}

/// Accepts an absent sequence_lens, or a constant one that is the full
/// length for every batch entry.
LogicalResult checkSequenceLengths(NodeImporter &node, int64_t seqLength) {
  if (!node.hasInput(kSequenceLens))
    return success();
  DenseElementsAttr lengths = node.constantInput(kSequenceLens);
  if (lengths && !ShapedType::isDynamic(seqLength) &&
      llvm::all_of(lengths.getValues<APInt>(), [&](const APInt &length) {
        return length.getSExtValue() == seqLength;
      }))
    return success();
  return node.error("sequence_lens is supported only as a constant equal to "
                    "the full sequence length; variable lengths are not");
}

LogicalResult importRecurrent(NodeImporter &node, Cell cell) {
  if (failed(node.checkAttributes({"activation_alpha", "activation_beta",
                                   "activations", "clip", "direction",
                                   "hidden_size", "layout", "input_forget",
                                   "linear_before_reset"})))
    return failure();
  if (node.hasAttr("layout") && node.opset() < 14)
    return node.error("the layout attribute needs opset 14");
  if (node.hasAttr("input_forget") && cell != Cell::Lstm)
    return node.error("input_forget is an LSTM attribute");
  if (node.hasAttr("linear_before_reset") && cell != Cell::Gru)
    return node.error("linear_before_reset is a GRU attribute");
  if (cell == Cell::Lstm && node.intAttr("input_forget", 0) != 0)
    return node.error("input_forget (coupled input and forget gates) is not "
                      "supported");
  int64_t layout = node.intAttr("layout", 0);
  if (layout != 0 && layout != 1)
    return node.error("layout must be 0 or 1");

  auto x = node.input(kX);
  auto w = succeeded(x) ? node.input(kW) : noValue();
  auto r = succeeded(w) ? node.input(kR) : noValue();
  if (failed(r))
    return failure();
  Value input = *x;
  if (cast<RankedTensorType>(input.getType()).getRank() != 3)
    return node.error("X must have rank 3");
  if (layout == 1) {
    auto seqMajor = transposed(node, input, {1, 0, 2});
    if (failed(seqMajor))
      return failure();
    input = *seqMajor;
  }
  if (failed(checkSequenceLengths(
          node, cast<RankedTensorType>(input.getType()).getDimSize(0))))
    return failure();
  auto rShape = cast<RankedTensorType>(r->getType()).getShape();
  if (rShape.size() != 3)
    return node.error("R must have rank 3");
  int64_t hiddenSize = node.intAttr("hidden_size", rShape[2]);

  // Operands in kiln's order: X, W, R, [B], [initial_h], [initial_c], [P].
  SmallVector<Value> operands = {input, *w, *r};
  SmallVector<int32_t> segments = {1, 1, 1};
  auto optional = [&](unsigned index, bool batchMajor) -> LogicalResult {
    if (!node.hasInput(index)) {
      segments.push_back(0);
      return success();
    }
    auto value = node.input(index);
    if (failed(value))
      return failure();
    Value operand = *value;
    if (batchMajor) {
      auto dirMajor = transposed(node, operand, {1, 0, 2});
      if (failed(dirMajor))
        return failure();
      operand = *dirMajor;
    }
    operands.push_back(operand);
    segments.push_back(1);
    return success();
  };
  if (failed(optional(kB, false)) || failed(optional(kInitialH, layout == 1)))
    return failure();
  if (cell == Cell::Lstm && (failed(optional(kInitialC, layout == 1)) ||
                             failed(optional(kPeephole, false))))
    return failure();

  OpBuilder &b = node.builder();
  SmallVector<NamedAttribute> attrs = {
      b.getNamedAttr("operandSegmentSizes", b.getDenseI32ArrayAttr(segments)),
      node.i64Attr("hidden_size", hiddenSize),
      b.getNamedAttr("direction",
                     b.getStringAttr(node.stringAttr("direction", "forward")))};
  if (node.hasAttr("clip"))
    attrs.push_back(node.f64Attr("clip", node.floatAttr("clip", 0.0)));
  if (cell == Cell::Gru)
    attrs.push_back(node.boolAttr("linear_before_reset",
                                  node.intAttr("linear_before_reset", 0) != 0));
  if (failed(readActivations(node, attrs)))
    return failure();

  FailureOr<Value> output;
  switch (cell) {
  case Cell::Lstm:
    output = node.create<LstmOp>(operands, attrs);
    break;
  case Cell::Gru:
    output = node.create<GruOp>(operands, attrs);
    break;
  case Cell::Rnn:
    output = node.create<RnnOp>(operands, attrs);
    break;
  }
  if (failed(output))
    return failure();
  ResultRange results = output->getDefiningOp()->getResults();
  for (auto [i, result] : llvm::enumerate(results)) {
    Value value = result;
    if (layout == 1) {
      // Y [seq, dirs, batch, hidden] -> [batch, seq, dirs, hidden]; the
      // states [dirs, batch, hidden] -> [batch, dirs, hidden].
      SmallVector<int64_t> perm = i == 0 ? SmallVector<int64_t>{2, 0, 1, 3}
                                         : SmallVector<int64_t>{1, 0, 2};
      auto batchMajor = transposed(node, value, perm);
      if (failed(batchMajor))
        return failure();
      value = *batchMajor;
    }
    node.setOutput(i, value);
  }
  return success();
}

LogicalResult importLstm(NodeImporter &node) {
  return importRecurrent(node, Cell::Lstm);
}
LogicalResult importGru(NodeImporter &node) {
  return importRecurrent(node, Cell::Gru);
}
LogicalResult importRnn(NodeImporter &node) {
  return importRecurrent(node, Cell::Rnn);
}

} // namespace

void registerRecurrentImporters(OpImporterRegistry &registry) {
  registry.add("LSTM", importLstm);
  registry.add("GRU", importGru);
  registry.add("RNN", importRnn);
}

} // namespace kiln::onnx_import
