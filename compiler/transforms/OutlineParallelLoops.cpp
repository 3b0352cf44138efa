//===- OutlineParallelLoops.cpp - Parallel loops as functions -------------===//
//
// Each outermost scf.for marked `kiln.parallel` (a parallel dim's tile loop)
// becomes a private function
//
//   func.func private @f_parallel_N(%begin: index, %end: index,
//                                   <lb, step>, <captured values>)
//       attributes {kiln.parallel_body = <cost of one iteration>}
//
// that runs the loop's iterations [begin, end) (counted from 0), and the loop
// becomes a call of it over [0, trip count). The program still runs
// sequentially; kiln-dispatch-parallel-calls later turns each such call into
// a call of kiln_parallel_for, which splits the range among threads.
//
// Loops nested in a marked loop stay in its body. A loop that is not marked
// (a reduction, the per-image loop of a convolution) is searched for marked
// loops inside it. Loops with results or a trip count known to be 1 stay.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/Support/MathExtras.h"
#include <limits>

namespace kiln {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

bool isOutlinable(scf::ForOp loop) {
  if (!loop->hasAttr(kiln::kParallelLoopAttr) || loop.getNumResults() != 0)
    return false;
  std::optional<APInt> trips = loop.getStaticTripCount();
  return !trips || trips->ugt(1);
}

/// The outermost outlinable loops of `func`.
SmallVector<scf::ForOp> findOutermost(func::FuncOp func) {
  SmallVector<scf::ForOp> found;
  func.walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
    if (!isOutlinable(loop))
      return WalkResult::advance();
    found.push_back(loop);
    return WalkResult::skip();
  });
  return found;
}

/// A rough count of the instructions one iteration of `loop` runs: each op
/// of its body times the trip counts of the loops around it inside the body
/// (64 for a trip count unknown at compile time). kiln_parallel_for runs a
/// loop of little total work on the calling thread.
int64_t estimateIterationCost(scf::ForOp loop) {
  constexpr uint64_t kUnknownTrips = 64;
  uint64_t cost = 0;
  loop.getBody()->walk([&](Operation *op) {
    uint64_t weight = 1;
    for (auto outer = op->getParentOfType<scf::ForOp>(); outer && outer != loop;
         outer = outer->getParentOfType<scf::ForOp>()) {
      std::optional<APInt> trips = outer.getStaticTripCount();
      weight = llvm::SaturatingMultiply(weight, trips ? trips->getLimitedValue()
                                                      : kUnknownTrips);
    }
    cost = llvm::SaturatingAdd(cost, weight);
  });
  return static_cast<int64_t>(
      std::min<uint64_t>(cost, std::numeric_limits<int64_t>::max()));
}

/// Creates the body function of `loop`, which takes `captured` as arguments
/// and copies the ops of `constants`.
func::FuncOp createBody(OpBuilder &builder, scf::ForOp loop,
                        ArrayRef<Value> captured, ArrayRef<Value> constants,
                        StringRef name) {
  Location loc = loop.getLoc();
  Type index = builder.getIndexType();
  SmallVector<Type> inputs = {index, index, index, index};
  for (Value value : captured)
    inputs.push_back(value.getType());
  auto body = func::FuncOp::create(builder, loc, name,
                                   builder.getFunctionType(inputs, {}));
  body.setPrivate();
  body->setAttr(kiln::kParallelBodyAttr,
                builder.getI64IntegerAttr(estimateIterationCost(loop)));
  Block *entry = body.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockBegin(entry);
  IRMapping mapping;
  for (Value value : constants)
    mapping.map(value, b.clone(*value.getDefiningOp())->getResult(0));
  Value begin = entry->getArgument(0), end = entry->getArgument(1);
  // A constant lower bound or step is used as the constant itself.
  auto boundOrArgument = [&](Value bound, unsigned argument) -> Value {
    if (Operation *def = bound.getDefiningOp())
      if (def->hasTrait<OpTrait::ConstantLike>())
        return b.clone(*def)->getResult(0);
    return entry->getArgument(argument);
  };
  Value lb = boundOrArgument(loop.getLowerBound(), 2);
  Value step = boundOrArgument(loop.getStep(), 3);
  // Iteration i runs at lb + i * step.
  Value first = arith::AddIOp::create(
      b, loc, lb, arith::MulIOp::create(b, loc, begin, step));
  Value last = arith::AddIOp::create(b, loc, lb,
                                     arith::MulIOp::create(b, loc, end, step));
  auto inner = scf::ForOp::create(b, loc, first, last, step);
  mapping.map(loop.getInductionVar(), inner.getInductionVar());
  for (auto [value, argument] :
       llvm::zip(captured, entry->getArguments().drop_front(4)))
    mapping.map(value, argument);
  b.setInsertionPointToStart(inner.getBody());
  for (Operation &op : loop.getBody()->without_terminator())
    b.clone(op, mapping);
  b.setInsertionPointToEnd(entry);
  func::ReturnOp::create(b, loc);
  return body;
}

/// Replaces `loop` by a call of its body function over every iteration.
void outline(scf::ForOp loop, func::FuncOp parent, unsigned number) {
  SetVector<Value> used;
  getUsedValuesDefinedAbove(loop.getRegion(), used);
  // Constants are copied into the body rather than passed, so that LLVM
  // still sees constant bounds and sizes there.
  SmallVector<Value> captured, constants;
  for (Value value : used) {
    Operation *def = value.getDefiningOp();
    (def && def->hasTrait<OpTrait::ConstantLike>() ? constants : captured)
        .push_back(value);
  }
  OpBuilder builder(parent);
  builder.setInsertionPointAfter(parent);
  func::FuncOp body =
      createBody(builder, loop, captured, constants,
                 (parent.getSymName() + "_parallel_" + Twine(number)).str());
  builder.setInsertionPoint(loop);
  Location loc = loop.getLoc();
  Value span = arith::SubIOp::create(builder, loc, loop.getUpperBound(),
                                     loop.getLowerBound());
  Value trips = arith::CeilDivSIOp::create(builder, loc, span, loop.getStep());
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  SmallVector<Value> operands = {zero, trips, loop.getLowerBound(),
                                 loop.getStep()};
  llvm::append_range(operands, captured);
  func::CallOp::create(builder, loc, body, operands);
  loop.erase();
}

struct OutlineParallelLoopsPass
    : kiln::impl::OutlineParallelLoopsBase<OutlineParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<func::FuncOp> functions(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp func : functions) {
      unsigned number = 0;
      for (scf::ForOp loop : findOutermost(func))
        outline(loop, func, number++);
      // Marks left on loops inside the bodies mean nothing from here on.
    }
    getOperation().walk(
        [](scf::ForOp loop) { loop->removeAttr(kiln::kParallelLoopAttr); });
  }
};

} // namespace
