// Gradients of matmul (batched, broadcasting) and linear on random shapes:
// finite differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM M: 1-4
// DIM K: 1-5
// DIM N: 1-4
// TORCH matmul: a0 @ a1
// TORCH batched: torch.matmul(a0, a1)
// TORCH linear: a0 @ a1 + a2
// TORCH linear3: a0 @ a1

func.func @matmul(%a: tensor<$Mx$Kxf64>, %b: tensor<$Kx$Nxf64>) -> tensor<$Mx$Nxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.matmul %a, %b : tensor<$Mx$Kxf64>, tensor<$Kx$Nxf64> -> tensor<$Mx$Nxf64>
  return %0 : tensor<$Mx$Nxf64>
}
// The rhs is broadcast over the batch of the lhs; its gradient sums it.
func.func @batched(%a: tensor<?x3x$Mx$Kxf64>, %b: tensor<1x$Kx$Nxf64>) -> tensor<?x3x$Mx$Nxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.matmul %a, %b : tensor<?x3x$Mx$Kxf64>, tensor<1x$Kx$Nxf64> -> tensor<?x3x$Mx$Nxf64>
  return %0 : tensor<?x3x$Mx$Nxf64>
}
func.func @linear(%x: tensor<?x$Kxf64>, %w: tensor<$Kx$Nxf64>, %b: tensor<$Nxf64>) -> tensor<?x$Nxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %0 = kiln.linear %x, %w, %b : tensor<?x$Kxf64>, tensor<$Kx$Nxf64>, tensor<$Nxf64> -> tensor<?x$Nxf64>
  return %0 : tensor<?x$Nxf64>
}
func.func @linear3(%x: tensor<?x2x$Kxf64>, %w: tensor<$Kx$Nxf64>) -> tensor<?x2x$Nxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.linear %x, %w : tensor<?x2x$Kxf64>, tensor<$Kx$Nxf64> -> tensor<?x2x$Nxf64>
  return %0 : tensor<?x2x$Nxf64>
}
