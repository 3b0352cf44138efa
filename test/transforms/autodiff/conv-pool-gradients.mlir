// RUN: kiln-opt %s --kiln-generate-gradients -split-input-file | FileCheck %s

// The weight gradient of a strided, padded conv2d is im2col and one matmul:
// the input as [C, N, H, W], padded, its 3 x 3 windows (strided slices)
// stacked into patches [C*KH*KW, N*OH*OW], times dy as rows [N*OH*OW, F].
// CHECK-LABEL: func.func @conv_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x2x6x6xf32>, %[[W:[^:]+]]: tensor<4x2x3x3xf32>, %[[DY:[^:]+]]: tensor<?x4x3x3xf32>
// CHECK: %[[PLANES:.*]] = kiln.transpose %[[X]] {perm = array<i64: 1, 0, 2, 3>} : tensor<?x2x6x6xf32> -> tensor<2x?x6x6xf32>
// CHECK: %[[ROWS:.*]] = kiln.pad %[[PLANES]] {{.*}} -> tensor<2x?x8x6xf32>
// CHECK: %[[PADDED:.*]] = kiln.pad %[[ROWS]] {{.*}} -> tensor<2x?x8x8xf32>
// CHECK: %[[TAPROWS:.*]] = kiln.slice %[[PADDED]] {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 0>, steps = array<i64: 2>}
// CHECK: %[[TAP:.*]] = kiln.slice %[[TAPROWS]] {axes = array<i64: 3>, ends = array<i64: 5>, starts = array<i64: 0>, steps = array<i64: 2>} : tensor<2x?x3x8xf32> -> tensor<2x?x3x3xf32>
// CHECK: kiln.reshape %[[TAP]] {shape = array<i64: 2, 1, -1, 3, 3>}
// CHECK: %[[STACKED:.*]] = kiln.concat {{.*}} {axis = 1 : i64} : {{.*}} -> tensor<2x9x?x3x3xf32>
// CHECK: %[[PATCHES:.*]] = kiln.reshape %[[STACKED]] {shape = array<i64: 18, -1>} : tensor<2x9x?x3x3xf32> -> tensor<18x?xf32>
// CHECK: %[[DYT:.*]] = kiln.transpose %[[DY]] {perm = array<i64: 0, 2, 3, 1>} : tensor<?x4x3x3xf32> -> tensor<?x3x3x4xf32>
// CHECK: %[[DYROWS:.*]] = kiln.reshape %[[DYT]] {shape = array<i64: -1, 4>} : tensor<?x3x3x4xf32> -> tensor<?x4xf32>
// CHECK: %[[PRODUCT:.*]] = kiln.matmul %[[PATCHES]], %[[DYROWS]] : tensor<18x?xf32>, tensor<?x4xf32> -> tensor<18x4xf32>
// CHECK: %[[DWT:.*]] = kiln.transpose %[[PRODUCT]] {perm = array<i64: 1, 0>} : tensor<18x4xf32> -> tensor<4x18xf32>
// CHECK: %[[DW:.*]] = kiln.reshape %[[DWT]] {shape = array<i64: 4, 2, 3, 3>} : tensor<4x18xf32> -> tensor<4x2x3x3xf32>
// CHECK-NOT: kiln.conv2d
// CHECK: return %{{.*}}, %[[DW]]
func.func @conv(%x: tensor<?x2x6x6xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<?x4x3x3xf32> attributes {kiln.gradient = {wrt = array<i64: 1>}} {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32>, tensor<4x2x3x3xf32> -> tensor<?x4x3x3xf32>
  return %0 : tensor<?x4x3x3xf32>
}

// -----

// The weight gradient of conv2d_transpose windows dy and weighs with x:
// patches [F*KH*KW, N*H*W] from dy, rows [N*H*W, C] from x.
// CHECK-LABEL: func.func @transpose_grad
// CHECK: kiln.concat {{.*}} {axis = 1 : i64} : {{.*}} -> tensor<2x4x?x3x3xf32>
// CHECK: kiln.matmul %{{.*}}, %{{.*}} : tensor<8x?xf32>, tensor<?x3xf32> -> tensor<8x3xf32>
// CHECK: kiln.reshape %{{.*}} {shape = array<i64: 3, 2, 2, 2>} : tensor<3x8xf32> -> tensor<3x2x2x2xf32>
func.func @transpose(%x: tensor<?x3x3x3xf32>, %w: tensor<3x2x2x2xf32>) -> tensor<?x2x6x6xf32> attributes {kiln.gradient = {wrt = array<i64: 1>}} {
  %0 = kiln.conv2d_transpose %x, %w {strides = array<i64: 2, 2>} : tensor<?x3x3x3xf32>, tensor<3x2x2x2xf32> -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Max pooling with windows that tile the input: the input viewed as blocks
// [N, C, OH, KH, OW, KW]; the first maximum of each block is the smallest
// tap number among its maxima (a reduce_min over the window axes), and dy
// goes to that tap. No strided slices and no scatter.
// CHECK-LABEL: func.func @max_blocks_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x6x8xf32>, %[[DY:[^:]+]]: tensor<?x3x3x4xf32>
// CHECK-NOT: kiln.slice
// CHECK: %[[Y:.*]] = kiln.max_pool2d %[[X]]
// CHECK: %[[BLOCKS:.*]] = kiln.reshape %[[X]] {shape = array<i64: -1, 3, 3, 2, 4, 2>} : tensor<?x3x6x8xf32> -> tensor<?x3x3x2x4x2xf32>
// CHECK: %[[Y6:.*]] = kiln.reshape %[[Y]] {shape = array<i64: -1, 3, 3, 1, 4, 1>}
// CHECK: %[[DY6:.*]] = kiln.reshape %[[DY]] {shape = array<i64: -1, 3, 3, 1, 4, 1>}
// CHECK: %[[TAPS:.*]] = kiln.constant dense<{{\[\[\[\[\[\[}}0.000000e+00, 1.000000e+00]], {{\[\[}}2.000000e+00, 3.000000e+00]]]]]]> : tensor<1x1x1x2x1x2xf32>
// CHECK: %[[FIRST:.*]] = kiln.reduce_min %{{.*}} {axes = array<i64: 3, 5>, keepdims = true} : tensor<?x3x3x2x4x2xf32> -> tensor<?x3x3x1x4x1xf32>
// CHECK: kiln.greater_mask %[[FIRST]], %[[TAPS]]
// CHECK: %[[DX6:.*]] = kiln.mul %{{.*}}, %[[DY6]] : tensor<?x3x3x2x4x2xf32>, tensor<?x3x3x1x4x1xf32>
// CHECK: %[[DX:.*]] = kiln.reshape %[[DX6]] {shape = array<i64: -1, 3, 6, 8>}
// CHECK-NOT: kiln.slice
// CHECK: return %[[Y]], %[[DX]]
func.func @max_blocks(%x: tensor<?x3x6x8xf32>) -> tensor<?x3x3x4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x6x8xf32> -> tensor<?x3x3x4xf32>
  return %0 : tensor<?x3x3x4xf32>
}

// -----

// Windows with gaps and padding: the input is padded with -inf and cut to
// whole strides (7 + 1 rows -> 3 * 3 = 9, 5 + 1 columns -> 2 * 3 = 6), each
// 3 x 3 block's window is its first 2 x 2, and the gradient is padded back to
// blocks, cut to the padded input (8 rows) and the padding in front dropped.
// CHECK-LABEL: func.func @max_gaps_grad
// CHECK: kiln.pad %{{.*}} {pads = array<i64: 0, 0, 1, 0, 0, 0, 1, 0>, value = 0xFFF0000000000000 : f64} : tensor<?x2x7x5xf32> -> tensor<?x2x9x5xf32>
// CHECK: kiln.pad %{{.*}} -> tensor<?x2x9x6xf32>
// CHECK: %[[BLOCKS:.*]] = kiln.reshape %{{.*}} {shape = array<i64: -1, 2, 3, 3, 2, 3>}
// CHECK: %[[R:.*]] = kiln.slice %[[BLOCKS]] {axes = array<i64: 3>, ends = array<i64: 2>, starts = array<i64: 0>, steps = array<i64: 1>}
// CHECK: kiln.slice %[[R]] {axes = array<i64: 5>, ends = array<i64: 2>, starts = array<i64: 0>, steps = array<i64: 1>} : tensor<?x2x3x2x2x3xf32> -> tensor<?x2x3x2x2x2xf32>
// CHECK: kiln.reduce_min %{{.*}} {axes = array<i64: 3, 5>, keepdims = true}
// CHECK: kiln.pad %{{.*}} -> tensor<?x2x3x3x2x2xf32>
// CHECK: kiln.pad %{{.*}} -> tensor<?x2x3x3x2x3xf32>
// CHECK: kiln.reshape %{{.*}} {shape = array<i64: -1, 2, 9, 6>}
// CHECK: kiln.slice %{{.*}} -> tensor<?x2x8x6xf32>
// CHECK: kiln.slice %{{.*}} -> tensor<?x2x7x6xf32>
// CHECK: %[[DX:.*]] = kiln.slice %{{.*}} -> tensor<?x2x7x5xf32>
// CHECK: return %{{.*}}, %[[DX]]
func.func @max_gaps(%x: tensor<?x2x7x5xf32>) -> tensor<?x2x3x2xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x7x5xf32> -> tensor<?x2x3x2xf32>
  return %0 : tensor<?x2x3x2xf32>
}

// -----

// Overlapping windows keep the general rule: a strided slice and a scatter
// per window offset.
// CHECK-LABEL: func.func @max_overlapping_grad
// CHECK-NOT: kiln.reduce_min
// CHECK: kiln.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 0>, steps = array<i64: 2>}
// CHECK-NOT: kiln.reduce_min
// CHECK: return
func.func @max_overlapping(%x: tensor<?x2x6x6xf32>) -> tensor<?x2x3x3xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x6x6xf32> -> tensor<?x2x3x3xf32>
  return %0 : tensor<?x2x3x3xf32>
}

// -----

// Average pooling over blocks: each window element receives dy / 4.
// CHECK-LABEL: func.func @avg_blocks_grad
// CHECK: %[[SHARE:.*]] = kiln.div
// CHECK: %[[SHARE6:.*]] = kiln.reshape %[[SHARE]] {shape = array<i64: -1, 2, 2, 1, 2, 1>}
// CHECK: %[[ONES:.*]] = kiln.constant dense<1.000000e+00> : tensor<1x1x1x2x1x2xf32>
// CHECK: %[[DX6:.*]] = kiln.mul %[[SHARE6]], %[[ONES]] : tensor<?x2x2x1x2x1xf32>, tensor<1x1x1x2x1x2xf32>
// CHECK: %[[DX:.*]] = kiln.reshape %[[DX6]] {shape = array<i64: -1, 2, 4, 4>} : tensor<?x2x2x2x2x2xf32> -> tensor<?x2x4x4xf32>
// CHECK: return %{{.*}}, %[[DX]]
func.func @avg_blocks(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x2x2xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, count_include_pad = true} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}
