// RUN: kiln-opt %s --kiln-decompose -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @linear_with_bias
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf32>, %[[W:[^:]+]]: tensor<8x4xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK-NOT: kiln.linear
// CHECK: %[[M:.*]] = kiln.matmul %[[X]], %[[W]] : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
// CHECK: %[[A:.*]] = kiln.add %[[M]], %[[B]] : tensor<?x4xf32>, tensor<4xf32>
// CHECK: return %[[A]] : tensor<?x4xf32>
func.func @linear_with_bias(%x: tensor<?x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.linear %x, %w, %b : tensor<?x8xf32>, tensor<8x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Without a bias there is no add; a rank-3 input keeps its leading dims.
// CHECK-LABEL: func.func @linear_without_bias
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x7x8xf32>, %[[W:[^:]+]]: tensor<8x4xf32>)
// CHECK: %[[M:.*]] = kiln.matmul %[[X]], %[[W]] : tensor<?x7x8xf32>, tensor<8x4xf32> -> tensor<?x7x4xf32>
// CHECK-NOT: kiln.add
// CHECK: return %[[M]] : tensor<?x7x4xf32>
func.func @linear_without_bias(%x: tensor<?x7x8xf32>, %w: tensor<8x4xf32>) -> tensor<?x7x4xf32> {
  %0 = kiln.linear %x, %w : tensor<?x7x8xf32>, tensor<8x4xf32> -> tensor<?x7x4xf32>
  return %0 : tensor<?x7x4xf32>
}

// -----

// softmax(x) = exp(x - max(x)) / sum(exp(x - max(x))), reducing with
// keepdims so that the statistics broadcast back over the axis.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x10xf32>)
// CHECK-NOT: kiln.softmax
// CHECK: %[[MAX:.*]] = kiln.reduce_max %[[X]] {axes = array<i64: -1>, keepdims = true} : tensor<?x10xf32> -> tensor<?x1xf32>
// CHECK: %[[SHIFT:.*]] = kiln.sub %[[X]], %[[MAX]] : tensor<?x10xf32>, tensor<?x1xf32>
// CHECK: %[[EXP:.*]] = kiln.exp %[[SHIFT]] : tensor<?x10xf32>
// CHECK: %[[SUM:.*]] = kiln.reduce_sum %[[EXP]] {axes = array<i64: -1>, keepdims = true} : tensor<?x10xf32> -> tensor<?x1xf32>
// CHECK: %[[DIV:.*]] = kiln.div %[[EXP]], %[[SUM]] : tensor<?x10xf32>, tensor<?x1xf32>
// CHECK: return %[[DIV]] : tensor<?x10xf32>
func.func @softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = kiln.softmax %x {axis = -1 : i64} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// log_softmax(x) = (x - max(x)) - log(sum(exp(x - max(x)))).
// CHECK-LABEL: func.func @log_softmax
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x5x3xf64>)
// CHECK-NOT: kiln.log_softmax
// CHECK: %[[MAX:.*]] = kiln.reduce_max %[[X]] {axes = array<i64: 1>, keepdims = true} : tensor<2x5x3xf64> -> tensor<2x1x3xf64>
// CHECK: %[[SHIFT:.*]] = kiln.sub %[[X]], %[[MAX]] : tensor<2x5x3xf64>, tensor<2x1x3xf64>
// CHECK: %[[EXP:.*]] = kiln.exp %[[SHIFT]] : tensor<2x5x3xf64>
// CHECK: %[[SUM:.*]] = kiln.reduce_sum %[[EXP]] {axes = array<i64: 1>, keepdims = true} : tensor<2x5x3xf64> -> tensor<2x1x3xf64>
// CHECK: %[[LOG:.*]] = kiln.log %[[SUM]] : tensor<2x1x3xf64>
// CHECK: %[[R:.*]] = kiln.sub %[[SHIFT]], %[[LOG]] : tensor<2x5x3xf64>, tensor<2x1x3xf64>
// CHECK: return %[[R]] : tensor<2x5x3xf64>
func.func @log_softmax(%x: tensor<2x5x3xf64>) -> tensor<2x5x3xf64> {
  %0 = kiln.log_softmax %x {axis = 1 : i64} : tensor<2x5x3xf64>
  return %0 : tensor<2x5x3xf64>
}

// -----

// y = x * s + t, s = scale / sqrt(var + eps), t = offset - mean * s, with s
// and t reshaped to [C, 1, 1] to broadcast over axis 1 of NCHW.
// CHECK-LABEL: func.func @batch_norm_nchw
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x8x8xf32>, %[[SCALE:[^:]+]]: tensor<4xf32>, %[[OFFSET:[^:]+]]: tensor<4xf32>, %[[MEAN:[^:]+]]: tensor<4xf32>, %[[VAR:[^:]+]]: tensor<4xf32>)
// CHECK-NOT: kiln.batch_norm
// CHECK: %[[EPS:.*]] = kiln.constant dense<1.000000e-03> : tensor<f32>
// CHECK: %[[VE:.*]] = kiln.add %[[VAR]], %[[EPS]] : tensor<4xf32>, tensor<f32>
// CHECK: %[[STD:.*]] = kiln.sqrt %[[VE]] : tensor<4xf32>
// CHECK: %[[S:.*]] = kiln.div %[[SCALE]], %[[STD]] : tensor<4xf32>, tensor<4xf32>
// CHECK: %[[MS:.*]] = kiln.mul %[[MEAN]], %[[S]] : tensor<4xf32>, tensor<4xf32>
// CHECK: %[[T:.*]] = kiln.sub %[[OFFSET]], %[[MS]] : tensor<4xf32>, tensor<4xf32>
// CHECK: %[[S3:.*]] = kiln.reshape %[[S]] {shape = array<i64: 4, 1, 1>} : tensor<4xf32> -> tensor<4x1x1xf32>
// CHECK: %[[XS:.*]] = kiln.mul %[[X]], %[[S3]] : tensor<?x4x8x8xf32>, tensor<4x1x1xf32>
// CHECK: %[[T3:.*]] = kiln.reshape %[[T]] {shape = array<i64: 4, 1, 1>} : tensor<4xf32> -> tensor<4x1x1xf32>
// CHECK: %[[Y:.*]] = kiln.add %[[XS]], %[[T3]] : tensor<?x4x8x8xf32>, tensor<4x1x1xf32>
// CHECK: return %[[Y]] : tensor<?x4x8x8xf32>
func.func @batch_norm_nchw(%x: tensor<?x4x8x8xf32>, %scale: tensor<4xf32>, %offset: tensor<4xf32>,
                           %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<?x4x8x8xf32> {
  %0 = kiln.batch_norm %x, %scale, %offset, %mean, %var {epsilon = 1.0e-3 : f64} : tensor<?x4x8x8xf32>, tensor<4xf32> -> tensor<?x4x8x8xf32>
  return %0 : tensor<?x4x8x8xf32>
}

// -----

// On [N, C] the statistics broadcast as they are: the reshape to [C] folds
// away; the default epsilon is 1e-5.
// CHECK-LABEL: func.func @batch_norm_rank2
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x6xf64>, %[[C:[^:]+]]: tensor<6xf64>)
// CHECK: kiln.constant dense<1.000000e-05> : tensor<f64>
// CHECK-NOT: kiln.reshape
// CHECK: kiln.mul %[[X]], %{{.*}} : tensor<?x6xf64>, tensor<6xf64>
// CHECK: %[[Y:.*]] = kiln.add %{{.*}}, %{{.*}} : tensor<?x6xf64>, tensor<6xf64>
// CHECK: return %[[Y]] : tensor<?x6xf64>
func.func @batch_norm_rank2(%x: tensor<?x6xf64>, %c: tensor<6xf64>) -> tensor<?x6xf64> {
  %0 = kiln.batch_norm %x, %c, %c, %c, %c : tensor<?x6xf64>, tensor<6xf64> -> tensor<?x6xf64>
  return %0 : tensor<?x6xf64>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool2d
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x7x7xf32>)
// CHECK-NOT: kiln.global_avg_pool2d
// CHECK: %[[M:.*]] = kiln.reduce_mean %[[X]] {axes = array<i64: 2, 3>} : tensor<?x4x7x7xf32> -> tensor<?x4xf32>
// CHECK: return %[[M]] : tensor<?x4xf32>
func.func @global_avg_pool2d(%x: tensor<?x4x7x7xf32>) -> tensor<?x4xf32> {
  %0 = kiln.global_avg_pool2d %x : tensor<?x4x7x7xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// flatten becomes a reshape; a dynamic batch becomes the reshape's -1.
// CHECK-LABEL: func.func @flatten
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x8x8xf32>, %[[Y:[^:]+]]: tensor<2x3x8xf32>, %[[Z:[^:]+]]: tensor<2x?x8xf32>)
// CHECK-NOT: kiln.flatten
// CHECK: %[[A:.*]] = kiln.reshape %[[X]] {shape = array<i64: -1, 256>} : tensor<?x4x8x8xf32> -> tensor<?x256xf32>
// CHECK: %[[B:.*]] = kiln.reshape %[[Y]] {shape = array<i64: 6, 8>} : tensor<2x3x8xf32> -> tensor<6x8xf32>
// CHECK: %[[C:.*]] = kiln.reshape %[[Z]] {shape = array<i64: 2, -1>} : tensor<2x?x8xf32> -> tensor<2x?xf32>
// CHECK: %[[D:.*]] = kiln.reshape %[[Y]] {shape = array<i64: 1, 48>} : tensor<2x3x8xf32> -> tensor<1x48xf32>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @flatten(%x: tensor<?x4x8x8xf32>, %y: tensor<2x3x8xf32>, %z: tensor<2x?x8xf32>)
    -> (tensor<?x256xf32>, tensor<6x8xf32>, tensor<2x?xf32>, tensor<1x48xf32>) {
  %0 = kiln.flatten %x : tensor<?x4x8x8xf32> -> tensor<?x256xf32>
  %1 = kiln.flatten %y {axis = -1 : i64} : tensor<2x3x8xf32> -> tensor<6x8xf32>
  %2 = kiln.flatten %z : tensor<2x?x8xf32> -> tensor<2x?xf32>
  %3 = kiln.flatten %y {axis = 0 : i64} : tensor<2x3x8xf32> -> tensor<1x48xf32>
  return %0, %1, %2, %3 : tensor<?x256xf32>, tensor<6x8xf32>, tensor<2x?xf32>, tensor<1x48xf32>
}

// -----

// A convolution's bias moves into a broadcasting add of a [F, 1, 1] view;
// the convolution keeps its attributes.
// CHECK-LABEL: func.func @conv2d_bias
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x8x8xf32>, %[[W:[^:]+]]: tensor<4x3x3x3xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK: %[[CONV:.*]] = kiln.conv2d %[[X]], %[[W]] {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x4x4xf32>
// CHECK: %[[B3:.*]] = kiln.reshape %[[B]] {shape = array<i64: 4, 1, 1>} : tensor<4xf32> -> tensor<4x1x1xf32>
// CHECK: %[[ADD:.*]] = kiln.add %[[CONV]], %[[B3]] : tensor<?x4x4x4xf32>, tensor<4x1x1xf32>
// CHECK: %[[R:.*]] = kiln.relu %[[ADD]]
// CHECK: return %[[R]]
func.func @conv2d_bias(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x4x4xf32> {
  %0 = kiln.conv2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<?x4x4x4xf32>
  %1 = kiln.relu %0 : tensor<?x4x4x4xf32>
  return %1 : tensor<?x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_transpose_bias
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x3x8x8xf32>, %[[W:[^:]+]]: tensor<3x2x3x3xf32>, %[[B:[^:]+]]: tensor<2xf32>)
// CHECK: %[[CONV:.*]] = kiln.conv2d_transpose %[[X]], %[[W]] : tensor<1x3x8x8xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x10x10xf32>
// CHECK: %[[B3:.*]] = kiln.reshape %[[B]] {shape = array<i64: 2, 1, 1>} : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK: %[[ADD:.*]] = kiln.add %[[CONV]], %[[B3]] : tensor<1x2x10x10xf32>, tensor<2x1x1xf32>
// CHECK: return %[[ADD]]
func.func @conv2d_transpose_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x10x10xf32> {
  %0 = kiln.conv2d_transpose %x, %w, %b : tensor<1x3x8x8xf32>, tensor<3x2x3x3xf32>, tensor<2xf32> -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

// Ops that are not composite, and convolutions without a bias, are left
// as they are.
// CHECK-LABEL: func.func @untouched
// CHECK: %[[C:.*]] = kiln.conv2d %{{.*}}, %{{.*}} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
// CHECK-NEXT: %[[M:.*]] = kiln.max_pool2d %[[C]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
// CHECK-NEXT: %[[R:.*]] = kiln.reduce_sum %[[M]]
// CHECK-NEXT: return %[[R]]
func.func @untouched(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4xf32> {
  %0 = kiln.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %1 = kiln.max_pool2d %0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x6x6xf32> -> tensor<1x4x3x3xf32>
  %2 = kiln.reduce_sum %1 {axes = array<i64: 2, 3>} : tensor<1x4x3x3xf32> -> tensor<1x4xf32>
  return %2 : tensor<1x4xf32>
}
