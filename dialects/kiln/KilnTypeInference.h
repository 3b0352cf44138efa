//===- KilnTypeInference.h - Result types of kiln ops -----------*- C++ -*-===//
//
// Shape rules shared by several kiln ops: NumPy broadcasting, reductions and
// 2-D windows (convolution and pooling).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILNTYPEINFERENCE_H
#define KILN_DIALECT_KILNTYPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>

namespace kiln {

/// Emits an error at `location` (when present) and returns failure.
llvm::LogicalResult emitInferenceError(std::optional<mlir::Location> location,
                                       const llvm::Twine &message);

/// The NumPy-broadcast shape of `lhs` and `rhs`, or nullopt when they do not
/// broadcast. A dynamic dimension broadcasts with 1 or with itself.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

llvm::LogicalResult
inferBroadcastType(std::optional<mlir::Location> location, mlir::Type lhs,
                   mlir::Type rhs, llvm::SmallVectorImpl<mlir::Type> &types);

/// Normalizes reduction axes (negative counts from the end; empty means all)
/// into sorted, unique axes, or fails when one is out of range.
llvm::LogicalResult normalizeAxes(std::optional<mlir::Location> location,
                                  int64_t rank, llvm::ArrayRef<int64_t> axes,
                                  llvm::SmallVectorImpl<int64_t> &normalized);

llvm::LogicalResult
inferReductionType(std::optional<mlir::Location> location, mlir::Type input,
                   llvm::ArrayRef<int64_t> axes, bool keepdims,
                   llvm::SmallVectorImpl<mlir::Type> &types);

/// Output size of a sliding window along one dimension, or dynamic.
int64_t windowOutputSize(int64_t input, int64_t kernel, int64_t stride,
                         int64_t padBefore, int64_t padAfter,
                         int64_t dilation = 1);

llvm::LogicalResult inferPool2DType(std::optional<mlir::Location> location,
                                    mlir::Type input,
                                    llvm::ArrayRef<int64_t> kernel,
                                    llvm::ArrayRef<int64_t> strides,
                                    llvm::ArrayRef<int64_t> pads,
                                    llvm::SmallVectorImpl<mlir::Type> &types);

} // namespace kiln

#endif // KILN_DIALECT_KILNTYPEINFERENCE_H
