// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each case violates one shape or attribute rule of kiln.lstm, kiln.gru or
// kiln.rnn. Shape errors come from result-type inference, followed by the
// verifier's report that the spelled result types do not match.

func.func @input_not_rank_3(%x: tensor<5x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{input must have rank 3 [seq, batch, input_size], got [5, 3]}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64}
      : (tensor<5x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x3x4xf32>, tensor<1x3x4xf32>)
  return
}

// -----

func.func @lstm_weight_not_four_gates(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+2 {{weight must have shape [1, 16, 3], got [1, 12, 3]}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %h, %c = kiln.lstm %x, %w, %r {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x16x4xf32>)
      -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @weight_input_size_differs(%x: tensor<5x2x3xf32>, %w: tensor<1x12x5xf32>, %r: tensor<1x12x4xf32>) {
  // expected-error @+2 {{weight must have shape [1, 12, 3], got [1, 12, 5]}}
  // expected-error @+1 {{'kiln.gru' op failed to infer returned types}}
  %y, %h = kiln.gru %x, %w, %r {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x12x5xf32>, tensor<1x12x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @bidirectional_needs_two_directions(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{weight must have shape [2, 4, 3], got [1, 4, 3]}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64, direction = "bidirectional"}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @unknown_direction(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{direction must be forward, reverse or bidirectional, got 'backward'}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64, direction = "backward"}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @bias_wrong_size(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+2 {{bias must have shape [1, 8], got [1, 4]}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r bias %b {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @initial_h_batch_differs(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %h0: tensor<1x3x4xf32>) {
  // expected-error @+2 {{initial_h must have shape [1, 2, 4], got [1, 3, 4]}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r initial_h %h0 {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x3x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @peephole_wrong_size(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %p: tensor<1x16xf32>) {
  // expected-error @+2 {{peephole must have shape [1, 12], got [1, 16]}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %h, %c = kiln.lstm %x, %w, %r peephole %p {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x16xf32>)
      -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @element_types_differ(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf64>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{all operands must have the input's element type}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf64>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @hidden_size_not_positive(%x: tensor<5x2x3xf32>, %w: tensor<1x0x3xf32>, %r: tensor<1x0x0xf32>) {
  // expected-error @+2 {{hidden_size must be positive}}
  // expected-error @+1 {{'kiln.rnn' op failed to infer returned types}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 0 : i64}
      : (tensor<5x2x3xf32>, tensor<1x0x3xf32>, tensor<1x0x0xf32>) -> (tensor<5x1x2x0xf32>, tensor<1x2x0xf32>)
  return
}

// -----

func.func @lstm_activation_count(%x: tensor<5x2x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>) {
  // expected-error @+1 {{'kiln.lstm' op expects 6 activations (3 per direction), got 3}}
  %y, %h, %c = kiln.lstm %x, %w, %r {hidden_size = 4 : i64, direction = "bidirectional",
      activations = ["sigmoid", "tanh", "tanh"]}
      : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>)
      -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @unknown_activation(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>) {
  // expected-error @+1 {{'kiln.gru' op unknown activation 'thresholded_relu'}}
  %y, %h = kiln.gru %x, %w, %r {hidden_size = 4 : i64, activations = ["sigmoid", "thresholded_relu"]}
      : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @activation_alpha_count(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>) {
  // expected-error @+1 {{'kiln.gru' op activation_alpha holds 1 values, expected 0 or 2}}
  %y, %h = kiln.gru %x, %w, %r {hidden_size = 4 : i64, activation_alpha = array<f64: 0.1>}
      : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @clip_not_positive(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{'kiln.rnn' op clip must be positive}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64, clip = -1.0}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}
