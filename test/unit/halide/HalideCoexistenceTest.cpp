//===- HalideCoexistenceTest.cpp - Halide 14 beside MLIR/LLVM 22 ----------===//
//
// Kiln's process holds two LLVMs: LLVM 22 under MLIR and LLVM 14 under
// Halide. Both are shared libraries with versioned symbols, so each finds its
// own. This test JIT-compiles a Halide pipeline and runs an MLIR pass
// pipeline in one process, interleaved.
//
//===----------------------------------------------------------------------===//

#include "compiler/pipelines/Pipelines.h"
#include "dialects/kiln/KilnDialect.h"

#include "Halide.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

namespace {

int runHalideSquarePlusOne(int n, std::vector<int> &out) {
  Halide::Func f("square_plus_one");
  Halide::Var x("x");
  f(x) = x * x + 1;
  Halide::Buffer<int> result = f.realize({n});
  out.assign(result.begin(), result.end());
  return result.width();
}

TEST(HalideCoexistence, HalideJitAndMlirPipelineInOneProcess) {
  std::vector<int> values;
  ASSERT_EQ(runHalideSquarePlusOne(8, values), 8);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(values[i], i * i + 1);

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  registry.insert<kiln::KilnDialect>();
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  const char *source = R"mlir(
    func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
      %s = kiln.add %x, %y : tensor<4xf32>, tensor<4xf32>
      %r = kiln.relu %s : tensor<4xf32>
      return %r : tensor<4xf32>
    })mlir";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  ASSERT_TRUE(module);
  mlir::PassManager pm(&context);
  kiln::buildKilnCpuPipeline(pm, {});
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  bool sawEntryPoint = false;
  module->walk([&](mlir::Operation *op) {
    if (auto sym = op->getAttrOfType<mlir::StringAttr>("sym_name"))
      sawEntryPoint |= sym.getValue() == "f_packed";
  });
  EXPECT_TRUE(sawEntryPoint);

  // Halide again, after LLVM 22 has generated code in this process.
  values.clear();
  ASSERT_EQ(runHalideSquarePlusOne(5, values), 5);
  EXPECT_EQ(values[4], 17);
}

} // namespace
