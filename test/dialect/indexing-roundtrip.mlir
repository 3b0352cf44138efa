// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// The indexing ops are parsed, printed and parsed again with the same
// result; attributes equal to their default are elided.

// CHECK-LABEL: func.func @gathers
func.func @gathers(%table: tensor<10x4xf32>, %ids: tensor<?x7xi64>, %d: tensor<?x3x5xf32>, %i: tensor<?x3x2xi32>)
    -> (tensor<?x7x4xf32>, tensor<10x?x7xf32>, tensor<?x3x2xf32>) {
  // CHECK: kiln.gather %{{.*}}, %{{.*}} : tensor<10x4xf32>, tensor<?x7xi64> -> tensor<?x7x4xf32>
  %0 = kiln.gather %table, %ids {axis = 0 : i64} : tensor<10x4xf32>, tensor<?x7xi64> -> tensor<?x7x4xf32>
  // CHECK: kiln.gather %{{.*}}, %{{.*}} {axis = -1 : i64} : tensor<10x4xf32>, tensor<?x7xi64> -> tensor<10x?x7xf32>
  %1 = kiln.gather %table, %ids {axis = -1 : i64} : tensor<10x4xf32>, tensor<?x7xi64> -> tensor<10x?x7xf32>
  // CHECK: kiln.gather_elements %{{.*}}, %{{.*}} {axis = 2 : i64} : tensor<?x3x5xf32>, tensor<?x3x2xi32> -> tensor<?x3x2xf32>
  %2 = kiln.gather_elements %d, %i {axis = 2 : i64} : tensor<?x3x5xf32>, tensor<?x3x2xi32> -> tensor<?x3x2xf32>
  return %0, %1, %2 : tensor<?x7x4xf32>, tensor<10x?x7xf32>, tensor<?x3x2xf32>
}

// CHECK-LABEL: func.func @arg_reductions
func.func @arg_reductions(%x: tensor<?x5xf32>, %n: tensor<4xi32>) -> (tensor<?x1xi64>, tensor<?xi64>, tensor<1xi64>) {
  // CHECK: kiln.argmax %{{.*}} {axis = 1 : i64} : tensor<?x5xf32> -> tensor<?x1xi64>
  %0 = kiln.argmax %x {axis = 1 : i64} : tensor<?x5xf32> -> tensor<?x1xi64>
  // CHECK: kiln.argmin %{{.*}} {axis = -1 : i64, keepdims = false, select_last_index = true} : tensor<?x5xf32> -> tensor<?xi64>
  %1 = kiln.argmin %x {axis = -1 : i64, keepdims = false, select_last_index = true} : tensor<?x5xf32> -> tensor<?xi64>
  // CHECK: kiln.argmax %{{.*}} : tensor<4xi32> -> tensor<1xi64>
  %2 = kiln.argmax %n : tensor<4xi32> -> tensor<1xi64>
  return %0, %1, %2 : tensor<?x1xi64>, tensor<?xi64>, tensor<1xi64>
}

// CHECK-LABEL: func.func @broadcast_and_tile
func.func @broadcast_and_tile(%x: tensor<?x1x3xf32>) -> (tensor<2x?x4x3xf32>, tensor<?x2x6xf32>) {
  // CHECK: kiln.broadcast_to %{{.*}} {shape = array<i64: 2, 1, 4, 1>} : tensor<?x1x3xf32> -> tensor<2x?x4x3xf32>
  %0 = kiln.broadcast_to %x {shape = array<i64: 2, 1, 4, 1>} : tensor<?x1x3xf32> -> tensor<2x?x4x3xf32>
  // CHECK: kiln.tile %{{.*}} {repeats = array<i64: 1, 2, 2>} : tensor<?x1x3xf32> -> tensor<?x2x6xf32>
  %1 = kiln.tile %x {repeats = array<i64: 1, 2, 2>} : tensor<?x1x3xf32> -> tensor<?x2x6xf32>
  return %0, %1 : tensor<2x?x4x3xf32>, tensor<?x2x6xf32>
}

// CHECK-LABEL: func.func @resizes
func.func @resizes(%x: tensor<?x3x4x5xf32>) -> (tensor<?x3x8x10xf32>, tensor<?x3x9x11xf32>) {
  // CHECK: kiln.resize %{{.*}} {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor", scales = array<f64: 2.000000e+00, 2.000000e+00>, sizes = array<i64: 8, 10>} : tensor<?x3x4x5xf32> -> tensor<?x3x8x10xf32>
  %0 = kiln.resize %x {sizes = array<i64: 8, 10>, scales = array<f64: 2.0, 2.0>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : tensor<?x3x4x5xf32> -> tensor<?x3x8x10xf32>
  // CHECK: kiln.resize %{{.*}} {coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: 9, 11>} : tensor<?x3x4x5xf32> -> tensor<?x3x9x11xf32>
  %1 = kiln.resize %x {sizes = array<i64: 9, 11>, mode = "linear", coordinate_transformation_mode = "align_corners"} : tensor<?x3x4x5xf32> -> tensor<?x3x9x11xf32>
  return %0, %1 : tensor<?x3x8x10xf32>, tensor<?x3x9x11xf32>
}

// CHECK-LABEL: func.func @depth_and_space
func.func @depth_and_space(%x: tensor<?x8x2x3xf32>, %y: tensor<?x2x4x6xf32>) -> (tensor<?x2x4x6xf32>, tensor<?x8x2x3xf32>) {
  // CHECK: kiln.depth_to_space %{{.*}} {blocksize = 2 : i64, mode = "CRD"} : tensor<?x8x2x3xf32> -> tensor<?x2x4x6xf32>
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : tensor<?x8x2x3xf32> -> tensor<?x2x4x6xf32>
  // CHECK: kiln.space_to_depth %{{.*}} {blocksize = 2 : i64} : tensor<?x2x4x6xf32> -> tensor<?x8x2x3xf32>
  %1 = kiln.space_to_depth %y {blocksize = 2 : i64, mode = "DCR"} : tensor<?x2x4x6xf32> -> tensor<?x8x2x3xf32>
  return %0, %1 : tensor<?x2x4x6xf32>, tensor<?x8x2x3xf32>
}

// CHECK-LABEL: func.func @one_hot_and_cumsum
func.func @one_hot_and_cumsum(%i: tensor<?x3xi64>, %v: tensor<2xf32>, %x: tensor<?x4xf32>) -> (tensor<?x3x5xf32>, tensor<?x5x3xf32>, tensor<?x4xf32>) {
  // CHECK: kiln.one_hot %{{.*}}, %{{.*}} {depth = 5 : i64} : tensor<?x3xi64>, tensor<2xf32> -> tensor<?x3x5xf32>
  %0 = kiln.one_hot %i, %v {depth = 5 : i64} : tensor<?x3xi64>, tensor<2xf32> -> tensor<?x3x5xf32>
  // CHECK: kiln.one_hot %{{.*}}, %{{.*}} {axis = 1 : i64, depth = 5 : i64} : tensor<?x3xi64>, tensor<2xf32> -> tensor<?x5x3xf32>
  %1 = kiln.one_hot %i, %v {depth = 5 : i64, axis = 1 : i64} : tensor<?x3xi64>, tensor<2xf32> -> tensor<?x5x3xf32>
  // CHECK: kiln.cumsum %{{.*}} {axis = 1 : i64, exclusive = true, reverse = true} : tensor<?x4xf32>
  %2 = kiln.cumsum %x {axis = 1 : i64, exclusive = true, reverse = true} : tensor<?x4xf32>
  return %0, %1, %2 : tensor<?x3x5xf32>, tensor<?x5x3xf32>, tensor<?x4xf32>
}
