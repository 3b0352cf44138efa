// Gradients of reductions, softmax and log_softmax on random shapes:
// finite differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM N: 1-3
// DIM M: 2-5
// TORCH sum: torch.sum(a0, dim=(0, 2))
// TORCH sum_keep: torch.sum(a0, dim=1, keepdim=True)
// TORCH mean: torch.mean(a0, dim=(1,))
// TORCH mean_all: torch.mean(a0)
// TORCH mean_batch: torch.mean(a0, dim=0)
// TORCH max: torch.amax(a0, dim=2)
// TORCH min: torch.amin(a0, dim=(0, 1), keepdim=True)
// TORCH softmax: torch.softmax(a0, dim=1)
// TORCH log_softmax: torch.log_softmax(a0, dim=-1)

func.func @sum(%x: tensor<$Nx3x$Mxf64>) -> tensor<3xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_sum %x {axes = array<i64: 0, 2>} : tensor<$Nx3x$Mxf64> -> tensor<3xf64>
  return %0 : tensor<3xf64>
}
func.func @sum_keep(%x: tensor<?x$Mxf64>) -> tensor<?x1xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>, keepdims = true} : tensor<?x$Mxf64> -> tensor<?x1xf64>
  return %0 : tensor<?x1xf64>
}
func.func @mean(%x: tensor<?x$Mx2xf64>) -> tensor<?x2xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>} : tensor<?x$Mx2xf64> -> tensor<?x2xf64>
  return %0 : tensor<?x2xf64>
}
func.func @mean_all(%x: tensor<$Nx$Mxf64>) -> tensor<f64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_mean %x {axes = array<i64>} : tensor<$Nx$Mxf64> -> tensor<f64>
  return %0 : tensor<f64>
}
// The mean over the dynamic batch divides by the runtime batch size.
func.func @mean_batch(%x: tensor<?x$Mxf64>) -> tensor<$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_mean %x {axes = array<i64: 0>} : tensor<?x$Mxf64> -> tensor<$Mxf64>
  return %0 : tensor<$Mxf64>
}
func.func @max(%x: tensor<$Nx3x$Mxf64>) -> tensor<$Nx3xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_max %x {axes = array<i64: 2>} : tensor<$Nx3x$Mxf64> -> tensor<$Nx3xf64>
  return %0 : tensor<$Nx3xf64>
}
func.func @min(%x: tensor<$Nx3x$Mxf64>) -> tensor<1x1x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reduce_min %x {axes = array<i64: 0, 1>, keepdims = true} : tensor<$Nx3x$Mxf64> -> tensor<1x1x$Mxf64>
  return %0 : tensor<1x1x$Mxf64>
}
func.func @softmax(%x: tensor<?x$Mx2xf64>) -> tensor<?x$Mx2xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.softmax %x {axis = 1} : tensor<?x$Mx2xf64>
  return %0 : tensor<?x$Mx2xf64>
}
func.func @log_softmax(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.log_softmax %x {axis = -1} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
