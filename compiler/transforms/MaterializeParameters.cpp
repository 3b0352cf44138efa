//===- MaterializeParameters.cpp - Parameters to constants ----------------===//

#include "compiler/transforms/ParameterInitializer.h"
#include "compiler/transforms/Passes.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_MATERIALIZEPARAMETERS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

ElementsAttr initialValue(ParameterOp op) {
  if (ElementsAttr value = op.getValueAttr())
    return value;
  RankedTensorType type = op.getType();
  SmallVector<double> values(type.getNumElements());
  initializeParameter(op.getInitializer(), op.getInitArgs(), type.getShape(),
                      static_cast<uint64_t>(op.getSeed()), values);
  Type elementType = type.getElementType();
  if (elementType.isF64())
    return DenseElementsAttr::get(type, ArrayRef<double>(values));
  if (elementType.isF32()) {
    SmallVector<float> narrowed(values.begin(), values.end());
    return DenseElementsAttr::get(type, ArrayRef<float>(narrowed));
  }
  SmallVector<APFloat> converted;
  for (double v : values) {
    APFloat f(v);
    bool lostInfo;
    f.convert(cast<FloatType>(elementType).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &lostInfo);
    converted.push_back(f);
  }
  return DenseElementsAttr::get(type, converted);
}

struct MaterializeParametersPass
    : kiln::impl::MaterializeParametersBase<MaterializeParametersPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](ParameterOp op) {
      rewriter.setInsertionPoint(op);
      auto constant =
          rewriter.replaceOpWithNewOp<ConstantOp>(op, initialValue(op));
      constant->setAttr("kiln.name", op.getNameAttr());
    });
  }
};

} // namespace
