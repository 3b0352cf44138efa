// RUN: kiln-opt %s --allow-unregistered-dialect | kiln-opt --allow-unregistered-dialect | FileCheck %s
// RUN: kiln-opt %s --allow-unregistered-dialect --mlir-print-op-generic | kiln-opt --allow-unregistered-dialect | FileCheck %s

// Every kiln op is parsed, printed and parsed again with the same result.
// Attributes equal to their default value are elided when printing.

//===----------------------------------------------------------------------===//
// Constants and parameters
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constants
func.func @constants() -> (tensor<2xf32>, tensor<3xi64>, tensor<f64>) {
  // CHECK: %{{.*}} = kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %0 = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  // CHECK: %{{.*}} = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  %1 = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  // CHECK: %{{.*}} = kiln.constant dense<5.000000e-01> : tensor<f64>
  %2 = kiln.constant dense<0.5> : tensor<f64>
  return %0, %1, %2 : tensor<2xf32>, tensor<3xi64>, tensor<f64>
}

// CHECK-LABEL: func.func @parameters
func.func @parameters() -> (tensor<4x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<3xf64>, tensor<2x2xf16>) {
  // CHECK: kiln.parameter "fc.weight" "glorot_uniform" seed 7 : tensor<4x8xf32>
  %0 = kiln.parameter "fc.weight" "glorot_uniform" seed 7 : tensor<4x8xf32>
  // `trainable = true` is the default and is elided.
  // CHECK: kiln.parameter "fc.bias" "zeros" seed 0 : tensor<8xf32>
  %1 = kiln.parameter "fc.bias" "zeros" seed 0 {trainable = true} : tensor<8xf32>
  // CHECK: kiln.parameter "bn.running_var" "ones" seed 0 {trainable = false} : tensor<8xf32>
  %2 = kiln.parameter "bn.running_var" "ones" seed 0 {trainable = false} : tensor<8xf32>
  // CHECK: kiln.parameter "c" "constant" seed 1 {init_args = array<f64: 2.500000e-01>} : tensor<3xf64>
  %3 = kiln.parameter "c" "constant" seed 1 {init_args = array<f64: 0.25>} : tensor<3xf64>
  // Negative seeds are read back as signed values.
  // CHECK: kiln.parameter "n" "normal" seed -3 {init_args = array<f64: 0.000000e+00, 2.000000e+00>} : tensor<2x2xf16>
  %4 = kiln.parameter "n" "normal" seed -3 {init_args = array<f64: 0.0, 2.0>} : tensor<2x2xf16>
  // An imported weight: the initial value is given.
  // CHECK: kiln.parameter "fc1.weight" "value" seed 0 {value = dense<{{\[}}[1.000000e+00, 2.000000e+00]]> : tensor<1x2xf32>} : tensor<1x2xf32>
  %5 = kiln.parameter "fc1.weight" "value" seed 0 {value = dense<[[1.0, 2.0]]> : tensor<1x2xf32>} : tensor<1x2xf32>
  return %0, %1, %2, %3, %4 : tensor<4x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<3xf64>, tensor<2x2xf16>
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops, with broadcasting
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x3x4xf32>, %[[B:[^:]+]]: tensor<4xf32>, %[[C:[^:]+]]: tensor<3x1xf32>, %[[S:[^:]+]]: tensor<f32>, %[[I:[^:]+]]: tensor<2x1xi32>, %[[J:[^:]+]]: tensor<1x5xi32>)
func.func @binary(%a: tensor<?x3x4xf32>, %b: tensor<4xf32>, %c: tensor<3x1xf32>,
                  %s: tensor<f32>, %i: tensor<2x1xi32>, %j: tensor<1x5xi32>) {
  // CHECK: kiln.add %[[A]], %[[B]] : tensor<?x3x4xf32>, tensor<4xf32>
  %0 = kiln.add %a, %b : tensor<?x3x4xf32>, tensor<4xf32>
  // CHECK: kiln.sub %[[C]], %[[A]] : tensor<3x1xf32>, tensor<?x3x4xf32>
  %1 = kiln.sub %c, %a : tensor<3x1xf32>, tensor<?x3x4xf32>
  // CHECK: kiln.mul %[[A]], %[[S]] : tensor<?x3x4xf32>, tensor<f32>
  %2 = kiln.mul %a, %s : tensor<?x3x4xf32>, tensor<f32>
  // CHECK: kiln.div %[[S]], %[[B]] : tensor<f32>, tensor<4xf32>
  %3 = kiln.div %s, %b : tensor<f32>, tensor<4xf32>
  // CHECK: kiln.pow %[[B]], %[[C]] : tensor<4xf32>, tensor<3x1xf32>
  %4 = kiln.pow %b, %c : tensor<4xf32>, tensor<3x1xf32>
  // CHECK: kiln.max %[[I]], %[[J]] : tensor<2x1xi32>, tensor<1x5xi32>
  %5 = kiln.max %i, %j : tensor<2x1xi32>, tensor<1x5xi32>
  // CHECK: kiln.min %[[A]], %[[A]] : tensor<?x3x4xf32>, tensor<?x3x4xf32>
  %6 = kiln.min %a, %a : tensor<?x3x4xf32>, tensor<?x3x4xf32>
  // The inferred result types, seen through their uses.
  // CHECK: "test.use"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (tensor<?x3x4xf32>, tensor<?x3x4xf32>, tensor<?x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>, tensor<2x5xi32>, tensor<?x3x4xf32>) -> ()
  "test.use"(%0, %1, %2, %3, %4, %5, %6) : (tensor<?x3x4xf32>, tensor<?x3x4xf32>, tensor<?x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>, tensor<2x5xi32>, tensor<?x3x4xf32>) -> ()
  return
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops and activations
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x16xf32>)
func.func @unary(%x: tensor<?x16xf32>) {
  // CHECK: kiln.neg %[[X]] : tensor<?x16xf32>
  %0 = kiln.neg %x : tensor<?x16xf32>
  // CHECK: kiln.abs %[[X]] : tensor<?x16xf32>
  %1 = kiln.abs %x : tensor<?x16xf32>
  // CHECK: kiln.sqrt %[[X]] : tensor<?x16xf32>
  %2 = kiln.sqrt %x : tensor<?x16xf32>
  // CHECK: kiln.exp %[[X]] : tensor<?x16xf32>
  %3 = kiln.exp %x : tensor<?x16xf32>
  // CHECK: kiln.log %[[X]] : tensor<?x16xf32>
  %4 = kiln.log %x : tensor<?x16xf32>
  // CHECK: kiln.relu %[[X]] : tensor<?x16xf32>
  %5 = kiln.relu %x : tensor<?x16xf32>
  // The default alpha (0.01) is elided; another alpha is printed.
  // CHECK: kiln.leaky_relu %[[X]] : tensor<?x16xf32>
  %6 = kiln.leaky_relu %x : tensor<?x16xf32>
  // CHECK: kiln.leaky_relu %[[X]] : tensor<?x16xf32>
  %7 = kiln.leaky_relu %x {alpha = 0.01 : f64} : tensor<?x16xf32>
  // CHECK: kiln.leaky_relu %[[X]] {alpha = 2.000000e-01 : f64} : tensor<?x16xf32>
  %8 = kiln.leaky_relu %x {alpha = 0.2 : f64} : tensor<?x16xf32>
  // CHECK: kiln.elu %[[X]] : tensor<?x16xf32>
  %9 = kiln.elu %x {alpha = 1.0 : f64} : tensor<?x16xf32>
  // CHECK: kiln.elu %[[X]] {alpha = 5.000000e-01 : f64} : tensor<?x16xf32>
  %10 = kiln.elu %x {alpha = 0.5 : f64} : tensor<?x16xf32>
  // CHECK: kiln.sigmoid %[[X]] : tensor<?x16xf32>
  %11 = kiln.sigmoid %x : tensor<?x16xf32>
  // CHECK: kiln.tanh %[[X]] : tensor<?x16xf32>
  %12 = kiln.tanh %x : tensor<?x16xf32>
  // CHECK: kiln.softplus %[[X]] : tensor<?x16xf32>
  %13 = kiln.softplus %x : tensor<?x16xf32>
  // CHECK: kiln.dropout %[[X]] {rate = 5.000000e-01 : f64} : tensor<?x16xf32>
  %14 = kiln.dropout %x {rate = 0.5 : f64} : tensor<?x16xf32>
  // CHECK: kiln.softmax %[[X]] {axis = 1 : i64} : tensor<?x16xf32>
  %15 = kiln.softmax %x {axis = 1 : i64} : tensor<?x16xf32>
  // CHECK: kiln.log_softmax %[[X]] {axis = -1 : i64} : tensor<?x16xf32>
  %16 = kiln.log_softmax %x {axis = -1 : i64} : tensor<?x16xf32>
  return
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reductions
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>, %[[I:[^:]+]]: tensor<2x3xi64>)
func.func @reductions(%x: tensor<?x3x4xf32>, %i: tensor<2x3xi64>) {
  // CHECK: kiln.reduce_sum %[[X]] {axes = array<i64: 1, 2>} : tensor<?x3x4xf32> -> tensor<?xf32>
  %0 = kiln.reduce_sum %x {axes = array<i64: 1, 2>} : tensor<?x3x4xf32> -> tensor<?xf32>
  // `keepdims = false` is the default and is elided.
  // CHECK: kiln.reduce_mean %[[X]] {axes = array<i64: -1>} : tensor<?x3x4xf32> -> tensor<?x3xf32>
  %1 = kiln.reduce_mean %x {axes = array<i64: -1>, keepdims = false} : tensor<?x3x4xf32> -> tensor<?x3xf32>
  // CHECK: kiln.reduce_max %[[X]] {axes = array<i64: 1>, keepdims = true} : tensor<?x3x4xf32> -> tensor<?x1x4xf32>
  %2 = kiln.reduce_max %x {axes = array<i64: 1>, keepdims = true} : tensor<?x3x4xf32> -> tensor<?x1x4xf32>
  // Empty axes reduce every axis.
  // CHECK: kiln.reduce_min %[[I]] {axes = array<i64>} : tensor<2x3xi64> -> tensor<i64>
  %3 = kiln.reduce_min %i {axes = array<i64>} : tensor<2x3xi64> -> tensor<i64>
  // CHECK: kiln.reduce_sum %[[I]] {axes = array<i64>, keepdims = true} : tensor<2x3xi64> -> tensor<1x1xi64>
  %4 = kiln.reduce_sum %i {axes = array<i64>, keepdims = true} : tensor<2x3xi64> -> tensor<1x1xi64>
  return
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @linear_algebra
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x8xf32>, %[[W:[^:]+]]: tensor<8x4xf32>, %[[BIAS:[^:]+]]: tensor<4xf32>, %[[L:[^:]+]]: tensor<5x1x2x8xf32>, %[[R:[^:]+]]: tensor<3x8x6xf32>, %[[X:[^:]+]]: tensor<?x7x8xf32>)
func.func @linear_algebra(%a: tensor<?x8xf32>, %w: tensor<8x4xf32>, %bias: tensor<4xf32>,
                          %l: tensor<5x1x2x8xf32>, %r: tensor<3x8x6xf32>, %x: tensor<?x7x8xf32>) {
  // CHECK: kiln.matmul %[[A]], %[[W]] : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
  %0 = kiln.matmul %a, %w : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
  // Batch dimensions broadcast.
  // CHECK: kiln.matmul %[[L]], %[[R]] : tensor<5x1x2x8xf32>, tensor<3x8x6xf32> -> tensor<5x3x2x6xf32>
  %1 = kiln.matmul %l, %r : tensor<5x1x2x8xf32>, tensor<3x8x6xf32> -> tensor<5x3x2x6xf32>
  // The bias is optional.
  // CHECK: kiln.linear %[[A]], %[[W]], %[[BIAS]] : tensor<?x8xf32>, tensor<8x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
  %2 = kiln.linear %a, %w, %bias : tensor<?x8xf32>, tensor<8x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
  // CHECK: kiln.linear %[[X]], %[[W]] : tensor<?x7x8xf32>, tensor<8x4xf32> -> tensor<?x7x4xf32>
  %3 = kiln.linear %x, %w : tensor<?x7x8xf32>, tensor<8x4xf32> -> tensor<?x7x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @shapes
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>, %[[Y:[^:]+]]: tensor<2x3x4xf32>, %[[Z:[^:]+]]: tensor<2x5x4xf32>)
func.func @shapes(%x: tensor<?x3x4xf32>, %y: tensor<2x3x4xf32>, %z: tensor<2x5x4xf32>) {
  // CHECK: kiln.reshape %[[X]] {shape = array<i64: -1, 12>} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %0 = kiln.reshape %x {shape = array<i64: -1, 12>} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  // CHECK: kiln.reshape %[[Y]] {shape = array<i64: 4, -1>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  %1 = kiln.reshape %y {shape = array<i64: 4, -1>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  // `axis = 1` is the default and is elided.
  // CHECK: kiln.flatten %[[X]] : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %2 = kiln.flatten %x {axis = 1 : i64} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  // CHECK: kiln.flatten %[[X]] {axis = 2 : i64} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  %3 = kiln.flatten %x {axis = 2 : i64} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  // CHECK: kiln.transpose %[[X]] {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  %4 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  // CHECK: kiln.concat %[[Y]], %[[Z]], %[[Y]] {axis = 1 : i64} : tensor<2x3x4xf32>, tensor<2x5x4xf32>, tensor<2x3x4xf32> -> tensor<2x11x4xf32>
  %5 = kiln.concat %y, %z, %y {axis = 1 : i64} : tensor<2x3x4xf32>, tensor<2x5x4xf32>, tensor<2x3x4xf32> -> tensor<2x11x4xf32>
  // CHECK: kiln.concat %[[X]], %[[Y]] {axis = 0 : i64} : tensor<?x3x4xf32>, tensor<2x3x4xf32> -> tensor<?x3x4xf32>
  %6 = kiln.concat %x, %y {axis = 0 : i64} : tensor<?x3x4xf32>, tensor<2x3x4xf32> -> tensor<?x3x4xf32>
  // CHECK: kiln.slice %[[X]] {axes = array<i64: 1, 2>, ends = array<i64: 3, 4>, starts = array<i64: 1, 0>, steps = array<i64: 1, 3>} : tensor<?x3x4xf32> -> tensor<?x2x2xf32>
  %7 = kiln.slice %x {axes = array<i64: 1, 2>, starts = array<i64: 1, 0>, ends = array<i64: 3, 4>, steps = array<i64: 1, 3>} : tensor<?x3x4xf32> -> tensor<?x2x2xf32>
  // `value = 0.0` is the default and is elided.
  // CHECK: kiln.pad %[[X]] {pads = array<i64: 0, 1, 2, 0, 3, 4>} : tensor<?x3x4xf32> -> tensor<?x7x10xf32>
  %8 = kiln.pad %x {pads = array<i64: 0, 1, 2, 0, 3, 4>, value = 0.0 : f64} : tensor<?x3x4xf32> -> tensor<?x7x10xf32>
  // CHECK: kiln.pad %[[Y]] {pads = array<i64: 1, 0, 0, 1, 0, 0>, value = -1.000000e+00 : f64} : tensor<2x3x4xf32> -> tensor<4x3x4xf32>
  %9 = kiln.pad %y {pads = array<i64: 1, 0, 0, 1, 0, 0>, value = -1.0 : f64} : tensor<2x3x4xf32> -> tensor<4x3x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Convolution, pooling, normalization
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @convolutions
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x9x9xf32>, %[[W:[^:]+]]: tensor<8x4x3x3xf32>, %[[B:[^:]+]]: tensor<8xf32>, %[[DW:[^:]+]]: tensor<4x1x3x3xf32>, %[[GW:[^:]+]]: tensor<6x2x1x1xf32>, %[[TW:[^:]+]]: tensor<4x2x3x3xf32>)
func.func @convolutions(%x: tensor<?x4x9x9xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>,
                        %dw: tensor<4x1x3x3xf32>, %gw: tensor<6x2x1x1xf32>, %tw: tensor<4x2x3x3xf32>) {
  // Every attribute at its default value is elided.
  // CHECK: kiln.conv2d %[[X]], %[[W]] : tensor<?x4x9x9xf32>, tensor<8x4x3x3xf32> -> tensor<?x8x7x7xf32>
  %0 = kiln.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : tensor<?x4x9x9xf32>, tensor<8x4x3x3xf32> -> tensor<?x8x7x7xf32>
  // CHECK: kiln.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 2, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x9x9xf32>, tensor<8x4x3x3xf32>, tensor<8xf32> -> tensor<?x8x4x5xf32>
  %1 = kiln.conv2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 2, 1>} : tensor<?x4x9x9xf32>, tensor<8x4x3x3xf32>, tensor<8xf32> -> tensor<?x8x4x5xf32>
  // Depthwise: groups == C == F.
  // CHECK: kiln.conv2d %[[X]], %[[DW]] {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : tensor<?x4x9x9xf32>, tensor<4x1x3x3xf32> -> tensor<?x4x9x9xf32>
  %2 = kiln.conv2d %x, %dw {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : tensor<?x4x9x9xf32>, tensor<4x1x3x3xf32> -> tensor<?x4x9x9xf32>
  // CHECK: kiln.conv2d %[[X]], %[[GW]] {groups = 2 : i64} : tensor<?x4x9x9xf32>, tensor<6x2x1x1xf32> -> tensor<?x6x9x9xf32>
  %3 = kiln.conv2d %x, %gw {groups = 2 : i64} : tensor<?x4x9x9xf32>, tensor<6x2x1x1xf32> -> tensor<?x6x9x9xf32>
  // (9 - 1) * 2 - 1 - 1 + 1 * (3 - 1) + 1 + 1 = 18.
  // CHECK: kiln.conv2d_transpose %[[X]], %[[TW]] {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x4x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<?x2x18x18xf32>
  %4 = kiln.conv2d_transpose %x, %tw {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : tensor<?x4x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<?x2x18x18xf32>
  // CHECK: kiln.conv2d_transpose %[[X]], %[[TW]] : tensor<?x4x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<?x2x11x11xf32>
  %5 = kiln.conv2d_transpose %x, %tw {output_padding = array<i64: 0, 0>, groups = 1 : i64} : tensor<?x4x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<?x2x11x11xf32>
  return
}

// CHECK-LABEL: func.func @pooling_and_normalization
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4x9x9xf32>, %[[C:[^:]+]]: tensor<4xf32>)
func.func @pooling_and_normalization(%x: tensor<?x4x9x9xf32>, %c: tensor<4xf32>) {
  // CHECK: kiln.max_pool2d %[[X]] {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<?x4x9x9xf32> -> tensor<?x4x4x4xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<?x4x9x9xf32> -> tensor<?x4x4x4xf32>
  // CHECK: kiln.avg_pool2d %[[X]] {kernel = array<i64: 2, 2>} : tensor<?x4x9x9xf32> -> tensor<?x4x8x8xf32>
  %1 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, count_include_pad = false} : tensor<?x4x9x9xf32> -> tensor<?x4x8x8xf32>
  // CHECK: kiln.avg_pool2d %[[X]] {count_include_pad = true, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 3, 3>} : tensor<?x4x9x9xf32> -> tensor<?x4x3x3xf32>
  %2 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<?x4x9x9xf32> -> tensor<?x4x3x3xf32>
  // CHECK: kiln.global_avg_pool2d %[[X]] : tensor<?x4x9x9xf32> -> tensor<?x4xf32>
  %3 = kiln.global_avg_pool2d %x : tensor<?x4x9x9xf32> -> tensor<?x4xf32>
  // CHECK: kiln.batch_norm %[[X]], %[[C]], %[[C]], %[[C]], %[[C]] : tensor<?x4x9x9xf32>, tensor<4xf32> -> tensor<?x4x9x9xf32>
  %4 = kiln.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-5 : f64} : tensor<?x4x9x9xf32>, tensor<4xf32> -> tensor<?x4x9x9xf32>
  // CHECK: kiln.batch_norm %[[X]], %[[C]], %[[C]], %[[C]], %[[C]] {epsilon = 1.000000e-03 : f64} : tensor<?x4x9x9xf32>, tensor<4xf32> -> tensor<?x4x9x9xf32>
  %5 = kiln.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f64} : tensor<?x4x9x9xf32>, tensor<4xf32> -> tensor<?x4x9x9xf32>
  return
}

// Dynamic spatial sizes and kernel sizes give dynamic output sizes.
// CHECK-LABEL: func.func @dynamic_windows
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x?x?xf32>, %[[W:[^:]+]]: tensor<8x4x?x?xf32>, %[[GW:[^:]+]]: tensor<?x?x3x3xf32>, %[[TW:[^:]+]]: tensor<4x2x3x3xf32>)
func.func @dynamic_windows(%x: tensor<1x4x?x?xf32>, %w: tensor<8x4x?x?xf32>, %gw: tensor<?x?x3x3xf32>, %tw: tensor<4x2x3x3xf32>) {
  // CHECK: kiln.conv2d %[[X]], %[[W]] : tensor<1x4x?x?xf32>, tensor<8x4x?x?xf32> -> tensor<1x8x?x?xf32>
  %0 = kiln.conv2d %x, %w : tensor<1x4x?x?xf32>, tensor<8x4x?x?xf32> -> tensor<1x8x?x?xf32>
  // A weight with dynamic filter and channel counts.
  // CHECK: kiln.conv2d %[[X]], %[[GW]] {groups = 2 : i64} : tensor<1x4x?x?xf32>, tensor<?x?x3x3xf32> -> tensor<1x?x?x?xf32>
  %1 = kiln.conv2d %x, %gw {groups = 2 : i64} : tensor<1x4x?x?xf32>, tensor<?x?x3x3xf32> -> tensor<1x?x?x?xf32>
  // CHECK: kiln.conv2d_transpose %[[X]], %[[TW]] {strides = array<i64: 2, 2>} : tensor<1x4x?x?xf32>, tensor<4x2x3x3xf32> -> tensor<1x2x?x?xf32>
  %2 = kiln.conv2d_transpose %x, %tw {strides = array<i64: 2, 2>} : tensor<1x4x?x?xf32>, tensor<4x2x3x3xf32> -> tensor<1x2x?x?xf32>
  // CHECK: kiln.max_pool2d %[[X]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x?x?xf32> -> tensor<1x4x?x?xf32>
  %3 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x?x?xf32> -> tensor<1x4x?x?xf32>
  return
}
