// RUN: kiln-opt %s --kiln-lower-recurrent --canonicalize -split-input-file | FileCheck %s

// Each recurrent op becomes, per direction, one input projection for all
// time steps (outside the loop) and an scf.for over the steps whose body is
// kiln ops plus tensor.extract_slice / insert_slice at the step index.

// CHECK-LABEL: func.func @lstm_forward
// CHECK-SAME: (%[[X:.*]]: tensor<4x?x3xf32>, %[[W:.*]]: tensor<1x8x3xf32>, %[[R:.*]]: tensor<1x8x2xf32>, %[[B:.*]]: tensor<1x16xf32>)
// Zero initial states.
// CHECK: %[[ZERO_H:.*]] = linalg.fill
// CHECK: %[[ZERO_C:.*]] = linalg.fill
// The projection of every step: [seq * batch, input] x W^T + (Wb + Rb).
// CHECK: %[[ROWS:.*]] = kiln.reshape %[[X]] {shape = array<i64: -1, 3>} : tensor<4x?x3xf32> -> tensor<?x3xf32>
// CHECK: %[[PRODUCT:.*]] = kiln.matmul %[[ROWS]], %{{.*}} : tensor<?x3xf32>, tensor<3x8xf32> -> tensor<?x8xf32>
// CHECK: %[[BIASED:.*]] = kiln.add %[[PRODUCT]], %{{.*}} : tensor<?x8xf32>, tensor<8xf32>
// CHECK: %[[PROJECTED:.*]] = kiln.reshape %[[BIASED]] {shape = array<i64: 4, -1, 8>} : tensor<?x8xf32> -> tensor<4x?x8xf32>
// The loop carrying h, c and Y.
// CHECK: %[[LOOP:.*]]:3 = scf.for %[[T:.*]] = %c0 to %c4 step %c1 iter_args(%[[H:.*]] = %[[ZERO_H]], %[[C:.*]] = %[[ZERO_C]], %[[Y:.*]] = %{{.*}}) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<4x1x?x2xf32>)
// CHECK:   %[[BATCH:.*]] = tensor.dim %[[H]], %c0
// CHECK:   %[[XT:.*]] = tensor.extract_slice %[[PROJECTED]][%[[T]], 0, 0] [1, %[[BATCH]], 8] [1, 1, 1] : tensor<4x?x8xf32> to tensor<?x8xf32>
// CHECK:   %[[HR:.*]] = kiln.matmul %[[H]], %{{.*}} : tensor<?x2xf32>, tensor<2x8xf32> -> tensor<?x8xf32>
// CHECK:   %[[GATES:.*]] = kiln.add %[[XT]], %[[HR]]
// Gate blocks in ONNX's order i, o, f, c.
// CHECK:   %[[I:.*]] = kiln.slice %[[GATES]] {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 0>
// CHECK:   %[[O:.*]] = kiln.slice %[[GATES]] {axes = array<i64: 1>, ends = array<i64: 4>, starts = array<i64: 2>
// CHECK:   %[[F:.*]] = kiln.slice %[[GATES]] {axes = array<i64: 1>, ends = array<i64: 6>, starts = array<i64: 4>
// CHECK:   %[[G:.*]] = kiln.slice %[[GATES]] {axes = array<i64: 1>, ends = array<i64: 8>, starts = array<i64: 6>
// CHECK:   %[[IS:.*]] = kiln.sigmoid %[[I]]
// CHECK:   %[[FS:.*]] = kiln.sigmoid %[[F]]
// CHECK:   %[[GT:.*]] = kiln.tanh %[[G]]
// CHECK:   %[[IG:.*]] = kiln.mul %[[IS]], %[[GT]]
// CHECK:   %[[CF:.*]] = kiln.mul %[[C]], %[[FS]]
// CHECK:   %[[CNEW:.*]] = kiln.add %[[CF]], %[[IG]]
// CHECK:   %[[OS:.*]] = kiln.sigmoid %[[O]]
// CHECK:   %[[CT:.*]] = kiln.tanh %[[CNEW]]
// CHECK:   %[[HNEW:.*]] = kiln.mul %[[OS]], %[[CT]]
// CHECK:   %[[YNEW:.*]] = tensor.insert_slice %[[HNEW]] into %[[Y]][%[[T]], 0, 0, 0] [1, 1, %[[BATCH]], 2] [1, 1, 1, 1]
// CHECK:   %[[HCOPY:.*]] = linalg.copy ins(%[[HNEW]] : tensor<?x2xf32>) outs(%[[H]] : tensor<?x2xf32>)
// CHECK:   %[[CCOPY:.*]] = linalg.copy ins(%[[CNEW]] : tensor<?x2xf32>) outs(%[[C]] : tensor<?x2xf32>)
// CHECK:   scf.yield %[[HCOPY]], %[[CCOPY]], %[[YNEW]]
// CHECK: %[[YH:.*]] = kiln.reshape %[[LOOP]]#0 {shape = array<i64: 1, -1, 2>}
// CHECK: %[[YC:.*]] = kiln.reshape %[[LOOP]]#1 {shape = array<i64: 1, -1, 2>}
// CHECK: return %[[LOOP]]#2, %[[YH]], %[[YC]]
func.func @lstm_forward(%x: tensor<4x?x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>, %b: tensor<1x16xf32>)
    -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>) {
  %y, %h, %c = kiln.lstm %x, %w, %r bias %b {hidden_size = 2 : i64}
      : (tensor<4x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>)
      -> (tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  return %y, %h, %c : tensor<4x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>
}

// -----

// Peepholes (order i, o, f) act on the previous cell state for i and f and
// on the new one for o.
// CHECK-LABEL: func.func @lstm_peephole
// CHECK: %[[PI:.*]] = kiln.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 2>, starts = array<i64: 0>
// CHECK: %[[PO:.*]] = kiln.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 4>, starts = array<i64: 2>
// CHECK: %[[PF:.*]] = kiln.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 6>, starts = array<i64: 4>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %[[C:.*]] = %{{.*}}, %{{.*}} = %{{.*}})
// CHECK:   kiln.mul %[[PI]], %[[C]]
// CHECK:   kiln.mul %[[PF]], %[[C]]
// CHECK:   %[[CF:.*]] = kiln.mul %[[C]], %{{.*}}
// CHECK:   %[[CNEW:.*]] = kiln.add %[[CF]]
// CHECK:   kiln.mul %[[PO]], %[[CNEW]]
func.func @lstm_peephole(%x: tensor<4x1x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>, %p: tensor<1x6xf32>)
    -> tensor<1x1x2xf32> {
  %y, %h, %c = kiln.lstm %x, %w, %r peephole %p {hidden_size = 2 : i64}
      : (tensor<4x1x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x6xf32>)
      -> (tensor<4x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
  return %h : tensor<1x1x2xf32>
}

// -----

// The reverse direction reads and writes step seq - 1 - t; clip bounds the
// gate input before the activation. The loop writes each step's state into
// the carried one, so the initial state (the caller's %h0) is copied first.
// CHECK-LABEL: func.func @rnn_reverse_clip
// CHECK-SAME: %[[H0:[^:]+]]: tensor<1x2x5xf32>)
// CHECK-DAG: %[[LOW:.*]] = kiln.constant dense<-2.000000e+00> : tensor<f32>
// CHECK-DAG: %[[HIGH:.*]] = kiln.constant dense<2.000000e+00> : tensor<f32>
// CHECK: kiln.slice %[[H0]]
// CHECK-NEXT: %[[H0V:.*]] = kiln.reshape
// CHECK: %[[OWN:.*]] = tensor.empty() : tensor<2x5xf32>
// CHECK: %[[H0COPY:.*]] = linalg.copy ins(%[[H0V]] : tensor<2x5xf32>) outs(%[[OWN]] : tensor<2x5xf32>)
// CHECK: scf.for %[[T:.*]] = %c0 to %c4 step %c1 iter_args(%[[H:.*]] = %[[H0COPY]], %[[Y:.*]] = %{{.*}})
// CHECK:   %[[STEP:.*]] = arith.subi %c3, %[[T]] : index
// CHECK:   tensor.extract_slice %{{.*}}[%[[STEP]], 0, 0] [1, 2, 5] [1, 1, 1] : tensor<4x2x5xf32> to tensor<2x5xf32>
// CHECK:   %[[IN:.*]] = kiln.add
// CHECK:   %[[ABOVE:.*]] = kiln.max %[[IN]], %[[LOW]]
// CHECK:   %[[CLIPPED:.*]] = kiln.min %[[ABOVE]], %[[HIGH]]
// CHECK:   %[[HNEW:.*]] = kiln.relu %[[CLIPPED]]
// CHECK:   tensor.insert_slice %[[HNEW]] into %[[Y]][%[[STEP]], 0, 0, 0] [1, 1, 2, 5]
func.func @rnn_reverse_clip(%x: tensor<4x2x3xf32>, %w: tensor<1x5x3xf32>, %r: tensor<1x5x5xf32>, %h0: tensor<1x2x5xf32>)
    -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>) {
  %y, %h = kiln.rnn %x, %w, %r initial_h %h0 {hidden_size = 5 : i64, direction = "reverse",
      activations = ["relu"], clip = 2.0}
      : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x2x5xf32>)
      -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
  return %y, %h : tensor<4x1x2x5xf32>, tensor<1x2x5xf32>
}

// -----

// A bidirectional GRU runs the forward loop, then the reverse loop into the
// same output (direction index 1), and stacks the final states. Without
// linear_before_reset, the hidden block of R^T multiplies r * h.
// CHECK-LABEL: func.func @gru_bidirectional
// CHECK: %[[FWD:.*]]:2 = scf.for %[[T:.*]] = {{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}})
// CHECK:   %[[R:.*]] = kiln.sigmoid
// CHECK:   %[[RH:.*]] = kiln.mul %[[R]], %[[H]]
// CHECK:   kiln.matmul %[[RH]], %{{.*}} : tensor<?x5xf32>, tensor<5x5xf32> -> tensor<?x5xf32>
// CHECK:   tensor.insert_slice %{{.*}} into %[[Y]][%[[T]], 0, 0, 0] [1, 1, %{{.*}}, 5]
// CHECK: %[[BWD:.*]]:2 = scf.for %[[T2:.*]] = {{.*}} iter_args(%{{.*}} = %{{.*}}, %[[Y2:.*]] = %[[FWD]]#1)
// CHECK:   %[[STEP:.*]] = arith.subi %c3, %[[T2]]
// CHECK:   tensor.insert_slice %{{.*}} into %[[Y2]][%[[STEP]], 1, 0, 0] [1, 1, %{{.*}}, 5]
// CHECK: %[[HF:.*]] = kiln.reshape %[[FWD]]#0
// CHECK: %[[HB:.*]] = kiln.reshape %[[BWD]]#0
// CHECK: %[[YH:.*]] = kiln.concat %[[HF]], %[[HB]] {axis = 0 : i64}
// CHECK: return %[[BWD]]#1, %[[YH]]
func.func @gru_bidirectional(%x: tensor<4x?x3xf32>, %w: tensor<2x15x3xf32>, %r: tensor<2x15x5xf32>, %b: tensor<2x30xf32>)
    -> (tensor<4x2x?x5xf32>, tensor<2x?x5xf32>) {
  %y, %h = kiln.gru %x, %w, %r bias %b {hidden_size = 5 : i64, direction = "bidirectional"}
      : (tensor<4x?x3xf32>, tensor<2x15x3xf32>, tensor<2x15x5xf32>, tensor<2x30xf32>)
      -> (tensor<4x2x?x5xf32>, tensor<2x?x5xf32>)
  return %y, %h : tensor<4x2x?x5xf32>, tensor<2x?x5xf32>
}

// -----

// With linear_before_reset, the projection adds Wb + Rb for z and r but
// only Wb for h; Rbh is added to the hidden block of h R^T inside the loop,
// before the reset gate multiplies it.
// CHECK-LABEL: func.func @gru_linear_before_reset
// CHECK: %[[WB:.*]] = kiln.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 9>, starts = array<i64: 0>
// CHECK: %[[RB:.*]] = kiln.slice %{{.*}} {axes = array<i64: 0>, ends = array<i64: 18>, starts = array<i64: 9>
// CHECK: %[[SUM:.*]] = kiln.add %[[WB]], %[[RB]]
// CHECK: %[[ZR:.*]] = kiln.slice %[[SUM]] {axes = array<i64: 0>, ends = array<i64: 6>, starts = array<i64: 0>
// CHECK: %[[WBH:.*]] = kiln.slice %[[WB]] {axes = array<i64: 0>, ends = array<i64: 9>, starts = array<i64: 6>
// CHECK: kiln.concat %[[ZR]], %[[WBH]] {axis = 0 : i64}
// CHECK: %[[RBH:.*]] = kiln.slice %[[RB]] {axes = array<i64: 0>, ends = array<i64: 9>, starts = array<i64: 6>
// CHECK: scf.for
// CHECK:   %[[HR:.*]] = kiln.matmul %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3x9xf32> -> tensor<2x9xf32>
// CHECK:   %[[R:.*]] = kiln.sigmoid
// CHECK:   %[[HRH:.*]] = kiln.slice %[[HR]] {axes = array<i64: 1>, ends = array<i64: 9>, starts = array<i64: 6>
// CHECK:   %[[BIASED:.*]] = kiln.add %[[HRH]], %[[RBH]]
// CHECK:   kiln.mul %[[R]], %[[BIASED]]
func.func @gru_linear_before_reset(%x: tensor<4x2x3xf32>, %w: tensor<1x9x3xf32>, %r: tensor<1x9x3xf32>, %b: tensor<1x18xf32>)
    -> tensor<1x2x3xf32> {
  %y, %h = kiln.gru %x, %w, %r bias %b {hidden_size = 3 : i64, linear_before_reset = true}
      : (tensor<4x2x3xf32>, tensor<1x9x3xf32>, tensor<1x9x3xf32>, tensor<1x18xf32>)
      -> (tensor<4x1x2x3xf32>, tensor<1x2x3xf32>)
  return %h : tensor<1x2x3xf32>
}
