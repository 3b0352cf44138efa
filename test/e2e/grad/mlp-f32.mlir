// The gradient of an MLP's loss in float32, the element type training uses:
// against PyTorch autograd in float32 (tolerance 1e-5) and against central
// finite differences computed in float32 (step 1e-2, tolerance 1e-4: the
// truncation error is about h^2 and the rounding error about 1e-7 / h).
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM batch: 1-5
// DIM H: 3-8
// FD_STEP: 1e-2
// FD_TOLERANCE: 1e-4
// TORCH_TOLERANCE: 1e-5
// TORCH mlp: torch.mean(torch.log_softmax(torch.relu(a0 @ a1 + a2) @ a3 + a4, dim=1) * a5)

func.func @mlp(%x: tensor<?x6xf32>, %w1: tensor<6x$Hxf32>, %b1: tensor<$Hxf32>, %w2: tensor<$Hx3xf32>, %b2: tensor<3xf32>, %targets: tensor<?x3xf32>) -> tensor<f32> attributes {kiln.gradient = {wrt = array<i64: 1, 2, 3, 4>}} {
  %0 = kiln.linear %x, %w1, %b1 : tensor<?x6xf32>, tensor<6x$Hxf32>, tensor<$Hxf32> -> tensor<?x$Hxf32>
  %1 = kiln.relu %0 : tensor<?x$Hxf32>
  %2 = kiln.linear %1, %w2, %b2 : tensor<?x$Hxf32>, tensor<$Hx3xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %3 = kiln.log_softmax %2 {axis = 1} : tensor<?x3xf32>
  %4 = kiln.mul %3, %targets : tensor<?x3xf32>, tensor<?x3xf32>
  %5 = kiln.reduce_mean %4 {axes = array<i64>} : tensor<?x3xf32> -> tensor<f32>
  return %5 : tensor<f32>
}
