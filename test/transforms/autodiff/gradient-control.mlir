// RUN: kiln-opt %s --kiln-generate-gradients -split-input-file | FileCheck %s

// Straight-through estimator x + stop_gradient(q - x): the value of q, the
// gradient of x. Nothing flows through stop_gradient.
// CHECK-LABEL: func.func @straight_through_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>, %[[Q:[^:]+]]: tensor<4xf32>, %[[SEED:[^:]+]]: tensor<4xf32> {kiln.name = "seed_output0"})
// CHECK: kiln.stop_gradient
// CHECK: %[[Y:.*]] = kiln.add
// CHECK-NOT: kiln.neg
// CHECK: return %[[Y]], %[[SEED]], %{{.*}} : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
func.func @straight_through(%x: tensor<4xf32>, %q: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.sub %q, %x : tensor<4xf32>, tensor<4xf32>
  %1 = kiln.stop_gradient %0 : tensor<4xf32>
  %2 = kiln.add %x, %1 : tensor<4xf32>, tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Gradient reversal: -lambda times the incoming gradient.
// CHECK-LABEL: func.func @reversal_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[SEED:[^:]+]]: tensor<?x4xf32> {kiln.name = "seed_output0"})
// CHECK: %[[L:.*]] = kiln.constant dense<-2.500000e-01> : tensor<f32>
// CHECK: %[[D:.*]] = kiln.mul %[[L]], %[[SEED]]
// CHECK: return %{{.*}}, %[[D]]
func.func @reversal(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.grad_reverse %x {lambda = 0.25 : f64} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// custom_gradient(value, surrogate): the gradient goes to the surrogate only,
// so relu's rule (a greater_mask) is never built.
// CHECK-LABEL: func.func @custom_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>, %[[SEED:[^:]+]]: tensor<4xf32> {kiln.name = "seed_output0"})
// CHECK: %[[S:.*]] = kiln.sigmoid %[[X]]
// CHECK: %[[Y:.*]] = kiln.custom_gradient %{{.*}}, %[[S]]
// CHECK-NOT: kiln.greater_mask
// CHECK: %[[DS:.*]] = kiln.mul %[[SEED]], %[[S]]
// CHECK: %[[D:.*]] = kiln.mul %[[DS]], %{{.*}}
// CHECK: return %[[Y]], %[[D]]
func.func @custom(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %r = kiln.relu %x : tensor<4xf32>
  %s = kiln.sigmoid %x : tensor<4xf32>
  %0 = kiln.custom_gradient %r, %s : tensor<4xf32>
  return %0 : tensor<4xf32>
}
