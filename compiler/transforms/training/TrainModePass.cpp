//===- TrainModePass.cpp - The train-mode rewrite as a pass ---------------===//
//
// Applies convertToTrainMode (TrainMode.h) to every function marked with the
// unit attribute `kiln.train_mode`, so that tests can check the training
// forms on their own.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/Passes.h"
#include "compiler/transforms/training/TrainMode.h"

namespace kiln {
#define GEN_PASS_DEF_TRAINMODE
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

struct TrainModePass : kiln::impl::TrainModeBase<TrainModePass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!func->hasAttr("kiln.train_mode"))
        continue;
      func->removeAttr("kiln.train_mode");
      if (!llvm::hasSingleElement(func.getBody())) {
        func.emitError("'kiln.train_mode' needs a function of one block");
        return signalPassFailure();
      }
      if (failed(convertToTrainMode(func)))
        return signalPassFailure();
    }
  }
};

} // namespace
