// RUN: kiln-opt %s --kiln-generate-gradients --canonicalize --cse | FileCheck %s

// A recurrent layer is differentiated through its expansion: the gradient
// function recomputes it unrolled over its two time steps (kiln ops only;
// the zero initial state takes its dynamic batch from the input through
// kiln.zeros_like), then back-propagates through time. The original
// function keeps the op, which kiln-lower-recurrent turns into a loop.
// CHECK-LABEL: func.func @rnn(
// CHECK: kiln.rnn
// CHECK-LABEL: func.func @rnn_grad(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x?x3xf32>, %[[W:[^:]+]]: tensor<1x4x3xf32>, %[[R:[^:]+]]: tensor<1x4x4xf32>, %[[SEED:[^:]+]]: tensor<1x?x4xf32> {kiln.name = "seed_output0"})
// CHECK-NOT: kiln.rnn
// CHECK: %[[ZEROS:.*]] = kiln.zeros_like
// CHECK: %[[H0:.*]] = kiln.add %[[ZEROS]]
// CHECK: %[[RT:.*]] = kiln.transpose %{{.*}} : tensor<4x4xf32> -> tensor<4x4xf32>
// Step 1, then step 2 from its state.
// CHECK: kiln.matmul %[[H0]], %[[RT]]
// CHECK: %[[H1:.*]] = kiln.tanh
// CHECK: kiln.matmul %[[H1]], %[[RT]]
// CHECK: %[[H2:.*]] = kiln.tanh
// Backward: the seed through step 2's tanh, then into step 1.
// CHECK: kiln.mul %[[H2]], %[[H2]]
// CHECK: kiln.mul %[[SEED]]
// CHECK: kiln.mul %[[H1]], %[[H1]]
// CHECK-NOT: kiln.rnn
// CHECK: return
func.func @rnn(%x: tensor<2x?x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> tensor<1x?x4xf32> attributes {kiln.gradient = {wrt = array<i64: 2>}} {
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64} : (tensor<2x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<2x1x?x4xf32>, tensor<1x?x4xf32>)
  return %h : tensor<1x?x4xf32>
}
