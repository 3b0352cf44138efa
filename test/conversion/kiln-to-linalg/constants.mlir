// RUN: kiln-opt %s --convert-kiln-to-linalg | FileCheck %s

// kiln.constant becomes arith.constant with the same value; the kiln.name of
// a materialized parameter is dropped.

// CHECK-LABEL: func.func @constants
// CHECK-NOT: kiln.
// CHECK-DAG: %[[F:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[I:.*]] = arith.constant dense<[1, 2, 3]> : tensor<3xi64>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<5.000000e-01> : tensor<2x2xf64>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[true, false]> : tensor<2xi1>
// CHECK: return %[[F]], %[[I]], %[[S]], %[[B]] : tensor<2xf32>, tensor<3xi64>, tensor<2x2xf64>, tensor<2xi1>
func.func @constants() -> (tensor<2xf32>, tensor<3xi64>, tensor<2x2xf64>, tensor<2xi1>) {
  %0 = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = kiln.constant {kiln.name = "fc.weight"} dense<[1, 2, 3]> : tensor<3xi64>
  %2 = kiln.constant dense<0.5> : tensor<2x2xf64>
  %3 = kiln.constant dense<[true, false]> : tensor<2xi1>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<3xi64>, tensor<2x2xf64>, tensor<2xi1>
}

// A constant used by a lowered op feeds the linalg.generic.
// CHECK-LABEL: func.func @constant_operand
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>)
// CHECK: %[[C:.*]] = arith.constant dense<[3.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[C]] : tensor<2xf32>, tensor<2xf32>)
// CHECK: arith.mulf
func.func @constant_operand(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = kiln.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = kiln.mul %x, %c : tensor<2xf32>, tensor<2xf32>
  return %0 : tensor<2xf32>
}
