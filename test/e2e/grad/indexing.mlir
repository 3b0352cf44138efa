// Gradients of the indexing ops on random shapes with a dynamic batch:
// finite differences (float64) and PyTorch autograd. gather's gradient is a
// scatter-add (repeated and negative indices included: an embedding);
// broadcast_to and tile sum back; cumsum's is the reversed cumsum;
// depth_to_space and space_to_depth invert each other; one_hot sends dy to
// its [off, on] values; an index (argmax) carries no gradient.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM V: 2-6
// DIM K: 2-5
// DIM M: 1-4
// DIM H: 1-3
// TORCH embedding: a0[a1 % $V]
// TORCH gather_axis1: torch.index_select(a0, 1, a1 % $K)
// TORCH gather_elements: torch.gather(a0, 1, a1 % $K)
// TORCH scatter_add: a0.index_add(0, a1 % $V, a2)
// TORCH broadcast_to: a0.expand(3, $M, 4)
// TORCH tile: a0.repeat(1, 3)
// TORCH tile_both: a0.repeat(2, 3)
// TORCH cumsum: torch.cumsum(a0, 1)
// TORCH cumsum_reverse_exclusive: torch.flip(torch.cumsum(torch.flip(a0, [1]), 1), [1]) - a0
// TORCH depth_to_space_dcr: a0.reshape(-1, 2, 2, 2, $H, $M).permute(0, 3, 4, 1, 5, 2).reshape(-1, 2, 2 * $H, 2 * $M)
// TORCH depth_to_space_crd: F.pixel_shuffle(a0, 2)
// TORCH space_to_depth_crd: F.pixel_unshuffle(a0, 2)
// TORCH one_hot: torch.where(F.one_hot(a0 % 5, 5).bool(), a1[1], a1[0])
// TORCH through_argmax: a0 * torch.argmax(a0, 1, keepdim=True).double()
// INPUT embedding.1: rng.integers(-$V, $V, size=shape)
// INPUT gather_axis1.1: rng.integers(-$K, $K, size=shape)
// INPUT gather_elements.1: rng.integers(-$K, $K, size=shape)
// INPUT scatter_add.1: rng.integers(-$V, $V, size=shape)
// INPUT one_hot.0: rng.integers(-5, 5, size=shape)

func.func @embedding(%table: tensor<$Vx$Mxf64>, %ids: tensor<?x7xi64>) -> tensor<?x7x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.gather %table, %ids : tensor<$Vx$Mxf64>, tensor<?x7xi64> -> tensor<?x7x$Mxf64>
  return %0 : tensor<?x7x$Mxf64>
}
func.func @gather_axis1(%x: tensor<?x$Kx$Mxf64>, %i: tensor<6xi32>) -> tensor<?x6x$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.gather %x, %i {axis = 1 : i64} : tensor<?x$Kx$Mxf64>, tensor<6xi32> -> tensor<?x6x$Mxf64>
  return %0 : tensor<?x6x$Mxf64>
}
func.func @gather_elements(%x: tensor<?x$Kxf64>, %i: tensor<?x4xi64>) -> tensor<?x4xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.gather_elements %x, %i {axis = 1 : i64} : tensor<?x$Kxf64>, tensor<?x4xi64> -> tensor<?x4xf64>
  return %0 : tensor<?x4xf64>
}
func.func @scatter_add(%t: tensor<$Vx$Mxf64>, %i: tensor<5xi64>, %u: tensor<5x$Mxf64>) -> tensor<$Vx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0, 2>}} {
  %0 = kiln.scatter_add %t, %i, %u : tensor<$Vx$Mxf64>, tensor<5xi64>, tensor<5x$Mxf64>
  return %0 : tensor<$Vx$Mxf64>
}
func.func @broadcast_to(%x: tensor<$Mx1xf64>) -> tensor<3x$Mx4xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.broadcast_to %x {shape = array<i64: 3, 1, 4>} : tensor<$Mx1xf64> -> tensor<3x$Mx4xf64>
  return %0 : tensor<3x$Mx4xf64>
}
func.func @tile(%x: tensor<?x$Mxf64>) -> tensor<?x${3*M}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.tile %x {repeats = array<i64: 1, 3>} : tensor<?x$Mxf64> -> tensor<?x${3*M}xf64>
  return %0 : tensor<?x${3*M}xf64>
}
func.func @tile_both(%x: tensor<2x$Mxf64>) -> tensor<4x${3*M}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.tile %x {repeats = array<i64: 2, 3>} : tensor<2x$Mxf64> -> tensor<4x${3*M}xf64>
  return %0 : tensor<4x${3*M}xf64>
}
func.func @cumsum(%x: tensor<?x$Kxf64>) -> tensor<?x$Kxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.cumsum %x {axis = 1 : i64} : tensor<?x$Kxf64>
  return %0 : tensor<?x$Kxf64>
}
func.func @cumsum_reverse_exclusive(%x: tensor<?x$Kxf64>) -> tensor<?x$Kxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.cumsum %x {axis = 1 : i64, exclusive = true, reverse = true} : tensor<?x$Kxf64>
  return %0 : tensor<?x$Kxf64>
}
func.func @depth_to_space_dcr(%x: tensor<?x8x$Hx$Mxf64>) -> tensor<?x2x${2*H}x${2*M}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : tensor<?x8x$Hx$Mxf64> -> tensor<?x2x${2*H}x${2*M}xf64>
  return %0 : tensor<?x2x${2*H}x${2*M}xf64>
}
func.func @depth_to_space_crd(%x: tensor<?x8x$Hx$Mxf64>) -> tensor<?x2x${2*H}x${2*M}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : tensor<?x8x$Hx$Mxf64> -> tensor<?x2x${2*H}x${2*M}xf64>
  return %0 : tensor<?x2x${2*H}x${2*M}xf64>
}
func.func @space_to_depth_crd(%x: tensor<?x2x${2*H}x${2*M}xf64>) -> tensor<?x8x$Hx$Mxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64, mode = "CRD"} : tensor<?x2x${2*H}x${2*M}xf64> -> tensor<?x8x$Hx$Mxf64>
  return %0 : tensor<?x8x$Hx$Mxf64>
}
func.func @one_hot(%i: tensor<?x3xi64>, %v: tensor<2xf64>) -> tensor<?x3x5xf64> attributes {kiln.gradient = {wrt = array<i64: 1>}} {
  %0 = kiln.one_hot %i, %v {depth = 5 : i64} : tensor<?x3xi64>, tensor<2xf64> -> tensor<?x3x5xf64>
  return %0 : tensor<?x3x5xf64>
}
func.func @through_argmax(%x: tensor<?x$Kxf64>) -> tensor<?x$Kxf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.argmax %x {axis = 1 : i64} : tensor<?x$Kxf64> -> tensor<?x1xi64>
  %1 = kiln.cast %0 : tensor<?x1xi64> to f64
  %2 = kiln.mul %x, %1 : tensor<?x$Kxf64>, tensor<?x1xf64>
  return %2 : tensor<?x$Kxf64>
}
