// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Reductions become a linalg.generic with reduction iterators over the
// reduced axes, accumulating into a tensor filled with the combiner's
// identity; reduce_mean then divides by the element count; keepdims
// re-inserts the reduced axes with tensor.expand_shape.

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @reduce_sum_middle
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x3x4xf32>) outs(%[[FILL]] : tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT: %[[ADD:.*]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK-NEXT: linalg.yield %[[ADD]] : f32
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[SUM]] : tensor<?x4xf32>
func.func @reduce_sum_middle(%x: tensor<?x3x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// keepdims with a negative axis: max starts from -inf and the reduced axis
// comes back as a unit dim grouped with the kept one before it.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @reduce_max_keepdims
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x10xf32>) -> tensor<?x1xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%{{.*}}) : tensor<?xf32>
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%[[EMPTY]] : tensor<?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x10xf32>) outs(%[[FILL]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK-NEXT: arith.maximumf %[[ACC]], %[[V]] : f32
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x10xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MAX]] {{\[}}[0, 1]] output_shape [%[[N]], 1] : tensor<?xf32> into tensor<?x1xf32>
// CHECK: return %[[R]] : tensor<?x1xf32>
func.func @reduce_max_keepdims(%x: tensor<?x10xf32>) -> tensor<?x1xf32> {
  %0 = kiln.reduce_max %x {axes = array<i64: -1>, keepdims = true} : tensor<?x10xf32> -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// keepdims with several dynamic kept dims: each takes its own size.
// CHECK-LABEL: func.func @reduce_sum_keepdims_two_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3x?xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME: outs(%{{.*}} : tensor<?x?xf32>)
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x?xf32>
// CHECK-DAG: %[[L:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x?xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[SUM]] {{\[}}[0, 1], [2]] output_shape [%[[N]], 1, %[[L]]] : tensor<?x?xf32> into tensor<?x1x?xf32>
// CHECK: return %[[R]]
func.func @reduce_sum_keepdims_two_dynamic(%x: tensor<?x3x?xf32>) -> tensor<?x1x?xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>, keepdims = true} : tensor<?x3x?xf32> -> tensor<?x1x?xf32>
  return %0 : tensor<?x1x?xf32>
}

// -----

// A leading reduced axis joins the first kept dim's group.
// CHECK-LABEL: func.func @reduce_min_keepdims_leading
// CHECK: %[[MIN:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel", "reduction"]
// CHECK: tensor.expand_shape %[[MIN]] {{\[}}[0, 1, 2]] output_shape [1, 5, 1] : tensor<5xf32> into tensor<1x5x1xf32>
func.func @reduce_min_keepdims_leading(%x: tensor<2x5x3xf32>) -> tensor<1x5x1xf32> {
  %0 = kiln.reduce_min %x {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x5x3xf32> -> tensor<1x5x1xf32>
  return %0 : tensor<1x5x1xf32>
}

// -----

// Mean over H and W: sum, then divide by H * W converted to the element type.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @reduce_mean_spatial
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x4x6x6xf32>) -> tensor<2x4xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.addf
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[H:.*]] = tensor.dim %[[X]], %[[C2]] : tensor<2x4x6x6xf32>
// CHECK: %[[P1:.*]] = arith.muli %[[C1]], %[[H]] : index
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: %[[W:.*]] = tensor.dim %[[X]], %[[C3]] : tensor<2x4x6x6xf32>
// CHECK: %[[COUNT:.*]] = arith.muli %[[P1]], %[[W]] : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[SUM]] : tensor<2x4xf32>) outs(%[[EMPTY]] : tensor<2x4xf32>)
// CHECK-NEXT: ^bb0(%[[S:[^:]+]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[S]], %[[F]] : f32
// CHECK-NEXT: linalg.yield %[[Q]] : f32
// CHECK: return %[[MEAN]] : tensor<2x4xf32>
func.func @reduce_mean_spatial(%x: tensor<2x4x6x6xf32>) -> tensor<2x4xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 2, 3>} : tensor<2x4x6x6xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Mean over the dynamic batch with keepdims: the count is the runtime size.
// CHECK-LABEL: func.func @reduce_mean_dynamic_keepdims
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK-SAME: outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4xf32>
// CHECK: %[[COUNT:.*]] = arith.muli %{{.*}}, %[[N]] : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: arith.divf %{{.*}}, %[[F]] : f32
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MEAN]] {{\[}}[0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: return %[[R]]
func.func @reduce_mean_dynamic_keepdims(%x: tensor<?x4xf32>) -> tensor<1x4xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 0>, keepdims = true} : tensor<?x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Integer reductions: min starts from the largest value; the integer mean
// divides with divsi by the count truncated to the element type.
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @reduce_integer
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xi32>)
// CHECK: %[[MAXI:.*]] = arith.constant 2147483647 : i32
// CHECK: linalg.fill ins(%[[MAXI]] : i32) outs(%{{.*}} : tensor<i32>)
// CHECK: %[[MIN:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[ALL]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<i32>)
// CHECK-NEXT: ^bb0(%[[V:[^:]+]]: i32, %[[ACC:[^:]+]]: i32):
// CHECK-NEXT: arith.minsi %[[ACC]], %[[V]] : i32
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK: arith.addi
// CHECK: %[[I64:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[I32:.*]] = arith.trunci %[[I64]] : i64 to i32
// CHECK: linalg.generic
// CHECK: arith.divsi %{{.*}}, %[[I32]] : i32
// CHECK: return %[[MIN]], %{{.*}} : tensor<i32>, tensor<3xi32>
func.func @reduce_integer(%x: tensor<2x3xi32>) -> (tensor<i32>, tensor<3xi32>) {
  %0 = kiln.reduce_min %x {axes = array<i64>} : tensor<2x3xi32> -> tensor<i32>
  %1 = kiln.reduce_mean %x {axes = array<i64: 0>} : tensor<2x3xi32> -> tensor<3xi32>
  return %0, %1 : tensor<i32>, tensor<3xi32>
}

// -----

// Reducing every axis with keepdims expands a rank-0 result.
// CHECK-LABEL: func.func @reduce_all_keepdims
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<f32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[SUM]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK: return %[[R]]
func.func @reduce_all_keepdims(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64>, keepdims = true} : tensor<2x3xf32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}
