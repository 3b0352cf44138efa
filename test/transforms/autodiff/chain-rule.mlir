// RUN: kiln-opt %s --kiln-generate-gradients | FileCheck %s

// The reverse sweep of f(x) = log x + sqrt(log x): the gradient function
// recomputes f, then applies each op's rule in reverse order. log x feeds two
// ops, so its gradients are summed before log's rule divides by x.
// CHECK-LABEL: func.func @f(
// CHECK-NOT: kiln.gradient
// CHECK-LABEL: func.func @f_grad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<6xf64> {kiln.name = "x"}, %[[SEED:[^:]+]]: tensor<6xf64> {kiln.name = "seed_y"})
// CHECK-SAME: -> (tensor<6xf64> {kiln.name = "y"}, tensor<6xf64> {kiln.name = "grad_x"})
// CHECK: %[[L:.*]] = kiln.log %[[X]]
// CHECK: %[[S:.*]] = kiln.sqrt %[[L]]
// CHECK: %[[Y:.*]] = kiln.add %[[L]], %[[S]]
// CHECK: %[[TWO:.*]] = kiln.constant dense<2.000000e+00> : tensor<f64>
// CHECK: %[[TWOS:.*]] = kiln.mul %[[TWO]], %[[S]]
// CHECK: %[[DS:.*]] = kiln.div %[[SEED]], %[[TWOS]]
// CHECK: %[[DL:.*]] = kiln.add %[[SEED]], %[[DS]]
// CHECK: %[[DX:.*]] = kiln.div %[[DL]], %[[X]]
// CHECK: return %[[Y]], %[[DX]]
func.func @f(%x: tensor<6xf64> {kiln.name = "x"}) -> (tensor<6xf64> {kiln.name = "y"}) attributes {kiln.gradient = {name = "f_grad", wrt = array<i64: 0>}} {
  %l = kiln.log %x : tensor<6xf64>
  %s = kiln.sqrt %l : tensor<6xf64>
  %y = kiln.add %l, %s : tensor<6xf64>, tensor<6xf64>
  return %y : tensor<6xf64>
}
