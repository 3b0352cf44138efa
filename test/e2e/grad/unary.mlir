// Gradients of the elementwise unary ops and activations on random shapes
// with a dynamic batch: finite differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM M: 1-6
// TORCH neg: -a0
// TORCH abs: torch.abs(a0)
// TORCH sqrt: torch.sqrt(a0)
// TORCH exp: torch.exp(a0)
// TORCH log: torch.log(a0)
// TORCH relu: torch.relu(a0)
// TORCH leaky_relu: F.leaky_relu(a0, 0.2)
// TORCH elu: F.elu(a0, 0.7)
// TORCH sigmoid: torch.sigmoid(a0)
// TORCH tanh: torch.tanh(a0)
// TORCH softplus: F.softplus(a0)
// TORCH dropout: a0
// Kinks (abs, relu, leaky_relu, elu at 0) are kept away from the
// finite-difference step.
// INPUT abs.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT relu.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT leaky_relu.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT elu.0: np.sign(rng.uniform(-1, 1, size=shape)) * rng.uniform(0.1, 1, size=shape)
// INPUT sqrt.0: rng.uniform(0.2, 2, size=shape)
// INPUT log.0: rng.uniform(0.2, 2, size=shape)

func.func @neg(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.neg %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @abs(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.abs %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @sqrt(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.sqrt %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @exp(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.exp %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @log(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.log %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @relu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.relu %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @leaky_relu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.leaky_relu %x {alpha = 0.2 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @elu(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.elu %x {alpha = 0.7 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @sigmoid(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.sigmoid %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @tanh(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.tanh %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @softplus(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.softplus %x : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
func.func @dropout(%x: tensor<?x$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.dropout %x {rate = 0.5 : f64} : tensor<?x$Mxf64>
  return %0 : tensor<?x$Mxf64>
}
