// Gradients through casts: float to float casts the gradient back; a path
// through an integer carries none (x * float(int(x)) has the gradient
// float(int(x))). The arguments are float32, so finite differences take a
// step of 1e-2 (x away from integers, so int(x) stays put) with a tolerance
// of 1e-4; PyTorch runs the same casts (tolerance 1e-6).
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM M: 1-6
// FD_STEP: 1e-2
// FD_TOLERANCE: 1e-4
// TORCH_TOLERANCE: 1e-6
// TORCH widen: torch.sin(a0.double()) * a1
// TORCH through_int: a0 * a0.to(torch.int32).to(torch.float32)
// INPUT through_int.0: rng.integers(-3, 3, size=shape) + rng.uniform(0.1, 0.9, size=shape)

func.func @widen(%x: tensor<?x$Mxf32>, %w: tensor<$Mxf64>) -> tensor<?x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.cast %x : tensor<?x$Mxf32> to f64
  %1 = kiln.sin %0 : tensor<?x$Mxf64>
  %2 = kiln.mul %1, %w : tensor<?x$Mxf64>, tensor<$Mxf64>
  return %2 : tensor<?x$Mxf64>
}
func.func @through_int(%x: tensor<?x$Mxf32>) -> tensor<?x$Mxf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.cast %x : tensor<?x$Mxf32> to i32
  %1 = kiln.cast %0 : tensor<?x$Mxi32> to f32
  %2 = kiln.mul %x, %1 : tensor<?x$Mxf32>, tensor<?x$Mxf32>
  return %2 : tensor<?x$Mxf32>
}
