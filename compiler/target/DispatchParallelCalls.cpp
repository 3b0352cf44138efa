//===- DispatchParallelCalls.cpp - Parallel loops onto the thread pool ----===//
//
// Runs on the LLVM dialect. Each call of a function marked
// `kiln.parallel_body` (kiln-outline-parallel-loops), whose first two
// arguments are the iteration range [begin, end), becomes
//
//   ctx = alloca {the other arguments}; store each argument into ctx
//   kiln_parallel_for(@body_task, ctx, begin, end, cost)
//
// where `body_task(ctx, begin, end)` loads the arguments and calls the body
// and `cost` is the mark's estimate of one iteration's instructions.
// kiln_parallel_for (runtime/src/parallel/ParallelFor.c) runs chunks of the
// range on its threads; every iteration runs once whatever the split.
//
//===----------------------------------------------------------------------===//

#include "compiler/target/Passes.h"
#include "compiler/transforms/ParallelLoops.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

namespace kiln {
#define GEN_PASS_DEF_DISPATCHPARALLELCALLS
#include "compiler/target/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

constexpr StringLiteral kParallelFor = "kiln_parallel_for";

LLVM::LLVMFuncOp declareParallelFor(ModuleOp module) {
  if (auto existing = module.lookupSymbol<LLVM::LLVMFuncOp>(kParallelFor))
    return existing;
  MLIRContext *context = module.getContext();
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto i64 = IntegerType::get(context, 64);
  auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context),
                                          {ptr, ptr, i64, i64, i64});
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  return LLVM::LLVMFuncOp::create(b, module.getLoc(), kParallelFor, type);
}

/// The struct that carries a body's arguments after begin and end.
LLVM::LLVMStructType contextType(LLVM::LLVMFuncOp body) {
  return LLVM::LLVMStructType::getLiteral(
      body.getContext(), body.getFunctionType().getParams().drop_front(2));
}

/// `<body>_task(ptr ctx, i64 begin, i64 end)`: unpacks ctx, calls body.
LLVM::LLVMFuncOp createTask(LLVM::LLVMFuncOp body) {
  MLIRContext *context = body.getContext();
  Location loc = body.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto i64 = IntegerType::get(context, 64);
  auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context),
                                          {ptr, i64, i64});
  OpBuilder b(body);
  b.setInsertionPointAfter(body);
  auto task = LLVM::LLVMFuncOp::create(b, loc, (body.getName() + "_task").str(),
                                       type, LLVM::Linkage::Internal);
  Block *entry = task.addEntryBlock(b);
  b.setInsertionPointToStart(entry);
  LLVM::LLVMStructType fields = contextType(body);
  SmallVector<Value> args = {entry->getArgument(1), entry->getArgument(2)};
  for (auto [i, field] : llvm::enumerate(fields.getBody())) {
    Value slot =
        LLVM::GEPOp::create(b, loc, ptr, fields, entry->getArgument(0),
                            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
    args.push_back(LLVM::LoadOp::create(b, loc, field, slot));
  }
  LLVM::CallOp::create(b, loc, body, args);
  LLVM::ReturnOp::create(b, loc, ValueRange{});
  return task;
}

/// Replaces `call` by kiln_parallel_for over its range, running `task`.
void dispatch(LLVM::CallOp call, LLVM::LLVMFuncOp body, LLVM::LLVMFuncOp task,
              LLVM::LLVMFuncOp parallelFor, int64_t cost) {
  Location loc = call.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(call.getContext());
  LLVM::LLVMStructType fields = contextType(body);
  // The context lives in the caller's entry block, so that a call inside a
  // loop does not grow the stack.
  auto caller = call->getParentOfType<LLVM::LLVMFuncOp>();
  OpBuilder b = OpBuilder::atBlockBegin(&caller.getBody().front());
  Value one =
      LLVM::ConstantOp::create(b, loc, b.getI64Type(), b.getI64IntegerAttr(1));
  Value context = LLVM::AllocaOp::create(b, loc, ptr, fields, one);
  b.setInsertionPoint(call);
  for (auto [i, value] : llvm::enumerate(call.getArgOperands().drop_front(2))) {
    Value slot =
        LLVM::GEPOp::create(b, loc, ptr, fields, context,
                            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
    LLVM::StoreOp::create(b, loc, value, slot);
  }
  Value taskAddress = LLVM::AddressOfOp::create(b, loc, task);
  Value costValue = LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                             b.getI64IntegerAttr(cost));
  LLVM::CallOp::create(b, loc, parallelFor,
                       ValueRange{taskAddress, context,
                                  call.getArgOperands()[0],
                                  call.getArgOperands()[1], costValue});
  call.erase();
}

struct DispatchParallelCallsPass
    : kiln::impl::DispatchParallelCallsBase<DispatchParallelCallsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::LLVMFuncOp> bodies;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func->hasAttr(kiln::kParallelBodyAttr))
        bodies.push_back(func);
    if (bodies.empty())
      return;
    LLVM::LLVMFuncOp parallelFor = declareParallelFor(module);
    for (LLVM::LLVMFuncOp body : bodies) {
      int64_t cost = 1;
      if (auto attr = body->getAttrOfType<IntegerAttr>(kiln::kParallelBodyAttr))
        cost = attr.getInt();
      body->removeAttr(kiln::kParallelBodyAttr);
      // Reached only through its task, which LLVM may then inline it into.
      body.setLinkage(LLVM::Linkage::Internal);
      LLVM::LLVMFuncOp task = createTask(body);
      SmallVector<LLVM::CallOp> calls;
      module.walk([&](LLVM::CallOp call) {
        if (call.getCallee() == body.getName() &&
            call->getParentOp() != task.getOperation())
          calls.push_back(call);
      });
      for (LLVM::CallOp call : calls)
        dispatch(call, body, task, parallelFor, cost);
    }
  }
};

} // namespace
