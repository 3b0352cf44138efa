// Gradients of conv2d (stride, asymmetric padding, dilation, groups,
// depthwise) and conv2d_transpose with respect to input, weight and bias, on
// random spatial sizes and a dynamic batch: finite differences (float64) and
// PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM H: 4-7
// DIM W: 4-7
// DIM batch: 1-3
// TORCH conv: F.conv2d(a0, a1, a2, padding=1)
// TORCH strided: F.conv2d(F.pad(a0, (0, 1, 1, 2)), a1, stride=2, dilation=(1, 2))
// TORCH grouped: F.conv2d(a0, a1, a2, stride=(1, 2), groups=2)
// TORCH depthwise: F.conv2d(a0, a1, padding=1, groups=3)
// TORCH transpose: F.conv_transpose2d(a0, a1, a2, stride=2, padding=1, output_padding=(1, 0))

func.func @conv(%x: tensor<?x3x$Hx$Wxf64>, %w: tensor<4x3x3x3xf64>, %b: tensor<4xf64>) -> tensor<?x4x$Hx$Wxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %0 = kiln.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : tensor<?x3x$Hx$Wxf64>, tensor<4x3x3x3xf64>, tensor<4xf64> -> tensor<?x4x$Hx$Wxf64>
  return %0 : tensor<?x4x$Hx$Wxf64>
}
func.func @strided(%x: tensor<?x2x$Hx$Wxf64>, %w: tensor<3x2x3x2xf64>) -> tensor<?x3x${(H + 3 - 3) // 2 + 1}x${(W + 1 - 3) // 2 + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 1, 2>} : tensor<?x2x$Hx$Wxf64>, tensor<3x2x3x2xf64> -> tensor<?x3x${(H + 3 - 3) // 2 + 1}x${(W + 1 - 3) // 2 + 1}xf64>
  return %0 : tensor<?x3x${(H + 3 - 3) // 2 + 1}x${(W + 1 - 3) // 2 + 1}xf64>
}
func.func @grouped(%x: tensor<?x4x$Hx$Wxf64>, %w: tensor<6x2x2x2xf64>, %b: tensor<6xf64>) -> tensor<?x6x${H - 1}x${(W - 2) // 2 + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %0 = kiln.conv2d %x, %w, %b {strides = array<i64: 1, 2>, groups = 2} : tensor<?x4x$Hx$Wxf64>, tensor<6x2x2x2xf64>, tensor<6xf64> -> tensor<?x6x${H - 1}x${(W - 2) // 2 + 1}xf64>
  return %0 : tensor<?x6x${H - 1}x${(W - 2) // 2 + 1}xf64>
}
func.func @depthwise(%x: tensor<?x3x$Hx$Wxf64>, %w: tensor<3x1x3x3xf64>) -> tensor<?x3x$Hx$Wxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>, groups = 3} : tensor<?x3x$Hx$Wxf64>, tensor<3x1x3x3xf64> -> tensor<?x3x$Hx$Wxf64>
  return %0 : tensor<?x3x$Hx$Wxf64>
}
func.func @transpose(%x: tensor<?x3x$Hx$Wxf64>, %w: tensor<3x2x3x3xf64>, %b: tensor<2xf64>) -> tensor<?x2x${2 * H}x${2 * W - 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %0 = kiln.conv2d_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 0>} : tensor<?x3x$Hx$Wxf64>, tensor<3x2x3x3xf64>, tensor<2xf64> -> tensor<?x2x${2 * H}x${2 * W - 1}xf64>
  return %0 : tensor<?x2x${2 * H}x${2 * W - 1}xf64>
}
