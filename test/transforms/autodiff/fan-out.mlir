// RUN: kiln-opt %s --kiln-generate-gradients -split-input-file | FileCheck %s

// x * x: both operands are x, so the two gradients accumulate.
// CHECK-LABEL: func.func @square_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>, %[[SEED:[^:]+]]: tensor<4xf32> {kiln.name = "seed_output0"})
// CHECK: %[[Y:.*]] = kiln.mul %[[X]], %[[X]]
// CHECK: %[[G0:.*]] = kiln.mul %[[SEED]], %[[X]]
// CHECK: %[[G1:.*]] = kiln.mul %[[SEED]], %[[X]]
// CHECK: %[[SUM:.*]] = kiln.add %[[G0]], %[[G1]]
// CHECK: return %[[Y]], %[[SUM]]
func.func @square(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.mul %x, %x : tensor<4xf32>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Two results, both seeded; the same value returned twice gets both seeds.
// CHECK-LABEL: func.func @two_results_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[S0:[^:]+]]: tensor<3xf32> {kiln.name = "seed_output0"}, %[[S1:[^:]+]]: tensor<3xf32> {kiln.name = "seed_output1"}, %[[S2:[^:]+]]: tensor<3xf32> {kiln.name = "seed_output2"})
// CHECK: %[[E:.*]] = kiln.exp %[[X]]
// CHECK: %[[SEEDS:.*]] = kiln.add %[[S0]], %[[S1]]
// CHECK: %[[ALL:.*]] = kiln.add %[[SEEDS]], %[[S2]]
// CHECK: %[[DX:.*]] = kiln.mul %[[ALL]], %[[E]]
// CHECK: return %[[E]], %[[E]], %[[E]], %[[DX]]
func.func @two_results(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.exp %x : tensor<3xf32>
  return %0, %0, %0 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// An argument that no result depends on gets zeros of its (dynamic) shape;
// ops that do not depend on a chosen argument are not differentiated.
// CHECK-LABEL: func.func @unreached_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[W:[^:]+]]: tensor<?x3xf32>, %[[SEED:[^:]+]]: tensor<?x3xf32> {kiln.name = "seed_output0"})
// CHECK: %[[Y:.*]] = kiln.tanh %[[W]]
// CHECK-NOT: kiln.mul
// CHECK: %[[Z:.*]] = kiln.zeros_like %[[X]] : tensor<?x3xf32>
// CHECK: return %[[Y]], %[[Z]]
func.func @unreached(%x: tensor<?x3xf32>, %w: tensor<?x3xf32>) -> tensor<?x3xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.tanh %w : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
