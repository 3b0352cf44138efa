// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file -verify-diagnostics

// Ops that the lowering does not handle fail to legalize. Parameters must
// be materialized (kiln-materialize-parameters) and composite ops and biases
// decomposed (kiln-decompose) before the conversion.

func.func @unmaterialized_parameter(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{failed to legalize operation 'kiln.parameter' that was explicitly marked illegal}}
  %w = kiln.parameter "w" "ones" seed 0 : tensor<4xf32>
  %0 = kiln.add %x, %w : tensor<4xf32>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @undecomposed_softmax(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{failed to legalize operation 'kiln.softmax' that was explicitly marked illegal}}
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @undecomposed_linear(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'kiln.linear' that was explicitly marked illegal}}
  %0 = kiln.linear %x, %w : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @conv2d_bias_not_split(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{failed to legalize operation 'kiln.conv2d' that was explicitly marked illegal}}
  %0 = kiln.conv2d %x, %w, %b : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_transpose_grouped(%x: tensor<1x4x4x4xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // expected-error @+2 {{'kiln.conv2d_transpose' op lowering supports groups = 1 only}}
  // expected-error @+1 {{failed to legalize operation 'kiln.conv2d_transpose' that was explicitly marked illegal}}
  %0 = kiln.conv2d_transpose %x, %w {groups = 2 : i64} : tensor<1x4x4x4xf32>, tensor<4x1x3x3xf32> -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

func.func @conv2d_transpose_dynamic_height(%x: tensor<1x3x?x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x2x?x6xf32> {
  // expected-error @+2 {{'kiln.conv2d_transpose' op lowering needs static spatial and kernel sizes}}
  // expected-error @+1 {{failed to legalize operation 'kiln.conv2d_transpose' that was explicitly marked illegal}}
  %0 = kiln.conv2d_transpose %x, %w : tensor<1x3x?x4xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x?x6xf32>
  return %0 : tensor<1x2x?x6xf32>
}

// -----

func.func @conv2d_transpose_large_pad(%x: tensor<1x3x6x6xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x2x5x8xf32> {
  // expected-error @+2 {{'kiln.conv2d_transpose' op lowering needs pads <= dilation * (kernel - 1)}}
  // expected-error @+1 {{failed to legalize operation 'kiln.conv2d_transpose' that was explicitly marked illegal}}
  %0 = kiln.conv2d_transpose %x, %w {pads = array<i64: 3, 0, 0, 0>} : tensor<1x3x6x6xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x5x8xf32>
  return %0 : tensor<1x2x5x8xf32>
}

// -----

func.func @avg_pool_f64(%x: tensor<1x1x4x4xf64>) -> tensor<1x1x2x2xf64> {
  // expected-error @+2 {{'kiln.avg_pool2d' op lowering supports f32 average pooling}}
  // expected-error @+1 {{failed to legalize operation 'kiln.avg_pool2d' that was explicitly marked illegal}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x1x4x4xf64> -> tensor<1x1x2x2xf64>
  return %0 : tensor<1x1x2x2xf64>
}

// -----

func.func @avg_pool_padded_dynamic_height(%x: tensor<1x1x?x4xf32>) -> tensor<1x1x?x2xf32> {
  // expected-error @+2 {{'kiln.avg_pool2d' op padded average pooling needs static H and W}}
  // expected-error @+1 {{failed to legalize operation 'kiln.avg_pool2d' that was explicitly marked illegal}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : tensor<1x1x?x4xf32> -> tensor<1x1x?x2xf32>
  return %0 : tensor<1x1x?x2xf32>
}
