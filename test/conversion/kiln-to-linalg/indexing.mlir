// RUN: kiln-opt %s --convert-kiln-to-linalg -split-input-file | FileCheck %s

// Gathers read with tensor.extract inside a generic over the result; the
// index wraps when negative and is clamped into the axis.
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[T:[^:]+]]: tensor<10x4xf32>, %[[I:[^:]+]]: tensor<?x7xi64>)
// CHECK: %[[N:.*]] = tensor.dim %[[I]], %{{.*}} : tensor<?x7xi64>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x7x4xf32>
// CHECK: %[[SIZE:.*]] = tensor.dim %[[T]], %{{.*}} : tensor<10x4xf32>
// CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<?x7xi64>) outs(%[[INIT]] : tensor<?x7x4xf32>)
// CHECK: ^bb0(%[[RAW:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[IDX:.*]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[IDX]]
// CHECK: %[[ADDED:.*]] = arith.addi %[[IDX]], %[[SIZE]]
// CHECK: %[[WRAPPED:.*]] = arith.select %[[NEG]], %[[ADDED]], %[[IDX]]
// CHECK: %[[LAST:.*]] = arith.subi %[[SIZE]]
// CHECK: %[[LOW:.*]] = arith.minsi %[[WRAPPED]], %[[LAST]]
// CHECK: %[[CLAMPED:.*]] = arith.maxsi %[[LOW]]
// CHECK: %[[COL:.*]] = linalg.index 2 : index
// CHECK: %[[V:.*]] = tensor.extract %[[T]][%[[CLAMPED]], %[[COL]]] : tensor<10x4xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @gather(%table: tensor<10x4xf32>, %ids: tensor<?x7xi64>) -> tensor<?x7x4xf32> {
  %0 = kiln.gather %table, %ids : tensor<10x4xf32>, tensor<?x7xi64> -> tensor<?x7x4xf32>
  return %0 : tensor<?x7x4xf32>
}

// -----

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather_elements
// CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[ID3]]]
// CHECK: %[[A:.*]] = linalg.index 0 : index
// CHECK: %[[B:.*]] = linalg.index 1 : index
// CHECK: tensor.extract %{{.*}}[%[[A]], %[[B]], %{{.*}}] : tensor<?x3x5xf32>
func.func @gather_elements(%d: tensor<?x3x5xf32>, %i: tensor<?x3x2xi32>) -> tensor<?x3x2xf32> {
  %0 = kiln.gather_elements %d, %i {axis = 2 : i64} : tensor<?x3x5xf32>, tensor<?x3x2xi32> -> tensor<?x3x2xf32>
  return %0 : tensor<?x3x2xf32>
}

// -----

// argmax: one reduction carrying the best value (from -inf) and its index;
// keepdims re-inserts the axis with expand_shape.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[BEST:.*]] = linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : i64)
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction"]} ins(%{{.*}} : tensor<?x6xf32>) outs(%[[BEST]], %[[ZERO]] : tensor<?xf32>, tensor<?xi64>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[OLD:.*]]: f32, %[[OLDI:.*]]: i64):
// CHECK: %[[POS:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[OLD]] : f32
// CHECK: %[[XNAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[TAKE:.*]] = arith.ori %[[GT]]
// CHECK: arith.select %[[TAKE]], %[[X]], %[[OLD]] : f32
// CHECK: arith.select %[[TAKE]], %[[POS]], %[[OLDI]] : i64
// CHECK: tensor.expand_shape %[[R]]#1 {{\[}}[0, 1]] output_shape [%{{.*}}, 1] : tensor<?xi64> into tensor<?x1xi64>
func.func @argmax(%x: tensor<?x6xf32>) -> tensor<?x1xi64> {
  %0 = kiln.argmax %x {axis = 1 : i64} : tensor<?x6xf32> -> tensor<?x1xi64>
  return %0 : tensor<?x1xi64>
}

// -----

// argmin with select_last_index keeps the later of equal values (<=).
// CHECK-LABEL: func.func @argmin_last
// CHECK: arith.constant 2147483647 : i32
// CHECK: iterator_types = ["reduction"]
// CHECK: arith.cmpi sle
func.func @argmin_last(%x: tensor<7xi32>) -> tensor<i64> {
  %0 = kiln.argmin %x {keepdims = false, select_last_index = true} : tensor<7xi32> -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-DAG: #[[BMAP:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-LABEL: func.func @broadcast_to
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x1x3xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x1x3xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x5x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[BMAP]], {{.*}}]{{.*}} ins(%[[X]] : tensor<?x1x3xf32>) outs(%[[INIT]] : tensor<?x5x3xf32>)
func.func @broadcast_to(%x: tensor<?x1x3xf32>) -> tensor<?x5x3xf32> {
  %0 = kiln.broadcast_to %x {shape = array<i64: 1, 5, 1>} : tensor<?x1x3xf32> -> tensor<?x5x3xf32>
  return %0 : tensor<?x5x3xf32>
}

// -----

// tile: broadcast to [repeat, size] pairs, then collapse each pair.
// CHECK-DAG: #[[TMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-LABEL: func.func @tile
// CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<1x?x2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[TMAP]], {{.*}}]{{.*}} outs(%[[INIT]] : tensor<1x?x2x3xf32>)
// CHECK: tensor.collapse_shape %[[R]] {{\[}}[0, 1], [2, 3]] : tensor<1x?x2x3xf32> into tensor<?x6xf32>
func.func @tile(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = kiln.tile %x {repeats = array<i64: 1, 2>} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// CHECK-LABEL: func.func @depth_to_space_dcr
// CHECK: %[[E:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [%{{.*}}, 2, 2, 2, 2, 3] : tensor<?x8x2x3xf32> into tensor<?x2x2x2x2x3xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[E]] : tensor<?x2x2x2x2x3xf32>) outs(%{{.*}} : tensor<?x2x2x2x3x2xf32>) permutation = [0, 3, 4, 1, 5, 2]
// CHECK: tensor.collapse_shape %[[T]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<?x2x2x2x3x2xf32> into tensor<?x2x4x6xf32>
func.func @depth_to_space_dcr(%x: tensor<?x8x2x3xf32>) -> tensor<?x2x4x6xf32> {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : tensor<?x8x2x3xf32> -> tensor<?x2x4x6xf32>
  return %0 : tensor<?x2x4x6xf32>
}

// -----

// CHECK-LABEL: func.func @space_to_depth_crd
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4, 5]] output_shape [%{{.*}}, 2, 2, 2, 3, 2] : tensor<?x2x4x6xf32> into tensor<?x2x2x2x3x2xf32>
// CHECK: linalg.transpose {{.*}} permutation = [0, 1, 3, 5, 2, 4]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] : tensor<?x2x2x2x2x3xf32> into tensor<?x8x2x3xf32>
func.func @space_to_depth_crd(%x: tensor<?x2x4x6xf32>) -> tensor<?x8x2x3xf32> {
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64, mode = "CRD"} : tensor<?x2x4x6xf32> -> tensor<?x8x2x3xf32>
  return %0 : tensor<?x8x2x3xf32>
}

// -----

// Bilinear 2 -> 4 with half_pixel: the source coordinates are -0.25, 0.25,
// 0.75, 1.25, so the taps are rows (0, 0), (0, 1), (0, 1), (1, 1) with
// weights (0.75, 0.25), (0.75, 0.25), (0.25, 0.75), (0.25, 0.75) and the
// edge clamped.
// CHECK-LABEL: func.func @resize_linear
// CHECK-DAG: arith.constant dense<[0, 0, 0, 1]> : tensor<4xi32>
// CHECK-DAG: arith.constant dense<[0, 1, 1, 1]> : tensor<4xi32>
// CHECK-DAG: arith.constant dense<[7.500000e-01, 2.500000e-01, 7.500000e-01, 2.500000e-01]> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<[2.500000e-01, 7.500000e-01, 2.500000e-01, 7.500000e-01]> : tensor<4xf32>
// CHECK: linalg.generic
// CHECK-COUNT-4: tensor.extract %{{.*}} : tensor<?x3x2x2xf32>
// CHECK: linalg.yield
func.func @resize_linear(%x: tensor<?x3x2x2xf32>) -> tensor<?x3x4x4xf32> {
  %0 = kiln.resize %x {sizes = array<i64: 4, 4>, mode = "linear"} : tensor<?x3x2x2xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// Nearest 2 -> 4 with asymmetric coordinates and floor: each source row is
// read twice, with no weights.
// CHECK-LABEL: func.func @resize_nearest
// CHECK: arith.constant dense<[0, 0, 1, 1]> : tensor<4xi32>
// CHECK: linalg.generic
// CHECK: tensor.extract
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
func.func @resize_nearest(%x: tensor<?x3x2x2xf32>) -> tensor<?x3x4x4xf32> {
  %0 = kiln.resize %x {sizes = array<i64: 4, 4>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : tensor<?x3x2x2xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// one_hot compares the wrapped index with the position along the new axis.
// CHECK-LABEL: func.func @one_hot
// CHECK: %[[OFF:.*]] = tensor.extract %{{.*}}[%{{.*}}] : tensor<2xf32>
// CHECK: %[[ON:.*]] = tensor.extract %{{.*}}[%{{.*}}] : tensor<2xf32>
// CHECK: linalg.generic
// CHECK: arith.extsi %{{.*}} : i32 to i64
// CHECK: %[[HIT:.*]] = arith.cmpi eq
// CHECK: arith.select %[[HIT]], %[[ON]], %[[OFF]] : f32
func.func @one_hot(%i: tensor<?x3xi32>, %v: tensor<2xf32>) -> tensor<?x3x5xf32> {
  %0 = kiln.one_hot %i, %v {depth = 5 : i64} : tensor<?x3xi32>, tensor<2xf32> -> tensor<?x3x5xf32>
  return %0 : tensor<?x3x5xf32>
}

// -----

// cumsum: a second loop along the axis adds the elements on the included
// side (here strictly before: exclusive).
// CHECK-DAG: #[[CIN:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[COUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum
// CHECK: linalg.generic {indexing_maps = [#[[CIN]], #[[COUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[J:.*]] = linalg.index 2 : index
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: arith.cmpi ult, %[[J]], %[[I]] : index
func.func @cumsum(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = kiln.cumsum %x {axis = 1 : i64, exclusive = true} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
