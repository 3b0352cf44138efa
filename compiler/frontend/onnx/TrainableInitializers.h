//===- TrainableInitializers.h - Initializers as parameters -----*- C++ -*-===//
//
// For training, an ONNX model's weights (its floating-point initializers)
// are imported as kiln.parameter ops that carry the initializer's data as
// their initial value, so that kiln-build-train-step turns them into the
// arguments and results of the training functions.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_TRAINABLEINITIALIZERS_H
#define KILN_COMPILER_FRONTEND_ONNX_TRAINABLEINITIALIZERS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace kiln::onnx_import {

/// Whether an initializer holding `value` is a weight: floating-point data of
/// rank 1 or more (a scalar is a constant of the computation, such as 1/255).
bool isTrainableInitializer(mlir::DenseElementsAttr value);

/// A kiln.parameter named `name` whose initial value is `value`.
mlir::Value initializerParameter(mlir::OpBuilder &b, mlir::Location location,
                                 llvm::StringRef name,
                                 mlir::DenseElementsAttr value);

/// Once the graph is imported: erases the parameters that no op uses (their
/// data was read while importing, as a constant input such as Resize's
/// scales) and makes the parameters that hold a batch normalization's
/// running mean or variance non-trainable.
void finishInitializerParameters(mlir::func::FuncOp function);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_TRAINABLEINITIALIZERS_H
