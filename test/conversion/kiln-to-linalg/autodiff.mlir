// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// stop_gradient, custom_gradient and grad_reverse are the identity in the
// forward pass: they lower to the value they return.
// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>, %[[Q:[^:]+]]: tensor<?x4xf32>)
// CHECK-NOT: kiln.
// CHECK: return %[[X]], %[[Q]], %[[X]]
func.func @identities(%x: tensor<?x4xf32>, %q: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = kiln.stop_gradient %x : tensor<?x4xf32>
  %1 = kiln.custom_gradient %q, %x : tensor<?x4xf32>
  %2 = kiln.grad_reverse %x {lambda = 2.0 : f64} : tensor<?x4xf32>
  return %0, %1, %2 : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// greater_mask: 1 where lhs > rhs, else 0, broadcasting like the binary ops.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @greater_mask
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x4xf64>, %[[B:[^:]+]]: tensor<4xf64>)
// CHECK: %[[N:.*]] = tensor.dim %[[A]]
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf64>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[LAST]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x4xf64>, tensor<4xf64>) outs(%[[INIT]] : tensor<?x4xf64>)
// CHECK-NEXT: ^bb0(%[[X:[^:]+]]: f64, %[[Y:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[Y]] : f64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[S:.*]] = arith.select %[[GT]], %[[ONE]], %[[ZERO]] : f64
// CHECK-NEXT: linalg.yield %[[S]] : f64
func.func @greater_mask(%a: tensor<?x4xf64>, %b: tensor<4xf64>) -> tensor<?x4xf64> {
  %0 = kiln.greater_mask %a, %b : tensor<?x4xf64>, tensor<4xf64>
  return %0 : tensor<?x4xf64>
}

// -----

// zeros_like: a fill of the input's runtime shape.
// CHECK-LABEL: func.func @zeros_like
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xi32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]]
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x3xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%[[E]] : tensor<?x3xi32>) -> tensor<?x3xi32>
// CHECK: return %[[F]]
func.func @zeros_like(%x: tensor<?x3xi32>) -> tensor<?x3xi32> {
  %0 = kiln.zeros_like %x : tensor<?x3xi32>
  return %0 : tensor<?x3xi32>
}
