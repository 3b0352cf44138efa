// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Matrix products accumulate into a zero-filled tensor: rank 2 uses
// linalg.matmul, rank 3 with equal batch dims linalg.batch_matmul, and
// broadcast batch dims a contraction linalg.generic.

// CHECK-LABEL: func.func @matmul_rank2
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x8xf32>, %[[B:[^:]+]]: tensor<8x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[M:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x8xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[M]]) : tensor<?x4xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[FILL]] : tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: return %[[R]] : tensor<?x4xf32>
func.func @matmul_rank2(%a: tensor<?x8xf32>, %b: tensor<8x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.matmul %a, %b : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A dynamic N takes its size from the right operand.
// CHECK-LABEL: func.func @matmul_rank2_dynamic_n
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3x8xi32>, %[[B:[^:]+]]: tensor<8x?xi32>)
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[N:.*]] = tensor.dim %[[B]], %[[C1]] : tensor<8x?xi32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<3x?xi32>
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : i32) outs(%[[EMPTY]] : tensor<3x?xi32>)
// CHECK: linalg.matmul ins(%[[A]], %[[B]] : tensor<3x8xi32>, tensor<8x?xi32>) outs(%[[FILL]] : tensor<3x?xi32>) -> tensor<3x?xi32>
func.func @matmul_rank2_dynamic_n(%a: tensor<3x8xi32>, %b: tensor<8x?xi32>) -> tensor<3x?xi32> {
  %0 = kiln.matmul %a, %b : tensor<3x8xi32>, tensor<8x?xi32> -> tensor<3x?xi32>
  return %0 : tensor<3x?xi32>
}

// -----

// CHECK-LABEL: func.func @matmul_rank3
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x5x8xf32>, %[[B:[^:]+]]: tensor<?x8x4xf32>) -> tensor<?x5x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[BATCH:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x5x8xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[BATCH]]) : tensor<?x5x4xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x5x4xf32>)
// CHECK: %[[R:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<?x5x8xf32>, tensor<?x8x4xf32>) outs(%[[FILL]] : tensor<?x5x4xf32>) -> tensor<?x5x4xf32>
// CHECK: return %[[R]]
func.func @matmul_rank3(%a: tensor<?x5x8xf32>, %b: tensor<?x8x4xf32>) -> tensor<?x5x4xf32> {
  %0 = kiln.matmul %a, %b : tensor<?x5x8xf32>, tensor<?x8x4xf32> -> tensor<?x5x4xf32>
  return %0 : tensor<?x5x4xf32>
}

// -----

// [B, M, K] x [K, N]: the right operand is shared by the batch.
// Loops (b, m, n, k).
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @matmul_broadcast_rhs
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x5x8xf32>, %[[B:[^:]+]]: tensor<8x4xf32>)
// CHECK: %[[FILL:.*]] = linalg.fill
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x5x8xf32>, tensor<8x4xf32>) outs(%[[FILL]] : tensor<?x5x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]+]]: f32, %[[Y:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK-NOT: linalg.batch_matmul
// CHECK: return %[[R]]
func.func @matmul_broadcast_rhs(%a: tensor<?x5x8xf32>, %b: tensor<8x4xf32>) -> tensor<?x5x4xf32> {
  %0 = kiln.matmul %a, %b : tensor<?x5x8xf32>, tensor<8x4xf32> -> tensor<?x5x4xf32>
  return %0 : tensor<?x5x4xf32>
}

// -----

// [2, 1, M, K] x [3, K, N] -> [2, 3, M, N]: the size-1 batch dim reads 0.
// Loops (b0, b1, m, n, k).
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_broadcast_batch
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3x5x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<2x1x5x8xf32>, tensor<3x8x4xf32>) outs(%{{.*}} : tensor<2x3x5x4xf32>)
func.func @matmul_broadcast_batch(%a: tensor<2x1x5x8xf32>, %b: tensor<3x8x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = kiln.matmul %a, %b : tensor<2x1x5x8xf32>, tensor<3x8x4xf32> -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

// -----

// Rank-3 operands whose batch dim broadcasts from 1 are not a batch_matmul.
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d3)>
// CHECK-LABEL: func.func @matmul_rank3_unit_batch
// CHECK-NOT: linalg.batch_matmul
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #{{.*}}, #{{.*}}]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x5x8xf64>, tensor<6x8x4xf64>) outs(%{{.*}} : tensor<6x5x4xf64>)
func.func @matmul_rank3_unit_batch(%a: tensor<1x5x8xf64>, %b: tensor<6x8x4xf64>) -> tensor<6x5x4xf64> {
  %0 = kiln.matmul %a, %b : tensor<1x5x8xf64>, tensor<6x8x4xf64> -> tensor<6x5x4xf64>
  return %0 : tensor<6x5x4xf64>
}
