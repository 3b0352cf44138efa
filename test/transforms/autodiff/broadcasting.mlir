// RUN: kiln-opt %s --kiln-generate-gradients -split-input-file | FileCheck %s

// A bias broadcast over a dynamic batch: its gradient is summed over the
// batch (the missing leading dim) and reshaped back to [3].
// CHECK-LABEL: func.func @bias_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[SEED:[^:]+]]: tensor<?x3xf32> {kiln.name = "seed_output0"})
// CHECK: %[[SUM:.*]] = kiln.reduce_sum %[[SEED]] {axes = array<i64: 0>, keepdims = true} : tensor<?x3xf32> -> tensor<1x3xf32>
// CHECK: %[[DB:.*]] = kiln.reshape %[[SUM]] {shape = array<i64: 3>} : tensor<1x3xf32> -> tensor<3xf32>
// CHECK: return %{{.*}}, %[[SEED]], %[[DB]] : tensor<?x3xf32>, tensor<?x3xf32>, tensor<3xf32>
func.func @bias(%x: tensor<?x3xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.add %x, %b : tensor<?x3xf32>, tensor<3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// A size-1 dimension is summed with keepdims and needs no reshape.
// CHECK-LABEL: func.func @column_grad
// CHECK: %[[P:.*]] = kiln.mul %{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<4x5xf32>
// CHECK: %[[S:.*]] = kiln.reduce_sum %[[P]] {axes = array<i64: 1>, keepdims = true} : tensor<4x5xf32> -> tensor<4x1xf32>
// CHECK-NOT: kiln.reshape
// CHECK: return %{{.*}}, %{{.*}}, %[[S]] : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x1xf32>
func.func @column(%x: tensor<4x5xf32>, %c: tensor<4x1xf32>) -> tensor<4x5xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.mul %x, %c : tensor<4x5xf32>, tensor<4x1xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A matmul whose rhs is broadcast over the batch: its gradient sums it.
// CHECK-LABEL: func.func @batched_matmul_grad
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x2x3xf32>, %[[B:[^:]+]]: tensor<3x4xf32>, %[[SEED:[^:]+]]: tensor<?x2x4xf32> {kiln.name = "seed_output0"})
// CHECK: %[[BT:.*]] = kiln.transpose %[[B]] {perm = array<i64: 1, 0>}
// CHECK: %[[DA:.*]] = kiln.matmul %[[SEED]], %[[BT]] : tensor<?x2x4xf32>, tensor<4x3xf32> -> tensor<?x2x3xf32>
// CHECK: %[[AT:.*]] = kiln.transpose %[[A]] {perm = array<i64: 0, 2, 1>}
// CHECK: %[[DB:.*]] = kiln.matmul %[[AT]], %[[SEED]] : tensor<?x3x2xf32>, tensor<?x2x4xf32> -> tensor<?x3x4xf32>
// CHECK: %[[SUM:.*]] = kiln.reduce_sum %[[DB]] {axes = array<i64: 0>, keepdims = true} : tensor<?x3x4xf32> -> tensor<1x3x4xf32>
// CHECK: %[[R:.*]] = kiln.reshape %[[SUM]] {shape = array<i64: 3, 4>} : tensor<1x3x4xf32> -> tensor<3x4xf32>
// CHECK: return %{{.*}}, %[[DA]], %[[R]]
func.func @batched_matmul(%a: tensor<?x2x3xf32>, %b: tensor<3x4xf32>) -> tensor<?x2x4xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.matmul %a, %b : tensor<?x2x3xf32>, tensor<3x4xf32> -> tensor<?x2x4xf32>
  return %0 : tensor<?x2x4xf32>
}
