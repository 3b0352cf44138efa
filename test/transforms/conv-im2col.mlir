// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-conv-im2col))' -split-input-file | FileCheck %s

// A static linalg.conv_2d_nchw_fchw becomes an im2col gather into
// [N, C*KH*KW, OH*OW] followed by a contraction with the [F, C*KH*KW] filter.

// CHECK-DAG: #[[IM2COL:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 floordiv 9, d2 floordiv 8 + (d1 mod 9) floordiv 3, d2 mod 8 + d1 mod 3)>
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[FILTER:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[COLS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @conv_nchw
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x3x10x10xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[INIT:[^:]+]]: tensor<1x4x8x8xf32>)
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: %[[WF:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]] : tensor<4x3x3x3xf32> into tensor<4x27xf32>
// CHECK: %[[OF:.*]] = tensor.collapse_shape %[[INIT]] {{\[}}[0], [1], [2, 3]] : tensor<1x4x8x8xf32> into tensor<1x4x64xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x27x64xf32>
// CHECK: %[[COL:.*]] = linalg.generic {indexing_maps = [#[[IM2COL]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<1x3x10x10xf32>) outs(%[[EMPTY]] : tensor<1x27x64xf32>)
// CHECK-NEXT: ^bb0(%[[IN:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: %[[MM:.*]] = linalg.generic {indexing_maps = [#[[FILTER]], #[[COLS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[WF]], %[[COL]] : tensor<4x27xf32>, tensor<1x27x64xf32>) outs(%[[OF]] : tensor<1x4x64xf32>)
// CHECK-NEXT: ^bb0(%[[A:[^:]+]]: f32, %[[B:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[P]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0], [1], [2, 3]] output_shape [1, 4, 8, 8] : tensor<1x4x64xf32> into tensor<1x4x8x8xf32>
// CHECK: return %[[R]] : tensor<1x4x8x8xf32>
func.func @conv_nchw(%x: tensor<1x3x10x10xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>)
         outs(%init : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

// Strides scale the output coordinates in the gather. A static batch of
// two is also processed one image at a time.
// CHECK: #[[IM2COL:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 floordiv 9, (d2 floordiv 4) * 2 + (d1 mod 9) floordiv 3, (d2 mod 4) * 2 + d1 mod 3)>
// CHECK-LABEL: func.func @conv_nchw_strided
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: scf.for
// CHECK: linalg.generic {indexing_maps = [#[[IM2COL]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}} : tensor<1x3x9x9xf32>) outs(%{{.*}} : tensor<1x27x16xf32>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<4x27xf32>, tensor<1x27x16xf32>) outs(%{{.*}} : tensor<1x4x16xf32>)
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [1, 4, 4, 4] : tensor<1x4x16xf32> into tensor<1x4x4x4xf32>
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}} [1, 4, 4, 4] [1, 1, 1, 1] : tensor<1x4x4x4xf32> into tensor<2x4x4x4xf32>
func.func @conv_nchw_strided(%x: tensor<2x3x9x9xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%x, %w : tensor<2x3x9x9xf32>, tensor<4x3x3x3xf32>)
         outs(%init : tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// -----

// A dynamic batch is tiled by one image; each image's static convolution
// becomes im2col + contraction.
// CHECK-LABEL: func.func @conv_nchw_dynamic
// CHECK: %[[N:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x3x10x10xf32>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args
// CHECK: tensor.extract_slice %{{.*}}[%[[I]], 0, 0, 0] [1, 3, 10, 10] [1, 1, 1, 1] : tensor<?x3x10x10xf32> to tensor<1x3x10x10xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x3x10x10xf32>) outs(%{{.*}} : tensor<1x27x64xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x27xf32>, tensor<1x27x64xf32>) outs(%{{.*}} : tensor<1x4x64xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[%[[I]], 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x8xf32> into tensor<?x4x8x8xf32>
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv_nchw_dynamic(%x: tensor<?x3x10x10xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<?x3x10x10xf32>, tensor<4x3x3x3xf32>)
         outs(%init : tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  return %0 : tensor<?x4x8x8xf32>
}

// -----

// Other convolution layouts are not touched.
// CHECK-LABEL: func.func @conv_nhwc_untouched
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.generic
func.func @conv_nhwc_untouched(%x: tensor<1x10x10x3xf32>, %w: tensor<3x3x3x4xf32>, %init: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x10x10x3xf32>, tensor<3x3x3x4xf32>)
         outs(%init : tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

