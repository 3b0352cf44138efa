// RUN: kiln-opt %s --kiln-verify-batch-dims -split-input-file -verify-diagnostics | FileCheck %s

// Results whose dynamic dims are the arguments' batch dims pass, through
// elementwise ops, matmuls and reshapes that keep the batch.
// CHECK-LABEL: func.func @__kiln_impl_keeps_batch
func.func @__kiln_impl_keeps_batch(%x: tensor<?x784xf32>, %w: tensor<784x10xf32>) -> (tensor<?x10xf32> {kiln.name = "y"}) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x784xf32>
  %e = tensor.empty(%n) : tensor<?x10xf32>
  %r = linalg.matmul ins(%x, %w : tensor<?x784xf32>, tensor<784x10xf32>) outs(%e : tensor<?x10xf32>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

// -----

// A concatenation along the batch doubles it: not the batch size.
// expected-error @+1 {{output 0 ('y') dimension 0 is dynamic but not the batch size}}
func.func @__kiln_impl_doubles(%x: tensor<?x2xf32>) -> (tensor<?x2xf32> {kiln.name = "y"}) {
  %0 = tensor.concat dim(0) %x, %x : (tensor<?x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// Functions that are not entry points are not checked.
// CHECK-LABEL: func.func @helper
func.func @helper(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = tensor.concat dim(0) %x, %x : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
