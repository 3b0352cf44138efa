// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Elementwise math ops become linalg.generic ops whose body is one math
// dialect op or a short arith/math expression.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @erf_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[IN:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.erf %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @erf_dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.erf %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @math_ops
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.roundeven
// CHECK: math.sin
// CHECK: math.cos
// CHECK: math.tan
// CHECK: math.asin
// CHECK: math.acos
// CHECK: math.atan
// CHECK: math.sinh
// CHECK: math.cosh
// CHECK: math.asinh
// CHECK: math.acosh
// CHECK: math.atanh
func.func @math_ops(%x: tensor<3xf64>) {
  %0 = kiln.floor %x : tensor<3xf64>
  %1 = kiln.ceil %x : tensor<3xf64>
  %2 = kiln.round %x : tensor<3xf64>
  %3 = kiln.sin %x : tensor<3xf64>
  %4 = kiln.cos %x : tensor<3xf64>
  %5 = kiln.tan %x : tensor<3xf64>
  %6 = kiln.asin %x : tensor<3xf64>
  %7 = kiln.acos %x : tensor<3xf64>
  %8 = kiln.atan %x : tensor<3xf64>
  %9 = kiln.sinh %x : tensor<3xf64>
  %10 = kiln.cosh %x : tensor<3xf64>
  %11 = kiln.asinh %x : tensor<3xf64>
  %12 = kiln.acosh %x : tensor<3xf64>
  %13 = kiln.atanh %x : tensor<3xf64>
  return
}

// -----

// CHECK-LABEL: func.func @hard_sigmoid
// CHECK: ^bb0(%[[IN:[^:]+]]: f32, %{{.*}}: f32):
// CHECK: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[AX:.*]] = arith.mulf %[[ALPHA]], %[[IN]] : f32
// CHECK: %[[BETA:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[Z:.*]] = arith.addf %[[AX]], %[[BETA]] : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[LOW:.*]] = arith.minimumf %[[Z]], %[[ONE]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[R:.*]] = arith.maximumf %[[LOW]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @hard_sigmoid(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.hard_sigmoid %x {alpha = 0.5 : f64, beta = 0.25 : f64} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @selu
// CHECK: ^bb0(%[[IN:[^:]+]]: f32, %{{.*}}: f32):
// CHECK: %[[EXPM1:.*]] = math.expm1 %[[IN]] : f32
// CHECK: %[[ALPHA:.*]] = arith.constant 1.67326319 : f32
// CHECK: %[[NEG:.*]] = arith.mulf %[[ALPHA]], %[[EXPM1]] : f32
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[IN]], %{{.*}} : f32
// CHECK: %[[ELU:.*]] = arith.select %[[POS]], %[[IN]], %[[NEG]] : f32
// CHECK: %[[GAMMA:.*]] = arith.constant 1.05070102 : f32
// CHECK: arith.mulf %[[GAMMA]], %[[ELU]] : f32
func.func @selu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.selu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @float_tests
// CHECK: arith.cmpf uno, %[[A:.*]], %[[A]] : f32
// CHECK: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: arith.cmpf oeq, %{{.*}}, %[[INF]] : f32
// CHECK-NOT: arith.ori
// CHECK: linalg.yield
// CHECK: %[[POS:.*]] = arith.cmpf oeq, %{{.*}}, %{{.*}} : f32
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[NEG:.*]] = arith.cmpf oeq, %{{.*}}, %[[NEGINF]] : f32
// CHECK: arith.ori %[[POS]], %[[NEG]] : i1
func.func @float_tests(%x: tensor<4xf32>) {
  %0 = kiln.is_nan %x : tensor<4xf32>
  %1 = kiln.is_inf %x {detect_negative = false} : tensor<4xf32>
  %2 = kiln.is_inf %x : tensor<4xf32>
  return
}

// -----

// Floored remainder: add the divisor to a non-zero remainder whose sign
// differs from the divisor's. With fmod, the truncated remainder alone.
// CHECK-LABEL: func.func @mod
// CHECK: ^bb0(%[[X:[^:]+]]: i32, %[[Y:[^:]+]]: i32, %{{.*}}: i32):
// CHECK: %[[REM:.*]] = arith.remsi %[[X]], %[[Y]] : i32
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[REM]], %{{.*}} : i32
// CHECK: %[[RNEG:.*]] = arith.cmpi slt, %[[REM]], %{{.*}} : i32
// CHECK: %[[YNEG:.*]] = arith.cmpi slt, %[[Y]], %{{.*}} : i32
// CHECK: %[[DIFF:.*]] = arith.xori %[[RNEG]], %[[YNEG]] : i1
// CHECK: %[[FIX:.*]] = arith.andi %[[NZ]], %[[DIFF]] : i1
// CHECK: %[[SUM:.*]] = arith.addi %[[REM]], %[[Y]] : i32
// CHECK: arith.select %[[FIX]], %[[SUM]], %[[REM]] : i32
// CHECK: ^bb0(%[[FX:[^:]+]]: f32, %[[FY:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[FREM:.*]] = arith.remf %[[FX]], %[[FY]] : f32
// CHECK-NEXT: linalg.yield %[[FREM]] : f32
func.func @mod(%i: tensor<2x1xi32>, %j: tensor<3xi32>, %f: tensor<3xf32>) {
  %0 = kiln.mod %i, %j : tensor<2x1xi32>, tensor<3xi32>
  %1 = kiln.mod %f, %f {fmod = true} : tensor<3xf32>, tensor<3xf32>
  return
}

// -----

// Integer negation, absolute value and sign.
// CHECK-LABEL: func.func @integers
// CHECK: ^bb0(%[[A:[^:]+]]: i64, %{{.*}}: i64):
// CHECK: %[[NEG:.*]] = arith.subi %{{.*}}, %[[A]] : i64
// CHECK-NEXT: linalg.yield %[[NEG]] : i64
// CHECK: ^bb0(%[[B:[^:]+]]: i64, %{{.*}}: i64):
// CHECK: %[[NEGB:.*]] = arith.subi %{{.*}}, %[[B]] : i64
// CHECK: %[[ABS:.*]] = arith.maxsi %[[B]], %[[NEGB]] : i64
// CHECK-NEXT: linalg.yield %[[ABS]] : i64
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi slt
// CHECK: arith.select
// CHECK: arith.select
func.func @integers(%i: tensor<3xi64>) {
  %0 = kiln.neg %i : tensor<3xi64>
  %1 = kiln.abs %i : tensor<3xi64>
  %2 = kiln.sign %i : tensor<3xi64>
  return
}
