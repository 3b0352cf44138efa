//===- KilnDialect.td - The kiln dialect -------------------*- tablegen -*-===//
//
// The kiln dialect: neural-network operations on ranked tensors with value
// semantics. Images use the NCHW layout.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT
#define KILN_DIALECT

include "mlir/IR/OpBase.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let summary = "Neural-network operations on ranked tensors";
  let description = [{
    Operations of neural-network models: elementwise arithmetic with NumPy
    broadcasting, activations, reductions, shape manipulation, convolution,
    pooling and normalization. Operands and results are ranked tensors; a
    dimension may be dynamic (`?`), typically the batch dimension. Every op
    infers its result type from its operands and attributes. Images are NCHW.
  }];
  let cppNamespace = "::kiln";
  let hasConstantMaterializer = 1;
}

#endif // KILN_DIALECT
