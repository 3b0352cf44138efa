//===- LowerRecurrent.cpp - Recurrent layers as loops of kiln ops ---------===//
//
// Rewrites kiln.lstm, kiln.gru and kiln.rnn into, per direction, one matrix
// product projecting the input of every time step at once, then an scf.for
// over the time steps that carries the hidden (and cell) state and the
// output sequence as tensors. The loop body is one step of the cell built by
// RecurrentCellBuilder (kiln matmul, slice, elementwise ops and activations)
// plus tensor.extract_slice / insert_slice at the step index, so it lowers
// through the ordinary kiln-to-linalg conversion.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/RecurrentCell.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace kiln {
#define GEN_PASS_DEF_LOWERRECURRENT
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Builds the loops of one recurrent op.
class RecurrentLowering {
public:
  explicit RecurrentLowering(Operation *op)
      : op(op), b(op->getLoc(), op), cell(op, b) {}

  /// Replaces the op by its loops.
  void lower() {
    Value batchSize = tensor::DimOp::create(b, cell.input, 1);
    Value seqSize = tensor::DimOp::create(b, cell.input, 0);
    auto outputType = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<Value> outputSizes;
    if (ShapedType::isDynamic(cell.seqLength))
      outputSizes.push_back(seqSize);
    if (ShapedType::isDynamic(cell.batch))
      outputSizes.push_back(batchSize);
    Value output = tensor::EmptyOp::create(b, outputType, outputSizes);
    SmallVector<Value> finalH, finalC;
    for (int64_t d = 0; d < cell.dirs; ++d) {
      RecurrentDirection direction = cell.prepareDirection(
          d, [&] { return cell.filledZeroState(batchSize); });
      auto [state, written] = runDirection(d, direction, output, seqSize);
      output = written;
      finalH.push_back(state.h);
      finalC.push_back(state.c);
    }
    SmallVector<Value> results = {output, cell.stackDirections(finalH)};
    if (cell.kind == RecurrentCellKind::Lstm)
      results.push_back(cell.stackDirections(finalC));
    op->replaceAllUsesWith(results);
    op->erase();
  }

private:
  /// The scf.for of direction `d`, writing its hidden states into
  /// `output[:, d]`; returns the final states and the written output.
  std::pair<RecurrentState, Value> runDirection(int64_t d,
                                                const RecurrentDirection &dir,
                                                Value output, Value seqSize) {
    int64_t batch = cell.batch, hidden = cell.hidden;
    int64_t gateWidth = cell.gates * hidden;
    Value zero = arith::ConstantIndexOp::create(b, 0);
    Value one = arith::ConstantIndexOp::create(b, 1);
    SmallVector<Value> inits = {ownedState(dir.initial.h)};
    if (dir.initial.c)
      inits.push_back(ownedState(dir.initial.c));
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
          if (dir.reverse)
            t = arith::SubIOp::create(b, arith::SubIOp::create(b, seqSize, one),
                                      iv);
          auto stepType =
              RankedTensorType::get({batch, gateWidth}, cell.elementType);
          SmallVector<OpFoldResult> offsets = {t, b.getIndexAttr(0),
                                               b.getIndexAttr(0)};
          SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), batchFold,
                                             b.getIndexAttr(gateWidth)};
          SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
          Value x = tensor::ExtractSliceOp::create(b, stepType, dir.projected,
                                                   offsets, sizes, strides);
          RecurrentState prev = {args[0], dir.initial.c ? args[1] : Value()};
          RecurrentState next = cell.step(d, x, dir.weights, prev);
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
    RecurrentState state;
    state.h = loop.getResult(0);
    if (dir.initial.c)
      state.c = loop.getResult(1);
    return {state, loop.getResults().back()};
  }

  /// The loop writes each step's state into the carried one (`carry`), so
  /// an initial state given as an operand (a view of a caller's buffer,
  /// which must stay unchanged) is first copied into a tensor of its own;
  /// zeros made by a linalg.fill already are.
  Value ownedState(Value initial) {
    if (initial.getDefiningOp<linalg::FillOp>())
      return initial;
    auto type = cast<RankedTensorType>(initial.getType());
    SmallVector<Value> sizes;
    for (int64_t i = 0; i < type.getRank(); ++i)
      if (type.isDynamicDim(i))
        sizes.push_back(tensor::DimOp::create(b, initial, i));
    return carry(initial, tensor::EmptyOp::create(b, type, sizes));
  }

  /// `value` written into the loop-carried tensor `carried`.
  Value carry(Value value, Value carried) {
    return linalg::CopyOp::create(b, value, carried).getResult(0);
  }

  Operation *op;
  ImplicitLocOpBuilder b;
  RecurrentCellBuilder cell;
};

struct LowerRecurrentPass : kiln::impl::LowerRecurrentBase<LowerRecurrentPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<LstmOp, GruOp, RnnOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops)
      RecurrentLowering(op).lower();
  }
};

} // namespace
