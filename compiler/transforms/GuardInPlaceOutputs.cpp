//===- GuardInPlaceOutputs.cpp - Outputs that may share an input's buffer -===//
//
// An entry point's output `new_<name>` may be given the buffer of its input
// `<name>` (docs/abi.md), so that a training program updates its parameters
// and state in place. After buffer-results-to-out-params the function writes
// such an output directly into its argument, wherever the value is computed;
// if that happens before the last read of the input, the two alias wrongly.
// This pass finds each paired output's first write and the input's last read
// in the function body; when the write comes first, the output is computed
// into a temporary and copied out at the end.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_GUARDINPLACEOUTPUTS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

using ValueSet = llvm::SetVector<Value>;

/// Every value that may address the memory of `root`: the root and the
/// memref results of every op that takes one of them (views, casts, calls).
/// Fails when one is passed into a region (a loop's iteration argument) or
/// yielded, which this analysis does not follow.
FailureOr<ValueSet> aliasesOf(Value root) {
  ValueSet aliases;
  aliases.insert(root);
  for (size_t i = 0; i < aliases.size(); ++i) {
    for (Operation *user : aliases[i].getUsers()) {
      if (isa<RegionBranchOpInterface>(user) ||
          user->hasTrait<OpTrait::IsTerminator>())
        return failure();
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          aliases.insert(result);
    }
  }
  return aliases;
}

struct Access {
  bool reads = false;
  bool writes = false;
};

/// How `user` accesses the memory behind its operand `value`. An op that
/// does not describe its effects (a call) may read and write it.
Access accessOf(Operation *user, Value value) {
  auto effects = dyn_cast<MemoryEffectOpInterface>(user);
  if (!effects)
    return {true, true};
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  Access access;
  for (const MemoryEffects::EffectInstance &instance : instances) {
    if (instance.getValue() && instance.getValue() != value)
      continue;
    access.reads |= isa<MemoryEffects::Read>(instance.getEffect());
    access.writes |= isa<MemoryEffects::Write>(instance.getEffect());
  }
  return access;
}

/// True if `op` reads the input and writes the output only at the same
/// element in each iteration: a copy of the whole input into the output, or
/// a linalg op of parallel loops that addresses both through one
/// permutation map. Such an op stays right when the buffers are the same.
bool isElementwiseUpdate(Operation *op, Value input, Value output,
                         const ValueSet &inputAliases,
                         const ValueSet &outputAliases) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return copy.getSource() == input && copy.getTarget() == output;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.getNumLoops() != linalgOp.getNumParallelLoops())
    return false;
  std::optional<AffineMap> shared;
  for (OpOperand &operand : op->getOpOperands()) {
    Value value = operand.get();
    if (!inputAliases.contains(value) && !outputAliases.contains(value))
      continue;
    if (value != input && value != output)
      return false;
    AffineMap map = linalgOp.getMatchingIndexingMap(&operand);
    if (!map.isPermutation() || (shared && map != *shared))
      return false;
    shared = map;
  }
  return true;
}

/// True if the function stays right when `output` is `input`'s buffer: no
/// write into the output comes before a read of the input, except an
/// elementwise update that is both the last read and the first write.
bool isSafeToAlias(Block &body, Value input, Value output) {
  FailureOr<ValueSet> inputAliases = aliasesOf(input);
  FailureOr<ValueSet> outputAliases = aliasesOf(output);
  if (failed(inputAliases) || failed(outputAliases))
    return false;
  Operation *lastRead = nullptr, *firstWrite = nullptr;
  for (Value alias : *inputAliases) {
    for (Operation *user : alias.getUsers()) {
      if (!accessOf(user, alias).reads)
        continue;
      Operation *top = body.findAncestorOpInBlock(*user);
      if (!lastRead || lastRead->isBeforeInBlock(top))
        lastRead = top;
    }
  }
  for (Value alias : *outputAliases) {
    for (Operation *user : alias.getUsers()) {
      if (!accessOf(user, alias).writes)
        continue;
      Operation *top = body.findAncestorOpInBlock(*user);
      if (!firstWrite || top->isBeforeInBlock(firstWrite))
        firstWrite = top;
    }
  }
  if (!lastRead || !firstWrite || lastRead->isBeforeInBlock(firstWrite))
    return true;
  return lastRead == firstWrite &&
         isElementwiseUpdate(lastRead, input, output, *inputAliases,
                             *outputAliases);
}

/// Redirects every use of `output` to a new buffer and copies that buffer
/// into `output` before each return, after every read of the inputs.
LogicalResult computeIntoTemporary(func::FuncOp func, BlockArgument output) {
  auto type = cast<MemRefType>(output.getType());
  if (!type.getLayout().isIdentity())
    return func.emitError("in-place output ")
           << output.getArgNumber() << " has a non-identity layout " << type;
  Location loc = func.getLoc();
  OpBuilder b = OpBuilder::atBlockBegin(&func.getBody().front());
  SmallVector<Value> sizes;
  SmallPtrSet<Operation *, 4> sizeOps;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d))
      continue;
    auto dim = memref::DimOp::create(b, loc, output, d);
    sizes.push_back(dim);
    sizeOps.insert(dim);
  }
  Value temporary = memref::AllocOp::create(b, loc, type, sizes);
  for (OpOperand &use : llvm::make_early_inc_range(output.getUses()))
    if (!sizeOps.contains(use.getOwner()))
      use.set(temporary);
  func.walk([&](func::ReturnOp ret) {
    b.setInsertionPoint(ret);
    memref::CopyOp::create(b, ret.getLoc(), temporary, output);
  });
  return success();
}

struct GuardInPlaceOutputsPass
    : kiln::impl::GuardInPlaceOutputsBase<GuardInPlaceOutputsPass> {
  /// The temporaries are memref.alloc and memref.copy ops.
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<memref::MemRefDialect>();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    auto pairs = func->getAttrOfType<DenseI64ArrayAttr>("kiln.in_place_inputs");
    if (!pairs)
      return;
    func->removeAttr("kiln.in_place_inputs");
    int64_t numOutputs = pairs.size();
    int64_t numInputs = int64_t(func.getNumArguments()) - numOutputs;
    if (func.getNumResults() != 0 || numInputs < 0) {
      func.emitError("kiln.in_place_inputs expects a function whose ")
          << numOutputs << " results are out-parameters";
      return signalPassFailure();
    }
    Block &body = func.getBody().front();
    bool singleBlock = func.getBody().hasOneBlock();
    for (auto [r, input] : llvm::enumerate(pairs.asArrayRef())) {
      if (input < 0)
        continue;
      BlockArgument output = func.getArgument(numInputs + r);
      if (singleBlock &&
          isSafeToAlias(body, func.getArgument(input), output))
        continue;
      if (failed(computeIntoTemporary(func, output)))
        return signalPassFailure();
    }
  }
};

} // namespace
