// Gradients of batch_norm (inference form) with respect to the input, scale,
// offset, mean and variance, on random shapes and a dynamic batch: finite
// differences (float64) and PyTorch autograd of the same formula.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM C: 1-4
// DIM H: 1-4
// TORCH bn: (a0 - a3[:, None, None]) / torch.sqrt(a4[:, None, None] + 1e-3) * a1[:, None, None] + a2[:, None, None]
// TORCH bn2d: (a0 - a3) / torch.sqrt(a4 + 1e-5) * a1 + a2
// INPUT bn.4: rng.uniform(0.5, 2, size=shape)
// INPUT bn2d.4: rng.uniform(0.5, 2, size=shape)

func.func @bn(%x: tensor<?x$Cx$Hx3xf64>, %scale: tensor<$Cxf64>, %offset: tensor<$Cxf64>, %mean: tensor<$Cxf64>, %var: tensor<$Cxf64>) -> tensor<?x$Cx$Hx3xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %0 = kiln.batch_norm %x, %scale, %offset, %mean, %var {epsilon = 1.0e-3 : f64} : tensor<?x$Cx$Hx3xf64>, tensor<$Cxf64> -> tensor<?x$Cx$Hx3xf64>
  return %0 : tensor<?x$Cx$Hx3xf64>
}
func.func @bn2d(%x: tensor<?x$Cxf64>, %scale: tensor<$Cxf64>, %offset: tensor<$Cxf64>, %mean: tensor<$Cxf64>, %var: tensor<$Cxf64>) -> tensor<?x$Cxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %0 = kiln.batch_norm %x, %scale, %offset, %mean, %var : tensor<?x$Cxf64>, tensor<$Cxf64> -> tensor<?x$Cxf64>
  return %0 : tensor<?x$Cxf64>
}
