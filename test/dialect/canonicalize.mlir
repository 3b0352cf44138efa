// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

// A transpose followed by its inverse cancels out.
// CHECK-LABEL: func.func @transpose_inverse_cancels
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3x4xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]] : tensor<2x3x4xf32>
func.func @transpose_inverse_cancels(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 1>} : tensor<2x3x4xf32> -> tensor<2x4x3xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 0, 2, 1>} : tensor<2x4x3xf32> -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// NHWC -> NCHW -> NHWC at a model's boundary cancels out.
// CHECK-LABEL: func.func @transpose_layout_round_trip
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x8x8x3xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]] : tensor<1x8x8x3xf32>
func.func @transpose_layout_round_trip(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 3, 1, 2>} : tensor<1x8x8x3xf32> -> tensor<1x3x8x8xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 0, 2, 3, 1>} : tensor<1x3x8x8xf32> -> tensor<1x8x8x3xf32>
  return %1 : tensor<1x8x8x3xf32>
}

// -----

// Two transposes compose into one: result dim i is x dim inner[outer[i]].
// inner = [1, 2, 0], outer = [1, 2, 0] -> [inner[1], inner[2], inner[0]] = [2, 0, 1].
// CHECK-LABEL: func.func @transpose_compose
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[T]] : tensor<4x2x3xf32>
func.func @transpose_compose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 1, 2, 0>} : tensor<3x4x2xf32> -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// A chain of three composes into one, with a dynamic dimension.
// CHECK-LABEL: func.func @transpose_chain_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {perm = array<i64: 1, 0, 2>} : tensor<?x3x4xf32> -> tensor<3x?x4xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[T]]
func.func @transpose_chain_dynamic(%x: tensor<?x3x4xf32>) -> tensor<3x?x4xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 1, 0, 2>} : tensor<4x?x3xf32> -> tensor<?x4x3xf32>
  %2 = kiln.transpose %1 {perm = array<i64: 2, 0, 1>} : tensor<?x4x3xf32> -> tensor<3x?x4xf32>
  return %2 : tensor<3x?x4xf32>
}

// -----

// The identity permutation folds away.
// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]] : tensor<?x3xf32>
func.func @transpose_identity(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 1>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// A non-identity permutation whose type does not change is kept.
// CHECK-LABEL: func.func @transpose_square_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3x3xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {perm = array<i64: 1, 0>} : tensor<3x3xf32> -> tensor<3x3xf32>
// CHECK: return %[[T]]
func.func @transpose_square_kept(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 1, 0>} : tensor<3x3xf32> -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @dropout_is_identity
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x16xf32>)
// CHECK-NOT: kiln.dropout
// CHECK: %[[R:.*]] = kiln.relu %[[X]] : tensor<?x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @dropout_is_identity(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %0 = kiln.dropout %x {rate = 0.5 : f64} : tensor<?x16xf32>
  %1 = kiln.relu %0 : tensor<?x16xf32>
  return %1 : tensor<?x16xf32>
}

//===----------------------------------------------------------------------===//
// Identity operands of add and mul
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @add_zero_splat
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK-NOT: kiln.add
// CHECK-NOT: kiln.constant
// CHECK: return %[[X]] : tensor<?x4xf32>
func.func @add_zero_splat(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %zero = kiln.constant dense<0.0> : tensor<4xf32>
  %0 = kiln.add %x, %zero : tensor<?x4xf32>, tensor<4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @mul_one_splat
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x4xf64>)
// CHECK-NOT: kiln.mul
// CHECK: return %[[X]] : tensor<2x4xf64>
func.func @mul_one_splat(%x: tensor<2x4xf64>) -> tensor<2x4xf64> {
  %one = kiln.constant dense<1.0> : tensor<f64>
  %0 = kiln.mul %x, %one : tensor<2x4xf64>, tensor<f64>
  return %0 : tensor<2x4xf64>
}

// -----

// A splat that broadcasts x to a larger type does not fold.
// CHECK-LABEL: func.func @add_zero_splat_broadcasts
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Z:.*]] = kiln.constant dense<0.000000e+00> : tensor<3x4xf32>
// CHECK: %[[A:.*]] = kiln.add %[[X]], %[[Z]] : tensor<4xf32>, tensor<3x4xf32>
// CHECK: return %[[A]] : tensor<3x4xf32>
func.func @add_zero_splat_broadcasts(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  %zero = kiln.constant dense<0.0> : tensor<3x4xf32>
  %0 = kiln.add %x, %zero : tensor<4xf32>, tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// Other splats, and non-splat constants, are kept.
// CHECK-LABEL: func.func @add_mul_non_identity
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>)
// CHECK-DAG: %[[ONE:.*]] = kiln.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-DAG: %[[V:.*]] = kiln.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK: %[[A:.*]] = kiln.add %[[X]], %[[ONE]]
// CHECK: %[[M:.*]] = kiln.mul %[[A]], %[[V]]
// CHECK: return %[[M]]
func.func @add_mul_non_identity(%x: tensor<2xf32>) -> tensor<2xf32> {
  %one = kiln.constant dense<1.0> : tensor<2xf32>
  %v = kiln.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %0 = kiln.add %x, %one : tensor<2xf32>, tensor<2xf32>
  %1 = kiln.mul %0, %v : tensor<2xf32>, tensor<2xf32>
  return %1 : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Negation, reshape, concat
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK-NOT: kiln.neg
// CHECK: return %[[X]] : tensor<?x4xf32>
func.func @neg_neg(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.neg %x : tensor<?x4xf32>
  %1 = kiln.neg %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Three negations leave one.
// CHECK-LABEL: func.func @neg_neg_neg
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>)
// CHECK: %[[N:.*]] = kiln.neg %[[X]] : tensor<4xf32>
// CHECK-NOT: kiln.neg
// CHECK: return %[[N]]
func.func @neg_neg_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.neg %x : tensor<4xf32>
  %1 = kiln.neg %0 : tensor<4xf32>
  %2 = kiln.neg %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x12xf32>)
// CHECK-NOT: kiln.reshape
// CHECK: return %[[X]] : tensor<?x12xf32>
func.func @reshape_same_type(%x: tensor<?x12xf32>) -> tensor<?x12xf32> {
  %0 = kiln.reshape %x {shape = array<i64: -1, 12>} : tensor<?x12xf32> -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_other_type_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x6xf32>)
// CHECK: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 3, 4>} : tensor<2x6xf32> -> tensor<3x4xf32>
// CHECK: return %[[R]]
func.func @reshape_other_type_kept(%x: tensor<2x6xf32>) -> tensor<3x4xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 3, 4>} : tensor<2x6xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @concat_single_input
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>)
// CHECK-NOT: kiln.concat
// CHECK: return %[[X]] : tensor<?x3xf32>
func.func @concat_single_input(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = kiln.concat %x {axis = 1 : i64} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @concat_two_inputs_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>)
// CHECK: %[[C:.*]] = kiln.concat %[[X]], %[[X]] {axis = 1 : i64} : tensor<?x3xf32>, tensor<?x3xf32> -> tensor<?x6xf32>
// CHECK: return %[[C]]
func.func @concat_two_inputs_kept(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = kiln.concat %x, %x {axis = 1 : i64} : tensor<?x3xf32>, tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

// -----

// Unused constants are erased; equal constants are uniqued; constants used
// by ops are kept.
// CHECK-LABEL: func.func @constants
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>)
// CHECK: %[[C:.*]] = kiln.constant dense<[2.000000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK-NOT: kiln.constant
// CHECK: %[[A:.*]] = kiln.add %[[X]], %[[C]]
// CHECK: %[[B:.*]] = kiln.sub %[[A]], %[[C]]
// CHECK: return %[[B]]
func.func @constants(%x: tensor<2xf32>) -> tensor<2xf32> {
  %unused = kiln.constant dense<7.0> : tensor<5xf32>
  %c0 = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %c1 = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %0 = kiln.add %x, %c0 : tensor<2xf32>, tensor<2xf32>
  %1 = kiln.sub %0, %c1 : tensor<2xf32>, tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// The identity transpose of a constant folds to that constant, which is not
// duplicated.
// CHECK-LABEL: func.func @fold_to_constant
// CHECK: %[[C:.*]] = kiln.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[C]], %[[C]] : tensor<2x2xi32>, tensor<2x2xi32>
func.func @fold_to_constant() -> (tensor<2x2xi32>, tensor<2x2xi32>) {
  %c = kiln.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %0 = kiln.transpose %c {perm = array<i64: 0, 1>} : tensor<2x2xi32> -> tensor<2x2xi32>
  return %0, %c : tensor<2x2xi32>, tensor<2x2xi32>
}

// -----

// Kiln ops are pure: unused results are erased.
// CHECK-LABEL: func.func @dead_ops
// CHECK-NEXT: return
func.func @dead_ops(%x: tensor<?x4xf32>, %w: tensor<4x4xf32>) {
  %0 = kiln.matmul %x, %w : tensor<?x4xf32>, tensor<4x4xf32> -> tensor<?x4xf32>
  %1 = kiln.exp %0 : tensor<?x4xf32>
  %2 = kiln.parameter "p" "ones" seed 0 : tensor<4xf32>
  return
}
