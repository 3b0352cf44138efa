// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-conv-im2col,canonicalize))' | FileCheck %s

// With an elementwise consumer (bias and activation), the consumer is tiled
// by one image and the convolution and its fill are fused into that loop.
// CHECK-LABEL: func.func @conv_nchw_dynamic_with_relu
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x3x10x10xf32>) outs(%{{.*}} : tensor<1x27x64xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[%[[I]], 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x8xf32> into tensor<?x4x8x8xf32>
// CHECK-NOT: linalg.conv_2d_nchw_fchw
#id = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @conv_nchw_dynamic_with_relu(%x: tensor<?x3x10x10xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x8x8xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x3x10x10xf32>
  %empty = tensor.empty(%n) : tensor<?x4x8x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
            ins(%x, %w : tensor<?x3x10x10xf32>, tensor<4x3x3x3xf32>)
            outs(%init : tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %out = tensor.empty(%n) : tensor<?x4x8x8xf32>
  %relu = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
            ins(%conv : tensor<?x4x8x8xf32>) outs(%out : tensor<?x4x8x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x4x8x8xf32>
  return %relu : tensor<?x4x8x8xf32>
}
