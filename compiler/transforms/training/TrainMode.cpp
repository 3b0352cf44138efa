//===- TrainMode.cpp - The training forms of dropout and batch norm -------===//
//
// See TrainMode.h. The training forms are compositions of kiln ops, so their
// gradients come from the rules of those ops: the gradient of the batch
// statistics flows through kiln.batch_norm's rule for its mean and variance
// operands and through the reductions that computed them.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/training/TrainMode.h"
#include "compiler/transforms/training/KilnMath.h"
#include "compiler/transforms/training/TrainingModule.h"
#include "dialects/kiln/GradientEmitter.h"

#include "llvm/ADT/DenseSet.h"

using namespace mlir;

namespace kiln {

namespace {

bool isRandomOp(Operation *op) {
  return isa<RandomUniformOp, RandomNormalOp, BernoulliOp>(op);
}

/// x * bernoulli(1 - rate) / (1 - rate), drawing from `state` and advancing
/// it.
Value trainingDropout(OpBuilder &b, DropoutOp op, Value &state) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  double rate = op.getRate().convertToDouble();
  if (rate <= 0)
    return x;
  if (rate >= 1)
    return zerosLike(b, loc, x);
  auto mask = BernoulliOp::create(b, loc, x.getType(), state.getType(), state,
                                  x, b.getF64FloatAttr(1 - rate));
  state = mask.getNextState();
  KilnMath m(b, loc);
  return m.mul(m.mul(x, mask.getResult()), 1.0 / (1.0 - rate));
}

/// A running statistic of a batch_norm and its new value.
struct RunningUpdate {
  unsigned argument;
  Value value;
};

class BatchNormRewriter {
public:
  explicit BatchNormRewriter(func::FuncOp func) : func(func) {}

  /// Replaces `op` by its training form; appends the updates of its running
  /// statistics to `updates`.
  LogicalResult rewrite(OpBuilder &b, BatchNormOp op,
                        SmallVectorImpl<RunningUpdate> &updates);

private:
  /// The argument number of `value` when it is an argument of `func`.
  std::optional<unsigned> argumentNumber(Value value);
  /// n / (n - 1), n being the elements of `x` per channel: a number when
  /// the shape is static, else a per-channel tensor.
  FailureOr<Value> besselFactor(KilnMath &m, BatchNormOp op,
                                ArrayRef<int64_t> axes);

  func::FuncOp func;
  llvm::SmallDenseSet<unsigned> updated;
};

std::optional<unsigned> BatchNormRewriter::argumentNumber(Value value) {
  auto argument = dyn_cast<BlockArgument>(value);
  if (!argument || argument.getOwner() != &func.getBody().front())
    return std::nullopt;
  return argument.getArgNumber();
}

FailureOr<Value> BatchNormRewriter::besselFactor(KilnMath &m, BatchNormOp op,
                                                 ArrayRef<int64_t> axes) {
  Value x = op.getInput();
  auto type = cast<RankedTensorType>(x.getType());
  int64_t count = 1;
  bool dynamic = false;
  for (int64_t axis : axes) {
    if (type.isDynamicDim(axis))
      dynamic = true;
    else
      count *= type.getDimSize(axis);
  }
  Type elementType = type.getElementType();
  if (!dynamic) {
    if (count < 2)
      return op.emitOpError("in train mode needs more than one value per "
                            "channel to update its running variance");
    return m.scalar(static_cast<double>(count) / (count - 1), elementType);
  }
  // The count per channel at run time: a sum of ones over the reduced axes.
  Value ones = m.add(zerosLike(m.builder(), m.location(), x), 1.0);
  Value n = m.sum(ones, axes);
  return m.div(n, m.add(n, -1.0));
}

LogicalResult
BatchNormRewriter::rewrite(OpBuilder &b, BatchNormOp op,
                           SmallVectorImpl<RunningUpdate> &updates) {
  Location loc = op.getLoc();
  KilnMath m(b, loc);
  Value x = op.getInput();
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<int64_t> axes;
  for (int64_t axis = 0; axis < rank; ++axis)
    if (axis != 1)
      axes.push_back(axis);
  // [C] broadcasts against x as [C, 1, ..., 1].
  SmallVector<int64_t> channelShape(rank - 1, 1);
  channelShape[0] = cast<RankedTensorType>(op.getScale().getType()).getDimSize(0);

  Value mean = m.mean(x, axes);
  Value centered = m.sub(x, reshapeTo(b, loc, mean, channelShape));
  Value variance = m.mean(m.square(centered), axes);
  Value normalized =
      BatchNormOp::create(b, loc, x, op.getScale(), op.getOffset(), mean,
                          variance, op.getEpsilonAttr(), op.getMomentumAttr());

  double momentum = op.getMomentum().convertToDouble();
  auto blend = [&](Value running, Value batch) {
    Value kept = m.mul(running, momentum);
    return m.add(kept, m.mul(batch, 1.0 - momentum));
  };
  std::optional<unsigned> meanArgument = argumentNumber(op.getMean());
  std::optional<unsigned> varianceArgument = argumentNumber(op.getVariance());
  for (std::optional<unsigned> argument : {meanArgument, varianceArgument})
    if (argument && !updated.insert(*argument).second)
      return op.emitOpError("in train mode shares the running statistic "
                            "in argument ")
             << *argument << " with another batch_norm";
  if (meanArgument)
    updates.push_back({*meanArgument, blend(op.getMean(), mean)});
  if (varianceArgument) {
    FailureOr<Value> factor = besselFactor(m, op, axes);
    if (failed(factor))
      return failure();
    updates.push_back(
        {*varianceArgument, blend(op.getVariance(), m.mul(variance, *factor))});
  }
  op.replaceAllUsesWith(normalized);
  op.erase();
  return success();
}

} // namespace

bool needsRandomState(func::FuncOp func) {
  bool needed = false;
  func.walk([&](Operation *op) {
    auto dropout = dyn_cast<DropoutOp>(op);
    if (isRandomOp(op) || (dropout && dropout.getRate().convertToDouble() > 0))
      needed = true;
  });
  return needed;
}

FailureOr<TrainModeSignature> convertToTrainMode(func::FuncOp func) {
  MLIRContext *context = func.getContext();
  TrainModeSignature signature;
  signature.randomState = needsRandomState(func);
  Value state;
  if (signature.randomState) {
    unsigned index = func.getNumArguments();
    auto type = RankedTensorType::get({2}, IntegerType::get(context, 64));
    if (failed(func.insertArgument(index, type, {}, func.getLoc())))
      return failure();
    nameArgument(func, index, "rng");
    state = func.getArgument(index);
  }

  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (isRandomOp(op) || isa<DropoutOp, BatchNormOp>(op))
      ops.push_back(op);
  });
  OpBuilder b(context);
  BatchNormRewriter batchNorms(func);
  SmallVector<RunningUpdate> updates;
  for (Operation *op : ops) {
    b.setInsertionPoint(op);
    if (isRandomOp(op)) {
      // Every random op takes its state as operand 0 and returns the next
      // state as result 1.
      op->setOperand(0, state);
      state = op->getResult(1);
    } else if (auto dropout = dyn_cast<DropoutOp>(op)) {
      Value result = trainingDropout(b, dropout, state);
      dropout.replaceAllUsesWith(result);
      dropout.erase();
    } else if (failed(batchNorms.rewrite(b, cast<BatchNormOp>(op), updates))) {
      return failure();
    }
  }

  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  for (const RunningUpdate &update : updates) {
    signature.updatedArguments.push_back(update.argument);
    results.push_back(update.value);
  }
  if (signature.randomState)
    results.push_back(state);
  for (unsigned i = ret.getNumOperands(); i < results.size(); ++i) {
    if (failed(func.insertResult(i, results[i].getType(), {})))
      return failure();
    std::string name = "new_rng";
    if (i - ret.getNumOperands() < updates.size()) {
      unsigned argument = updates[i - ret.getNumOperands()].argument;
      auto argName = func.getArgAttrOfType<StringAttr>(argument, "kiln.name");
      name = "new_" + (argName ? argName.str()
                               : "arg" + std::to_string(argument));
    }
    nameResult(func, i, name);
  }
  ret->setOperands(results);
  return signature;
}

} // namespace kiln
