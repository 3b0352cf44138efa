// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Max pooling pads with -inf and uses linalg.pooling_nchw_max from a -inf
// fill. Average pooling pads with zeros, sums with linalg.pooling_nchw_sum,
// then divides by the window size, or, when padding is excluded, by a
// constant [1, 1, OH, OW] tensor of the real elements under each window.

// CHECK-LABEL: func.func @max_pool_padded
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32>
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 0, 0] {
// CHECK-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index):
// CHECK-NEXT: tensor.yield %[[NEGINF]] : f32
// CHECK-NEXT: } : tensor<?x3x8x8xf32> to tensor<?x3x9x9xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[PADDED]], %{{.*}} : tensor<?x3x9x9xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x3x4x4xf32>
// CHECK: %[[INIT:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[INIT]] : f32) outs(%[[EMPTY]] : tensor<?x3x4x4xf32>)
// CHECK: %[[WINDOW:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[POOL:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[WINDOW]] : tensor<?x3x9x9xf32>, tensor<3x3xf32>) outs(%[[FILL]] : tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32>
// CHECK: return %[[POOL]]
func.func @max_pool_padded(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// Dynamic spatial sizes: the output has (H - k) floordiv s + 1 positions.
// CHECK: #[[HALF:.*]] = affine_map<()[s0] -> (s0 floordiv 2)>
// CHECK-LABEL: func.func @max_pool_dynamic_spatial
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x3x?x?xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[H:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<1x3x?x?xf32>
// CHECK: %[[OH:.*]] = affine.apply #[[HALF]]()[%[[H]]]
// CHECK: %[[W:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<1x3x?x?xf32>
// CHECK: %[[OW:.*]] = affine.apply #[[HALF]]()[%[[W]]]
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[OH]], %[[OW]]) : tensor<1x3x?x?xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<1x3x?x?xf32>, tensor<2x2xf32>)
func.func @max_pool_dynamic_spatial(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x?x?xf32> -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// Unpadded average: divide by the window size, a rank-0 constant
// broadcast over the result.
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1, d2, d3) -> ()>
// CHECK-LABEL: func.func @avg_pool
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32>
// CHECK-NOT: tensor.pad
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<?x3x4x4xf32>)
// CHECK: %[[WINDOW:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[WINDOW]] : tensor<?x3x8x8xf32>, tensor<2x2xf32>) outs(%[[FILL]] : tensor<?x3x4x4xf32>)
// CHECK: %[[SIZE:.*]] = arith.constant dense<4.000000e+00> : tensor<f32>
// CHECK: %[[N:.*]] = tensor.dim %[[SUM]], %{{.*}} : tensor<?x3x4x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x3x4x4xf32>
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[SCALAR]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[SUM]], %[[SIZE]] : tensor<?x3x4x4xf32>, tensor<f32>) outs(%[[EMPTY]] : tensor<?x3x4x4xf32>)
// CHECK-NEXT: ^bb0(%[[S:[^:]+]]: f32, %[[D:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[S]], %[[D]] : f32
// CHECK-NEXT: linalg.yield %[[Q]] : f32
// CHECK: return %[[MEAN]]
func.func @avg_pool(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// Padded average excluding the padding: 4x4 input, pads top/left 1, kernel
// 3, stride 2. Window rows cover 2 then 3 real rows, columns likewise, so the
// counts are [[4, 6], [6, 9]], broadcast over N and C.
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[COUNTS:.*]] = affine_map<(d0, d1, d2, d3) -> (0, 0, d2, d3)>
// CHECK-LABEL: func.func @avg_pool_padded_exclude
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x2x4x4xf32>)
// CHECK: %[[PADV:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK: tensor.yield %[[PADV]] : f32
// CHECK: } : tensor<?x2x4x4xf32> to tensor<?x2x5x5xf32>
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %{{.*}} : tensor<?x2x5x5xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<?x2x2x2xf32>)
// CHECK: %[[CNT:.*]] = arith.constant dense<{{\[\[\[\[}}4.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID4]], #[[COUNTS]], #[[ID4]]]
// CHECK-SAME: ins(%[[SUM]], %[[CNT]] : tensor<?x2x2x2xf32>, tensor<1x1x2x2xf32>)
// CHECK: arith.divf
func.func @avg_pool_padded_exclude(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x2x2xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}

// -----

// Symmetric padding, kernel 2, stride 1 on 3x3: rows per window 1, 2, 2, 1.
// CHECK-LABEL: func.func @avg_pool_padded_symmetric
// CHECK: arith.constant dense<{{\[\[\[\[}}1.000000e+00, 2.000000e+00, 2.000000e+00, 1.000000e+00], [2.000000e+00, 4.000000e+00, 4.000000e+00, 2.000000e+00], [2.000000e+00, 4.000000e+00, 4.000000e+00, 2.000000e+00], [1.000000e+00, 2.000000e+00, 2.000000e+00, 1.000000e+00]]]]> : tensor<1x1x4x4xf32>
func.func @avg_pool_padded_symmetric(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x1x3x3xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// Padded average including the padding divides by the full window size.
// CHECK-LABEL: func.func @avg_pool_padded_include
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum
// CHECK: %[[SIZE:.*]] = arith.constant dense<9.000000e+00> : tensor<f32>
// CHECK-NOT: tensor<1x1x2x2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[SUM]], %[[SIZE]] : tensor<?x2x2x2xf32>, tensor<f32>)
func.func @avg_pool_padded_include(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x2x2xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, count_include_pad = true} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}
