// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-vectorize))' -split-input-file | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-vectorize{vector-width=8}))' -split-input-file | FileCheck %s --check-prefix=WIDTH8

// A static matmul is tiled by an 8 x 2V register block (V = 16) over M and
// N and by 1 over K; each tile becomes one vector.contract.

// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[ACC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_static
// CHECK-SAME: (%[[A:[^:]+]]: tensor<16x8xf32>, %[[B:[^:]+]]: tensor<8x64xf32>, %[[C:[^:]+]]: tensor<16x64xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %[[C0]] to %[[C16]] step %[[C8]] iter_args(%{{.*}} = %[[C]]) -> (tensor<16x64xf32>)
// CHECK: scf.for %[[J:.*]] = %[[C0]] to %[[C64]] step %[[C32]] iter_args(%{{.*}}) -> (tensor<16x64xf32>)
// CHECK: scf.for %[[K:.*]] = %[[C0]] to %[[C8]] step %[[C1]] iter_args(%[[OUT:.*]] = %{{.*}}) -> (tensor<16x64xf32>)
// CHECK: %[[AT:.*]] = tensor.extract_slice %[[A]][%[[I]], %[[K]]] [8, 1] [1, 1] : tensor<16x8xf32> to tensor<8x1xf32>
// CHECK: %[[BT:.*]] = tensor.extract_slice %[[B]][%[[K]], %[[J]]] [1, 32] [1, 1] : tensor<8x64xf32> to tensor<1x32xf32>
// CHECK: %[[CT:.*]] = tensor.extract_slice %[[OUT]][%[[I]], %[[J]]] [8, 32] [1, 1] : tensor<16x64xf32> to tensor<8x32xf32>
// CHECK: %[[AV:.*]] = vector.transfer_read %[[AT]]{{.*}} {in_bounds = [true, true]} : tensor<8x1xf32>, vector<8x1xf32>
// CHECK: %[[BV:.*]] = vector.transfer_read %[[BT]]{{.*}} {in_bounds = [true, true]} : tensor<1x32xf32>, vector<1x32xf32>
// CHECK: %[[CV:.*]] = vector.transfer_read %[[CT]]{{.*}} {in_bounds = [true, true]} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK: %[[RV:.*]] = vector.contract {indexing_maps = [#[[LHS]], #[[RHS]], #[[ACC]]], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %[[AV]], %[[BV]], %[[CV]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: %[[W:.*]] = vector.transfer_write %[[RV]], %[[CT]]{{.*}} : vector<8x32xf32>, tensor<8x32xf32>
// CHECK: tensor.insert_slice %[[W]] into %[[OUT]][%[[I]], %[[J]]] [8, 32] [1, 1] : tensor<8x32xf32> into tensor<16x64xf32>
// CHECK-NOT: linalg.matmul
// CHECK: return %[[R]]

// With a vector width of 8 the register block is 8 x 16.
// WIDTH8-LABEL: func.func @matmul_static
// WIDTH8: vector.contract
// WIDTH8-SAME: : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
func.func @matmul_static(%a: tensor<16x8xf32>, %b: tensor<8x64xf32>, %c: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x64xf32>)
                     outs(%c : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

// An elementwise generic is tiled by V = 16 along its innermost dim and by 1
// along the others; its body becomes vector<1x16> arithmetic.
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x64xf32>, %[[Y:[^:]+]]: tensor<4x64xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %[[C4]] step %[[C1]]
// CHECK: scf.for %[[J:.*]] = %[[C0]] to %[[C64]] step %[[C16]]
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[I]], %[[J]]] [1, 16] [1, 1] : tensor<4x64xf32> to tensor<1x16xf32>
// CHECK: %[[YT:.*]] = tensor.extract_slice %[[Y]][%[[I]], %[[J]]] [1, 16] [1, 1] : tensor<4x64xf32> to tensor<1x16xf32>
// CHECK: %[[XV:.*]] = vector.transfer_read %[[XT]]{{.*}} : tensor<1x16xf32>, vector<1x16xf32>
// CHECK: %[[YV:.*]] = vector.transfer_read %[[YT]]{{.*}} : tensor<1x16xf32>, vector<1x16xf32>
// CHECK: %[[S:.*]] = arith.addf %[[XV]], %[[YV]] : vector<1x16xf32>
// CHECK: %[[E:.*]] = math.exp %[[S]] : vector<1x16xf32>
// CHECK: vector.transfer_write %[[E]], %{{.*}} : vector<1x16xf32>, tensor<1x16xf32>
// CHECK-NOT: linalg.generic

// WIDTH8-LABEL: func.func @elementwise
// WIDTH8: arith.addf %{{.*}}, %{{.*}} : vector<1x8xf32>
// WIDTH8: math.exp %{{.*}} : vector<1x8xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise(%x: tensor<4x64xf32>, %y: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %e = tensor.empty() : tensor<4x64xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
         ins(%x, %y : tensor<4x64xf32>, tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %m = math.exp %s : f32
    linalg.yield %m : f32
  } -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// With dynamic M and N each tile loop is peeled: the main loops run to the
// largest multiple of the tile size and hold vectorized 8 x 32 blocks. The
// rows left over from M are tiled again one row at a time, so they are
// vectorized too; only the columns left over from a dynamic N keep a
// linalg.matmul on partial tiles.
// CHECK-DAG: #[[FLOOR8:.*]] = affine_map<()[s0] -> ((s0 floordiv 8) * 8)>
// CHECK-DAG: #[[FLOOR32:.*]] = affine_map<()[s0] -> ((s0 floordiv 32) * 32)>
// CHECK-LABEL: func.func @matmul_dynamic
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x8xf32>, %[[B:[^:]+]]: tensor<8x?xf32>, %[[C:[^:]+]]: tensor<?x?xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[M:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x8xf32>
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<8x?xf32>
// CHECK: %[[MMAIN:.*]] = affine.apply #[[FLOOR8]]()[%[[M]]]
// CHECK: %[[MAIN:.*]] = scf.for %[[I:.*]] = %[[C0]] to %[[MMAIN]] step %[[C8]]
// CHECK: %[[NMAIN:.*]] = affine.apply #[[FLOOR32]]()[%[[N]]]
// CHECK: %[[FULL:.*]] = scf.for %{{.*}} = %[[C0]] to %[[NMAIN]] step %[[C32]]
// CHECK: vector.contract
// CHECK-SAME: : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: scf.for %{{.*}} = %[[NMAIN]] to %[[N]] step %[[C32]] iter_args(%{{.*}} = %[[FULL]])
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<1x1xf32>, tensor<1x?xf32>) outs(%{{.*}} : tensor<1x?xf32>) -> tensor<1x?xf32>
// CHECK: %[[REM:.*]] = scf.for %{{.*}} = %[[MMAIN]] to %[[M]] step %[[C8]] iter_args(%{{.*}} = %[[MAIN]])
// CHECK: vector.contract
// CHECK-SAME: : vector<1x1xf32>, vector<1x32xf32> into vector<1x32xf32>
// CHECK: return %[[REM]] : tensor<?x?xf32>
func.func @matmul_dynamic(%a: tensor<?x8xf32>, %b: tensor<8x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x8xf32>, tensor<8x?xf32>)
                     outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Named convolutions and pooling are left for the loop lowering.
// CHECK-LABEL: func.func @pooling_untouched
// CHECK-NOT: scf.for
// CHECK: linalg.pooling_nchw_max
// CHECK-NOT: vector.
func.func @pooling_untouched(%x: tensor<1x2x8x8xf32>, %init: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%x, %w : tensor<1x2x8x8xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// A dynamic batch of rows times static weights, as in a dense layer: the
// 8-row blocks and the leftover rows are all vectorized.
// CHECK-LABEL: func.func @matmul_dynamic_rows
// CHECK: vector.contract
// CHECK-SAME: : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.contract
// CHECK-SAME: : vector<8x1xf32>, vector<1x13xf32> into vector<8x13xf32>
// CHECK: vector.contract
// CHECK-SAME: : vector<1x1xf32>, vector<1x32xf32> into vector<1x32xf32>
// CHECK: vector.contract
// CHECK-SAME: : vector<1x1xf32>, vector<1x13xf32> into vector<1x13xf32>
// CHECK-NOT: linalg.matmul
func.func @matmul_dynamic_rows(%a: tensor<?x16xf32>, %b: tensor<16x45xf32>, %c: tensor<?x45xf32>) -> tensor<?x45xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x16xf32>, tensor<16x45xf32>)
                     outs(%c : tensor<?x45xf32>) -> tensor<?x45xf32>
  return %0 : tensor<?x45xf32>
}

// -----

// On buffers (as in Kiln's pipeline, which tiles after bufferization) the
// tiles are subviews and the vector ops read and write memory directly;
// copies between strided views are vectorized too.
// CHECK-LABEL: func.func @matmul_and_copy_on_buffers
// CHECK: scf.for
// CHECK: memref.subview
// CHECK: vector.transfer_read {{.*}} : memref<8x1xf32, strided<[64, 1], offset: ?>>, vector<8x1xf32>
// CHECK: vector.contract
// CHECK-SAME: : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.transfer_write {{.*}} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1], offset: ?>>
// CHECK-NOT: linalg.matmul
// CHECK: vector.transfer_read {{.*}} : memref<1x16xf32, strided<[32, 1], offset: ?>>, vector<1x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x16xf32>, memref<1x16xf32, strided<[64, 1], offset: ?>>
// CHECK-NOT: linalg.copy
func.func @matmul_and_copy_on_buffers(%a: memref<16x64xf32>, %b: memref<64x32xf32>, %c: memref<16x32xf32>, %d: memref<16x64xf32>) {
  linalg.matmul ins(%a, %b : memref<16x64xf32>, memref<64x32xf32>) outs(%c : memref<16x32xf32>)
  %view = memref.subview %d[0, 16] [16, 32] [1, 1] : memref<16x64xf32> to memref<16x32xf32, strided<[64, 1], offset: 16>>
  linalg.copy ins(%c : memref<16x32xf32>) outs(%view : memref<16x32xf32, strided<[64, 1], offset: 16>>)
  return
}
