//===- KilnRecurrentOps.cpp - Result types and verifiers of RNN layers ----===//

#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/ShapedValues.h"
#include "dialects/kiln/RecurrentActivations.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace kiln;

namespace {

using Types = SmallVectorImpl<Type>;
using OptLoc = std::optional<Location>;

/// The operands of a recurrent op, absent ones null.
struct RecurrentOperands {
  Value input, weight, recurrence, bias, initialH, initialC, peephole;
};

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i)
      text += ", ";
    text += ShapedType::isDynamic(d) ? "?" : std::to_string(d);
  }
  return text + "]";
}

/// Checks that `value`, when present, has shape `expected`. A dynamic
/// expected entry (the batch) matches anything; a static one must be
/// matched by a static size, since the lowering slices along it.
LogicalResult checkShape(OptLoc loc, Value value, StringRef name,
                         ArrayRef<int64_t> expected) {
  if (!value)
    return success();
  ArrayRef<int64_t> shape = cast<ShapedType>(value.getType()).getShape();
  if (shape.size() != expected.size() ||
      llvm::any_of(llvm::zip(shape, expected), [](auto pair) {
        auto [actual, wanted] = pair;
        return isKnownAndDiffers(actual, wanted) ||
               (ShapedType::isDynamic(actual) &&
                !ShapedType::isDynamic(wanted));
      }))
    return emitInferenceError(loc, name + " must have shape " +
                                       shapeString(expected) + ", got " +
                                       shapeString(shape));
  return success();
}

/// Result types [seq, dirs, batch, hidden] then `numStates` times
/// [dirs, batch, hidden], after checking every operand's shape against
/// `gates` gate blocks of `hidden` units.
LogicalResult inferRecurrentTypes(OptLoc loc, const RecurrentOperands &ops,
                                  int64_t gates, int64_t hidden,
                                  StringRef direction, unsigned numStates,
                                  Types &types) {
  std::optional<int64_t> dirs = recurrentDirectionCount(direction);
  if (!dirs)
    return emitInferenceError(loc, "direction must be forward, reverse or "
                                   "bidirectional, got '" +
                                       direction + "'");
  if (hidden < 1)
    return emitInferenceError(loc, "hidden_size must be positive");
  Type elementType = getElementTypeOrSelf(ops.input.getType());
  for (Value v : {ops.weight, ops.recurrence, ops.bias, ops.initialH,
                  ops.initialC, ops.peephole})
    if (v && getElementTypeOrSelf(v.getType()) != elementType)
      return emitInferenceError(loc, "all operands must have the input's "
                                     "element type");
  ArrayRef<int64_t> x = cast<ShapedType>(ops.input.getType()).getShape();
  if (x.size() != 3)
    return emitInferenceError(
        loc, "input must have rank 3 [seq, batch, input_size], got " +
                 shapeString(x));
  int64_t seq = x[0], batch = x[1], inputSize = x[2];
  if (failed(checkShape(loc, ops.weight, "weight",
                        {*dirs, gates * hidden, inputSize})) ||
      failed(checkShape(loc, ops.recurrence, "recurrence",
                        {*dirs, gates * hidden, hidden})) ||
      failed(checkShape(loc, ops.bias, "bias", {*dirs, 2 * gates * hidden})) ||
      failed(
          checkShape(loc, ops.initialH, "initial_h", {*dirs, batch, hidden})) ||
      failed(
          checkShape(loc, ops.initialC, "initial_c", {*dirs, batch, hidden})) ||
      failed(checkShape(loc, ops.peephole, "peephole", {*dirs, 3 * hidden})))
    return failure();
  types.push_back(
      RankedTensorType::get({seq, *dirs, batch, hidden}, elementType));
  for (unsigned i = 0; i < numStates; ++i)
    types.push_back(RankedTensorType::get({*dirs, batch, hidden}, elementType));
  return success();
}

/// The number of gate functions per direction: LSTM f, g, h; GRU f, g;
/// RNN f.
unsigned gateFunctionCount(Operation *op) {
  if (isa<LstmOp>(op))
    return 3;
  if (isa<GruOp>(op))
    return 2;
  return 1;
}

StringRef defaultActivation(Operation *op, unsigned function) {
  if (isa<RnnOp>(op))
    return "tanh";
  return function == 0 ? "sigmoid" : "tanh";
}

LogicalResult verifyRecurrentAttrs(Operation *op, ArrayAttr activations,
                                   ArrayRef<double> alpha,
                                   ArrayRef<double> beta,
                                   std::optional<APFloat> clip,
                                   StringRef direction) {
  int64_t dirs = recurrentDirectionCount(direction).value_or(1);
  size_t wanted = gateFunctionCount(op) * dirs;
  if (!activations.empty() && activations.size() != wanted)
    return op->emitOpError("expects ")
           << wanted << " activations (" << gateFunctionCount(op)
           << " per direction), got " << activations.size();
  for (Attribute name : activations)
    if (!recurrentActivationDefaults(cast<StringAttr>(name).getValue()))
      return op->emitOpError("unknown activation '")
             << cast<StringAttr>(name).getValue() << "'";
  for (auto [values, label] : {std::pair{alpha, "activation_alpha"},
                               std::pair{beta, "activation_beta"}})
    if (!values.empty() && values.size() != wanted)
      return op->emitOpError(label) << " holds " << values.size()
                                    << " values, expected 0 or " << wanted;
  if (clip && !(clip->convertToDouble() > 0.0))
    return op->emitOpError("clip must be positive");
  return success();
}

} // namespace

namespace kiln {

std::optional<std::pair<double, double>>
recurrentActivationDefaults(StringRef name) {
  return llvm::StringSwitch<std::optional<std::pair<double, double>>>(name)
      .Cases({"sigmoid", "tanh", "relu", "softsign", "softplus"},
             std::pair{0.0, 0.0})
      .Case("leaky_relu", std::pair{0.01, 0.0})
      .Case("hard_sigmoid", std::pair{0.2, 0.5})
      .Case("elu", std::pair{1.0, 0.0})
      .Case("affine", std::pair{1.0, 0.0})
      .Case("scaled_tanh", std::pair{1.0, 1.0})
      .Default(std::nullopt);
}

std::optional<int64_t> recurrentDirectionCount(StringRef direction) {
  return llvm::StringSwitch<std::optional<int64_t>>(direction)
      .Cases({"forward", "reverse"}, 1)
      .Case("bidirectional", 2)
      .Default(std::nullopt);
}

SmallVector<RecurrentActivation> resolveRecurrentActivations(Operation *op) {
  auto direction = op->getAttrOfType<StringAttr>("direction");
  int64_t dirs =
      recurrentDirectionCount(direction ? direction.getValue() : "forward")
          .value_or(1);
  unsigned functions = gateFunctionCount(op);
  auto names = op->getAttrOfType<ArrayAttr>("activations");
  auto alpha = op->getAttrOfType<DenseF64ArrayAttr>("activation_alpha");
  auto beta = op->getAttrOfType<DenseF64ArrayAttr>("activation_beta");
  SmallVector<RecurrentActivation> result;
  for (int64_t i = 0, e = functions * dirs; i < e; ++i) {
    RecurrentActivation activation;
    activation.name = names && !names.empty()
                          ? cast<StringAttr>(names[i]).getValue().str()
                          : defaultActivation(op, i % functions).str();
    auto defaults = *recurrentActivationDefaults(activation.name);
    activation.alpha =
        alpha && !alpha.empty() ? alpha.asArrayRef()[i] : defaults.first;
    activation.beta =
        beta && !beta.empty() ? beta.asArrayRef()[i] : defaults.second;
    result.push_back(activation);
  }
  return result;
}

} // namespace kiln

//===----------------------------------------------------------------------===//
// Result types
//===----------------------------------------------------------------------===//

LogicalResult LstmOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor, Types &types) {
  RecurrentOperands ops{adaptor.getInput(),      adaptor.getWeight(),
                        adaptor.getRecurrence(), adaptor.getBias(),
                        adaptor.getInitialH(),   adaptor.getInitialC(),
                        adaptor.getPeephole()};
  return inferRecurrentTypes(loc, ops, 4, adaptor.getHiddenSize(),
                             adaptor.getDirection(), 2, types);
}

/// The result types of a GRU or RNN (no cell state) of `gates` gates.
template <typename AdaptorTy>
static LogicalResult inferHiddenStateOnlyTypes(OptLoc loc, AdaptorTy adaptor,
                                               int64_t gates, Types &types) {
  RecurrentOperands ops{adaptor.getInput(),
                        adaptor.getWeight(),
                        adaptor.getRecurrence(),
                        adaptor.getBias(),
                        adaptor.getInitialH(),
                        {},
                        {}};
  return inferRecurrentTypes(loc, ops, gates, adaptor.getHiddenSize(),
                             adaptor.getDirection(), 1, types);
}

LogicalResult GruOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                      Adaptor adaptor, Types &types) {
  return inferHiddenStateOnlyTypes(loc, adaptor, 3, types);
}

LogicalResult RnnOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                      Adaptor adaptor, Types &types) {
  return inferHiddenStateOnlyTypes(loc, adaptor, 1, types);
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult LstmOp::verify() {
  return verifyRecurrentAttrs(*this, getActivations(), getActivationAlpha(),
                              getActivationBeta(), getClip(), getDirection());
}

LogicalResult GruOp::verify() {
  return verifyRecurrentAttrs(*this, getActivations(), getActivationAlpha(),
                              getActivationBeta(), getClip(), getDirection());
}

LogicalResult RnnOp::verify() {
  return verifyRecurrentAttrs(*this, getActivations(), getActivationAlpha(),
                              getActivationBeta(), getClip(), getDirection());
}
