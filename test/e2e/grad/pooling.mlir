// Gradients of max_pool2d and global_avg_pool2d on random spatial sizes and a dynamic batch: finite
// differences (float64) and PyTorch autograd. Windows that overlap, that
// tile the input, that leave gaps (stride > kernel), with padding, and inputs
// with many equal elements in a window.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM H: 4-7
// DIM W: 4-7
// DIM batch: 1-3
// TORCH max_overlapping: F.max_pool2d(a0, 3, 2, padding=1)
// TORCH max: F.max_pool2d(a0, 2, 2)
// TORCH global_avg: torch.mean(a0, dim=(2, 3))
// TORCH max_gaps: F.max_pool2d(a0, 2, 3, padding=1)
// TORCH max_padded: F.max_pool2d(a0, (2, 3), (2, 3), padding=(1, 1))
// TORCH max_ties: F.max_pool2d(a0, 2, 2)
// INPUT max_ties.0: np.round(rng.uniform(0, 2, size=shape))
// NO_FD max_ties: ties are kinks; the first maximum in row-major order takes the gradient, as in PyTorch

func.func @max_overlapping(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${(H - 1) // 2 + 1}x${(W - 1) // 2 + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${(H - 1) // 2 + 1}x${(W - 1) // 2 + 1}xf64>
  return %0 : tensor<?x2x${(H - 1) // 2 + 1}x${(W - 1) // 2 + 1}xf64>
}
func.func @max(%x: tensor<?x3x$Hx$Wxf64>) -> tensor<?x3x${H // 2}x${W // 2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x$Hx$Wxf64> -> tensor<?x3x${H // 2}x${W // 2}xf64>
  return %0 : tensor<?x3x${H // 2}x${W // 2}xf64>
}
func.func @global_avg(%x: tensor<?x3x$Hx$Wxf64>) -> tensor<?x3xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.global_avg_pool2d %x : tensor<?x3x$Hx$Wxf64> -> tensor<?x3xf64>
  return %0 : tensor<?x3xf64>
}
func.func @max_gaps(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${H // 3 + 1}x${W // 3 + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${H // 3 + 1}x${W // 3 + 1}xf64>
  return %0 : tensor<?x2x${H // 3 + 1}x${W // 3 + 1}xf64>
}
func.func @max_padded(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${H // 2 + 1}x${(W - 1) // 3 + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>, strides = array<i64: 2, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${H // 2 + 1}x${(W - 1) // 3 + 1}xf64>
  return %0 : tensor<?x2x${H // 2 + 1}x${(W - 1) // 3 + 1}xf64>
}
func.func @max_ties(%x: tensor<?x3x$Hx$Wxf64>) -> tensor<?x3x${H // 2}x${W // 2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x$Hx$Wxf64> -> tensor<?x3x${H // 2}x${W // 2}xf64>
  return %0 : tensor<?x3x${H // 2}x${W // 2}xf64>
}
