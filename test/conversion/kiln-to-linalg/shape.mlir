// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Shape ops become tensor ops (and linalg.transpose).

// reshape: collapse to rank 1, then expand; the inferred (-1) dim is the
// element count divided by the static dims, as an affine map of the input's
// dims, so here it folds to the batch dim itself.
// CHECK-LABEL: func.func @reshape_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>) -> tensor<?x12xf32>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<?x3x4xf32> into tensor<?xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x4xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [%[[N]], 12] : tensor<?xf32> into tensor<?x12xf32>
// CHECK: return %[[R]] : tensor<?x12xf32>
func.func @reshape_dynamic(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %0 = kiln.reshape %x {shape = array<i64: -1, 12>} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_static
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x6xf32>, %[[S:[^:]+]]: tensor<f32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x6xf32> into tensor<12xf32>
// CHECK: %[[A:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [3, 4] : tensor<12xf32> into tensor<3x4xf32>
// A rank-0 input expands directly.
// CHECK: %[[B:.*]] = tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// To rank 1: only the collapse.
// CHECK: %[[FLAT2:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x6xf32> into tensor<12xf32>
// CHECK: %[[C:.*]] = tensor.cast %[[FLAT2]] : tensor<12xf32> to tensor<12xf32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @reshape_static(%x: tensor<2x6xf32>, %s: tensor<f32>) -> (tensor<3x4xf32>, tensor<1x1xf32>, tensor<12xf32>) {
  %0 = kiln.reshape %x {shape = array<i64: 3, 4>} : tensor<2x6xf32> -> tensor<3x4xf32>
  %1 = kiln.reshape %s {shape = array<i64: 1, 1>} : tensor<f32> -> tensor<1x1xf32>
  %2 = kiln.reshape %x {shape = array<i64: 12>} : tensor<2x6xf32> -> tensor<12xf32>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<1x1xf32>, tensor<12xf32>
}

// -----

// transpose: linalg.transpose into an empty tensor whose dynamic dim i has
// the size of input dim perm[i].
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<4x?x3xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<?x3x4xf32>) outs(%[[EMPTY]] : tensor<4x?x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]] : tensor<4x?x3xf32>
func.func @transpose(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

// -----

// concat: insert each input into an empty result at its running offset.
// CHECK-LABEL: func.func @concat_last_axis
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[Y:[^:]+]]: tensor<?x5xf32>) -> tensor<?x8xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x8xf32>
// CHECK: %[[NX:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[X]] into %[[EMPTY]][0, 0] [%[[NX]], 3] [1, 1] : tensor<?x3xf32> into tensor<?x8xf32>
// CHECK: %[[NY:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?x5xf32>
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[Y]] into %[[I0]][0, 3] [%[[NY]], 5] [1, 1] : tensor<?x5xf32> into tensor<?x8xf32>
// CHECK: return %[[I1]] : tensor<?x8xf32>
func.func @concat_last_axis(%x: tensor<?x3xf32>, %y: tensor<?x5xf32>) -> tensor<?x8xf32> {
  %0 = kiln.concat %x, %y {axis = -1 : i64} : tensor<?x3xf32>, tensor<?x5xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// Along a dynamic axis the result size is the sum of the input sizes and
// the second offset is the first input's size.
// CHECK-LABEL: func.func @concat_dynamic_axis
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[Y:[^:]+]]: tensor<2x3xf32>) -> tensor<?x3xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: %[[DX:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[S0:.*]] = arith.addi %[[ZERO]], %[[DX]] : index
// CHECK: %[[DY:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<2x3xf32>
// CHECK: %[[TOTAL:.*]] = arith.addi %[[S0]], %[[DY]] : index
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[TOTAL]]) : tensor<?x3xf32>
// CHECK: %[[NX:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[X]] into %[[EMPTY]][0, 0] [%[[NX]], 3] [1, 1] : tensor<?x3xf32> into tensor<?x3xf32>
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[Y]] into %[[I0]][%[[NX]], 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<?x3xf32>
// CHECK: return %[[I1]] : tensor<?x3xf32>
func.func @concat_dynamic_axis(%x: tensor<?x3xf32>, %y: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %0 = kiln.concat %x, %y {axis = 0 : i64} : tensor<?x3xf32>, tensor<2x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// slice: one tensor.extract_slice with the starts as offsets and the steps
// as strides; unsliced dims are taken whole.
// CHECK-LABEL: func.func @slice_strided
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8x6xf32>) -> tensor<?x3x2xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x8x6xf32>
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][0, 1, 0] [%[[N]], 3, 2] [1, 2, 3] : tensor<?x8x6xf32> to tensor<?x3x2xf32>
// CHECK: return %[[S]] : tensor<?x3x2xf32>
func.func @slice_strided(%x: tensor<?x8x6xf32>) -> tensor<?x3x2xf32> {
  %0 = kiln.slice %x {axes = array<i64: 1, 2>, starts = array<i64: 1, 0>, ends = array<i64: 7, 6>, steps = array<i64: 2, 3>} : tensor<?x8x6xf32> -> tensor<?x3x2xf32>
  return %0 : tensor<?x3x2xf32>
}

// -----

// pad: tensor.pad with the low pads first, then the high pads, yielding the
// padding value converted to the element type.
// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[I:[^:]+]]: tensor<2xi32>)
// CHECK: %[[V:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1] high[0, 2] {
// CHECK-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: index):
// CHECK-NEXT: tensor.yield %[[V]] : f32
// CHECK-NEXT: } : tensor<?x3xf32> to tensor<?x6xf32>
// CHECK: %[[IV:.*]] = arith.constant 7 : i32
// CHECK: %[[IP:.*]] = tensor.pad %[[I]] low[1] high[2] {
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT: tensor.yield %[[IV]] : i32
// CHECK-NEXT: } : tensor<2xi32> to tensor<5xi32>
// CHECK: return %[[P]], %[[IP]]
func.func @pad(%x: tensor<?x3xf32>, %i: tensor<2xi32>) -> (tensor<?x6xf32>, tensor<5xi32>) {
  %0 = kiln.pad %x {pads = array<i64: 0, 1, 0, 2>, value = -1.0 : f64} : tensor<?x3xf32> -> tensor<?x6xf32>
  %1 = kiln.pad %i {pads = array<i64: 1, 2>, value = 7.0 : f64} : tensor<2xi32> -> tensor<5xi32>
  return %0, %1 : tensor<?x6xf32>, tensor<5xi32>
}

// -----

// A reshape that regroups the batch dim computes the new size from the
// element count: (N * 6) floordiv 3 = N * 2.
// CHECK-DAG: #[[MAP:.*]] = affine_map<()[s0] -> (s0 * 2)>
// CHECK-LABEL: func.func @reshape_regroup
// CHECK: %[[N:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x6xf32>
// CHECK: %[[M:.*]] = affine.apply #[[MAP]]()[%[[N]]]
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [%[[M]], 3] : tensor<?xf32> into tensor<?x3xf32>
func.func @reshape_regroup(%x: tensor<?x6xf32>) -> tensor<?x3xf32> {
  %0 = kiln.reshape %x {shape = array<i64: -1, 3>} : tensor<?x6xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
