// Gradients of kiln.resize (nearest, linear, cubic; several coordinate
// modes; up- and downsampling) on random spatial sizes and a dynamic batch:
// finite differences (float64) and PyTorch autograd through
// F.interpolate, whose nearest, bilinear and bicubic modes are ONNX's
// asymmetric/floor, half_pixel (or align_corners) and half_pixel cubic with
// a = -0.75.
// RUN: %python %e2e/gradcheck.py %s --work %t
// DIM H: 2-5
// DIM W: 2-5
// DIM batch: 1-3
// TORCH nearest: F.interpolate(a0, size=(${2 * H}, ${3 * W}), mode="nearest")
// TORCH linear: F.interpolate(a0, size=(${H + 3}, ${2 * W - 1}), mode="bilinear", align_corners=False)
// TORCH linear_corners: F.interpolate(a0, size=(${2 * H + 1}, ${W + 2}), mode="bilinear", align_corners=True)
// TORCH cubic: F.interpolate(a0, size=(${2 * H}, ${W + 1}), mode="bicubic", align_corners=False)
// TORCH linear_down: F.interpolate(a0, size=(${H - 1}, 1), mode="bilinear", align_corners=False)

func.func @nearest(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${2 * H}x${3 * W}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.resize %x {sizes = array<i64: ${2 * H}, ${3 * W}>, mode = "nearest", coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${2 * H}x${3 * W}xf64>
  return %0 : tensor<?x2x${2 * H}x${3 * W}xf64>
}
func.func @linear(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${H + 3}x${2 * W - 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.resize %x {sizes = array<i64: ${H + 3}, ${2 * W - 1}>, mode = "linear"} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${H + 3}x${2 * W - 1}xf64>
  return %0 : tensor<?x2x${H + 3}x${2 * W - 1}xf64>
}
func.func @linear_corners(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${2 * H + 1}x${W + 2}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.resize %x {sizes = array<i64: ${2 * H + 1}, ${W + 2}>, mode = "linear", coordinate_transformation_mode = "align_corners"} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${2 * H + 1}x${W + 2}xf64>
  return %0 : tensor<?x2x${2 * H + 1}x${W + 2}xf64>
}
func.func @cubic(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${2 * H}x${W + 1}xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.resize %x {sizes = array<i64: ${2 * H}, ${W + 1}>, mode = "cubic"} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${2 * H}x${W + 1}xf64>
  return %0 : tensor<?x2x${2 * H}x${W + 1}xf64>
}
func.func @linear_down(%x: tensor<?x2x$Hx$Wxf64>) -> tensor<?x2x${H - 1}x1xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.resize %x {sizes = array<i64: ${H - 1}, 1>, mode = "linear"} : tensor<?x2x$Hx$Wxf64> -> tensor<?x2x${H - 1}x1xf64>
  return %0 : tensor<?x2x${H - 1}x1xf64>
}
