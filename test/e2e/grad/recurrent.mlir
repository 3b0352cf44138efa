// Gradients of kiln.lstm, kiln.gru and kiln.rnn with respect to every
// operand (input, weights, recurrence, bias, initial states, peepholes), on a
// random sequence length and a dynamic batch: finite differences (float64)
// and PyTorch autograd. The configurations PyTorch's fused layers compute
// (both directions, default activations, GRU with linear_before_reset) are
// compared with torch.lstm / torch.gru / torch.rnn_tanh on the same
// ONNX-layout tensors; the others (reverse direction, peepholes, clip, other
// activations with alpha and beta, GRU without linear_before_reset) with
// ONNX's equations written in torch (test/e2e/lib/recurrent_torch.py).
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM T: 1-4
// DIM batch: 1-3
// TORCH_MODULE: recurrent_torch
// TORCH lstm: torch_lstm(a0, a1, a2, a3, a4, a5)
// TORCH lstm_peephole_clip: onnx_lstm(a0, a1, a2, a3, a4, a5, a6, direction="reverse", clip=0.9, activations=["sigmoid", "softsign", "scaled_tanh"], alpha=[1.0, 1.0, 0.8], beta=[1.0, 1.0, 1.3])
// TORCH gru: torch_gru(a0, a1, a2, a3, a4)
// TORCH gru_reset_before: onnx_gru(a0, a1, a2, a3, a4, direction="bidirectional", clip=1.5, activations=["sigmoid", "tanh", "hard_sigmoid", "elu"], alpha=[1.0, 1.0, 0.3, 0.7], beta=[0.0, 0.0, 0.4, 0.0])
// TORCH rnn: torch_rnn(a0, a1, a2, a3, a4)
// TORCH rnn_leaky: onnx_rnn(a0, a1, a2, direction="reverse", activations=["leaky_relu"], alpha=[0.2])

func.func @lstm(%x: tensor<$Tx?x2xf64>, %w: tensor<2x12x2xf64>, %r: tensor<2x12x3xf64>, %b: tensor<2x24xf64>, %h: tensor<2x?x3xf64>, %c: tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>, tensor<2x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4, 5>}} {
  %y, %yh, %yc = kiln.lstm %x, %w, %r bias %b initial_h %h initial_c %c {hidden_size = 3 : i64, direction = "bidirectional"} : (tensor<$Tx?x2xf64>, tensor<2x12x2xf64>, tensor<2x12x3xf64>, tensor<2x24xf64>, tensor<2x?x3xf64>, tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>, tensor<2x?x3xf64>)
  return %y, %yh, %yc : tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>, tensor<2x?x3xf64>
}
func.func @lstm_peephole_clip(%x: tensor<$Tx?x2xf64>, %w: tensor<1x12x2xf64>, %r: tensor<1x12x3xf64>, %b: tensor<1x24xf64>, %h: tensor<1x?x3xf64>, %c: tensor<1x?x3xf64>, %p: tensor<1x9xf64>) -> (tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>, tensor<1x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4, 5, 6>}} {
  %y, %yh, %yc = kiln.lstm %x, %w, %r bias %b initial_h %h initial_c %c peephole %p {hidden_size = 3 : i64, direction = "reverse", clip = 0.9, activations = ["sigmoid", "softsign", "scaled_tanh"], activation_alpha = array<f64: 1.0, 1.0, 0.8>, activation_beta = array<f64: 1.0, 1.0, 1.3>} : (tensor<$Tx?x2xf64>, tensor<1x12x2xf64>, tensor<1x12x3xf64>, tensor<1x24xf64>, tensor<1x?x3xf64>, tensor<1x?x3xf64>, tensor<1x9xf64>) -> (tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>, tensor<1x?x3xf64>)
  return %y, %yh, %yc : tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>, tensor<1x?x3xf64>
}
func.func @gru(%x: tensor<$Tx?x2xf64>, %w: tensor<2x9x2xf64>, %r: tensor<2x9x3xf64>, %b: tensor<2x18xf64>, %h: tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %y, %yh = kiln.gru %x, %w, %r bias %b initial_h %h {hidden_size = 3 : i64, direction = "bidirectional", linear_before_reset = true} : (tensor<$Tx?x2xf64>, tensor<2x9x2xf64>, tensor<2x9x3xf64>, tensor<2x18xf64>, tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>)
  return %y, %yh : tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>
}
func.func @gru_reset_before(%x: tensor<$Tx?x2xf64>, %w: tensor<2x9x2xf64>, %r: tensor<2x9x3xf64>, %b: tensor<2x18xf64>, %h: tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %y, %yh = kiln.gru %x, %w, %r bias %b initial_h %h {hidden_size = 3 : i64, direction = "bidirectional", clip = 1.5, activations = ["sigmoid", "tanh", "hard_sigmoid", "elu"], activation_alpha = array<f64: 1.0, 1.0, 0.3, 0.7>, activation_beta = array<f64: 0.0, 0.0, 0.4, 0.0>} : (tensor<$Tx?x2xf64>, tensor<2x9x2xf64>, tensor<2x9x3xf64>, tensor<2x18xf64>, tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>)
  return %y, %yh : tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>
}
func.func @rnn(%x: tensor<$Tx?x2xf64>, %w: tensor<2x3x2xf64>, %r: tensor<2x3x3xf64>, %b: tensor<2x6xf64>, %h: tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %y, %yh = kiln.rnn %x, %w, %r bias %b initial_h %h {hidden_size = 3 : i64, direction = "bidirectional"} : (tensor<$Tx?x2xf64>, tensor<2x3x2xf64>, tensor<2x3x3xf64>, tensor<2x6xf64>, tensor<2x?x3xf64>) -> (tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>)
  return %y, %yh : tensor<$Tx2x?x3xf64>, tensor<2x?x3xf64>
}
func.func @rnn_leaky(%x: tensor<$Tx?x2xf64>, %w: tensor<1x3x2xf64>, %r: tensor<1x3x3xf64>) -> (tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>) attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %y, %yh = kiln.rnn %x, %w, %r {hidden_size = 3 : i64, direction = "reverse", activations = ["leaky_relu"], activation_alpha = array<f64: 0.2>} : (tensor<$Tx?x2xf64>, tensor<1x3x2xf64>, tensor<1x3x3xf64>) -> (tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>)
  return %y, %yh : tensor<$Tx1x?x3xf64>, tensor<1x?x3xf64>
}
