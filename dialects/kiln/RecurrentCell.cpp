//===- RecurrentCell.cpp - Recurrent time steps as kiln ops ---------------===//

#include "dialects/kiln/RecurrentCell.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace kiln;

RecurrentCellBuilder::RecurrentCellBuilder(Operation *op,
                                           ImplicitLocOpBuilder &b)
    : op(op), b(b) {
  auto readCommon = [&](auto concrete) {
    input = concrete.getInput();
    weight = concrete.getWeight();
    recurrence = concrete.getRecurrence();
    bias = concrete.getBias();
    initialH = concrete.getInitialH();
  };
  if (auto lstm = dyn_cast<LstmOp>(op)) {
    kind = RecurrentCellKind::Lstm;
    readCommon(lstm);
    initialC = lstm.getInitialC();
    peephole = lstm.getPeephole();
  } else if (auto gru = dyn_cast<GruOp>(op)) {
    kind = RecurrentCellKind::Gru;
    readCommon(gru);
    linearBeforeReset = gru.getLinearBeforeReset();
  } else {
    kind = RecurrentCellKind::Rnn;
    readCommon(cast<RnnOp>(op));
  }

  auto inputType = cast<RankedTensorType>(input.getType());
  elementType = inputType.getElementType();
  seqLength = inputType.getDimSize(0);
  batch = inputType.getDimSize(1);
  inputSize = inputType.getDimSize(2);
  hidden = op->getAttrOfType<IntegerAttr>("hidden_size").getInt();
  gates = kind == RecurrentCellKind::Lstm  ? 4
          : kind == RecurrentCellKind::Gru ? 3
                                           : 1;
  auto direction = op->getAttrOfType<StringAttr>("direction");
  directionName = direction ? direction.getValue() : "forward";
  dirs = *recurrentDirectionCount(directionName);
  activations = resolveRecurrentActivations(op);
  if (auto clipAttr = op->getAttrOfType<FloatAttr>("clip"))
    clip = clipAttr.getValueAsDouble();
}

Value RecurrentCellBuilder::reshape(Value value, ArrayRef<int64_t> shape) {
  SmallVector<int64_t> target(shape);
  for (int64_t &d : target)
    if (ShapedType::isDynamic(d))
      d = -1;
  return ReshapeOp::create(b, value, target);
}

Value RecurrentCellBuilder::slice(Value value, int64_t axis, int64_t start,
                                  int64_t end) {
  SmallVector<int64_t> axes = {axis}, starts = {start}, ends = {end},
                       steps = {1};
  return SliceOp::create(b, value, axes, starts, ends, steps);
}

Value RecurrentCellBuilder::gateBlocks(Value value, int64_t first,
                                       int64_t end) {
  int64_t axis = cast<RankedTensorType>(value.getType()).getRank() - 1;
  return slice(value, axis, first * hidden, end * hidden);
}

Value RecurrentCellBuilder::gateBlock(Value value, int64_t gate) {
  return gateBlocks(value, gate, gate + 1);
}

Value RecurrentCellBuilder::directionSlice(Value value, int64_t d) {
  Value sliced = slice(value, 0, d, d + 1);
  return reshape(
      sliced, cast<RankedTensorType>(value.getType()).getShape().drop_front());
}

Value RecurrentCellBuilder::transpose(Value matrix) {
  SmallVector<int64_t> perm = {1, 0};
  return TransposeOp::create(b, matrix, perm);
}

Value RecurrentCellBuilder::scalar(double value) {
  auto type = RankedTensorType::get({}, elementType);
  return ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getFloatAttr(elementType, value)));
}

Value RecurrentCellBuilder::filledZeroState(Value batchSize) {
  auto type = RankedTensorType::get({batch, hidden}, elementType);
  Value empty = tensor::EmptyOp::create(
      b, type,
      ShapedType::isDynamic(batch) ? ValueRange{batchSize} : ValueRange{});
  Value zero = arith::ConstantOp::create(b, b.getFloatAttr(elementType, 0.0));
  return linalg::FillOp::create(b, zero, empty).getResult(0);
}

Value RecurrentCellBuilder::kilnZeroState() {
  auto type = RankedTensorType::get(
      {ShapedType::isDynamic(batch) ? 1 : batch, hidden}, elementType);
  Value zeros = ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getFloatAttr(elementType, 0.0)));
  if (!ShapedType::isDynamic(batch))
    return zeros;
  // [batch, 1] zeros from the input's first feature at the first step,
  // broadcast against [1, hidden] zeros.
  Value column = reshape(slice(slice(input, 0, 0, 1), 2, 0, 1), {batch, 1});
  return AddOp::create(b, ZerosLikeOp::create(b, column), zeros);
}

RecurrentDirection
RecurrentCellBuilder::prepareDirection(int64_t d,
                                       function_ref<Value()> zeroState) {
  if (clip && !clipLow) {
    clipLow = scalar(-*clip);
    clipHigh = scalar(*clip);
  }
  RecurrentDirection direction;
  direction.reverse = directionName == "reverse" || d == 1;
  direction.initial.h = initialH ? directionSlice(initialH, d) : zeroState();
  if (kind == RecurrentCellKind::Lstm)
    direction.initial.c = initialC ? directionSlice(initialC, d) : zeroState();
  Value wb, rb;
  if (bias) {
    Value biasD = directionSlice(bias, d);
    wb = slice(biasD, 0, 0, gates * hidden);
    rb = slice(biasD, 0, gates * hidden, 2 * gates * hidden);
  }
  direction.projected = projectInput(directionSlice(weight, d), wb, rb);
  direction.weights =
      prepareStepWeights(transpose(directionSlice(recurrence, d)), rb,
                         peephole ? directionSlice(peephole, d) : Value());
  return direction;
}

/// One product of all steps' inputs with W^T, plus the biases that do not
/// depend on the state.
Value RecurrentCellBuilder::projectInput(Value weight, Value wb, Value rb) {
  // One rank-2 product over all steps and batch rows; a broadcasting rank-3
  // product when both the length and the batch are dynamic (a reshape
  // infers one dynamic size only).
  bool bothDynamic =
      ShapedType::isDynamic(seqLength) && ShapedType::isDynamic(batch);
  Value rows = input;
  if (!bothDynamic)
    rows = reshape(
        input, {ShapedType::isDynamic(seqLength) || ShapedType::isDynamic(batch)
                    ? ShapedType::kDynamic
                    : seqLength * batch,
                inputSize});
  Value projected = MatmulOp::create(b, rows, transpose(weight));
  if (wb) {
    Value stepBias = AddOp::create(b, wb, rb);
    // GRU with linear_before_reset adds the hidden gate's recurrence bias
    // inside the reset product, in the step.
    if (kind == RecurrentCellKind::Gru && linearBeforeReset)
      stepBias = ConcatOp::create(
          b, ValueRange{slice(stepBias, 0, 0, 2 * hidden), gateBlock(wb, 2)},
          0);
    projected = AddOp::create(b, projected, stepBias);
  }
  if (bothDynamic)
    return projected;
  return reshape(projected, {seqLength, batch, gates * hidden});
}

RecurrentStepWeights RecurrentCellBuilder::prepareStepWeights(Value transposedR,
                                                              Value rb,
                                                              Value peephole) {
  RecurrentStepWeights w;
  if (kind == RecurrentCellKind::Gru && !linearBeforeReset) {
    w.updateReset = slice(transposedR, 1, 0, 2 * hidden);
    w.hiddenBlock = gateBlock(transposedR, 2);
  } else {
    w.recurrence = transposedR;
  }
  if (kind == RecurrentCellKind::Gru && linearBeforeReset && rb)
    w.hiddenBias = gateBlock(rb, 2);
  if (peephole) {
    w.peepholeIn = gateBlock(peephole, 0);
    w.peepholeOut = gateBlock(peephole, 1);
    w.peepholeForget = gateBlock(peephole, 2);
  }
  return w;
}

Value RecurrentCellBuilder::applyClip(Value x) {
  if (!clip)
    return x;
  return MinOp::create(b, MaxOp::create(b, x, clipLow), clipHigh);
}

/// Activation function `index` of direction `d` applied to `x`, after
/// clipping a gate's input (`clipInput`; the LSTM cell state is not
/// clipped).
Value RecurrentCellBuilder::activate(Value x, int64_t d, unsigned index,
                                     bool clipInput) {
  unsigned perDirection = activations.size() / dirs;
  const RecurrentActivation &a = activations[d * perDirection + index];
  if (clipInput)
    x = applyClip(x);
  StringRef name = a.name;
  if (name == "sigmoid")
    return SigmoidOp::create(b, x);
  if (name == "tanh")
    return TanhOp::create(b, x);
  if (name == "relu")
    return ReluOp::create(b, x);
  if (name == "leaky_relu")
    return LeakyReluOp::create(b, x, b.getF64FloatAttr(a.alpha));
  if (name == "elu")
    return EluOp::create(b, x, b.getF64FloatAttr(a.alpha));
  if (name == "softplus")
    return SoftplusOp::create(b, x);
  if (name == "softsign")
    return DivOp::create(b, x,
                         AddOp::create(b, AbsOp::create(b, x), scalar(1.0)));
  Value affine =
      AddOp::create(b, MulOp::create(b, x, scalar(a.alpha)), scalar(a.beta));
  if (name == "affine")
    return affine;
  if (name == "hard_sigmoid")
    return MaxOp::create(b, MinOp::create(b, affine, scalar(1.0)), scalar(0.0));
  assert(name == "scaled_tanh" && "activation checked by the verifier");
  Value scaled = MulOp::create(b, x, scalar(a.beta));
  return MulOp::create(b, TanhOp::create(b, scaled), scalar(a.alpha));
}

RecurrentState RecurrentCellBuilder::step(int64_t d, Value x,
                                          const RecurrentStepWeights &w,
                                          RecurrentState prev) {
  switch (kind) {
  case RecurrentCellKind::Lstm:
    return lstmStep(d, x, w, prev);
  case RecurrentCellKind::Gru:
    return gruStep(d, x, w, prev);
  case RecurrentCellKind::Rnn:
    return rnnStep(d, x, w, prev);
  }
  llvm_unreachable("unknown recurrent cell");
}

RecurrentState RecurrentCellBuilder::lstmStep(int64_t d, Value x,
                                              const RecurrentStepWeights &w,
                                              RecurrentState prev) {
  Value gatesIn =
      AddOp::create(b, x, MatmulOp::create(b, prev.h, w.recurrence));
  Value inGate = gateBlock(gatesIn, 0), outGate = gateBlock(gatesIn, 1),
        forgetGate = gateBlock(gatesIn, 2), cellGate = gateBlock(gatesIn, 3);
  if (w.peepholeIn) {
    inGate = AddOp::create(b, inGate, MulOp::create(b, w.peepholeIn, prev.c));
    forgetGate = AddOp::create(b, forgetGate,
                               MulOp::create(b, w.peepholeForget, prev.c));
  }
  Value i = activate(inGate, d, 0), f = activate(forgetGate, d, 0),
        g = activate(cellGate, d, 1);
  // The previous cell state comes first so that the new one takes its
  // (batch) size from it.
  Value c =
      AddOp::create(b, MulOp::create(b, prev.c, f), MulOp::create(b, i, g));
  if (w.peepholeOut)
    outGate = AddOp::create(b, outGate, MulOp::create(b, w.peepholeOut, c));
  Value o = activate(outGate, d, 0);
  return {MulOp::create(b, o, activate(c, d, 2, /*clipInput=*/false)), c};
}

RecurrentState RecurrentCellBuilder::gruStep(int64_t d, Value x,
                                             const RecurrentStepWeights &w,
                                             RecurrentState prev) {
  Value updateIn, resetIn, hiddenIn;
  Value xzr = gateBlocks(x, 0, 2), xh = gateBlock(x, 2);
  if (linearBeforeReset) {
    Value hr = MatmulOp::create(b, prev.h, w.recurrence);
    Value zr = AddOp::create(b, xzr, gateBlocks(hr, 0, 2));
    updateIn = gateBlock(zr, 0);
    resetIn = gateBlock(zr, 1);
    Value r = activate(resetIn, d, 0);
    Value hh = gateBlock(hr, 2);
    if (w.hiddenBias)
      hh = AddOp::create(b, hh, w.hiddenBias);
    hiddenIn = AddOp::create(b, xh, MulOp::create(b, r, hh));
  } else {
    Value zr =
        AddOp::create(b, xzr, MatmulOp::create(b, prev.h, w.updateReset));
    updateIn = gateBlock(zr, 0);
    resetIn = gateBlock(zr, 1);
    Value r = activate(resetIn, d, 0);
    hiddenIn = AddOp::create(
        b, xh, MatmulOp::create(b, MulOp::create(b, r, prev.h), w.hiddenBlock));
  }
  Value z = activate(updateIn, d, 0);
  Value candidate = activate(hiddenIn, d, 1);
  // (1 - z) * candidate + z * h_prev.
  Value h = AddOp::create(
      b, candidate, MulOp::create(b, z, SubOp::create(b, prev.h, candidate)));
  return {h, Value()};
}

RecurrentState RecurrentCellBuilder::rnnStep(int64_t d, Value x,
                                             const RecurrentStepWeights &w,
                                             RecurrentState prev) {
  Value in = AddOp::create(b, x, MatmulOp::create(b, prev.h, w.recurrence));
  return {activate(in, d, 0), Value()};
}

Value RecurrentCellBuilder::stackDirections(ArrayRef<Value> states) {
  SmallVector<Value> expanded;
  for (Value state : states)
    expanded.push_back(reshape(state, {1, batch, hidden}));
  if (expanded.size() == 1)
    return expanded.front();
  return ConcatOp::create(b, expanded, 0);
}
