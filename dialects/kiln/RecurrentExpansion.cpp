//===- RecurrentExpansion.cpp - Recurrent ops unrolled for autodiff -------===//
//
// Automatic differentiation replaces kiln.lstm, kiln.gru and kiln.rnn by
// their time steps unrolled into kiln ops, which all have gradient rules, and
// differentiates those: back-propagation through time falls out of the
// reverse sweep over the unrolled steps. The steps are the ones the
// kiln-lower-recurrent pass puts in its loop (RecurrentCell.h), so the
// forward values agree with the lowered op. The expansion is made of kiln ops
// alone. The sequence length must be static; the batch may be dynamic.
//
//===----------------------------------------------------------------------===//

#include "dialects/kiln/KilnOps.h"
#include "dialects/kiln/RecurrentCell.h"

using namespace mlir;
using namespace kiln;

namespace {

LogicalResult expandRecurrent(Operation *op, OpBuilder &builder,
                              SmallVectorImpl<Value> &results) {
  auto inputType = cast<RankedTensorType>(op->getOperand(0).getType());
  int64_t seqLength = inputType.getDimSize(0);
  if (ShapedType::isDynamic(seqLength))
    return op->emitOpError(
        "with a dynamic sequence length cannot be differentiated: its "
        "gradient unrolls the time steps, which needs a static length");
  if (seqLength == 0)
    return op->emitOpError("with an empty sequence cannot be differentiated");

  ImplicitLocOpBuilder b(op->getLoc(), builder);
  RecurrentCellBuilder cell(op, b);
  Value zeros;
  auto zeroState = [&] {
    if (!zeros)
      zeros = cell.kilnZeroState();
    return zeros;
  };
  SmallVector<Value> perDirection, finalH, finalC;
  for (int64_t d = 0; d < cell.dirs; ++d) {
    RecurrentDirection direction = cell.prepareDirection(d, zeroState);
    RecurrentState state = direction.initial;
    SmallVector<Value> outputs(seqLength);
    for (int64_t s = 0; s < seqLength; ++s) {
      int64_t t = direction.reverse ? seqLength - 1 - s : s;
      // The step's [1, batch, G * hidden] slice, not reshaped to rank 2:
      // the gradient of a rank-reducing reshape of the sum of the gates'
      // gradients (pads) trips linalg-fuse-elementwise-ops (its expand_shape
      // propagation through tensor.pad uses a size defined after the pad).
      Value x = cell.slice(direction.projected, 0, t, t + 1);
      state = cell.step(d, x, direction.weights, state);
      outputs[t] = cell.reshape(state.h, {1, 1, cell.batch, cell.hidden});
    }
    perDirection.push_back(outputs.size() == 1
                               ? outputs.front()
                               : ConcatOp::create(b, outputs, 0).getResult());
    finalH.push_back(state.h);
    finalC.push_back(state.c);
  }
  results.clear();
  results.push_back(perDirection.size() == 1
                        ? perDirection.front()
                        : ConcatOp::create(b, perDirection, 1).getResult());
  results.push_back(cell.stackDirections(finalH));
  if (cell.kind == RecurrentCellKind::Lstm)
    results.push_back(cell.stackDirections(finalC));
  return success();
}

} // namespace

LogicalResult LstmOp::buildGradientExpansion(OpBuilder &builder,
                                             SmallVectorImpl<Value> &results) {
  return expandRecurrent(getOperation(), builder, results);
}

LogicalResult GruOp::buildGradientExpansion(OpBuilder &builder,
                                            SmallVectorImpl<Value> &results) {
  return expandRecurrent(getOperation(), builder, results);
}

LogicalResult RnnOp::buildGradientExpansion(OpBuilder &builder,
                                            SmallVectorImpl<Value> &results) {
  return expandRecurrent(getOperation(), builder, results);
}
