// Gradients of the elementwise math ops and activations on random shapes
// with a dynamic batch: finite differences (float64) and PyTorch autograd.
// floor, ceil, round and sign are piecewise constant: their gradient is zero,
// checked through x * op(x), whose gradient is op(x). Kinks (hard_sigmoid and
// hard_swish at the ends of their ramps, selu/celu at 0) are kept away from
// the finite-difference step. The functions are named d_<op>: a function
// named after a libm function (erf, sin) would clash with it. PyTorch
// 1.13's F.hardsigmoid and F.celu backward passes are off by about 1e-8 in
// float64 (single-precision constants), so those references are spelled out
// with float64 operations.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM M: 1-6
// TORCH d_erf: torch.erf(a0)
// TORCH d_reciprocal: torch.reciprocal(a0)
// TORCH d_sin: torch.sin(a0)
// TORCH d_cos: torch.cos(a0)
// TORCH d_tan: torch.tan(a0)
// TORCH d_asin: torch.asin(a0)
// TORCH d_acos: torch.acos(a0)
// TORCH d_atan: torch.atan(a0)
// TORCH d_sinh: torch.sinh(a0)
// TORCH d_cosh: torch.cosh(a0)
// TORCH d_asinh: torch.asinh(a0)
// TORCH d_acosh: torch.acosh(a0)
// TORCH d_atanh: torch.atanh(a0)
// TORCH d_softsign: F.softsign(a0)
// TORCH d_hard_sigmoid: torch.clamp(0.2 * a0 + 0.5, 0, 1)
// TORCH d_hard_sigmoid_torch: torch.clamp(a0 / 6 + 0.5, 0, 1)
// TORCH d_hard_swish: F.hardswish(a0)
// TORCH d_selu: 1.05070102214813232421875 * torch.where(a0 > 0, a0, 1.67326319217681884765625 * torch.expm1(a0))
// TORCH d_selu_torch: F.selu(a0)
// TORCH d_celu: torch.clamp(a0, min=0) + torch.clamp(0.7 * torch.expm1(a0 / 0.7), max=0)
// TORCH d_celu_negative_alpha: torch.clamp(a0, min=0) + torch.clamp(-0.5 * torch.expm1(a0 / -0.5), max=0)
// TORCH d_thresholded_relu: torch.where(a0 > 0.3, a0, torch.zeros_like(a0))
// TORCH d_x_times_floor: a0 * torch.floor(a0)
// TORCH d_x_times_ceil: a0 * torch.ceil(a0)
// TORCH d_x_times_round: a0 * torch.round(a0)
// TORCH d_x_times_sign: a0 * torch.sign(a0)
// INPUT d_reciprocal.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.3, 1, size=shape)
// INPUT d_sin.0: rng.uniform(-3, 3, size=shape)
// INPUT d_cos.0: rng.uniform(-3, 3, size=shape)
// INPUT d_asin.0: rng.uniform(-0.9, 0.9, size=shape)
// INPUT d_acos.0: rng.uniform(-0.9, 0.9, size=shape)
// INPUT d_atan.0: rng.uniform(-3, 3, size=shape)
// INPUT d_sinh.0: rng.uniform(-2, 2, size=shape)
// INPUT d_cosh.0: rng.uniform(-2, 2, size=shape)
// INPUT d_asinh.0: rng.uniform(-3, 3, size=shape)
// INPUT d_acosh.0: rng.uniform(1.2, 3, size=shape)
// INPUT d_atanh.0: rng.uniform(-0.9, 0.9, size=shape)
// INPUT d_softsign.0: rng.uniform(-3, 3, size=shape)
// INPUT d_hard_sigmoid.0: rng.choice([-1, 1], size=shape) * (rng.choice([0.5, 1.5, 3.5], size=shape) + rng.uniform(-0.3, 0.3, size=shape))
// INPUT d_hard_sigmoid_torch.0: rng.choice([-1, 1], size=shape) * (rng.choice([0.5, 1.5, 3.5], size=shape) + rng.uniform(-0.3, 0.3, size=shape))
// INPUT d_hard_swish.0: rng.choice([-1, 1], size=shape) * (rng.choice([0.5, 1.5, 3.5], size=shape) + rng.uniform(-0.3, 0.3, size=shape))
// INPUT d_selu.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT d_selu_torch.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT d_celu.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT d_celu_negative_alpha.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT d_thresholded_relu.0: 0.3 + np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT d_x_times_floor.0: rng.uniform(-3, 3, size=shape)
// INPUT d_x_times_ceil.0: rng.uniform(-3, 3, size=shape)
// INPUT d_x_times_round.0: rng.uniform(-3, 3, size=shape)
// INPUT d_x_times_sign.0: rng.uniform(-3, 3, size=shape)

func.func @d_erf(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.erf %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_reciprocal(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.reciprocal %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_sin(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.sin %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_cos(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.cos %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_tan(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.tan %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_asin(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.asin %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_acos(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.acos %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_atan(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.atan %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_sinh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.sinh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_cosh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.cosh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_asinh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.asinh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_acosh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.acosh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_atanh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.atanh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_softsign(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.softsign %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_hard_sigmoid(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.hard_sigmoid %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_hard_sigmoid_torch(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.hard_sigmoid %x {alpha = 0.16666666666666666 : f64, beta = 0.5 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_hard_swish(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.hard_swish %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_selu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.selu %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_selu_torch(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.selu %x {alpha = 1.6732632423543772 : f64, gamma = 1.0507009873554805 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_celu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.celu %x {alpha = 0.7 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_celu_negative_alpha(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.celu %x {alpha = -0.5 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_thresholded_relu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.thresholded_relu %x {alpha = 0.3 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @d_x_times_floor(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.floor %x : tensor<?x$Mxf64>
  %1 = kiln.mul %x, %0 : tensor<?x$Mxf64>, tensor<?x$Mxf64>
  return %1 : tensor<?x$Mxf64>
}
func.func @d_x_times_ceil(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.ceil %x : tensor<?x$Mxf64>
  %1 = kiln.mul %x, %0 : tensor<?x$Mxf64>, tensor<?x$Mxf64>
  return %1 : tensor<?x$Mxf64>
}
func.func @d_x_times_round(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.round %x : tensor<?x$Mxf64>
  %1 = kiln.mul %x, %0 : tensor<?x$Mxf64>, tensor<?x$Mxf64>
  return %1 : tensor<?x$Mxf64>
}
func.func @d_x_times_sign(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.sign %x : tensor<?x$Mxf64>
  %1 = kiln.mul %x, %0 : tensor<?x$Mxf64>, tensor<?x$Mxf64>
  return %1 : tensor<?x$Mxf64>
}
