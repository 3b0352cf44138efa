//===- LoweringUtils.cpp - Helpers of the kiln-to-linalg lowering ---------===//

#include "compiler/conversion/kiln-to-linalg/LoweringUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include <limits>

using namespace mlir;

namespace kiln {

Value wrapAndClamp(OpBuilder &b, Location loc, Value raw, Value size) {
  Value index = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, zero);
  Value wrapped = arith::SelectOp::create(
      b, loc, negative, arith::AddIOp::create(b, loc, index, size), index);
  Value last = arith::SubIOp::create(b, loc, size, one);
  Value clamped = arith::MinSIOp::create(b, loc, wrapped, last);
  return arith::MaxSIOp::create(b, loc, clamped, zero);
}

Value dimSize(OpBuilder &b, Location loc, Value tensor, int64_t dim) {
  return tensor::DimOp::create(b, loc, tensor, dim);
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                  function_ref<Value(int64_t)> dynamicSizeOf) {
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(dynamicSizeOf(i));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 sizes);
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   TypedAttr value,
                   function_ref<Value(int64_t)> dynamicSizeOf) {
  Value empty = emptyTensor(b, loc, type, dynamicSizeOf);
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

TypedAttr scalarAttr(OpBuilder &b, Type elementType, double value) {
  if (isa<FloatType>(elementType))
    return b.getFloatAttr(elementType, value);
  return b.getIntegerAttr(elementType, static_cast<int64_t>(value));
}

TypedAttr lowestValue(OpBuilder &b, Type elementType) {
  if (auto f = dyn_cast<FloatType>(elementType))
    return b.getFloatAttr(
        f, APFloat::getInf(f.getFloatSemantics(), /*Negative=*/true));
  auto i = cast<IntegerType>(elementType);
  return b.getIntegerAttr(i, APInt::getSignedMinValue(i.getWidth()));
}

TypedAttr highestValue(OpBuilder &b, Type elementType) {
  if (auto f = dyn_cast<FloatType>(elementType))
    return b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics()));
  auto i = cast<IntegerType>(elementType);
  return b.getIntegerAttr(i, APInt::getSignedMaxValue(i.getWidth()));
}

Value padSpatial(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> pads, TypedAttr value) {
  if (llvm::all_of(pads, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (int i = 0; i < 2; ++i)
    if (!ShapedType::isDynamic(shape[2 + i]))
      shape[2 + i] += pads[i] + pads[i + 2];
  auto paddedType = RankedTensorType::get(shape, type.getElementType());
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(0),
                                   b.getIndexAttr(pads[0]),
                                   b.getIndexAttr(pads[1])};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(0),
                                    b.getIndexAttr(pads[2]),
                                    b.getIndexAttr(pads[3])};
  Value padValue = arith::ConstantOp::create(b, loc, value);
  return tensor::PadOp::create(b, loc, paddedType, input, low, high, padValue);
}

Value windowOutputDim(OpBuilder &b, Location loc, Value input, int64_t dim,
                      OpFoldResult kernel, int64_t stride, int64_t dilation) {
  AffineExpr size = b.getAffineSymbolExpr(0), k = b.getAffineSymbolExpr(1);
  AffineExpr positions = (size - (k - 1) * dilation - 1).floorDiv(stride) + 1;
  OpFoldResult result = affine::makeComposedFoldedAffineApply(
      b, loc, positions, {tensor::getMixedSize(b, loc, input, dim), kernel});
  return getValueOrCreateConstantIndexOp(b, loc, result);
}

AffineMap broadcastMap(MLIRContext *context, ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape) {
  int64_t offset = resultShape.size() - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(operandShape)) {
    int64_t resultDim = resultShape[offset + i];
    if (dim == 1 && resultDim != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(offset + i, context));
  }
  return AffineMap::get(resultShape.size(), 0, exprs, context);
}

Value reshapeTensor(OpBuilder &b, Location loc, Value input,
                    RankedTensorType type) {
  auto inputType = cast<RankedTensorType>(input.getType());
  if (inputType == type)
    return input;
  if (inputType.getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, type, input,
                                         ArrayRef<ReassociationIndices>{});
  int64_t total = inputType.hasStaticShape() ? inputType.getNumElements()
                                             : ShapedType::kDynamic;
  auto flatType = RankedTensorType::get({total}, type.getElementType());
  Value flat = input;
  if (inputType.getRank() != 1) {
    SmallVector<ReassociationIndices> all(1);
    for (int64_t i = 0; i < inputType.getRank(); ++i)
      all[0].push_back(i);
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, input, all);
  }
  if (type.getRank() == 1)
    return tensor::CastOp::create(b, loc, type, flat);
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < type.getRank(); ++i)
    all[0].push_back(i);
  SmallVector<OpFoldResult> outputShape;
  int64_t staticProduct = 1;
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d))
      staticProduct *= d;
  for (int64_t d : type.getShape()) {
    if (!ShapedType::isDynamic(d)) {
      outputShape.push_back(b.getIndexAttr(d));
      continue;
    }
    // (input element count) floordiv (static result dims), as an affine
    // map of the input's dims, so that a preserved batch dim folds to itself
    // and value-bounds analysis sees it.
    SmallVector<OpFoldResult> inputDims = tensor::getMixedSizes(b, loc, input);
    AffineExpr count = b.getAffineConstantExpr(1);
    for (size_t i = 0; i < inputDims.size(); ++i)
      count = count * b.getAffineSymbolExpr(i);
    outputShape.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, count.floorDiv(staticProduct), inputDims));
  }
  return tensor::ExpandShapeOp::create(b, loc, type, flat, all, outputShape);
}

} // namespace kiln
