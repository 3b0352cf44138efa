//===- TrainableInitializers.cpp - Initializers as parameters -------------===//

#include "compiler/frontend/onnx/TrainableInitializers.h"
#include "dialects/kiln/KilnOps.h"

using namespace mlir;

namespace kiln::onnx_import {

bool isTrainableInitializer(DenseElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  return isa<FloatType>(type.getElementType()) && type.getRank() > 0 &&
         type.hasStaticShape();
}

Value initializerParameter(OpBuilder &b, Location location, StringRef name,
                           DenseElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  return ParameterOp::create(b, location, type, name, "value", /*seed=*/0,
                             /*init_args=*/ArrayRef<double>{},
                             /*trainable=*/true, value);
}

void finishInitializerParameters(func::FuncOp function) {
  SmallVector<ParameterOp> unused;
  function.walk([&](ParameterOp op) {
    if (op->use_empty())
      unused.push_back(op);
  });
  for (ParameterOp op : unused)
    op.erase();
  function.walk([](BatchNormOp op) {
    for (Value statistic : {op.getMean(), op.getVariance()})
      if (auto parameter = statistic.getDefiningOp<ParameterOp>())
        parameter.setTrainable(false);
  });
}

} // namespace kiln::onnx_import
