//===- LoweringUtils.h - Helpers of the kiln-to-linalg lowering -*- C++ -*-===//

#ifndef KILN_COMPILER_CONVERSION_KILNTOLINALG_LOWERINGUTILS_H
#define KILN_COMPILER_CONVERSION_KILNTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {

/// `FloatOp(x, y)` on floats, `IntOp(x, y)` on integers.
template <typename FloatOp, typename IntOp>
mlir::Value floatOrInt(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                       mlir::Value y) {
  if (llvm::isa<mlir::FloatType>(x.getType()))
    return FloatOp::create(b, loc, x, y);
  return IntOp::create(b, loc, x, y);
}

/// The index `raw` (an i32 or i64 element) as an index into a dimension of
/// `size` elements: negative values count from the end, and the result is
/// clamped to [0, size - 1] (the gathers and scatters).
mlir::Value wrapAndClamp(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value raw, mlir::Value size);

/// The runtime size of dimension `dim` of `tensor`, as an index.
mlir::Value dimSize(mlir::OpBuilder &b, mlir::Location loc, mlir::Value tensor,
                    int64_t dim);

/// A tensor.empty of `type`, whose dynamic dimension i takes its size from
/// `dynamicSizeOf(i)`.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type,
                        llvm::function_ref<mlir::Value(int64_t)> dynamicSizeOf);

/// A tensor of `type` filled with `value`; dynamic sizes as in emptyTensor.
mlir::Value
filledTensor(mlir::OpBuilder &b, mlir::Location loc,
             mlir::RankedTensorType type, mlir::TypedAttr value,
             llvm::function_ref<mlir::Value(int64_t)> dynamicSizeOf);

/// The scalar attribute `value` of `elementType` (float or integer).
mlir::TypedAttr scalarAttr(mlir::OpBuilder &b, mlir::Type elementType,
                           double value);

/// The identity of a max (lowest) or min (highest) reduction.
mlir::TypedAttr lowestValue(mlir::OpBuilder &b, mlir::Type elementType);
mlir::TypedAttr highestValue(mlir::OpBuilder &b, mlir::Type elementType);

/// Pads the spatial dims (2, 3) of an NCHW tensor by [top, left, bottom,
/// right] with `value`; returns `input` when all pads are zero.
mlir::Value padSpatial(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> pads,
                       mlir::TypedAttr value);

/// The number of positions of a window of `kernel` elements (with
/// `dilation`) sliding by `stride` along dimension `dim` of the already
/// padded `input`: (size - dilation * (kernel - 1) - 1) floordiv stride + 1.
mlir::Value windowOutputDim(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value input, int64_t dim,
                            mlir::OpFoldResult kernel, int64_t stride,
                            int64_t dilation = 1);

/// Indexing map that reads an operand of shape `operandShape` inside loops
/// over `resultShape`, with NumPy broadcasting (size-1 dims read index 0).
mlir::AffineMap broadcastMap(mlir::MLIRContext *context,
                             llvm::ArrayRef<int64_t> operandShape,
                             llvm::ArrayRef<int64_t> resultShape);

/// Reshapes `input` to `type` through a rank-1 collapse and an expand; the
/// one dynamic result dimension, if any, is the element count divided by
/// the static result dimensions.
mlir::Value reshapeTensor(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value input, mlir::RankedTensorType type);

} // namespace kiln

#endif // KILN_COMPILER_CONVERSION_KILNTOLINALG_LOWERINGUTILS_H
