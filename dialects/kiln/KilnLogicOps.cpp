//===- KilnLogicOps.cpp - Result types of casts and selects ---------------===//

#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

LogicalResult CastOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input)
    return emitInferenceError(location, "operand must be a ranked tensor");
  types.push_back(input.clone(adaptor.getTo()));
  return success();
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  SmallVector<Type, 1> branches, all;
  if (failed(inferBroadcastType(location, adaptor.getTrueValue().getType(),
                                adaptor.getFalseValue().getType(), branches)) ||
      failed(inferBroadcastType(location, branches[0],
                                adaptor.getCondition().getType(), all)))
    return failure();
  types.push_back(all[0]);
  return success();
}
