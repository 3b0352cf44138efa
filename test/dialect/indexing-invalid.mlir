// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each case violates one verifier or type-inference rule of the indexing ops.

func.func @gather_axis_out_of_range(%d: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %d, %i {axis = 2 : i64} : tensor<4x3xf32>, tensor<2xi64> -> tensor<4x3xf32>
  return
}

// -----

func.func @gather_float_indices(%d: tensor<4x3xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = kiln.gather %d, %i : tensor<4x3xf32>, tensor<2xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_wrong_result(%d: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'kiln.gather' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x2xf32>'}}
  // expected-error @+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %d, %i : tensor<4x3xf32>, tensor<2xi64> -> tensor<3x2xf32>
  return
}

// -----

func.func @gather_elements_rank(%d: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{gather_elements needs indices of the same rank as the data}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %d, %i : tensor<4x3xf32>, tensor<2xi64> -> tensor<2xf32>
  return
}

// -----

func.func @gather_elements_too_large(%d: tensor<4x3xf32>, %i: tensor<2x5xi64>) {
  // expected-error @+2 {{indices dimension 1 (5) exceeds the data's (3)}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %d, %i : tensor<4x3xf32>, tensor<2x5xi64> -> tensor<2x5xf32>
  return
}

// -----

func.func @argmax_axis(%x: tensor<4x3xf32>) {
  // expected-error @+2 {{axis -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.argmax' op failed to infer returned types}}
  %0 = kiln.argmax %x {axis = -3 : i64} : tensor<4x3xf32> -> tensor<1x3xi64>
  return
}

// -----

func.func @argmin_result_is_i64(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 64-bit signless integer values}}
  %0 = kiln.argmin %x : tensor<4x3xf32> -> tensor<1x3xi32>
  return
}

// -----

func.func @broadcast_to_mismatch(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{cannot broadcast dimension 1 of size 3 to 4}}
  // expected-error @+1 {{'kiln.broadcast_to' op failed to infer returned types}}
  %0 = kiln.broadcast_to %x {shape = array<i64: 2, 4>} : tensor<2x3xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_to_dynamic(%x: tensor<?x3xf32>) {
  // expected-error @+2 {{dynamic dimension 0 can only be broadcast against 1, not 5}}
  // expected-error @+1 {{'kiln.broadcast_to' op failed to infer returned types}}
  %0 = kiln.broadcast_to %x {shape = array<i64: 5, 3>} : tensor<?x3xf32> -> tensor<5x3xf32>
  return
}

// -----

func.func @tile_repeat_count(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{tile needs one repeat per dimension}}
  // expected-error @+1 {{'kiln.tile' op failed to infer returned types}}
  %0 = kiln.tile %x {repeats = array<i64: 2>} : tensor<2x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @tile_zero_repeat(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{tile repeats must be >= 1}}
  // expected-error @+1 {{'kiln.tile' op failed to infer returned types}}
  %0 = kiln.tile %x {repeats = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<0x3xf32>
  return
}

// -----

func.func @resize_rank(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{resize expects an NCHW input of rank 4}}
  // expected-error @+1 {{'kiln.resize' op failed to infer returned types}}
  %0 = kiln.resize %x {sizes = array<i64: 8, 8>} : tensor<2x3x4xf32> -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @resize_dynamic_height(%x: tensor<1x3x?x4xf32>) {
  // expected-error @+1 {{'kiln.resize' op needs a static input height and width}}
  %0 = kiln.resize %x {sizes = array<i64: 8, 8>} : tensor<1x3x?x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_mode(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'kiln.resize' op unknown mode 'area'}}
  %0 = kiln.resize %x {sizes = array<i64: 8, 8>, mode = "area"} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_coordinate_mode(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'kiln.resize' op unknown coordinate_transformation_mode 'tf_crop_and_resize'}}
  %0 = kiln.resize %x {sizes = array<i64: 8, 8>, coordinate_transformation_mode = "tf_crop_and_resize"} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_scales(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'kiln.resize' op needs two positive scales}}
  %0 = kiln.resize %x {sizes = array<i64: 8, 8>, scales = array<f64: 2.0, 0.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @depth_to_space_channels(%x: tensor<1x6x2x2xf32>) {
  // expected-error @+2 {{channels must be static and divisible by 4}}
  // expected-error @+1 {{'kiln.depth_to_space' op failed to infer returned types}}
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : tensor<1x6x2x2xf32> -> tensor<1x1x4x4xf32>
  return
}

// -----

func.func @space_to_depth_mode(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+2 {{mode must be DCR or CRD, got 'RDC'}}
  // expected-error @+1 {{'kiln.space_to_depth' op failed to infer returned types}}
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64, mode = "RDC"} : tensor<1x1x4x4xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @space_to_depth_indivisible(%x: tensor<1x1x5x4xf32>) {
  // expected-error @+2 {{height and width must be static and divisible by 2}}
  // expected-error @+1 {{'kiln.space_to_depth' op failed to infer returned types}}
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64} : tensor<1x1x5x4xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @one_hot_values(%i: tensor<3xi64>, %v: tensor<3xf32>) {
  // expected-error @+2 {{one_hot values must be [off, on]}}
  // expected-error @+1 {{'kiln.one_hot' op failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {depth = 4 : i64} : tensor<3xi64>, tensor<3xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @one_hot_axis(%i: tensor<3xi64>, %v: tensor<2xf32>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.one_hot' op failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {depth = 4 : i64, axis = 2 : i64} : tensor<3xi64>, tensor<2xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<3xf32>) {
  // expected-error @+1 {{'kiln.cumsum' op axis 1 is out of range for rank 1}}
  %0 = kiln.cumsum %x {axis = 1 : i64} : tensor<3xf32>
  return
}
