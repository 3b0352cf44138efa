//===- Passes.td - Kiln's conversions ----------------------*- tablegen -*-===//

#ifndef KILN_CONVERSION_PASSES
#define KILN_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertKilnToLinalg : Pass<"convert-kiln-to-linalg"> {
  let summary = "Lower kiln ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Matrix products become linalg.matmul / linalg.batch_matmul (or a
    broadcasting linalg.generic), convolutions linalg.conv_2d_nchw_fchw or
    the grouped linalg.conv_2d_ngchw_gfchw, pooling linalg.pooling_nchw_*,
    elementwise ops linalg.generic with broadcasting indexing maps, and shape
    ops tensor ops. Run kiln-decompose first.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
  ];
}

#endif // KILN_CONVERSION_PASSES
