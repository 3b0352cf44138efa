// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// kiln.lstm, kiln.gru and kiln.rnn with and without their optional operands
// are parsed, printed and parsed again; default attributes are elided.

// CHECK-LABEL: func.func @lstm_all_operands
func.func @lstm_all_operands(%x: tensor<5x?x3xf32>, %w: tensor<2x16x3xf32>,
    %r: tensor<2x16x4xf32>, %b: tensor<2x32xf32>, %h: tensor<2x?x4xf32>,
    %c: tensor<2x?x4xf32>, %p: tensor<2x12xf32>)
    -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>) {
  // CHECK: %output, %final_h, %final_c = kiln.lstm %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} initial_h %{{.*}} initial_c %{{.*}} peephole %{{[a-z0-9]+}}
  // CHECK-SAME: {activations = ["sigmoid", "tanh", "relu", "sigmoid", "tanh", "tanh"], clip = 3.000000e+00 : f64, direction = "bidirectional", hidden_size = 4 : i64}
  // CHECK-SAME: : (tensor<5x?x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x12xf32>) -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>)
  %y, %yh, %yc = kiln.lstm %x, %w, %r bias %b initial_h %h initial_c %c peephole %p
      {hidden_size = 4 : i64, direction = "bidirectional", clip = 3.0,
       activations = ["sigmoid", "tanh", "relu", "sigmoid", "tanh", "tanh"]}
      : (tensor<5x?x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>,
         tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x12xf32>)
      -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>)
  return %y, %yh, %yc : tensor<5x2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>
}

// CHECK-LABEL: func.func @lstm_initial_c_only
func.func @lstm_initial_c_only(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>,
    %r: tensor<1x16x4xf32>, %c: tensor<1x2x4xf32>)
    -> tensor<1x2x4xf32> {
  // CHECK: kiln.lstm %{{.*}}, %{{.*}}, %{{.*}} initial_c %{{.*}} {hidden_size = 4 : i64}
  %y, %yh, %yc = kiln.lstm %x, %w, %r initial_c %c {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x2x4xf32>)
      -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %yc : tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @gru
func.func @gru(%x: tensor<5x2x3xf64>, %w: tensor<1x12x3xf64>,
    %r: tensor<1x12x4xf64>, %b: tensor<1x24xf64>, %h: tensor<1x2x4xf64>)
    -> (tensor<5x1x2x4xf64>, tensor<1x2x4xf64>) {
  // CHECK: kiln.gru %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} initial_h %{{.*}} {direction = "reverse", hidden_size = 4 : i64, linear_before_reset = true}
  %y, %yh = kiln.gru %x, %w, %r bias %b initial_h %h
      {hidden_size = 4 : i64, direction = "reverse", linear_before_reset = true}
      : (tensor<5x2x3xf64>, tensor<1x12x3xf64>, tensor<1x12x4xf64>, tensor<1x24xf64>, tensor<1x2x4xf64>)
      -> (tensor<5x1x2x4xf64>, tensor<1x2x4xf64>)
  return %y, %yh : tensor<5x1x2x4xf64>, tensor<1x2x4xf64>
}

// CHECK-LABEL: func.func @rnn
func.func @rnn(%x: tensor<5x?x3xf32>, %w: tensor<1x4x3xf32>,
    %r: tensor<1x4x4xf32>) -> tensor<1x?x4xf32> {
  // CHECK: kiln.rnn %{{.*}}, %{{.*}}, %{{.*}} {activation_alpha = array<f64: 2.000000e-01>, activation_beta = array<f64: 5.000000e-01>, activations = ["hard_sigmoid"], hidden_size = 4 : i64}
  // CHECK-SAME: : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
  %y, %yh = kiln.rnn %x, %w, %r {hidden_size = 4 : i64, direction = "forward",
      activations = ["hard_sigmoid"], activation_alpha = array<f64: 0.2>,
      activation_beta = array<f64: 0.5>}
      : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>)
      -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
  return %yh : tensor<1x?x4xf32>
}
