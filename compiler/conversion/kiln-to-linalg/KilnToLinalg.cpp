//===- KilnToLinalg.cpp - The convert-kiln-to-linalg pass -----------------===//

#include "compiler/conversion/Passes.h"
#include "compiler/conversion/kiln-to-linalg/Patterns.h"
#include "dialects/kiln/KilnDialect.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"

namespace kiln {
#define GEN_PASS_DEF_CONVERTKILNTOLINALG
#include "compiler/conversion/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

struct ConvertKilnToLinalgPass
    : kiln::impl::ConvertKilnToLinalgBase<ConvertKilnToLinalgPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    ConvertKilnToLinalgBase::getDependentDialects(registry);
    registry.insert<affine::AffineDialect, scf::SCFDialect>();
  }

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<KilnDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           affine::AffineDialect, func::FuncDialect,
                           scf::SCFDialect>();
    RewritePatternSet patterns(context);
    populateElementwiseLoweringPatterns(patterns);
    populateReductionLoweringPatterns(patterns);
    populateMatmulLoweringPatterns(patterns);
    populateConvolutionLoweringPatterns(patterns);
    populatePoolingLoweringPatterns(patterns);
    populateShapeLoweringPatterns(patterns);
    populateAutodiffLoweringPatterns(patterns);
    populateLogicLoweringPatterns(patterns);
    populateMathLoweringPatterns(patterns);
    populateIndexingLoweringPatterns(patterns);
    populateRearrangeLoweringPatterns(patterns);
    populateResizeLoweringPatterns(patterns);
    populateScatterLoweringPatterns(patterns);
    populateRandomLoweringPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
