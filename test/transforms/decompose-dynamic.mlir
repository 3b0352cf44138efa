// RUN: kiln-opt %s --kiln-decompose -split-input-file | FileCheck %s

// kiln-decompose with dynamic channel counts: the reshapes of batch-norm
// statistics and convolution biases infer the dynamic size (-1); a flatten
// with dynamic dims on both sides of its axis is left for the lowering to
// report.

// Statistics of dynamic size [?] are reshaped to [-1, 1, 1].
// CHECK-LABEL: func.func @batch_norm_dynamic_channels
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x?x8x8xf32>, %[[C:[^:]+]]: tensor<?xf32>)
// CHECK: kiln.reshape %{{.*}} {shape = array<i64: -1, 1, 1>} : tensor<?xf32> -> tensor<?x1x1xf32>
// CHECK: %[[XS:.*]] = kiln.mul %[[X]], %{{.*}} : tensor<?x?x8x8xf32>, tensor<?x1x1xf32>
// CHECK: kiln.reshape %{{.*}} {shape = array<i64: -1, 1, 1>} : tensor<?xf32> -> tensor<?x1x1xf32>
// CHECK: %[[Y:.*]] = kiln.add %[[XS]], %{{.*}} : tensor<?x?x8x8xf32>, tensor<?x1x1xf32>
// CHECK: return %[[Y]]
func.func @batch_norm_dynamic_channels(%x: tensor<?x?x8x8xf32>, %c: tensor<?xf32>) -> tensor<?x?x8x8xf32> {
  %0 = kiln.batch_norm %x, %c, %c, %c, %c : tensor<?x?x8x8xf32>, tensor<?xf32> -> tensor<?x?x8x8xf32>
  return %0 : tensor<?x?x8x8xf32>
}

// -----

// A flatten that kiln.reshape cannot express (two dynamic result dims) is
// left as it is.
// CHECK-LABEL: func.func @flatten_two_dynamic_dims
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x?x4xf32>)
// CHECK: %[[F:.*]] = kiln.flatten %[[X]] : tensor<?x?x4xf32> -> tensor<?x?xf32>
// CHECK: return %[[F]]
func.func @flatten_two_dynamic_dims(%x: tensor<?x?x4xf32>) -> tensor<?x?xf32> {
  %0 = kiln.flatten %x : tensor<?x?x4xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
