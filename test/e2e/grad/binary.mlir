// Gradients of the elementwise binary ops, with NumPy broadcasting, on random
// shapes: finite differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM N: 1-4
// DIM M: 1-5
// TORCH add: a0 + a1
// TORCH sub: a0 - a1
// TORCH mul: a0 * a1
// TORCH div: a0 / a1
// TORCH pow: torch.pow(a0, a1)
// TORCH max: torch.maximum(a0, a1)
// TORCH min: torch.minimum(a0, a1)
// TORCH square: a0 * a0
// INPUT div.1: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.5, 2, size=shape)
// INPUT pow.0: rng.uniform(0.5, 2, size=shape)

func.func @add(%a: tensor<$Nx$Mxf64>, %b: tensor<$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.add %a, %b : tensor<$Nx$Mxf64>, tensor<$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @sub(%a: tensor<$Nx1xf64>, %b: tensor<$Nx$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.sub %a, %b : tensor<$Nx1xf64>, tensor<$Nx$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @mul(%a: tensor<2x$Nx$Mxf64>, %b: tensor<$Nx1xf64>) -> tensor<2x$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.mul %a, %b : tensor<2x$Nx$Mxf64>, tensor<$Nx1xf64>
  return %0 : tensor<2x$Nx$Mxf64>
}
func.func @div(%a: tensor<$Nx$Mxf64>, %b: tensor<$Nx$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.div %a, %b : tensor<$Nx$Mxf64>, tensor<$Nx$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @pow(%a: tensor<$Nx$Mxf64>, %b: tensor<$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.pow %a, %b : tensor<$Nx$Mxf64>, tensor<$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @max(%a: tensor<$Nx$Mxf64>, %b: tensor<$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.max %a, %b : tensor<$Nx$Mxf64>, tensor<$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @min(%a: tensor<$Nx1xf64>, %b: tensor<$Nx$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.min %a, %b : tensor<$Nx1xf64>, tensor<$Nx$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
// Fan-out: both operands are the same argument.
func.func @square(%a: tensor<$Nx$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.mul %a, %a : tensor<$Nx$Mxf64>, tensor<$Nx$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
