// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-vectorize{vector-width=8 register-rows=6}))' | FileCheck %s

// A contraction of at least 128 columns is blocked for the caches: panels of
// 2V = 16 columns outermost (the parallel loop), blocks of 256 reduction
// steps inside, the right-hand panel copied into a dense 256 x 16 buffer,
// then 6 x 16 register blocks that read the copy.
// CHECK-LABEL: func.func @gemm
// CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %c16 {
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c256 {
// CHECK: %[[PANEL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<256x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x8xf32>, memref<1x8xf32, strided<[16, 1]
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c6 {
// CHECK: scf.for %[[KK:.*]] = %{{.*}} to %{{.*}} step %c1 {
// CHECK: memref.subview %[[PANEL]][%[[KK]], 0] [1, 16]
// CHECK: vector.contract {{.*}} : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
// CHECK: } {kiln.parallel}
// CHECK-NEXT: }
// CHECK-NEXT: } {kiln.parallel}
func.func @gemm(%a: memref<24x512xf32>, %b: memref<512x512xf32>, %c: memref<24x512xf32>) {
  linalg.matmul ins(%a, %b : memref<24x512xf32>, memref<512x512xf32>) outs(%c : memref<24x512xf32>)
  return
}

// Fewer columns: register blocks only, rows outermost, no copy.
// CHECK-LABEL: func.func @narrow
// CHECK-NOT: memref.alloc
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c6 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 {
// CHECK: vector.contract
func.func @narrow(%a: memref<24x512xf32>, %b: memref<512x64xf32>, %c: memref<24x64xf32>) {
  linalg.matmul ins(%a, %b : memref<24x512xf32>, memref<512x64xf32>) outs(%c : memref<24x64xf32>)
  return
}
