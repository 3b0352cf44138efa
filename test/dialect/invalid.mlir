// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each case violates one verifier or type-inference rule of the kiln dialect.
// Ops whose custom syntax omits the result type infer it while parsing, so
// only the inference error is reported; ops that spell their result type
// report the inference error and then the verifier's failure.

//===----------------------------------------------------------------------===//
// Broadcasting
//===----------------------------------------------------------------------===//

func.func @add_shapes_do_not_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<2x3xf32> and tensor<4x3xf32>}}
  %0 = kiln.add %a, %b : tensor<2x3xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @mul_trailing_dims_do_not_broadcast(%a: tensor<?x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<?x3xf32> and tensor<2xf32>}}
  %0 = kiln.mul %a, %b : tensor<?x3xf32>, tensor<2xf32>
  return
}

// -----

func.func @binary_element_types_differ(%a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+1 {{'kiln.sub' op requires the same element type for all operands}}
  %0 = kiln.sub %a, %b : tensor<2xf32>, tensor<2xf64>
  return
}

// -----

func.func @unary_on_integers(%a: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.exp' op operand #0 must be ranked tensor of floating-point values}}
  %0 = kiln.exp %a : tensor<2xi32>
  return
}

//===----------------------------------------------------------------------===//
// Declared result types must equal the inferred ones
//===----------------------------------------------------------------------===//

// -----

func.func @add_declared_type_differs(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'kiln.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = "kiln.add"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @reduce_declared_type_differs(%a: tensor<2x3xf32>) {
  // keepdims is false: the result is tensor<2xf32>, not tensor<2x1xf32>.
  // expected-error @+2 {{'kiln.reduce_sum' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<2x1xf32>'}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = kiln.reduce_sum %a {axes = array<i64: 1>} : tensor<2x3xf32> -> tensor<2x1xf32>
  return
}

// -----

func.func @matmul_declared_type_differs(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+2 {{'kiln.matmul' op inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<?x5xf32>'}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : tensor<2x3xf32>, tensor<3x5xf32> -> tensor<?x5xf32>
  return
}

// -----

func.func @conv2d_declared_type_differs(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'kiln.conv2d' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Reductions and axes
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.reduce_max' op failed to infer returned types}}
  %0 = kiln.reduce_max %a {axes = array<i64: 2>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_negative_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.reduce_mean' op failed to infer returned types}}
  %0 = kiln.reduce_mean %a {axes = array<i64: -3>} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @softmax_bad_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.softmax' op axis 2 is out of range for rank 2}}
  %0 = kiln.softmax %a {axis = 2 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @log_softmax_bad_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.log_softmax' op axis -3 is out of range for rank 2}}
  %0 = kiln.log_softmax %a {axis = -3 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @flatten_bad_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{flatten axis out of range}}
  // expected-error @+1 {{'kiln.flatten' op failed to infer returned types}}
  %0 = kiln.flatten %a {axis = 3 : i64} : tensor<2x3xf32> -> tensor<6x1xf32>
  return
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_contraction_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{contraction dimensions differ: 3 and 4}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_rank_one(%a: tensor<3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+2 {{matmul operands must have rank >= 2}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : tensor<3xf32>, tensor<3x5xf32> -> tensor<5xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x4x3xf32>, %b: tensor<3x3x5xf32>) {
  // expected-error @+2 {{batch dimensions do not broadcast}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : tensor<2x4x3xf32>, tensor<3x3x5xf32> -> tensor<2x4x5xf32>
  return
}

// -----

func.func @linear_feature_mismatch(%x: tensor<?x3xf32>, %w: tensor<4x5xf32>) {
  // expected-error @+2 {{input has 3 features but the weight expects 4}}
  // expected-error @+1 {{'kiln.linear' op failed to infer returned types}}
  %0 = kiln.linear %x, %w : tensor<?x3xf32>, tensor<4x5xf32> -> tensor<?x5xf32>
  return
}

// -----

func.func @linear_bad_bias(%x: tensor<?x4xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{bias must have shape [5]}}
  // expected-error @+1 {{'kiln.linear' op failed to infer returned types}}
  %0 = kiln.linear %x, %w, %b : tensor<?x4xf32>, tensor<4x5xf32>, tensor<4xf32> -> tensor<?x5xf32>
  return
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_element_count(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{cannot reshape 6 elements into 5}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %a {shape = array<i64: 5>} : tensor<2x3xf32> -> tensor<5xf32>
  return
}

// -----

func.func @reshape_inferred_dim_does_not_divide(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{cannot reshape 6 elements into 4 with -1}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %a {shape = array<i64: 4, -1>} : tensor<2x3xf32> -> tensor<4x1xf32>
  return
}

// -----

func.func @reshape_two_inferred_dims(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{reshape allows one -1 in its shape}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %a {shape = array<i64: -1, -1>} : tensor<2x3xf32> -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_negative_size(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{reshape sizes must be >= 0 or -1}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %a {shape = array<i64: -2, 3>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reshape_dynamic_without_inferred_dim(%a: tensor<?x3xf32>) {
  // expected-error @+2 {{reshape of a tensor with a dynamic dimension needs a -1}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %a {shape = array<i64: 3, 2>} : tensor<?x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_perm_wrong_length(%a: tensor<2x3x4xf32>) {
  // expected-error @+2 {{perm must have one entry per dimension}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %a {perm = array<i64: 1, 0>} : tensor<2x3x4xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_perm_repeats(%a: tensor<2x3x4xf32>) {
  // expected-error @+2 {{perm is not a permutation}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %a {perm = array<i64: 0, 2, 2>} : tensor<2x3x4xf32> -> tensor<2x4x4xf32>
  return
}

// -----

func.func @transpose_perm_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{perm is not a permutation}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %a {perm = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @concat_dimension_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x4xf32>) {
  // expected-error @+2 {{concat inputs differ in dimension 1}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x4xf32> -> tensor<6x3xf32>
  return
}

// -----

func.func @concat_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{concat inputs differ in rank or type}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 1 : i64} : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_element_type_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x3xf64>) {
  // expected-error @+2 {{concat inputs differ in rank or type}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 1 : i64} : tensor<2x3xf32>, tensor<2x3xf64> -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{concat axis out of range}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %a {axis = 2 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x6xf32>
  return
}

// -----

func.func @slice_end_out_of_bounds(%a: tensor<2x8xf32>) {
  // expected-error @+2 {{slice [2:9:1] is out of bounds for size 8}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %a {axes = array<i64: 1>, starts = array<i64: 2>, ends = array<i64: 9>, steps = array<i64: 1>} : tensor<2x8xf32> -> tensor<2x7xf32>
  return
}

// -----

func.func @slice_zero_step(%a: tensor<2x8xf32>) {
  // expected-error @+2 {{slice [0:4:0] is out of bounds for size 8}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %a {axes = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 4>, steps = array<i64: 0>} : tensor<2x8xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @slice_dynamic_axis(%a: tensor<?x8xf32>) {
  // expected-error @+2 {{cannot slice a dynamic dimension}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %a {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 1>, steps = array<i64: 1>} : tensor<?x8xf32> -> tensor<1x8xf32>
  return
}

// -----

func.func @slice_attribute_lengths(%a: tensor<2x8xf32>) {
  // expected-error @+2 {{slice needs one start, end and step per axis}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %a {axes = array<i64: 0, 1>, starts = array<i64: 0>, ends = array<i64: 1, 1>, steps = array<i64: 1, 1>} : tensor<2x8xf32> -> tensor<1x1xf32>
  return
}

// -----

func.func @pad_wrong_count(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{pad needs two pads per dimension}}
  // expected-error @+1 {{'kiln.pad' op failed to infer returned types}}
  %0 = kiln.pad %a {pads = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @pad_negative(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{pads must be >= 0}}
  // expected-error @+1 {{'kiln.pad' op failed to infer returned types}}
  %0 = kiln.pad %a {pads = array<i64: 0, -1, 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

// -----

func.func @conv2d_channel_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{input has 3 channels but the weight expects 2}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_groups_do_not_divide_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{groups must divide the input channels and the filters}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<1x3x8x8xf32>, tensor<4x1x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_groups_do_not_divide_filters(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+2 {{groups must divide the input channels and the filters}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @conv2d_grouped_channel_mismatch(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // With 2 groups the weight expects 2 * 1 input channels.
  // expected-error @+2 {{input has 4 channels but the weight expects 2}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_bad_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{bias must have shape [4]}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w, %b : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_kernel_too_large(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{kernel is larger than the padded input}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @conv2d_bad_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{strides and dilations must be positive, pads >= 0}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w {strides = array<i64: 0, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_wrong_pad_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{expects 2 strides, 4 pads and 2 dilations}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w {pads = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv2d_not_nchw(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{conv2d expects NCHW input and FCHW weight}}
  // expected-error @+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : tensor<3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<4x6x6xf32>
  return
}

// -----

func.func @conv2d_transpose_channel_mismatch(%x: tensor<1x3x4x4xf32>, %w: tensor<2x4x3x3xf32>) {
  // expected-error @+2 {{input has 3 channels but the weight expects 2}}
  // expected-error @+1 {{'kiln.conv2d_transpose' op failed to infer returned types}}
  %0 = kiln.conv2d_transpose %x, %w : tensor<1x3x4x4xf32>, tensor<2x4x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_transpose_groups(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) {
  // expected-error @+2 {{expects 2 output paddings and groups dividing the input channels}}
  // expected-error @+1 {{'kiln.conv2d_transpose' op failed to infer returned types}}
  %0 = kiln.conv2d_transpose %x, %w {groups = 2 : i64} : tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32> -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @conv2d_transpose_empty_output(%x: tensor<1x3x1x1xf32>, %w: tensor<3x4x1x1xf32>) {
  // expected-error @+2 {{output would be empty}}
  // expected-error @+1 {{'kiln.conv2d_transpose' op failed to infer returned types}}
  %0 = kiln.conv2d_transpose %x, %w {pads = array<i64: 1, 0, 0, 0>} : tensor<1x3x1x1xf32>, tensor<3x4x1x1xf32> -> tensor<1x4x0x1xf32>
  return
}

// -----

func.func @max_pool_window_too_large(%x: tensor<1x3x2x2xf32>) {
  // expected-error @+2 {{pooling window is larger than the padded input}}
  // expected-error @+1 {{'kiln.max_pool2d' op failed to infer returned types}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>} : tensor<1x3x2x2xf32> -> tensor<1x3x1x1xf32>
  return
}

// -----

func.func @avg_pool_bad_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{expects 2 kernel sizes, 2 strides and 4 pads}}
  // expected-error @+1 {{'kiln.avg_pool2d' op failed to infer returned types}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @avg_pool_zero_stride(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{kernel sizes and strides must be positive, pads >= 0}}
  // expected-error @+1 {{'kiln.avg_pool2d' op failed to infer returned types}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 1>} : tensor<1x3x8x8xf32> -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @global_avg_pool_rank(%x: tensor<3x8x8xf32>) {
  // expected-error @+2 {{expects an NCHW input of rank 4}}
  // expected-error @+1 {{'kiln.global_avg_pool2d' op failed to infer returned types}}
  %0 = kiln.global_avg_pool2d %x : tensor<3x8x8xf32> -> tensor<3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

// -----

func.func @batch_norm_statistic_shape(%x: tensor<?x4x8x8xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{'kiln.batch_norm' op statistics must have shape [4]}}
  %0 = kiln.batch_norm %x, %c, %c, %c, %c : tensor<?x4x8x8xf32>, tensor<3xf32> -> tensor<?x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_statistic_rank(%x: tensor<?x4x8x8xf32>, %c: tensor<4x1xf32>) {
  // expected-error @+1 {{'kiln.batch_norm' op statistics must have shape [4]}}
  %0 = kiln.batch_norm %x, %c, %c, %c, %c : tensor<?x4x8x8xf32>, tensor<4x1xf32> -> tensor<?x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_statistics_differ(%x: tensor<?x4x8x8xf32>, %c: tensor<4xf32>, %d: tensor<?xf32>) {
  // expected-error @+1 {{'kiln.batch_norm' op failed to verify that all of {scale, offset, mean, variance} have same type}}
  %0 = "kiln.batch_norm"(%x, %c, %c, %d, %c) : (tensor<?x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<?xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_negative_epsilon(%x: tensor<?x4x8x8xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.batch_norm' op epsilon must be >= 0}}
  %0 = kiln.batch_norm %x, %c, %c, %c, %c {epsilon = -1.0 : f64} : tensor<?x4x8x8xf32>, tensor<4xf32> -> tensor<?x4x8x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

// -----

func.func @parameter_unknown_initializer() {
  // expected-error @+1 {{'kiln.parameter' op unknown initializer 'xavier'}}
  %0 = kiln.parameter "w" "xavier" seed 0 : tensor<4x4xf32>
  return
}

// -----

func.func @parameter_constant_without_value() {
  // expected-error @+1 {{'kiln.parameter' op initializer 'constant' takes 1 numbers, got 0}}
  %0 = kiln.parameter "w" "constant" seed 0 : tensor<4xf32>
  return
}

// -----

func.func @parameter_identity_shape() {
  // expected-error @+1 {{'kiln.parameter' op initializer 'identity' needs a [n, n], [k * n, n] or [n, k * n] matrix, not 'tensor<6x4xf32>'}}
  %0 = kiln.parameter "w" "identity" seed 0 : tensor<6x4xf32>
  return
}

// -----

func.func @parameter_uniform_one_bound() {
  // expected-error @+1 {{'kiln.parameter' op initializer 'uniform' takes 2 numbers, got 1}}
  %0 = kiln.parameter "w" "uniform" seed 0 {init_args = array<f64: 1.0>} : tensor<4xf32>
  return
}

// -----

func.func @parameter_zeros_with_args() {
  // expected-error @+1 {{'kiln.parameter' op initializer 'zeros' takes 0 numbers, got 1}}
  %0 = kiln.parameter "w" "zeros" seed 0 {init_args = array<f64: 1.0>} : tensor<4xf32>
  return
}

// -----

func.func @parameter_dynamic_shape() {
  // expected-error @+1 {{'kiln.parameter' op result #0 must be ranked tensor of floating-point values}}
  %0 = kiln.parameter "w" "zeros" seed 0 : tensor<?x4xf32>
  return
}

// -----

func.func @parameter_value_without_attribute() {
  // expected-error @+1 {{'kiln.parameter' op initializer 'value' needs a `value` attribute}}
  %0 = kiln.parameter "w" "value" seed 0 : tensor<2xf32>
  return
}

// -----

func.func @parameter_value_of_another_type() {
  // expected-error @+1 {{'kiln.parameter' op value of type 'tensor<3xf32>' does not match the result type 'tensor<2xf32>'}}
  %0 = kiln.parameter "w" "value" seed 0 {value = dense<1.0> : tensor<3xf32>} : tensor<2xf32>
  return
}

// -----

func.func @parameter_value_with_random_initializer() {
  // expected-error @+1 {{'kiln.parameter' op a `value` attribute needs the initializer 'value', not 'zeros'}}
  %0 = kiln.parameter "w" "zeros" seed 0 {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  return
}
