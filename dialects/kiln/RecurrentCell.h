//===- RecurrentCell.h - Recurrent time steps as kiln ops -------*- C++ -*-===//
//
// Builds the kiln ops of kiln.lstm, kiln.gru and kiln.rnn: the input
// projection of every time step, the weights one step uses, and one step of
// a cell. The kiln-lower-recurrent pass puts the step into an scf.for;
// automatic differentiation unrolls it (RecurrentExpansion.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_RECURRENTCELL_H
#define KILN_DIALECT_RECURRENTCELL_H

#include "dialects/kiln/RecurrentActivations.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace kiln {

enum class RecurrentCellKind { Lstm, Gru, Rnn };

/// The states one time step carries and produces (`c` for LSTM only).
struct RecurrentState {
  mlir::Value h, c;
};

/// One direction's weights as a step uses them, prepared before the steps:
/// R^T (or its parts), and the parts of the biases and peepholes that act
/// inside the step.
struct RecurrentStepWeights {
  /// R^T [hidden, G * hidden] (LSTM, RNN, GRU with linear_before_reset).
  mlir::Value recurrence;
  /// GRU without linear_before_reset: R^T's update and reset blocks, and
  /// its hidden block, which multiplies the reset state.
  mlir::Value updateReset, hiddenBlock;
  /// GRU with linear_before_reset: the hidden gate's recurrence bias.
  mlir::Value hiddenBias;
  /// LSTM peepholes of the input, output and forget gates.
  mlir::Value peepholeIn, peepholeOut, peepholeForget;
};

/// What one direction's steps start from.
struct RecurrentDirection {
  /// Whether the direction walks the sequence from its end.
  bool reverse;
  /// The input's contribution to every gate at every step, [seq, batch, G *
  /// hidden], with the biases that do not depend on the state.
  mlir::Value projected;
  RecurrentStepWeights weights;
  RecurrentState initial;
};

/// Builds the ops of one verified recurrent op with `b`.
class RecurrentCellBuilder {
public:
  RecurrentCellBuilder(mlir::Operation *op, mlir::ImplicitLocOpBuilder &b);

  /// The projection, weights and initial states of direction `d`;
  /// `zeroState` builds a [batch, hidden] tensor of zeros for an initial
  /// state the op does not take.
  RecurrentDirection
  prepareDirection(int64_t d, llvm::function_ref<mlir::Value()> zeroState);

  /// A [batch, hidden] tensor of zeros: tensor.empty and linalg.fill, with
  /// `batchSize` the input's dimension 1 (an index value).
  mlir::Value filledZeroState(mlir::Value batchSize);
  /// A [batch, hidden] tensor of zeros made of kiln ops alone (a dynamic
  /// batch is taken from the input through kiln.zeros_like, so no gradient
  /// flows through it).
  mlir::Value kilnZeroState();

  /// One step of direction `d`; `x` is the step's [batch, G * hidden] slice
  /// of the projection, or [1, batch, G * hidden] (then the new states are
  /// [1, batch, hidden] too: the ops broadcast, gates are sliced from the
  /// last axis).
  RecurrentState step(int64_t d, mlir::Value x, const RecurrentStepWeights &w,
                      RecurrentState prev);

  /// [dirs, batch, hidden] from each direction's [batch, hidden] state.
  mlir::Value stackDirections(llvm::ArrayRef<mlir::Value> states);

  /// Reshapes to `shape`, its one dynamic entry (if any) inferred.
  mlir::Value reshape(mlir::Value value, llvm::ArrayRef<int64_t> shape);
  /// Elements [start, end) of `value` along `axis`.
  mlir::Value slice(mlir::Value value, int64_t axis, int64_t start,
                    int64_t end);

  mlir::Operation *op;
  RecurrentCellKind kind;
  mlir::Value input, weight, recurrence, bias, initialH, initialC, peephole;
  mlir::Type elementType;
  int64_t seqLength, batch, inputSize, hidden, gates, dirs;
  llvm::StringRef directionName;

private:
  /// Gate blocks [first, end) of `value`'s last axis.
  mlir::Value gateBlocks(mlir::Value value, int64_t first, int64_t end);
  mlir::Value gateBlock(mlir::Value value, int64_t gate);
  mlir::Value directionSlice(mlir::Value value, int64_t d);
  mlir::Value transpose(mlir::Value matrix);
  mlir::Value scalar(double value);
  mlir::Value projectInput(mlir::Value weight, mlir::Value wb, mlir::Value rb);
  RecurrentStepWeights prepareStepWeights(mlir::Value transposedR,
                                          mlir::Value rb, mlir::Value peephole);
  mlir::Value applyClip(mlir::Value x);
  mlir::Value activate(mlir::Value x, int64_t d, unsigned index,
                       bool clipInput = true);
  RecurrentState lstmStep(int64_t d, mlir::Value x,
                          const RecurrentStepWeights &w, RecurrentState prev);
  RecurrentState gruStep(int64_t d, mlir::Value x,
                         const RecurrentStepWeights &w, RecurrentState prev);
  RecurrentState rnnStep(int64_t d, mlir::Value x,
                         const RecurrentStepWeights &w, RecurrentState prev);

  mlir::ImplicitLocOpBuilder &b;
  llvm::SmallVector<RecurrentActivation> activations;
  std::optional<double> clip;
  mlir::Value clipLow, clipHigh;
  bool linearBeforeReset = false;
};

} // namespace kiln

#endif // KILN_DIALECT_RECURRENTCELL_H
