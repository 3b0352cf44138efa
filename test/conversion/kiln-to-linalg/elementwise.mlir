// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Elementwise ops become one linalg.generic over the result's shape; operands
// of lower rank or with size-1 dims are read through broadcasting maps.

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @add_broadcast_dynamic
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x3x4xf32>, %[[B:[^:]+]]: tensor<4xf32>) -> tensor<?x3x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x3x4xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x3x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[LAST]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x3x4xf32>, tensor<4xf32>) outs(%[[INIT]] : tensor<?x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]+]]: f32, %[[Y:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]] : tensor<?x3x4xf32>
func.func @add_broadcast_dynamic(%a: tensor<?x3x4xf32>, %b: tensor<4xf32>) -> tensor<?x3x4xf32> {
  %0 = kiln.add %a, %b : tensor<?x3x4xf32>, tensor<4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

// Size-1 dims read index 0: [3, 1] - [1, 5] -> [3, 5].
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @sub_outer_broadcast
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3x1xf32>, %[[B:[^:]+]]: tensor<1x5xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<3x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ROW]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<3x1xf32>, tensor<1x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK: arith.subf
func.func @sub_outer_broadcast(%a: tensor<3x1xf32>, %b: tensor<1x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.sub %a, %b : tensor<3x1xf32>, tensor<1x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// A rank-0 operand is read with an empty map; a size-1 dim against a
// dynamic result dim broadcasts too, and the dynamic size comes from the
// operand that has it.
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @mul_scalar_and_unit_dims
// CHECK-SAME: (%[[S:[^:]+]]: tensor<f32>, %[[U:[^:]+]]: tensor<1x8xf32>, %[[D:[^:]+]]: tensor<?x8xf32>)
// CHECK: %[[M:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[SCALAR]], #[[ID2]]]
// CHECK-SAME: ins(%[[D]], %[[S]] : tensor<?x8xf32>, tensor<f32>)
// CHECK: arith.mulf
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[M]], %[[C0]] : tensor<?x8xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[ID2]], #[[ID2]]]
// CHECK-SAME: ins(%[[U]], %[[M]] : tensor<1x8xf32>, tensor<?x8xf32>) outs(%[[INIT]] : tensor<?x8xf32>)
// CHECK: arith.maximumf
func.func @mul_scalar_and_unit_dims(%s: tensor<f32>, %u: tensor<1x8xf32>, %d: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = kiln.mul %d, %s : tensor<?x8xf32>, tensor<f32>
  %1 = kiln.max %u, %0 : tensor<1x8xf32>, tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}

// -----

// Binary float ops.
// CHECK-LABEL: func.func @binary_float
// CHECK: ^bb0(%[[X0:[^:]+]]: f32, %[[Y0:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.mulf %[[X0]], %[[Y0]] : f32
// CHECK: ^bb0(%[[X1:[^:]+]]: f32, %[[Y1:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.divf %[[X1]], %[[Y1]] : f32
// CHECK: ^bb0(%[[X2:[^:]+]]: f32, %[[Y2:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.powf %[[X2]], %[[Y2]] : f32
// CHECK: ^bb0(%[[X3:[^:]+]]: f32, %[[Y3:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.maximumf %[[X3]], %[[Y3]] : f32
// CHECK: ^bb0(%[[X4:[^:]+]]: f32, %[[Y4:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.minimumf %[[X4]], %[[Y4]] : f32
func.func @binary_float(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = kiln.mul %x, %y : tensor<4xf32>, tensor<4xf32>
  %1 = kiln.div %x, %y : tensor<4xf32>, tensor<4xf32>
  %2 = kiln.pow %x, %y : tensor<4xf32>, tensor<4xf32>
  %3 = kiln.max %x, %y : tensor<4xf32>, tensor<4xf32>
  %4 = kiln.min %x, %y : tensor<4xf32>, tensor<4xf32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Binary integer ops use the signed integer arith ops.
// CHECK-LABEL: func.func @binary_integer
// CHECK: ^bb0(%{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32):
// CHECK-NEXT: arith.addi
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: ^bb0(%[[B:[^:]+]]: i32, %[[E:[^:]+]]: i32, %{{.*}}: i32):
// CHECK-NEXT: %[[P:.*]] = math.ipowi %[[B]], %[[E]] : i32
// CHECK-NEXT: linalg.yield %[[P]] : i32
// CHECK-NOT: math.powf
func.func @binary_integer(%x: tensor<4xi32>, %y: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %0 = kiln.add %x, %y : tensor<4xi32>, tensor<4xi32>
  %1 = kiln.sub %x, %y : tensor<4xi32>, tensor<4xi32>
  %2 = kiln.mul %x, %y : tensor<4xi32>, tensor<4xi32>
  %3 = kiln.div %x, %y : tensor<4xi32>, tensor<4xi32>
  %4 = kiln.max %x, %y : tensor<4xi32>, tensor<4xi32>
  %5 = kiln.min %x, %y : tensor<4xi32>, tensor<4xi32>
  %6 = kiln.pow %x, %y : tensor<4xi32>, tensor<4xi32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel"]} ins(%[[X]] : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R0:.*]] = arith.negf %[[I0]] : f32
// CHECK-NEXT: linalg.yield %[[R0]] : f32
// CHECK: ^bb0(%[[I1:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.absf %[[I1]] : f32
// CHECK: ^bb0(%[[I2:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.sqrt %[[I2]] : f32
// CHECK: ^bb0(%[[I3:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.exp %[[I3]] : f32
// CHECK: ^bb0(%[[I4:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.log %[[I4]] : f32
// CHECK: ^bb0(%[[I5:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.tanh %[[I5]] : f32
func.func @unary(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = kiln.neg %x : tensor<4xf32>
  %1 = kiln.abs %x : tensor<4xf32>
  %2 = kiln.sqrt %x : tensor<4xf32>
  %3 = kiln.exp %x : tensor<4xf32>
  %4 = kiln.log %x : tensor<4xf32>
  %5 = kiln.tanh %x : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Activations, on a dynamic batch.
// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x8xf64>)

// relu(x) = max(x, 0).
// CHECK: ^bb0(%[[R:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[RELU:.*]] = arith.maximumf %[[R]], %[[ZERO]] : f64
// CHECK-NEXT: linalg.yield %[[RELU]] : f64

// leaky_relu(x) = x > 0 ? x : alpha * x.
// CHECK: ^bb0(%[[L:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f64
// CHECK-NEXT: %[[AX:.*]] = arith.mulf %[[ALPHA]], %[[L]] : f64
// CHECK-NEXT: %[[LZ:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[L]], %[[LZ]] : f64
// CHECK-NEXT: %[[LR:.*]] = arith.select %[[POS]], %[[L]], %[[AX]] : f64
// CHECK-NEXT: linalg.yield %[[LR]] : f64

// elu(x) = x > 0 ? x : alpha * expm1(x), with the default alpha 1.
// CHECK: ^bb0(%[[E:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[EA:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: %[[EM:.*]] = math.expm1 %[[E]] : f64
// CHECK-NEXT: %[[EAX:.*]] = arith.mulf %[[EA]], %[[EM]] : f64
// CHECK-NEXT: %[[EZ:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[EPOS:.*]] = arith.cmpf ogt, %[[E]], %[[EZ]] : f64
// CHECK-NEXT: %[[ER:.*]] = arith.select %[[EPOS]], %[[E]], %[[EAX]] : f64
// CHECK-NEXT: linalg.yield %[[ER]] : f64

// sigmoid(x) = 1 / (1 + exp(-x)).
// CHECK: ^bb0(%[[G:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[G]] : f64
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f64
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f64
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f64
// CHECK-NEXT: linalg.yield %[[SIG]] : f64

// softplus(x) = max(x, 0) + log1p(exp(-|x|)).
// CHECK: ^bb0(%[[P:[^:]+]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[PZ:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[P]] : f64
// CHECK-NEXT: %[[NABS:.*]] = arith.negf %[[ABS]] : f64
// CHECK-NEXT: %[[PEXP:.*]] = math.exp %[[NABS]] : f64
// CHECK-NEXT: %[[TAIL:.*]] = math.log1p %[[PEXP]] : f64
// CHECK-NEXT: %[[PMAX:.*]] = arith.maximumf %[[P]], %[[PZ]] : f64
// CHECK-NEXT: %[[SP:.*]] = arith.addf %[[PMAX]], %[[TAIL]] : f64
// CHECK-NEXT: linalg.yield %[[SP]] : f64
func.func @activations(%x: tensor<?x8xf64>) -> (tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>) {
  %0 = kiln.relu %x : tensor<?x8xf64>
  %1 = kiln.leaky_relu %x {alpha = 0.2 : f64} : tensor<?x8xf64>
  %2 = kiln.elu %x : tensor<?x8xf64>
  %3 = kiln.sigmoid %x : tensor<?x8xf64>
  %4 = kiln.softplus %x : tensor<?x8xf64>
  return %0, %1, %2, %3, %4 : tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>, tensor<?x8xf64>
}
