// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-hoist-vector-transfers))' | FileCheck %s

// The accumulator tile read and written at every step of a reduction loop
// is read once before the loop, carried through it, and written once after.
// CHECK-LABEL: func.func @accumulate
// CHECK: %[[INIT:.*]] = vector.transfer_read %{{.*}}[%{{.*}}, %{{.*}}]{{.*}} : memref<8x32xf32>, vector<8x32xf32>
// CHECK: %[[SUM:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (vector<8x32xf32>)
// CHECK-NOT: vector.transfer_write
// CHECK: vector.contract {{.*}} %[[ACC]]
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[SUM]], %{{.*}}[%{{.*}}, %{{.*}}]{{.*}} : vector<8x32xf32>, memref<8x32xf32>
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#acc = affine_map<(m, n, k) -> (m, n)>
func.func @accumulate(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %lhs = vector.transfer_read %a[%c0, %k], %pad : memref<8x64xf32>, vector<8x1xf32>
    %rhs = vector.transfer_read %b[%k, %c0], %pad : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %lhs, %rhs, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}
