// Differentiating through an op without a gradient rule, or with respect to
// an integer argument, is reported with file:line:col and exit code 1.
// RUN: not kilnc %s --emit=shared -o %t.so 2>&1 | FileCheck %s

// CHECK: gradient-request-errors.mlir:[[# @LINE + 1]]:1: error: cannot differentiate with respect to argument #1 of type 'tensor<4xi32>': only float tensors have gradients
func.func @f(%x: tensor<4xf32>, %i: tensor<4xi32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  return %x : tensor<4xf32>
}
