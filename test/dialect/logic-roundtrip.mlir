// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Casts, comparisons, boolean logic and select parse, print and parse again
// with their inferred result types.

// CHECK-LABEL: func.func @casts
func.func @casts(%f: tensor<?x3xf32>, %i: tensor<2xi64>, %b: tensor<4xi1>)
    -> (tensor<?x3xi32>, tensor<?x3xf64>, tensor<?x3xi1>, tensor<2xf32>, tensor<4xi64>, tensor<2xi32>) {
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<?x3xf32> to i32
  %0 = kiln.cast %f : tensor<?x3xf32> to i32
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<?x3xf32> to f64
  %1 = kiln.cast %f : tensor<?x3xf32> to f64
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<?x3xf32> to i1
  %2 = kiln.cast %f : tensor<?x3xf32> to i1
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<2xi64> to f32
  %3 = kiln.cast %i : tensor<2xi64> to f32
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<4xi1> to i64
  %4 = kiln.cast %b : tensor<4xi1> to i64
  // CHECK: %{{.*}} = kiln.cast %{{.*}} : tensor<2xi64> to i32
  %5 = kiln.cast %i : tensor<2xi64> to i32
  return %0, %1, %2, %3, %4, %5 : tensor<?x3xi32>, tensor<?x3xf64>, tensor<?x3xi1>, tensor<2xf32>, tensor<4xi64>, tensor<2xi32>
}

// CHECK-LABEL: func.func @comparisons
func.func @comparisons(%a: tensor<?x3xf32>, %b: tensor<3xf32>, %i: tensor<2x1xi32>, %j: tensor<4xi32>)
    -> (tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<2x4xi1>) {
  // CHECK: %{{.*}} = kiln.equal %{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3xf32>
  %0 = kiln.equal %a, %b : tensor<?x3xf32>, tensor<3xf32>
  // CHECK: %{{.*}} = kiln.less %{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3xf32>
  %1 = kiln.less %a, %b : tensor<?x3xf32>, tensor<3xf32>
  // CHECK: %{{.*}} = kiln.less_equal %{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3xf32>
  %2 = kiln.less_equal %a, %b : tensor<?x3xf32>, tensor<3xf32>
  // CHECK: %{{.*}} = kiln.greater %{{.*}}, %{{.*}} : tensor<3xf32>, tensor<?x3xf32>
  %3 = kiln.greater %b, %a : tensor<3xf32>, tensor<?x3xf32>
  // CHECK: %{{.*}} = kiln.greater_equal %{{.*}}, %{{.*}} : tensor<2x1xi32>, tensor<4xi32>
  %4 = kiln.greater_equal %i, %j : tensor<2x1xi32>, tensor<4xi32>
  return %0, %1, %2, %3, %4 : tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<2x4xi1>
}

// CHECK-LABEL: func.func @logic
func.func @logic(%a: tensor<?x3xi1>, %b: tensor<1x3xi1>)
    -> (tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<1x3xi1>) {
  // CHECK: %{{.*}} = kiln.and %{{.*}}, %{{.*}} : tensor<?x3xi1>, tensor<1x3xi1>
  %0 = kiln.and %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  // CHECK: %{{.*}} = kiln.or %{{.*}}, %{{.*}} : tensor<?x3xi1>, tensor<1x3xi1>
  %1 = kiln.or %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  // CHECK: %{{.*}} = kiln.xor %{{.*}}, %{{.*}} : tensor<?x3xi1>, tensor<1x3xi1>
  %2 = kiln.xor %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  // CHECK: %{{.*}} = kiln.not %{{.*}} : tensor<1x3xi1>
  %3 = kiln.not %b : tensor<1x3xi1>
  return %0, %1, %2, %3 : tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<1x3xi1>
}

// The three operands of select broadcast together.
// CHECK-LABEL: func.func @select
func.func @select(%c: tensor<?x1x4xi1>, %a: tensor<3x1xf32>, %b: tensor<f32>) -> tensor<?x3x4xf32> {
  // CHECK: %{{.*}} = kiln.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x1x4xi1>, tensor<3x1xf32>, tensor<f32>
  %0 = kiln.select %c, %a, %b : tensor<?x1x4xi1>, tensor<3x1xf32>, tensor<f32>
  return %0 : tensor<?x3x4xf32>
}
