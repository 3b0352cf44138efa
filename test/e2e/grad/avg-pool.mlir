// Gradients of avg_pool2d, with and without counting padding, on random
// spatial sizes and a dynamic batch: finite differences and PyTorch autograd.
// Kiln lowers average pooling in float32 only, so this test runs in float32:
// pooling is linear, so the finite differences (step 1e-2) only carry
// rounding error.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM H: 4-7
// DIM W: 4-7
// DIM batch: 1-3
// FD_STEP: 1e-2
// FD_TOLERANCE: 1e-4
// TORCH_TOLERANCE: 1e-6
// TORCH avg: F.avg_pool2d(a0, (3, 2), (2, 1), padding=(1, 0), count_include_pad=False)
// TORCH avg_counting_pad: F.avg_pool2d(a0, 3, 1, padding=1, count_include_pad=True)
// TORCH avg_gaps: F.avg_pool2d(a0, 2, (3, 2), padding=(1, 0), count_include_pad=False)
// TORCH avg_blocks_counting_pad: F.avg_pool2d(a0, 2, 2, padding=1, count_include_pad=True)

func.func @avg(%x: tensor<?x2x$Hx$Wxf32>) -> tensor<?x2x${(H - 1) // 2 + 1}x${W - 1}xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 1, 0>} : tensor<?x2x$Hx$Wxf32> -> tensor<?x2x${(H - 1) // 2 + 1}x${W - 1}xf32>
  return %0 : tensor<?x2x${(H - 1) // 2 + 1}x${W - 1}xf32>
}
func.func @avg_counting_pad(%x: tensor<?x2x$Hx$Wxf32>) -> tensor<?x2x$Hx$Wxf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<?x2x$Hx$Wxf32> -> tensor<?x2x$Hx$Wxf32>
  return %0 : tensor<?x2x$Hx$Wxf32>
}
func.func @avg_gaps(%x: tensor<?x2x$Hx$Wxf32>) -> tensor<?x2x${H // 3 + 1}x${(W - 2) // 2 + 1}xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 0>} : tensor<?x2x$Hx$Wxf32> -> tensor<?x2x${H // 3 + 1}x${(W - 2) // 2 + 1}xf32>
  return %0 : tensor<?x2x${H // 3 + 1}x${(W - 2) // 2 + 1}xf32>
}
func.func @avg_blocks_counting_pad(%x: tensor<?x2x$Hx$Wxf32>) -> tensor<?x2x${H // 2 + 1}x${W // 2 + 1}xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<?x2x$Hx$Wxf32> -> tensor<?x2x${H // 2 + 1}x${W // 2 + 1}xf32>
  return %0 : tensor<?x2x${H // 2 + 1}x${W // 2 + 1}xf32>
}
