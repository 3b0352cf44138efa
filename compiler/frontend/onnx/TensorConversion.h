//===- TensorConversion.h - ONNX tensors and types as MLIR ------*- C++ -*-===//

#ifndef KILN_COMPILER_FRONTEND_ONNX_TENSORCONVERSION_H
#define KILN_COMPILER_FRONTEND_ONNX_TENSORCONVERSION_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Error.h"

namespace onnx {
class TensorProto;
class TypeProto;
} // namespace onnx

namespace kiln::onnx_import {

/// The MLIR element type of an ONNX TensorProto.DataType, or null when Kiln
/// does not support it.
mlir::Type elementType(int dataType, mlir::MLIRContext &context);
/// The ONNX name of a TensorProto.DataType ("FLOAT", "INT64", ...).
std::string dataTypeName(int dataType);

/// The tensor type of a graph input or output; symbolic and unknown
/// dimensions become dynamic.
llvm::Expected<mlir::RankedTensorType> tensorType(const onnx::TypeProto &type,
                                                  mlir::MLIRContext &context);

/// The value of `tensor`, whose external data (if any) has been loaded into
/// raw_data already.
llvm::Expected<mlir::DenseElementsAttr>
tensorValue(const onnx::TensorProto &tensor, mlir::MLIRContext &context);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTEND_ONNX_TENSORCONVERSION_H
