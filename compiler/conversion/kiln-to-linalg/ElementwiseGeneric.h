//===- ElementwiseGeneric.h - Broadcasting elementwise generics -*- C++ -*-===//
//
// The linalg.generic that every elementwise kiln op lowers to, and a
// conversion pattern built from a scalar body, so that an elementwise op's
// lowering is one table entry.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_KILNTOLINALG_ELEMENTWISEGENERIC_H
#define KILN_COMPILER_CONVERSION_KILNTOLINALG_ELEMENTWISEGENERIC_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Transforms/DialectConversion.h"

namespace kiln {

/// Computes the scalar result from the scalar operands, one per operand.
using ScalarBodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A linalg.generic over `resultType` that reads each of `operands` with
/// NumPy broadcasting (a missing leading dim or a size-1 dim reads index 0)
/// and yields `body` of their elements. A dynamic result dimension takes its
/// size from the first operand that has that dimension dynamic.
mlir::Value buildElementwiseGeneric(mlir::OpBuilder &b, mlir::Location loc,
                                    mlir::RankedTensorType resultType,
                                    mlir::ValueRange operands,
                                    ScalarBodyBuilder body);

/// Lowers the elementwise op `OpTy` to buildElementwiseGeneric with the
/// scalar body `Body(op, builder, loc, scalarOperands)`.
template <typename OpTy, mlir::Value (*Body)(OpTy, mlir::OpBuilder &,
                                             mlir::Location, mlir::ValueRange)>
struct ElementwiseToGeneric : mlir::OpConversionPattern<OpTy> {
  using mlir::OpConversionPattern<OpTy>::OpConversionPattern;

  mlir::LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  mlir::ConversionPatternRewriter &rewriter) const override {
    mlir::Value result = buildElementwiseGeneric(
        rewriter, op.getLoc(), llvm::cast<mlir::RankedTensorType>(op.getType()),
        adaptor.getOperands(),
        [&](mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange args) {
          return Body(op, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return mlir::success();
  }
};

} // namespace kiln

#endif // KILN_COMPILER_CONVERSION_KILNTOLINALG_ELEMENTWISEGENERIC_H
