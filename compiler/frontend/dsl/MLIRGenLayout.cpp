//===- MLIRGenLayout.cpp - NHWC models on NCHW kiln ops -------------------===//
//
// In a model declared `layout nhwc`, every rank-4 tensor is an image the user
// sees as NHWC while the generated IR holds it NCHW. Inputs and outputs are
// transposed at the boundary; ops that name axes get them remapped, and ops
// whose meaning depends on the element order run on a transposed view.
// Adjacent transposes compose and fold away in the canonicalizer.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Layout.h"
#include "compiler/frontend/dsl/Types.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::Twine;

bool ModelGenerator::isNhwcImage(Value value) const {
  return nhwc && cast<ShapedType>(value.getType()).getRank() == 4;
}

RankedTensorType ModelGenerator::userType(Type type) const {
  auto tensor = cast<RankedTensorType>(type);
  if (!nhwc || tensor.getRank() != 4)
    return tensor;
  return RankedTensorType::get(nhwcShapeOf(tensor.getShape()),
                               tensor.getElementType());
}

Value ModelGenerator::toUserLayout(Value value, SMLoc at) {
  if (!isNhwcImage(value))
    return value;
  FailureOr<Value> transposed =
      create<TransposeOp>(at, {value}, {i64Array("perm", kNchwToNhwc)});
  return succeeded(transposed) ? *transposed : value;
}

Value ModelGenerator::toKilnLayout(Value value, SMLoc at) {
  if (!isNhwcImage(value))
    return value;
  FailureOr<Value> transposed =
      create<TransposeOp>(at, {value}, {i64Array("perm", kNhwcToNchw)});
  return succeeded(transposed) ? *transposed : value;
}

FailureOr<Value> ModelGenerator::inUserLayout(
    ArrayRef<Value> inputs, SMLoc at,
    llvm::function_ref<FailureOr<Value>(ArrayRef<Value>)> fn) {
  SmallVector<Value> userInputs;
  for (Value input : inputs)
    userInputs.push_back(toUserLayout(input, at));
  FailureOr<Value> result = fn(userInputs);
  if (failed(result))
    return failure();
  return toKilnLayout(*result, at);
}

FailureOr<int64_t> ModelGenerator::kilnAxis(Value value, int64_t axis,
                                            SMLoc at) {
  int64_t rank = cast<ShapedType>(value.getType()).getRank();
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank) {
    emitError(at, "axis " + Twine(axis) + " is out of range for " +
                      formatType(userType(value.getType())));
    return failure();
  }
  return isNhwcImage(value) ? nchwAxisOf(normalized) : normalized;
}

FailureOr<Value> ModelGenerator::broadcastableToImage(Value value, SMLoc at) {
  auto type = cast<RankedTensorType>(value.getType());
  // Align with the trailing NHWC dimensions, as broadcasting would, then
  // bring the result to NCHW.
  SmallVector<int64_t> shape(4 - type.getRank(), 1);
  int dynamicCount = 0;
  for (int64_t dim : type.getShape()) {
    if (ShapedType::isDynamic(dim)) {
      ++dynamicCount;
      shape.push_back(-1);
    } else {
      shape.push_back(dim);
    }
  }
  if (dynamicCount > 1) {
    emitError(at, "cannot broadcast " + formatType(type) +
                      " against an image: it has several dynamic dimensions");
    return failure();
  }
  FailureOr<Value> reshaped =
      create<ReshapeOp>(at, {value}, {i64Array("shape", shape)});
  if (failed(reshaped))
    return failure();
  return toKilnLayout(*reshaped, at);
}
