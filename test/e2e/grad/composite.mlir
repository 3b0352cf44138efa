// The gradient of a small CNN's loss (conv2d, batch_norm, relu, max_pool2d,
// flatten, linear, log_softmax, mean) with respect to its input and its
// parameters: the rules composed by the reverse sweep, against finite
// differences (float64) and PyTorch autograd.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM batch: 1-3
// INPUT cnn.5: rng.uniform(0.5, 2, size=shape)
// TORCH cnn: torch.mean(torch.log_softmax(torch.flatten(F.max_pool2d(torch.relu((F.conv2d(a0, a1, padding=1) - a4[:, None, None]) / torch.sqrt(a5[:, None, None] + 1e-5) * a2[:, None, None] + a3[:, None, None]), 2), 1) @ a6 + a7, dim=1))

func.func @cnn(%x: tensor<?x2x6x6xf64>, %w: tensor<3x2x3x3xf64>, %scale: tensor<3xf64>, %offset: tensor<3xf64>, %mean: tensor<3xf64>, %var: tensor<3xf64>, %w2: tensor<27x4xf64>, %b2: tensor<4xf64>) -> tensor<f64> attributes {kiln.gradient = {wrt = array<i64: 0, 1, 2, 3, 6, 7>}} {
  %0 = kiln.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf64>, tensor<3x2x3x3xf64> -> tensor<?x3x6x6xf64>
  %1 = kiln.batch_norm %0, %scale, %offset, %mean, %var : tensor<?x3x6x6xf64>, tensor<3xf64> -> tensor<?x3x6x6xf64>
  %2 = kiln.relu %1 : tensor<?x3x6x6xf64>
  %3 = kiln.max_pool2d %2 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x6x6xf64> -> tensor<?x3x3x3xf64>
  %4 = kiln.flatten %3 : tensor<?x3x3x3xf64> -> tensor<?x27xf64>
  %5 = kiln.linear %4, %w2, %b2 : tensor<?x27xf64>, tensor<27x4xf64>, tensor<4xf64> -> tensor<?x4xf64>
  %6 = kiln.log_softmax %5 {axis = 1} : tensor<?x4xf64>
  %7 = kiln.reduce_mean %6 {axes = array<i64>} : tensor<?x4xf64> -> tensor<f64>
  return %7 : tensor<f64>
}
