//===- LowerRecurrent.cpp - Recurrent layers as loops of kiln ops ---------===//
//
// Rewrites kiln.lstm, kiln.gru and kiln.rnn into, per direction, one matrix
// product projecting the input of every time step at once, then an scf.for
// over the time steps that carries the hidden (and cell) state and the
// output sequence as tensors. The loop body is made of kiln ops (matmul,
// slice, elementwise ops and activations) plus tensor.extract_slice /
// insert_slice at the step index, so it lowers through the ordinary
// kiln-to-linalg conversion.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/RecurrentActivations.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace kiln {
#define GEN_PASS_DEF_LOWERRECURRENT
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

enum class CellKind { Lstm, Gru, Rnn };

/// The states one time step carries and produces.
struct StepState {
  Value h, c;
};

/// One direction's weights as the loop body uses them, prepared before the
/// loop: R^T (or its parts), and the parts of the biases and peepholes that
/// act inside the step.
struct StepWeights {
  /// R^T [hidden, G * hidden] (LSTM, RNN, GRU with linear_before_reset).
  Value recurrence;
  /// GRU without linear_before_reset: R^T's update and reset blocks, and
  /// its hidden block, which multiplies the reset state.
  Value updateReset, hiddenBlock;
  /// GRU with linear_before_reset: the hidden gate's recurrence bias.
  Value hiddenBias;
  /// LSTM peepholes of the input, output and forget gates.
  Value peepholeIn, peepholeOut, peepholeForget;
};

/// Builds the loops of one recurrent op.
class RecurrentLowering {
public:
  RecurrentLowering(Operation *op, CellKind kind)
      : op(op), kind(kind), b(op->getLoc(), op) {
    input = op->getOperand(0);
    auto inputType = cast<RankedTensorType>(input.getType());
    elementType = inputType.getElementType();
    seqLength = inputType.getDimSize(0);
    batch = inputType.getDimSize(1);
    inputSize = inputType.getDimSize(2);
    hidden = op->getAttrOfType<IntegerAttr>("hidden_size").getInt();
    gates = kind == CellKind::Lstm ? 4 : kind == CellKind::Gru ? 3 : 1;
    auto direction = op->getAttrOfType<StringAttr>("direction");
    directionName = direction ? direction.getValue() : "forward";
    dirs = *recurrentDirectionCount(directionName);
    activations = resolveRecurrentActivations(op);
    if (auto clipAttr = op->getAttrOfType<FloatAttr>("clip"))
      clip = clipAttr.getValueAsDouble();
    if (auto lbr = op->getAttrOfType<BoolAttr>("linear_before_reset"))
      linearBeforeReset = lbr.getValue();
  }

  /// Replaces the op by its loops.
  void lower(Value weight, Value recurrence, Value bias, Value initialH,
             Value initialC, Value peephole) {
    if (clip) {
      clipLow = scalar(-*clip);
      clipHigh = scalar(*clip);
    }
    Value batchSize = tensor::DimOp::create(b, input, 1);
    Value seqSize = tensor::DimOp::create(b, input, 0);
    auto outputType = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<Value> outputSizes;
    if (ShapedType::isDynamic(seqLength))
      outputSizes.push_back(seqSize);
    if (ShapedType::isDynamic(batch))
      outputSizes.push_back(batchSize);
    Value output = tensor::EmptyOp::create(b, outputType, outputSizes);
    SmallVector<Value> finalH, finalC;
    for (int64_t d = 0; d < dirs; ++d) {
      bool reverse = directionName == "reverse" || d == 1;
      Value h0 = initialH ? directionSlice(initialH, d) : zeroState(batchSize);
      Value c0;
      if (kind == CellKind::Lstm)
        c0 = initialC ? directionSlice(initialC, d) : zeroState(batchSize);
      Value wb, rb;
      if (bias) {
        Value biasD = directionSlice(bias, d);
        wb = slice(biasD, 0, 0, gates * hidden);
        rb = slice(biasD, 0, gates * hidden, 2 * gates * hidden);
      }
      Value projected = projectInput(directionSlice(weight, d), wb, rb);
      StepWeights weights =
          prepareStepWeights(transpose(directionSlice(recurrence, d)), rb,
                             peephole ? directionSlice(peephole, d) : Value());
      DirectionState s = runDirection(d, reverse, projected, weights, {h0, c0},
                                      output, seqSize);
      output = s.output;
      finalH.push_back(s.state.h);
      finalC.push_back(s.state.c);
    }
    SmallVector<Value> results = {output, stackDirections(finalH)};
    if (kind == CellKind::Lstm)
      results.push_back(stackDirections(finalC));
    op->replaceAllUsesWith(results);
    op->erase();
  }

private:
  struct DirectionState {
    StepState state;
    Value output;
  };

  /// `shape` as a reshape target: its one dynamic entry, if any, as -1.
  static SmallVector<int64_t> reshapeTarget(ArrayRef<int64_t> shape) {
    SmallVector<int64_t> target(shape);
    for (int64_t &d : target)
      if (ShapedType::isDynamic(d))
        d = -1;
    return target;
  }

  Value reshape(Value value, ArrayRef<int64_t> shape) {
    return ReshapeOp::create(b, value, reshapeTarget(shape));
  }

  /// Elements [start, end) of `value` along `axis`.
  Value slice(Value value, int64_t axis, int64_t start, int64_t end) {
    SmallVector<int64_t> axes = {axis}, starts = {start}, ends = {end},
                         steps = {1};
    return SliceOp::create(b, value, axes, starts, ends, steps);
  }

  /// Gate block `gate` (of `hidden` units) of `value`'s last axis.
  Value gateBlock(Value value, int64_t gate) {
    int64_t axis = cast<RankedTensorType>(value.getType()).getRank() - 1;
    return slice(value, axis, gate * hidden, (gate + 1) * hidden);
  }

  /// Direction `d` of a [dirs, ...] operand, without the leading axis.
  Value directionSlice(Value value, int64_t d) {
    Value sliced = slice(value, 0, d, d + 1);
    return reshape(
        sliced,
        cast<RankedTensorType>(value.getType()).getShape().drop_front());
  }

  Value transpose(Value matrix) {
    SmallVector<int64_t> perm = {1, 0};
    return TransposeOp::create(b, matrix, perm);
  }

  Value scalar(double value) {
    auto type = RankedTensorType::get({}, elementType);
    return ConstantOp::create(
        b, DenseElementsAttr::get(type, b.getFloatAttr(elementType, value)));
  }

  /// A [batch, hidden] tensor of zeros.
  Value zeroState(Value batchSize) {
    auto type = RankedTensorType::get({batch, hidden}, elementType);
    Value empty = tensor::EmptyOp::create(
        b, type,
        ShapedType::isDynamic(batch) ? ValueRange{batchSize} : ValueRange{});
    Value zero = arith::ConstantOp::create(b, b.getFloatAttr(elementType, 0.0));
    return linalg::FillOp::create(b, zero, empty).getResult(0);
  }

  /// The input's contribution to every gate at every time step, [seq,
  /// batch, G * hidden]: one product of all steps' inputs with W^T, plus
  /// the biases that do not depend on the state.
  Value projectInput(Value weight, Value wb, Value rb) {
    // One rank-2 product over all steps and batch rows; a broadcasting
    // rank-3 product when both the length and the batch are dynamic (a
    // reshape infers one dynamic size only).
    bool bothDynamic =
        ShapedType::isDynamic(seqLength) && ShapedType::isDynamic(batch);
    Value rows = input;
    if (!bothDynamic)
      rows = reshape(input, {ShapedType::isDynamic(seqLength) ||
                                     ShapedType::isDynamic(batch)
                                 ? ShapedType::kDynamic
                                 : seqLength * batch,
                             inputSize});
    Value projected = MatmulOp::create(b, rows, transpose(weight));
    if (wb) {
      Value stepBias = AddOp::create(b, wb, rb);
      // GRU with linear_before_reset adds the hidden gate's recurrence bias
      // inside the reset product, in the loop.
      if (kind == CellKind::Gru && linearBeforeReset)
        stepBias = ConcatOp::create(
            b, ValueRange{slice(stepBias, 0, 0, 2 * hidden), gateBlock(wb, 2)},
            0);
      projected = AddOp::create(b, projected, stepBias);
    }
    if (bothDynamic)
      return projected;
    return reshape(projected, {seqLength, batch, gates * hidden});
  }

  StepWeights prepareStepWeights(Value transposedR, Value rb, Value peephole) {
    StepWeights w;
    if (kind == CellKind::Gru && !linearBeforeReset) {
      w.updateReset = slice(transposedR, 1, 0, 2 * hidden);
      w.hiddenBlock = gateBlock(transposedR, 2);
    } else {
      w.recurrence = transposedR;
    }
    if (kind == CellKind::Gru && linearBeforeReset && rb)
      w.hiddenBias = gateBlock(rb, 2);
    if (peephole) {
      w.peepholeIn = gateBlock(peephole, 0);
      w.peepholeOut = gateBlock(peephole, 1);
      w.peepholeForget = gateBlock(peephole, 2);
    }
    return w;
  }

  Value applyClip(Value x) {
    if (!clip)
      return x;
    return MinOp::create(b, MaxOp::create(b, x, clipLow), clipHigh);
  }

  /// Activation function `index` of direction `d` applied to `x`, after
  /// clipping a gate's input (`clipInput`; the LSTM cell state is not
  /// clipped).
  Value activate(Value x, int64_t d, unsigned index, bool clipInput = true) {
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
      return MaxOp::create(b, MinOp::create(b, affine, scalar(1.0)),
                           scalar(0.0));
    assert(name == "scaled_tanh" && "activation checked by the verifier");
    Value scaled = MulOp::create(b, x, scalar(a.beta));
    return MulOp::create(b, TanhOp::create(b, scaled), scalar(a.alpha));
  }

  /// One LSTM step; `x` holds the step's input contribution to the gates.
  StepState lstmStep(int64_t d, Value x, const StepWeights &w, StepState prev) {
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

  /// One GRU step.
  StepState gruStep(int64_t d, Value x, const StepWeights &w, StepState prev) {
    Value updateIn, resetIn, hiddenIn;
    Value xzr = slice(x, 1, 0, 2 * hidden), xh = gateBlock(x, 2);
    if (linearBeforeReset) {
      Value hr = MatmulOp::create(b, prev.h, w.recurrence);
      Value zr = AddOp::create(b, xzr, slice(hr, 1, 0, 2 * hidden));
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
          b, xh,
          MatmulOp::create(b, MulOp::create(b, r, prev.h), w.hiddenBlock));
    }
    Value z = activate(updateIn, d, 0);
    Value candidate = activate(hiddenIn, d, 1);
    // (1 - z) * candidate + z * h_prev.
    Value h = AddOp::create(
        b, candidate, MulOp::create(b, z, SubOp::create(b, prev.h, candidate)));
    return {h, Value()};
  }

  StepState rnnStep(int64_t d, Value x, const StepWeights &w, StepState prev) {
    Value in = AddOp::create(b, x, MatmulOp::create(b, prev.h, w.recurrence));
    return {activate(in, d, 0), Value()};
  }

  /// The scf.for of direction `d`, writing its hidden states into
  /// `output[:, d]`.
  DirectionState runDirection(int64_t d, bool reverse, Value projected,
                              const StepWeights &weights, StepState initial,
                              Value output, Value seqSize) {
    Value zero = arith::ConstantIndexOp::create(b, 0);
    Value one = arith::ConstantIndexOp::create(b, 1);
    SmallVector<Value> inits = {initial.h};
    if (initial.c)
      inits.push_back(initial.c);
    inits.push_back(output);
    auto loop = scf::ForOp::create(
        b, zero, seqSize, one, inits,
        [&](OpBuilder &nested, Location loc, Value iv, ValueRange args) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          // A dynamic batch size is read from the carried hidden state, so
          // that every step's tensors derive their size from the loop's own
          // state and value-bounds analysis sees it unchanged by the loop.
          OpFoldResult batchFold =
              ShapedType::isDynamic(batch)
                  ? OpFoldResult(tensor::DimOp::create(b, args[0], 0))
                  : OpFoldResult(b.getIndexAttr(batch));
          Value t = iv;
          if (reverse)
            t = arith::SubIOp::create(b, arith::SubIOp::create(b, seqSize, one),
                                      iv);
          auto stepType =
              RankedTensorType::get({batch, gates * hidden}, elementType);
          SmallVector<OpFoldResult> offsets = {t, b.getIndexAttr(0),
                                               b.getIndexAttr(0)};
          SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), batchFold,
                                             b.getIndexAttr(gates * hidden)};
          SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
          Value x = tensor::ExtractSliceOp::create(b, stepType, projected,
                                                   offsets, sizes, strides);
          StepState prev = {args[0], initial.c ? args[1] : Value()};
          StepState next;
          switch (kind) {
          case CellKind::Lstm:
            next = lstmStep(d, x, weights, prev);
            break;
          case CellKind::Gru:
            next = gruStep(d, x, weights, prev);
            break;
          case CellKind::Rnn:
            next = rnnStep(d, x, weights, prev);
            break;
          }
          SmallVector<OpFoldResult> outOffsets = {
              t, b.getIndexAttr(d), b.getIndexAttr(0), b.getIndexAttr(0)};
          SmallVector<OpFoldResult> outSizes = {b.getIndexAttr(1),
                                                b.getIndexAttr(1), batchFold,
                                                b.getIndexAttr(hidden)};
          SmallVector<OpFoldResult> outStrides(4, b.getIndexAttr(1));
          Value written = tensor::InsertSliceOp::create(
              b, next.h, args.back(), outOffsets, outSizes, outStrides);
          // The new states are copied into the carried ones, whose old values
          // are dead by now, so that bufferization reuses one buffer per
          // state for the whole loop instead of yielding a new one per step.
          SmallVector<Value> yielded = {carry(next.h, args[0])};
          if (next.c)
            yielded.push_back(carry(next.c, args[1]));
          yielded.push_back(written);
          scf::YieldOp::create(b, yielded);
        });
    DirectionState result;
    result.state.h = loop.getResult(0);
    if (initial.c)
      result.state.c = loop.getResult(1);
    result.output = loop.getResults().back();
    return result;
  }

  /// `value` written into the loop-carried tensor `carried`.
  Value carry(Value value, Value carried) {
    return linalg::CopyOp::create(b, value, carried).getResult(0);
  }

  /// [dirs, batch, hidden] from each direction's [batch, hidden] state.
  Value stackDirections(ArrayRef<Value> states) {
    SmallVector<Value> expanded;
    for (Value state : states)
      expanded.push_back(reshape(state, {1, batch, hidden}));
    if (expanded.size() == 1)
      return expanded.front();
    return ConcatOp::create(b, expanded, 0);
  }

  Operation *op;
  CellKind kind;
  ImplicitLocOpBuilder b;
  Value input;
  Type elementType;
  int64_t seqLength, batch, inputSize, hidden, gates, dirs;
  StringRef directionName;
  SmallVector<RecurrentActivation> activations;
  std::optional<double> clip;
  Value clipLow, clipHigh;
  bool linearBeforeReset = false;
};

struct LowerRecurrentPass : kiln::impl::LowerRecurrentBase<LowerRecurrentPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<LstmOp, GruOp, RnnOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (auto lstm = dyn_cast<LstmOp>(op)) {
        RecurrentLowering(op, CellKind::Lstm)
            .lower(lstm.getWeight(), lstm.getRecurrence(), lstm.getBias(),
                   lstm.getInitialH(), lstm.getInitialC(), lstm.getPeephole());
      } else if (auto gru = dyn_cast<GruOp>(op)) {
        RecurrentLowering(op, CellKind::Gru)
            .lower(gru.getWeight(), gru.getRecurrence(), gru.getBias(),
                   gru.getInitialH(), Value(), Value());
      } else {
        auto rnn = cast<RnnOp>(op);
        RecurrentLowering(op, CellKind::Rnn)
            .lower(rnn.getWeight(), rnn.getRecurrence(), rnn.getBias(),
                   rnn.getInitialH(), Value(), Value());
      }
    }
  }
};

} // namespace
