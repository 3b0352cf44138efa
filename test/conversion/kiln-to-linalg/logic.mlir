// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Casts, comparisons, boolean logic and select become broadcasting
// linalg.generic ops with an arith body.

// CHECK-LABEL: func.func @casts
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.trunci %{{.*}} : i64 to i32
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i64
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.extui %{{.*}} : i1 to i64
func.func @casts(%f: tensor<?x3xf32>, %d: tensor<3xf64>, %i: tensor<3xi64>, %j: tensor<3xi32>, %b: tensor<3xi1>) {
  %0 = kiln.cast %f : tensor<?x3xf32> to i32
  %1 = kiln.cast %f : tensor<?x3xf32> to i1
  %2 = kiln.cast %f : tensor<?x3xf32> to f64
  %3 = kiln.cast %d : tensor<3xf64> to f32
  %4 = kiln.cast %i : tensor<3xi64> to f32
  %5 = kiln.cast %i : tensor<3xi64> to i32
  %6 = kiln.cast %j : tensor<3xi32> to i64
  %7 = kiln.cast %i : tensor<3xi64> to i1
  %8 = kiln.cast %b : tensor<3xi1> to f32
  %9 = kiln.cast %b : tensor<3xi1> to i64
  return
}

// -----

// A comparison yields i1 over the broadcast shape.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @less_broadcast
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x4xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4xi1>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x4xf32>, tensor<4xf32>) outs(%[[INIT]] : tensor<?x4xi1>)
// CHECK-NEXT: ^bb0(%[[X:[^:]+]]: f32, %[[Y:[^:]+]]: f32, %{{.*}}: i1):
// CHECK-NEXT: %[[R:.*]] = arith.cmpf olt, %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : i1
func.func @less_broadcast(%a: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xi1> {
  %0 = kiln.less %a, %b : tensor<?x4xf32>, tensor<4xf32>
  return %0 : tensor<?x4xi1>
}

// -----

// Floats compare ordered, integers signed, booleans unsigned.
// CHECK-LABEL: func.func @predicates
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oge
// CHECK: arith.cmpi eq, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi slt, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sle, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sgt, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sge, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi uge, %{{.*}}, %{{.*}} : i1
func.func @predicates(%f: tensor<3xf32>, %i: tensor<3xi32>, %b: tensor<3xi1>) {
  %0 = kiln.equal %f, %f : tensor<3xf32>, tensor<3xf32>
  %1 = kiln.less_equal %f, %f : tensor<3xf32>, tensor<3xf32>
  %2 = kiln.greater %f, %f : tensor<3xf32>, tensor<3xf32>
  %3 = kiln.greater_equal %f, %f : tensor<3xf32>, tensor<3xf32>
  %4 = kiln.equal %i, %i : tensor<3xi32>, tensor<3xi32>
  %5 = kiln.less %i, %i : tensor<3xi32>, tensor<3xi32>
  %6 = kiln.less_equal %i, %i : tensor<3xi32>, tensor<3xi32>
  %7 = kiln.greater %i, %i : tensor<3xi32>, tensor<3xi32>
  %8 = kiln.greater_equal %i, %i : tensor<3xi32>, tensor<3xi32>
  %9 = kiln.less %b, %b : tensor<3xi1>, tensor<3xi1>
  %10 = kiln.greater_equal %b, %b : tensor<3xi1>, tensor<3xi1>
  return
}

// -----

// CHECK-LABEL: func.func @logic
// CHECK: arith.andi %{{.*}}, %{{.*}} : i1
// CHECK: arith.ori %{{.*}}, %{{.*}} : i1
// CHECK: arith.xori %{{.*}}, %{{.*}} : i1
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[TRUE]] : i1
func.func @logic(%a: tensor<?x3xi1>, %b: tensor<1x3xi1>) {
  %0 = kiln.and %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  %1 = kiln.or %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  %2 = kiln.xor %a, %b : tensor<?x3xi1>, tensor<1x3xi1>
  %3 = kiln.not %a : tensor<?x3xi1>
  return
}

// -----

// The three operands of select broadcast; the batch size comes from the
// condition, the only operand with that dimension.
// CHECK-DAG: #[[COND:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[TRUE:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[FALSE:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[C:[^:]+]]: tensor<?x1x4xi1>, %[[A:[^:]+]]: tensor<3x1xf32>, %[[B:[^:]+]]: tensor<f32>)
// CHECK: %[[N:.*]] = tensor.dim %[[C]], %{{.*}} : tensor<?x1x4xi1>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x3x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[COND]], #[[TRUE]], #[[FALSE]], #[[ID]]]
// CHECK-SAME: ins(%[[C]], %[[A]], %[[B]] : tensor<?x1x4xi1>, tensor<3x1xf32>, tensor<f32>) outs(%[[INIT]] : tensor<?x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[P:[^:]+]]: i1, %[[X:[^:]+]]: f32, %[[Y:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = arith.select %[[P]], %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @select(%c: tensor<?x1x4xi1>, %a: tensor<3x1xf32>, %b: tensor<f32>) -> tensor<?x3x4xf32> {
  %0 = kiln.select %c, %a, %b : tensor<?x1x4xi1>, tensor<3x1xf32>, tensor<f32>
  return %0 : tensor<?x3x4xf32>
}
