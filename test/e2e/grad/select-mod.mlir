// Gradients of select (broadcasting its three operands), of mod (floored and
// truncated) and through comparisons, on random shapes: finite differences
// (float64) and PyTorch autograd. A comparison's operands receive no
// gradient (its result is boolean); select sends dy to the operand it picked.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM N: 1-4
// DIM M: 1-5
// TORCH select: torch.where(a0 > a1, a1 * a1, a2)
// TORCH remainder: torch.remainder(a0, a1)
// TORCH fmod: torch.fmod(a0, a1)
// INPUT remainder.0: rng.uniform(-3, 3, size=shape)
// INPUT remainder.1: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.5, 1.5, size=shape)
// INPUT fmod.0: rng.uniform(-3, 3, size=shape)
// INPUT fmod.1: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.5, 1.5, size=shape)

func.func @select(%c: tensor<$Nx1xf64>, %a: tensor<$Nx$Mxf64>, %b: tensor<$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2>}} {
  %0 = kiln.greater %c, %a : tensor<$Nx1xf64>, tensor<$Nx$Mxf64>
  %1 = kiln.mul %a, %a : tensor<$Nx$Mxf64>, tensor<$Nx$Mxf64>
  %2 = kiln.select %0, %1, %b : tensor<$Nx$Mxi1>, tensor<$Nx$Mxf64>, tensor<$Mxf64>
  return %2 : tensor<$Nx$Mxf64>
}
func.func @remainder(%a: tensor<$Nx$Mxf64>, %b: tensor<$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.mod %a, %b : tensor<$Nx$Mxf64>, tensor<$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
func.func @fmod(%a: tensor<$Nx$Mxf64>, %b: tensor<$Nx$Mxf64>) -> tensor<$Nx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.mod %a, %b {fmod = true} : tensor<$Nx$Mxf64>, tensor<$Nx$Mxf64>
  return %0 : tensor<$Nx$Mxf64>
}
