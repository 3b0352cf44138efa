// Gradients of the training form of batch_norm (kiln-train-mode: the batch's
// mean and biased variance normalize x; the running mean and variance,
// updated with the unbiased variance, are returned as two more results)
// with respect to the input, scale, offset and running statistics, on random
// shapes, a dynamic batch (the count per channel computed at run time) and a
// static 2-D batch: finite differences (float64) and PyTorch
// (F.batch_norm with training=True and the running update PyTorch applies).
// RUN: %python %e2e/gradcheck.py %s --work %t
// PASSES: --kiln-train-mode
// DIM C: 1-4
// DIM H: 1-3
// DIM batch: 2-4
// TORCH bn: (F.batch_norm(a0, None, None, a1, a2, training=True, eps=1e-3), 0.9 * a3 + 0.1 * a0.mean((0, 2, 3)), 0.9 * a4 + 0.1 * a0.var((0, 2, 3), unbiased=True))
// TORCH bn2d: (F.batch_norm(a0, None, None, a1, a2, training=True, eps=1e-5), 0.75 * a3 + 0.25 * a0.mean(0), 0.75 * a4 + 0.25 * a0.var(0, unbiased=True))
// INPUT bn.4: rng.uniform(0.5, 2, size=shape)
// INPUT bn2d.4: rng.uniform(0.5, 2, size=shape)

func.func @bn(%x: tensor<?x$Cx$Hx3xf64>, %scale: tensor<$Cxf64>, %offset: tensor<$Cxf64>, %mean: tensor<$Cxf64>, %var: tensor<$Cxf64>) -> tensor<?x$Cx$Hx3xf64> attributes {kiln.train_mode, kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %0 = kiln.batch_norm %x, %scale, %offset, %mean, %var {epsilon = 1.0e-3 : f64} : tensor<?x$Cx$Hx3xf64>, tensor<$Cxf64> -> tensor<?x$Cx$Hx3xf64>
  return %0 : tensor<?x$Cx$Hx3xf64>
}
func.func @bn2d(%x: tensor<5x$Cxf64>, %scale: tensor<$Cxf64>, %offset: tensor<$Cxf64>, %mean: tensor<$Cxf64>, %var: tensor<$Cxf64>) -> tensor<5x$Cxf64> attributes {kiln.train_mode, kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 4>}} {
  %0 = kiln.batch_norm %x, %scale, %offset, %mean, %var {momentum = 0.75 : f64} : tensor<5x$Cxf64>, tensor<$Cxf64> -> tensor<5x$Cxf64>
  return %0 : tensor<5x$Cxf64>
}
