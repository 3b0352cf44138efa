// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// conv2d pads explicitly with tensor.pad (zeros) and accumulates into a
// zero-filled tensor: groups = 1 uses linalg.conv_2d_nchw_fchw; groups > 1
// uses linalg.conv_2d_ngchw_gfchw on [N, G, C/G, H, W] / [G, F/G, C/G, KH, KW]
// views.

// CHECK-LABEL: func.func @conv2d_padded_strided
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x8x8xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>) -> tensor<?x4x4x5xf32>
// CHECK: %[[PADV:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 1, 2] {
// CHECK-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index):
// CHECK-NEXT: tensor.yield %[[PADV]] : f32
// CHECK-NEXT: } : tensor<?x3x8x8xf32> to tensor<?x3x10x12xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[PADDED]], %[[C0]] : tensor<?x3x10x12xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x4x4x5xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x4x4x5xf32>)
// CHECK: %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[W]] : tensor<?x3x10x12xf32>, tensor<4x3x3x3xf32>) outs(%[[FILL]] : tensor<?x4x4x5xf32>) -> tensor<?x4x4x5xf32>
// CHECK: return %[[CONV]] : tensor<?x4x4x5xf32>
func.func @conv2d_padded_strided(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x4x5xf32> {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 2, 1, 2>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x4x5xf32>
  return %0 : tensor<?x4x4x5xf32>
}

// -----

// Without padding there is no tensor.pad; dilations are kept.
// CHECK-LABEL: func.func @conv2d_unpadded_dilated
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x3x9x9xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x4x5x5xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<1x4x5x5xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) outs(%[[FILL]] : tensor<1x4x5x5xf32>)
func.func @conv2d_unpadded_dilated(%x: tensor<1x3x9x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x5x5xf32> {
  %0 = kiln.conv2d %x, %w {dilations = array<i64: 2, 2>} : tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x5x5xf32>
  return %0 : tensor<1x4x5x5xf32>
}

// -----

// A dynamic output height is the number of window positions over the padded
// input: (H + 2 - 5) floordiv 2 + 1 for a 3-tap kernel with dilation 2.
// CHECK: #[[OH:.*]] = affine_map<()[s0] -> ((s0 - 5) floordiv 2 + 1)>
// CHECK-LABEL: func.func @conv2d_dynamic_height
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x3x?x9xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>)
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: } : tensor<1x3x?x9xf32> to tensor<1x3x?x9xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[PH:.*]] = tensor.dim %[[PADDED]], %[[C2]] : tensor<1x3x?x9xf32>
// CHECK: %[[H:.*]] = affine.apply #[[OH]]()[%[[PH]]]
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[H]]) : tensor<1x4x?x3xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: outs(%{{.*}} : tensor<1x4x?x3xf32>)
func.func @conv2d_dynamic_height(%x: tensor<1x3x?x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x3xf32> {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 0>} : tensor<1x3x?x9xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x?x3xf32>
  return %0 : tensor<1x4x?x3xf32>
}

// -----

// groups = 2: [N, 4, H, W] -> [N, 2, 2, H, W], [6, 2, KH, KW] -> [2, 3, 2, KH, KW],
// result [N, 2, 3, OH, OW] collapsed back to [N, 6, OH, OW].
// CHECK-LABEL: func.func @conv2d_grouped
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x8x8xf32>, %[[W:[^:]+]]: tensor<6x2x3x3xf32>) -> tensor<?x6x6x6xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4x8x8xf32>
// CHECK: %[[GX:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [%[[N]], 2, 2, 8, 8] : tensor<?x4x8x8xf32> into tensor<?x2x2x8x8xf32>
// CHECK: %[[GW:.*]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[GN:.*]] = tensor.dim %[[GX]], %{{.*}} : tensor<?x2x2x8x8xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[GN]]) : tensor<?x2x3x6x6xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x2x3x6x6xf32>)
// CHECK: %[[CONV:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: ins(%[[GX]], %[[GW]] : tensor<?x2x2x8x8xf32>, tensor<2x3x2x3x3xf32>) outs(%[[FILL]] : tensor<?x2x3x6x6xf32>) -> tensor<?x2x3x6x6xf32>
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x3x6x6xf32> into tensor<?x6x6x6xf32>
// CHECK: return %[[R]] : tensor<?x6x6x6xf32>
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv2d_grouped(%x: tensor<?x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<?x6x6x6xf32> {
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<?x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<?x6x6x6xf32>
  return %0 : tensor<?x6x6x6xf32>
}

// -----

// Depthwise (groups == C == F), padded: the grouped views have unit group
// sizes.
// CHECK-LABEL: func.func @conv2d_depthwise
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<1x8x5x5xf32> to tensor<1x8x7x7xf32>
// CHECK: %[[GX:.*]] = tensor.expand_shape %[[PADDED]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 8, 1, 7, 7] : tensor<1x8x7x7xf32> into tensor<1x8x1x7x7xf32>
// CHECK: %[[GW:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [8, 1, 1, 3, 3] : tensor<8x1x3x3xf32> into tensor<8x1x1x3x3xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw
// CHECK-SAME: ins(%[[GX]], %[[GW]] : tensor<1x8x1x7x7xf32>, tensor<8x1x1x3x3xf32>) outs(%{{.*}} : tensor<1x8x1x5x5xf32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<1x8x1x5x5xf32> into tensor<1x8x5x5xf32>
func.func @conv2d_depthwise(%x: tensor<1x8x5x5xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.conv2d %x, %w {groups = 8 : i64, pads = array<i64: 1, 1, 1, 1>} : tensor<1x8x5x5xf32>, tensor<8x1x3x3xf32> -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// Grouped, with dynamic channel and filter counts: the group sizes are the
// counts divided by the number of groups.
// CHECK-LABEL: func.func @conv2d_grouped_dynamic_channels
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x?x8x8xf32>, %[[W:[^:]+]]: tensor<?x2x3x3xf32>)
// CHECK: %[[C:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<1x?x8x8xf32>
// CHECK: %[[CG:.*]] = arith.divui %[[C]], %{{.*}} : index
// CHECK: %[[GX:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, %[[CG]], 8, 8] : tensor<1x?x8x8xf32> into tensor<1x2x?x8x8xf32>
// CHECK: %[[F:.*]] = tensor.dim %[[W]], %{{.*}} : tensor<?x2x3x3xf32>
// CHECK: %[[FG:.*]] = arith.divui %[[F]], %{{.*}} : index
// CHECK: %[[GW:.*]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [2, %[[FG]], 2, 3, 3] : tensor<?x2x3x3xf32> into tensor<2x?x2x3x3xf32>
// CHECK: %[[RF:.*]] = tensor.dim %[[GW]], %{{.*}} : tensor<2x?x2x3x3xf32>
// CHECK: tensor.empty(%[[RF]]) : tensor<1x2x?x6x6xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x?x6x6xf32>)
// CHECK: tensor.collapse_shape %{{.*}} : tensor<1x2x?x6x6xf32> into tensor<1x?x6x6xf32>
func.func @conv2d_grouped_dynamic_channels(%x: tensor<1x?x8x8xf32>, %w: tensor<?x2x3x3xf32>) -> tensor<1x?x6x6xf32> {
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<1x?x8x8xf32>, tensor<?x2x3x3xf32> -> tensor<1x?x6x6xf32>
  return %0 : tensor<1x?x6x6xf32>
}

// -----

// conv2d_transpose: the input is spread by the stride into a zero canvas
// with `dilation * (k - 1) - pad` borders (plus output_padding at the end),
// then convolved with stride 1 by the flipped, transposed kernel.
// in 4, stride 2, k 3, pads 1, output_padding 1: spread 7, low 1, high 2,
// canvas 10, output 8.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2 + 2, -d3 + 2)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv2d_transpose
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4x4xf32>, %[[W:[^:]+]]: tensor<3x2x3x3xf32>) -> tensor<?x2x8x8xf32>
// CHECK: %[[CANVAS0:.*]] = tensor.empty(%{{.*}}) : tensor<?x3x10x10xf32>
// CHECK: %[[CANVAS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[CANVAS0]] : tensor<?x3x10x10xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x4x4xf32>
// CHECK: %[[SPREAD:.*]] = tensor.insert_slice %[[X]] into %[[CANVAS]][0, 0, 1, 1] [%[[N]], 3, 4, 4] [1, 1, 2, 2] : tensor<?x3x4x4xf32> into tensor<?x3x10x10xf32>
// CHECK: %[[KEMPTY:.*]] = tensor.empty() : tensor<2x3x3x3xf32>
// CHECK: %[[KERNEL:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[W]] : tensor<3x2x3x3xf32>) outs(%[[KEMPTY]] : tensor<2x3x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[KV:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[KV]] : f32
// CHECK: %[[OEMPTY:.*]] = tensor.empty(%{{.*}}) : tensor<?x2x8x8xf32>
// CHECK: %[[OFILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[OEMPTY]] : tensor<?x2x8x8xf32>)
// CHECK: %[[CONV:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: ins(%[[SPREAD]], %[[KERNEL]] : tensor<?x3x10x10xf32>, tensor<2x3x3x3xf32>) outs(%[[OFILL]] : tensor<?x2x8x8xf32>)
// CHECK: return %[[CONV]] : tensor<?x2x8x8xf32>
func.func @conv2d_transpose(%x: tensor<?x3x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<?x2x8x8xf32> {
  %0 = kiln.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : tensor<?x3x4x4xf32>, tensor<3x2x3x3xf32> -> tensor<?x2x8x8xf32>
  return %0 : tensor<?x2x8x8xf32>
}

// -----

// Dilation widens the canvas borders and is kept on the convolution.
// k 2, dilation 3, stride 1, no pads: borders 3, canvas 5 + 6 = 11, output 8.
// CHECK-LABEL: func.func @conv2d_transpose_dilated
// CHECK: %[[CANVAS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x11x11xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[CANVAS]][0, 0, 3, 3] [1, 2, 5, 5] [1, 1, 1, 1] : tensor<1x2x5x5xf32> into tensor<1x2x11x11xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<3> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: outs(%{{.*}} : tensor<1x4x8x8xf32>)
func.func @conv2d_transpose_dilated(%x: tensor<1x2x5x5xf32>, %w: tensor<2x4x2x2xf32>) -> tensor<1x4x8x8xf32> {
  %0 = kiln.conv2d_transpose %x, %w {dilations = array<i64: 3, 3>} : tensor<1x2x5x5xf32>, tensor<2x4x2x2xf32> -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// With dynamic kernel sizes the output size uses the weight's runtime size:
// (H - KH) floordiv 2 + 1 and W - KW + 1.
// CHECK-DAG: #[[OH:.*]] = affine_map<()[s0, s1] -> ((s0 - s1) floordiv 2 + 1)>
// CHECK-DAG: #[[OW:.*]] = affine_map<()[s0, s1] -> (s0 - s1 + 1)>
// CHECK-LABEL: func.func @conv2d_dynamic_kernel
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x?x?xf32>, %[[W:[^:]+]]: tensor<8x4x?x?xf32>)
// CHECK: %[[KH:.*]] = tensor.dim %[[W]], %{{.*}} : tensor<8x4x?x?xf32>
// CHECK: %[[H:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<1x4x?x?xf32>
// CHECK: %[[OHV:.*]] = affine.apply #[[OH]]()[%[[H]], %[[KH]]]
// CHECK: %[[KW:.*]] = tensor.dim %[[W]], %{{.*}} : tensor<8x4x?x?xf32>
// CHECK: %[[WD:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<1x4x?x?xf32>
// CHECK: %[[OWV:.*]] = affine.apply #[[OW]]()[%[[WD]], %[[KW]]]
// CHECK: tensor.empty(%[[OHV]], %[[OWV]]) : tensor<1x8x?x?xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x4x?x?xf32>, tensor<8x4x?x?xf32>) outs(%{{.*}} : tensor<1x8x?x?xf32>)
func.func @conv2d_dynamic_kernel(%x: tensor<1x4x?x?xf32>, %w: tensor<8x4x?x?xf32>) -> tensor<1x8x?x?xf32> {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 1>} : tensor<1x4x?x?xf32>, tensor<8x4x?x?xf32> -> tensor<1x8x?x?xf32>
  return %0 : tensor<1x8x?x?xf32>
}
