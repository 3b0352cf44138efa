// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// The gradient-control ops and the helpers gradient rules build print and
// parse back unchanged.

// CHECK-LABEL: func.func @ops
// CHECK: kiln.stop_gradient %{{.*}} : tensor<?x4xf32>
// CHECK: kiln.custom_gradient %{{.*}}, %{{.*}} : tensor<?x4xf32>
// CHECK: kiln.grad_reverse %{{.*}} {lambda = 5.000000e-01 : f64} : tensor<?x4xf32>
// CHECK: kiln.grad_reverse %{{.*}} : tensor<?x4xf32>
// CHECK: kiln.greater_mask %{{.*}}, %{{.*}} : tensor<?x4xf32>, tensor<4xf32>
// CHECK: kiln.zeros_like %{{.*}} : tensor<?x4xi64>
func.func @ops(%x: tensor<?x4xf32>, %y: tensor<4xf32>, %i: tensor<?x4xi64>) {
  %0 = kiln.stop_gradient %x : tensor<?x4xf32>
  %1 = kiln.custom_gradient %x, %0 : tensor<?x4xf32>
  %2 = kiln.grad_reverse %1 {lambda = 0.5 : f64} : tensor<?x4xf32>
  %3 = kiln.grad_reverse %2 : tensor<?x4xf32>
  %4 = kiln.greater_mask %3, %y : tensor<?x4xf32>, tensor<4xf32>
  %5 = kiln.zeros_like %i : tensor<?x4xi64>
  return
}
