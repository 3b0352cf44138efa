// Gradients of reshape, flatten, transpose, concat, slice and pad on random
// shapes: finite differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM M: 1-4
// DIM K: 2-4
// TORCH reshape: torch.reshape(a0, (-1, ${2*M})) ** 2
// TORCH flatten: torch.flatten(a0, 1)
// TORCH transpose: a0.permute(2, 0, 1)
// TORCH concat: torch.cat([a0, a1, a0], dim=1)
// TORCH slice: a0[:, 1:7:3, 0:$K:2]
// TORCH pad: F.pad(a0, (2, 0, 1, 3), value=0.5)

func.func @reshape(%x: tensor<?x$Mx2xf64>) -> tensor<?x${2*M}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reshape %x {shape = array<i64: -1, ${2*M}>} : tensor<?x$Mx2xf64> -> tensor<?x${2*M}xf64>
  %1 = kiln.mul %0, %0 : tensor<?x${2*M}xf64>, tensor<?x${2*M}xf64>
  return %1 : tensor<?x${2*M}xf64>
}
func.func @flatten(%x: tensor<?x3x$Kxf64>) -> tensor<?x${3*K}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.flatten %x : tensor<?x3x$Kxf64> -> tensor<?x${3*K}xf64>
  return %0 : tensor<?x${3*K}xf64>
}
func.func @transpose(%x: tensor<$Mx3x$Kxf64>) -> tensor<$Kx$Mx3xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<$Mx3x$Kxf64> -> tensor<$Kx$Mx3xf64>
  return %0 : tensor<$Kx$Mx3xf64>
}
func.func @concat(%a: tensor<?x$Mxf64>, %b: tensor<?x2xf64>) -> tensor<?x${2*M+2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.concat %a, %b, %a {axis = 1} : tensor<?x$Mxf64>, tensor<?x2xf64>, tensor<?x$Mxf64> -> tensor<?x${2*M+2}xf64>
  return %0 : tensor<?x${2*M+2}xf64>
}
func.func @slice(%x: tensor<?x8x$Kxf64>) -> tensor<?x2x${(K+1)//2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.slice %x {axes = array<i64: 1, 2>, starts = array<i64: 1, 0>, ends = array<i64: 7, $K>, steps = array<i64: 3, 2>} : tensor<?x8x$Kxf64> -> tensor<?x2x${(K+1)//2}xf64>
  return %0 : tensor<?x2x${(K+1)//2}xf64>
}
func.func @pad(%x: tensor<?x$Mx$Kxf64>) -> tensor<?x${M+4}x${K+2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.pad %x {pads = array<i64: 0, 1, 2, 0, 3, 0>, value = 0.5 : f64} : tensor<?x$Mx$Kxf64> -> tensor<?x${M+4}x${K+2}xf64>
  return %0 : tensor<?x${M+4}x${K+2}xf64>
}
