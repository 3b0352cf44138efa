//===- ElementwiseGeneric.cpp - Broadcasting elementwise linalg.generic ---===//

#include "compiler/conversion/kiln-to-linalg/ElementwiseGeneric.h"

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"

using namespace mlir;

namespace kiln {

Value buildElementwiseGeneric(OpBuilder &b, Location loc,
                              RankedTensorType resultType, ValueRange operands,
                              ScalarBodyBuilder body) {
  ArrayRef<int64_t> resultShape = resultType.getShape();
  auto dynamicSizeOf = [&](int64_t dim) -> Value {
    for (Value operand : operands) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t at = dim - (resultType.getRank() - type.getRank());
      if (at >= 0 && type.isDynamicDim(at))
        return dimSize(b, loc, operand, at);
    }
    llvm_unreachable("dynamic result dim without a dynamic operand dim");
  };
  Value init = emptyTensor(b, loc, resultType, dynamicSizeOf);

  SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(broadcastMap(
        b.getContext(), cast<RankedTensorType>(operand.getType()).getShape(),
        resultShape));
  maps.push_back(b.getMultiDimIdentityMap(resultShape.size()));
  SmallVector<utils::IteratorType> iterators(resultShape.size(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, resultType, operands, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

} // namespace kiln
