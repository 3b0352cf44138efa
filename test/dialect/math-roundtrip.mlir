// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Elementwise math ops parse, print and parse again; attributes equal to
// their default are elided.

// CHECK-LABEL: func.func @unary_math
func.func @unary_math(%x: tensor<?x4xf32>) {
  // CHECK: kiln.erf %{{.*}} : tensor<?x4xf32>
  %0 = kiln.erf %x : tensor<?x4xf32>
  // CHECK: kiln.floor %{{.*}} : tensor<?x4xf32>
  %1 = kiln.floor %x : tensor<?x4xf32>
  // CHECK: kiln.ceil %{{.*}} : tensor<?x4xf32>
  %2 = kiln.ceil %x : tensor<?x4xf32>
  // CHECK: kiln.round %{{.*}} : tensor<?x4xf32>
  %3 = kiln.round %x : tensor<?x4xf32>
  // CHECK: kiln.reciprocal %{{.*}} : tensor<?x4xf32>
  %4 = kiln.reciprocal %x : tensor<?x4xf32>
  // CHECK: kiln.sin %{{.*}} : tensor<?x4xf32>
  %5 = kiln.sin %x : tensor<?x4xf32>
  // CHECK: kiln.cos %{{.*}} : tensor<?x4xf32>
  %6 = kiln.cos %x : tensor<?x4xf32>
  // CHECK: kiln.tan %{{.*}} : tensor<?x4xf32>
  %7 = kiln.tan %x : tensor<?x4xf32>
  // CHECK: kiln.asin %{{.*}} : tensor<?x4xf32>
  %8 = kiln.asin %x : tensor<?x4xf32>
  // CHECK: kiln.acos %{{.*}} : tensor<?x4xf32>
  %9 = kiln.acos %x : tensor<?x4xf32>
  // CHECK: kiln.atan %{{.*}} : tensor<?x4xf32>
  %10 = kiln.atan %x : tensor<?x4xf32>
  // CHECK: kiln.sinh %{{.*}} : tensor<?x4xf32>
  %11 = kiln.sinh %x : tensor<?x4xf32>
  // CHECK: kiln.cosh %{{.*}} : tensor<?x4xf32>
  %12 = kiln.cosh %x : tensor<?x4xf32>
  // CHECK: kiln.asinh %{{.*}} : tensor<?x4xf32>
  %13 = kiln.asinh %x : tensor<?x4xf32>
  // CHECK: kiln.acosh %{{.*}} : tensor<?x4xf32>
  %14 = kiln.acosh %x : tensor<?x4xf32>
  // CHECK: kiln.atanh %{{.*}} : tensor<?x4xf32>
  %15 = kiln.atanh %x : tensor<?x4xf32>
  // CHECK: kiln.softsign %{{.*}} : tensor<?x4xf32>
  %16 = kiln.softsign %x : tensor<?x4xf32>
  return
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<2x4xf64>) {
  // CHECK: kiln.hard_sigmoid %{{.*}} : tensor<2x4xf64>
  %0 = kiln.hard_sigmoid %x {alpha = 0.2 : f64, beta = 0.5 : f64} : tensor<2x4xf64>
  // CHECK: kiln.hard_sigmoid %{{.*}} {alpha = 5.000000e-01 : f64, beta = 0.000000e+00 : f64} : tensor<2x4xf64>
  %1 = kiln.hard_sigmoid %x {alpha = 0.5 : f64, beta = 0.0 : f64} : tensor<2x4xf64>
  // CHECK: kiln.hard_swish %{{.*}} : tensor<2x4xf64>
  %2 = kiln.hard_swish %x : tensor<2x4xf64>
  // CHECK: kiln.selu %{{.*}} : tensor<2x4xf64>
  %3 = kiln.selu %x : tensor<2x4xf64>
  // CHECK: kiln.selu %{{.*}} {alpha = 2.000000e+00 : f64, gamma = 3.000000e+00 : f64} : tensor<2x4xf64>
  %4 = kiln.selu %x {alpha = 2.0 : f64, gamma = 3.0 : f64} : tensor<2x4xf64>
  // CHECK: kiln.celu %{{.*}} {alpha = 2.000000e+00 : f64} : tensor<2x4xf64>
  %5 = kiln.celu %x {alpha = 2.0 : f64} : tensor<2x4xf64>
  // CHECK: kiln.thresholded_relu %{{.*}} : tensor<2x4xf64>
  %6 = kiln.thresholded_relu %x : tensor<2x4xf64>
  return
}

// CHECK-LABEL: func.func @numbers
func.func @numbers(%f: tensor<3xf32>, %i: tensor<3xi32>, %j: tensor<2x1xi64>, %k: tensor<4xi64>)
    -> (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xf32>, tensor<2x4xi64>, tensor<3xf32>) {
  // CHECK: kiln.sign %{{.*}} : tensor<3xi32>
  %0 = kiln.sign %i : tensor<3xi32>
  // CHECK: kiln.neg %{{.*}} : tensor<3xi32>
  %1 = kiln.neg %i : tensor<3xi32>
  // CHECK: kiln.abs %{{.*}} : tensor<3xi32>
  %2 = kiln.abs %i : tensor<3xi32>
  // CHECK: kiln.sign %{{.*}} : tensor<3xf32>
  %3 = kiln.sign %f : tensor<3xf32>
  // CHECK: kiln.mod %{{.*}}, %{{.*}} : tensor<2x1xi64>, tensor<4xi64>
  %4 = kiln.mod %j, %k : tensor<2x1xi64>, tensor<4xi64>
  // CHECK: kiln.mod %{{.*}}, %{{.*}} {fmod = true} : tensor<3xf32>, tensor<3xf32>
  %5 = kiln.mod %f, %f {fmod = true} : tensor<3xf32>, tensor<3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xf32>, tensor<2x4xi64>, tensor<3xf32>
}

// CHECK-LABEL: func.func @float_tests
func.func @float_tests(%x: tensor<?x4xf32>) -> (tensor<?x4xi1>, tensor<?x4xi1>, tensor<?x4xi1>) {
  // CHECK: kiln.is_nan %{{.*}} : tensor<?x4xf32>
  %0 = kiln.is_nan %x : tensor<?x4xf32>
  // CHECK: kiln.is_inf %{{.*}} : tensor<?x4xf32>
  %1 = kiln.is_inf %x : tensor<?x4xf32>
  // CHECK: kiln.is_inf %{{.*}} {detect_negative = false} : tensor<?x4xf32>
  %2 = kiln.is_inf %x {detect_negative = false} : tensor<?x4xf32>
  return %0, %1, %2 : tensor<?x4xi1>, tensor<?x4xi1>, tensor<?x4xi1>
}
